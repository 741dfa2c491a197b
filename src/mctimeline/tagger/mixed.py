"""Mixed calendars: a month of one calendar written with a year of another.

«رمضان 2021» names the Ramadan of 2021: the Hijri month is read in the Hijri year whose
Ramadan begins in Gregorian 2021 (a Hijri month can begin twice in one Gregorian year;
the note says so, and the first is read). «پنج مهر ۲۰۱۰» puts a Jalali month beside a
Gregorian year: read naively it is a day of the 27th century, so it is read as the Mehr
of 2010 and marked a conflict with the reason, for a person to decide.

The scanner calls `mixed_calendar` on each candidate; what it decides travels in the
candidate's `extra` ("form_note", "form_status"), which the tagger adds to the mention.
"""

from __future__ import annotations

import datetime as dt

from mctimeline import calendars
from mctimeline.names import month_name
from mctimeline.tagger.points import Candidate, Point


def _month_start(calendar: str, year: int, month: int) -> dt.date | None:
    try:
        if calendar == "hijri" and not calendars.hijri_in_table(year):
            return calendars.tabular_hijri_span(year, month).start
        return calendars.span(calendar, year, month).start  # type: ignore[arg-type]
    except calendars.CalendarError:
        return None


def years_beginning_in(calendar: str, month: int, gregorian_year: int, day: int = 1) -> list[int]:
    """The years of `calendar` whose `month` begins in `gregorian_year` (or whose `day` of
    `month` falls in it), earliest first."""
    try:
        base = calendars.from_gregorian(dt.date(gregorian_year, 1, 1), calendar).year  # type: ignore[arg-type]
    except calendars.CalendarError:
        # past the Umm al-Qura table: the arithmetic year is near enough to start from
        base = round((gregorian_year - 622) * 365.2425 / 354.367) + 1
    found = []
    for year in range(base - 1, base + 3):
        start = _month_start(calendar, year, month)
        if start is not None and (start + dt.timedelta(days=day - 1)).year == gregorian_year:
            found.append(year)
    return found


def mixed_calendar(c: Candidate, gregorian_years: tuple[int, int]) -> None:
    """Read a Hijri or Jalali month written with a Gregorian year in that Gregorian year."""
    if c.kind != "date":
        return
    lo, hi = gregorian_years
    for p in (c.p1, c.p2):
        if p is None or p.year is None or p.month is None or p.calendar not in ("hijri", "jalali"):
            continue
        if not lo <= p.year <= hi or p.marker not in (None, "gregorian"):
            continue
        _reread(c, p)


def _reread(c: Candidate, p: Point) -> None:
    calendar, month, written = p.calendar or "", p.month or 1, p.year or 0
    years = years_beginning_in(calendar, month, written)
    name = month_name(calendar, month)
    if not years:
        kind = "Hijri" if calendar == "hijri" else "Jalali"
        c.extra["form_status"] = "invalid"
        c.extra["form_note"] = f"a {kind} month ({name}) with the Gregorian year {written}: none begins in it"
        return
    p.year, p.marker = years[0], None
    if calendar == "hijri":
        note = f"a Hijri month with a Gregorian year: the {name} that begins in {written} ({name} {years[0]})"
        if len(years) > 1:
            note += f"; {name} {years[1]} also begins in {written}"
    else:
        # Iran dates by Jalali years; a Jalali month with a Gregorian year is a slip of one or
        # the other, and which cannot be told from the words.
        c.extra["form_status"] = "conflict"
        note = (
            f"a Jalali month ({name}) with a Gregorian year ({written}): read as {name} {years[0]}, the "
            f"{name} of {written}; either the month or the year may be a slip"
        )
    c.extra["form_note"] = note
