"""A day word of a month told before, an Arabic ordinal after a definite noun (tagger/points.py)."""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from _forms import icu as _icu_fixture
from _forms import icu_day
from _news_days import PUB
from mctimeline.tagger import tag

icu = _icu_fixture  # ICU, the independent reference (a fixture)


# --- a day written as a word, of «الشهر ذاته» ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "day"),
    [
        (
            "وصل الوفد الإيراني إلى موسكو في 3 مارس 2024 وغادرها في الخامس من الشهر ذاته.",
            "ar",
            "الخامس من الشهر ذاته",
            dt.date(2024, 3, 5),
        ),
        (
            "بدأت المحادثات في 3 مارس 2024 واستمرت حتى الحادي عشر من الشهر نفسه.",
            "ar",
            "الحادي عشر من الشهر نفسه",
            dt.date(2024, 3, 11),
        ),
        (
            "The delegation reached Moscow on March 3, 2024 and flew home on the 5th of the same month.",
            "en",
            "5th of the same month",
            dt.date(2024, 3, 5),
        ),
    ],
)
def test_a_day_of_the_same_month(text: str, lang: str, words: str, day: dt.date) -> None:
    first, second = tag(text, lang, published=PUB)
    assert first.start_date == "2024-03-03"
    assert (second.text, second.start_date, second.end_date, second.status) == (
        words,
        day.isoformat(),
        day.isoformat(),
        "ok",
    )


def test_a_persian_day_word_of_the_same_month(icu: ModuleType) -> None:
    text = "هیئت روز ۳ مهر ۱۴۰۲ وارد مسکو شد و پنجم همان ماه به تهران بازگشت."
    first, second = tag(text, "fa", published=PUB)
    assert first.start_date == icu_day(icu, "persian", 1402, 7, 3).isoformat()
    fifth = icu_day(icu, "persian", 1402, 7, 5).isoformat()
    assert (second.text, second.start_date) == ("پنجم همان ماه", fifth)


# --- an Arabic ordinal after a definite noun is that noun's ---------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "first", "last"),
    [
        # the first meeting of March, not 1 March: the month is all the words give
        ("وعقد الاجتماع الأول من مارس 2024 في موسكو.", "مارس 2024", "2024-03-01", "2024-03-31"),
        ("يعقد المنتدى الثالث من أبريل 2026 في قازان.", "أبريل 2026", "2026-04-01", "2026-04-30"),
        # a preposition, a weekday or «الموافق» before it: a day
        ("عقد الاجتماع في الأول من مارس 2024 في موسكو.", "الأول من مارس 2024", "2024-03-01", "2024-03-01"),
        (
            "عقد الاجتماع يوم الأحد الأول من مارس 2026 في موسكو.",
            "يوم الأحد الأول من مارس 2026",
            "2026-03-01",
            "2026-03-01",
        ),
        (
            "عقد الاجتماع يوم الجمعة الموافق الأول من مارس 2024.",
            "يوم الجمعة الموافق الأول من مارس 2024",
            "2024-03-01",
            "2024-03-01",
        ),
    ],
)
def test_an_ordinal_after_a_definite_noun(text: str, words: str, first: str, last: str) -> None:
    assert dt.date(2026, 3, 1).weekday() == 6 and dt.date(2024, 3, 1).weekday() == 4  # Sunday, Friday
    (m,) = tag(text, "ar", published=PUB)
    assert (m.text, m.start_date, m.end_date, m.status) == (words, first, last, "ok")


def test_an_ordinal_of_a_noun_is_no_day_of_the_same_month() -> None:
    text = "وصل الوفد في 3 مارس 2024 وعقد الاجتماع الأول من الشهر ذاته."
    assert [m.text for m in tag(text, "ar", published=PUB)] == ["3 مارس 2024"]
