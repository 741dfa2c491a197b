"""Written dates to Gregorian days through the core: the one way the tagger asks for bounds.

Cached per month (a corpus names the same few thousand months again and again; the core
is pure), a day is its month's first day plus (day - 1); anything else asks the core.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from mctimeline import calendars


@lru_cache(maxsize=1 << 14)
def _coarse_span(calendar: str, year: int, month: int | None) -> tuple[dt.date, dt.date] | Exception:
    """The core's span of a year or a month, or the error it raised (remembered: a corpus names
    the same few thousand months again and again, and the core is pure)."""
    try:
        if calendar == "hijri" and not calendars.hijri_in_table(year):
            s = calendars.tabular_hijri_span(year, month)  # history's years: see _fill's note
        else:
            s = calendars.span(calendar, year, month)  # type: ignore[arg-type]
    except calendars.CalendarError as exc:
        return exc.with_traceback(None)  # kept: not the frames it was raised in
    return s.start, s.end


def _span(
    calendar: str, year: int, month: int | None = None, day: int | None = None
) -> tuple[dt.date, dt.date]:
    """(start, end) of `calendars.span(calendar, year, month, day)`, raising what it raises.

    A day is its month's first day plus (day - 1) when the month has it: the days of a
    month in every calendar are consecutive Gregorian days, so one core call per month
    serves all its days (test_tagger_spans compares this with the core day by day).
    Anything else (a day the month lacks, a month the core refuses) asks the core itself.
    """
    got = _coarse_span(calendar, year, month)
    if isinstance(got, Exception):
        if day is None:
            raise type(got)(*got.args)  # a fresh copy: re-raising one object grows its traceback
    elif day is None:
        return got
    elif month is not None and 1 <= day <= got[1].toordinal() - (first := got[0].toordinal()) + 1:
        d = dt.date.fromordinal(first + day - 1)
        return d, d
    if calendar == "hijri" and not calendars.hijri_in_table(year):
        s = calendars.tabular_hijri_span(year, month, day)
    else:
        s = calendars.span(calendar, year, month, day)  # type: ignore[arg-type]
    return s.start, s.end


@lru_cache(maxsize=1)
def _reconcilable_range() -> tuple[dt.date, dt.date]:
    return calendars.reconcilable_range()


def _bounds(calendar: str, first: tuple[int, ...], last: tuple[int, ...]) -> tuple[str, str]:
    start, end = _span(calendar, *first)
    # One date (not a range): its own span gives both ends; the core is not asked twice.
    if last != first:
        end = _span(calendar, *last)[1]
    if end < start:
        raise calendars.CalendarError(f"the range ends ({end}) before it starts ({start})")
    lo, hi = _reconcilable_range()
    if start < lo or end > hi:
        days = start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"
        raise calendars.OutOfRange(
            f"{days} is outside the days an event can have "
            f"({lo.isoformat()} to {hi.isoformat()}, the days the Jalali calendar can name)"
        )
    iso = start.isoformat()
    return iso, iso if end == start else end.isoformat()  # one day: formatted once
