"""A feed too large to subscribe to: its parts by period, and its own file keeping the latest events.

Google Calendar refuses a calendar of more than 1 MB, by URL or by import; other
applications slow down long before their own limits. So no feed is written larger
than MAX_FEED_BYTES: a feed that would be is written as one part per year of its
events' first days (`all-2024.ics`), a year still too large as one part per month
(`all-2024-05.ics`), a month still too large as one part per day (`all-2024-05-27.ics`).
A single day is never cut: it is the finest period a reader can ask for. Years and
months are Gregorian in every feed, so that the parts of all.ics, fa.ics and ar.ics
hold the same events. An event goes to the one part its first day falls in.

The feed's own file stays, so that a subscription to it keeps updating: it holds the
feed's latest events, those whose first day is on or after the earliest day D for
which they all fit in MAX_FEED_BYTES with the file's own header (`latest_from`). Whole
days, never part of one, so the latest day is there even if it alone passes the limit.
The rule reads only the events' first days and sizes, never the clock: the same
timeline gives the same file.

The feed is first written whole (its VEVENTs come one at a time and their sizes are
known only then), then cut into its parts by copying byte ranges, and the whole file
rewritten as its latest events: the parts and that file are made of the feed's own bytes.
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MAX_FEED_BYTES = 1_000_000
_PERIOD_LENGTHS = (4, 7, 10)  # YYYY, YYYY-MM, YYYY-MM-DD of an ISO day
# What a part's header may add to the feed's: its period in two titles, and their folds.
_PART_HEADER = 100
_PART = re.compile(r"(?P<stem>.+)-(?P<period>[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)\.ics")


@dataclass
class Spans:
    """Where each VEVENT of a feed being written lies, with its event's first day (ISO): twelve
    bytes a VEVENT (where it ends, and its day as a number into the days seen), so that neither
    the feed's bytes nor an object a VEVENT need be kept to cut it. A VEVENT starts where the
    one before it ends, the first where the header does."""

    head: int = 0  # the header's length
    ends: array[int] = field(default_factory=lambda: array("q"))
    day_numbers: array[int] = field(default_factory=lambda: array("i"))  # into day_names
    day_names: list[str] = field(default_factory=list)  # each first day once, as first seen
    _numbers: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def add(self, length: int, day: str) -> None:
        """The next VEVENT, of `length` bytes, written right after the previous one."""
        ends = self.ends
        ends.append((ends[-1] if ends else self.head) + length)
        number = self._numbers.get(day)
        if number is None:
            number = self._numbers[day] = len(self.day_names)
            self.day_names.append(day)
        self.day_numbers.append(number)

    def __len__(self) -> int:
        return len(self.ends)

    def start(self, i: int) -> int:
        return self.ends[i - 1] if i else self.head

    def size(self, i: int) -> int:
        return self.ends[i] - self.start(i)

    def day(self, i: int) -> str:
        return self.day_names[self.day_numbers[i]]


def part_path(path: str, period: str) -> str:
    """The file of the part of feed `path` for `period` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    return f"{path.removesuffix('.ics')}-{period}.ics"


def part_of(path: str) -> tuple[str, str] | None:
    """(the feed, the period) of a part's file name; None for a name that is no part's."""
    m = _PART.fullmatch(path)
    return (f"{m.group('stem')}.ics", m.group("period")) if m else None


def plan(spans: Spans, tail: int, limit: int | None = None) -> list[tuple[str, Sequence[int]]]:
    """The parts of a feed as (period, indices of its VEVENTs), in period order; one part
    with period "" when the whole feed fits in `limit` bytes (`tail`: the end line's length).
    The indices are a range or an array, not a list of ints (36 bytes a VEVENT)."""
    limit = MAX_FEED_BYTES if limit is None else limit
    everything = range(len(spans))
    if spans.head + _size(spans, everything) + tail <= limit:
        return [("", everything)]
    return list(_cut(spans, everything, 0, tail, limit))


def _size(spans: Spans, indices: Sequence[int]) -> int:
    """The bytes of these VEVENTs (`indices` increasing): a run of consecutive ones, as every
    period's are (a feed is written in date order), is told by its ends alone."""
    if not indices:
        return 0
    first, last = indices[0], indices[-1]
    if last - first + 1 == len(indices):
        return spans.ends[last] - spans.start(first)
    return sum(spans.size(i) for i in indices)


def _cut(
    spans: Spans, indices: Sequence[int], level: int, tail: int, limit: int
) -> Iterable[tuple[str, Sequence[int]]]:
    width = _PERIOD_LENGTHS[level]
    periods = [day[:width] for day in spans.day_names]  # by day number: each day cut once
    numbers = spans.day_numbers
    groups: dict[str, array[int]] = {}
    for i in indices:
        groups.setdefault(periods[numbers[i]], array("q")).append(i)
    for period in sorted(groups):
        members = groups[period]
        small = spans.head + _PART_HEADER + _size(spans, members) + tail <= limit
        if small or level == len(_PERIOD_LENGTHS) - 1:
            yield period, members
        else:
            yield from _cut(spans, members, level + 1, tail, limit)


def day_sizes(spans: Spans) -> dict[str, int]:
    """The bytes of a feed's VEVENTs by their events' first day."""
    sizes = [0] * len(spans.day_names)
    start = spans.head
    for number, end in zip(spans.day_numbers, spans.ends, strict=True):
        sizes[number] += end - start
        start = end
    return dict(zip(spans.day_names, sizes, strict=True))


def latest_from(sizes: dict[str, int], budget: int) -> str:
    """The first day of a feed's latest events: the earliest day D such that the VEVENTs
    of the events beginning on or after D take at most `budget` bytes (`sizes`: their bytes
    by first day); the latest day when even it alone takes more (a day is never cut)."""
    days = sorted(sizes, reverse=True)
    if not days:
        raise ValueError("a feed without events has no latest events")
    total = 0
    for number, day in enumerate(days):
        total += sizes[day]
        if total > budget:
            return days[max(number - 1, 0)]
    return days[-1]


def latest_indices(spans: Spans, day: str) -> list[int]:
    """The VEVENTs of a feed's latest events: those whose event begins on or after `day`."""
    latest = {number for number, name in enumerate(spans.day_names) if name >= day}
    return [i for i, number in enumerate(spans.day_numbers) if number in latest]


def _runs(indices: Iterable[int]) -> Iterator[tuple[int, int]]:
    """The first and last of each run of consecutive indices, in order (`indices` increasing)."""
    first = last = -2
    for i in indices:
        if i != last + 1:
            if last >= 0:
                yield first, last
            first = i
        last = i
    if last >= 0:
        yield first, last


def copy_parts(
    whole: Path,
    spans: Spans,
    parts: list[tuple[str, Sequence[int]]],
    headers: dict[str, bytes],
    tail: bytes,
    latest: tuple[bytes, Sequence[int]],
) -> None:
    """Write each part of the feed at `whole` (its header from `headers` by period, its
    VEVENTs copied from `whole` in order, `tail`) beside it, then replace `whole` with its
    latest events (`latest`: the header and the VEVENTs' indices)."""
    fresh = whole.with_name(f".{whole.name}.latest")  # no part's name: it starts with a dot
    folder = whole.parent
    outputs = [(folder / part_path(whole.name, period), headers[period], ids) for period, ids in parts]
    with whole.open("rb") as source:
        for path, header, members in [*outputs, (fresh, *latest)]:
            with path.open("wb", buffering=1 << 20) as out:
                out.write(header)
                for first, last in _runs(members):  # consecutive VEVENTs read at once
                    source.seek(spans.start(first))
                    out.write(source.read(spans.ends[last] - spans.start(first)))
                out.write(tail)
    os.replace(fresh, whole)  # both written by write_feeds a moment ago, in the build's own folder
