"""Dating against a reference day: relative days, years not written, and honest statuses.

Passages are composed in the style of agency reports; expected days come from `datetime`
arithmetic on the publication day (and the core's own conversions for other calendars),
never from the tagger.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mctimeline import calendars
from mctimeline.mentions import Mention
from mctimeline.tagger import tag
from mctimeline.tagger.years import year_near

PUB = dt.date(2015, 8, 11)  # a Tuesday
DAY = dt.timedelta(days=1)


def _by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def test_the_publication_day_is_a_tuesday() -> None:
    assert PUB.weekday() == 1


# --- years not written -------------------------------------------------------------------------

# A report that recalls an old year in its first paragraph and then names a day without one.
RECALL = (
    "وكانت الجولة الأولى من المحادثات قد عقدت في جنيف عام 2013 دون نتائج تذكر.\n"
    "وأعلن المتحدث أن الجولة المقبلة ستعقد في 9 سبتمبر في مسقط."
)


def test_a_year_of_another_paragraph_is_not_borrowed() -> None:
    m = _by_text(tag(RECALL))["9 سبتمبر"]
    # before: 2013-09-09 marked inferred from «عام 2013»; a wrong year is the worst bug
    assert "2013" not in m.start_date
    assert (m.start_date, m.status) == ("", "unresolved")


def test_with_a_publication_day_the_yearless_day_is_the_nearest_occurrence() -> None:
    m = _by_text(tag(RECALL, published=PUB))["9 سبتمبر"]
    assert (m.start_date, m.status) == (dt.date(PUB.year, 9, 9).isoformat(), "inferred")
    assert "publication date 2015-08-11" in m.note


def test_a_year_in_the_same_sentence_is_borrowed() -> None:
    text = "وصل الوفد في 3 مارس ثم وقع الاتفاق في 12 أبريل 2014 بحضور الوزراء."
    m = _by_text(tag(text, published=PUB))["3 مارس"]
    assert (m.start_date, m.status) == ("2014-03-03", "inferred")


def test_the_text_s_own_dated_today_dates_a_yearless_day_of_another_paragraph() -> None:
    text = (
        "قال وزير الخارجية اليوم الخميس 31 أكتوبر 2024 إن بلاده مستعدة للحوار.\n"
        "وكان الوزير قد التقى نظيره في 3 سبتمبر في الرياض."
    )
    m = _by_text(tag(text))["3 سبتمبر"]
    ref = dt.date(2024, 10, 31)
    nearest = min((dt.date(y, 9, 3) for y in (2023, 2024, 2025)), key=lambda d: abs((d - ref).days))
    assert (m.start_date, m.status) == (nearest.isoformat(), "inferred")
    assert "pinned by" in m.note


def test_a_jalali_yearless_day_is_nearest_the_publication_day_in_its_own_calendar() -> None:
    text = "به گزارش ایرنا، نشست بعدی کمیسیون مشترک ۱۸ آبان در تهران برگزار می‌شود."
    (m,) = tag(text, published=PUB)
    jalali_pub = calendars.from_gregorian(PUB, "jalali")
    expected = calendars.span("jalali", jalali_pub.year, 8, 18).start  # Aban 18 of this Jalali year
    assert (m.start_date, m.status) == (expected.isoformat(), "inferred")


@given(
    st.dates(dt.date(1950, 1, 1), dt.date(2080, 12, 31)),
    st.integers(1, 12),
    st.integers(1, 28),
    st.sampled_from([-1, 0, 1]),
)
def test_year_near_picks_the_occurrence_the_direction_asks_for(
    ref: dt.date, month: int, day: int, way: int
) -> None:
    year = year_near("gregorian", month, day, ref, way)
    assert year is not None
    got = dt.date(year, month, day)
    others = [dt.date(y, month, day) for y in (year - 1, year + 1)]
    if way < 0:
        assert got < ref and all(o >= ref or o < got for o in others)
    elif way > 0:
        assert got > ref and all(o <= ref or o > got for o in others)
    else:
        assert all(abs((got - ref).days) <= abs((o - ref).days) for o in others)


# --- relative days -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "offset"),
    [
        ("قال الوزير أول أمس إن المفاوضات مستمرة.", "أول أمس", -2),
        ("وزیر خارجه پریروز در نشست خبری گفت مذاکرات ادامه دارد.", "پریروز", -2),
        ("The minister said yesterday that talks would resume.", "yesterday", -1),
    ],
)
def test_relative_days_read_whole(text: str, words: str, offset: int) -> None:
    m = _by_text(tag(text, published=PUB))[words]
    assert (m.start_date, m.status) == ((PUB + offset * DAY).isoformat(), "inferred")
