"""The long tail of date forms (issue 15, the forms half): numeric forms in any spacing,
ordinal and spelled-out days and years, parts of years, holidays, Hijri years outside the
Umm al-Qura table, mixed calendars, and what is not a date.

Passages are composed in the style of news reports. Expected days come from `datetime`
and ICU (islamic-civil for the arithmetic Hijri calendar, persian and islamic-umalqura
for the others), never from the tagger.
"""

from __future__ import annotations

import datetime as dt
import os
from types import ModuleType

import pytest

from mctimeline.mentions import Mention
from mctimeline.tagger import tag

EPOCH = dt.date(1970, 1, 1)


def _dated(text: str, lang: str) -> list[Mention]:
    return [m for m in tag(text, lang) if m.calendar != "relative"]


@pytest.fixture(scope="module")
def icu() -> ModuleType:
    try:
        import icu as module
    except ImportError as exc:  # pragma: no cover - CI has PyICU
        if os.environ.get("CI") == "true":
            pytest.fail(f"PyICU is not importable ({exc})")
        pytest.skip(f"PyICU is not importable ({exc})")
    return module


def _icu_day(icu: ModuleType, kind: str, year: int, month: int, day: int) -> dt.date:
    cal = icu.Calendar.createInstance(icu.TimeZone.getGMT(), icu.Locale(f"en@calendar={kind}"))
    assert cal.getType() == kind
    cal.setLenient(False)
    f = icu.UCalendarDateFields
    cal.clear()
    cal.set(f.EXTENDED_YEAR, year)
    cal.set(f.MONTH, month - 1)
    cal.set(f.DATE, day)
    return EPOCH + dt.timedelta(days=int(cal.getTime() // 86400))


# --- Hijri outside the Umm al-Qura table -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("ولد الشيخ في 12 رجب 1320 هـ في قرية صغيرة قرب الموصل.", (1320, 7, 12)),
        ("وتوفي العالم يوم 3 شعبان 1290هـ بعد مرض طويل.", (1290, 8, 3)),
        ("تأسست المدرسة في 1 محرم 1520 هـ وفق الخطة المعلنة.", (1520, 1, 1)),
    ],
)
def test_hijri_outside_the_table_is_read_with_the_arithmetic_calendar(
    icu: ModuleType, text: str, written: tuple[int, int, int]
) -> None:
    (m,) = _dated(text, "ar")
    day = _icu_day(icu, "islamic-civil", *written).isoformat()
    assert (m.calendar, m.start_date, m.end_date, m.precision) == ("hijri", day, day, "day")
    assert m.status == "ok"
    assert "arithmetic (tabular) Islamic calendar" in m.note and "a day or two off" in m.note


def test_hijri_month_outside_the_table(icu: ModuleType) -> None:
    (m,) = _dated("اندلعت الثورة في رجب 1336 هـ في الحجاز.", "ar")
    first = _icu_day(icu, "islamic-civil", 1336, 7, 1)
    after = _icu_day(icu, "islamic-civil", 1336, 8, 1)
    assert (m.start_date, m.end_date, m.precision) == (
        first.isoformat(),
        (after - dt.timedelta(days=1)).isoformat(),
        "month",
    )


def test_gloss_of_an_arithmetic_hijri_day_a_day_apart_is_not_a_conflict(icu: ModuleType) -> None:
    # 1 March 1880 is 19 Rabi al-Awwal 1297 in the arithmetic calendar; the writer's 20th is
    # within its error (months began with the sighted moon)
    assert _icu_day(icu, "islamic-civil", 1297, 3, 19) == dt.date(1880, 3, 1)
    g, h = _dated("ولد في 1 مارس 1880 م الموافق 20 ربيع الأول 1297 هـ في بغداد.", "ar")
    assert (g.start_date, g.status) == ("1880-03-01", "ok")
    assert h.status == "ok" and "one day apart" in h.note


def test_gloss_of_an_arithmetic_hijri_day_far_off_is_a_conflict() -> None:
    g, h = _dated("ولد في 1 مارس 1880 م الموافق 20 ربيع الثاني 1297 هـ في بغداد.", "ar")
    assert g.status == "ok"
    assert h.status == "conflict" and "days late" in h.note


def test_hijri_year_outside_the_table(icu: ModuleType) -> None:
    (m,) = _dated("تأسست المدرسة عام 1320هـ، وما زالت قائمة.", "ar")
    first = _icu_day(icu, "islamic-civil", 1320, 1, 1)
    last = _icu_day(icu, "islamic-civil", 1321, 1, 1) - dt.timedelta(days=1)
    assert (m.start_date, m.end_date, m.precision) == (first.isoformat(), last.isoformat(), "year")
    assert m.status == "ok" and "tabular" in m.note


# --- mixed calendars ---------------------------------------------------------------------------


def _icu_month(icu: ModuleType, kind: str, year: int, month: int) -> tuple[str, str]:
    first = _icu_day(icu, kind, year, month, 1)
    nxt = _icu_day(icu, kind, year + month // 12, month % 12 + 1, 1)
    return first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat()


def test_hijri_month_with_a_gregorian_year_is_the_one_of_that_year(icu: ModuleType) -> None:
    (m,) = _dated("ارتفعت أسعار المواد الغذائية في رمضان 2021 بشكل ملحوظ.", "ar")
    # Ramadan 1442 is the one that begins in 2021 (ICU's Umm al-Qura)
    assert (m.calendar, m.precision) == ("hijri", "month")
    assert (m.start_date, m.end_date) == _icu_month(icu, "islamic-umalqura", 1442, 9)
    assert m.start_date.startswith("2021-") and m.status == "ok" and "1442" in m.note


def test_a_hijri_month_that_begins_twice_in_a_gregorian_year_says_so(icu: ModuleType) -> None:
    (m,) = _dated("يبدأ الصيام في 1 رمضان 2030 وفق التقويم.", "ar")
    first = _icu_day(icu, "islamic-umalqura", 1451, 9, 1)
    second = _icu_day(icu, "islamic-umalqura", 1452, 9, 1)
    assert first.year == second.year == 2030  # the premise: two Ramadans begin in 2030
    assert m.start_date == first.isoformat()
    assert "1452 also begins in 2030" in m.note


@pytest.mark.parametrize(
    ("text", "day"),
    [("او ۵ مهر ۲۰۱۰ به تهران رسید.", 5), ("این هیئت پنج مهر ۲۰۱۰ به تهران رسید.", 5)],
)
def test_jalali_month_with_a_gregorian_year_is_a_conflict_never_the_27th_century(
    icu: ModuleType, text: str, day: int
) -> None:
    found = _dated(text, "fa")
    assert all(m.start_date < "2100" for m in found)
    (m,) = found
    assert m.status == "conflict" and "Gregorian year (2010)" in m.note
    # read as the Mehr of 2010 (Mehr 1389), so the conflict is a nearby day, not a far one
    lo, hi = _icu_month(icu, "persian", 1389, 7)
    assert lo <= m.start_date <= m.end_date <= hi
