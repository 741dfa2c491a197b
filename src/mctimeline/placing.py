"""The scratch store's finish: its tables put in the Timeline's order, on two connections at once.

The events and their rows live in a file of their own (store.Scratch attaches it), so that
`sort_events` sorts them on a second connection, on a thread, while `place_mentions` places the
mentions on the first: SQLite locks a whole file against a second writer, and runs a statement
without the GIL, so the two take two cores where the reduce's tail had one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from mctimeline.mentions import Mention

# Scratch that dies with the build: no journal, no syncs; a small page cache so that the store's own
# memory stays flat whatever the corpus.
PRAGMAS = ("journal_mode=OFF", "synchronous=OFF", "cache_size=-2048", "temp_store=FILE")


def connected(path: Path) -> sqlite3.Connection:
    """A connection to the scratch file at `path` (made if need be), in autocommit, with PRAGMAS."""
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        db.execute(f"PRAGMA {pragma}")
    return db


def sort_events(path: Path) -> None:
    """The events in the Timeline's order (start, end, id), the rows by id, each as it came among
    equals: on a connection of its own to the events' file (store.Scratch.finish, on a thread)."""
    db = connected(path)
    try:
        db.executescript(
            """BEGIN;
            INSERT INTO events(start, end_, precision, series, status, data)
            SELECT start, end_, precision, series, status, data FROM made ORDER BY start, end_, id, rowid;
            INSERT INTO recs(event, data) SELECT event, data FROM rows_made ORDER BY id, rowid;
            DROP TABLE made; DROP TABLE rows_made;
            CREATE INDEX recs_event ON recs(event);
            COMMIT;"""
        )
    finally:
        db.close()


def in_order(last_source: str | None, source_id: str, mentions: Sequence[Mention]) -> bool:
    """Whether a source's mentions, added after `last_source`'s, keep the placed table's order:
    by source, then start, then end, each key above the one before (ties are sorted by id, which
    the offsets make equal, then as they came: strictly above keeps that too). Python's order of
    str is SQLite's of TEXT (code points, as UTF-8 bytes compare)."""
    if last_source is not None and not last_source < source_id:
        return False
    spans = [(m.start, m.end) for m in mentions]
    return all(a < b for a, b in pairwise(spans))


def place_mentions(db: sqlite3.Connection, ordered: bool) -> None:
    """The placed table, indexed by id: each mention with the event the last placing of its id names
    (store.Scratch.finish); sorted unless the mentions were added `ordered` (`in_order`)."""
    # The last placing of each id (max(rowid) gives its row's other columns), grouped by a sort
    # and so inserted in key order.
    db.executescript(
        """BEGIN;
        CREATE TABLE event_of(id TEXT PRIMARY KEY, event TEXT, n INTEGER) WITHOUT ROWID;
        INSERT INTO event_of SELECT id, event, max(rowid) FROM placings GROUP BY id;
        DROP TABLE placings; DROP TABLE anchors;"""
    )
    # Mentions added in that order already (documents by source id, each one's mentions by their
    # offsets, as the builds read them) are placed as they came: a sort fewer, the largest.
    order = "m.rowid" if ordered else "m.source, m.start, m.end_, m.rowid"
    db.execute(
        f"""CREATE TABLE placed AS
        SELECT m.source AS source, m.source || ':' || m.start || '-' || m.end_ AS id,
               coalesce(e.event, '') AS event, m.data AS data
        FROM mentions m
        LEFT JOIN event_of e ON e.id = m.source || ':' || m.start || '-' || m.end_
        ORDER BY {order}"""
    )
    db.executescript(
        """DROP TABLE mentions; DROP TABLE event_of;
        CREATE INDEX placed_id ON placed(id);"""
    )


def sort_sources(db: sqlite3.Connection) -> None:
    """The sources by id (the Timeline's order), each as it came among equals, indexed by id."""
    db.executescript(
        """BEGIN;
        CREATE TABLE sources(rank INTEGER PRIMARY KEY, id TEXT, data BLOB);
        INSERT INTO sources(id, data) SELECT id, data FROM sources_made ORDER BY id, rowid;
        DROP TABLE sources_made;
        CREATE INDEX sources_id ON sources(id);
        COMMIT;"""
    )
