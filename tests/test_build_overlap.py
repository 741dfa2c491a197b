"""The build's writers side by side: the views on a thread beside the feed workers, validation begun early."""

from __future__ import annotations

import errno
import functools
import gc
import json
import multiprocessing
import os
import threading
import time
import weakref
from pathlib import Path
from typing import Any

import pytest

import mctimeline.feeds
import mctimeline.package
import mctimeline.page
import mctimeline.plot
import mctimeline.validate
import mctimeline.validate.early
from _synthetic import write_synthetic
from mctimeline import builder, corpus, feeds, tables_apart, writing
from mctimeline.cli import timings_line
from mctimeline.seeds import read_seeds
from mctimeline.timeline import Timeline
from mctimeline.validate import markup_views, validate

STAGES = ["feeds", "page", "timelinejs", "plot", "package", "validate", "swap"]


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    texts, _ = read_seeds(write_synthetic(tmp_path_factory.mktemp("overlap") / "corpus", 24, seed=11))
    return builder.make_timeline(texts)


@pytest.fixture
def beside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two feed workers writing chunks of 40 events, three pages, two early helpers: the
    views go beside the feeds, whatever this machine's cores."""
    monkeypatch.setenv(feeds.WORKERS_ENV, "2")
    monkeypatch.setattr(feeds.workers, "_CHUNK_EVENTS", 40)
    monkeypatch.setattr(mctimeline.validate.early, "early_helpers", lambda: 2)
    pages = mctimeline.page.write_pages
    monkeypatch.setattr(mctimeline.page, "write_pages", functools.partial(pages, page_size=60))


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_views_are_written_beside_the_feeds_only_when_workers_write_the_feeds(
    timeline: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(timeline.events) > 150
    monkeypatch.setattr(feeds.workers, "_CHUNK_EVENTS", 40)
    monkeypatch.setenv(feeds.WORKERS_ENV, "1")
    assert not writing.beside_feeds(timeline)  # this process writes the feeds: a thread only takes turns
    monkeypatch.setenv(feeds.WORKERS_ENV, "2")
    assert writing.beside_feeds(timeline)
    monkeypatch.setattr(feeds.workers, "_CHUNK_EVENTS", 250)
    assert not writing.beside_feeds(Timeline(timeline.sources, timeline.mentions, timeline.events[:250]))


def test_views_beside_the_feeds_and_early_validation_write_the_same_bytes(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: None
) -> None:
    said: list[str] = []  # what happened, in order, from either thread
    page_written = threading.Event()
    real_feeds, real_pages, real_validate = feeds.write_feeds, mctimeline.page.write_pages, validate
    real_written = mctimeline.validate.early.Early.written

    def write_feeds(folder: Path, t: Timeline, **kwargs: Any) -> Any:
        made = real_feeds(folder, t, **kwargs)
        # Held until the thread has written the pages: this times out unless they run side by side.
        assert page_written.wait(timeout=120), "the pages were not written while the feeds were"
        said.append(f"feeds done on {threading.current_thread().name}")
        return made

    def write_pages(folder: Path, t: Timeline, **kwargs: Any) -> Any:
        made = real_pages(folder, t, **kwargs)
        said.append(f"pages done on {threading.current_thread().name}")
        page_written.set()
        return made

    real_tables = mctimeline.package.write_tables

    def write_tables(folder: Path, t: Timeline, **kwargs: Any) -> Any:
        said.append(f"tables on {threading.current_thread().name}")
        return real_tables(folder, t, **kwargs)

    def written(self: Any, folder: Path, resources: Any) -> None:
        said.extend(f"told {r.path}" for r in resources)
        real_written(self, folder, resources)

    def validate_early(folder: Path, *, early: Any = None) -> list[str]:
        said.append("validate")
        assert early is not None
        views = markup_views(folder, json.loads((folder / "datapackage.json").read_bytes())["resources"])
        assert len(views) >= 4 and all(early.task(path, kind) is not None for path, kind in views)
        said.extend(f"listed {path.name}" for path, _ in views)
        return real_validate(folder, early=early)

    monkeypatch.setattr(mctimeline.feeds, "write_feeds", write_feeds)
    monkeypatch.setattr(mctimeline.page, "write_pages", write_pages)
    monkeypatch.setattr(mctimeline.package, "write_tables", write_tables)
    monkeypatch.setattr(mctimeline.validate.early.Early, "written", written)
    monkeypatch.setattr(mctimeline.validate, "validate", validate_early)
    summary = builder.write_timeline(timeline, tmp_path / "beside")

    assert said[-1].startswith("listed ") and "validate" in said
    assert said.index("feeds done on MainThread") > said.index("told index.html")
    (pages_done,) = [s for s in said if s.startswith("pages done on ")]
    assert "mctimeline-views" in pages_done
    (tables,) = [s for s in said if s.startswith("tables on ")]  # beside the feeds, after the views
    assert "mctimeline-views" in tables and said.index(tables) > said.index("told timeline.svg")
    told = [s.removeprefix("told ") for s in said if s.startswith("told ")]
    listed = [s.removeprefix("listed ") for s in said if s.startswith("listed ")]
    assert sorted(told) == sorted(listed) and "index-2.html" in told and "timeline.svg" in told
    assert [name for name, _ in summary.timings] == STAGES
    assert 0 < summary.wall < sum(seconds for _, seconds in summary.timings)
    assert validate(tmp_path / "beside") == []

    monkeypatch.undo()  # every writer in turn, on this thread; validated after
    monkeypatch.setenv(feeds.WORKERS_ENV, "1")
    pages = mctimeline.page.write_pages
    monkeypatch.setattr(mctimeline.page, "write_pages", functools.partial(pages, page_size=60))
    in_turn = builder.write_timeline(timeline, tmp_path / "in-turn")
    assert [name for name, _ in in_turn.timings] == STAGES
    assert files(tmp_path / "beside") == files(tmp_path / "in-turn")


def test_an_early_parse_is_used_only_for_the_bytes_it_parsed(tmp_path: Path) -> None:
    folder = tmp_path / "package"
    builder.write_timeline(Timeline((), (), ()), folder)
    page = folder / "index.html"
    with mctimeline.validate.early.Early(0) as early:  # no helpers: each parse is made at once
        early.written(folder, [mctimeline.page.write_page(folder, Timeline((), (), ()))])
        assert early.task(page, "html") is not None
        page.write_bytes(page.read_bytes().replace(b"</body>", b"<div></body>", 1))  # changed after
        problems = validate(folder, early=early)
    assert any("index.html: not well-formed HTML" in p for p in problems), problems


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("broken", ["plot", "feeds"])
def test_a_writer_failing_beside_the_others_leaves_nothing_half_written(
    broken: str, timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: None
) -> None:
    out = tmp_path / "datapackage"
    builder.write_timeline(Timeline((), (), ()), out)
    before = files(out)
    (tmp_path / "notes.txt").write_text("the user's own\n", encoding="utf-8")
    if broken == "plot":
        monkeypatch.setattr(mctimeline.plot, "write_plot", _no_space)
    else:
        real_pages = mctimeline.page.write_pages

        def slow_pages(folder: Path, t: Timeline, **kwargs: Any) -> Any:
            time.sleep(1)  # still writing when the feeds fail: the thread must stop, not go on
            return real_pages(folder, t, **kwargs)

        monkeypatch.setattr(mctimeline.page, "write_pages", slow_pages)
        monkeypatch.setattr(mctimeline.feeds, "write_feeds", _no_space)
    with pytest.raises(OSError, match="No space left on device"):
        builder.write_timeline(timeline, out)
    time.sleep(0.5)  # nothing is written after the build has given up
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datapackage", "notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "the user's own\n"
    assert not [t for t in threading.enumerate() if t.name.startswith("mctimeline-views")]


def test_a_stored_timeline_writes_its_pages_here_and_its_stored_tables_in_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: None
) -> None:
    seeds = write_synthetic(tmp_path / "corpus", 24, seed=11)
    threads: list[str] = []
    real_pages, real_start = mctimeline.page.write_pages, tables_apart.TablesApart.start
    workers: list[Any] = []

    def start(*args: Any) -> Any:
        workers.append(real_start(*args))
        return workers[-1]

    monkeypatch.setattr(tables_apart.TablesApart, "start", start)

    def write_pages(folder: Path, t: Timeline, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real_pages(folder, t, **kwargs)

    monkeypatch.setattr(mctimeline.page, "write_pages", write_pages)
    told: list[str] = []
    real_written = mctimeline.validate.early.Early.written

    def written(self: Any, folder: Path, resources: Any) -> None:
        told.extend(r.path for r in resources)
        real_written(self, folder, resources)

    monkeypatch.setattr(mctimeline.validate.early.Early, "written", written)
    monkeypatch.setenv("MCTIMELINE_STORE_DOCS", "0")  # the SQLite store, whose connection is this thread's
    monkeypatch.setenv("MCTIMELINE_WORKERS", "1")
    summary = builder.build(seeds, tmp_path / "stored")
    # The pages on this thread, whose SQLite connection it is; the TimelineJS table and the
    # stored tables by a worker process reading the store's file.
    assert threads == ["MainThread"] and len(workers) == 1 and workers[0] is not None
    assert not [p for p in multiprocessing.active_children() if p.name == tables_apart.NAME]
    # Its pages and plot are still parsed by validation's helpers as soon as they are written.
    assert "index-2.html" in told and "timeline.svg" in told
    assert [name for name, _ in summary.timings][2:] == STAGES
    monkeypatch.setenv("MCTIMELINE_STORE_DOCS", "1000000")
    made: list[weakref.ref[Timeline]] = []
    real_timeline, real_validate = corpus.timeline, validate

    def timeline(*args: Any, **kwargs: Any) -> Timeline:
        made.append(weakref.ref(t := real_timeline(*args, **kwargs)))
        return t

    def validate_once_freed(folder: Path, **kwargs: Any) -> list[str]:
        gc.collect()  # the thread, the early helpers and the writers hold no Timeline by now
        assert made and made[0]() is None, "the Timeline is still alive while the package is validated"
        return real_validate(folder, **kwargs)

    monkeypatch.setattr(corpus, "timeline", timeline)
    monkeypatch.setattr(mctimeline.validate, "validate", validate_once_freed)
    builder.build(seeds, tmp_path / "in-memory")
    assert threads[-1].startswith("mctimeline-views")
    assert files(tmp_path / "stored") == files(tmp_path / "in-memory")


def test_a_stored_timeline_with_no_worker_to_be_had_writes_its_tables_here_to_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: None
) -> None:
    seeds = write_synthetic(tmp_path / "corpus", 24, seed=11)
    monkeypatch.setenv("MCTIMELINE_STORE_DOCS", "0")
    monkeypatch.setenv("MCTIMELINE_WORKERS", "1")
    builder.build(seeds, tmp_path / "apart")
    asked: list[Path] = []

    def no_process(folder: Path, *args: Any) -> None:
        asked.append(folder)
        return None  # as when the system can start no process

    monkeypatch.setattr(tables_apart.TablesApart, "start", no_process)
    summary = builder.build(seeds, tmp_path / "here")
    assert len(asked) == 1
    assert [name for name, _ in summary.timings][2:] == STAGES
    assert files(tmp_path / "here") == files(tmp_path / "apart")


def _half_written_then_no_space(folder: Path, db: Path, series: Any, hashed: Any = ()) -> Any:
    """The stored tables' writer (tables_apart.WRITE), in the worker: the disk fills up midway."""
    (folder / "timelinejs.csv").write_bytes(b"Year,Month,Day\n2024,")
    _no_space()


def _slow_stored_tables(folder: Path, db: Path, series: Any, hashed: Any = ()) -> Any:
    """The stored tables' writer, in the worker: still writing when this process fails."""
    time.sleep(3)
    return tables_apart.write_stored(folder, db, series, hashed)


@pytest.mark.parametrize("broken", ["worker", "pages"])
def test_a_failure_beside_the_stored_tables_worker_stops_the_build_cleanly(
    broken: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: None
) -> None:
    # The worker's writer is sent to it by name: the worker runs this module's function.
    seeds = write_synthetic(tmp_path / "corpus", 24, seed=11)
    out = tmp_path / "datapackage"
    builder.write_timeline(Timeline((), (), ()), out)
    before = files(out)
    (tmp_path / "notes.txt").write_text("the user's own\n", encoding="utf-8")
    monkeypatch.setenv("MCTIMELINE_STORE_DOCS", "0")
    monkeypatch.setenv("MCTIMELINE_WORKERS", "1")
    if broken == "worker":
        monkeypatch.setattr(tables_apart, "WRITE", _half_written_then_no_space)
    else:
        monkeypatch.setattr(tables_apart, "WRITE", _slow_stored_tables)
        monkeypatch.setattr(mctimeline.page, "write_pages", _no_space)
    with pytest.raises(OSError, match="No space left on device"):
        builder.build(seeds, out)
    assert not [p for p in multiprocessing.active_children() if p.name == tables_apart.NAME]
    time.sleep(0.5 if broken == "worker" else 3.5)  # nothing is written after the build has given up
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "datapackage", "notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "the user's own\n"


def test_timings_tell_the_build_s_wall_time_and_the_stages_sum_when_they_overlap() -> None:
    figures = (("documents", 1.0), ("feeds", 2.0), ("page", 1.5), ("validate", 1.0))
    assert timings_line(figures, 4.25) == (
        "timings: documents 1.00 s, feeds 2.00 s, page 1.50 s, validate 1.00 s; "
        "total 4.25 s (the stages add up to 5.50 s: some ran side by side); slowest: feeds"
    )
    assert timings_line(figures, 5.52).split("; ")[1] == "total 5.52 s"  # in turn: nothing overlapped
    assert timings_line(figures).split("; ")[1] == "total 5.50 s"  # no wall time: the sum


def test_validation_s_helpers_start_once_the_documents_are_in_and_validate_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: None
) -> None:
    # Started while the events are assembled (one core's work), not beside the writers.
    seeds = write_synthetic(tmp_path / "corpus", 24, seed=11)
    monkeypatch.setattr(mctimeline.feeds, "PARALLEL_MIN_EVENTS", 10)
    said: list[str] = []
    started: list[Any] = []
    real_init = mctimeline.validate.early.Early.__init__
    real_timeline, real_validate = corpus.timeline, validate

    def init(self: Any, helpers: int) -> None:
        said.append("helpers started")
        started.append(self)
        real_init(self, helpers)

    def timeline(*args: Any, **kwargs: Any) -> Timeline:
        made = real_timeline(*args, **kwargs)
        said.append("events assembled")
        return made

    def validate_early(folder: Path, *, early: Any = None) -> list[str]:
        said.append("validate")
        assert early is not None and early is started[0]
        return real_validate(folder, early=early)

    monkeypatch.setattr(mctimeline.validate.early.Early, "__init__", init)
    monkeypatch.setattr(corpus, "timeline", timeline)
    monkeypatch.setattr(mctimeline.validate, "validate", validate_early)
    builder.build(seeds, tmp_path / "out")
    assert said == ["helpers started", "events assembled", "validate"]
    assert validate(tmp_path / "out") == []


def test_helpers_started_for_events_that_turn_out_too_few_are_stopped_unused() -> None:
    early = mctimeline.validate.early.Early(0)
    with writing.early_validation(False, early) as taken:
        assert taken is None
    assert early._closed
    early = mctimeline.validate.early.Early(0)
    with writing.early_validation(True, early) as taken:
        assert taken is early and not early._closed
    assert early._closed


def test_the_package_is_made_durable_beside_validation_and_swapped_in_only_once_on_disk(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mctimeline.swap

    said: list[str] = []
    real_fsync, real_swap_in, real_validate = mctimeline.swap.fsync_tree, mctimeline.swap.swap_in, validate

    def fsync_tree(folder: Path) -> None:
        said.append(f"fsync on {threading.current_thread().name}")
        time.sleep(0.5)  # a slow disk: validation goes on meanwhile
        real_fsync(folder)
        said.append("on disk")

    def validate_beside(folder: Path, **kwargs: Any) -> list[str]:
        said.append("validate")
        return real_validate(folder, **kwargs)

    def swap_in(tmp: Path, out: Path, proved: Any = None) -> Any:
        said.append("swap")
        return real_swap_in(tmp, out, proved)

    monkeypatch.setattr(mctimeline.swap, "fsync_tree", fsync_tree)
    monkeypatch.setattr(mctimeline.swap, "swap_in", swap_in)
    monkeypatch.setattr(mctimeline.validate, "validate", validate_beside)
    builder.write_timeline(timeline, tmp_path / "out")
    assert said.index("validate") < said.index("on disk") < said.index("swap")
    assert [s for s in said if s.startswith("fsync on ")] == ["fsync on mctimeline-fsync_0"]
    assert validate(tmp_path / "out") == []
