"""The conversion core: days, months and years between Gregorian, Jalali and Hijri (Umm al-Qura).

This is the only package of mctimeline that imports a calendar library
(jdatetime for the Solar Hijri calendar, hijridate for the Umm al-Qura table).
Every other module asks it. Intervals are inclusive Gregorian day ranges; a month
or a year is never reduced to a single day, and an invalid or unsupported date
raises instead of being clamped.

Its modules, each using only the ones before it: `models` (calendar names,
CalendarDate, Span, the errors), `scalar` (supported ranges, month lengths, one
day between calendars, months and years as spans), `tabular` (the arithmetic Hijri
calendar beyond the Umm al-Qura table), `bulk` (arrays of days, numpy loaded lazily).
Callers import from here: `from mctimeline.calendars import span`.
"""

from __future__ import annotations

from mctimeline.calendars.bulk import (
    DayArrays,
    convert_bulk,
    from_calendar_bulk,
    supported_mask,
    to_calendar_bulk,
)
from mctimeline.calendars.models import (
    CALENDARS,
    Calendar,
    CalendarDate,
    CalendarError,
    InvalidDate,
    OutOfRange,
    Precision,
    Span,
)
from mctimeline.calendars.scalar import (
    convert,
    day_span,
    from_gregorian,
    is_leap,
    month_length,
    month_span,
    reconcilable_range,
    span,
    span_in,
    supported_range,
    to_gregorian,
    validate,
    weekday,
    year_length,
    year_span,
)
from mctimeline.calendars.tabular import TABULAR_HIJRI_NOTE, hijri_in_table, tabular_hijri_span

__all__ = [
    "CALENDARS",
    "TABULAR_HIJRI_NOTE",
    "Calendar",
    "CalendarDate",
    "CalendarError",
    "DayArrays",
    "InvalidDate",
    "OutOfRange",
    "Precision",
    "Span",
    "convert",
    "convert_bulk",
    "day_span",
    "from_calendar_bulk",
    "from_gregorian",
    "hijri_in_table",
    "is_leap",
    "month_length",
    "month_span",
    "reconcilable_range",
    "span",
    "span_in",
    "supported_mask",
    "supported_range",
    "tabular_hijri_span",
    "to_calendar_bulk",
    "to_gregorian",
    "validate",
    "weekday",
    "year_length",
    "year_span",
]
