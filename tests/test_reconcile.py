"""Reconciliation: weekday checks, gloss diagnoses, same-writer suspects, the Hijri tolerance in Persian.

Readings are built by hand here (not by the tagger), with bounds from published
equivalences: 27 May 2025 = 6 Khordad 1404 (the README's vector), Nowruz 1403 on
20 March 2024 (so 7 Khordad 1403 = 2024-05-27), 1 Ramadan 1446 = 1 March 2025 and
1 Shawwal 1446 = 30 March 2025 (Saudi announcements, Umm al-Qura).
"""

from __future__ import annotations

import datetime as dt

import pytest

from mctimeline.mentions import Mention
from mctimeline.reconcile import Reading, WeekdayCheck, check_weekdays, describe, reconcile


def _reading(
    text: str,
    calendar: str,
    first: tuple[int, ...],
    last: tuple[int, ...],
    start: str,
    end: str,
    gloss_of: int | None = None,
    weekdays: tuple[WeekdayCheck, ...] = (),
    status: str = "ok",
) -> Reading:
    precision = {1: "year", 2: "month", 3: "day"}[len(first)]
    m = Mention(0, len(text), text, calendar, start, end, precision, status, gloss_of=gloss_of)  # type: ignore[arg-type]
    return Reading(m, calendar, first, last, weekdays)


MAY = _reading("۲۷ تا ۲۹ مه ۲۰۲۵", "gregorian", (2025, 5, 27), (2025, 5, 29), "2025-05-27", "2025-05-29")


@pytest.mark.parametrize(
    ("calendar", "first", "last", "expected"),
    [
        ("jalali", (1403, 3, 7), (1403, 3, 9), "7–9 Khordad 1403"),
        ("gregorian", (2024, 4, 30), (2024, 5, 2), "30 April – 2 May 2024"),
        ("gregorian", (2022, 6), (2023, 2), "June 2022 – February 2023"),
        ("hijri", (1446, 9, 1), (1446, 9, 1), "1 Ramadan 1446"),
        ("jalali", (1403,), (1403,), "1403"),
    ],
)
def test_describe(calendar: str, first: tuple[int, ...], last: tuple[int, ...], expected: str) -> None:
    assert describe(calendar, first, last) == expected


def test_gloss_that_agrees_is_left_ok() -> None:
    gloss = _reading("۶ تا ۸ خرداد ۱۴۰۴", "jalali", (1404, 3, 6), (1404, 3, 8), "2025-05-27", "2025-05-29", 0)
    _, g = reconcile([MAY, gloss], "fa")
    assert (g.status, g.note) == ("ok", "")


def test_gloss_exactly_one_year_early() -> None:
    gloss = _reading("7 تا 9 خرداد 1403", "jalali", (1403, 3, 7), (1403, 3, 9), "2024-05-27", "2024-05-29", 0)
    _, g = reconcile([MAY, gloss], "fa")
    assert g.status == "conflict"
    assert (g.start_date, g.end_date) == ("2024-05-27", "2024-05-29"), "bounds are never rewritten"
    assert "exactly one year early" in g.note
    assert "6–8 Khordad 1404" in g.note  # the correct gloss


def test_gloss_with_the_year_number_off() -> None:
    # 10 March 2025 is 10 Ramadan 1446 (1 Ramadan 1446 = 1 March 2025); the gloss wrote 1445.
    anchor = _reading("10 مارس 2025م", "gregorian", (2025, 3, 10), (2025, 3, 10), "2025-03-10", "2025-03-10")
    gloss = _reading("10 رمضان 1445هـ", "hijri", (1445, 9, 10), (1445, 9, 10), "2024-03-20", "2024-03-20", 0)
    later = _reading("15 شوال 1445هـ", "hijri", (1445, 10, 15), (1445, 10, 15), "2024-04-24", "2024-04-24")
    a, g, s = reconcile([anchor, gloss, later], "ar")
    assert a.status == "ok"
    assert g.status == "conflict" and "one Hijri year early" in g.note and "10 Ramadan 1446" in g.note
    assert s.status == "suspect"
    assert (s.start_date, s.end_date) == ("2024-04-24", "2024-04-24")
    # 15 Shawwal 1446: fourteen days after 1 Shawwal 1446 (2025-03-30)
    assert (dt.date(2025, 3, 30) + dt.timedelta(days=14)).isoformat() in s.note


def test_suspect_only_in_the_glosses_calendar_and_never_for_a_verified_date() -> None:
    gloss = _reading("7 تا 9 خرداد 1403", "jalali", (1403, 3, 7), (1403, 3, 9), "2024-05-27", "2024-05-29", 0)
    other_greg = _reading("مارس ۲۰۲۵", "gregorian", (2025, 3), (2025, 3), "2025-03-01", "2025-03-31")
    jalali = _reading("9 اردیبهشت 1403", "jalali", (1403, 2, 9), (1403, 2, 9), "2024-04-28", "2024-04-28")
    out = reconcile([MAY, gloss, other_greg, jalali], "fa")
    assert [m.status for m in out] == ["ok", "conflict", "ok", "suspect"]
    # Nowruz 1404 = 2025-03-21, so 9 Ordibehesht 1404 is day 31 + 9 = 40 of the year
    assert (dt.date(2025, 3, 21) + dt.timedelta(days=39)).isoformat() in out[3].note


def test_gloss_days_off() -> None:
    gloss = _reading(
        "۹ تا ۱۱ خرداد ۱۴۰۴", "jalali", (1404, 3, 9), (1404, 3, 11), "2025-05-30", "2025-06-01", 0
    )
    _, g = reconcile([MAY, gloss], "fa")
    assert g.status == "conflict" and "three days late" in g.note


def test_hijri_gloss_in_persian_within_two_days_is_ok_with_a_note() -> None:
    # 11 Farvardin 1404 = 2025-03-31 (Nowruz 1404 = 2025-03-21); 1 Shawwal 1446 = 2025-03-30 (Umm al-Qura)
    day = _reading(
        "دوشنبه ۱۱ فروردین ۱۴۰۴", "jalali", (1404, 1, 11), (1404, 1, 11), "2025-03-31", "2025-03-31"
    )
    gloss = _reading("۱ شوال ۱۴۴۶", "hijri", (1446, 10, 1), (1446, 10, 1), "2025-03-30", "2025-03-30", 0)
    _, g = reconcile([day, gloss], "fa")
    assert g.status == "ok" and "±2" in g.note and "one day before" in g.note
    # the same pair in an Arabic text is a conflict: no tolerance there
    _, g_ar = reconcile([day, gloss], "ar")
    assert g_ar.status == "conflict"


def test_weekday_conflict_names_the_real_weekday() -> None:
    # datetime: 15 August 2023 is a Tuesday; the text says Wednesday (2)
    assert dt.date(2023, 8, 15).weekday() == 1
    r = _reading(
        "روز چهارشنبه ۱۵ اوت ۲۰۲۳",
        "gregorian",
        (2023, 8, 15),
        (2023, 8, 15),
        "2023-08-15",
        "2023-08-15",
        weekdays=(WeekdayCheck(2, "2023-08-15", "چهارشنبه"),),
    )
    m = check_weekdays(r, "fa")
    assert m.status == "conflict" and "Tuesday" in m.note and "سه‌شنبه" in m.note


def test_right_weekday_is_ok() -> None:
    r = _reading(
        "الجمعة 17 يناير 2025",
        "gregorian",
        (2025, 1, 17),
        (2025, 1, 17),
        "2025-01-17",
        "2025-01-17",
        weekdays=(WeekdayCheck(dt.date(2025, 1, 17).weekday(), "2025-01-17", "الجمعة"),),
    )
    assert check_weekdays(r, "ar").status == "ok"


def test_hijri_weekday_in_persian_one_day_late_is_tolerated() -> None:
    # 1 Shawwal 1446 = 2025-03-30, a Sunday; Iran celebrated on Monday 2025-03-31
    r = _reading(
        "دوشنبه ۱ شوال ۱۴۴۶",
        "hijri",
        (1446, 10, 1),
        (1446, 10, 1),
        "2025-03-30",
        "2025-03-30",
        weekdays=(WeekdayCheck(0, "2025-03-30", "دوشنبه"),),
    )
    m = check_weekdays(r, "fa")
    assert m.status == "ok" and "tolerance" in m.note
    assert check_weekdays(r, "ar").status == "conflict"


def test_invalid_mentions_are_left_alone() -> None:
    r = _reading("۳۰ اسفند ۱۴۰۲", "jalali", (1402, 12, 30), (1402, 12, 30), "", "", status="invalid")
    assert reconcile([r], "fa")[0].status == "invalid"
