"""Spans named whole (tagger/spans.py): seasons, quarters, halves, parts of a month, decades,
centuries, holidays (data/holidays.toml), and a month alone.

Passages are composed in the style of news reports; expected days come from `datetime`
and ICU (tests/_forms.py), never from the tagger.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from _forms import assert_one_day, dated, gregorian_days, icu_day, jalali_months
from _forms import icu as _icu_fixture
from mctimeline.tagger import tag

icu = _icu_fixture  # ICU, the independent reference (a fixture)


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
    (m,) = dated(text, lang)
    expected = jalali_months(icu, *bounds[1:]) if bounds[0] == "persian" else gregorian_days(*bounds)
    assert (m.text, (m.start_date, m.end_date), m.precision, m.status) == (words, expected, precision, status)


def test_parts_of_a_month_and_inferred_spans_say_why() -> None:
    (m,) = dated("وصل الوفد في أواخر شهر أبريل 2019 إلى القاهرة.", "ar")
    assert "late in the month" in m.note
    (m,) = dated("این سبک در دهه هفتاد رواج داشت.", "fa")
    assert "century is not written" in m.note


def test_a_hijri_century_reaches_back_past_the_table(icu: ModuleType) -> None:
    (m,) = dated("بني المسجد في القرن الرابع عشر الهجري على يد الأهالي.", "ar")
    assert m.calendar == "hijri" and m.precision == "year"
    assert m.start_date == icu_day(icu, "islamic-civil", 1301, 1, 1).isoformat()
    assert m.end_date == (icu_day(icu, "islamic-umalqura", 1401, 1, 1) - dt.timedelta(days=1)).isoformat()
    assert "tabular" in m.note


@pytest.mark.parametrize(
    "text",
    ["قال إن الربيع العربي 2011 غير المنطقة.", "عقد الاجتماع في الأسبوع الأول من السنة."],
)
def test_not_a_span(text: str) -> None:
    assert [m.precision for m in dated(text, "ar")] in ([], ["year"])  # «2011» alone at most


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
        (
            "احتفلت القاهرة بذكرى المولد النبوي 2019 بمسيرات في الأحياء القديمة.",
            "ar",
            "بذكرى المولد النبوي 2019",
            "islamic-umalqura",
            (1441, 3, 12),
        ),
        ("Crowds marked Mawlid 2021 in Cairo.", "en", "Mawlid 2021", "islamic-umalqura", (1443, 3, 12)),
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
    m = assert_one_day(icu, text, lang, words, kind, written)
    if kind == "islamic-umalqura":
        assert "Umm al-Qura" in m.note


PUB = dt.date(2025, 3, 10)  # 10 Ramadan 1446, 20 Esfand 1403


@pytest.mark.parametrize(
    ("text", "lang", "words", "kind", "written", "status"),
    [
        # the next and the last one from the publication day
        ("ومن المتوقع أن تعقد القمة بعد عيد الفطر المقبل في الرياض.", "ar", "عيد الفطر المقبل",
         "islamic-umalqura", (1446, 10, 1), "inferred"),
        ("وأدى الوزير مناسك الحج خلال عيد الأضحى الماضي.", "ar", "عيد الأضحى الماضي",
         "islamic-umalqura", (1445, 12, 10), "inferred"),
        # the one of a year named from the publication day, in that year's calendar
        ("مردم در شب یلدای سال گذشته دور هم جمع شدند.", "fa", "شب یلدای سال گذشته", "persian",
         (1402, 9, 30), "inferred"),
        ("Shops were shut on Christmas last year.", "en", "Christmas last year", "gregorian",
         (2024, 12, 25), "inferred"),
        # Eid al-Fitr of Jalali 1403 was 1 Shawwal 1445; counted in Hijri years, 'this year's'
        # would be 1446's: the mention says both
        ("عید فطر امسال نماز در مصلی برگزار شد.", "fa", "عید فطر امسال", "islamic-umalqura",
         (1445, 10, 1), "suspect"),
    ],
)  # fmt: skip
def test_holidays_named_from_the_reference_day(
    icu: ModuleType, text: str, lang: str, words: str, kind: str, written: tuple[int, int, int], status: str
) -> None:
    (m,) = tag(text, lang, published=PUB)
    day = (dt.date(*written) if kind == "gregorian" else icu_day(icu, kind, *written)).isoformat()
    assert (m.text, m.start_date, m.end_date, m.status) == (words, day, day, status)


def test_a_holiday_named_without_year_or_direction_is_left_alone() -> None:
    assert tag("وتهنئ الوزارة المواطنين بعيد الفطر المبارك.", "ar", published=PUB) == []


def test_english_holiday_with_a_year(icu: ModuleType) -> None:
    m, month = dated("Eid al-Adha 2016 fell in September, officials said.", "en")
    assert month.text == "September"
    assert m.start_date == icu_day(icu, "islamic-umalqura", 1437, 12, 10).isoformat()


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
    # «يعقد»: is held, no tense that decides, so the nearest September (a past verb,
    # «عقد المؤتمر», would make it the last one: tests/test_tagger_past.py)
    (m,) = tag("يعقد المؤتمر في شهر أيلول في بيروت.", "ar", published="2015-08-11")
    assert (m.start_date, m.end_date, m.status) == ("2015-09-01", "2015-09-30", "inferred")


@pytest.mark.parametrize(
    ("text", "month", "day", "hijri_year"),
    [
        # a Hijri holiday with a Jalali year: the one that falls in that Jalali year
        ("مراسم عاشورای ۱۴۰۲ در تهران با حضور گسترده مردم برگزار شد.", 1, 10, 1445),
        ("تعطیلات عید فطر ۱۴۰۲ با سفرهای نوروزی هم‌زمان نشد.", 10, 1, 1444),
    ],
)
def test_a_hijri_holiday_with_a_jalali_year(
    icu: ModuleType, text: str, month: int, day: int, hijri_year: int
) -> None:
    (m,) = [m for m in tag(text, "fa") if m.calendar == "hijri"]
    expected = icu_day(icu, "islamic-umalqura", hijri_year, month, day)
    assert icu_day(icu, "persian", 1402, 1, 1) <= expected < icu_day(icu, "persian", 1403, 1, 1)
    assert (m.start_date, m.end_date, m.status) == (expected.isoformat(), expected.isoformat(), "ok")
    assert f"the one in 1402: {day} " in m.note


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the weekday is the holiday's, not one near the publication day
        ("عيد الأضحى 2016 صادف يوم الاثنين في عدد من الدول.", "ar"),
        ("Christmas 2022 fell on a Sunday.", "en"),
    ],
)
def test_a_weekday_tied_to_a_holiday_is_not_read_alone(text: str, lang: str) -> None:
    mentions = tag(text, lang, published="2025-03-12")
    assert mentions and all(m.calendar != "relative" for m in mentions)
