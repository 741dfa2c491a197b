"""The build's writers side by side: the views on a thread while worker processes write the feeds.

With worker processes writing the feeds' VEVENTs, the build's own process only joins
their answers and waits on them most of the time. The views (page, TimelineJS table,
plot), which do not depend on the feeds, are written meanwhile on a thread of this
process, then the package's CSV tables; each page and the plot is handed to
validation's helpers as soon as it is written (validate.early), so that its parse, a
large part of validation, is made while the feeds are still being written instead of
after the package is whole.

Every writer writes its own files, whichever thread runs it, so the bytes are those
of the writers run in turn. The thread is off when the feeds are written by this
process alone (it would only take turns with them) and for a stored timeline (its
SQLite connection serves the thread that made it); the views of a stored timeline are
still parsed as they are written, on the helpers, while this process writes the rest,
and its TimelineJS table and stored tables are written meanwhile by a worker process
that reads the store's file (tables_apart), so that the second core is not left idle.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mctimeline import ownership
from mctimeline.package import FeedFile, Resource
from mctimeline.timeline import Timeline
from mctimeline.validate.early import Early

if TYPE_CHECKING:
    from mctimeline.corpus import Document
    from mctimeline.store import Scratch


class Clock(Protocol):
    """The build's stopwatch (builder._Stopwatch), as the writers time their stages."""

    def begin(self, name: str) -> None: ...

    def add(self, name: str, seconds: float) -> None: ...

    def stage(self, name: str) -> contextlib.AbstractContextManager[None]: ...


class Stopped(Exception):
    """The views thread was told to stop: the build failed, or was interrupted, elsewhere."""


def beside_feeds(timeline: Timeline) -> bool:
    """Whether the views of `timeline` are written on a thread while the feeds are written."""
    from mctimeline import feeds
    from mctimeline.stored import StoredTimeline

    return not isinstance(timeline, StoredTimeline) and feeds.written_by_workers(len(timeline.events))


def tables_apart(timeline: Timeline) -> bool:
    """Whether a worker process writes the TimelineJS table and the stored tables of `timeline`
    while this process writes its pages (tables_apart): a stored timeline whose feeds are written
    by worker processes (there are cores for them)."""
    scratch = _scratch(timeline)
    return scratch is not None and scratch.opened and validated_early(timeline)


def _scratch(timeline: Timeline) -> Scratch | None:
    """The store of `timeline` if it is a stored one."""
    from mctimeline.stored import StoredTimeline

    return timeline.scratch if isinstance(timeline, StoredTimeline) else None


def validated_early(timeline: Timeline) -> bool:
    """Whether validation's helpers start before the package of `timeline` is written, to
    parse each page and the plot as soon as it is written: when its feeds are large enough to
    be written by worker processes (validation then has helpers anyway), stored or not.

    A stored timeline's views are written after its feeds (see `beside_feeds`): its helpers
    parse each page while this process writes the next ones (and a worker, `tables_apart`,
    the TimelineJS table and the stored tables), where they waited for validation before
    (at 100,000 documents the pages alone took 103 s of a 1,354 s build, on one core)."""
    from mctimeline import feeds

    return feeds.written_by_workers(len(timeline.events))


def starting_validation(documents: Iterable[Document], started: list[Early]) -> Iterator[Document]:
    """`documents` unchanged; after the last one, validation's helpers are started (put in
    `started`) if their mentions are enough for the events to be (`validated_early`), so
    that the helpers start up while this process assembles the events, one core's work,
    instead of beside the writers once both cores are busy."""
    from mctimeline import feeds
    from mctimeline.validate.early import early_helpers

    mentions = 0
    for doc in documents:
        mentions += len(doc.mentions)
        yield doc
    # An event has one mention or more: fewer mentions, fewer events.
    if mentions >= feeds.PARALLEL_MIN_EVENTS and (helpers := early_helpers()):
        started.append(Early(helpers))


@contextlib.contextmanager
def early_validation(wanted: bool, started: Early | None = None) -> Iterator[Early | None]:
    """Validation's helpers when `wanted` (`validated_early`): `started` (see
    `starting_validation`), else started now; None: the package is validated after it is
    written, as usual. Stopped when the `with` ends. (Told `wanted`, not the timeline: this
    frame lives on while the package is validated, and the timeline must be freed by then.)"""
    from mctimeline.validate.early import early_helpers

    if started is not None and not wanted:
        started.close()  # too few events after all
    if started is not None and wanted:
        with started:
            yield started
        return
    helpers = early_helpers() if wanted else 0
    if not helpers:
        yield None
        return
    with Early(helpers) as early:
        yield early


def write_feeds_and_views(
    folder: Path,
    timeline: Timeline,
    clock: Clock,
    early: Early | None,
    beside: bool,
    apart: bool = False,
    known: ownership.Noted | None = None,
) -> tuple[list[FeedFile], list[Resource]]:
    """Write the feeds and the views of `timeline` into `folder`: side by side when `beside`
    (`beside_feeds`), and the package's tables too, else one after the other (the tables
    are then written with the descriptor), but for `apart` (`tables_apart`): the views and
    the tables after the feeds, some of them by a worker process. What a writer raises is
    raised here, once no writer is running any more. The files hashed as they were written
    (or by the worker) are told to `known`, if given, for the descriptor's manifest
    (`ownership.folder_records`)."""
    from mctimeline import feeds

    if not beside:
        with clock.stage("feeds"):
            feed_files = feeds.write_feeds(folder, timeline)
        if apart:
            hashed = tuple(f.path for f in feed_files)
            return feed_files, write_views_apart(folder, timeline, clock, early, known, hashed)
        return feed_files, write_views(folder, timeline, clock, early, threading.Event(), known=known)
    stop = threading.Event()
    # Named first, so that the timings line keeps its order whichever writer ends first.
    clock.begin("feeds")
    with ThreadPoolExecutor(1, thread_name_prefix="mctimeline-views") as thread:
        views = thread.submit(write_views_and_tables, folder, timeline, clock, early, stop, known)
        try:
            with clock.stage("feeds"):
                feed_files = feeds.write_feeds(folder, timeline)
        except BaseException:
            stop.set()  # the thread stops at its next page or view; the `with` waits for it
            raise
        return feed_files, views.result()


def write_views(
    folder: Path,
    timeline: Timeline,
    clock: Clock,
    early: Early | None,
    stop: threading.Event,
    elsewhere: bool = False,
    known: ownership.Noted | None = None,
) -> list[Resource]:
    """Write the page or pages, the TimelineJS table and the plot; each page and the plot is
    told to `early` once written, the files hashed as written to `known`. Raises Stopped,
    between two files, once `stop` is set. `elsewhere`: the TimelineJS table is written by
    another process, and only listed here."""
    from mctimeline import page, plot, timelinejs

    def written(resource: Any) -> None:
        if early is not None:
            early.written(folder, [resource])
        if stop.is_set():
            raise Stopped("the build stopped")

    writers: tuple[tuple[str, Callable[[], list[Resource]]], ...] = (
        ("page", lambda: [*page.write_pages(folder, timeline, written=written, known=known)]),
        ("timelinejs", lambda: [timelinejs.write_timelinejs(folder, timeline, known)]),
        ("plot", lambda: [plot.write_plot(folder, timeline)]),
    )
    views: list[Resource] = []
    for name, write in writers:
        if stop.is_set():
            raise Stopped("the build stopped")
        if name == "timelinejs" and elsewhere:
            clock.begin(name)  # timed where it is written, named here to keep the stages' order
            views.append(timelinejs.TimelineJSResource())
            continue
        with clock.stage(name):
            made = write()
        if name == "plot":
            written(made[0])
        views += made
    return views


def write_views_and_tables(
    folder: Path,
    timeline: Timeline,
    clock: Clock,
    early: Early | None,
    stop: threading.Event,
    known: ownership.Noted | None = None,
) -> list[Resource]:
    """`write_views`, then the package's CSV tables (timed as part of the `package` stage,
    whose descriptor is written once the feeds are): the thread's work beside the feeds."""
    from mctimeline import package

    views = write_views(folder, timeline, clock, early, stop, known=known)
    if stop.is_set():
        raise Stopped("the build stopped")
    with clock.stage("package"):
        package.write_tables(folder, timeline, known=known)
    return views


def write_views_apart(
    folder: Path,
    timeline: Timeline,
    clock: Clock,
    early: Early | None,
    known: ownership.Noted | None = None,
    hashed: tuple[str, ...] = (),
) -> list[Resource]:
    """`write_views` and the package's tables, the TimelineJS table and the stored tables
    written by a worker process (tables_apart) while this process writes the pages, the
    plot and the tables it holds in memory; the worker's seconds are its stages'. The
    worker also hashes the files `hashed` (the feeds), off this process's path, and its
    files and those are told to `known` with this process's. The worker is stopped, and
    waited for, if this process fails first."""
    from mctimeline import package, tables_apart

    scratch = _scratch(timeline)
    series = tuple(timeline.series)
    worker = (
        None if scratch is None else tables_apart.TablesApart.start(folder, scratch.shared(), series, hashed)
    )
    if worker is None:  # no process to be had: all here, in turn
        return write_views_and_tables(folder, timeline, clock, early, threading.Event(), known)
    try:
        views = write_views(folder, timeline, clock, early, threading.Event(), elsewhere=True, known=known)
        with clock.stage("package"):
            package.write_tables(folder, timeline, only=tables_apart.IN_MEMORY_TABLES, known=known)
        on_timelinejs, on_tables, proved = worker.result()
    except BaseException:
        worker.stop()
        raise
    clock.add("timelinejs", on_timelinejs)
    clock.add("package", on_tables)
    if known is not None:
        known.update(proved)
    return views
