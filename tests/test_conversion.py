"""Tests of mctimeline.conversion: reading VALUE strings and showing a day, month or year in all calendars."""

from __future__ import annotations

import json

import pytest

import mctimeline
from mctimeline.calendars import CalendarError, InvalidDate, OutOfRange
from mctimeline.conversion import Conversion, convert, parse_value

# --- parse_value ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("2025-05-27", (2025, 5, 27)),
        ("1404-03-06", (1404, 3, 6)),
        ("1404-3-6", (1404, 3, 6)),
        ("1446-09", (1446, 9, None)),
        ("2025", (2025, None, None)),
        (" 2025-05-27 ", (2025, 5, 27)),
    ],
)
def test_parse_value(value: str, parts: tuple[int, int | None, int | None]) -> None:
    assert parse_value(value) == parts


@pytest.mark.parametrize(
    "value", ["2025/05/27", "abc", "2025-5-x", "", "2025-05-27-01", "27-05-2025x", "2025-", "20250527"]
)
def test_parse_value_rejects_what_is_not_a_date(value: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_value(value)
    message = str(info.value)
    assert repr(value) in message
    assert "YYYY-MM-DD" in message  # says what to write instead


# --- convert: days, months, years ----------------------------------------------------------------


def _ends(result: Conversion) -> dict[str, tuple[str, str]]:
    data = result.to_json()
    return {cal: (data[cal]["start"], data[cal]["end"]) for cal in ("gregorian", "jalali", "hijri")}


# Expected values: issue 2's example; Nowruz dates of Iran's official calendar; Umm al-Qura month
# starts (1 Ramadan 1446 = 2025-03-01, 1 Muharram 1446 = 2024-07-07, 1 Muharram 1447 = 2025-06-26)
# and day counting from them; each row also checked against ICU's persian / islamic-umalqura.
CASES = [
    pytest.param(
        "1404-03-06",
        "jalali",
        "day",
        1,
        {"gregorian": ("2025-05-27",) * 2, "jalali": ("1404-03-06",) * 2, "hijri": ("1446-11-29",) * 2},
        id="issue-example-from-jalali",
    ),
    pytest.param(
        "2025-05-27",
        "gregorian",
        "day",
        1,
        {"gregorian": ("2025-05-27",) * 2, "jalali": ("1404-03-06",) * 2, "hijri": ("1446-11-29",) * 2},
        id="issue-example-from-gregorian",
    ),
    pytest.param(
        "1446-11-29",
        "hijri",
        "day",
        1,
        {"gregorian": ("2025-05-27",) * 2, "jalali": ("1404-03-06",) * 2, "hijri": ("1446-11-29",) * 2},
        id="issue-example-from-hijri",
    ),
    pytest.param(
        "1404-03",
        "jalali",
        "month",
        31,
        {
            "gregorian": ("2025-05-22", "2025-06-21"),
            "jalali": ("1404-03-01", "1404-03-31"),
            "hijri": ("1446-11-24", "1446-12-25"),
        },
        id="khordad-1404",
    ),
    pytest.param(
        "1446-09",
        "hijri",
        "month",
        29,
        {
            "gregorian": ("2025-03-01", "2025-03-29"),
            "jalali": ("1403-12-11", "1404-01-09"),
            "hijri": ("1446-09-01", "1446-09-29"),
        },
        id="ramadan-1446",
    ),
    pytest.param(
        "1446",
        "hijri",
        "year",
        354,
        {
            "gregorian": ("2024-07-07", "2025-06-25"),
            "jalali": ("1403-04-17", "1404-04-04"),
            "hijri": ("1446-01-01", "1446-12-29"),
        },
        id="hijri-1446",
    ),
    pytest.param(
        "2025",
        "gregorian",
        "year",
        365,
        {
            "gregorian": ("2025-01-01", "2025-12-31"),
            "jalali": ("1403-10-12", "1404-10-10"),
            "hijri": ("1446-07-01", "1447-07-11"),
        },
        id="gregorian-2025",
    ),
    pytest.param(
        "1403",
        "jalali",
        "year",
        366,
        {
            "gregorian": ("2024-03-20", "2025-03-20"),
            "jalali": ("1403-01-01", "1403-12-30"),
            "hijri": ("1445-09-10", "1446-09-20"),
        },
        id="jalali-1403",
    ),
]


@pytest.mark.parametrize(("value", "calendar", "precision", "days", "ends"), CASES)
def test_convert(
    value: str, calendar: str, precision: str, days: int, ends: dict[str, tuple[str, str]]
) -> None:
    result = convert(value, calendar)  # type: ignore[arg-type]
    assert result.span.precision == precision
    assert result.span.days == days
    assert _ends(result) == ends
    data = result.to_json()
    assert data["precision"] == precision
    assert data["days"] == days
    if precision == "day":
        assert data["weekday"] == result.weekday == "Tuesday"
    else:
        assert data["weekday"] is None
        assert result.weekday is None


def test_convert_defaults_to_gregorian() -> None:
    assert _ends(convert("2025-05-27"))["jalali"] == ("1404-03-06", "1404-03-06")


def test_json_lists_month_names_in_three_languages() -> None:
    data = convert("1404-03-06", "jalali").to_json()
    assert data["jalali"]["months"] == {"en": ["Khordad"], "fa": ["خرداد"], "ar": ["خرداد"]}
    assert data["gregorian"]["months"]["en"] == ["May"]
    # A span across two months names both, in order, once each.
    ramadan = convert("1446-09", "hijri").to_json()
    assert ramadan["jalali"]["months"]["en"] == ["Esfand", "Farvardin"]
    assert ramadan["hijri"]["months"]["en"] == ["Ramadan"]


def test_json_is_serialisable_and_stable() -> None:
    a = json.dumps(convert("1404-03", "jalali").to_json(), ensure_ascii=False, sort_keys=True)
    b = json.dumps(convert("1404-03", "jalali").to_json(), ensure_ascii=False, sort_keys=True)
    assert a == b


def test_text_shows_every_calendar_and_the_weekday() -> None:
    text = convert("1404-03-06", "jalali").to_text()
    lines = text.splitlines()
    assert lines[0].startswith("precision  day")
    assert any(line.startswith("gregorian") and "2025-05-27" in line for line in lines)
    assert any(line.startswith("jalali") and "1404-03-06" in line for line in lines)
    assert any(line.startswith("hijri") and "1446-11-29" in line for line in lines)
    assert "۶ خرداد ۱۴۰۴" in text  # Persian label in Persian digits
    assert "6 Khordad 1404" in text
    weekday = next(line for line in lines if line.startswith("weekday"))
    assert "Tuesday" in weekday
    assert "سه‌شنبه" in weekday  # Tuesday in Persian
    assert "الثلاثاء" in weekday  # Tuesday in Arabic


def test_text_of_a_month_is_an_interval_without_weekday() -> None:
    text = convert("1404-03", "jalali").to_text()
    assert "2025-05-22 .. 2025-06-21" in text
    assert "(31 days)" in text
    assert "weekday" not in text


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "calendar", "error", "words"),
    [
        ("1402-12-30", "jalali", InvalidDate, ["jalali", "1402-12-30"]),
        ("2025-06-31", "gregorian", InvalidDate, ["gregorian", "2025-06-31"]),
        ("1446-01-30", "hijri", InvalidDate, ["hijri", "1446-01-30"]),
        ("1404-13", "jalali", InvalidDate, ["jalali", "13"]),
        ("1342", "hijri", OutOfRange, ["1342", "1343-1500 AH"]),
        ("1501-01-01", "hijri", OutOfRange, ["1501", "1343-1500 AH"]),
        # A Gregorian day the Hijri table cannot write is refused, not shown half-converted.
        ("1900-01-01", "gregorian", OutOfRange, ["1900-01-01", "1343-1500 AH"]),
    ],
)
def test_convert_refuses(value: str, calendar: str, error: type[CalendarError], words: list[str]) -> None:
    with pytest.raises(error) as info:
        convert(value, calendar)  # type: ignore[arg-type]
    for word in words:
        assert word in str(info.value)


def test_convert_accepts_the_leap_day_1403() -> None:
    assert _ends(convert("1403-12-30", "jalali"))["gregorian"] == ("2025-03-20", "2025-03-20")


def test_convert_refuses_an_unknown_calendar() -> None:
    with pytest.raises(ValueError, match="julian"):
        convert("2025", "julian")  # type: ignore[arg-type]


def test_package_level_convert_is_the_same_function() -> None:
    # The lazy API of mctimeline/__init__.py resolves to conversion.convert.
    assert mctimeline.convert is convert
