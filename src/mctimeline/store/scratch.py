"""The scratch database: one build's mentions, anchors, events and rows in SQLite, made and removed here."""

from __future__ import annotations

import dataclasses
import operator
import shutil
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mctimeline import placing, processes
from mctimeline.events import Event, Reconciliation, SourceAnchors
from mctimeline.events.models import ParkedMention, _Anchor
from mctimeline.mentions import Mention
from mctimeline.sources import Source
from mctimeline.store.records import (
    _ANCHOR,
    _ANCHOR_KEY,
    _ANCHOR_MENTION,
    _ANCHOR_TITLE,
    _ANCHOR_VALUES,
    _PARKED,
    _parked,
    event_bytes,
    event_of,
    mention_bytes,
    mention_of,
    rec_bytes,
    source_bytes,
)

STORE_ENV = "MCTIMELINE_STORE_DOCS"
# A corpus this large spills to disk: below it the objects fit easily and memory is faster.
STORE_MIN_DOCS = 20_000
PAGE = 512  # records read back per query when a writer walks a table in order
_FLUSH = 512  # events held before they are written together (one executemany a table, not three an event)
_IN = 500  # ids asked per query when records are looked up together (SQLite allows 999 or more)
_PREFIX = "mctimeline-scratch-"
_FILE = "timeline.sqlite"
# The events and their rows, in a second file beside it (attached as `ev`): see placing.
_EVENTS_FILE = "events.sqlite"
# The events' keys (timeline.EventKey): their own columns beside each event's bytes, so that a
# writer's pass that reads only them (which feeds, which years, which rows of the plot) reads
# them without decoding the events. `rows(KEYS, ...)` reads them in the events' order.
KEYS = "event_keys"
KEYED = "keyed_events"  # each event's key and its bytes, to decode only the events a writer needs
_KEY_COLUMNS = "start, end_, precision, series, status"
_FIRST = operator.itemgetter(0)  # a row's rowid or rank, by which rows read together are put back in order

_SCHEMA = """
CREATE TABLE mentions(n INTEGER PRIMARY KEY, source TEXT, i INTEGER, start INTEGER, end_ INTEGER, data BLOB);
CREATE TABLE placings(id TEXT, event TEXT);
CREATE TABLE anchors(n INTEGER PRIMARY KEY, seq INTEGER, key BLOB, title TEXT);
CREATE TABLE sources_made(id TEXT, data BLOB);
CREATE TABLE ev.made(start TEXT, end_ TEXT, id TEXT, precision TEXT, series TEXT, status TEXT, data BLOB);
CREATE TABLE ev.rows_made(id TEXT, event TEXT, data BLOB);
CREATE TABLE ev.events(rank INTEGER PRIMARY KEY,
    start TEXT, end_ TEXT, precision TEXT, series TEXT, status TEXT, data BLOB);
CREATE TABLE ev.recs(rank INTEGER PRIMARY KEY, event TEXT, data BLOB);
"""


def store_min_docs() -> int:
    """How many documents make a build use the store: MCTIMELINE_STORE_DOCS, else STORE_MIN_DOCS."""
    configured = processes.number_from_env(STORE_ENV, 0)
    return STORE_MIN_DOCS if configured is None else configured


class Scratch:
    """One build's scratch database, made on first use and removed, with its folder, by `close`."""

    def __init__(self, min_docs: int | None = None) -> None:
        self.min_docs = store_min_docs() if min_docs is None else min_docs
        self.folder: Path | None = None
        self._db: sqlite3.Connection | None = None
        # Each source's first row in `mentions`: its mention i is row first + i (read_back).
        self._first_row: dict[str, int] = {}
        self._rows = 0
        self._parked = 0  # anchors parked so far: the next one's place among them (`parked_keys`)
        self._made: list[Event] = []  # events added and not yet written (`_write_made`)
        self._rows_held: list[Reconciliation] = []  # rows added and not yet written, likewise
        self._mentions_held: list[tuple[int, str, int, int, int, bytes]] = []  # likewise (`_write_parked`)
        self._anchors_held: list[tuple[int, int, bytes, str]] = []  # likewise
        self._sources_held: list[tuple[str, bytes]] = []  # likewise (`add_source`)
        # Whether the mentions came in the placed table's order (`placing.in_order`): then `finish` need
        # not sort them. The source of the last mention added, and that no order was broken so far.
        self._last_source: str | None = None
        self._ordered = True
        # What the build's summary counts, tallied as the records are added (None: a reader's store).
        self.statuses: Counter[str] | None = Counter()  # the mentions' statuses
        self.kinds: Counter[str] | None = Counter()  # the reconciliation rows' kinds

    def __enter__(self) -> Scratch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.folder = Path(tempfile.mkdtemp(prefix=_PREFIX))
            self._db = placing.connected(self.folder / _FILE)
            self._attach_events(self._db)
            self._db.executescript(_SCHEMA)
            self._db.execute("BEGIN")
        return self._db

    @property
    def opened(self) -> bool:
        return self._db is not None

    def shared(self) -> Path:
        """The database's file, with all written so far committed, for another process to read
        (`reader`) while this one reads on: both only read once the store is `finish`ed."""
        db = self.db
        if db.in_transaction:
            # A reader sees only what is committed, and not at all while a writer holds its lock.
            db.execute("COMMIT")
            db.execute("BEGIN")
        assert self.folder is not None  # made with the database
        return self.folder / _FILE

    @classmethod
    def reader(cls, path: Path) -> Scratch:
        """The database at `path` (another process's `shared`), opened to read only: its `close`
        closes the connection and leaves the file, which is its maker's to remove."""
        scratch = cls(min_docs=0)
        scratch.statuses = scratch.kinds = None  # this store's rows were counted by its maker
        scratch._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
        scratch._db.execute("PRAGMA cache_size=-2048")
        events = path.with_name(_EVENTS_FILE).as_uri()
        scratch._db.execute("ATTACH DATABASE ? AS ev", (f"{events}?mode=ro",))
        scratch._db.execute("PRAGMA ev.cache_size=-2048")
        return scratch

    def _attach_events(self, db: sqlite3.Connection) -> None:
        assert self.folder is not None  # made with the database
        db.execute("ATTACH DATABASE ? AS ev", (str(self.folder / _EVENTS_FILE),))
        for pragma in placing.PRAGMAS[:-1]:  # temp_store is the connection's own
            db.execute(f"PRAGMA ev.{pragma}")

    def close(self) -> None:
        """Close the database and remove the folder it made (nothing else: mkdtemp made it empty)."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    # writing, as the reduce goes

    def add_mentions(self, source_id: str, mentions: Sequence[Mention]) -> None:
        if self._db is None:
            _ = self.db  # the folder is made on the first write, held or not, as its errors are
        self._ordered = self._ordered and placing.in_order(self._last_source, source_id, mentions)
        self._last_source = source_id
        if self.statuses is not None:
            self.statuses.update(m.status for m in mentions)
        first = self._first_row[source_id] = self._rows + 1
        self._rows += len(mentions)
        held = self._mentions_held
        held += [(first + i, source_id, i, m.start, m.end, mention_bytes(m)) for i, m in enumerate(mentions)]
        if len(held) >= _FLUSH:
            self._write_parked()

    def add_source(self, source: Source) -> None:
        """Keep `source`'s row to be written with the next few hundred: a large build's sources
        (about 1.5 KB a document as records) are read back by the writers (`stored.StoredTimeline`)."""
        held = self._sources_held
        held.append((source.source_id, source_bytes(source)))
        if len(held) >= _FLUSH:
            self._write_sources()

    def _write_sources(self) -> None:
        sources, self._sources_held = self._sources_held, []
        self.db.executemany("INSERT INTO sources_made VALUES (?, ?)", sources)

    def _write_parked(self) -> None:
        """Write the mentions and anchors held: several documents' by one `executemany` each (one a
        document cost a call's overhead per document), before anything reads them back."""
        mentions, self._mentions_held = self._mentions_held, []
        anchors, self._anchors_held = self._anchors_held, []
        self.db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", mentions)
        self.db.executemany("INSERT INTO anchors VALUES (?, ?, ?, ?)", anchors)

    # anchors' mentions and titles, parked while the anchors wait to be merged

    def park(self, item: SourceAnchors) -> SourceAnchors:
        """`item` with no loose rows, and of each anchor only what the merge compares in memory: its
        mention parked (models.ParkedMention), its key b"" and its title `_PARKED` (one string for
        all), the key and the title on disk beside the mention. `read_back` brings them back for the
        rows and ids of the events; `parked_keys` gives the keys, sorted, for the anchors' ranks.

        The source's mentions must have been added (`add_mentions`): they are what is read back.
        """
        first = self._first_row[item.source_id]
        held = self._anchors_held
        anchors = []
        for a in item.anchors:
            values = list(_ANCHOR_VALUES(a))
            values[_ANCHOR_MENTION], values[_ANCHOR_TITLE] = self._park_one(held, first, a)
            values[_ANCHOR_KEY] = b""
            anchors.append(_ANCHOR(values))
        return SourceAnchors(item.source_id, tuple(anchors), item.glosses, ())

    def _park_one(self, held: list[tuple[int, int, bytes, str]], first: int, a: _Anchor) -> tuple[Any, str]:
        """Hold `a`'s key and title for disk and number it among the parked; its parked mention and title."""
        held.append((first + a.index, self._parked, a.key, a.title))
        self._parked += 1
        m = a.mention
        return (m if isinstance(m, ParkedMention) else _parked(m)), (_PARKED if a.title else "")

    def park_held(self, item: SourceAnchors) -> None:
        """`park` in place of a document read before the build spilled, whose anchors the merge's
        lists hold already; its mentions added, and no later document parked before it."""
        first = self._first_row[item.source_id]
        held = self._anchors_held
        for a in item.anchors:
            mention, title = self._park_one(held, first, a)
            # In place (frozen records, the reduce's own): as `read_back` gives them back.
            object.__setattr__(a, "mention", mention)
            object.__setattr__(a, "title", title)
            object.__setattr__(a, "key", b"")
        if len(held) >= _FLUSH:
            self._write_parked()

    def parked_keys(self) -> Iterator[tuple[bytes, int]]:
        """The parked anchors' keys, sorted (SQLite's order of BLOBs is Python's of bytes), each with
        its anchor's place among the parked anchors: sorted on disk, in bounded memory, and read
        one by one (`events.assemble_sources` gives each anchor its rank from them)."""
        if self._db is None:
            return iter(())
        self._write_parked()
        return iter(self.db.execute("SELECT key, seq FROM anchors ORDER BY key"))

    def read_back(self, anchors: Sequence[_Anchor]) -> None:
        """Give each parked anchor of `anchors` its whole mention, key and title again, read from disk
        a few queries for all (not one a mention: the reduce reads back every anchor's, in batches
        of events)."""
        self._write_parked()
        first = self._first_row
        parked = (a for a in anchors if not a.key)
        rows = {first[a.source_id] + a.index: a for a in parked}
        wanted = sorted(rows)
        for lo in range(0, len(wanted), _IN):
            part = wanted[lo : lo + _IN]
            query = (
                "SELECT m.n, m.data, a.key, a.title FROM mentions AS m JOIN anchors AS a ON a.n = m.n "
                f"WHERE m.n IN ({_marks(part)})"
            )
            for n, data, key, title in self.db.execute(query, part):
                # In place: the anchor is the store's own (park made it), and every holder of it
                # (a cluster, a gloss's target) must see the mention its rows will quote.
                a = rows[n]
                object.__setattr__(a, "mention", mention_of(data))
                object.__setattr__(a, "key", key)
                object.__setattr__(a, "title", title)

    # the events as the reduce makes them (events.EventSink)

    def add_rows(self, rows: Iterable[Reconciliation]) -> None:
        """Keep `rows` to be written with the next few hundred: most events add none, or one or two."""
        self._rows_held.extend(rows)
        if len(self._rows_held) >= _FLUSH:
            self._write_rows()

    def _write_rows(self) -> None:
        rows, self._rows_held = self._rows_held, []
        if self.kinds is not None:
            self.kinds.update(r.kind for r in rows)
        self.db.executemany(
            "INSERT INTO rows_made VALUES (?, ?, ?)",
            ((r.reconciliation_id, r.event_id, rec_bytes(r)) for r in rows),
        )

    def add_event(self, event: Event) -> None:
        """Keep `event` to be written with the next few hundred (`_write_made`), in the order added."""
        self._made.append(event)
        if len(self._made) >= _FLUSH:
            self._write_made()

    def _write_made(self) -> None:
        """Write the events held, in the order they were added."""
        made, self._made = self._made, []
        if not made:
            return
        db = self.db
        db.executemany(
            "INSERT INTO made VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    e.start_date,
                    e.end_date,
                    e.event_id,
                    e.precision,
                    e.series_id,
                    e.status,
                    event_bytes(e),
                )
                for e in made
            ),
        )
        # Which event each of its mentions (by id) is placed in: appended in the order the events
        # came, and keyed only once all are in (`finish`), where the last event to name a mention
        # wins, as in a dict. Keyed as they came, the keys' random order made each
        # insert a walk of a B-tree larger than the page cache, a cost that grew with the corpus.
        db.executemany(
            "INSERT INTO placings VALUES (?, ?)",
            ((r.mention_id, e.event_id) for e in made for r in e.mentions),
        )

    def _made_index(self) -> None:
        self._write_made()
        self.db.execute("CREATE INDEX IF NOT EXISTS ev.made_id ON made(id)")

    def flag(self, event_ids: set[str]) -> None:
        """Mark these events conflict (rule 9)."""
        self._made_index()
        for event_id in sorted(event_ids):
            rows = self.db.execute("SELECT rowid, data FROM made WHERE id = ?", (event_id,)).fetchall()
            for rowid, data in rows:
                flagged = dataclasses.replace(event_of(data), status="conflict")
                self.db.execute(
                    "UPDATE made SET status = ?, data = ? WHERE rowid = ?",
                    (flagged.status, event_bytes(flagged), rowid),
                )

    def events_of(self, event_ids: set[str]) -> dict[str, Event]:
        self._made_index()
        found = {}
        for event_id in sorted(event_ids):
            for (data,) in self.db.execute("SELECT data FROM made WHERE id = ?", (event_id,)):
                found[event_id] = event_of(data)
        return found

    def finish(self) -> None:
        """Every table in the Timeline's order: events by (start, end, id), rows by id, and the mentions
        by (source, start, end, id) with their ids and events; ties kept in the order they came.

        Mention ids are `source:start-end` (events.mention_id), and an event names each of its
        mentions by that id (an anchor's `ref`), so a mention's placed id is its own whichever
        event names it. SQLite sorts on disk, in bounded memory.
        """
        self._write_parked()
        self._write_made()
        self._write_rows()
        self._write_sources()
        self._first_row = {}  # nothing is read back once the events are made
        db = self.db
        if db.in_transaction:
            db.execute("COMMIT")  # the events' file written whole, for the second connection
        db.execute("DETACH DATABASE ev")  # this connection holds no lock on it while it is sorted
        assert self.folder is not None  # made with the database
        with ThreadPoolExecutor(1) as pool:
            events = pool.submit(placing.sort_events, self.folder / _EVENTS_FILE)
            placing.place_mentions(db, self._ordered)
            placing.sort_sources(db)
            events.result()
        self._attach_events(db)
        db.execute("BEGIN")

    # reading back, for the writers

    def count(self, table: str) -> int:
        name = "events" if table in (KEYS, KEYED) else _table(table)
        return int(self.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0])

    def rows(self, table: str, lo: int, hi: int) -> list[Any]:
        """The rows of ranks lo..hi-1 (0-based) of a table, in order."""
        select, rank = _select(table)
        query = f"SELECT {select} WHERE {rank} > ? AND {rank} <= ? ORDER BY {rank}"
        return self.db.execute(query, (lo, hi)).fetchall()

    def rows_at(self, table: str, positions: Sequence[int]) -> list[Any]:
        """The rows of these ranks (0-based, ascending) of a table, as `rows` gives them, in their
        order: read by a few queries, where a lookup each asked one (a page's sources)."""
        select, rank = _select(table)
        found: list[Any] = []
        for lo in range(0, len(positions), _IN):
            part = [p + 1 for p in positions[lo : lo + _IN]]
            found += self.db.execute(f"SELECT {rank}, {select} WHERE {rank} IN ({_marks(part)})", part)
        found.sort(key=_FIRST)
        return [row[1:] for row in found]

    def walk(self, table: str, lo: int, hi: int) -> Iterator[Any]:
        for start in range(lo, hi, PAGE):
            yield from self.rows(table, start, min(hi, start + PAGE))

    def source_row(self, source_id: str) -> bytes | None:
        """The stored bytes of the source with this id (the last of equal ids, as a dict keeps), or None."""
        row = self.db.execute(
            "SELECT data FROM sources WHERE id = ? ORDER BY rank DESC LIMIT 1", (source_id,)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def placed_row(self, mention_id: str) -> Any:
        # The last of equal ids, as a dict of the Timeline's mentions keeps.
        return self.db.execute(
            "SELECT id, source, data, event FROM placed WHERE id = ? ORDER BY rowid DESC LIMIT 1",
            (mention_id,),
        ).fetchone()

    def placed_rows(self, mention_ids: Sequence[str]) -> list[Any]:
        """The placed rows with these ids, all of them, in the table's order."""
        found: list[Any] = []
        for lo in range(0, len(mention_ids), _IN):
            part = mention_ids[lo : lo + _IN]
            found += self.db.execute(
                f"SELECT rowid, id, source, data, event FROM placed WHERE id IN ({_marks(part)})", part
            )
        found.sort(key=_FIRST)
        return [row[1:] for row in found]

    def recs_of_events(self, event_ids: Sequence[str]) -> list[bytes]:
        """The rows of these events, in the table's order."""
        found: list[tuple[int, bytes]] = []
        for lo in range(0, len(event_ids), _IN):
            part = event_ids[lo : lo + _IN]
            found += self.db.execute(f"SELECT rank, data FROM recs WHERE event IN ({_marks(part)})", part)
        found.sort(key=_FIRST)
        return [data for _, data in found]

    def recs_of(self, event_id: str) -> list[bytes]:
        rows = self.db.execute("SELECT data FROM recs WHERE event = ? ORDER BY rank", (event_id,))
        return [data for (data,) in rows]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def _select(table: str) -> tuple[str, str]:
    """What `Scratch.rows` reads of a table ("columns FROM table"), and its column of ranks (1-based)."""
    if table == "placed":
        return "id, source, data, event FROM placed", "rowid"
    if table in (KEYS, KEYED):
        columns = _KEY_COLUMNS if table == KEYS else f"{_KEY_COLUMNS}, data"
        return f"{columns} FROM events", "rank"
    return f"data FROM {_table(table)}", "rank"


def _table(name: str) -> str:
    if name not in ("placed", "events", "recs", "sources"):
        raise ValueError(f"no stored table {name!r}")
    return name
