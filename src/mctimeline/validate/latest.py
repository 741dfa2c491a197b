"""The own file of a feed cut into parts: its latest events, by the rule of mctimeline.feeds.parts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mctimeline.validate.feeds import _TAIL, split_feed

_FOLD = re.compile(rb"\r\n[ \t]")
_DTSTART = re.compile(rb"\r\nDTSTART;VALUE=DATE:([0-9]{4})([0-9]{2})([0-9]{2})\r\n")
_FIRST_VEVENT = b"\r\nBEGIN:VEVENT\r\n"


@dataclass(frozen=True)
class Latest:
    """What the rule asks of a cut feed's own file."""

    day: str  # it holds exactly the feed's events whose first day is this one or later
    alone: bool  # that day's VEVENTs alone pass the limit (so may the file: a day is never cut)


def latest_days(folder: Path, listed: list[str]) -> tuple[dict[str, Latest], list[str]]:
    """Per listed feed that is also cut into listed parts, what its own file must hold,
    measured here from the parts' VEVENTs (latest first, only until the limit is passed)
    and the file's own header; and the problems of measuring it."""
    from mctimeline.feeds import parts as feedparts  # icalendar comes with it: only when validating

    out: dict[str, Latest] = {}
    problems: list[str] = []
    for feed, periods in sorted(_periods_listed(listed).items()):
        if feed not in listed:
            continue  # the descriptor's problem, reported by feed_set_problems
        try:
            data = (folder / feed).read_bytes()
        except OSError:
            continue  # frictionless reports a missing file
        first = data.find(_FIRST_VEVENT)
        head = first + 2 if first >= 0 else max(len(data) - len(_TAIL), 0)
        budget = feedparts.MAX_FEED_BYTES - head - len(_TAIL)
        sizes, unmeasured = _latest_sizes(folder, feed, periods, budget)
        problems += unmeasured
        if not sizes:
            continue
        latest = Latest(feedparts.latest_from(sizes, budget), sizes[max(sizes)] > budget)
        out[feed] = latest
        if latest.day.encode() not in _FOLD.sub(b"", data[:head]):
            problems.append(
                f"{folder / feed}: its title and description do not name {latest.day}, "
                "the first day of the latest events it holds"
            )
    return out, problems


def _periods_listed(listed: list[str]) -> dict[str, list[str]]:
    from mctimeline.feeds import parts as feedparts

    parts: dict[str, list[str]] = {}
    for path in listed:
        split = feedparts.part_of(path)
        if split is not None:
            parts.setdefault(split[0], []).append(split[1])
    return parts


def _latest_sizes(
    folder: Path, feed: str, periods: list[str], budget: int
) -> tuple[dict[str, int], list[str]]:
    """The bytes of the VEVENTs of `feed`'s latest parts by their first day (DTSTART), from
    the latest part back until they pass `budget`: the parts' periods do not overlap, so
    sorted as text they are in the order of time."""
    from mctimeline.feeds import parts as feedparts

    sizes: dict[str, int] = {}
    for period in sorted(periods, reverse=True):
        path = folder / feedparts.part_path(feed, period)
        try:
            data = path.read_bytes()
        except OSError:
            continue  # frictionless reports it
        split = split_feed(data)
        if split is None:
            odd = f"{path.name} is not plain VEVENTs in a VCALENDAR"
            return sizes, [f"{folder / feed}: its latest events cannot be measured: {odd}"]
        for start, end in split[1]:
            m = _DTSTART.search(_FOLD.sub(b"", data[start - 2 : end]))
            if m is not None:  # a VEVENT without one is its part's problem
                day = b"-".join(m.groups()).decode()
                sizes[day] = sizes.get(day, 0) + end - start
        if sum(sizes.values()) > budget:
            break
    return sizes, []
