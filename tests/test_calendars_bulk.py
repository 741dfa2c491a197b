"""Tests of the conversion core's bulk path: exhaustive agreement with the scalar path, vectors, errors."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mctimeline import calendars
from mctimeline.calendars import (
    CALENDARS,
    Calendar,
    CalendarDate,
    InvalidDate,
    OutOfRange,
    convert_bulk,
    from_calendar_bulk,
    supported_mask,
    to_calendar_bulk,
)

D = dt.date


def ordinals(first: dt.date, last: dt.date) -> np.ndarray:
    return np.arange(first.toordinal(), last.toordinal() + 1, dtype=np.int64)


def scalar_rows(days: np.ndarray, calendar: Calendar) -> np.ndarray:
    """The scalar path's (year, month, day) for every ordinal, as an (n, 3) array."""
    rows = []
    for o in days.tolist():
        c = calendars.from_gregorian(D.fromordinal(o), calendar)
        rows.append((c.year, c.month, c.day))
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


def bulk_rows(days: np.ndarray, calendar: Calendar) -> np.ndarray:
    return np.column_stack(to_calendar_bulk(days, calendar))


def triples(arrays: calendars.DayArrays) -> list[tuple[int, int, int]]:
    return [(int(y), int(m), int(d)) for y, m, d in zip(*arrays, strict=True)]


def first_difference(got: np.ndarray, want: np.ndarray, days: np.ndarray) -> str:
    bad = np.flatnonzero((got != want).any(axis=1))
    if not bad.size:
        return ""
    i = int(bad[0])
    return f"{len(bad)} days differ; first {D.fromordinal(int(days[i]))}: bulk {got[i]}, scalar {want[i]}"


# --- exhaustive agreement with the scalar path ---------------------------------------------------

HIJRI_DAYS = ordinals(*calendars.supported_range("hijri"))
# The span where the Jalali arithmetic is checked against the official calendar (ICU sweep in
# test_calendars.py), extended to the end of the Umm al-Qura table.
JALALI_DAYS = ordinals(D(1925, 1, 1), D(2077, 12, 31))


@pytest.mark.parametrize(
    ("calendar", "days"),
    [("hijri", HIJRI_DAYS), ("jalali", JALALI_DAYS), ("gregorian", JALALI_DAYS)],
    ids=["hijri-whole-table", "jalali-1925-2077", "gregorian-1925-2077"],
)
def test_every_day_agrees_with_the_scalar_path(calendar: Calendar, days: np.ndarray) -> None:
    got, want = bulk_rows(days, calendar), scalar_rows(days, calendar)
    assert not first_difference(got, want, days)


@pytest.mark.parametrize(
    ("calendar", "days"),
    [("hijri", HIJRI_DAYS), ("jalali", JALALI_DAYS), ("gregorian", JALALI_DAYS)],
    ids=["hijri-whole-table", "jalali-1925-2077", "gregorian-1925-2077"],
)
def test_every_day_comes_back_to_its_ordinal(calendar: Calendar, days: np.ndarray) -> None:
    rows = scalar_rows(days, calendar)
    back = from_calendar_bulk(calendar, rows[:, 0], rows[:, 1], rows[:, 2])
    assert np.array_equal(back, days)
    # ... and the scalar to_gregorian agrees on each of them (a sample of every 7th day keeps it fast).
    for (y, m, d), o in zip(rows[::7].tolist(), days[::7].tolist(), strict=True):
        assert calendars.to_gregorian(CalendarDate(calendar, y, m, d)).toordinal() == o


@pytest.mark.parametrize("calendar", ["jalali", "hijri"])
def test_the_ends_of_the_supported_range(calendar: Calendar) -> None:
    lo, hi = calendars.supported_range(calendar)
    days = np.array([lo.toordinal(), lo.toordinal() + 1, hi.toordinal() - 1, hi.toordinal()])
    assert not first_difference(bulk_rows(days, calendar), scalar_rows(days, calendar), days)


# --- published vectors ------------------------------------------------------------------------------

VECTORS = [
    # Nowruz as fixed by Iran's official calendar (University of Tehran, Calendar Center).
    pytest.param("jalali", (1399, 1, 1), D(2020, 3, 20), id="nowruz-1399"),
    pytest.param("jalali", (1404, 1, 1), D(2025, 3, 21), id="nowruz-1404"),
    # 30 Esfand 1403, the leap day, is the eve of Nowruz 1404.
    pytest.param("jalali", (1403, 12, 30), D(2025, 3, 20), id="leap-day-1403"),
    # Issue 2's example: 6 Khordad 1404 = 27 May 2025 = 29 Dhu al-Qadah 1446.
    pytest.param("jalali", (1404, 3, 6), D(2025, 5, 27), id="issue-example-jalali"),
    pytest.param("hijri", (1446, 11, 29), D(2025, 5, 27), id="issue-example-hijri"),
    # 1 Muharram 1446 and 1 Ramadan 1445 in Saudi Arabia's Umm al-Qura calendar.
    pytest.param("hijri", (1446, 1, 1), D(2024, 7, 7), id="muharram-1446"),
    pytest.param("hijri", (1445, 9, 1), D(2024, 3, 11), id="ramadan-1445"),
    # The first and last day of the Umm al-Qura table (hijridate's documented range).
    pytest.param("hijri", (1343, 1, 1), D(1924, 8, 1), id="table-first-day"),
    pytest.param("hijri", (1500, 12, 30), D(2077, 11, 16), id="table-last-day"),
    pytest.param("gregorian", (2024, 2, 29), D(2024, 2, 29), id="gregorian-leap-day"),
    pytest.param("gregorian", (1, 1, 1), D(1, 1, 1), id="gregorian-first-day"),
    pytest.param("gregorian", (9999, 12, 31), D(9999, 12, 31), id="gregorian-last-day"),
]


@pytest.mark.parametrize(("calendar", "ymd", "gregorian"), VECTORS)
def test_published_vectors_both_ways(calendar: Calendar, ymd: tuple[int, int, int], gregorian: D) -> None:
    got = to_calendar_bulk([gregorian.toordinal()], calendar)
    assert (int(got.years[0]), int(got.months[0]), int(got.days[0])) == ymd
    back = from_calendar_bulk(calendar, [ymd[0]], [ymd[1]], [ymd[2]])
    assert back.tolist() == [gregorian.toordinal()]


def test_convert_bulk_gives_all_three_calendars() -> None:
    result = convert_bulk([D(2025, 5, 27).toordinal(), D(2025, 3, 20).toordinal()])
    assert list(result) == list(CALENDARS)
    # 1 Ramadan 1446 was 1 March 2025 in the Umm al-Qura calendar, so 20 March is 20 Ramadan.
    assert triples(result["jalali"]) == [(1404, 3, 6), (1403, 12, 30)]
    assert triples(result["hijri"]) == [(1446, 11, 29), (1446, 9, 20)]
    assert triples(result["gregorian"]) == [(2025, 5, 27), (2025, 3, 20)]


def test_empty_input_gives_empty_arrays() -> None:
    result = to_calendar_bulk([], "hijri")
    assert [len(a) for a in result] == [0, 0, 0]
    assert from_calendar_bulk("jalali", [], [], []).shape == (0,)


def test_numpy_arrays_of_any_integer_type_are_accepted() -> None:
    day = D(2025, 5, 27).toordinal()
    for dtype in (np.int32, np.int64, np.uint32, np.uint64):
        got = to_calendar_bulk(np.array([day], dtype=dtype), "jalali")
        assert (int(got.years[0]), int(got.months[0]), int(got.days[0])) == (1404, 3, 6)


# --- invariants -------------------------------------------------------------------------------------


def _ordinal_lists(calendar: Calendar) -> st.SearchStrategy[list[int]]:
    lo, hi = calendars.supported_range(calendar)
    return st.lists(st.integers(lo.toordinal(), hi.toordinal()), max_size=50)


@pytest.mark.parametrize("calendar", CALENDARS)
def test_arbitrary_arrays_agree_with_the_scalar_path(calendar: Calendar) -> None:
    @given(_ordinal_lists(calendar))
    def check(days: list[int]) -> None:
        array = np.array(days, dtype=np.int64)
        assert not first_difference(bulk_rows(array, calendar), scalar_rows(array, calendar), array)
        assert from_calendar_bulk(calendar, *to_calendar_bulk(array, calendar)).tolist() == days

    check()


@given(st.lists(st.tuples(st.integers(1300, 1550), st.integers(0, 13), st.integers(0, 32)), max_size=20))
def test_from_calendar_bulk_accepts_exactly_what_validate_accepts(items: list[tuple[int, int, int]]) -> None:
    for calendar in ("jalali", "hijri"):
        valid = []
        for y, m, d in items:
            try:
                calendars.validate(calendar, y, m, d)
            except calendars.CalendarError:
                valid.append(False)
            else:
                valid.append(True)
        ys, ms, ds = (np.array([item[k] for item in items], dtype=np.int64) for k in range(3))
        if all(valid):
            got = from_calendar_bulk(calendar, ys, ms, ds).tolist()
            want = [calendars.to_gregorian(CalendarDate(calendar, *item)).toordinal() for item in items]
            assert got == want
        else:
            with pytest.raises(calendars.CalendarError, match=f"^item {valid.index(False)}: "):
                from_calendar_bulk(calendar, ys, ms, ds)


# --- errors -------------------------------------------------------------------------------------------


def test_a_day_before_the_hijri_table_is_refused_naming_the_item_and_the_range() -> None:
    first = calendars.supported_range("hijri")[0].toordinal()
    with pytest.raises(OutOfRange) as err:
        to_calendar_bulk([first, first + 1, first - 1], "hijri")
    message = str(err.value)
    assert message.startswith("item 2: ")
    assert "1343-1500 AH" in message
    assert "1924-07-31" in message  # the refused day itself, as a date


def test_convert_bulk_refuses_rather_than_dropping_days_outside_one_calendar() -> None:
    before_hijri = D(1900, 1, 1).toordinal()
    with pytest.raises(OutOfRange, match="Umm al-Qura"):
        convert_bulk([before_hijri])
    assert convert_bulk([before_hijri], ("gregorian", "jalali"))["jalali"].years.tolist() == [1278]


@pytest.mark.parametrize("value", [0, -5, D.max.toordinal() + 1])
def test_numbers_that_are_no_day_at_all_are_out_of_range(value: int) -> None:
    refusal = r"^item 0: day number -?\d+ \(Gregorian ordinals run 1 to 3652059\)"
    for calendar in CALENDARS:
        with pytest.raises(OutOfRange, match=refusal):
            to_calendar_bulk([value], calendar)


# Python ints numpy cannot hold in 64 bits (it keeps them as objects) and the int64 extremes,
# where a subtraction or a multiplication in the lookup would wrap around.
HUGE = [2**63 - 1, -(2**63), 2**64, -(2**64), 10**30, 99999999999999999999]


@pytest.mark.parametrize("value", HUGE)
def test_numbers_beyond_any_calendar_are_out_of_range_in_every_argument(value: int) -> None:
    for calendar in CALENDARS:
        with pytest.raises(OutOfRange):
            to_calendar_bulk([value], calendar)
        if -(2**63) <= value < 2**63:
            assert not supported_mask([value], calendar).any()
        good = {"jalali": (1404, 3, 6), "hijri": (1446, 11, 29), "gregorian": (2025, 5, 27)}[calendar]
        for column in range(3):
            ymd = [[part] for part in good]
            ymd[column] = [value]
            with pytest.raises((OutOfRange, InvalidDate)):
                from_calendar_bulk(calendar, *ymd)


def test_supported_mask_marks_the_days_a_calendar_can_convert() -> None:
    lo, hi = calendars.supported_range("hijri")
    days = [lo.toordinal() - 1, lo.toordinal(), hi.toordinal(), hi.toordinal() + 1]
    assert supported_mask(days, "hijri").tolist() == [False, True, True, False]


INVALID = [
    # 1402 is not a Jalali leap year (Nowruz 1403 fell on 20 March 2024, after a 29-day Esfand).
    pytest.param("jalali", (1402, 12, 30), InvalidDate, id="esfand-30-common-year"),
    pytest.param("gregorian", (2025, 6, 31), InvalidDate, id="june-31"),
    pytest.param("hijri", (1446, 1, 30), InvalidDate, id="muharram-30-1446"),
    pytest.param("jalali", (1404, 13, 1), InvalidDate, id="month-13"),
    pytest.param("hijri", (1446, 0, 1), InvalidDate, id="month-0"),
    pytest.param("gregorian", (2025, 1, 0), InvalidDate, id="day-0"),
    pytest.param("hijri", (1342, 12, 1), OutOfRange, id="before-the-table"),
    pytest.param("hijri", (1501, 1, 1), OutOfRange, id="after-the-table"),
    pytest.param("jalali", (0, 1, 1), OutOfRange, id="jalali-year-0"),
    pytest.param("gregorian", (10000, 1, 1), OutOfRange, id="gregorian-year-10000"),
]


@pytest.mark.parametrize(("calendar", "ymd", "error"), INVALID)
def test_a_bad_item_raises_what_the_scalar_path_raises(
    calendar: Calendar, ymd: tuple[int, int, int], error: type[Exception]
) -> None:
    with pytest.raises(error) as scalar:
        calendars.validate(calendar, *ymd)
    good = (1404, 3, 6) if calendar == "jalali" else (1446, 11, 29) if calendar == "hijri" else (2025, 5, 27)
    items = [good, ymd, good]
    with pytest.raises(error) as bulk:
        from_calendar_bulk(calendar, *(np.array(col) for col in zip(*items, strict=True)))
    assert str(bulk.value) == f"item 1: {scalar.value}"


def test_floats_are_refused_not_truncated() -> None:
    with pytest.raises(TypeError, match="expected integers"):
        to_calendar_bulk([739398.5], "jalali")
    with pytest.raises(TypeError, match="expected integers"):
        from_calendar_bulk("jalali", [1404.0], [3], [6])


def test_shape_errors() -> None:
    with pytest.raises(ValueError, match="one-dimensional"):
        to_calendar_bulk(np.zeros((2, 2), dtype=np.int64), "hijri")
    with pytest.raises(ValueError, match="differ in length"):
        from_calendar_bulk("hijri", [1446, 1446], [1], [1])
    with pytest.raises(ValueError, match="unknown calendar"):
        to_calendar_bulk([1], "julian")  # type: ignore[arg-type]


def test_the_tables_cannot_be_changed_by_a_caller() -> None:
    to_calendar_bulk([D(2025, 5, 27).toordinal()], "hijri")
    table = calendars.bulk._month_table("hijri")
    with pytest.raises(ValueError, match="read-only"):
        table.starts[0] = 0


def test_importing_the_core_does_not_import_numpy() -> None:
    # The scalar commands (`mctimeline convert`) should not pay numpy's start-up time.
    code = "import sys, mctimeline.calendars; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
