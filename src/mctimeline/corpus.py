"""The streaming build: a pure per-document stage (`document`) and a reduce over documents (`timeline`).

`document(seed)` tags one text, describes its source and describes every mention
by its clause; the text is folded once and shared by those stages, and is not
kept: a `Document` holds only the source row, the mentions and their anchors, and
pickles, so that the stage can run anywhere (`dask_documents` runs it on a Dask
cluster). `timeline(documents)` reduces documents, in any number, to the
Timeline the writers write; its memory grows with mentions and events, never with
the text read: values documents repeat are held once (sharing.py), and each event's
anchors are dropped once it is made (events.assemble_sources). The order of documents
does not change the result.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, Literal

from mctimeline import events as events_mod
from mctimeline import gazetteer, processes, sources
from mctimeline import published as published_mod
from mctimeline.gcpause import paused_gc
from mctimeline.mentions import Mention
from mctimeline.normalize import detect_language
from mctimeline.records import pickled_by_fields
from mctimeline.seeds import SeedText
from mctimeline.sharing import Shared
from mctimeline.store import Scratch
from mctimeline.timeline import PlacedMention, Series, Timeline

Engine = Literal["local", "dask"]
ENGINES: tuple[Engine, ...] = ("local", "dask")
CHUNK = 32  # documents per task of the local engine's workers
# Documents per Dask task: enough to hide the scheduler's and the client's cost a task (about
# 4.7 ms of the building process's CPU). At 4,000 documents on two local workers, 128 against 32
# shortened the documents stage by 0.4-0.5 s in two rounds (64 in between); at 1,000 the same.
DASK_CHUNK = 128
# The last Dask tasks shrink to this many documents (dask_batches): with the stream's last
# texts in chunks of 128 (0.55 s of a worker), one worker sat idle while the other finished
# the last chunk, and the building process then reduced all 128 documents after it came in.
DASK_TAIL_CHUNK = CHUNK
IN_FLIGHT_PER_WORKER = 4  # Dask tasks submitted and not yet taken, per worker (dask_documents)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """What the build keeps of one text: its source row, its tagged mentions and their anchors."""

    source: sources.Source
    mentions: tuple[Mention, ...]
    anchors: events_mod.SourceAnchors


def document(seed: SeedText) -> Document:
    """Tag one text and describe it: the per-document stage, pure (the same seed, the same Document)."""
    from mctimeline.tagger import tag

    meta = seed.meta
    published = published_mod.given(meta.published, published_mod.IN_METADATA)
    # The language is read once: the tagger and the source record would each detect it.
    language = meta.language or detect_language(seed.text)
    mentions = tuple(tag(seed.text, language, published))
    folded = gazetteer.FoldedText.of(seed.text)
    source = sources.source_from_bytes(
        seed.path,
        seed.data,
        seed.text,
        mentions,
        folded.text,
        meta,
        seed.source_id,
        language,
        words=folded.words(),
    )
    return Document(source, mentions, events_mod.source_anchors(source, seed.text, mentions, folded))


def documents_of(seeds: list[SeedText]) -> list[Document]:
    """`document` of several seeds: one Dask task."""
    return [document(seed) for seed in seeds]


def timeline(
    documents: Iterable[Document], series: tuple[Series, ...] = (), scratch: Scratch | None = None
) -> Timeline:
    """Reduce documents to the Timeline: assemble events across them and place every mention.

    With `scratch`, once `scratch.min_docs` documents have been read the sources and mentions,
    then the events and rows, go to its store on disk (the anchors held so far parked in place)
    and the Timeline reads them back from there (stored.StoredTimeline): the same records, in
    the same order.
    """
    # The collector's full passes over a growing heap were a sixth of the pipeline at 3,000 documents.
    with paused_gc():
        return _timeline(documents, series, scratch)


def _timeline(documents: Iterable[Document], series: tuple[Series, ...], scratch: Scratch | None) -> Timeline:
    source_rows: list[sources.Source] = []
    mentions_of: list[tuple[str, tuple[Mention, ...]]] = []
    # The anchors of the documents in `mentions_of`: parked in place once the build spills.
    anchors_of: list[events_mod.SourceAnchors] = []
    shared = Shared()
    spill = scratch is not None and scratch.min_docs == 0

    def anchors() -> Iterator[events_mod.SourceAnchors]:
        nonlocal spill
        for doc in documents:
            if spill and scratch is not None:
                scratch.add_source(doc.source)  # read back by the writers: not held here
                # Of each anchor's mention only what the merge compares stays in memory (Scratch.park),
                # and only that is shared: the rest goes to disk as it came.
                scratch.add_mentions(doc.source.source_id, doc.mentions)
                scratch.add_rows(doc.anchors.loose)
                parked = scratch.park(doc.anchors)
                shared.parked(doc.source, parked)
                yield parked
                continue
            source_rows.append(doc.source)
            shared.document(doc.source, doc.mentions, doc.anchors)
            mentions_of.append((doc.source.source_id, doc.mentions))
            if scratch is not None:
                anchors_of.append(doc.anchors)
            if scratch is not None and len(mentions_of) >= scratch.min_docs:
                spill = True
                _spill_held(scratch, source_rows, mentions_of, anchors_of)
            yield doc.anchors

    events, reconciliations, event_of = events_mod.assemble_sources(
        anchors(), lambda: scratch if spill else None
    )
    if spill and scratch is not None:
        from mctimeline.stored import StoredTimeline

        scratch.finish()
        return StoredTimeline.of(scratch, series)
    # A mention of an event is placed with its reference's id, not a second copy of the string.
    ids = {source_id: [""] * len(mentions) for source_id, mentions in mentions_of}
    for event in events:
        for ref in event.mentions:
            ids[ref.source_id][ref.index] = ref.mention_id
    placed = []
    for source_id, mentions in mentions_of:
        held = ids.pop(source_id)
        for mention, known in zip(mentions, held, strict=True):
            mention_id = known or events_mod.mention_id(source_id, mention)
            placed.append(PlacedMention(mention_id, source_id, mention, event_of.get(mention_id, "")))
    return Timeline(
        sources=tuple(source_rows),
        mentions=tuple(placed),
        events=tuple(events),
        reconciliations=tuple(reconciliations),
        series=series,
    )


def _spill_held(
    scratch: Scratch,
    source_rows: list[sources.Source],
    mentions_of: list[tuple[str, tuple[Mention, ...]]],
    anchors_of: list[events_mod.SourceAnchors],
) -> None:
    """The documents held so far to the store, emptying the lists: their sources and mentions on
    disk, their anchors parked in place (what the merge compares stays, as for the documents after).
    A document at a time, its whole mentions let go before the next one's are parked: all at once,
    the parked copies and the whole ones had raised a 20,000-document build's peak by 18 MB."""
    for source in source_rows:
        scratch.add_source(source)
    source_rows.clear()
    # Taken from the end (reversed first): each one let go as it is stored, in the order read.
    mentions_of.reverse()
    anchors_of.reverse()
    while mentions_of:
        source_id, mentions = mentions_of.pop()
        scratch.add_mentions(source_id, mentions)
        scratch.park_held(anchors_of.pop())
        del mentions


def documents(
    seeds: Iterable[SeedText],
    engine: Engine = "local",
    scheduler: str | None = None,
    **cluster: Any,
) -> Iterator[Document]:
    """The Documents of `seeds`, in their order, made in this process or on a Dask cluster."""
    if engine == "local":
        return local_documents(seeds, **cluster)
    if engine == "dask":
        return dask_documents(seeds, scheduler, **cluster)
    raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")


# Below this many texts, starting worker processes (each imports the tagger and its data)
# costs more than they save.
POOL_MIN_DOCS = 200
WORKERS_ENV = "MCTIMELINE_WORKERS"


def local_documents(
    seeds: Iterable[SeedText], workers: int | None = None, *, chunk: int = CHUNK
) -> Iterator[Document]:
    """The Documents of `seeds` in their order, made here or by worker processes on this machine.

    `workers` processes (None: one per core, or MCTIMELINE_WORKERS, when there are
    POOL_MIN_DOCS texts or more and this process may start workers; 1: this process).
    The texts are read here and sent in chunks of `chunk`, at most two per worker in
    flight, so memory stays flat; a Document is the same wherever it is made.
    """
    seed_iter = iter(seeds)
    head = list(islice(seed_iter, POOL_MIN_DOCS if workers is None else 0))
    if workers is None:
        workers = _local_workers(len(head))
    rest = chain(head, seed_iter)
    if workers <= 1:
        return map(document, rest)
    return _pooled_documents(rest, workers, chunk)


def _local_workers(seen: int) -> int:
    configured = processes.workers_from_env(WORKERS_ENV)
    if configured is not None:
        return configured if processes.may_start_workers() else 1
    if seen < POOL_MIN_DOCS or not processes.may_start_workers():
        return 1
    return processes.cores()


def _pooled_documents(seeds: Iterator[SeedText], workers: int, chunk: int) -> Iterator[Document]:
    pending: deque[tuple[list[SeedText], Future[list[Document]]]] = deque()
    try:
        # Forked from a server that warmed the stage, or spawned (processes.context): safe
        # whatever threads this process runs.
        with ProcessPoolExecutor(workers, mp_context=processes.context()) as pool:
            while batch := list(islice(seeds, chunk)):
                pending.append((batch, pool.submit(documents_of, batch)))
                if len(pending) > 2 * workers:
                    yield from pending[0][1].result()
                    pending.popleft()
            while pending:
                yield from pending[0][1].result()
                pending.popleft()
    except (BrokenProcessPool, NotImplementedError, OSError):
        # No workers to be had (no working semaphores, a limit on processes), or one died
        # before answering: the texts not answered yet are made here. A real error in a
        # text is raised again here, by the same text.
        for batch, _ in pending:
            yield from map(document, batch)
        yield from map(document, seeds)


def dask_documents(
    seeds: Iterable[SeedText],
    scheduler: str | None = None,
    *,
    chunk: int = DASK_CHUNK,
    workers: int | None = None,
    processes: bool = True,
) -> Iterator[Document]:
    """The Documents of `seeds` made on a Dask cluster, yielded in the order of `seeds`.

    `scheduler` is the address of a running scheduler (tcp://host:8786); without it a
    LocalCluster of `workers` single-threaded workers (default: one per core; see daskcluster) is
    started here and closed at the end. The client reads the texts and ships them in
    chunks of `chunk` documents, smaller at the end (dask_batches); at most IN_FLIGHT_PER_WORKER
    chunks per worker are in flight, and a chunk a worker more is read ahead, so the client
    holds a bounded number of texts whatever the corpus size. Workers need
    mctimeline installed (the same version), not the seed folder.
    """
    import importlib.util

    missing = RuntimeError("--engine dask needs Dask's distributed scheduler: pip install 'mctimeline[dask]'")
    if importlib.util.find_spec("distributed") is None:
        raise missing
    if not scheduler and processes:
        from mctimeline.daskcluster import start_fork_server

        start_fork_server()  # its imports beside this process's own, below
    try:
        from dask.distributed import Client
    except ImportError:
        raise missing from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        from mctimeline.daskcluster import local_cluster

        cluster = local_cluster(workers, processes)
        client = Client(cluster)
    try:
        # Tasks are taken in order: while one waits on a slow chunk, the chunks after it must
        # keep every worker busy. The scheduler holds those a worker has no room for and hands
        # each to the first worker free, as a pool's queue does; at two per worker, a worker
        # that had finished its two sat idle until the oldest chunk came in.
        workers_up = max(1, len(client.scheduler_info().get("workers", {})))
        depth = IN_FLIGHT_PER_WORKER * workers_up
        in_flight: deque[Any] = deque()
        for batch in dask_batches(iter(seeds), chunk, workers_up):
            in_flight.append(client.submit(documents_of, batch, pure=False))
            if len(in_flight) >= depth:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dask_batches(
    seeds: Iterator[SeedText], chunk: int, workers: int, least: int = DASK_TAIL_CHUNK
) -> Iterator[list[SeedText]]:
    """`seeds` in order, in lists of `chunk` but for the stream's end, which shrinks to lists of
    `least` (no more than `chunk`) so that `workers` workers finish together.

    The end is seen `workers * chunk` texts ahead (those are held here), and what is left then
    is cut as guided self-scheduling does: each list a `2 * workers`-th of the rest.
    """
    least = max(1, min(least, chunk))
    ahead: deque[SeedText] = deque()
    held = workers * chunk
    for seed in seeds:
        ahead.append(seed)
        if len(ahead) >= chunk + held:
            yield [ahead.popleft() for _ in range(chunk)]
    while ahead:
        size = min(chunk, len(ahead), max(least, -(-len(ahead) // (2 * workers))))
        yield [ahead.popleft() for _ in range(size)]


def with_progress(
    docs: Iterable[Document], report: Callable[[int, int], None] | None, total: int
) -> Iterator[Document]:
    """`docs` unchanged, calling `report(done, total)` after each (a progress bar's update)."""
    for done, doc in enumerate(docs, 1):
        yield doc
        if report is not None:
            report(done, total)
