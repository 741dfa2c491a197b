"""The tagger's remembered month spans give what the calendar core gives, day by day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mctimeline import calendars
from mctimeline.tagger import _span


def _core(calendar: str, year: int, month: int | None, day: int | None) -> tuple[dt.date, dt.date] | str:
    try:
        if calendar == "hijri" and not calendars.hijri_in_table(year):
            s = calendars.tabular_hijri_span(year, month, day)  # the tagger's reading outside the table
        else:
            s = calendars.span(calendar, year, month, day)  # type: ignore[arg-type]
    except calendars.CalendarError as exc:
        return f"{type(exc).__name__}: {exc}"
    return s.start, s.end


def _ours(calendar: str, year: int, month: int | None, day: int | None) -> tuple[dt.date, dt.date] | str:
    try:
        return _span(calendar, year, month, day)
    except calendars.CalendarError as exc:
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize(
    ("calendar", "years"),
    [("jalali", range(1395, 1410)), ("hijri", range(1440, 1452)), ("gregorian", range(2016, 2030))],
)
def test_every_day_of_recent_years_is_the_cores_day(calendar: str, years: range) -> None:
    for year in years:
        for month in range(1, 13):
            for day in range(1, 32):  # 31 is past the end of many months: the core's error then
                assert _ours(calendar, year, month, day) == _core(calendar, year, month, day)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["jalali", "hijri", "gregorian"]),
    st.integers(-5, 10_000),
    st.none() | st.integers(-1, 14),
    st.none() | st.integers(-1, 33),
)
def test_any_year_month_day_is_the_cores_answer_or_error(
    calendar: str, year: int, month: int | None, day: int | None
) -> None:
    if month is None and day is not None:
        return  # the core refuses a day without a month with a plain ValueError; never asked
    assert _ours(calendar, year, month, day) == _core(calendar, year, month, day)


def test_an_error_raised_twice_is_the_same_error() -> None:
    # a remembered error is raised as a fresh copy each time, with the core's message
    first = _ours("jalali", 1403, 12, 31)
    assert first == _ours("jalali", 1403, 12, 31)
    assert isinstance(first, str) and first.startswith("InvalidDate")
