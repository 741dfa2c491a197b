"""The tense around a yearless day or a counted offset (tagger/tense.py, tagger/offsets.py), and
the forms of issue 15 that had no test of their own: «بعد غد», «القادم», the bare next month
and last year, and the holidays of data/holidays.toml named in English with a year.

Composed passages in the style of news reports; expected days from `datetime` and ICU
(tests/_forms.py), never from the tagger.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from _forms import icu as _icu_fixture
from _forms import icu_day, icu_month
from mctimeline.mentions import Mention
from mctimeline.tagger import tag

icu = _icu_fixture  # ICU, the independent reference (a fixture)

PUB = dt.date(2025, 3, 12)  # a Wednesday; 22 Esfand 1403, 12 Ramadan 1446


def _only(text: str, lang: str) -> Mention:
    (m,) = tag(text, lang, published=PUB)
    return m


def test_the_publication_day_lies_where_the_expectations_assume(icu: ModuleType) -> None:
    assert PUB.weekday() == 2
    assert icu_day(icu, "persian", 1403, 12, 22) == PUB
    assert icu_day(icu, "islamic-umalqura", 1446, 9, 12) == PUB


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
