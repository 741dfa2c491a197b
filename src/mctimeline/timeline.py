"""The built timeline: every record the writers write (sources, mentions, events, series, reconciliation)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import NamedTuple, TypeVar

from mctimeline.events import Event, Reconciliation
from mctimeline.mentions import Mention
from mctimeline.sources import Source

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PlacedMention:
    """A tagged mention with its corpus id, its source and the event it belongs to ("" for none)."""

    mention_id: str
    source_id: str
    mention: Mention
    event_id: str


class EventKey(NamedTuple):
    """What a writer's first pass reads of an event (which feeds, which years, which plot row):
    a stored timeline reads it without decoding the event (`Timeline.event_keys`)."""

    start_date: str
    end_date: str
    precision: str
    series_id: str
    status: str


@dataclass(frozen=True)
class Series:
    """A recurring conference series, as the gazetteer names it in three languages."""

    series_id: str
    name_en: str
    name_fa: str
    name_ar: str
    organizer: str = ""
    location: str = ""


@dataclass(frozen=True)
class Timeline:
    """Everything one build writes, in the deterministic order the writers keep."""

    # Tuples, but for a large build's (stored.StoredTimeline), whose mentions, events and rows
    # are sequences read back from disk.
    sources: Sequence[Source]
    mentions: Sequence[PlacedMention]
    events: Sequence[Event]
    reconciliations: Sequence[Reconciliation] = ()
    series: Sequence[Series] = ()
    _mentions_by_id: dict[str, PlacedMention] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _recs_by_event: dict[str, list[Reconciliation]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _sources_by_id: dict[str, Source] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Sorting here (not in each writer) makes every output independent of input order.
        object.__setattr__(self, "sources", tuple(sorted(self.sources, key=lambda s: s.source_id)))
        mention_order = sorted(
            self.mentions, key=lambda m: (m.source_id, m.mention.start, m.mention.end, m.mention_id)
        )
        object.__setattr__(self, "mentions", tuple(mention_order))
        object.__setattr__(
            self, "events", tuple(sorted(self.events, key=lambda e: (e.start_date, e.end_date, e.event_id)))
        )
        object.__setattr__(
            self, "reconciliations", tuple(sorted(self.reconciliations, key=lambda r: r.reconciliation_id))
        )
        object.__setattr__(self, "series", tuple(sorted(self.series, key=lambda s: s.series_id)))
        self._mentions_by_id.update({m.mention_id: m for m in self.mentions})
        self._sources_by_id.update({s.source_id: s for s in self.sources})
        for r in self.reconciliations:
            self._recs_by_event.setdefault(r.event_id, []).append(r)

    def mention(self, mention_id: str) -> PlacedMention | None:
        """The placed mention with this id, or None."""
        return self._mentions_by_id.get(mention_id)

    def source(self, source_id: str) -> Source | None:
        """The source with this id, or None."""
        return self._sources_by_id.get(source_id)

    def reconciliations_of(self, event_id: str) -> tuple[Reconciliation, ...]:
        return tuple(self._recs_by_event.get(event_id, ()))

    def event_keys(self) -> Iterator[EventKey]:
        """Each event's EventKey, in the events' order."""
        return (EventKey(e.start_date, e.end_date, e.precision, e.series_id, e.status) for e in self.events)

    def mention_status_counts(self) -> Counter[str]:
        """How many mentions have each status (the build's summary counts them)."""
        return Counter(m.mention.status for m in self.mentions)

    def row_kind_counts(self) -> Counter[str]:
        """How many reconciliation rows are of each kind (the build's summary counts them)."""
        return Counter(r.kind for r in self.reconciliations)

    def unplaced_mentions(self) -> Iterator[PlacedMention]:
        """The mentions that made no event (no event_id), in the mentions' order."""
        return (m for m in self.mentions if not m.event_id)

    def keyed_events(self) -> Iterator[tuple[EventKey, Callable[[], Event]]]:
        """Each event's EventKey and a function that gives the event: a stored timeline's
        decodes it only when asked (a writer that needs few of them reads the keys)."""
        for e in self.events:
            yield EventKey(e.start_date, e.end_date, e.precision, e.series_id, e.status), partial(_itself, e)

    def records_of(self, events: Sequence[Event]) -> Timeline:
        """A Timeline whose `mention` and `reconciliations_of` answer as this one's for `events`:
        this one, whose lookups are in memory (a stored timeline reads them from disk together)."""
        return self

    @property
    def created(self) -> dt.date | None:
        """The latest publication date among the sources: the inputs' own date, never the clock.

        None when no source states a usable publication date.
        """
        return latest_date(s.published for s in self.sources)


def _itself(event: Event) -> Event:
    return event


def latest_date(values: Iterable[str]) -> dt.date | None:
    """The latest of some YYYY-MM-DD strings, ignoring empty or malformed ones."""
    days: list[dt.date] = []
    for value in values:
        if not _ISO_DAY.fullmatch(value):
            continue
        try:
            days.append(dt.date.fromisoformat(value))
        except ValueError:
            continue
    return max(days, default=None)


def walk(records: Sequence[T], start: int = 0) -> Iterator[T]:
    """`records` from index `start` on, one at a time: a stored table (stored.Rows) is read from
    there a page at a time, where `islice` would read and decode every record before `start`."""
    walk_from = getattr(records, "walk_from", None)
    return walk_from(start) if walk_from is not None else islice(records, start, None)
