"""Years not written: the year a day or month written without one takes from a reference day.

News names a day without its year when it is within months of publication, before or
after it: «14 يوليو» in a text of 2015-08-11 is 2015-07-14, in one of 2015-01-05 it is
2014-07-14 (the nearer). «الماضي»/«گذشته»/"last" after it asks for the latest one before
the reference day, «المقبل»/«آینده»/"next" for the first one after it.
"""

from __future__ import annotations

import datetime as dt

from mctimeline import calendars


def _bounds(cal: str, year: int, month: int, day: int | None) -> tuple[dt.date, dt.date] | None:
    from mctimeline.tagger.resolve import _span  # the resolver's cached core calls

    try:
        return _span(cal, year, month, day)
    except calendars.CalendarError:
        return None


def year_near(cal: str, month: int, day: int | None, ref: dt.date, direction: int = 0) -> int | None:
    """The year, in `cal`, of the occurrence of `day` `month` (or the month) for reference day `ref`.

    direction 0: the occurrence nearest `ref` (one that holds `ref` is nearest; a tie goes
    to the earlier: reports look back); -1: the latest that ends before `ref`; +1: the
    first that starts after it. None when the calendar cannot name the years around `ref`.
    """
    try:
        base = calendars.from_gregorian(ref, cal).year  # type: ignore[arg-type]
    except calendars.CalendarError:
        return None
    best: tuple[int, int] | None = None
    for year in (base - 2, base - 1, base, base + 1, base + 2):
        span = _bounds(cal, year, month, day)
        if span is None:
            continue
        first, last = span
        if direction < 0:
            if last >= ref:
                continue
            distance = (ref - last).days
        elif direction > 0:
            if first <= ref:
                continue
            distance = (first - ref).days
        else:
            distance = 0 if first <= ref <= last else min(abs((first - ref).days), abs((last - ref).days))
        if best is None or distance < best[1]:
            best = (year, distance)
    return None if best is None else best[0]
