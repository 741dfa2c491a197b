"""A stored timeline's TimelineJS table and stored CSV tables, written by a worker process beside the pages.

A stored timeline's views are written by this process once the feeds are (its SQLite
connection is this thread's, see `writing`), one after the other, on one core: at
100,000 documents the pages, the TimelineJS table, the plot and the tables took some
150 s with the other core mostly idle (validation's helpers parsed the pages on half
of it). The TimelineJS table and the three tables read from the store (mentions,
events, reconciliation rows) need nothing but the store and the series, so a worker
process opens the store's file to read, as a second reader, and writes them while this
process writes the pages, the plot and the tables of what it holds in memory (the
sources, the series). Each file is written by one writer, the same as in turn: the
bytes are those of the writers run one after the other.

The worker is forked like the feeds' (processes.context), but keeps the build's priority,
not their lower one (processes.WORKER_NICE): this process waits for it once the pages are
written, so it is as much the build's path as they are. Lower, it shared its core evenly with
validation's helpers and left this process waiting on it (and under other programs' load it
lost the cores to them: a 20,000-document build's worker took 309 s where this process's
pages took 241). The helpers, lower still, take what the two leave; a parse not made by then
is made during validation, on both cores. Whatever it raises is raised in this process
(the same exception, so the same one-line error); when this process fails first, the
worker is stopped and waited for before anything is removed, so nothing is written into
a folder after the build has given up on it.
"""

from __future__ import annotations

import pickle
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from mctimeline import ownership, processes
from mctimeline.timeline import Series

# The tables the worker writes from the store; this process writes the rest, from memory
# (the worker is not sent the sources: none of its files reads them).
STORED_TABLES = ("mentions", "events", "reconciliation")
IN_MEMORY_TABLES = ("sources", "series")
NAME = "mctimeline-tables"

# The worker's seconds on the TimelineJS table, then on its tables (and the files it hashes),
# and its files and `hashed` as ownership.folder_records is told of them.
Figures = tuple[float, float, ownership.Proved]


def write_stored(folder: Path, db: Path, series: tuple[Series, ...], hashed: tuple[str, ...] = ()) -> Figures:
    """In the worker: timelinejs.csv and the STORED_TABLES of the timeline stored in `db`, each
    hashed as it is written; then the files `hashed` (the feeds, written before the worker
    started) read and hashed, so that the descriptor, written on the build's path once the pages
    are, need not read them back (1.3 GB of feeds at 100,000 documents)."""
    from mctimeline import package, timelinejs
    from mctimeline.store import Scratch
    from mctimeline.stored import StoredTimeline

    known: ownership.Noted = {}
    with Scratch.reader(db) as scratch:
        timeline = StoredTimeline.of(scratch, series)
        start = time.perf_counter()
        timelinejs.write_timelinejs(folder, timeline, known)
        middle = time.perf_counter()
        package.write_tables(folder, timeline, only=STORED_TABLES, known=known)
    known.update(ownership.proved_files(folder, hashed))
    return middle - start, time.perf_counter() - middle, known


# What the worker runs (a test gives one that fails).
WRITE: Callable[[Path, Path, tuple[Series, ...], tuple[str, ...]], Figures] = write_stored


class RemoteTraceback(Exception):
    """Where in the worker its error was raised (the cause of the error raised here)."""


def _run(answer: Connection, write: Callable[..., Figures], args: tuple[Any, ...]) -> None:
    """The worker's life: `write(*args)`, and its figures or its error sent back on `answer`."""
    try:
        said: tuple[str, Any, str] = ("done", write(*args), "")
    except BaseException as exc:  # sent back whatever it is: this process only reports it
        said = ("failed", _sendable(exc), traceback.format_exc())
    answer.send(said)
    answer.close()


def _sendable(exc: BaseException) -> BaseException:
    """`exc`, or, if it does not survive pickling, a RuntimeError that says what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


class TablesApart:
    """The worker process writing a stored timeline's TimelineJS table and stored tables."""

    def __init__(self, process: Any, answer: Connection) -> None:
        self._process, self._answer = process, answer

    @classmethod
    def start(
        cls, folder: Path, db: Path, series: tuple[Series, ...], hashed: tuple[str, ...] = ()
    ) -> TablesApart | None:
        """The worker started on the store's file `db` (Scratch.shared), writing into `folder` and
        hashing the files `hashed` of it; None when no process can be started (this process then
        writes all)."""
        context = processes.context()
        answer, said = context.Pipe(duplex=False)
        process = context.Process(  # type: ignore[attr-defined]
            target=_run, args=(said, WRITE, (folder, db, series, hashed)), name=NAME, daemon=True
        )
        try:
            process.start()
        except OSError:
            answer.close()
            return None
        finally:
            said.close()  # the worker's end: closed here, its death reads as the end of the pipe
        return cls(process, answer)

    def result(self) -> Figures:
        """Wait for the worker's figures; what it raised is raised here."""
        try:
            kind, value, where = self._answer.recv()
        except EOFError:
            self._process.join()
            raise OSError(
                f"the process writing the tables ended without an answer (exit code {self._process.exitcode})"
            ) from None
        finally:
            self._answer.close()
        self._process.join()
        if kind == "failed":
            raise value from RemoteTraceback(where)
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        """Stop the worker wherever it is, and wait until it has ended."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._answer.close()
