"""A Timeline whose mentions, events and reconciliation rows are read back from the scratch store."""

from __future__ import annotations

import marshal
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from functools import partial
from typing import Any, Generic, TypeVar, overload

from mctimeline.events import Event, Reconciliation
from mctimeline.mentions import Mention
from mctimeline.sources import Source
from mctimeline.store import KEYED, KEYS, Scratch, _maker, event_of, mention_of, rec_of, source_of
from mctimeline.timeline import EventKey, PlacedMention, Timeline

T = TypeVar("T")


class Rows(Sequence[T], Generic[T]):
    """A stored table as a read-only sequence in the Timeline's order: records made as they are read.

    Walking it holds one page of records at a time; a slice is read as a list.
    """

    def __init__(self, scratch: Scratch, table: str, decode: Callable[[Any], T]) -> None:
        self._scratch, self._table, self._decode = scratch, table, decode
        self._len = scratch.count(table)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            lo, hi, step = index.indices(self._len)
            if step != 1:
                return [self[i] for i in range(lo, hi, step)]
            return [self._decode(row) for row in self._scratch.rows(self._table, lo, max(lo, hi))]
        position = index + self._len if index < 0 else index
        if not 0 <= position < self._len:
            raise IndexError(f"{self._table} index {index} out of range")
        return self._decode(self._scratch.rows(self._table, position, position + 1)[0])

    def __iter__(self) -> Iterator[T]:
        return self.walk_from(0)

    def at(self, positions: Sequence[int]) -> list[T]:
        """The records of these indexes (ascending, in range), read by a few queries."""
        return [self._decode(row) for row in self._scratch.rows_at(self._table, positions)]

    def walk_from(self, start: int) -> Iterator[T]:
        """The records from index `start` on (timeline.walk), read a page at a time."""
        return map(self._decode, self._scratch.walk(self._table, max(0, start), self._len))


_PLACED = _maker(PlacedMention)
# Where a mention's status and a row's kind sit in their stored tuples (store.mention_bytes,
# store.rec_bytes: the fields in order), to read them without making the records.
_STATUS = [f.name for f in fields(Mention)].index("status")
_KIND = [f.name for f in fields(Reconciliation)].index("kind")


def _placed(row: Any) -> PlacedMention:
    mention_id, source_id, data, event_id = row
    return _PLACED((mention_id, source_id, mention_of(data), event_id))


def _event(row: Any) -> Event:
    return event_of(row[0])


def _rec(row: Any) -> Reconciliation:
    return rec_of(row[0])


def _source(row: Any) -> Source:
    return source_of(row[0])


@dataclass(frozen=True)
class StoredTimeline(Timeline):
    """The Timeline of a large build: the series in memory, the rest on disk in `scratch`.

    The store wrote each table in the order Timeline sorts it, so nothing is sorted
    here; lookups by id go to the store's indexes. Valid while `scratch` is open.
    """

    scratch: Scratch | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, scratch: Scratch, series: Sequence[Any]) -> StoredTimeline:
        return cls(
            sources=Rows(scratch, "sources", _source),
            mentions=Rows(scratch, "placed", _placed),
            events=Rows(scratch, "events", _event),
            reconciliations=Rows(scratch, "recs", _rec),
            series=tuple(series),
            scratch=scratch,
        )

    def __post_init__(self) -> None:
        object.__setattr__(self, "series", tuple(sorted(self.series, key=lambda s: s.series_id)))

    def _store(self) -> Scratch:
        if self.scratch is None:
            raise ValueError("a StoredTimeline needs its scratch store")
        return self.scratch

    def source(self, source_id: str) -> Source | None:
        data = self._store().source_row(source_id)
        return None if data is None else source_of(data)

    def mention(self, mention_id: str) -> PlacedMention | None:
        row = self._store().placed_row(mention_id)
        return None if row is None else _placed(row)

    def reconciliations_of(self, event_id: str) -> tuple[Reconciliation, ...]:
        return tuple(rec_of(data) for data in self._store().recs_of(event_id))

    def event_keys(self) -> Iterator[EventKey]:
        """Each event's EventKey read from its own columns (store.KEYS), the event not decoded."""
        store = self._store()
        return map(EventKey._make, store.walk(KEYS, 0, len(self.events)))

    def mention_status_counts(self) -> Counter[str]:
        """Counted by the store as the mentions were added (no walk of the table after the reduce),
        else (a reader's store) from each mention's bytes, no mention made."""
        store = self._store()
        if store.statuses is not None:
            return Counter(store.statuses)
        loads = marshal.loads
        return Counter(loads(row[2])[_STATUS] for row in store.walk("placed", 0, len(self.mentions)))

    def row_kind_counts(self) -> Counter[str]:
        """Counted by the store as the rows were written, else from each row's bytes, no row made."""
        store = self._store()
        if store.kinds is not None:
            return Counter(store.kinds)
        loads = marshal.loads
        return Counter(loads(row[0])[_KIND] for row in store.walk("recs", 0, len(self.reconciliations)))

    def unplaced_mentions(self) -> Iterator[PlacedMention]:
        """The mentions with no event, told by their event column: only they are made."""
        rows = self._store().walk("placed", 0, len(self.mentions))
        return (_placed(row) for row in rows if not row[3])

    def keyed_events(self) -> Iterator[tuple[EventKey, Callable[[], Event]]]:
        """Each event's EventKey read from its columns, and the event decoded only when asked."""
        for row in self._store().walk(KEYED, 0, len(self.events)):
            yield EventKey._make(row[:-1]), partial(event_of, row[-1])

    def records_of(self, events: Sequence[Event]) -> Timeline:
        """The mentions and rows `events` read, in a Timeline of their own, read by a few queries
        (a page's events asked one mention at a time took a query each). No sources or events:
        a writer asks it only `mention` and `reconciliations_of`."""
        store = self._store()
        mention_ids = sorted({ref.mention_id for e in events for ref in e.mentions})
        # In the stored order: of equal ids the Timeline keeps the last, as `mention` reads it.
        placed = [_placed(row) for row in store.placed_rows(mention_ids)]
        recs = [rec_of(data) for data in store.recs_of_events(sorted({e.event_id for e in events}))]
        return _Records(sources=(), mentions=placed, events=(), reconciliations=recs, series=self.series)


@dataclass(frozen=True)
class _Records(Timeline):
    """`records_of`'s Timeline: its mentions and rows come in the Timeline's order (the store
    wrote each table so, and reads them back by rank), so only its lookups are made."""

    def __post_init__(self) -> None:
        self._mentions_by_id.update({m.mention_id: m for m in self.mentions})
        for r in self.reconciliations:
            self._recs_by_event.setdefault(r.event_id, []).append(r)
