"""The build: seeds/*.txt through the pipeline into a validated data package, swapped in atomically."""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mctimeline import ownership, swap
from mctimeline.gcpause import paused_gc
from mctimeline.mentions import Mention
from mctimeline.seeds import MAX_SEED_BYTES, SeedError, SeedText, iter_seeds, list_seeds, shown
from mctimeline.sources import Source
from mctimeline.store import Scratch
from mctimeline.swap import BuildError, write_whole
from mctimeline.timeline import PlacedMention, Series, Timeline

if TYPE_CHECKING:
    from mctimeline.validate.early import Early

__all__ = [
    "BadSeeds",
    "BuildError",
    "BuildSummary",
    "InvalidPackage",
    "build",
    "write_timeline",
    "write_whole",
]


class BadSeeds(BuildError):
    """The seeds cannot be read (a file that is not UTF-8 text, too large, a symlink...): bad input."""


class InvalidPackage(BuildError):
    """The written package failed validation; `problems` lists why."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"the built package is invalid ({len(problems)} problems): " + "; ".join(problems[:5])
        )


@dataclass(frozen=True)
class BuildSummary:
    """What a build wrote, for the command's one-paragraph report."""

    out: Path
    sources: int
    mentions: int
    events: int
    conflicts: int  # reconciliation rows but those counted below (unresolved, not happenings)
    feeds: tuple[str, ...]
    warnings: tuple[str, ...] = field(default=())
    # (stage, seconds) in the order run: where a build's time went (`mctimeline build --timings`).
    # Wall-clock figures for the reader only; nothing written to the package depends on them.
    timings: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    # Mentions that name a day only relative to a reference date the text lacks: not conflicts.
    unresolved: int = 0
    # Dated mentions that name no happening (since/until/by/forecast, a number's year…): no
    # event, a `not-a-happening` row each, and not conflicts either.
    not_happenings: int = 0
    # Seconds from the build's start to its last stage's end (0: not timed). Less than the
    # stages' sum when some ran side by side (the views beside the feeds, see `writing`).
    wall: float = field(default=0.0, compare=False)


# --- the pipeline -------------------------------------------------------------------


def make_timeline(seed_texts: Iterable[SeedText]) -> Timeline:
    """Tag every text, describe every source, assemble events: the Timeline the writers write.

    Streaming: one text at a time is tagged and described (corpus.document), then
    dropped; only its mentions and their anchors are kept for the reduce.
    """
    from mctimeline import corpus

    return corpus.timeline(map(corpus.document, seed_texts), gazetteer_series())


def timeline_from_corpus(corpus: list[tuple[Source, str, list[Mention]]]) -> Timeline:
    """Assemble the events of tagged sources and place every mention in the corpus."""
    from mctimeline import events as events_mod

    events, reconciliations, event_of = events_mod.assemble(corpus)
    placed = []
    for source, _text, mentions in corpus:
        for mention in mentions:
            mention_id = events_mod.mention_id(source.source_id, mention)
            placed.append(PlacedMention(mention_id, source.source_id, mention, event_of.get(mention_id, "")))
    return Timeline(
        sources=tuple(source for source, _, _ in corpus),
        mentions=tuple(placed),
        events=tuple(events),
        reconciliations=tuple(reconciliations),
        series=gazetteer_series(),
    )


def gazetteer_series() -> tuple[Series, ...]:
    """The gazetteer's conference series as the package's `series` rows."""
    from mctimeline import gazetteer

    return tuple(_as_series(s) for s in gazetteer.series_entries())


def _as_series(record: Any) -> Series:
    def text(name: str) -> str:
        value = getattr(record, name, "")
        return value if isinstance(value, str) else ""

    return Series(
        series_id=record.series_id,
        name_en=text("name_en"),
        name_fa=text("name_fa"),
        name_ar=text("name_ar"),
        organizer=text("organizer"),
        location=text("location"),
    )


def build(
    seeds: str | os.PathLike[str],
    out: str | os.PathLike[str],
    max_seed_bytes: int = MAX_SEED_BYTES,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cluster: dict[str, Any] | None = None,
) -> BuildSummary:
    """Build the data package of the texts in `seeds` into `out`, atomically.

    The texts are read one at a time and each is tagged and described on this machine
    (`engine` "local": by worker processes for a large corpus, see corpus.local_documents;
    `cluster` may give their number as "workers") or on a Dask cluster ("dask":
    `scheduler`'s address, else a local cluster made with `cluster`'s options, see
    corpus.dask_documents); the output is the same bytes either way.
    `progress(done, total)` is called after each document.

    Raises BuildError (BadSeeds when a seed cannot be read, InvalidPackage when the
    result fails validation); then `out` is exactly as it was before and no temporary
    folder is left behind.
    """
    seeds, out = Path(seeds), Path(out)
    # A large corpus's mentions, events and rows go to a scratch store on disk, removed (with the
    # folder it made) when the build ends, however it ends.
    started: list[Early] = []  # validation's helpers, once the documents are all in
    with Scratch() as scratch:
        try:
            summary, warnings, clock = _build(
                seeds, out, max_seed_bytes, engine, scheduler, progress, cluster, (scratch, started)
            )
        finally:
            for early in started:
                early.close()  # the build failed before it took them; else closed already
    return BuildSummary(
        summary.out,
        summary.sources,
        summary.mentions,
        summary.events,
        summary.conflicts,
        summary.feeds,
        tuple(warnings) + summary.warnings,
        clock.figures(),
        summary.unresolved,
        summary.not_happenings,
        clock.wall(),
    )


def _build(
    seeds: Path,
    out: Path,
    max_seed_bytes: int,
    engine: str,
    scheduler: str | None,
    progress: Callable[[int, int], None] | None,
    cluster: dict[str, Any] | None,
    kept: tuple[Scratch, list[Early]],
) -> tuple[BuildSummary, list[str], _Stopwatch]:
    # The scratch store, and where validation's helpers go once started (closed by `build`).
    scratch, started = kept
    from mctimeline import writing

    warnings: list[str] = []
    clock = _Stopwatch()
    # Refused now, not after every text is tagged: minutes at an archive's size. The files
    # proved here are proved again by their identity on disk when the package is swapped in.
    proved = swap.check_replaceable(Path(os.path.abspath(out)))
    try:
        texts, total = read_texts(seeds, max_seed_bytes, warnings, progress is not None)
        from mctimeline import corpus

        docs = corpus.documents(
            texts,
            engine,  # type: ignore[arg-type]
            scheduler,
            **(cluster or {}),
        )
        start = time.perf_counter()
        # Held only by this box, which the writer empties: the Timeline is freed before the
        # package is validated, so the two never take memory together.
        box = [
            corpus.timeline(
                writing.starting_validation(
                    corpus.with_progress(clock.timed("documents", docs), progress, total), started
                ),
                gazetteer_series(),
                scratch,
            )
        ]
        # The reduce runs as documents arrive and after the last one: what the documents did not take.
        clock.add("assemble", time.perf_counter() - start - clock.seconds("documents"))
    except SeedError as exc:
        raise BadSeeds(str(exc)) from None
    # The writers make next to no cycles either (166 objects to collect in a 1,000-document
    # build), while every full pass of the collector would walk the whole Timeline.
    with paused_gc():
        summary = _write_boxed(box, out, clock, started[0] if started else None, proved)
    return summary, warnings, clock


def read_texts(
    seeds: Path, max_seed_bytes: int, warnings: list[str], count: bool = False
) -> tuple[Iterator[SeedText], int]:
    """The texts of `seeds` as a stream, and how many there are (0 unless `count`).

    `seeds` is a folder of `*.txt` (with its optional metadata.csv) or a corpus file
    (`.jsonl` or `.csv`); warnings of what is skipped are appended to `warnings` as
    the texts are read. SeedError when they cannot be read.
    """
    from mctimeline import archive

    if archive.is_corpus_file(seeds):
        total = archive.count_records(seeds) if count and seeds.is_file() else 0
        return archive.iter_corpus(seeds, max_seed_bytes, warnings), total
    if seeds.is_file():
        raise SeedError(
            f"{shown(seeds)}: neither a folder of seed texts nor a corpus file (*.jsonl or *.csv)"
        )
    listing = list_seeds(seeds, max_seed_bytes)
    warnings += listing.warnings
    return iter_seeds(listing, warnings), len(listing.files)


class _Stopwatch:
    """Seconds per build stage, in the order the stages first began, and the build's wall time.

    A stage's figure is its own wall time, whether or not another stage ran beside it
    (the views are written on a thread while the feeds are, see `writing`): the stages
    may add up to more than the build took, which `wall` tells. Stages may be timed
    from two threads at once.
    """

    def __init__(self) -> None:
        self._seconds: dict[str, float] = {}
        self._lock = threading.Lock()
        self._start = time.perf_counter()
        self._end = self._start

    def begin(self, stage: str) -> None:
        """Name `stage` now, in the order of stages, though its time is added later."""
        with self._lock:
            self._seconds.setdefault(stage, 0.0)

    def add(self, stage: str, seconds: float) -> None:
        with self._lock:
            self._seconds[stage] = self._seconds.get(stage, 0.0) + seconds
            self._end = max(self._end, time.perf_counter())

    def seconds(self, stage: str) -> float:
        return self._seconds.get(stage, 0.0)

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.begin(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - start)

    def timed(self, name: str, items: Iterable[Any]) -> Iterator[Any]:
        """`items` unchanged; the time spent making each one is added to stage `name`."""
        iterator = iter(items)
        while True:
            start = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                self.add(name, time.perf_counter() - start)
                return
            self.add(name, time.perf_counter() - start)
            yield item

    def figures(self) -> tuple[tuple[str, float], ...]:
        with self._lock:
            return tuple(self._seconds.items())

    def wall(self) -> float:
        """Seconds from this stopwatch's start (the build's) to the end of its last stage."""
        return self._end - self._start


def _in_background(work: Callable[[], None]) -> Future[None]:
    """`work` started on a thread of its own; its Future tells when it is done and what it raised."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="mctimeline-fsync")
    try:
        return pool.submit(work)
    finally:
        pool.shutdown(wait=False)  # the thread ends with its one task


# Reconciliation rows that report no disagreement: a mention left undated, a date that
# names no happening, or a month or year joined to (or held apart from) the day it holds.
# The summary counts the first two under their own names.
_NOT_CONFLICTS = frozenset({"unresolved", "not-a-happening", "period-joined", "period-ambiguous"})


# --- writing atomically ---------------------------------------------------------------


def write_timeline(timeline: Timeline, out: Path, clock: _Stopwatch | None = None) -> BuildSummary:
    """Write, validate and swap in the package of `timeline` at `out`.

    Everything is written into a temporary folder beside `out` (so the final renames
    stay on one file system), validated there, then renamed into place; `out` is
    never seen half-written. Builds into the same folder take turns.
    """
    return _write_boxed([timeline], out, clock)


def _write_boxed(
    box: list[Timeline],
    out: Path,
    clock: _Stopwatch | None,
    started: Early | None = None,
    proved: ownership.Proved | None = None,
) -> BuildSummary:
    """write_timeline of the one Timeline in `box`, which it takes out once written, before
    validating; with validation's helpers `started` already, if any (writing.starting_validation),
    and `out`'s files `proved` by an earlier look (`swap.check_replaceable`), if any."""
    from mctimeline import package, writing
    from mctimeline.validate import validate

    clock = clock if clock is not None else _Stopwatch()
    out = Path(os.path.abspath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    warnings: list[str] = []
    timeline = box[0]
    # One pass over the rows' kinds and one over the mentions' statuses: a stored timeline's
    # reads them from the records' bytes, making none of the records.
    kinds = timeline.row_kind_counts()
    counts = (
        len(timeline.sources),
        len(timeline.mentions),
        len(timeline.events),
        sum(n for kind, n in kinds.items() if kind not in _NOT_CONFLICTS),
        timeline.mention_status_counts()["unresolved"],
        kinds["not-a-happening"],
    )
    with swap.lock(out.parent):
        proved = swap.check_replaceable(out, proved)
        warnings += swap.remove_leftovers(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
        synced: Future[None] | None = None
        try:
            (tmp / ownership.BUILD_MARK).write_bytes(ownership.BUILD_MARK_TEXT)
            os.chmod(tmp, swap.folder_mode(out))
            # Validation's helpers start now, and parse each view as soon as it is written.
            beside, apart = writing.beside_feeds(timeline), writing.tables_apart(timeline)
            known: ownership.Noted = {}  # the files hashed as written: not read back for the manifest
            with writing.early_validation(writing.validated_early(timeline), started) as early:
                feed_files, views = writing.write_feeds_and_views(
                    tmp, timeline, clock, early, beside, apart, known
                )
                with clock.stage("package"):
                    # The tables were written with the views when `beside` or `apart`.
                    package.write_package(
                        tmp, timeline, feed_files, views, tables=not (beside or apart), known=known
                    )
                # Made durable on a thread beside validation, which only reads the files: waited
                # for here, the disk left both cores idle (1.3-2.9 s of a 4,000-document build).
                synced = _in_background(lambda: swap.fsync_tree(tmp))
                # The caller's box was the only other reference: a corpus's Timeline is freed here.
                box.clear()
                del timeline
                with clock.stage("validate"):
                    problems = validate(tmp) if early is None else validate(tmp, early=early)
            with clock.stage("swap"):
                synced.result()  # nothing goes in before its files are on disk
            if problems:
                raise InvalidPackage(problems)
            with clock.stage("swap"):
                # Asked again: the build may have taken minutes, and `out` is not locked
                # against people. The signed package needs the mark no more.
                proved = swap.check_replaceable(out, proved)
                (tmp / ownership.BUILD_MARK).unlink()
                warnings += swap.swap_in(tmp, out, proved)
        except BaseException:
            if synced is not None:
                concurrent.futures.wait([synced])  # not removed under its feet
            shutil.rmtree(tmp, ignore_errors=True)  # made by mkdtemp above: all of it is ours
            raise
    return BuildSummary(
        out=out,
        sources=counts[0],
        mentions=counts[1],
        events=counts[2],
        conflicts=counts[3],
        feeds=tuple(f.path for f in feed_files),
        warnings=tuple(warnings),
        timings=clock.figures(),
        unresolved=counts[4],
        not_happenings=counts[5],
        wall=clock.wall(),
    )
