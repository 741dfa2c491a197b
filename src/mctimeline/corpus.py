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
from dataclasses import dataclass
from itertools import islice
from typing import Any, Literal

from mctimeline import events as events_mod
from mctimeline import gazetteer, sources
from mctimeline import published as published_mod
from mctimeline.gcpause import paused_gc
from mctimeline.mentions import Mention
from mctimeline.seeds import SeedText
from mctimeline.sharing import Shared
from mctimeline.timeline import PlacedMention, Series, Timeline

Engine = Literal["local", "dask"]
ENGINES: tuple[Engine, ...] = ("local", "dask")
CHUNK = 32  # documents per Dask task: enough to hide the scheduler's per-task cost


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
    mentions = tuple(tag(seed.text, meta.language or "auto", published))
    folded = gazetteer.FoldedText.of(seed.text)
    source = sources.source_from_bytes(
        seed.path, seed.data, seed.text, mentions, folded.text, meta, seed.source_id
    )
    return Document(source, mentions, events_mod.source_anchors(source, seed.text, mentions, folded))


def documents_of(seeds: list[SeedText]) -> list[Document]:
    """`document` of several seeds: one Dask task."""
    return [document(seed) for seed in seeds]


def timeline(documents: Iterable[Document], series: tuple[Series, ...] = ()) -> Timeline:
    """Reduce documents to the Timeline: assemble events across them and place every mention."""
    # The collector's full passes over a growing heap were a sixth of the pipeline at 3,000 documents.
    with paused_gc():
        return _timeline(documents, series)


def _timeline(documents: Iterable[Document], series: tuple[Series, ...]) -> Timeline:
    source_rows: list[sources.Source] = []
    mentions_of: list[tuple[str, tuple[Mention, ...]]] = []
    shared = Shared()

    def anchors() -> Iterator[events_mod.SourceAnchors]:
        for doc in documents:
            shared.document(doc.source, doc.mentions, doc.anchors)
            source_rows.append(doc.source)
            mentions_of.append((doc.source.source_id, doc.mentions))
            yield doc.anchors

    events, reconciliations, event_of = events_mod.assemble_sources(anchors())
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


def documents(
    seeds: Iterable[SeedText],
    engine: Engine = "local",
    scheduler: str | None = None,
    **cluster: Any,
) -> Iterator[Document]:
    """The Documents of `seeds`, in their order, made in this process or on a Dask cluster."""
    if engine == "local":
        return map(document, seeds)
    if engine == "dask":
        return dask_documents(seeds, scheduler, **cluster)
    raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")


def dask_documents(
    seeds: Iterable[SeedText],
    scheduler: str | None = None,
    *,
    chunk: int = CHUNK,
    workers: int | None = None,
    processes: bool = True,
) -> Iterator[Document]:
    """The Documents of `seeds` made on a Dask cluster, yielded in the order of `seeds`.

    `scheduler` is the address of a running scheduler (tcp://host:8786); without it a
    LocalCluster of `workers` single-threaded workers (default: one per core) is
    started here and closed at the end. The client reads the texts and ships them in
    chunks of `chunk` documents; at most two chunks per worker are in flight, so the
    client holds a bounded number of texts whatever the corpus size. Workers need
    mctimeline installed (the same version), not the seed folder.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError(
            "--engine dask needs Dask's distributed scheduler: pip install 'mctimeline[dask]'"
        ) from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        import logging

        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            silence_logs=logging.ERROR,  # tasks cancelled when a bad seed stops the build are not news
        )
        client = Client(cluster)
    try:
        depth = 2 * max(1, len(client.scheduler_info().get("workers", {})))
        in_flight: deque[Any] = deque()
        seed_iter = iter(seeds)
        while batch := list(islice(seed_iter, chunk)):
            in_flight.append(client.submit(documents_of, batch, pure=False))
            if len(in_flight) >= depth:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def with_progress(
    docs: Iterable[Document], report: Callable[[int, int], None] | None, total: int
) -> Iterator[Document]:
    """`docs` unchanged, calling `report(done, total)` after each (a progress bar's update)."""
    for done, doc in enumerate(docs, 1):
        yield doc
        if report is not None:
            report(done, total)
