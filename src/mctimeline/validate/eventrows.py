"""events.csv as the checks after its calendar twins read it: six columns, in a scratch SQLite file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice, repeat
from typing import Any, overload

from mctimeline.validate.scratch import Scratch

# The columns of events.csv the checks after the calendar twins read.
EVENT_KEYS = ("event_id", "start_date", "end_date", "status", "series_id", "precision")
_CODED = EVENT_KEYS[1:]  # the columns read by row (the ids are read by id())
_BATCH = 256  # rows written at a time (a dict of 16 cells each: a few KB)


class EventRows(Sequence[dict[str, str]]):
    """events.csv's rows in their order, each as a dict of the columns in EVENT_KEYS its
    header has (made when asked for), and where each id's row is (`get`).

    Held in a scratch SQLite file (validate.scratch), a row by its number and an index of
    the ids: memory stays that of SQLite's cache, whatever the number of events (coded
    columns in memory took about 70 bytes an event, a dict of rows about 700). A cell a
    short row lacks (csv.DictReader's None) is NULL. `scratch`: the file, shared with the
    checks that keep per-event indexes beside these rows (validate.feeds.distinct).
    """

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self.scratch = Scratch()
        self._db = self.scratch.db
        columns = ", ".join(EVENT_KEYS)
        self._db.execute(f"CREATE TABLE events (row INTEGER PRIMARY KEY, {columns})")
        self._keys: tuple[str, ...] | None = None
        self._len = 0
        self._queries: dict[tuple[str, ...], tuple[tuple[str, ...], str]] = {}
        rows = iter(rows)
        while batch := list(islice(rows, _BATCH)):
            if self._keys is None:  # csv.DictReader gives every row the header's keys
                self._keys = tuple(k for k in EVENT_KEYS if k in batch[0])
            self._db.executemany(
                f"INSERT INTO events VALUES (?, {', '.join('?' * len(EVENT_KEYS))})",
                [(self._len + n, *(_text(row.get(k)) for k in EVENT_KEYS)) for n, row in enumerate(batch)],
            )
            self._len += len(batch)
        # (id, row): the last row of an id is the index's last entry for it
        self._db.execute("CREATE INDEX events_by_id ON events (event_id, row)")

    def close(self) -> None:
        """Remove the scratch file (also done when the rows are let go)."""
        self.scratch.close()

    def __len__(self) -> int:
        return self._len

    def id(self, i: int) -> str:
        """The id of row `i` ("" for a row without one)."""
        found = self._db.execute("SELECT event_id FROM events WHERE row = ?", (i,)).fetchone()
        return (found[0] or "") if found else ""

    def get(self, event_id: str) -> int | None:
        """The number of the row with this id (the last one, should two have it); None if none has."""
        found = self._db.execute(
            "SELECT row FROM events WHERE event_id = ? ORDER BY row DESC LIMIT 1", (event_id,)
        ).fetchone()
        return found[0] if found else None

    @overload
    def __getitem__(self, i: int) -> dict[str, str]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, str]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, str] | list[dict[str, str]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.row_in(i, EVENT_KEYS)

    def __iter__(self) -> Iterator[dict[str, str]]:
        keys = self._keys or ()
        for values in self._select(keys):
            yield dict(zip(keys, values, strict=True))

    def row_in(self, i: int, keys: tuple[str, ...]) -> dict[str, str]:
        """`self[i]` in `keys` only (those its header has)."""
        query = self._queries.get(keys)
        if query is None:  # a few sets of keys, each asked for once an event or more
            have = tuple(k for k in keys if k in (self._keys or ()))
            query = self._queries[keys] = (have, f"SELECT {', '.join(have)} FROM events WHERE row = ?")
        have, sql = query
        return dict(zip(have, self._db.execute(sql, (i,)).fetchone(), strict=True)) if have else {}

    def cells(self, keys: tuple[str, ...]) -> Iterator[tuple[str | None, ...]]:
        """Per row, in order, its values in `keys` (None where `self[i].get(key)` is None or
        the header lacks the key), read a row at a time."""
        if "event_id" in keys:
            raise ValueError("cells reads the columns by row; ids are read by id()")
        have = [k in (self._keys or ()) for k in keys]
        for values in self._select(tuple(k for k, h in zip(keys, have, strict=True) if h)):
            read = iter(values)
            yield tuple(next(read) if h else None for h in have)

    def ids(self) -> Iterator[str]:
        return (i or "" for (i,) in self._select(("event_id",)))

    def _select(self, keys: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
        """`keys` of every row, in order, read as they are wanted (a cursor of its own)."""
        if not keys:
            return repeat((), len(self))
        return iter(self._db.execute(f"SELECT {', '.join(keys)} FROM events ORDER BY row"))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
