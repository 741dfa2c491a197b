"""The current and the recent, named from the reference day (tagger/deixis.py): «3 الجاري», "this past"."""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from _forms import icu as _icu_fixture
from _forms import icu_day
from _news_days import PUB
from _news_days import day_bounds as _days
from _news_days import only as _only
from mctimeline.tagger import tag

icu = _icu_fixture  # ICU, the independent reference (a fixture)


# --- a holiday after last or next; recent days ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        (
            "The two ministers last met in person last Christmas in Geneva.",
            "last Christmas",
            dt.date(2024, 12, 25),
        ),
        (
            "A new round of talks may follow next Christmas, the envoy said.",
            "next Christmas",
            dt.date(2025, 12, 25),
        ),
    ],
)
def test_last_or_next_christmas(text: str, words: str, day: dt.date) -> None:
    m = _only(text, "en")
    assert (m.text, m.start_date, m.end_date, m.status) == (
        words,
        day.isoformat(),
        day.isoformat(),
        "inferred",
    )


def test_last_nowruz(icu: ModuleType) -> None:
    m = _only("The envoy visited Tehran last Nowruz.", "en")
    day = icu_day(icu, "persian", 1403, 1, 1).isoformat()  # the last 1 Farvardin before March 12
    assert (m.text, m.start_date) == ("last Nowruz", day)


def test_christmas_with_neither_is_left_alone() -> None:
    assert tag("The ministers met at Christmas in Geneva.", "en", published=PUB) == []


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("جرت اتصالات مكثفة بين الجانبين خلال الأيام القليلة الماضية.", "ar", "خلال الأيام القليلة الماضية"),
        ("مذاکرات دو طرف طی روزهای گذشته ادامه داشت.", "fa", "طی روزهای گذشته"),
    ],
)
def test_recent_days_are_a_few_days_before(text: str, lang: str, words: str) -> None:
    m = _only(text, lang)
    bounds = _days(PUB - dt.timedelta(days=10), PUB - dt.timedelta(days=1))
    assert (m.text, (m.start_date, m.end_date), m.status) == (words, bounds, "inferred")
    assert m.note.startswith("approximate: a few days before")


def test_a_few_days_before_something_else_is_no_date() -> None:
    text = "زار لافروف طهران في أكتوبر 2024، قبل أيام من قمة بريكس في قازان."
    assert [m.text for m in tag(text, "ar", published=PUB)] == ["أكتوبر 2024"]


# --- a day of the current month with «الشهر» left out; this week's end; "this past" ----------


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        ("انعقدت القمة الثلاثية في 3 الجاري بمشاركة وزراء الخارجية.", "3 الجاري", 3),
        ("وكان الرئيسان قد التقيا في الخامس من الجاري على هامش المنتدى.", "الخامس من الجاري", 5),
    ],
)
def test_a_day_of_the_current_month_left_unnamed(text: str, words: str, day: int) -> None:
    m = _only(text, "ar")
    assert (m.text, m.start_date, m.end_date) == (words, f"2025-03-{day:02d}", f"2025-03-{day:02d}")


def test_the_current_school_year_is_no_month() -> None:
    assert tag("بدأ العام الدراسي الجاري بتأخير.", "ar", published=PUB) == []


def test_the_end_of_the_current_week_is_this_weeks_weekend() -> None:
    # an Arabic weekend is read as Friday and Saturday; this week's is still to come on a Wednesday
    m = _only("تنتهي المهلة الممنوحة للأطراف نهاية الأسبوع الجاري.", "ar")
    friday = PUB + dt.timedelta(days=(4 - PUB.weekday()) % 7)
    saturday = friday + dt.timedelta(days=1)
    assert (m.text, (m.start_date, m.end_date)) == ("نهاية الأسبوع الجاري", _days(friday, saturday))


@pytest.mark.parametrize(
    ("text", "words", "first", "last"),
    [
        ("The talks took place in Muscat this past weekend.", "this past weekend", 5, 6),
        ("The ministers spoke by phone this past Sunday.", "this past Sunday", 6, 6),
    ],
)
def test_this_past(text: str, words: str, first: int, last: int) -> None:
    monday = PUB - dt.timedelta(days=PUB.weekday() + 7)  # of last week
    m = _only(text, "en")
    bounds = _days(monday + dt.timedelta(days=first), monday + dt.timedelta(days=last))
    assert (m.text, (m.start_date, m.end_date)) == (words, bounds)
