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
SQLite connection serves the thread that made it).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from mctimeline.package import FeedFile, Resource
from mctimeline.timeline import Timeline
from mctimeline.validate.early import Early


class Clock(Protocol):
    """The build's stopwatch (builder._Stopwatch), as the writers time their stages."""

    def begin(self, name: str) -> None: ...

    def stage(self, name: str) -> contextlib.AbstractContextManager[None]: ...


class Stopped(Exception):
    """The views thread was told to stop: the build failed, or was interrupted, elsewhere."""


def beside_feeds(timeline: Timeline) -> bool:
    """Whether the views of `timeline` are written on a thread while the feeds are written."""
    from mctimeline import feeds
    from mctimeline.stored import StoredTimeline

    return not isinstance(timeline, StoredTimeline) and feeds.written_by_workers(len(timeline.events))


@contextlib.contextmanager
def early_validation(beside: bool) -> Iterator[Early | None]:
    """Validation's helpers, started now for a package whose views are written `beside` its
    feeds (None: the package is validated after it is written, as usual). Stopped when
    the `with` ends. (Told `beside`, not the timeline: this frame lives on while the package
    is validated, and the timeline must be freed by then.)"""
    from mctimeline.validate.early import early_helpers

    helpers = early_helpers() if beside else 0
    if not helpers:
        yield None
        return
    with Early(helpers) as early:
        yield early


def write_feeds_and_views(
    folder: Path, timeline: Timeline, clock: Clock, early: Early | None, beside: bool
) -> tuple[list[FeedFile], list[Resource]]:
    """Write the feeds and the views of `timeline` into `folder`: side by side when `beside`
    (`beside_feeds`), and the package's tables too, else one after the other (the tables
    are then written with the descriptor). What a writer raises is raised here, once no
    writer is running any more."""
    from mctimeline import feeds

    if not beside:
        with clock.stage("feeds"):
            feed_files = feeds.write_feeds(folder, timeline)
        return feed_files, write_views(folder, timeline, clock, early, threading.Event())
    stop = threading.Event()
    # Named first, so that the timings line keeps its order whichever writer ends first.
    clock.begin("feeds")
    with ThreadPoolExecutor(1, thread_name_prefix="mctimeline-views") as thread:
        views = thread.submit(write_views_and_tables, folder, timeline, clock, early, stop)
        try:
            with clock.stage("feeds"):
                feed_files = feeds.write_feeds(folder, timeline)
        except BaseException:
            stop.set()  # the thread stops at its next page or view; the `with` waits for it
            raise
        return feed_files, views.result()


def write_views(
    folder: Path, timeline: Timeline, clock: Clock, early: Early | None, stop: threading.Event
) -> list[Resource]:
    """Write the page or pages, the TimelineJS table and the plot; each page and the plot is
    told to `early` once written. Raises Stopped, between two files, once `stop` is set."""
    from mctimeline import page, plot, timelinejs

    def written(resource: Any) -> None:
        if early is not None:
            early.written(folder, [resource])
        if stop.is_set():
            raise Stopped("the build stopped")

    writers: tuple[tuple[str, Callable[[], list[Resource]]], ...] = (
        ("page", lambda: [*page.write_pages(folder, timeline, written=written)]),
        ("timelinejs", lambda: [timelinejs.write_timelinejs(folder, timeline)]),
        ("plot", lambda: [plot.write_plot(folder, timeline)]),
    )
    views: list[Resource] = []
    for name, write in writers:
        if stop.is_set():
            raise Stopped("the build stopped")
        with clock.stage(name):
            made = write()
        if name == "plot":
            written(made[0])
        views += made
    return views


def write_views_and_tables(
    folder: Path, timeline: Timeline, clock: Clock, early: Early | None, stop: threading.Event
) -> list[Resource]:
    """`write_views`, then the package's CSV tables (timed as part of the `package` stage,
    whose descriptor is written once the feeds are): the thread's work beside the feeds."""
    from mctimeline import package

    views = write_views(folder, timeline, clock, early, stop)
    if stop.is_set():
        raise Stopped("the build stopped")
    with clock.stage("package"):
        package.write_tables(folder, timeline)
    return views
