"""Where each event goes: the axis's years, a row per series, its events in lanes or counted by month."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from mctimeline.plot.rows import PlotEvent, PlotSeries

OTHER = "other"  # the row of events that belong to no series
OTHER_NAME = "Other events"
MAX_TICKS = 16  # labelled years on the axis, at most
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
# A row of more events than this is drawn as counts per month (per year on an axis of
# more than MONTHLY_YEARS years): a corpus's million marks in ten thousand lanes would be
# a picture no viewer opens, and packing them into lanes takes time of events × lanes.
ROW_MAX_MARKS = 2000
MONTHLY_YEARS = 200


@dataclass(frozen=True)
class Bucket:
    """A month (or year) of a dense row: the events that start in it."""

    first: int  # ordinal of its first day
    after: int  # ordinal of the day after it
    label: str  # "2025-05" or "2025"
    events: int
    conflicts: int


@dataclass(frozen=True)
class Layout:
    """What the picture is drawn from: the axis's years, each row's lanes or counts, the events' number."""

    first_year: int
    last_year: int  # the year just after the axis (which may be 10000)
    monthly: bool  # a dense row counted by month, else by year
    rows: list[tuple[PlotSeries, list[list[PlotEvent]], list[Bucket] | None]]
    total: int


Spans = Iterable[tuple[str, int, int]]  # each event's series id, first and last year
# Each event's series id, year and month of its first day, status, and its PlotEvent when asked.
Marks = Iterable[tuple[str, int, int, str, Callable[[], PlotEvent]]]


def layout(spans: Spans, marks: Callable[[], Marks], series: Sequence[PlotSeries]) -> Layout:
    """The layout of some events: each row with its events packed into lanes (an event goes
    into the first lane it fits), or, for a row of more than ROW_MAX_MARKS events, its counts
    per month (per year on an axis of more than MONTHLY_YEARS years). Two passes, the first
    (`spans`) counting, so that only the events of the rows drawn as marks are held, and made:
    a large build's events are read from disk (stored.py), all of them at once would grow with
    the corpus, and a stored timeline's event is decoded only for a row of marks."""
    known = {s.series_id for s in series}

    def row_of(series_id: str) -> str:
        return series_id if series_id in known else OTHER

    counts: Counter[str] = Counter()
    first = last = None
    for series_id, start, end in spans:
        counts[row_of(series_id)] += 1
        first = start if first is None else min(first, start)
        last = end if last is None else max(last, end)
    # An empty plot still draws a valid axis.
    first_year, last_year = (2000, 2001) if first is None or last is None else (first, last + 1)
    monthly = last_year - first_year <= MONTHLY_YEARS
    members: dict[str, list[PlotEvent]] = {}
    tallies: dict[str, dict[tuple[int, int], list[int]]] = {}
    for series_id, year, month, status, plot_event in marks():
        key = row_of(series_id)
        if counts[key] > ROW_MAX_MARKS:
            tally = tallies.setdefault(key, {}).setdefault((year, month if monthly else 1), [0, 0])
            tally[0] += 1
            tally[1] += status == "conflict"
        else:
            members.setdefault(key, []).append(plot_event())
    rows: list[tuple[PlotSeries, list[list[PlotEvent]], list[Bucket] | None]] = []
    for row in [*sorted(series, key=lambda s: s.series_id), PlotSeries(OTHER, OTHER_NAME)]:
        if counts[row.series_id] > ROW_MAX_MARKS:
            rows.append((row, [], _buckets(tallies[row.series_id], monthly)))
        else:
            rows.append((row, _lanes(members.get(row.series_id, [])), None))
    return Layout(first_year, last_year, monthly, rows, sum(counts.values()))


def _lanes(members: list[PlotEvent]) -> list[list[PlotEvent]]:
    lanes: list[list[PlotEvent]] = []
    for e in sorted(members, key=lambda e: (e.start, e.end, e.event_id)):
        for lane in lanes:
            if lane[-1].end < e.start:
                lane.append(e)
                break
        else:
            lanes.append([e])
    return lanes


def _buckets(counts: dict[tuple[int, int], list[int]], monthly: bool) -> list[Bucket]:
    """The bars of a row's events counted by the month (or year) they start in, `counts` by
    (year, month) as [events, conflicts]: months in order, empty ones left out."""
    out = []
    for (year, month), (n, conflicts) in sorted(counts.items()):
        if monthly:
            after = year_start(year + 1) if month == 12 else dt.date(year, month + 1, 1).toordinal()
            first, label = dt.date(year, month, 1).toordinal(), f"{year:04d}-{month:02d}"
        else:
            first, after, label = year_start(year), year_start(year + 1), f"{year:04d}"
        out.append(Bucket(first, after, label, n, conflicts))
    return out


def year_start(year: int) -> int:
    """The ordinal of 1 January of `year`; year 10000 (past datetime's range) included."""
    if year > dt.MAXYEAR:
        return dt.date.max.toordinal() + 1
    return dt.date(year, 1, 1).toordinal()


def year_step(years: int) -> int:
    """Years between two labelled ticks: every year on a short axis, round steps on a long one."""
    return next((step for step in YEAR_STEPS if years / step <= MAX_TICKS), YEAR_STEPS[-1])
