"""The arithmetic (tabular) Hijri calendar, for the Hijri years the Umm al-Qura table does not cover."""

from __future__ import annotations

import datetime as dt

from mctimeline.calendars.models import InvalidDate, OutOfRange, Precision, Span
from mctimeline.calendars.scalar import _HIJRI_YEARS
from mctimeline.names import month_name

# --- the arithmetic Hijri calendar, outside the Umm al-Qura table -------------------
#
# Histories and biographies date by Hijri years the Umm al-Qura table does not cover
# («12 رجب 1320 هـ»). There the core answers with the tabular (arithmetic, "civil")
# Islamic calendar, as ICU's islamic-umalqura falls back to islamic-civil outside its
# table: 30-year cycles of 11 leap years, months of 30 and 29 days alternating, epoch
# Friday 16 July 622 (Julian). Real months began with the sighted moon, so a day read so
# may be a day or two off: callers say so (TABULAR_HIJRI_NOTE).

TABULAR_HIJRI_NOTE = (
    "the Hijri year is outside the Umm al-Qura table: read with the arithmetic (tabular) "
    "Islamic calendar, which may be a day or two off the day observed"
)
# 1 Muharram 1 AH of the civil epoch, as a proleptic Gregorian ordinal (19 July 622).
_TABULAR_EPOCH = dt.date(622, 7, 19).toordinal()


def hijri_in_table(year: int) -> bool:
    """Whether the Umm al-Qura table (and so `span`) covers Hijri `year`."""
    return _HIJRI_YEARS[0] <= year <= _HIJRI_YEARS[1]


def _tabular_leap(year: int) -> bool:
    return (14 + 11 * year) % 30 < 11


def _tabular_month_length(year: int, month: int) -> int:
    return 30 if month % 2 == 1 or (month == 12 and _tabular_leap(year)) else 29


def _tabular_ordinal(year: int, month: int, day: int) -> int:
    return (
        _TABULAR_EPOCH
        - 1
        + day
        + (59 * (month - 1) + 1) // 2  # ceil(29.5 * (month - 1)): the days of the months before
        + (year - 1) * 354
        + (3 + 11 * year) // 30  # the leap days of the years before
    )


def tabular_hijri_span(year: int, month: int | None = None, day: int | None = None) -> Span:
    """The Gregorian days of a Hijri year, month or day in the arithmetic (tabular) calendar.

    For years the Umm al-Qura table lacks (`hijri_in_table`); callers add
    TABULAR_HIJRI_NOTE. Raises InvalidDate for a month or day that does not exist and
    OutOfRange for a year before 1 AH or past the Gregorian calendar's end.
    """
    if day is not None and month is None:
        raise ValueError("a day needs a month")
    if year < 1:
        raise OutOfRange(f"Hijri year {year} is before the Hijri era (1 AH)")
    if month is not None and not 1 <= month <= 12:
        raise InvalidDate(f"hijri month {month} of {year} does not exist: months run 1-12")
    if day is not None:
        length = _tabular_month_length(year, month or 1)
        if not 1 <= day <= length:
            raise InvalidDate(
                f"{day} {month_name('hijri', month or 1)} {year} is not a day of the arithmetic Hijri "
                f"calendar: the month has {length} days"
            )
        first = last = _tabular_ordinal(year, month or 1, day)
        precision: Precision = "day"
    elif month is not None:
        first = _tabular_ordinal(year, month, 1)
        last = first + _tabular_month_length(year, month) - 1
        precision = "month"
    else:
        first = _tabular_ordinal(year, 1, 1)
        last = _tabular_ordinal(year + 1, 1, 1) - 1
        precision = "year"
    if last > _MAX_ORDINAL_DAY:
        raise OutOfRange(f"Hijri year {year} ends after the last day the Gregorian calendar can name")
    return Span(dt.date.fromordinal(first), dt.date.fromordinal(last), precision)


_MAX_ORDINAL_DAY = dt.date.max.toordinal()
