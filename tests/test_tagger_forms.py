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


# --- numeric forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "kind", "written"),
    [
        # spaced separators, Arabic-Indic digits and a glued Hijri marker
        ("صدر التعميم في ٣ /٧ /١٤٤٣هـ عن الوزارة.", "ar", "٣ /٧ /١٤٤٣هـ", "islamic-umalqura", (1443, 7, 3)),
        ("این بخشنامه در تاریخ ۱۴۰۲/۰۵/۱۰ ابلاغ شد.", "fa", "۱۴۰۲/۰۵/۱۰", "persian", (1402, 5, 10)),
        ("این بخشنامه روز ۱۴۰۲ / ۰۵ / ۱۰ ابلاغ شد.", "fa", "۱۴۰۲ / ۰۵ / ۱۰", "persian", (1402, 5, 10)),
        ("أعلنت الشركة نتائجها في 15/3/2025.", "ar", "15/3/2025", "gregorian", (2025, 3, 15)),
        ("وصل الوفد 14-يناير 2020 إلى بغداد.", "ar", "14-يناير 2020", "gregorian", (2020, 1, 14)),
        ("وقع الانفجار في 5- آب- 2022 قرب المرفأ.", "ar", "5- آب- 2022", "gregorian", (2022, 8, 5)),
        ("افتتح المعرض في 3. مايو 2019 بالقاهرة.", "ar", "3. مايو 2019", "gregorian", (2019, 5, 3)),
        ("وقع الاتفاق في 3 مارس، 2004 بين الطرفين.", "ar", "3 مارس، 2004", "gregorian", (2004, 3, 3)),
        # month first only because 21 cannot be a month
        ("أفادت الوثيقة المؤرخة 09/21/2018 بذلك.", "ar", "09/21/2018", "gregorian", (2018, 9, 21)),
    ],
)
def test_numeric_and_separated_days(
    icu: ModuleType, text: str, lang: str, words: str, kind: str, written: tuple[int, int, int]
) -> None:
    (m,) = _dated(text, lang)
    day = dt.date(*written) if kind == "gregorian" else _icu_day(icu, kind, *written)
    assert (m.text, m.start_date, m.end_date, m.precision, m.status) == (
        words,
        day.isoformat(),
        day.isoformat(),
        "day",
        "ok",
    )


@pytest.mark.parametrize(
    ("text", "lang", "words", "year", "month"),
    [
        ("بدأ تنفيذ المشروع في 7/2016 وانتهى بعد عامين.", "ar", "7/2016", 2016, 7),
        ("بدأ تنفيذ المشروع في 2016.7 وانتهى بعد عامين.", "ar", "2016.7", 2016, 7),
        ("وقع الاتفاق في مارس, 2004 بين الطرفين.", "ar", "مارس, 2004", 2004, 3),
    ],
)
def test_numeric_months(text: str, lang: str, words: str, year: int, month: int) -> None:
    (m,) = _dated(text, lang)
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
    assert (m.text, m.start_date, m.end_date, m.precision, m.status) == (
        words,
        dt.date(year, month, 1).isoformat(),
        last,
        "month",
        "ok",
    )


def test_two_digit_year_is_flagged_not_confident() -> None:
    (m,) = _dated("نشرت الصحيفة التقرير في 21/09/18 على موقعها.", "ar")
    assert m.start_date == dt.date(2018, 9, 21).isoformat()
    assert m.status == "suspect" and "two-digit year" in m.note and "1918" in m.note


def test_ambiguous_english_order_is_flagged() -> None:
    (m,) = _dated("The filing dated 03/04/2018 was released on Monday.", "en")
    assert m.start_date == dt.date(2018, 3, 4).isoformat()  # month first, as US news writes
    assert m.status == "suspect" and "day first" in m.note


@pytest.mark.parametrize(
    "text",
    [
        "صدر القرار رقم 7/2016 عن الوزارة.",
        "بلغ الإنتاج 2016.7 مليون برميل يوميا.",
        "للاستعلام اتصلوا على 021-8893-2233 طوال اليوم.",
        "شارك أكثر من 2000 إلى 3000 متظاهر في المسيرة.",
        "حضر من 2010 إلى 2013 شخصا الندوة.",
        "انتهى السباق في الساعة 12.30.45 بتوقيت مكة.",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert _dated(text, "ar") == []


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        ("شغل المنصب بين 2009-2012 قبل استقالته.", "ar", "2009-2012", 2009, 2012),
        ("شغل المنصب 2009-2012 قبل استقالته.", "ar", "2009-2012", 2009, 2012),
        ("عمل في الشركة من 2010 حتى 2013 ثم غادرها.", "ar", "2010 حتى 2013", 2010, 2013),
        ("او در سال‌های ۱۹۵۳ - ۱۹۶۱ وزیر بود.", "fa", "سال\u200cهای ۱۹۵۳ - ۱۹۶۱", 1953, 1961),
        ("او از ۱۹۵۳ تا ۱۹۶۱ وزیر بود.", "fa", "۱۹۵۳ تا ۱۹۶۱", 1953, 1961),
    ],
)
def test_year_ranges_are_one_range(text: str, lang: str, words: str, first: int, last: int) -> None:
    (m,) = _dated(text, lang)
    assert (m.text, m.start_date, m.end_date, m.precision) == (
        words,
        dt.date(first, 1, 1).isoformat(),
        dt.date(last, 12, 31).isoformat(),
        "year",
    )


# --- ordinal and spelled-out days and years ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "kind", "written"),
    [
        ("این نشست در هفتم مارس ۲۰۱۸ در ژنو برگزار شد.", "fa", "هفتم مارس ۲۰۱۸", "gregorian", (2018, 3, 7)),
        (
            "قرارداد در بیست‌وپنجم ژوئیه ۲۰۱۹ امضا شد.",
            "fa",
            "بیست\u200cوپنجم ژوئیه ۲۰۱۹",
            "gregorian",
            (2019, 7, 25),
        ),
        ("او در چهار آبان ۱۴۰۰ درگذشت.", "fa", "چهار آبان ۱۴۰۰", "persian", (1400, 8, 4)),
        ("سه نفر در دو مهر ۱۴۰۱ بازداشت شدند.", "fa", "دو مهر ۱۴۰۱", "persian", (1401, 7, 2)),
        (
            "بدأت الدورة في الثالث من رجب 1445 هـ.",
            "ar",
            "الثالث من رجب 1445 هـ",
            "islamic-umalqura",
            (1445, 7, 3),
        ),
        (
            "اندلعت الاحتجاجات في الحادي عشر من آذار 2014 في المدينة.",
            "ar",
            "الحادي عشر من آذار 2014",
            "gregorian",
            (2014, 3, 11),
        ),
        (
            "أغلقت المعابر في الثامن والعشرين من أكتوبر 2023 بعد القصف.",
            "ar",
            "الثامن والعشرين من أكتوبر 2023",
            "gregorian",
            (2023, 10, 28),
        ),
    ],
)
def test_days_written_as_words(
    icu: ModuleType, text: str, lang: str, words: str, kind: str, written: tuple[int, int, int]
) -> None:
    (m,) = _dated(text, lang)
    day = dt.date(*written) if kind == "gregorian" else _icu_day(icu, kind, *written)
    assert (m.text, m.start_date, m.end_date, m.precision, m.status) == (
        words,
        day.isoformat(),
        day.isoformat(),
        "day",
        "ok",
    )


@pytest.mark.parametrize(
    ("text", "lang", "month_words"),
    [
        ("عقد الاجتماع في الأسبوع الأول من مارس 2014 في المدينة.", "ar", "مارس 2014"),
        ("مسابقات در هفته دوم مهر ۱۴۰۲ برگزار شد.", "fa", "مهر ۱۴۰۲"),
    ],
)
def test_an_ordinal_of_a_week_is_not_a_day(text: str, lang: str, month_words: str) -> None:
    (m,) = _dated(text, lang)
    assert (m.text, m.precision) == (month_words, "month")


@pytest.mark.parametrize(
    ("text", "lang", "words", "kind", "year"),
    [
        ("این قانون در سال دو هزار و نوزده تصویب شد.", "fa", "سال دو هزار و نوزده", "gregorian", 2019),
        ("انطلق المهرجان في عام ألفين وعشرين وسط الجائحة.", "ar", "عام ألفين وعشرين", "gregorian", 2020),
        (
            "في عام ألف وتسعمائة وثمانية وأربعين هاجرت العائلة.",
            "ar",
            "عام ألف وتسعمائة وثمانية وأربعين",
            "gregorian",
            1948,
        ),
        (
            "او در سال هزار و سیصد و پنجاه و هفت به دنیا آمد.",
            "fa",
            "سال هزار و سیصد و پنجاه و هفت",
            "persian",
            1357,
        ),
    ],
)
def test_years_written_as_words(
    icu: ModuleType, text: str, lang: str, words: str, kind: str, year: int
) -> None:
    (m,) = _dated(text, lang)
    if kind == "gregorian":
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        first = _icu_day(icu, kind, year, 1, 1)
        last = _icu_day(icu, kind, year + 1, 1, 1) - dt.timedelta(days=1)
    got = (m.text, m.start_date, m.end_date, m.precision)
    assert got == (words, first.isoformat(), last.isoformat(), "year")


def test_a_count_after_the_year_word_is_not_a_year() -> None:
    assert _dated("او سال دو بار به سفر می‌رفت.", "fa") == []


# --- glosses -----------------------------------------------------------------------------------


def test_a_gloss_written_as_words_is_read_and_checked(icu: ModuleType) -> None:
    assert _icu_day(icu, "persian", 1398, 2, 20) == dt.date(2019, 5, 10)  # the premise
    g, j = _dated("این دیدار ۱۰ مه ۲۰۱۹ (بیستم اردیبهشت ۱۳۹۸) در تهران انجام شد.", "fa")
    got = (g.start_date, j.start_date, j.text, j.status)
    assert got == ("2019-05-10", "2019-05-10", "بیستم اردیبهشت ۱۳۹۸", "ok")
    g, j = _dated("این دیدار ۱۰ مه ۲۰۱۹ (بیست و یکم اردیبهشت ۱۳۹۸) در تهران انجام شد.", "fa")
    assert j.start_date == "2019-05-11" and j.status == "conflict" and "one day late" in j.note


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("وصل الموفد في 12 آب (أغسطس) عام 2011 إلى دمشق.", "12 آب (أغسطس) عام 2011"),
        ("وصل الموفد في 12 آب (أغسطس) 2011 إلى دمشق.", "12 آب (أغسطس) 2011"),
    ],
)
def test_a_month_glossed_by_its_other_name_is_one_date(text: str, words: str) -> None:
    (m,) = _dated(text, "ar")
    assert (m.text, m.start_date, m.status) == (words, dt.date(2011, 8, 12).isoformat(), "ok")


def test_a_gregorian_gloss_after_al_muwafiq_is_checked() -> None:
    h, g = _dated("وقعت الحادثة في 1 رمضان 1446 هـ الموافق 2 مارس 2025 م.", "ar")
    # Umm al-Qura's 1 Ramadan 1446 is 1 March 2025 (as test_tagger's vectors): the gloss is a day late
    assert h.start_date == "2025-03-01" and g.status == "conflict" and "one day late" in g.note


# --- seasons, quarters, halves, parts of a month, decades, centuries ---------------------------


def _jalali_months(icu: ModuleType, year: int, m1: int, year2: int, m2: int) -> tuple[str, str]:
    first = _icu_day(icu, "persian", year, m1, 1)
    after = _icu_day(icu, "persian", year2 + m2 // 12, m2 % 12 + 1, 1)
    return first.isoformat(), (after - dt.timedelta(days=1)).isoformat()


def _gregorian(first: tuple[int, int, int], last: tuple[int, int, int]) -> tuple[str, str]:
    return dt.date(*first).isoformat(), dt.date(*last).isoformat()


@pytest.mark.parametrize(
    ("text", "lang", "words", "bounds", "precision", "status"),
    [
        (
            "قیمت‌ها در زمستان ۱۴۰۱ افزایش یافت.",
            "fa",
            "زمستان ۱۴۰۱",
            ("persian", 1401, 10, 1401, 12),
            "part-of-year",
            "ok",
        ),
        (
            "سافر إلى أوروبا في ربيع 2012 للدراسة.",
            "ar",
            "ربيع 2012",
            ((2012, 3, 1), (2012, 5, 31)),
            "part-of-year",
            "ok",
        ),
        # a Gregorian winter runs into the next year: which one is meant is inferred
        (
            "تراجعت السياحة في شتاء 2012 بشدة.",
            "ar",
            "شتاء 2012",
            ((2012, 12, 1), (2013, 2, 28)),
            "part-of-year",
            "inferred",
        ),
        (
            "ارتفع النمو في الربع الأول من عام 2019 بنسبة طفيفة.",
            "ar",
            "الربع الأول من عام 2019",
            ((2019, 1, 1), (2019, 3, 31)),
            "part-of-year",
            "ok",
        ),
        (
            "رشد اقتصادی در نیمه دوم سال ۱۴۰۲ کاهش یافت.",
            "fa",
            "نیمه دوم سال ۱۴۰۲",
            ("persian", 1402, 7, 1402, 12),
            "part-of-year",
            "ok",
        ),
        (
            "وصل الوفد في أواخر شهر أبريل 2019 إلى القاهرة.",
            "ar",
            "أواخر شهر أبريل 2019",
            ((2019, 4, 1), (2019, 4, 30)),
            "month",
            "ok",
        ),
        (
            "این آثار در اواسط آذر ۱۴۰۱ منتشر شد.",
            "fa",
            "اواسط آذر ۱۴۰۱",
            ("persian", 1401, 9, 1401, 9),
            "month",
            "ok",
        ),
        ("این سبک در دهه ۱۳۷۰ رواج داشت.", "fa", "دهه ۱۳۷۰", ("persian", 1370, 1, 1379, 12), "year", "ok"),
        (
            "این سبک در دهه هفتاد رواج داشت.",
            "fa",
            "دهه هفتاد",
            ("persian", 1370, 1, 1379, 12),
            "year",
            "inferred",
        ),
        (
            "این سبک در دهه ۹۰ میلادی رواج داشت.",
            "fa",
            "دهه ۹۰ میلادی",
            ((1990, 1, 1), (1999, 12, 31)),
            "year",
            "inferred",
        ),
        (
            "ازدهرت الصناعة في التسعينيات.",
            "ar",
            "التسعينيات",
            ((1990, 1, 1), (1999, 12, 31)),
            "year",
            "inferred",
        ),
        (
            "ازدهرت الصناعة في التسعينيات من القرن العشرين.",
            "ar",
            "التسعينيات من القرن العشرين",
            ((1990, 1, 1), (1999, 12, 31)),
            "year",
            "ok",
        ),
        (
            "این بنا در قرن نوزدهم میلادی ساخته شد.",
            "fa",
            "قرن نوزدهم میلادی",
            ((1801, 1, 1), (1900, 12, 31)),
            "year",
            "ok",
        ),
    ],
)
def test_spans_named_whole(
    icu: ModuleType,
    text: str,
    lang: str,
    words: str,
    bounds: tuple,  # type: ignore[type-arg]
    precision: str,
    status: str,
) -> None:
    (m,) = _dated(text, lang)
    expected = _jalali_months(icu, *bounds[1:]) if bounds[0] == "persian" else _gregorian(*bounds)
    assert (m.text, (m.start_date, m.end_date), m.precision, m.status) == (words, expected, precision, status)


def test_parts_of_a_month_and_inferred_spans_say_why() -> None:
    (m,) = _dated("وصل الوفد في أواخر شهر أبريل 2019 إلى القاهرة.", "ar")
    assert "late in the month" in m.note
    (m,) = _dated("این سبک در دهه هفتاد رواج داشت.", "fa")
    assert "century is not written" in m.note


def test_a_hijri_century_reaches_back_past_the_table(icu: ModuleType) -> None:
    (m,) = _dated("بني المسجد في القرن الرابع عشر الهجري على يد الأهالي.", "ar")
    assert m.calendar == "hijri" and m.precision == "year"
    assert m.start_date == _icu_day(icu, "islamic-civil", 1301, 1, 1).isoformat()
    assert m.end_date == (_icu_day(icu, "islamic-umalqura", 1401, 1, 1) - dt.timedelta(days=1)).isoformat()
    assert "tabular" in m.note


@pytest.mark.parametrize(
    "text",
    ["قال إن الربيع العربي 2011 غير المنطقة.", "عقد الاجتماع في الأسبوع الأول من السنة."],
)
def test_not_a_span(text: str) -> None:
    assert [m.precision for m in _dated(text, "ar")] in ([], ["year"])  # «2011» alone at most


# --- holidays ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "kind", "written"),
    [
        (
            "احتفل المسلمون بعيد الأضحى 2016 في أجواء هادئة.",
            "ar",
            "بعيد الأضحى 2016",
            "islamic-umalqura",
            (1437, 12, 10),
        ),
        (
            "صلى المسلمون صلاة عيد الفطر 2023 في المساجد.",
            "ar",
            "عيد الفطر 2023",
            "islamic-umalqura",
            (1444, 10, 1),
        ),
        (
            "أحيا الشيعة ذكرى عاشوراء 2020 وسط قيود.",
            "ar",
            "ذكرى عاشوراء 2020",
            "islamic-umalqura",
            (1442, 1, 10),
        ),
        ("مراسم نوروز ۱۴۰۲ در شهر برگزار شد.", "fa", "نوروز ۱۴۰۲", "persian", (1402, 1, 1)),
        ("مراسم نوروز ۲۰۲۳ در دوشنبه برگزار شد.", "fa", "نوروز ۲۰۲۳", "persian", (1402, 1, 1)),
        ("مردم در شب یلدا ۱۴۰۱ دور هم جمع شدند.", "fa", "شب یلدا ۱۴۰۱", "persian", (1401, 9, 30)),
        (
            "Shops closed on Christmas 2022 across the city.",
            "en",
            "Christmas 2022",
            "gregorian",
            (2022, 12, 25),
        ),
    ],
)
def test_holidays_with_a_year(
    icu: ModuleType, text: str, lang: str, words: str, kind: str, written: tuple[int, int, int]
) -> None:
    (m,) = _dated(text, lang)
    day = dt.date(*written) if kind == "gregorian" else _icu_day(icu, kind, *written)
    assert (m.text, m.start_date, m.end_date, m.precision, m.status) == (
        words,
        day.isoformat(),
        day.isoformat(),
        "day",
        "ok",
    )
    if kind == "islamic-umalqura":
        assert "Umm al-Qura" in m.note


# --- not dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("او ۵ سال در زندان بود و در ۳۰ سالگی آزاد شد و هر هفته با خانواده ملاقات داشت.", "fa"),
        ("يعمل منذ 15 عاما في الشركة، ويزورها كل أسبوع.", "ar"),
        ("He spent 5 years in prison and was freed at 30, visiting every week.", "en"),
        ("تجمع در خیابان ۱۷ شهریور برگزار شد.", "fa"),
        ("تجمع المحتجون في ميدان 30 يونيو بالقاهرة.", "ar"),
        ("قال قيادي في تحالف 14 آذار إن الحكومة فشلت.", "ar"),
        ("استضافت قطر كأس العالم 2022 بنجاح.", "ar"),
        ("أطلقت المملكة رؤية 2030 قبل سنوات.", "ar"),
    ],
)
def test_not_dates(text: str, lang: str) -> None:
    assert _dated(text, lang) == []


def test_a_year_of_a_numbered_reference_keeps_its_year_and_says_so() -> None:
    (m,) = _dated("صدر القرار رقم 1747 لعام 2007 عن مجلس الأمن.", "ar")
    assert (m.text, m.start_date, m.end_date) == ("لعام 2007", "2007-01-01", "2007-12-31")
    assert "numbered reference" in m.note and "رقم 1747" in m.note


def test_a_day_after_a_name_head_with_its_year_is_a_date() -> None:
    (m,) = _dated("قال قيادي في 14 آذار 2005 إن الحكومة فشلت.", "ar")
    assert m.start_date == dt.date(2005, 3, 14).isoformat()


# --- English forms and more ranges -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last", "precision"),
    [
        (
            "Prices rose sharply in the 1990s, analysts said.",
            "en",
            "1990s",
            (1990, 1, 1),
            (1999, 12, 31),
            "year",
        ),
        (
            "Growth slowed in the first quarter of 2019.",
            "en",
            "first quarter of 2019",
            (2019, 1, 1),
            (2019, 3, 31),
            "part-of-year",
        ),
        (
            "The mosque was built in the 19th century.",
            "en",
            "19th century",
            (1801, 1, 1),
            (1900, 12, 31),
            "year",
        ),
        ("بني المسجد في القرن 19 ورمم لاحقا.", "ar", "القرن 19", (1801, 1, 1), (1900, 12, 31), "year"),
        (
            "They met again in spring 2012 in Geneva.",
            "en",
            "spring 2012",
            (2012, 3, 1),
            (2012, 5, 31),
            "part-of-year",
        ),
        (
            "The talks began in March, 2004 in Vienna.",
            "en",
            "March, 2004",
            (2004, 3, 1),
            (2004, 3, 31),
            "month",
        ),
        (
            "The war lasted between 2014 and 2016, officials said.",
            "en",
            "2014 and 2016",
            (2014, 1, 1),
            (2016, 12, 31),
            "year",
        ),
        ("استمرت الحرب بين 2014 و2016 في البلاد.", "ar", "2014 و2016", (2014, 1, 1), (2016, 12, 31), "year"),
    ],
)
def test_english_and_more_ranges(
    text: str, lang: str, words: str, first: tuple[int, int, int], last: tuple[int, int, int], precision: str
) -> None:
    (m,) = _dated(text, lang)
    assert (m.text, m.start_date, m.end_date, m.precision) == (
        words,
        dt.date(*first).isoformat(),
        dt.date(*last).isoformat(),
        precision,
    )


def test_english_holiday_with_a_year(icu: ModuleType) -> None:
    m, month = _dated("Eid al-Adha 2016 fell in September, officials said.", "en")
    assert month.text == "September"
    assert m.start_date == _icu_day(icu, "islamic-umalqura", 1437, 12, 10).isoformat()


def test_a_list_of_counts_after_between_is_not_a_range() -> None:
    assert _dated("شارك بين 2000 و3000 متظاهر في المسيرة.", "ar") == []


@pytest.mark.parametrize(
    ("text", "words", "first", "last"),
    [
        ("این طرح در سال ۹۸ اجرا شد.", "سال ۹۸", 1398, 1398),
        ("این طرح در سال ۰۲ اجرا شد.", "سال ۰۲", 1402, 1402),
        ("این طرح در سال‌های ۹۴ تا ۹۵ اجرا شد.", "سال\u200cهای ۹۴ تا ۹۵", 1394, 1395),
    ],
)
def test_two_digit_persian_years_after_the_year_word(
    icu: ModuleType, text: str, words: str, first: int, last: int
) -> None:
    (m,) = _dated(text, "fa")
    start = _icu_day(icu, "persian", first, 1, 1)
    end = _icu_day(icu, "persian", last + 1, 1, 1) - dt.timedelta(days=1)
    assert (m.text, m.start_date, m.end_date, m.status) == (
        words,
        start.isoformat(),
        end.isoformat(),
        "inferred",
    )
    assert "two-digit year" in m.note


def test_a_count_after_the_year_word_with_two_digits_is_not_a_year() -> None:
    assert _dated("این شرکت در سال ۲۰ نفر را استخدام کرد.", "fa") == []


@pytest.mark.parametrize(("day", "status"), [("۲۰", "ok"), ("۲۲", "conflict")])
def test_a_gloss_after_moadel_is_checked(icu: ModuleType, day: str, status: str) -> None:
    assert _icu_day(icu, "persian", 1398, 2, 20) == dt.date(2019, 5, 10)  # the premise
    g, j = _dated(f"این دیدار ۱۰ مه ۲۰۱۹ معادل {day} اردیبهشت ۱۳۹۸ در تهران انجام شد.", "fa")
    assert (g.status, j.status) == ("ok", status)


# --- a month alone -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "calendar"),
    [
        ("يبدأ الصيام في شعبان وفق التقويم.", "ar", "شعبان", "hijri"),
        ("عقد المؤتمر في شهر أيلول في بيروت.", "ar", "شهر أيلول", "gregorian"),
        ("این نمایشگاه آبان ماه برگزار می‌شود.", "fa", "آبان ماه", "jalali"),
        ("این نمایشگاه در ماه آبان برگزار می‌شود.", "fa", "ماه آبان", "jalali"),
        ("The talks resumed in January after a pause.", "en", "January", "gregorian"),
    ],
)
def test_a_month_alone_is_a_month(text: str, lang: str, words: str, calendar: str) -> None:
    (m,) = tag(text, lang)
    assert (m.text, m.calendar, m.precision) == (words, calendar, "month")
    assert m.status != "ok"  # its year is not written: never a confident date


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("آبان گفت که به تهران می‌آید.", "fa"),
        ("او در آبان به تهران آمد.", "fa"),  # «آبان» after «در» may be a person
        ("سجل الفريق في صفر مباريات.", "ar"),
        ("اول اینکه در ماه مه باران آمد.", "fa"),
    ],
)
def test_a_month_name_that_is_a_word_is_not_a_month_alone(text: str, lang: str) -> None:
    assert tag(text, lang) == []


def test_a_month_alone_takes_its_year_from_the_publication_day() -> None:
    (m,) = tag("عقد المؤتمر في شهر أيلول في بيروت.", "ar", published="2015-08-11")
    assert (m.start_date, m.end_date, m.status) == ("2015-09-01", "2015-09-30", "inferred")


def test_a_gregorian_month_with_a_jalali_year_is_a_conflict(icu: ModuleType) -> None:
    (m,) = _dated("این نشست در ۱۵ مارس ۱۴۰۲ برگزار شد.", "fa")
    assert m.status == "conflict" and "a Gregorian month" in m.note
    # read as the 15 March that falls in Jalali 1402, never 1402 CE
    day = dt.date.fromisoformat(m.start_date)
    assert (day.month, day.day) == (3, 15)
    assert _icu_day(icu, "persian", 1402, 1, 1) <= day < _icu_day(icu, "persian", 1403, 1, 1)


def test_a_gregorian_month_with_a_year_of_hijri_size_is_kept_and_suspect() -> None:
    (m,) = _dated("سقطت المدينة في 29 مايو 1453 بعد حصار طويل.", "ar")
    assert (m.start_date, m.status) == ("1453-05-29", "suspect")
    assert "Hijri 1453" in m.note


def test_a_gregorian_marker_keeps_an_early_year_as_written() -> None:
    (m,) = _dated("عقد الاجتماع في 15 مارس 1444م في الرياض.", "ar")
    assert (m.start_date, m.status) == ("1444-03-15", "ok")
