"""The feeds a timeline has, which events each carries, and the UIDs that name events in them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mctimeline.events import Event
from mctimeline.feeds.dates import labels
from mctimeline.package import FeedFile
from mctimeline.timeline import Timeline

UID_DOMAIN = "mctimeline"
_SERIES_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
# Precisions too coarse for a day's calendar: their events are in PERIODS_FEED only.
PERIOD_PRECISIONS = frozenset({"year", "part-of-year"})
PERIODS_FEED = "periods.ics"
DAY_FEEDS = ("all.ics", "fa.ics", "ar.ics")


def feed_paths_of(precision: str, series_id: str) -> tuple[str, ...]:
    """The feeds that carry an event of this precision and series (validate reads the same rule)."""
    if precision in PERIOD_PRECISIONS:
        return (PERIODS_FEED,)
    return (*DAY_FEEDS, f"series-{series_id}.ics") if series_id else DAY_FEEDS


def uid(event_id: str) -> str:
    """The VEVENT UID of an event: stable because event ids are."""
    return f"{event_id}@{UID_DOMAIN}"


def event_id_of(uid_value: str) -> str:
    """The event id a UID was made from (the inverse of `uid`)."""
    suffix = f"@{UID_DOMAIN}"
    return uid_value[: -len(suffix)] if uid_value.endswith(suffix) else uid_value


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its file, resource name, language, titles and which events it carries."""

    path: str
    name: str
    language: str
    title: str
    description: str
    series_id: str | None = None  # None: every event of its kind
    periods: bool = False  # True: the year and part-of-year events; False: the rest

    def selects(self, event: Event) -> bool:
        if (event.precision in PERIOD_PRECISIONS) != self.periods:
            return False
        return self.series_id is None or event.series_id == self.series_id

    def feed_file(self) -> FeedFile:
        return FeedFile(self.name, self.path, self.title, self.description)


class Carriers:
    """Which of some feeds carry an event, and in which languages: what `FeedSpec.selects` says,
    asked once a kind of event (day or period, series) rather than of every feed for every
    event. Holds an entry a kind: as many as the timeline has series, twice."""

    def __init__(self, specs: Sequence[FeedSpec]) -> None:
        self.specs = tuple(specs)
        self._found: dict[tuple[bool, str], tuple[tuple[int, ...], tuple[str, ...]]] = {}

    def _of(self, event: Event) -> tuple[tuple[int, ...], tuple[str, ...]]:
        # `selects` reads only these two of an event.
        kind = (event.precision in PERIOD_PRECISIONS, event.series_id)
        found = self._found.get(kind)
        if found is None:
            chosen = tuple(i for i, spec in enumerate(self.specs) if spec.selects(event))
            languages = tuple(dict.fromkeys(self.specs[i].language for i in chosen))
            found = self._found[kind] = (chosen, languages)
        return found

    def feeds(self, event: Event) -> tuple[int, ...]:
        """The indices (into `specs`) of the feeds that carry `event`, in order."""
        return self._of(event)[0]

    def languages(self, event: Event) -> tuple[str, ...]:
        """The languages of the feeds that carry `event`, each once, in the feeds' order."""
        return self._of(event)[1]


def feed_specs(timeline: Timeline) -> list[FeedSpec]:
    """The feeds of a timeline: all, fa, ar and one per series for the events of a day or a
    month, and periods.ics for those of a year or part of one (see mctimeline.feeds).

    A feed with no event is not written: RFC 5545 requires at least one component.
    """
    en, fa, ar = labels("en"), labels("fa"), labels("ar")
    # One pass over the events' keys, keeping none: a large build's are read back from disk
    # (stored.py), without decoding the events.
    days, used_ids, total = 0, set(), 0
    for e in timeline.event_keys():
        total += 1
        if e.precision not in PERIOD_PRECISIONS:
            days += 1
            if e.series_id:
                used_ids.add(e.series_id)
    specs = []
    if days:
        specs = [
            FeedSpec("all.ics", "feed-all", "en", en["calendar_all"], en["calendar_all_description"]),
            FeedSpec("fa.ics", "feed-fa", "fa", fa["calendar_all"], fa["calendar_all_description"]),
            FeedSpec("ar.ics", "feed-ar", "ar", ar["calendar_all"], ar["calendar_all_description"]),
        ]
    used = sorted(used_ids)
    names = {s.series_id: s.name_en for s in timeline.series}
    for series_id in used:
        if not _SERIES_ID.fullmatch(series_id):
            raise ValueError(
                f"series id {series_id!r} cannot name a feed file: use lowercase letters, digits and '-'"
            )
        name = names.get(series_id, series_id)
        specs.append(
            FeedSpec(
                f"series-{series_id}.ics",
                f"feed-series-{series_id}",
                "en",
                en["calendar_series"].format(name=name),
                en["calendar_series_description"].format(name=name),
                series_id,
            )
        )
    if days < total:
        specs.append(
            FeedSpec(
                PERIODS_FEED,
                "feed-periods",
                "en",
                en["calendar_periods"],
                en["calendar_periods_description"],
                periods=True,
            )
        )
    return specs
