"""published: the one reading of a given publication day and the one rule between given and text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given as for_all
from hypothesis import strategies as st

from mctimeline.published import Published, decide, given, parse_day

EAST_3 = dt.timezone(dt.timedelta(hours=3))


@pytest.mark.parametrize(
    ("value", "day"),
    [
        pytest.param("2015-08-11", "2015-08-11", id="date"),
        # the local date written, not the UTC one (01:30+03:00 is still the 10th in UTC)
        pytest.param("2015-08-11T09:30+03:00", "2015-08-11", id="offset"),
        pytest.param("2015-08-11T01:30+03:00", "2015-08-11", id="local-day-not-utc"),
        pytest.param("2015-08-11T23:59:59-05:00", "2015-08-11", id="negative-offset"),
        pytest.param("2015-08-11T09:30:15.5Z", "2015-08-11", id="zulu"),
        pytest.param(" 2024-02-29 ", "2024-02-29", id="spaces-around"),
        pytest.param(dt.date(2015, 8, 11), "2015-08-11", id="a-date"),
        pytest.param(dt.datetime(2015, 8, 11, 1, 30, tzinfo=EAST_3), "2015-08-11", id="aware"),
    ],
)
def test_parse_day(value: object, day: str) -> None:
    assert parse_day(value) == day  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        "11/08/2015",
        "2015-8-11",
        "2015-02-29",  # not a leap year
        "2015-08-11T09:30",  # no offset: which day is not sure
        "2015-08-11T25:00+03:00",
        "2015-08-11T09:30+30:00",
        "yesterday",
        "۱۳۹۴-۰۵-۲۰",
        "20150811",
    ],
)
def test_parse_day_refuses_what_is_not_iso_8601(value: str) -> None:
    with pytest.raises(ValueError, match=r"ISO 8601|offset|real date"):
        parse_day(value)


@for_all(st.dates(min_value=dt.date(1, 1, 1)), st.integers(-14 * 60, 14 * 60))
def test_the_day_is_the_local_date_written_whatever_the_offset(day: dt.date, minutes: int) -> None:
    sign = "+" if minutes >= 0 else "-"
    offset = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    assert parse_day(f"{day.isoformat()}T00:00{offset}") == day.isoformat()


def test_blank_is_unknown_and_a_given_day_wins_over_the_texts() -> None:
    assert given(None) is None and given("") is None and given("  ") is None
    meta = given("2015-08-11")
    text = Published("2015-08-12", "text", "«اليوم» (characters 0-5)")
    assert meta is not None and meta.basis == "metadata" and meta.date == dt.date(2015, 8, 11)
    assert decide(meta, text) is meta
    assert decide(None, text) is text
    assert decide(None, None) is None
