"""One date at a time: supported ranges, month lengths, days between calendars, months and years as spans."""

from __future__ import annotations

import calendar as _gregorian_calendar
import datetime as dt
from functools import cache

import jdatetime
from hijridate import Gregorian as _HGregorian
from hijridate import Hijri as _Hijri
from hijridate import ummalqura as _ummalqura

from mctimeline.calendars.models import (
    CALENDARS,
    Calendar,
    CalendarDate,
    InvalidDate,
    OutOfRange,
    Span,
)
from mctimeline.names import month_name

# --- supported ranges -------------------------------------------------------

_GREGORIAN_RANGE = (dt.date.min, dt.date.max)
# jdatetime's bounds: 1 Farvardin 1 (622-03-22) to the end of its last year,
# 9377 AP. Its 33-year arithmetic cycle is only checked against the official
# calendar for 1925-2077 (the test suite sweeps that span against ICU); outside
# it the answer is the algorithm's, which is still better than none.
_LAST_ESFAND = jdatetime.date(jdatetime.MAXYEAR, 12, 1)
_JALALI_RANGE = (
    jdatetime.date(1, 1, 1).togregorian(),
    _LAST_ESFAND.replace(day=30 if _LAST_ESFAND.isleap() else 29).togregorian(),
)
_HIJRI_RANGE = (
    dt.date(*_ummalqura.GREGORIAN_RANGE[0]),
    dt.date(*_ummalqura.GREGORIAN_RANGE[1]),
)
_HIJRI_YEARS = (_ummalqura.HIJRI_RANGE[0][0], _ummalqura.HIJRI_RANGE[1][0])


def supported_range(calendar: Calendar) -> tuple[dt.date, dt.date]:
    """The first and last Gregorian day that `calendar` can convert."""
    _check_calendar(calendar)
    return {"gregorian": _GREGORIAN_RANGE, "jalali": _JALALI_RANGE, "hijri": _HIJRI_RANGE}[calendar]


def reconcilable_range() -> tuple[dt.date, dt.date]:
    """The first and last day an event can have: the days both Gregorian and Jalali can name.

    Every event carries its Jalali twin, so a date the Jalali calendar cannot name
    (before 1 Farvardin 1, or past jdatetime's last year) cannot be reconciled. Hijri
    is left out on purpose: beyond the Umm al-Qura table the Hijri columns stay empty.
    """
    g_lo, g_hi = _GREGORIAN_RANGE
    j_lo, j_hi = _JALALI_RANGE
    return max(g_lo, j_lo), min(g_hi, j_hi)


def _range_text(calendar: Calendar) -> str:
    lo, hi = supported_range(calendar)
    if calendar == "hijri":
        return (
            f"the Umm al-Qura table covers {_HIJRI_YEARS[0]}-{_HIJRI_YEARS[1]} AH "
            f"({lo.isoformat()} to {hi.isoformat()})"
        )
    lo_c, hi_c = from_gregorian(lo, calendar), from_gregorian(hi, calendar)
    return f"the {calendar} calendar is supported from {lo_c} to {hi_c} ({lo} to {hi})"


def _check_calendar(calendar: str) -> None:
    if calendar not in CALENDARS:
        raise ValueError(f"unknown calendar {calendar!r}: use one of {', '.join(CALENDARS)}")


def _check_gregorian_day(day: dt.date, calendar: Calendar) -> None:
    lo, hi = supported_range(calendar)
    if not lo <= day <= hi:
        raise OutOfRange(f"{day.isoformat()} is outside the supported range: {_range_text(calendar)}")


def _check_year(calendar: Calendar, year: int) -> None:
    if calendar == "hijri":
        if not _HIJRI_YEARS[0] <= year <= _HIJRI_YEARS[1]:
            raise OutOfRange(f"Hijri year {year} is outside the supported range: {_range_text(calendar)}")
        return
    first, last = _year_bounds(calendar)
    if not first <= year <= last:
        raise OutOfRange(f"{calendar} year {year} is outside the supported range: {_range_text(calendar)}")


@cache
def _year_bounds(calendar: Calendar) -> tuple[int, int]:
    """The first and last year of the supported range, in `calendar` (two conversions, once)."""
    lo, hi = supported_range(calendar)
    first = lo.year if calendar == "gregorian" else from_gregorian(lo, calendar).year
    last = hi.year if calendar == "gregorian" else from_gregorian(hi, calendar).year
    return first, last


def _check_month(calendar: Calendar, year: int, month: int) -> None:
    _check_year(calendar, year)
    if not 1 <= month <= 12:
        raise InvalidDate(f"{calendar} month {month} of {year} does not exist: months run 1-12")


# --- facts about a calendar -------------------------------------------------


def is_leap(calendar: Calendar, year: int) -> bool:
    """Whether `year` is a leap year: 366 days (Gregorian, Jalali) or 355 (Hijri)."""
    _check_calendar(calendar)
    return year_length(calendar, year) in (366, 355)


def year_length(calendar: Calendar, year: int) -> int:
    """The number of days in `year` of `calendar`."""
    return sum(month_length(calendar, year, m) for m in range(1, 13))


def month_length(calendar: Calendar, year: int, month: int) -> int:
    """The number of days in `month` of `year` in `calendar`."""
    _check_calendar(calendar)
    _check_month(calendar, year, month)
    return _month_length(calendar, year, month)


@cache
def _month_length(calendar: Calendar, year: int, month: int) -> int:
    if calendar == "gregorian":
        return _gregorian_calendar.monthrange(year, month)[1]
    if calendar == "jalali":
        if month <= 6:
            return 31
        if month <= 11:
            return 30
        return 30 if jdatetime.date(year, 12, 1).isleap() else 29
    return _Hijri(year, month, 1).month_length()


def weekday(day: dt.date) -> int:
    """The weekday of a Gregorian day, Monday = 0 (the same day in every calendar)."""
    return day.weekday()


# --- days -------------------------------------------------------------------


def validate(calendar: Calendar, year: int, month: int, day: int) -> CalendarDate:
    """Return the date if it exists in `calendar`; raise InvalidDate or OutOfRange otherwise."""
    _check_calendar(calendar)
    _check_month(calendar, year, month)
    length = _month_length(calendar, year, month)
    if not 1 <= day <= length:
        name = month_name(calendar, month)
        reason = f"{name} {year} has {length} days"
        if calendar == "jalali" and month == 12:
            reason += " (a leap year)" if length == 30 else f" ({year} is not a leap year)"
        elif calendar == "gregorian" and month == 2:
            reason += " (a leap year)" if length == 29 else f" ({year} is not a leap year)"
        raise InvalidDate(
            f"{day} {name} {year} ({calendar} {year:04d}-{month:02d}-{day:02d}) "
            f"is not a day of the {calendar.capitalize()} calendar: {reason}"
        )
    result = CalendarDate(calendar, year, month, day)
    if calendar == "gregorian":
        _check_gregorian_day(dt.date(year, month, day), calendar)
    return result


def to_gregorian(date: CalendarDate) -> dt.date:
    """The Gregorian day of a date written in any calendar."""
    validate(date.calendar, date.year, date.month, date.day)
    if date.calendar == "gregorian":
        return dt.date(date.year, date.month, date.day)
    if date.calendar == "jalali":
        return jdatetime.date(date.year, date.month, date.day).togregorian()
    return _Hijri(date.year, date.month, date.day).to_gregorian()


def from_gregorian(day: dt.date, calendar: Calendar) -> CalendarDate:
    """The Gregorian `day` written in `calendar`."""
    _check_calendar(calendar)
    if calendar == "gregorian":
        return CalendarDate("gregorian", day.year, day.month, day.day)
    _check_gregorian_day(day, calendar)
    if calendar == "jalali":
        j = jdatetime.date.fromgregorian(date=day)
        return CalendarDate("jalali", j.year, j.month, j.day)
    h = _HGregorian(day.year, day.month, day.day).to_hijri()
    return CalendarDate("hijri", h.year, h.month, h.day)


def convert(date: CalendarDate, calendar: Calendar) -> CalendarDate:
    """The same day as `date`, written in `calendar`."""
    return from_gregorian(to_gregorian(date), calendar)


# --- months, years and intervals ---------------------------------------------


def month_span(calendar: Calendar, year: int, month: int) -> Span:
    """The Gregorian days that `month` of `year` in `calendar` covers."""
    length = month_length(calendar, year, month)
    first = to_gregorian(CalendarDate(calendar, year, month, 1))
    last = to_gregorian(CalendarDate(calendar, year, month, length))
    return Span(first, last, "month")


def year_span(calendar: Calendar, year: int) -> Span:
    """The Gregorian days that `year` of `calendar` covers."""
    first = to_gregorian(CalendarDate(calendar, year, 1, 1))
    last = to_gregorian(CalendarDate(calendar, year, 12, month_length(calendar, year, 12)))
    return Span(first, last, "year")


def day_span(calendar: Calendar, year: int, month: int, day: int) -> Span:
    """The single Gregorian day of a date written in `calendar`."""
    g = to_gregorian(CalendarDate(calendar, year, month, day))
    return Span(g, g, "day")


def span(calendar: Calendar, year: int, month: int | None = None, day: int | None = None) -> Span:
    """The Gregorian days named by a year, a month of a year, or a day, in `calendar`."""
    if month is None:
        if day is not None:
            raise ValueError("a day needs a month")
        return year_span(calendar, year)
    if day is None:
        return month_span(calendar, year, month)
    return day_span(calendar, year, month, day)


def span_in(s: Span, calendar: Calendar) -> tuple[CalendarDate, CalendarDate]:
    """The first and last day of a Gregorian span, written in `calendar`."""
    return from_gregorian(s.start, calendar), from_gregorian(s.end, calendar)
