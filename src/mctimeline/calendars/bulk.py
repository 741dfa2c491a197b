"""Bulk conversion: arrays of days (Gregorian ordinals) to and from every calendar through one month table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from mctimeline.calendars.models import CALENDARS, Calendar, CalendarError, OutOfRange

# The calendar libraries come through scalar, the one module of the core that imports them.
from mctimeline.calendars.scalar import (
    _GREGORIAN_RANGE,
    _HIJRI_RANGE,
    _HIJRI_YEARS,
    _JALALI_RANGE,
    _check_calendar,
    _Hijri,
    _month_length,
    _range_text,
    jdatetime,
    supported_range,
    validate,
)

if TYPE_CHECKING:  # numpy is imported lazily, by the bulk functions only
    import numpy as np
    import numpy.typing as npt

# --- bulk conversion ----------------------------------------------------------
#
# Arrays of days at a time, for corpus builds. A day is its proleptic Gregorian
# ordinal (dt.date.toordinal(): 1 January of year 1 is day 1). Every calendar's
# answers come from one table of month-start ordinals, built once, lazily, from the
# same libraries the scalar functions (scalar.py) call and checked against the scalar
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
    # Uncached: through the cache, the check's 120,000 months stayed in it for good (12 MB).
    length = _month_length.__wrapped__
    lengths = np.array([length(calendar, y, m) for y in years for m in range(1, 13)], np.int64)
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
