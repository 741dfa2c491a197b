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
from collections.abc import Mapping

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


def years_falling_in(calendar: str, month: int, day: int, year_calendar: str, year: int) -> list[int]:
    """The years of `calendar` whose `day` of `month` falls within `year` of `year_calendar`
    («عاشورای ۱۴۰۲»: the Hijri years whose 10 Muharram falls in Jalali 1402), earliest first."""
    try:
        whole = calendars.year_span(year_calendar, year)  # type: ignore[arg-type]
    except calendars.CalendarError:
        return []
    try:
        base = calendars.from_gregorian(whole.start, calendar).year  # type: ignore[arg-type]
    except calendars.CalendarError:
        # past the Umm al-Qura table: the arithmetic year is near enough to start from
        base = round((whole.start.year - 622) * 365.2425 / 354.367) + 1
    found = []
    for y in range(base - 1, base + 3):
        start = _month_start(calendar, y, month)
        if start is not None and whole.start <= start + dt.timedelta(days=day - 1) <= whole.end:
            found.append(y)
    return found


def mixed_calendar(c: Candidate, years: Mapping[str, tuple[int, int]], lang: str = "") -> None:
    """Read a Hijri or Jalali month written with a Gregorian year in that Gregorian year, and
    a Gregorian month written with a Jalali or Hijri year in that year (`years`: the
    lexicon's year ranges, by calendar and language)."""
    if c.kind != "date":
        return
    lo, hi = years["gregorian"]
    for p in (c.p1, c.p2):
        if p is None or p.year is None or p.month is None:
            continue
        if p.calendar in ("hijri", "jalali"):
            if lo <= p.year <= hi and p.marker in (None, "gregorian"):
                _reread(c, p)
        elif p.calendar == "gregorian" and p.marker is None and not lo <= p.year <= hi:
            for cal in ("jalali", "hijri"):
                rng = years.get(f"{lang}_{cal}")
                if rng and rng[0] <= p.year <= rng[1]:
                    _gregorian_month_in(c, p, cal)
                    break


def _gregorian_month_in(c: Candidate, p: Point, calendar: str) -> None:
    """«۱۵ مارس ۱۴۰۲»: a Gregorian month with a year of the text's Jalali years, read as the
    day (or month) that falls in that year and marked a conflict with the reason (1402 CE is
    centuries away from any news). With a year of Hijri size it is kept as written (history
    writes «29 مايو 1453») and marked suspect, the note giving the Hijri reading."""
    written, name = p.year or 0, month_name("gregorian", p.month or 1)
    found = []
    # the Gregorian years a year of that calendar can overlap (a Hijri year is 354 or 355 days)
    near = written + 621 if calendar == "jalali" else round(written * 354.367 / 365.2425 + 621.5)
    for gy in (near - 1, near, near + 1):
        try:
            day = dt.date(gy, p.month or 1, p.day or 1)
            if calendars.from_gregorian(day, calendar).year == written:  # type: ignore[arg-type]
                found.append(gy)
        except (ValueError, calendars.CalendarError):
            continue
    kind = "Jalali" if calendar == "jalali" else "Hijri"
    if calendar == "hijri":
        # histories write Gregorian years of this size («29 مايو 1453»): kept as written, flagged
        c.extra["form_status"] = "suspect"
        other = f"; in Hijri {written} it would be {found[0]}" if found else ""
        c.extra["form_note"] = (
            f"a Gregorian month ({name}) with a year of the size of Hijri years ({written}): read as "
            f"written, {written} CE{other}"
        )
        return
    c.extra["form_status"] = "conflict"
    if not found:
        c.extra["form_note"] = (
            f"a Gregorian month ({name}) with a year of the {kind} calendar ({written}): read as written "
            f"({written} CE); no {name} falls in {kind} {written}"
        )
        return
    p.year = found[0]
    c.extra["form_note"] = (
        f"a Gregorian month ({name}) with a year of the {kind} calendar ({written}): read as the {name} "
        f"in {kind} {written} ({found[0]}); as written it would be {written} CE"
    )


def _reread(c: Candidate, p: Point) -> None:
    calendar, month, written = p.calendar or "", p.month or 1, p.year or 0
    years = years_falling_in(calendar, month, 1, "gregorian", written)
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
