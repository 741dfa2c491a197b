"""A day or month followed by a year named from the reference day («يونيو من العام الماضي»,
«۱۲ خرداد سال گذشته», "October next year") is one mention in that year (tagger/deixis.py
`period_of_reference`, tagger/reckon.py "month_of_year"); so is a part of such a year or month
(«أواخر العام الماضي», «نهاية الشهر الماضي»: `part_of_period_at`).

Real reports write the year of a yearless date this way far more often than with digits; read
apart, the month took the year nearest the publication day or one written elsewhere in the
sentence, and was wrong. The passages are composed in the style of such reports. Expected days
come from `datetime` and ICU's Persian and Umm al-Qura calendars, never from the tagger.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from _forms import icu, icu_day, icu_month  # noqa: F401  (icu: a fixture)
from mctimeline.mentions import Mention
from mctimeline.tagger import tag

PUB = dt.date(2025, 3, 10)  # 20 Esfand 1403 and 10 Ramadan 1446: last year is 1402, 1445, 2024


def _only(text: str, lang: str, published: dt.date | None = PUB) -> Mention:
    (m,) = tag(text, lang, published=published)
    return m


def test_the_publication_day_lies_in_the_years_the_expectations_assume(icu: ModuleType) -> None:  # noqa: F811
    assert icu_day(icu, "persian", 1403, 1, 1) <= PUB < icu_day(icu, "persian", 1404, 1, 1)
    assert icu_day(icu, "islamic-umalqura", 1446, 1, 1) <= PUB < icu_day(icu, "islamic-umalqura", 1447, 1, 1)


GREGORIAN_MONTHS = [
    ("وقّع الطرفان في يونيو من العام الماضي مذكرة تفاهم للتعاون في مجال الطاقة.", "ar",
     "يونيو من العام الماضي", 2024, 6),
    ("ومن المقرر أن تُعقد القمة في مارس من العام المقبل في موسكو.", "ar", "مارس من العام المقبل", 2026, 3),
    # the nearest October to a March publication day is the last one: the words say this year's
    ("وأعلنت الوزارة أن الاجتماع سيعقد في أكتوبر من العام الجاري.", "ar", "أكتوبر من العام الجاري", 2025, 10),
    ("The two ministers first met in June last year in Geneva.", "en", "June last year", 2024, 6),
    ("A follow-up summit is planned for October next year.", "en", "October next year", 2026, 10),
    ("The agreement was initialled in June of last year.", "en", "June of last year", 2024, 6),
    # «الجاري», «جاری» after a month: this year's
    ("وتنطلق الدورة الجديدة في مارس الجاري بمشاركة 12 دولة.", "ar", "مارس الجاري", 2025, 3),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lang", "words", "year", "month"), GREGORIAN_MONTHS)
def test_a_gregorian_month_of_a_named_year(text: str, lang: str, words: str, year: int, month: int) -> None:
    m = _only(text, lang)
    first = dt.date(year, month, 1)
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    assert (m.text, m.start_date, m.end_date, m.precision, m.status) == (
        words, first.isoformat(), last.isoformat(), "month", "inferred"
    )  # fmt: skip
    assert f"gregorian {year}" in m.note and "publication date 2025-03-10" in m.note


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        ("التقى الوزيران في 12 أكتوبر من العام الماضي على هامش القمة.", "ar", "12 أكتوبر من العام الماضي",
         (2024, 10, 12), (2024, 10, 12)),
        ("The deal was signed on March 3 this year in Tehran.", "en", "March 3 this year",
         (2025, 3, 3), (2025, 3, 3)),
        ("تعقد الدورة المقبلة من 5 إلى 7 أكتوبر من العام المقبل.", "ar", "5 إلى 7 أكتوبر من العام المقبل",
         (2026, 10, 5), (2026, 10, 7)),
        ("The forum runs from 5 to 7 October next year.", "en", "5 to 7 October next year",
         (2026, 10, 5), (2026, 10, 7)),
        ("ويصل الوفد يوم 15 مارس الجاري إلى طهران.", "ar", "يوم 15 مارس الجاري",
         (2025, 3, 15), (2025, 3, 15)),
    ],
)  # fmt: skip
def test_a_gregorian_day_or_range_of_a_named_year(
    text: str, lang: str, words: str, first: tuple[int, int, int], last: tuple[int, int, int]
) -> None:
    m = _only(text, lang)
    assert (m.text, m.start_date, m.end_date, m.precision, m.status) == (
        words, dt.date(*first).isoformat(), dt.date(*last).isoformat(), "day", "inferred"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "words", "year", "month"),
    [
        ("سفر هیئت روسی به تهران در خرداد سال گذشته انجام شد.", "خرداد سال گذشته", 1402, 3),
        ("نشست بعدی کمیسیون مشترک در مهر ماه سال آینده برگزار می‌شود.", "مهر ماه سال آینده", 1404, 7),
        ("قرارداد گازی در اردیبهشت امسال به امضا رسید.", "اردیبهشت امسال", 1403, 2),
        ("نمایشگاه اسفندماه جاری در تهران برگزار می‌شود.", "اسفندماه جاری", 1403, 12),
    ],
)
def test_a_jalali_month_of_a_named_jalali_year(
    icu: ModuleType,  # noqa: F811
    text: str,
    words: str,
    year: int,
    month: int,
) -> None:
    m = _only(text, "fa")
    assert (m.text, (m.start_date, m.end_date), m.precision, m.status) == (
        words, icu_month(icu, "persian", year, month), "month", "inferred"
    )  # fmt: skip
    assert f"jalali {year}" in m.note


@pytest.mark.parametrize(
    ("text", "words", "written"),
    [
        ("این توافق‌نامه در ۱۲ خرداد سال گذشته در مسکو امضا شد.", "۱۲ خرداد سال گذشته", (1402, 3, 12)),
        ("هیئت پارلمانی ایران ۲۰ مهر پارسال به مسکو سفر کرد.", "۲۰ مهر پارسال", (1402, 7, 20)),
    ],
)
def test_a_jalali_day_of_a_named_jalali_year(
    icu: ModuleType,  # noqa: F811
    text: str,
    words: str,
    written: tuple[int, int, int],
) -> None:
    m = _only(text, "fa")
    day = icu_day(icu, "persian", *written).isoformat()
    assert (m.text, m.start_date, m.end_date, m.precision, m.status) == (words, day, day, "day", "inferred")


def test_a_hijri_month_of_last_year_is_the_one_that_began_in_last_gregorian_year(
    icu: ModuleType,  # noqa: F811
) -> None:
    m = _only("وكانت الزيارة الأولى للوفد في رمضان من العام الماضي.", "ar")
    assert (m.text, (m.start_date, m.end_date), m.status) == (
        "رمضان من العام الماضي", icu_month(icu, "islamic-umalqura", 1445, 9), "inferred"
    )  # fmt: skip
    assert "hijri 1445" in m.note


@pytest.mark.parametrize(
    ("published", "text", "lang", "words", "kind", "year", "month", "other"),
    [
        # in July 2025 the last Hijri year (1446) held the Ramadan of March 2025; the last
        # Gregorian year's Ramadan (the text's year) is 1445's
        (dt.date(2025, 7, 10), "وكانت الزيارة الأولى للوفد في رمضان من العام الماضي.", "ar",
         "رمضان من العام الماضي", "islamic-umalqura", 1445, 9, 1446),
        # in March 2025 a Persian «سال گذشته» is 1402 (from March 2023), not Gregorian 2024
        (PUB, "در ژوئن سال گذشته دو طرف در ژنو دیدار کردند.", "fa", "ژوئن سال گذشته", "gregorian", 2023, 6,
         2024),
    ],
)  # fmt: skip
def test_a_month_whose_year_two_calendars_count_apart_is_suspect_and_gives_both(
    icu: ModuleType,  # noqa: F811
    published: dt.date,
    text: str,
    lang: str,
    words: str,
    kind: str,
    year: int,
    month: int,
    other: int,
) -> None:
    m = _only(text, lang, published)
    first, last = icu_month(icu, kind, year, month)
    assert (m.text, m.start_date, m.end_date, m.status) == (words, first, last, "suspect")
    assert f" {other}: {icu_month(icu, kind, other, month)[0]}" in m.note


def test_a_calendar_named_after_the_year_settles_it() -> None:
    m = _only("در ژوئن سال گذشته میلادی دو طرف در ژنو دیدار کردند.", "fa")
    expected = ("ژوئن سال گذشته میلادی", "2024-06-01", "2024-06-30", "inferred")
    assert (m.text, m.start_date, m.end_date, m.status) == expected


def test_a_year_written_elsewhere_in_the_sentence_is_not_borrowed() -> None:
    text = "منذ العام 2022 تتعاون الدولتان في مجال الطاقة، وفي يونيو من العام الماضي وقعتا اتفاقا جديدا."
    since, june = tag(text, "ar", published=PUB)
    assert (since.text, since.start_date) == ("العام 2022", "2022-01-01")
    assert (june.text, june.start_date, june.end_date) == (
        "يونيو من العام الماضي",
        "2024-06-01",
        "2024-06-30",
    )


def test_without_a_reference_day_it_is_unresolved_not_guessed() -> None:
    m = _only("وقّع الطرفان في يونيو من العام الماضي مذكرة تفاهم.", "ar", published=None)
    assert (m.text, m.start_date, m.end_date, m.status) == ("يونيو من العام الماضي", "", "", "unresolved")
    assert "no publication date" in m.note


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The talks ended in June, last year's host said on Monday.", "en"),
        ("انتهت المحادثات في يونيو. العام الماضي شهد جولات عدة.", "ar"),
    ],
)
def test_a_year_in_another_clause_does_not_join(text: str, lang: str) -> None:
    texts = [m.text for m in tag(text, lang, published=PUB)]
    assert not any(("June" in t or "يونيو" in t) and ("year" in t or "العام" in t) for t in texts)


# --- parts, quarters, halves and seasons; the one before the last; a named calendar --------------

Day = tuple[int, int, int]

GREGORIAN_SPANS: list[tuple[str, str, str, Day, Day, str]] = [
    # a part of a year: EDTF's quadrimesters, early months 1-4, mid 5-8, late 9-12
    ("ستعقد القمة الثلاثية مطلع العام المقبل في طهران.", "ar", "مطلع العام المقبل",
     (2026, 1, 1), (2026, 4, 30), "part-of-year"),
    ("وتعثرت المحادثات أواخر العام الماضي بسبب الخلاف على الأسعار.", "ar", "أواخر العام الماضي",
     (2024, 9, 1), (2024, 12, 31), "part-of-year"),
    ("The treaty is expected to be ratified early next year.", "en", "early next year",
     (2026, 1, 1), (2026, 4, 30), "part-of-year"),
    ("The law took effect at the end of last year.", "en", "end of last year",
     (2024, 9, 1), (2024, 12, 31), "part-of-year"),
    # quarters, halves, a season (the meteorological months)
    ("ارتفع التبادل التجاري بين البلدين في الربع الأول من العام الجاري.", "ar",
     "الربع الأول من العام الجاري", (2025, 1, 1), (2025, 3, 31), "part-of-year"),
    ("تراجعت صادرات النفط في النصف الأول من العام الماضي.", "ar", "النصف الأول من العام الماضي",
     (2024, 1, 1), (2024, 6, 30), "part-of-year"),
    ("Exports fell in the second half of last year.", "en", "second half of last year",
     (2024, 7, 1), (2024, 12, 31), "part-of-year"),
    ("وفي صيف العام الماضي زار الوزير موسكو مرتين.", "ar", "صيف العام الماضي",
     (2024, 6, 1), (2024, 8, 31), "part-of-year"),
    # a part of a month: that month, its note saying the words give no days
    ("وانتهت جولة المفاوضات نهاية الشهر الماضي دون اتفاق.", "ar", "نهاية الشهر الماضي",
     (2025, 2, 1), (2025, 2, 28), "month"),
    ("من المتوقع أن يزور الوفد موسكو منتصف الشهر الجاري.", "ar", "منتصف الشهر الجاري",
     (2025, 3, 1), (2025, 3, 31), "month"),
    # the one before the last
    ("وكان الوزير قد زار طهران العام قبل الماضي.", "ar", "العام قبل الماضي",
     (2023, 1, 1), (2023, 12, 31), "year"),
    ("عقدت اللجنة المشتركة اجتماعها الأول الشهر قبل الماضي.", "ar", "الشهر قبل الماضي",
     (2025, 1, 1), (2025, 1, 31), "month"),
    ("The two ministers first met the year before last.", "en", "year before last",
     (2023, 1, 1), (2023, 12, 31), "year"),
    # Persian counts Jalali years unless the words say «میلادی»
    ("این توافق سال گذشته میلادی در مسکو امضا شد.", "fa", "سال گذشته میلادی",
     (2024, 1, 1), (2024, 12, 31), "year"),
    ("ماه گذشته میلادی هیئتی از وزارت نیرو به مسکو رفت.", "fa", "ماه گذشته میلادی",
     (2025, 2, 1), (2025, 2, 28), "month"),
    ("مذاکرات اواخر سال گذشته میلادی متوقف شد.", "fa", "اواخر سال گذشته میلادی",
     (2024, 9, 1), (2024, 12, 31), "part-of-year"),
    ("On the 23rd of last month the ministers met in Baku.", "en", "23rd of last month",
     (2025, 2, 23), (2025, 2, 23), "day"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lang", "words", "first", "last", "precision"), GREGORIAN_SPANS)
def test_gregorian_periods_named_from_the_reference_day(
    text: str, lang: str, words: str, first: Day, last: Day, precision: str
) -> None:
    m = _only(text, lang)
    assert (m.text, m.start_date, m.end_date, m.precision, m.status) == (
        words, dt.date(*first).isoformat(), dt.date(*last).isoformat(), precision, "inferred"
    )  # fmt: skip
    if precision == "month" and "قبل" not in words and "گذشته" not in words:
        assert "the words do not say which days" in m.note


@pytest.mark.parametrize(
    ("text", "words", "year", "m1", "m2"),
    [
        ("مذاکرات هسته‌ای اواخر سال گذشته متوقف شد.", "اواخر سال گذشته", 1402, 9, 12),
        ("ساخت خط لوله اوایل سال آینده آغاز می‌شود.", "اوایل سال آینده", 1404, 1, 4),
        ("صادرات غیرنفتی در نیمه نخست سال جاری افزایش یافت.", "نیمه نخست سال جاری", 1403, 1, 6),
        ("در سه ماهه نخست امسال حجم مبادلات دو برابر شد.", "سه ماهه نخست امسال", 1403, 1, 3),
        # a Jalali season is a quarter of the Jalali year
        ("زمستان سال گذشته خط لوله چند بار از کار افتاد.", "زمستان سال گذشته", 1402, 10, 12),
    ],
)
def test_months_of_a_jalali_year_named_from_the_reference_day(
    icu: ModuleType,  # noqa: F811
    text: str,
    words: str,
    year: int,
    m1: int,
    m2: int,
) -> None:
    m = _only(text, "fa")
    first = icu_day(icu, "persian", year, m1, 1)
    after = icu_day(icu, "persian", year + m2 // 12, m2 % 12 + 1, 1)
    assert (m.text, m.start_date, m.end_date, m.precision) == (
        words, first.isoformat(), (after - dt.timedelta(days=1)).isoformat(), "part-of-year"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("published", "text", "words", "first", "last"),
    [
        # before September 2025 the last September is 2024's: the one before it is 2023's
        (PUB, "التقى الوزيران في سبتمبر قبل الماضي في الدوحة.", "سبتمبر قبل الماضي",
         (2023, 9, 1), (2023, 9, 30)),
        (PUB, "التقى الوزيران في 9 سبتمبر قبل الماضي.", "9 سبتمبر قبل الماضي", (2023, 9, 9), (2023, 9, 9)),
        (dt.date(2025, 10, 1), "التقى الوزيران في 9 سبتمبر قبل الماضي.", "9 سبتمبر قبل الماضي",
         (2024, 9, 9), (2024, 9, 9)),
    ],
)  # fmt: skip
def test_a_month_or_day_before_the_last(
    published: dt.date, text: str, words: str, first: Day, last: Day
) -> None:
    m = _only(text, "ar", published)
    expected = (words, dt.date(*first).isoformat(), dt.date(*last).isoformat())
    assert (m.text, m.start_date, m.end_date) == expected
    assert "before the last" in m.note


def test_a_gregorian_winter_of_a_named_year_is_left_to_the_year() -> None:
    # December to February runs into the next year: which winter is meant the words do not say
    (m,) = tag("وتوقفت المحادثات شتاء العام الماضي.", "ar", published=PUB)
    expected = ("العام الماضي", "2024-01-01", "2024-12-31", "year")
    assert (m.text, m.start_date, m.end_date, m.precision) == expected
