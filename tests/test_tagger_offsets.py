"""Times counted from the reference day (tagger/offsets.py): about N ago, the last N units, within N, tens."""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from _forms import icu as _icu_fixture
from _forms import icu_month
from _news_days import PUB
from _news_days import day_bounds as _days
from _news_days import gregorian_month as _gregorian_month
from _news_days import jalali_year as _jalali_year
from _news_days import only as _only
from mctimeline.tagger import tag

icu = _icu_fixture  # ICU, the independent reference (a fixture)


# --- an offset said with "about" --------------------------------------------------------------

WEEKS_AGO = [
    ("انطلقت المحادثات قبل نحو أسبوعين في جنيف.", "ar", "قبل نحو أسبوعين"),
    ("این قرارداد حدود دو هفته پیش امضا شد.", "fa", "حدود دو هفته پیش"),
    ("The talks began about two weeks ago in Geneva.", "en", "about two weeks ago"),
]


@pytest.mark.parametrize(("text", "lang", "words"), WEEKS_AGO)
def test_about_two_weeks_ago_is_the_days_around_it(text: str, lang: str, words: str) -> None:
    m = _only(text, lang)
    centre = PUB - dt.timedelta(weeks=2)
    bounds = _days(centre - dt.timedelta(days=3), centre + dt.timedelta(days=3))
    assert (m.text, (m.start_date, m.end_date), m.status) == (words, bounds, "inferred")
    assert m.note.startswith("approximate: about 2 weeks before")


def test_about_ten_days_ago() -> None:
    m = _only("این قرارداد تقریباً ۱۰ روز پیش امضا شد.", "fa")
    centre = PUB - dt.timedelta(days=10)
    assert (m.start_date, m.end_date) == _days(centre - dt.timedelta(days=2), centre + dt.timedelta(days=2))


@pytest.mark.parametrize(
    ("text", "lang", "words", "bounds", "precision"),
    [
        # three months before March: December; about it, November to January
        (
            "انطلقت المحادثات قبل حوالي ثلاثة أشهر في جنيف.",
            "ar",
            "قبل حوالي ثلاثة أشهر",
            (_gregorian_month(2024, 11)[0], _gregorian_month(2025, 1)[1]),
            "month",
        ),
        # about a month ago is never this month
        (
            "The talks began nearly a month ago in Geneva.",
            "en",
            "nearly a month ago",
            (_gregorian_month(2025, 1)[0], _gregorian_month(2025, 2)[1]),
            "month",
        ),
        (
            "انطلقت المحادثات منذ نحو عامين في جنيف.",
            "ar",
            "منذ نحو عامين",
            (dt.date(2022, 1, 1).isoformat(), dt.date(2024, 12, 31).isoformat()),
            "year",
        ),
    ],
)
def test_about_some_months_or_years_ago(
    text: str, lang: str, words: str, bounds: tuple[str, str], precision: str
) -> None:
    m = _only(text, lang)
    assert (m.text, (m.start_date, m.end_date), m.precision, m.status) == (
        words,
        bounds,
        precision,
        "inferred",
    )
    assert m.note.startswith("approximate: about")


def test_about_three_jalali_months_ago(icu: ModuleType) -> None:
    m = _only("این قرارداد حدود سه ماه قبل امضا شد.", "fa")  # Esfand 1403: Aban to Dey
    assert (m.start_date, m.end_date) == (
        icu_month(icu, "persian", 1403, 8)[0],
        icu_month(icu, "persian", 1403, 10)[1],
    )


@pytest.mark.parametrize(
    ("text", "lang", "words", "days"),
    [
        ("The talks began two weeks ago in Geneva.", "en", "two weeks ago", 14),
        # «نحو» is also 'towards': before a place it says nothing of the count
        ("توجه الوفد نحو موسكو قبل أسبوع.", "ar", "قبل أسبوع", 7),
    ],
)
def test_an_offset_without_about_is_one_day(text: str, lang: str, words: str, days: int) -> None:
    m = _only(text, lang)
    day = (PUB - dt.timedelta(days=days)).isoformat()
    assert (m.text, m.start_date, m.end_date) == (words, day, day)
    assert "approximate" not in m.note


# --- the last or next N units: a stretch of days up to or from the reference day ------------------


def _months_back(day: dt.date, n: int) -> dt.date:
    """The same day of the month n months earlier (n < 0: later), kept within the month."""
    y, m = divmod(day.year * 12 + day.month - 1 - n, 12)
    nxt = dt.date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1)
    return dt.date(y, m + 1, min(day.day, (nxt - dt.timedelta(days=1)).day))


@pytest.mark.parametrize(
    ("text", "lang", "words", "unit", "n"),
    [
        # read before as "next week" and as the 3rd of last month: wrong days
        ("قرارداد همکاری ظرف دو هفته آینده امضا می‌شود.", "fa", "دو هفته آینده", "week", 2),
        ("صادرات غیرنفتی در سه ماه گذشته دو برابر شد.", "fa", "سه ماه گذشته", "month", -3),
        ("حجم مبادلات دو کشور در دو سال اخیر افزایش یافت.", "fa", "دو سال اخیر", "year", -2),
        ("تصاعد التوتر على الحدود خلال الأسبوعين الماضيين.", "ar", "الأسبوعين الماضيين", "week", -2),
        ("تضاعف التبادل التجاري خلال الأشهر الثلاثة الماضية.", "ar", "الأشهر الثلاثة الماضية", "month", -3),
        ("يلتقي الوزيران خلال الأيام الثلاثة المقبلة في الدوحة.", "ar", "الأيام الثلاثة المقبلة", "day", 3),
        ("Trade between the two has doubled over the past two years.", "en", "past two years", "year", -2),
        ("The memorandum is expected to be signed in the next two weeks.", "en", "next two weeks", "week", 2),
    ],
)
def test_the_last_or_next_n_units(text: str, lang: str, words: str, unit: str, n: int) -> None:
    if unit in ("day", "week"):
        far = PUB + dt.timedelta(days=n * (7 if unit == "week" else 1))
    else:
        far = _months_back(PUB, -n * (12 if unit == "year" else 1))
    m = _only(text, lang)
    assert (m.text, (m.start_date, m.end_date)) == (words, _days(min(far, PUB), max(far, PUB)))


def test_months_back_helper() -> None:
    assert _months_back(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert _months_back(dt.date(2025, 3, 12), 3) == dt.date(2024, 12, 12)
    assert _months_back(dt.date(2025, 3, 12), -3) == dt.date(2025, 6, 12)


# --- within N units, ahead ------------------------------------------------------------------------

TWO_WEEKS_ON = PUB + dt.timedelta(weeks=2)
THREE_MONTHS_ON = dt.date(2025, 6, 12)  # PUB's day of the month, three months on


@pytest.mark.parametrize(
    ("text", "lang", "words", "last"),
    [
        ("يتوقع أن يتم توقيع الاتفاق في غضون أسبوعين.", "ar", "في غضون أسبوعين", TWO_WEEKS_ON),
        ("سيتم تشغيل المحطة خلال ثلاثة أشهر، بحسب وزير الطاقة.", "ar", "خلال ثلاثة أشهر", THREE_MONTHS_ON),
        ("هیئت روسی ظرف دو هفته به تهران خواهد آمد.", "fa", "ظرف دو هفته", TWO_WEEKS_ON),
        ("The deal will be signed within three months.", "en", "within three months", THREE_MONTHS_ON),
    ],
)
def test_within_n_units_ahead(text: str, lang: str, words: str, last: dt.date) -> None:
    m = _only(text, lang)
    bounds = (PUB.isoformat(), last.isoformat())
    assert (m.text, (m.start_date, m.end_date), m.status) == (words, bounds, "inferred")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # told of the past, a length from another day
        ("سيطر الجيش على المدينة في غضون أسبوعين.", "ar"),
        ("ارتش ظرف دو هفته شهر را تصرف کرد.", "fa"),
        ("The army took the city within two weeks.", "en"),
        # counted from something else
        ("سيتم التوقيع خلال أسبوعين من انتهاء المفاوضات.", "ar"),
    ],
)
def test_within_n_units_told_of_the_past_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=PUB) == []


# --- a count written as words; a number before the unit --------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "years"),
    [
        ("این قرارداد بیست سال پیش در مسکو امضا شده بود.", "بیست سال پیش", 20),
        ("این قرارداد سی و پنج سال پیش در مسکو امضا شد.", "سی و پنج سال پیش", 35),
    ],
)
def test_a_persian_count_of_tens(icu: ModuleType, text: str, words: str, years: int) -> None:
    m = _only(text, "fa")  # PUB is in 1403
    assert (m.text, (m.start_date, m.end_date)) == (words, _jalali_year(icu, 1403 - years))


@pytest.mark.parametrize(
    ("text", "lang", "words", "year"),
    [
        ("وقعت الاتفاقية الأولى بين البلدين قبل خمسة وعشرين عاما.", "ar", "قبل خمسة وعشرين عاما", 2000),
        ("The first treaty between them was signed twenty years ago.", "en", "twenty years ago", 2005),
    ],
)
def test_a_count_of_tens(text: str, lang: str, words: str, year: int) -> None:
    m = _only(text, lang)
    assert (m.text, m.start_date, m.end_date) == (words, f"{year}-01-01", f"{year}-12-31")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # read from the unit these were "last year" or "five years ago"
        ("این بنای تاریخی ۱۵۰ سال پیش ساخته شد.", "fa"),
        ("The bridge was built 150 years ago.", "en"),
        ("The treaty was signed twenty-five years ago.", "en"),
    ],
)
def test_a_count_not_read_whole_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=PUB) == []


# --- «دیگر» after a count with a present that goes on: a length, no day ---------------------------


def test_two_more_days_is_no_day() -> None:
    assert tag("مذاکرات دو روز دیگر ادامه دارد.", "fa", published=PUB) == []
