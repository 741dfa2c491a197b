"""A scratch SQLite store for a large build: mentions, events and reconciliation rows on disk, not in memory.

A corpus's mentions, events and rows grow with the archive (about 16 KB a document
held as Python objects), while each writer needs only a run of them at a time. Above
`STORE_MIN_DOCS` documents (MCTIMELINE_STORE_DOCS sets the number; 0 uses the store
for every build) the reduce (corpus.timeline) writes them here as they are made and
the writers read them back in order (stored.py), so they are held once, on disk.

The database lives in a folder this module makes with `tempfile.mkdtemp` (under
TMPDIR), and only there: `Scratch.close` removes that folder, which holds nothing
but what this module wrote, whether the build succeeded or failed. Records are kept
as `marshal`ed tuples of their fields: the store never outlives the process that
wrote it, so a format tied to this Python version is enough, and it is the fastest
to read back.
"""

from __future__ import annotations

import marshal
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any

from mctimeline import processes
from mctimeline.events import Event, MentionRef, Reconciliation
from mctimeline.mentions import Mention

STORE_ENV = "MCTIMELINE_STORE_DOCS"
# A corpus this large spills to disk: below it the objects fit easily and memory is faster.
STORE_MIN_DOCS = 20_000
PAGE = 512  # records read back per query when a writer walks a table in order
_PREFIX = "mctimeline-scratch-"

_SCHEMA = """
CREATE TABLE mentions(source TEXT, i INTEGER, start INTEGER, end_ INTEGER, data BLOB);
CREATE TABLE refs(source TEXT, i INTEGER, id TEXT, PRIMARY KEY(source, i)) WITHOUT ROWID;
CREATE TABLE event_of(id TEXT PRIMARY KEY, event TEXT) WITHOUT ROWID;
CREATE TABLE events(rank INTEGER PRIMARY KEY, data BLOB);
CREATE TABLE recs(rank INTEGER PRIMARY KEY, event TEXT, data BLOB);
"""


def store_min_docs() -> int:
    """How many documents make a build use the store: MCTIMELINE_STORE_DOCS, else STORE_MIN_DOCS."""
    configured = processes.number_from_env(STORE_ENV, 0)
    return STORE_MIN_DOCS if configured is None else configured


# --- records as tuples ------------------------------------------------------------------


def mention_bytes(m: Mention) -> bytes:
    return marshal.dumps(astuple(m))


def mention_of(data: bytes) -> Mention:
    return Mention(*marshal.loads(data))


def event_bytes(e: Event) -> bytes:
    values = [getattr(e, f.name) for f in fields(Event)]
    values[-1] = tuple((r.mention_id, r.source_id, r.index) for r in e.mentions)
    return marshal.dumps(tuple(values))


def event_of(data: bytes) -> Event:
    values = list(marshal.loads(data))
    values[-1] = tuple(MentionRef(*r) for r in values[-1])
    return Event(*values)


def rec_bytes(r: Reconciliation) -> bytes:
    return marshal.dumps(astuple(r))


def rec_of(data: bytes) -> Reconciliation:
    return Reconciliation(*marshal.loads(data))


# --- the scratch database ---------------------------------------------------------------


class Scratch:
    """One build's scratch database, made on first use and removed, with its folder, by `close`."""

    def __init__(self, min_docs: int | None = None) -> None:
        self.min_docs = store_min_docs() if min_docs is None else min_docs
        self.folder: Path | None = None
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> Scratch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.folder = Path(tempfile.mkdtemp(prefix=_PREFIX))
            self._db = sqlite3.connect(self.folder / "timeline.sqlite", isolation_level=None)
            # Scratch that dies with the build: no journal, no syncs; a small page cache so
            # that the store's own memory stays flat whatever the corpus.
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-2048", "temp_store=FILE"):
                self._db.execute(f"PRAGMA {pragma}")
            self._db.executescript(_SCHEMA)
            self._db.execute("BEGIN")
        return self._db

    @property
    def opened(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        """Close the database and remove the folder it made (nothing else: mkdtemp made it empty)."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    # writing, as the reduce goes

    def add_mentions(self, source_id: str, mentions: Iterable[Mention]) -> None:
        self.db.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?)",
            ((source_id, i, m.start, m.end, mention_bytes(m)) for i, m in enumerate(mentions)),
        )

    def add_refs(self, events: Iterable[Event]) -> None:
        """Each event's mention references: the id its mention is placed with (the last one wins)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO refs VALUES (?, ?, ?)",
            ((r.source_id, r.index, r.mention_id) for e in events for r in e.mentions),
        )

    def add_event_of(self, event_of: dict[str, str]) -> None:
        self.db.executemany("INSERT INTO event_of VALUES (?, ?)", event_of.items())

    def add_events(self, events: Iterable[Event]) -> None:
        """Events in the Timeline's order: their rank is their position."""
        self.db.executemany("INSERT INTO events(data) VALUES (?)", ((event_bytes(e),) for e in events))

    def add_recs(self, recs: Iterable[Reconciliation]) -> None:
        """Rows in the Timeline's order (by id)."""
        self.db.executemany(
            "INSERT INTO recs(event, data) VALUES (?, ?)", ((r.event_id, rec_bytes(r)) for r in recs)
        )

    def place_mentions(self) -> None:
        """Every mention with its id and event, in the Timeline's order (source, start, end, id).

        Ids are `source:start-end` (events.mention_id), unique in a source, so the order
        needs no tie-break; SQLite sorts on disk, in bounded memory.
        """
        db = self.db
        db.execute(
            """CREATE TABLE placed AS
            SELECT m.source AS source, coalesce(r.id, m.source || ':' || m.start || '-' || m.end_) AS id,
                   coalesce(e.event, '') AS event, m.data AS data
            FROM mentions m
            LEFT JOIN refs r ON r.source = m.source AND r.i = m.i
            LEFT JOIN event_of e ON e.id = coalesce(r.id, m.source || ':' || m.start || '-' || m.end_)
            ORDER BY m.source, m.start, m.end_, 2, m.rowid"""
        )
        db.executescript(
            """DROP TABLE mentions; DROP TABLE refs; DROP TABLE event_of;
            CREATE INDEX placed_id ON placed(id);
            CREATE INDEX recs_event ON recs(event);"""
        )

    # reading back, for the writers

    def count(self, table: str) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM {_table(table)}").fetchone()[0])

    def rows(self, table: str, lo: int, hi: int) -> list[Any]:
        """The rows of ranks lo..hi-1 (0-based) of a table, in order."""
        if table == "placed":
            query = "SELECT id, source, data, event FROM placed WHERE rowid > ? AND rowid <= ? ORDER BY rowid"
        else:
            query = f"SELECT data FROM {_table(table)} WHERE rank > ? AND rank <= ? ORDER BY rank"
        return self.db.execute(query, (lo, hi)).fetchall()

    def walk(self, table: str, lo: int, hi: int) -> Iterator[Any]:
        for start in range(lo, hi, PAGE):
            yield from self.rows(table, start, min(hi, start + PAGE))

    def placed_row(self, mention_id: str) -> Any:
        # The last of equal ids, as a dict of the Timeline's mentions keeps.
        return self.db.execute(
            "SELECT id, source, data, event FROM placed WHERE id = ? ORDER BY rowid DESC LIMIT 1",
            (mention_id,),
        ).fetchone()

    def recs_of(self, event_id: str) -> list[bytes]:
        rows = self.db.execute("SELECT data FROM recs WHERE event = ? ORDER BY rank", (event_id,))
        return [data for (data,) in rows]


def _table(name: str) -> str:
    if name not in ("placed", "events", "recs"):
        raise ValueError(f"no stored table {name!r}")
    return name
