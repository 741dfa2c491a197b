"""Mixed calendars and glosses (tagger/mixed.py, reconcile), and Hijri years outside the
Umm al-Qura table, read with the arithmetic calendar of the core.

Passages are composed in the style of news reports; expected days come from `datetime`
and ICU (tests/_forms.py), never from the tagger.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from _forms import dated, icu_day, icu_month
from _forms import icu as _icu_fixture

icu = _icu_fixture  # ICU, the independent reference (a fixture)


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
    (m,) = dated(text, "ar")
    day = icu_day(icu, "islamic-civil", *written).isoformat()
    assert (m.calendar, m.start_date, m.end_date, m.precision) == ("hijri", day, day, "day")
    assert m.status == "ok"
    assert "arithmetic (tabular) Islamic calendar" in m.note and "a day or two off" in m.note


def test_hijri_month_outside_the_table(icu: ModuleType) -> None:
    (m,) = dated("اندلعت الثورة في رجب 1336 هـ في الحجاز.", "ar")
    first = icu_day(icu, "islamic-civil", 1336, 7, 1)
    after = icu_day(icu, "islamic-civil", 1336, 8, 1)
    assert (m.start_date, m.end_date, m.precision) == (
        first.isoformat(),
        (after - dt.timedelta(days=1)).isoformat(),
        "month",
    )


def test_hijri_year_outside_the_table(icu: ModuleType) -> None:
    (m,) = dated("تأسست المدرسة عام 1320هـ، وما زالت قائمة.", "ar")
    first = icu_day(icu, "islamic-civil", 1320, 1, 1)
    last = icu_day(icu, "islamic-civil", 1321, 1, 1) - dt.timedelta(days=1)
    assert (m.start_date, m.end_date, m.precision) == (first.isoformat(), last.isoformat(), "year")
    assert m.status == "ok" and "tabular" in m.note


def test_gloss_of_an_arithmetic_hijri_day_a_day_apart_is_not_a_conflict(icu: ModuleType) -> None:
    # 1 March 1880 is 19 Rabi al-Awwal 1297 in the arithmetic calendar; the writer's 20th is
    # within its error (months began with the sighted moon)
    assert icu_day(icu, "islamic-civil", 1297, 3, 19) == dt.date(1880, 3, 1)
    g, h = dated("ولد في 1 مارس 1880 م الموافق 20 ربيع الأول 1297 هـ في بغداد.", "ar")
    assert (g.start_date, g.status) == ("1880-03-01", "ok")
    assert h.status == "ok" and "one day apart" in h.note


def test_gloss_of_an_arithmetic_hijri_day_far_off_is_a_conflict() -> None:
    g, h = dated("ولد في 1 مارس 1880 م الموافق 20 ربيع الثاني 1297 هـ في بغداد.", "ar")
    assert g.status == "ok"
    assert h.status == "conflict" and "days late" in h.note


def test_hijri_month_with_a_gregorian_year_is_the_one_of_that_year(icu: ModuleType) -> None:
    (m,) = dated("ارتفعت أسعار المواد الغذائية في رمضان 2021 بشكل ملحوظ.", "ar")
    # Ramadan 1442 is the one that begins in 2021 (ICU's Umm al-Qura)
    assert (m.calendar, m.precision) == ("hijri", "month")
    assert (m.start_date, m.end_date) == icu_month(icu, "islamic-umalqura", 1442, 9)
    assert m.start_date.startswith("2021-") and m.status == "ok" and "1442" in m.note


def test_a_hijri_month_that_begins_twice_in_a_gregorian_year_says_so(icu: ModuleType) -> None:
    (m,) = dated("يبدأ الصيام في 1 رمضان 2030 وفق التقويم.", "ar")
    first = icu_day(icu, "islamic-umalqura", 1451, 9, 1)
    second = icu_day(icu, "islamic-umalqura", 1452, 9, 1)
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
    found = dated(text, "fa")
    assert all(m.start_date < "2100" for m in found)
    (m,) = found
    assert m.status == "conflict" and "Gregorian year (2010)" in m.note
    # read as the Mehr of 2010 (Mehr 1389), so the conflict is a nearby day, not a far one
    lo, hi = icu_month(icu, "persian", 1389, 7)
    assert lo <= m.start_date <= m.end_date <= hi


def test_a_gregorian_month_with_a_jalali_year_is_a_conflict(icu: ModuleType) -> None:
    (m,) = dated("این نشست در ۱۵ مارس ۱۴۰۲ برگزار شد.", "fa")
    assert m.status == "conflict" and "a Gregorian month" in m.note
    # read as the 15 March that falls in Jalali 1402, never 1402 CE
    day = dt.date.fromisoformat(m.start_date)
    assert (day.month, day.day) == (3, 15)
    assert icu_day(icu, "persian", 1402, 1, 1) <= day < icu_day(icu, "persian", 1403, 1, 1)


def test_a_gregorian_month_with_a_year_of_hijri_size_is_kept_and_suspect() -> None:
    (m,) = dated("سقطت المدينة في 29 مايو 1453 بعد حصار طويل.", "ar")
    assert (m.start_date, m.status) == ("1453-05-29", "suspect")
    assert "Hijri 1453" in m.note


def test_a_gregorian_marker_keeps_an_early_year_as_written() -> None:
    (m,) = dated("عقد الاجتماع في 15 مارس 1444م في الرياض.", "ar")
    assert (m.start_date, m.status) == ("1444-03-15", "ok")


def test_a_gloss_written_as_words_is_read_and_checked(icu: ModuleType) -> None:
    assert icu_day(icu, "persian", 1398, 2, 20) == dt.date(2019, 5, 10)  # the premise
    g, j = dated("این دیدار ۱۰ مه ۲۰۱۹ (بیستم اردیبهشت ۱۳۹۸) در تهران انجام شد.", "fa")
    got = (g.start_date, j.start_date, j.text, j.status)
    assert got == ("2019-05-10", "2019-05-10", "بیستم اردیبهشت ۱۳۹۸", "ok")
    g, j = dated("این دیدار ۱۰ مه ۲۰۱۹ (بیست و یکم اردیبهشت ۱۳۹۸) در تهران انجام شد.", "fa")
    assert j.start_date == "2019-05-11" and j.status == "conflict" and "one day late" in j.note


@pytest.mark.parametrize(("day", "status"), [("۲۰", "ok"), ("۲۲", "conflict")])
def test_a_gloss_after_moadel_is_checked(icu: ModuleType, day: str, status: str) -> None:
    assert icu_day(icu, "persian", 1398, 2, 20) == dt.date(2019, 5, 10)  # the premise
    g, j = dated(f"این دیدار ۱۰ مه ۲۰۱۹ معادل {day} اردیبهشت ۱۳۹۸ در تهران انجام شد.", "fa")
    assert (g.status, j.status) == ("ok", status)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("وصل الموفد في 12 آب (أغسطس) عام 2011 إلى دمشق.", "12 آب (أغسطس) عام 2011"),
        ("وصل الموفد في 12 آب (أغسطس) 2011 إلى دمشق.", "12 آب (أغسطس) 2011"),
    ],
)
def test_a_month_glossed_by_its_other_name_is_one_date(text: str, words: str) -> None:
    (m,) = dated(text, "ar")
    assert (m.text, m.start_date, m.status) == (words, dt.date(2011, 8, 12).isoformat(), "ok")


def test_a_gregorian_gloss_after_al_muwafiq_is_checked() -> None:
    h, g = dated("وقعت الحادثة في 1 رمضان 1446 هـ الموافق 2 مارس 2025 م.", "ar")
    # Umm al-Qura's 1 Ramadan 1446 is 1 March 2025 (as test_tagger's vectors): the gloss is a day late
    assert h.start_date == "2025-03-01" and g.status == "conflict" and "one day late" in g.note


# A range whose ends are months of two calendars with the year written once, at the end: the
# year lent as it stands named the 27th century («خرداد» of Jalali 2025) and was marked ok.
@pytest.mark.parametrize(
    ("text", "first", "last", "calendar"),
    [
        # Khordad (Jalali month 3) of 1404, the Jalali year that holds 31 May 2025.
        (
            "برگزاری نمایشگاه از خرداد تا مه ۲۰۲۵ در تهران ادامه داشت.",
            ("persian", 1404, 3),
            ("gregorian", 2025, 5),
            "jalali",
        ),
        # May of 2025, the Gregorian year that holds the end of Khordad 1404.
        (
            "رزمایش مشترک از مه تا خرداد ۱۴۰۴ در دریای خزر برگزار شد.",
            ("gregorian", 2025, 5),
            ("persian", 1404, 3),
            "gregorian",
        ),
    ],
)
def test_a_range_across_calendars_reads_its_first_end_in_its_own_calendar(
    icu: ModuleType, text: str, first: tuple[str, int, int], last: tuple[str, int, int], calendar: str
) -> None:
    (m,) = dated(text, "fa")
    expected = (calendar, icu_month(icu, *first)[0], icu_month(icu, *last)[1])
    assert (m.calendar, m.start_date, m.end_date) == expected
    assert m.status == "inferred" and "two calendars" in m.note


def test_a_range_across_calendars_that_ends_before_it_starts_is_invalid() -> None:
    # 10 Khordad 1404 is 31 May 2025: after 5 May 2025.
    (m,) = dated("گفتگوها از ۱۰ خرداد تا ۵ مه ۲۰۲۵ ادامه یافت.", "fa")
    assert (m.status, m.start_date, m.end_date) == ("invalid", "", "")
    assert "before it starts" in m.note
