"""events.csv as the checks after its calendar twins read it: six columns, coded, about 60 bytes an event."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

# The columns of events.csv the checks after the calendar twins read.
EVENT_KEYS = ("event_id", "start_date", "end_date", "status", "series_id", "precision")
_CODED = EVENT_KEYS[1:]  # values a corpus's events share (few days, statuses, precisions, series)
_NONE = 0xFFFF_FFFF  # the code of a cell a short row lacks (csv.DictReader's None)


class EventRows(Sequence[dict[str, str]]):
    """events.csv's rows in their order, each as a dict of the columns in EVENT_KEYS its
    header has (made when asked for), and where each id's row is (`get`).

    Held as columns: the ids' UTF-8 in one buffer, every other value as a 4-byte code into
    the table of distinct values; the ids' index is a table of row numbers by the ids'
    hashes (8 to 16 bytes an event). A dict of rows and an index by id took about 700
    bytes an event: a corpus's events.csv holds millions.
    """

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self._keys: tuple[str, ...] | None = None
        self._ids = bytearray()
        self._ends = array("Q")
        self._no_id: set[int] = set()  # rows whose id cell is missing (a short row)
        self._codes: dict[str | None, int] = {}
        self._values: list[str] = []
        self._columns: dict[str, array[int]] = {k: array("I") for k in _CODED}
        for row in rows:
            self._take(row)
        self._slots = self._index()

    def _take(self, row: dict[str, str]) -> None:
        if self._keys is None:  # csv.DictReader gives every row the header's keys
            self._keys = tuple(k for k in EVENT_KEYS if k in row)
        event_id = row.get("event_id")
        if not isinstance(event_id, str):
            self._no_id.add(len(self._ends))
            event_id = ""
        self._ids += event_id.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._ids))
        for k in _CODED:
            v = row.get(k)
            code = self._codes.get(v) if isinstance(v, str) else _NONE
            if code is None:
                code = self._codes[v] = len(self._values)
                self._values.append(v)  # type: ignore[arg-type]
            self._columns[k].append(code)

    def _index(self) -> array[int]:
        """An open-addressing table of the rows by their ids' hashes: per slot the number of
        a row plus one (0: empty), at most half the slots filled; should two rows have one
        id, the later one holds its slot."""
        size = 8
        while size < 2 * len(self):
            size *= 2
        code = "I" if len(self) < 0xFFFF_FFFF else "Q"  # Q: four billion events
        slots = array(code, bytes(array(code).itemsize * size))
        for row in range(len(self)):
            if row in self._no_id:
                continue
            at = self._probe(slots, self.id(row))
            slots[at] = row + 1
        return slots

    def _probe(self, slots: array[int], event_id: str) -> int:
        """The slot of `event_id`: the one holding its row, or the empty one where it goes."""
        mask = len(slots) - 1
        at = hash(event_id) & mask
        while (held := slots[at]) and self.id(held - 1) != event_id:
            at = (at + 1) & mask
        return at

    def __len__(self) -> int:
        return len(self._ends)

    def id(self, i: int) -> str:
        """The id of row `i` ("" for a row without one)."""
        start = self._ends[i - 1] if i else 0
        return self._ids[start : self._ends[i]].decode("utf-8", "surrogatepass")

    def get(self, event_id: str) -> int | None:
        """The number of the row with this id (the last one, should two have it); None if none has."""
        held = self._slots[self._probe(self._slots, event_id)]
        return held - 1 if held else None

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
        row: dict[str, str] = {}
        for k in self._keys or ():
            if k == "event_id":
                row[k] = None if i in self._no_id else self.id(i)  # type: ignore[assignment]
            else:
                code = self._columns[k][i]
                row[k] = None if code == _NONE else self._values[code]  # type: ignore[assignment]
        return row

    def __iter__(self) -> Iterator[dict[str, str]]:
        return (self[i] for i in range(len(self)))

    def row_in(self, i: int, keys: tuple[str, ...]) -> dict[str, str]:
        """`self[i]` in `keys` only (those of the coded columns its header has), made
        without decoding its id."""
        row: dict[str, str] = {}
        for k in keys:
            if k in _CODED and k in (self._keys or ()):
                code = self._columns[k][i]
                row[k] = None if code == _NONE else self._values[code]  # type: ignore[assignment]
        return row

    def cells(self, keys: tuple[str, ...]) -> Iterator[tuple[str | None, ...]]:
        """Per row, in order, its values in `keys` (None where `self[i].get(key)` is None or
        the header lacks the key), read from the columns without making the rows."""
        values = self._values
        columns = [self._columns[k] if k in _CODED and k in (self._keys or ()) else None for k in keys]
        if "event_id" in keys:
            raise ValueError("cells reads the coded columns; ids are read by id()")
        for i in range(len(self)):
            yield tuple(
                None if column is None or (code := column[i]) == _NONE else values[code] for column in columns
            )

    def ids(self) -> Iterator[str]:
        return (self.id(i) for i in range(len(self)))
