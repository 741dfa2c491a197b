"""The tense around a yearless day or a counted offset (tagger/tense.py, tagger/offsets.py), and
the forms of issue 15 that had no test of their own: «بعد غد», «القادم», the bare next month
and last year, and the holidays of data/holidays.toml named in English with a year. From the
long tail of news reports too: a month or day the tense puts ahead while it still runs («سيوقع …
أواخر يناير» on 14 January), what is scheduled or timetabled in the present, an English future
before its participle, and a yearless range of days.

Composed passages in the style of news reports; expected days from `datetime` and ICU
(tests/_forms.py), never from the tagger.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from _forms import icu as _icu_fixture
from _forms import icu_day, icu_month
from _news_days import LAST_MONDAY, MID_JANUARY, PUB
from _news_days import day_bounds as _days
from _news_days import gregorian_month as _gregorian_month
from _news_days import only as _only
from mctimeline.tagger import tag

icu = _icu_fixture  # ICU, the independent reference (a fixture)


def test_the_publication_day_lies_where_the_expectations_assume(icu: ModuleType) -> None:
    assert PUB.weekday() == 2
    assert icu_day(icu, "persian", 1403, 12, 22) == PUB
    assert icu_day(icu, "islamic-umalqura", 1446, 9, 12) == PUB


def test_the_publication_days_lie_where_the_expectations_assume(icu: ModuleType) -> None:
    assert PUB.weekday() == 2 and MID_JANUARY.weekday() == 1
    assert icu_day(icu, "persian", 1403, 12, 1) <= PUB < icu_day(icu, "persian", 1404, 1, 1)
    assert icu_day(icu, "persian", 1403, 10, 1) <= MID_JANUARY < icu_day(icu, "persian", 1403, 11, 1)


# --- a Persian clause's verb after a yearless day ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        # 25 July is nearer ahead (135 days) than behind (230): only the done act puts it back
        ("قرارداد همکاری دو کشور در بیست‌وپنجم ژوئیه امضا شد.", "بیست‌وپنجم ژوئیه", dt.date(2024, 7, 25)),
        ("این دیدار ۱۰ مه در کاخ کرملین انجام شد.", "۱۰ مه", dt.date(2024, 5, 10)),
        ("این دیدار ۱۰ مه در کاخ کرملین انجام خواهد شد.", "۱۰ مه", dt.date(2025, 5, 10)),
        ("این دیدار ۱۰ مه در کاخ کرملین انجام می‌شود.", "۱۰ مه", dt.date(2025, 5, 10)),
    ],
)
def test_the_persian_verb_after_a_yearless_day(text: str, words: str, day: dt.date) -> None:
    assert (dt.date(2025, 7, 25) - PUB).days == 135
    m = _only(text, "fa")
    assert (m.text, m.start_date, m.status) == (words, day.isoformat(), "inferred")


def test_a_persian_pluperfect_is_done(icu: ModuleType) -> None:
    # 25 Azar 1403 is behind PUB; 25 Azar 1404 nine months ahead
    m = _only("هیئت ایرانی ۲۵ آذر به مسکو سفر کرده بود.", "fa")
    assert m.start_date == icu_day(icu, "persian", 1403, 9, 25).isoformat()


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("افتتح المعرض الدولي للطاقة في 30 نوفمبر بمشاركة شركات روسية.", dt.date(2024, 11, 30)),
        ("اختتمت أعمال المنتدى في 30 نوفمبر بإصدار بيان مشترك.", dt.date(2024, 11, 30)),
    ],
)
def test_more_arabic_verbs_of_a_done_act(text: str, day: dt.date) -> None:
    m = _only(text, "ar")
    assert m.start_date == day.isoformat()


# --- «بعد N» after a verb of a done act counts from what was narrated -----------------------------


def test_after_n_days_following_a_done_act_is_from_the_day_narrated() -> None:
    text = "وصل الوفد الإيراني إلى موسكو في 3 مارس 2024 وغادر العاصمة الروسية بعد يومين."
    first, later = tag(text, "ar", published=PUB)
    assert first.start_date == "2024-03-03"
    assert (later.text, later.start_date, later.status) == ("بعد يومين", "2024-03-05", "inferred")


def test_after_n_years_from_a_month_narrated() -> None:
    # counted from the publication day this was 2027
    text = "بدأ تنفيذ المشروع في 7/2016 وانتهى بعد عامين."
    _, later = tag(text, "ar", published=PUB)
    assert (later.text, later.start_date, later.end_date) == ("بعد عامين", "2018-01-01", "2018-12-31")
    assert "the month narrated just before it" in later.note


def test_after_n_months_from_a_month_narrated_in_a_sentence_a_past_verb_opens() -> None:
    text = "عقدت القمة الأولى في يناير 2024، والثانية بعد ستة أشهر."
    _, later = tag(text, "ar", published=PUB)
    assert (later.start_date, later.end_date) == ("2024-07-01", "2024-07-31")


def test_months_after_a_jalali_month_narrated(icu: ModuleType) -> None:
    text = "نخستین نشست در دی ۱۴۰۲ و دومین نشست شش ماه بعد برگزار شد."
    _, later = tag(text, "fa", published=PUB)
    tir = icu_month(icu, "persian", 1403, 4)
    assert (later.text, (later.start_date, later.end_date)) == ("شش ماه بعد", tir)


def test_days_after_a_month_narrated_are_not_dated() -> None:
    _, later = tag("وصل الوفد في يناير 2024 وغادر بعد يومين.", "ar", published=PUB)
    assert (later.start_date, later.status) == ("", "unresolved")


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("يعود الوفد إلى طهران بعد يومين.", "ar", "بعد يومين"),
        ("The delegation returns to Tehran in two days.", "en", "in two days"),
    ],
)
def test_after_n_days_in_the_present_is_from_the_reference_day(text: str, lang: str, words: str) -> None:
    m = _only(text, lang)
    assert (m.text, m.start_date) == (words, (PUB + dt.timedelta(days=2)).isoformat())


# --- examples of issue 15 with no test of their own -------------------------------------------------

FRIDAY, SUNDAY = "2025-03-14", "2025-03-16"


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        ("يصل وزير الخارجية الروسي إلى طهران بعد غد.", "ar", "بعد غد", FRIDAY, FRIDAY),
        # PUB is a Wednesday: the coming Sunday is four days on
        ("تعقد الجولة المقبلة من المحادثات الأحد القادم.", "ar", "الأحد القادم", SUNDAY, SUNDAY),
        ("تعقد اللجنة المشتركة اجتماعها الشهر المقبل.", "ar", "الشهر المقبل", "2025-04-01", "2025-04-30"),
        ("ارتفع التبادل التجاري بين البلدين العام الماضي.", "ar", "العام الماضي", "2024-01-01", "2024-12-31"),
    ],
)
def test_issue_examples_without_a_test(text: str, lang: str, words: str, first: str, last: str) -> None:
    assert dt.date(2025, 3, 16).weekday() == 6
    m = _only(text, lang)
    assert (m.text, m.start_date, m.end_date, m.status) == (words, first, last, "inferred")


def test_next_month_in_persian(icu: ModuleType) -> None:
    # PUB is in Esfand 1403: the next month is Farvardin 1404
    m = _only("نشست کمیسیون مشترک ماه آینده در تهران برگزار می‌شود.", "fa")
    assert (m.text, (m.start_date, m.end_date)) == ("ماه آینده", icu_month(icu, "persian", 1404, 1))


@pytest.mark.parametrize(
    ("text", "kind", "ymd"),
    [
        ("The two presidents spoke by phone on Nowruz 2024.", "persian", (1403, 1, 1)),
        ("Families gathered on Yalda 2021, the longest night.", "persian", (1400, 9, 30)),
        ("The ceasefire was agreed before Eid al-Fitr 2022.", "islamic-umalqura", (1443, 10, 1)),
        ("Mourners filled the streets on Ashura 2020.", "islamic-umalqura", (1442, 1, 10)),
    ],
)
def test_english_holidays_with_a_year(
    icu: ModuleType, text: str, kind: str, ymd: tuple[int, int, int]
) -> None:
    m = _only(text, "en")
    day = icu_day(icu, kind, *ymd).isoformat()
    assert (m.start_date, m.end_date, m.status) == (day, day, "ok")


def test_a_hijri_month_with_a_gregorian_year_in_english(icu: ModuleType) -> None:
    # the Ramadan that falls in 2021 is 1442's
    m = _only("Trade fell during Ramadan 2021.", "en")
    assert (m.start_date, m.end_date) == icu_month(icu, "islamic-umalqura", 1442, 9)


def test_a_done_act_with_its_object_pronoun() -> None:
    text = "وصل الوفد الإيراني إلى موسكو في 3 مارس 2024 وغادرها بعد يومين."
    _, later = tag(text, "ar", published=PUB)
    assert (later.text, later.start_date) == ("بعد يومين", "2024-03-05")


# --- a weekday written beside a yearless day picks between the two years around it ---------------


def test_the_weekday_picks_the_year_the_day_fits() -> None:
    # 10 November is nearer behind PUB (2024, a Sunday) than ahead (2025, a Monday)
    assert dt.date(2024, 11, 10).weekday() == 6 and dt.date(2025, 11, 10).weekday() == 0
    m = _only("القمة يوم الاثنين 10 نوفمبر في موسكو.", "ar")
    assert (m.start_date, m.status) == ("2025-11-10", "inferred")
    assert "is a Monday in 2025, not in 2024" in m.note


@pytest.mark.parametrize(
    "text",
    [
        # a done act allows no day ahead, and the one behind does not fit: flagged, not moved
        "عقدت القمة يوم الاثنين 10 نوفمبر في موسكو.",
        # a day of the report's own week keeps its date and is flagged (a slip of the weekday)
        "وصل الوفد يوم الأربعاء 11 مارس.",
    ],
)
def test_a_weekday_the_allowed_year_does_not_fit_is_a_conflict(text: str) -> None:
    assert _only(text, "ar").status == "conflict"


# --- the tense puts it ahead, and the month or day still runs --------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "bounds", "role"),
    [
        # on 14 January, "by the end of January" is this month's end, still to come
        (
            "يعتزم البلدان توقيع الاتفاقية بحلول نهاية يناير.",
            "ar",
            "نهاية يناير",
            _gregorian_month(2025, 1),
            "by",
        ),
        (
            "Both sides plan to sign the treaty by the end of January.",
            "en",
            "end of January",
            _gregorian_month(2025, 1),
            "by",
        ),
        ("ستعقد الجولة المقبلة من المحادثات في يناير في مسقط.", "ar", "يناير", _gregorian_month(2025, 1), ""),
        (
            "ستعقد الجولة المقبلة من المحادثات في 20 يناير في مسقط.",
            "ar",
            "20 يناير",
            _days(dt.date(2025, 1, 20), dt.date(2025, 1, 20)),
            "",
        ),
        # the 10th has passed: the coming one is next year's
        (
            "ستعقد الجولة المقبلة من المحادثات في 10 يناير في مسقط.",
            "ar",
            "10 يناير",
            _days(dt.date(2026, 1, 10), dt.date(2026, 1, 10)),
            "",
        ),
        # «المقبل» said in January: the next January, not this one
        ("ستعقد الجولة المقبلة في يناير المقبل.", "ar", "يناير المقبل", _gregorian_month(2026, 1), ""),
    ],
)
def test_a_coming_month_or_day_that_still_runs(
    text: str, lang: str, words: str, bounds: tuple[str, str], role: str
) -> None:
    m = _only(text, lang, MID_JANUARY)
    assert (m.text, (m.start_date, m.end_date), m.status, m.role) == (words, bounds, "inferred", role)


def test_a_jalali_month_that_still_runs(icu: ModuleType) -> None:
    m = _only("این قرارداد تا پایان دی به امضا خواهد رسید.", "fa", MID_JANUARY)
    assert (m.text, (m.start_date, m.end_date), m.role) == (
        "پایان دی",
        icu_month(icu, "persian", 1403, 10),
        "until",
    )


# --- an Arabic report gives what is scheduled in the present tense -----------------------------

# 30 November lies 102 days before PUB and 263 days after it: only the tense makes it the coming one
LAST_30_NOVEMBER = dt.date(2024, 11, 30)
NEXT_30_NOVEMBER = dt.date(2025, 11, 30)


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        (
            "يتوجه وزير الخارجية إلى موسكو في 30 نوفمبر لإجراء محادثات مع نظيره الروسي.",
            "30 نوفمبر",
            NEXT_30_NOVEMBER,
        ),
        ("تنطلق أعمال المنتدى في 30 نوفمبر بمشاركة وفود من أربعين دولة.", "30 نوفمبر", NEXT_30_NOVEMBER),
        # the past tense of the same verb: the last one
        (
            "توجه وزير الخارجية إلى موسكو في 30 نوفمبر لإجراء محادثات مع نظيره الروسي.",
            "30 نوفمبر",
            LAST_30_NOVEMBER,
        ),
        # PUB is a Wednesday: the coming Thursday is the next day, the last one a week before it
        ("يلتقي الوزيران الخميس في موسكو لبحث الملف النووي.", "الخميس", PUB + dt.timedelta(days=1)),
        ("التقى الوزيران الخميس في موسكو لبحث الملف النووي.", "الخميس", PUB - dt.timedelta(days=6)),
        (
            "تعقد اللجنة المشتركة اجتماعها بعد ظهر يوم الاثنين في طهران.",
            "ظهر يوم الاثنين",
            PUB + dt.timedelta(days=5),
        ),
    ],
)
def test_an_arabic_present_tense_schedules(text: str, words: str, day: dt.date) -> None:
    assert LAST_30_NOVEMBER.weekday() == 5 and (PUB - LAST_30_NOVEMBER).days == 102
    assert (PUB + dt.timedelta(days=5)).weekday() == 0 and (PUB + dt.timedelta(days=1)).weekday() == 3
    m = _only(text, "ar")
    iso = day.isoformat()
    assert (m.text, m.start_date, m.end_date, m.status) == (words, iso, iso, "inferred")


# --- an English future before its participle ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The agreement will be signed on Monday in Moscow.", dt.date(2025, 3, 17)),
        ("The agreement is expected to be signed on Monday.", dt.date(2025, 3, 17)),
        ("The agreement was signed on Monday in Moscow.", LAST_MONDAY),
        # the future is another act's, set off by commas
        ("Officials said the deal, which will be signed in Moscow, was agreed on Monday.", LAST_MONDAY),
    ],
)
def test_an_english_future_before_its_participle(text: str, day: dt.date) -> None:
    assert day.weekday() == 0
    m = _only(text, "en")
    assert (m.start_date, m.status) == (day.isoformat(), "inferred")


def test_what_is_expected_in_arabic_is_ahead() -> None:
    m = _only("من المتوقع أن يصل الوفد الروسي إلى طهران الخميس.", "ar")
    assert (m.text, m.start_date) == ("الخميس", (PUB + dt.timedelta(days=1)).isoformat())


# --- a yearless range of days takes the tense and direction as one day does ---------------------

# PUB is 12 March 2025: the October before lies 141 days back, the one after 224 days ahead
OCTOBER_BEFORE, OCTOBER_AFTER = ("2024-10-22", "2024-10-24"), ("2025-10-22", "2025-10-24")


@pytest.mark.parametrize(
    ("text", "lang", "bounds"),
    [
        ("ستعقد القمة من 22 إلى 24 أكتوبر في قازان.", "ar", OCTOBER_AFTER),
        ("تعقد القمة في الفترة من 22 إلى 24 أكتوبر المقبل.", "ar", OCTOBER_AFTER),
        ("The summit will be held from 22 to 24 October in Kazan.", "en", OCTOBER_AFTER),
        ("عقدت القمة من 22 إلى 24 أكتوبر في قازان.", "ar", OCTOBER_BEFORE),
        ("The summit was held from 22 to 24 October in Kazan.", "en", OCTOBER_BEFORE),
    ],
)
def test_a_yearless_range_of_days_takes_the_tense(text: str, lang: str, bounds: tuple[str, str]) -> None:
    assert (dt.date(2025, 10, 22) - PUB).days == 224 and (PUB - dt.date(2024, 10, 22)).days == 141
    m = _only(text, lang)
    assert ((m.start_date, m.end_date), m.status) == (bounds, "inferred")


def test_a_jalali_yearless_range_ahead(icu: ModuleType) -> None:
    m = _only("این نشست از ۲۲ تا ۲۴ مهر در قزان برگزار خواهد شد.", "fa")
    first, last = icu_day(icu, "persian", 1404, 7, 22), icu_day(icu, "persian", 1404, 7, 24)
    assert (m.start_date, m.end_date) == (first.isoformat(), last.isoformat())


# --- what is timetabled in the present; «دیگر» ahead ----------------------------------------------

NEXT_FRIDAY = PUB + dt.timedelta(days=2)
NEXT_SATURDAY = NEXT_FRIDAY + dt.timedelta(days=1)
IN_THREE_DAYS = PUB + dt.timedelta(days=3)
NEW_YEAR = dt.date(2026, 1, 1)
WEEK = dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        ("The ceasefire ends at midnight on Friday.", "en", "on Friday", NEXT_FRIDAY, NEXT_FRIDAY),
        ("تنتهي الهدنة منتصف ليل الجمعة بحسب الوسطاء.", "ar", "ليل الجمعة", NEXT_FRIDAY, NEXT_FRIDAY),
        # Friday and Saturday, the Arabic weekend, of this week
        ("تستمر المحادثات في مسقط حتى نهاية الأسبوع.", "ar", "نهاية الأسبوع", NEXT_FRIDAY, NEXT_SATURDAY),
        ("The new tariff takes effect on January 1.", "en", "January 1", NEW_YEAR, NEW_YEAR),
        ("هیئت روسی سه روز دیگر وارد تهران می‌شود.", "fa", "سه روز دیگر", IN_THREE_DAYS, IN_THREE_DAYS),
    ],
)
def test_what_is_timetabled_looks_ahead(
    text: str, lang: str, words: str, first: dt.date, last: dt.date
) -> None:
    assert NEXT_FRIDAY.weekday() == 4
    m = _only(text, lang)
    assert (m.text, m.start_date, m.end_date) == (words, first.isoformat(), last.isoformat())


@pytest.mark.parametrize(
    ("text", "lang", "words", "day"),
    [
        # the past tense keeps the last ones
        ("The ceasefire ended at midnight on Friday.", "en", "on Friday", NEXT_FRIDAY - WEEK),
        ("استمرت المحادثات حتى نهاية الأسبوع.", "ar", "نهاية الأسبوع", NEXT_FRIDAY - WEEK),
    ],
)
def test_what_was_timetabled_looks_back(text: str, lang: str, words: str, day: dt.date) -> None:
    m = _only(text, lang)
    assert (m.text, m.start_date) == (words, day.isoformat())


def test_an_arabic_dual_future() -> None:
    m = _only("وقال المتحدث إن الوزيرين سيلتقيان الخميس في موسكو.", "ar")
    assert (m.text, m.start_date) == ("الخميس", (PUB + dt.timedelta(days=1)).isoformat())
