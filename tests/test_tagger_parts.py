"""Parts of a month or year (tagger/spans.py, tagger/deixis.py): mid-January, weeks, first N months."""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from _forms import icu as _icu_fixture
from _forms import icu_day, icu_month
from _news_days import PUB
from _news_days import day_bounds as _days
from _news_days import gregorian_month as _gregorian_month
from _news_days import jalali_year as _jalali_year
from _news_days import only as _only
from mctimeline.tagger import tag

icu = _icu_fixture  # ICU, the independent reference (a fixture)


# --- a part of a month with no year ---------------------------------------------------------

GREGORIAN_PARTS = [
    (
        "وقّع الطرفان الاتفاق في منتصف يناير خلال زيارة الرئيس إلى موسكو.",
        "ar",
        "منتصف يناير",
        (2025, 1),
        "middle",
    ),
    ("وصل الوفد الروسي إلى طهران أواخر فبراير لبحث ملف الطاقة.", "ar", "أواخر فبراير", (2025, 2), "late"),
    (
        "The treaty was signed in mid-January during the president's visit.",
        "en",
        "mid-January",
        (2025, 1),
        "middle",
    ),
    (
        "The delegation arrived in Tehran in late February for energy talks.",
        "en",
        "late February",
        (2025, 2),
        "late",
    ),
    # the words say the next April: not the one nearest, which is also the next here
    ("ستعقد القمة المقبلة أواخر أبريل المقبل في كازان.", "ar", "أواخر أبريل المقبل", (2025, 4), "late"),
    # a done act, so the last January, not a coming one
    (
        "وكان الطرفان قد اتفقا في منتصف يناير الماضي على جدول المفاوضات.",
        "ar",
        "منتصف يناير الماضي",
        (2025, 1),
        "middle",
    ),
]


@pytest.mark.parametrize(("text", "lang", "words", "month", "part"), GREGORIAN_PARTS)
def test_a_part_of_a_gregorian_month_without_a_year(
    text: str, lang: str, words: str, month: tuple[int, int], part: str
) -> None:
    m = _only(text, lang)
    assert (m.text, (m.start_date, m.end_date), m.precision, m.status) == (
        words,
        _gregorian_month(*month),
        "month",
        "inferred",
    )
    assert f"{part}" in m.note and "the words do not say which days" in m.note
    assert "no year written" in m.note


@pytest.mark.parametrize(
    ("text", "words", "year", "month"),
    [
        ("این سند اواسط اسفند در حاشیه نشست وزیران امضا شد.", "اواسط اسفند", 1403, 12),
        # Aban 1403 ended in November 2024; Aban 1404 begins in October 2025: the first is nearer
        ("هیئت ایرانی اوایل آبان برای گفت‌وگو به مسکو رفت.", "اوایل آبان", 1403, 8),
    ],
)
def test_a_part_of_a_jalali_month_without_a_year(
    icu: ModuleType, text: str, words: str, year: int, month: int
) -> None:
    m = _only(text, "fa")
    assert (m.text, (m.start_date, m.end_date), m.precision, m.status) == (
        words,
        icu_month(icu, "persian", year, month),
        "month",
        "inferred",
    )


def test_a_part_word_alone_is_no_month() -> None:
    # «نیمه» before a word that is not a month: nothing to date
    assert tag("این طرح در نیمه راه متوقف شد.", "fa", published=PUB) == []


# --- earlier or later in this week, month or year; earlier today -----------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        ("Earlier this month, the two sides signed a memorandum on grain.", "en", "Earlier this month",
         dt.date(2025, 3, 1), PUB - dt.timedelta(days=1)),
        ("عقد الاجتماع الثلاثي في وقت سابق من هذا الشهر في أنقرة.", "ar", "في وقت سابق من هذا الشهر",
         dt.date(2025, 3, 1), PUB - dt.timedelta(days=1)),
        ("وكان الوزير قد زار موسكو في وقت سابق من العام الجاري.", "ar", "في وقت سابق من العام الجاري",
         dt.date(2025, 1, 1), PUB - dt.timedelta(days=1)),
        # an English week begins on Monday: this one ends on Sunday 16 March
        ("The talks will resume later this week in Geneva.", "en", "later this week",
         PUB + dt.timedelta(days=1), PUB + dt.timedelta(days=6 - PUB.weekday())),
        ("ستعقد الجولة الثانية في وقت لاحق من الشهر الجاري.", "ar", "في وقت لاحق من الشهر الجاري",
         PUB + dt.timedelta(days=1), dt.date(2025, 3, 31)),
    ],
)  # fmt: skip
def test_earlier_or_later_in_this_period(
    text: str, lang: str, words: str, first: dt.date, last: dt.date
) -> None:
    m = _only(text, lang)
    assert (m.text, (m.start_date, m.end_date), m.status) == (words, _days(first, last), "inferred")
    assert "the words give no one day" in m.note


def test_earlier_in_last_year_is_just_last_year() -> None:
    # only this period has a side of the reference day
    m = _only("Earlier last year the talks stalled over sanctions.", "en")
    assert (m.text, m.start_date, m.end_date) == ("last year", "2024-01-01", "2024-12-31")


def test_earlier_today_in_arabic() -> None:
    m = _only("أعلنت الخارجية في وقت سابق اليوم أن الوفد وصل إلى طهران.", "ar")
    assert (m.text, m.start_date, m.end_date) == ("في وقت سابق اليوم", PUB.isoformat(), PUB.isoformat())


# --- "earlier in the week", «في وقت لاحق من الشهر»: the bare period is this one ------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        # weeks from Monday in English, from Saturday in Arabic (as "this week" is read)
        ("The two ministers spoke by phone earlier in the week.", "en", "earlier in the week", 10, 11),
        ("The agreement is due to be signed later in the month.", "en", "later in the month", 13, 31),
        ("وصل المبعوث إلى دمشق في وقت سابق من الأسبوع.", "ar", "في وقت سابق من الأسبوع", 8, 11),
    ],
)
def test_earlier_or_later_in_the_bare_period(text: str, lang: str, words: str, first: int, last: int) -> None:
    m = _only(text, lang)
    bounds = _days(PUB.replace(day=first), PUB.replace(day=last))
    assert (m.text, (m.start_date, m.end_date)) == (words, bounds)


def test_later_in_the_bare_year_in_arabic() -> None:
    m = _only("يتوقع أن تستأنف المفاوضات في وقت لاحق من العام.", "ar")
    assert (m.text, m.start_date, m.end_date) == ("في وقت لاحق من العام", "2025-03-13", "2025-12-31")


def test_later_in_the_year_after_another_year_is_not_dated() -> None:
    # the year may be 2019's as well as the publication's: no confident date
    text = "Talks on the corridor began in March 2019. Later in the year, the two sides signed a memorandum."
    told, later = tag(text, "en", published=PUB)
    assert (told.start_date, later.text, later.start_date, later.status) == (
        "2019-03-01", "Later in the year", "", "unresolved"
    )
    assert "March 2019" in later.note


def test_later_in_the_year_with_a_year_is_no_side_of_the_reference_day() -> None:
    (m,) = tag("The deal was signed later in the year 2019.", "en", published=PUB)
    assert (m.start_date, m.end_date) == ("2019-01-01", "2019-12-31")


# --- a week of a month: its days 7n-6 to 7n ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last", "status"),
    [
        ("The envoy reached Tehran in the first week of March.", "en", "first week of March", (2025, 3, 1),
         (2025, 3, 7), "inferred"),
        ("Talks are planned for the second week of April 2025.", "en", "second week of April 2025",
         (2025, 4, 8), (2025, 4, 14), "ok"),
        ("عقدت القمة الثلاثية في الأسبوع الثاني من يناير 2024.", "ar", "الأسبوع الثاني من يناير 2024",
         (2024, 1, 8), (2024, 1, 14), "ok"),
        ("تعقد القمة في الأسبوع الثالث من شهر أبريل المقبل.", "ar", "الأسبوع الثالث من شهر أبريل المقبل",
         (2025, 4, 15), (2025, 4, 21), "inferred"),
    ],
)  # fmt: skip
def test_a_week_of_a_gregorian_month(
    text: str, lang: str, words: str, first: tuple[int, int, int], last: tuple[int, int, int], status: str
) -> None:
    m = _only(text, lang)
    bounds = _days(dt.date(*first), dt.date(*last))
    assert (m.text, (m.start_date, m.end_date), m.status) == (words, bounds, status)
    assert "week of the month, read as its days" in m.note


@pytest.mark.parametrize(
    ("text", "words", "jalali", "days"),
    [
        ("هیئت ایرانی در هفته اول اسفند وارد مسکو شد.", "هفته اول اسفند", (1403, 12), (1, 7)),
        ("هیئت ایرانی در نخستین هفته اسفند وارد مسکو شد.", "نخستین هفته اسفند", (1403, 12), (1, 7)),
        ("نشست بعدی در هفته دوم فروردین ۱۴۰۴ برگزار می‌شود.", "هفته دوم فروردین ۱۴۰۴", (1404, 1), (8, 14)),
    ],
)
def test_a_week_of_a_jalali_month(
    text: str, words: str, jalali: tuple[int, int], days: tuple[int, int], icu: ModuleType
) -> None:
    m = _only(text, "fa")
    first, last = (icu_day(icu, "persian", *jalali, d) for d in days)
    assert (m.text, (m.start_date, m.end_date)) == (words, _days(first, last))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The first week of talks ended without a deal.", "en"),
        ("انتهى الأسبوع الأول من المفاوضات دون اتفاق.", "ar"),
        ("هفته اول مذاکرات بدون توافق به پایان رسید.", "fa"),
    ],
)
def test_a_first_week_of_something_else_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=PUB) == []


# --- a part of the bare year or month: this one, unless another was told ----------------------

BARE_PARTS = [
    ("ارتفعت أسعار الوقود بنسبة 5% منذ مطلع العام.", "ar", "مطلع العام", "since", (1, 4)),
    ("من المتوقع أن تكتمل المرحلة الأولى من المشروع بحلول نهاية العام.", "ar", "نهاية العام", "by", (9, 12)),
    ("Fuel prices have risen 5% since the start of the year.", "en", "start of the year", "since", (1, 4)),
    ("The first phase should be complete by the end of the year.", "en", "end of the year", "by", (9, 12)),
]


@pytest.mark.parametrize(("text", "lang", "words", "role", "months"), BARE_PARTS)
def test_a_part_of_the_bare_year_is_this_years(
    text: str, lang: str, words: str, role: str, months: tuple[int, int]
) -> None:
    m = _only(text, lang)
    assert (m.text, m.role, m.status) == (words, role, "inferred")
    assert (m.start_date, m.end_date) == (
        _gregorian_month(2025, months[0])[0],
        _gregorian_month(2025, months[1])[1],
    )
    assert "the words name no year" in m.note


def test_a_part_of_the_bare_jalali_year(icu: ModuleType) -> None:
    # PUB is in Esfand 1403: the end of this year is Azar to Esfand 1403
    m = _only("به گفته وزیر، این خط لوله تا پایان سال به بهره‌برداری می‌رسد.", "fa")
    assert (m.text, m.role) == ("پایان سال", "until")
    azar, esfand = icu_month(icu, "persian", 1403, 9), icu_month(icu, "persian", 1403, 12)
    assert (m.start_date, m.end_date) == (azar[0], esfand[1])


def test_the_end_of_the_bare_month() -> None:
    m = _only("The committee will report by the end of the month.", "en")
    bounds = (m.start_date, m.end_date)
    assert (m.text, bounds, m.precision) == ("end of the month", _gregorian_month(2025, 3), "month")


@pytest.mark.parametrize(
    "text",
    [
        # the year told before it is another: it may be that one's end
        "وقعت الحكومة الاتفاق في عام 2019، وفي نهاية العام بدأ تنفيذه.",
        "Talks began in March 2024 and were expected to end by the end of the year.",
    ],
)
def test_a_part_of_the_bare_year_after_another_year_is_not_dated(text: str) -> None:
    lang = "en" if text[0].isascii() else "ar"
    first, second = tag(text, lang, published=PUB)
    assert first.status == "ok" and (second.status, second.start_date) == ("unresolved", "")
    assert "may be that of" in second.note


def test_a_part_of_the_bare_year_after_the_same_year_is_dated() -> None:
    text = "بدأت المفاوضات في مارس 2025، ومن المتوقع أن تنتهي بحلول نهاية العام."
    _, second = tag(text, "ar", published=PUB)
    assert (second.start_date, second.end_date, second.status) == ("2025-09-01", "2025-12-31", "inferred")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("من المتوقع أن تكتمل المرحلة الأولى بحلول نهاية العام المالي.", "ar"),
        ("انتهت الامتحانات مع نهاية العام الدراسي.", "ar"),
        ("این طرح تا پایان سال تحصیلی تکمیل می‌شود.", "fa"),
        ("The plan runs to the end of the fiscal year.", "en"),
    ],
)
def test_the_end_of_another_kind_of_year_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=PUB) == []


def test_a_bare_jalali_year_after_a_day_of_the_same_jalali_year(icu: ModuleType) -> None:
    # «روز یکشنبه» is 9 March 2025, in 1403 as PUB is: the same year, though not the same Gregorian one
    text = "رئیس مجلس روز یکشنبه گفت که این طرح تا پایان سال در صحن علنی بررسی خواهد شد."
    sunday, end = tag(text, "fa", published=PUB)
    assert sunday.start_date == (PUB - dt.timedelta(days=3)).isoformat()
    azar, esfand = icu_month(icu, "persian", 1403, 9), icu_month(icu, "persian", 1403, 12)
    assert (end.text, end.start_date, end.end_date) == ("پایان سال", azar[0], esfand[1])
    assert end.status == "inferred"


# --- the first N months of a year -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "n"),
    [
        ("Bilateral trade rose 12% in the first nine months of 2024.", "en", "first nine months of 2024", 9),
        ("ارتفعت التجارة في الأشهر التسعة الأولى من عام 2024.", "ar", "الأشهر التسعة الأولى من عام 2024", 9),
        ("بلغت الصادرات في أول ستة أشهر من 2024 نحو ملياري دولار.", "ar", "أول ستة أشهر من 2024", 6),
    ],
)
def test_the_first_months_of_a_gregorian_year(text: str, lang: str, words: str, n: int) -> None:
    m = _only(text, lang)
    assert (m.text, m.status, m.precision) == (words, "ok", "part-of-year")
    assert (m.start_date, m.end_date) == ("2024-01-01", _gregorian_month(2024, n)[1])


@pytest.mark.parametrize(
    ("text", "words", "n"),
    [
        ("حجم مبادلات تجاری دو کشور در ۹ ماهه نخست ۱۴۰۳ افزایش یافت.", "۹ ماهه نخست ۱۴۰۳", 9),
        # read before as «اول سال ۱۴۰۳», early 1403 (its first four months), marked ok
        ("صادرات در شش ماه اول سال ۱۴۰۳ به دو میلیارد دلار رسید.", "شش ماه اول سال ۱۴۰۳", 6),
    ],
)
def test_the_first_months_of_a_jalali_year(icu: ModuleType, text: str, words: str, n: int) -> None:
    m = _only(text, "fa")
    assert (m.text, m.status) == (words, "ok")
    bounds = (_jalali_year(icu, 1403)[0], icu_month(icu, "persian", 1403, n)[1])
    assert (m.start_date, m.end_date) == bounds


@pytest.mark.parametrize(
    ("text", "lang", "words", "last"),
    [
        ("ارتفعت التجارة في الأشهر التسعة الأولى من العام الجاري.", "ar", "التسعة الأولى من العام الجاري", 9),
        ("Trade grew in the first six months of the year.", "en", "first six months of the year", 6),
    ],
)
def test_the_first_months_of_a_year_named_from_the_reference_day(
    text: str, lang: str, words: str, last: int
) -> None:
    m = _only(text, lang)
    bounds = ("2025-01-01", _gregorian_month(2025, last)[1])
    assert (m.status, m.start_date, m.end_date) == ("inferred", *bounds)
    assert m.text.endswith(words)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("در شش ماه اول پس از توافق، تجارت دو کشور افزایش یافت.", "fa"),
        ("The first six months after the deal were the hardest.", "en"),
    ],
)
def test_the_first_months_of_something_else_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=PUB) == []
