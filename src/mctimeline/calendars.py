"""The conversion core: days, months and years between Gregorian, Jalali and Hijri (Umm al-Qura).

This is the only module of mctimeline that imports a calendar library
(jdatetime for the Solar Hijri calendar, hijridate for the Umm al-Qura table).
Every other module asks it. Intervals are inclusive Gregorian day ranges; a month
or a year is never reduced to a single day, and an invalid or unsupported date
raises instead of being clamped.
"""

from __future__ import annotations

import calendar as _gregorian_calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple, get_args

import jdatetime
from hijridate import Gregorian as _HGregorian
from hijridate import Hijri as _Hijri
from hijridate import ummalqura as _ummalqura

from mctimeline.names import month_name

if TYPE_CHECKING:  # numpy is imported lazily, by the bulk functions only
    import numpy as np
    import numpy.typing as npt

Calendar = Literal["gregorian", "jalali", "hijri"]
CALENDARS: tuple[Calendar, ...] = get_args(Calendar)
Precision = Literal["day", "month", "year"]


class CalendarError(ValueError):
    """A date that the core cannot convert: invalid, or outside a supported range."""


class InvalidDate(CalendarError):
    """A year, month or day that does not exist in its calendar."""


class OutOfRange(CalendarError):
    """A date outside the range a calendar's table or algorithm supports."""


@dataclass(frozen=True, order=True)
class CalendarDate:
    """A day written in one calendar: year, month (1-12) and day of month."""

    calendar: Calendar
    year: int
    month: int
    day: int

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True)
class Span:
    """An inclusive range of Gregorian days and how precisely it was named."""

    start: dt.date
    end: dt.date
    precision: Precision

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


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


# --- bulk conversion ----------------------------------------------------------
#
# Arrays of days at a time, for corpus builds. A day is its proleptic Gregorian
# ordinal (dt.date.toordinal(): 1 January of year 1 is day 1). Every calendar's
# answers come from one table of month-start ordinals, built once, lazily, from the
# same libraries the scalar functions above call and checked against the scalar
# month lengths as it is built, so the two paths cannot disagree. numpy is imported
# inside these functions only, so the CLI's scalar commands never load it.

_MAX_ORDINAL = dt.date.max.toordinal()
# numpy's datetime64 counts days from 1 January 1970; this converts between the two.
_NUMPY_EPOCH = dt.date(1970, 1, 1).toordinal()
# Day-of-year offsets of the Jalali months: six of 31 days, then five of 30, then Esfand.
_JALALI_MONTH_OFFSETS = (0, 31, 62, 93, 124, 155, 186, 216, 246, 276, 306, 336)
# Days are found in the table through blocks of 2**4 = 16 days: shorter than any month,
# so a block's days lie in the month of its first day or the next one.
_BLOCK_BITS = 4


class DayArrays(NamedTuple):
    """Days written in one calendar, as three parallel integer arrays (month 1-12, day 1-31)."""

    years: npt.NDArray[np.int64]
    months: npt.NDArray[np.int64]
    days: npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class _MonthTable:
    """Where every month of a calendar's supported years starts, and an index to find them fast."""

    first_year: int
    # starts[i] is the ordinal of the first day of month i, counted from month 1 of
    # first_year; one more item, one past the last supported day, closes the last month.
    starts: npt.NDArray[np.int64]
    # blocks[k] is the month holding day starts[0] + 16 k: with it a day costs two
    # lookups and a comparison instead of a binary search over the whole table
    # (about 30 instead of 150 ns a day on random days).
    blocks: npt.NDArray[np.int32]

    @property
    def last_year(self) -> int:
        return self.first_year + (len(self.starts) - 1) // 12 - 1


def _month_starts(calendar: Calendar) -> tuple[int, npt.NDArray[np.int64], npt.NDArray[np.int64] | None]:
    """First year, month-start ordinals (closed by one past the last day) and the scalar month lengths."""
    import numpy as np

    if calendar == "gregorian":
        first, last = _GREGORIAN_RANGE[0].year, _GREGORIAN_RANGE[1].year
        months_since_1970 = np.arange((first - 1970) * 12, (last - 1969) * 12 + 1, dtype=np.int64)
        starts = months_since_1970.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
        # datetime64 is itself the proleptic Gregorian calendar of dt.date: nothing to check against.
        return first, starts + _NUMPY_EPOCH, None
    if calendar == "jalali":
        first, last = jdatetime.MINYEAR, jdatetime.MAXYEAR
        years = range(first, last + 1)
        year_starts = np.array([jdatetime.date(y, 1, 1).togregorian().toordinal() for y in years], np.int64)
        starts = (year_starts[:, None] + np.array(_JALALI_MONTH_OFFSETS, np.int64)[None, :]).ravel()
        end = _JALALI_RANGE[1].toordinal() + 1
    else:
        first, last = _HIJRI_YEARS
        years = range(first, last + 1)
        starts = np.array(
            [_Hijri(y, m, 1).to_gregorian().toordinal() for y in years for m in range(1, 13)], np.int64
        )
        end = _HIJRI_RANGE[1].toordinal() + 1
    lengths = np.array([_month_length(calendar, y, m) for y in years for m in range(1, 13)], np.int64)
    return first, np.append(starts, end), lengths


@cache
def _month_table(calendar: Calendar) -> _MonthTable:
    import numpy as np

    first, starts, expected = _month_starts(calendar)
    lengths = np.diff(starts)
    if expected is not None and not np.array_equal(lengths, expected):
        bad = int(np.flatnonzero(lengths != expected)[0])
        raise RuntimeError(
            f"the {calendar} library disagrees with itself: month {bad % 12 + 1} of {first + bad // 12} "
            f"starts and ends {int(lengths[bad])} days apart but is said to have {int(expected[bad])} days"
        )
    lo, hi = supported_range(calendar)
    if starts[0] != lo.toordinal() or starts[-1] != hi.toordinal() + 1 or lengths.min() <= 1 << _BLOCK_BITS:
        raise RuntimeError(f"the {calendar} month table does not cover its supported range {lo} to {hi}")
    block_firsts = np.arange(starts[0], starts[-1], 1 << _BLOCK_BITS, dtype=np.int64)
    blocks = (np.searchsorted(starts, block_firsts, side="right") - 1).astype(np.int32)
    starts.flags.writeable = False
    blocks.flags.writeable = False
    return _MonthTable(first, starts, blocks)


def _as_int_array(values: Sequence[int] | npt.ArrayLike, what: str) -> npt.NDArray[np.int64]:
    import numpy as np

    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{what}: expected a one-dimensional sequence of integers, got shape {array.shape}")
    if array.size == 0:
        return np.zeros(0, dtype=np.int64)
    if array.dtype.kind == "O" and all(isinstance(v, int) and not isinstance(v, bool) for v in array.flat):
        # Python ints beyond 64 bits stay objects in numpy; no day, year or month number is
        # that large, and printing one could take longer than the conversion (or fail).
        raise OutOfRange(f"{what}: an integer beyond 64 bits is too large to be a day, year or month number")
    if array.dtype.kind not in "iu":
        # Floats would be truncated silently into some other day; refuse instead.
        raise TypeError(f"{what}: expected integers, got an array of {array.dtype} (convert with int first)")
    if array.dtype.kind == "u" and int(array.max()) > np.iinfo(np.int64).max:
        raise OutOfRange(f"{what}: {int(array.max())} is too large to be a day, year, month or day number")
    return array.astype(np.int64, copy=False)


def _first(mask: npt.NDArray[np.bool_]) -> int | None:
    import numpy as np

    found = np.flatnonzero(mask)
    return int(found[0]) if found.size else None


def supported_mask(ordinals: Sequence[int] | npt.ArrayLike, calendar: Calendar) -> npt.NDArray[np.bool_]:
    """Which of the days (Gregorian ordinals) `calendar` can convert, as a boolean array."""
    _check_calendar(calendar)
    days = _as_int_array(ordinals, "ordinals")
    lo, hi = supported_range(calendar)
    return (days >= lo.toordinal()) & (days <= hi.toordinal())


def to_calendar_bulk(ordinals: Sequence[int] | npt.ArrayLike, calendar: Calendar) -> DayArrays:
    """The days `ordinals` (proleptic Gregorian ordinals, dt.date.toordinal()) written in `calendar`.

    Agrees day for day with from_gregorian(). If any day is outside the calendar's
    supported range, raises OutOfRange naming the first such item and the range;
    nothing is clamped (use supported_mask() to filter first).
    """
    import numpy as np

    _check_calendar(calendar)
    days = _as_int_array(ordinals, "ordinals")
    bad = _first(~supported_mask(days, calendar))
    if bad is not None:
        value = int(days[bad])
        if 1 <= value <= _MAX_ORDINAL:
            where = f"{dt.date.fromordinal(value).isoformat()} (day {value})"
        else:
            where = f"day number {value} (Gregorian ordinals run 1 to {_MAX_ORDINAL})"
        raise OutOfRange(f"item {bad}: {where} is outside the supported range: {_range_text(calendar)}")
    table = _month_table(calendar)
    index = table.blocks[(days - table.starts[0]) >> _BLOCK_BITS].astype(np.int64)
    index += days >= table.starts[index + 1]
    years, month0 = np.divmod(index, 12)
    return DayArrays(years + table.first_year, month0 + 1, days - table.starts[index] + 1)


def from_calendar_bulk(
    calendar: Calendar,
    years: Sequence[int] | npt.ArrayLike,
    months: Sequence[int] | npt.ArrayLike,
    days: Sequence[int] | npt.ArrayLike,
) -> npt.NDArray[np.int64]:
    """The Gregorian ordinals of days written in `calendar` as parallel year, month and day arrays.

    Agrees day for day with to_gregorian(). The first item that is not a supported
    day of the calendar raises what validate() raises for it (InvalidDate or
    OutOfRange), with the item's index in front.
    """
    import numpy as np

    _check_calendar(calendar)
    y = _as_int_array(years, "years")
    m = _as_int_array(months, "months")
    d = _as_int_array(days, "days")
    if not len(y) == len(m) == len(d):
        raise ValueError(f"years, months and days differ in length ({len(y)}, {len(m)}, {len(d)})")
    table = _month_table(calendar)
    usable = (y >= table.first_year) & (y <= table.last_year) & (m >= 1) & (m <= 12)
    # Unusable items look up a stand-in month so the lookups stay in bounds; they raise below.
    month_index = np.where(usable, (y - table.first_year) * 12 + m - 1, 0)
    starts, ends = table.starts[month_index], table.starts[month_index + 1]
    bad = _first(~usable | (d < 1) | (d > ends - starts))
    if bad is not None:
        try:
            validate(calendar, int(y[bad]), int(m[bad]), int(d[bad]))
        except CalendarError as exc:
            raise type(exc)(f"item {bad}: {exc}") from None
        raise RuntimeError(f"item {bad}: the bulk and scalar paths disagree on whether it is a day")
    return starts + d - 1


def convert_bulk(
    ordinals: Sequence[int] | npt.ArrayLike, calendars: Sequence[Calendar] = CALENDARS
) -> dict[Calendar, DayArrays]:
    """The days `ordinals` written in each of `calendars` (all three by default), one DayArrays each."""
    return {calendar: to_calendar_bulk(ordinals, calendar) for calendar in calendars}
