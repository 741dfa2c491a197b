"""The publication day reaches the tagger: relative days and days without a year dated from it.

The passages are news as agencies write it: the day of the report is not in the text
(«أمس في موسكو», «دیروز», "yesterday"), only in the archive's metadata. Expected days
are worked out here with datetime arithmetic from the publication day.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mctimeline.mentions import Mention
from mctimeline.tagger import publication_day, tag

PUBLISHED = dt.date(2015, 8, 11)
ONE_DAY = dt.timedelta(days=1)

# An Arabic agency report, a Persian one typed with Arabic-form ي/ك, an English wire.
AR_REPORT = (
    "موسكو (رويترز) - التقى وزير الخارجية الروسي سيرغي لافروف نظيره السعودي عادل الجبير "
    "أمس في موسكو، وبحثا الأزمة السورية، على أن يلتقيا مجددا غدا في الدوحة."
)
FA_REPORT = (
    "به گزارش خبرگزاري جمهوري اسلامي، وزير امور خارجه ديروز در مسكو با همتاي روسي خود ديدار كرد "
    "و امروز وارد تهران شد."
)
EN_REPORT = "MOSCOW (Reuters) - Russian Foreign Minister Sergei Lavrov said yesterday that talks would go on."


def _by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


@pytest.mark.parametrize("published", [PUBLISHED, PUBLISHED.isoformat(), "2015-08-11T09:30+03:00"])
def test_arabic_yesterday_and_tomorrow_from_the_publication_day(published: object) -> None:
    found = _by_text(tag(AR_REPORT, published=published))  # type: ignore[arg-type]
    yesterday, tomorrow = found["أمس"], found["غدا"]
    assert AR_REPORT[yesterday.start : yesterday.end] == "أمس"
    assert yesterday.start_date == yesterday.end_date == (PUBLISHED - ONE_DAY).isoformat()
    assert tomorrow.start_date == (PUBLISHED + ONE_DAY).isoformat()
    # never `ok`: the day is not written, it is worked out; the note says from what
    assert yesterday.status == "inferred"
    assert "2015-08-11" in yesterday.note and "given" in yesterday.note


def test_persian_with_arabic_letters_and_english_from_the_publication_day() -> None:
    fa = _by_text(tag(FA_REPORT, published=PUBLISHED))
    assert fa["ديروز"].start_date == (PUBLISHED - ONE_DAY).isoformat()
    assert fa["امروز"].start_date == PUBLISHED.isoformat()
    (en,) = tag(EN_REPORT, published=PUBLISHED)
    assert (en.text, en.start_date) == ("yesterday", (PUBLISHED - ONE_DAY).isoformat())


def test_without_a_publication_day_relative_days_stay_undated() -> None:
    found = tag(AR_REPORT)
    assert [m.text for m in found] == ["أمس", "غدا"]
    for m in found:
        # honest: not `ok` (nothing was dated), not `inferred` (nothing to infer from)
        assert (m.start_date, m.end_date, m.status) == ("", "", "unresolved")
        assert "reference date" in m.note


def _nearest(month: int, day: int, published: dt.date) -> dt.date:
    candidates = [dt.date(published.year + k, month, day) for k in (-1, 0, 1)]
    return min(candidates, key=lambda d: (abs((d - published).days), d))


@pytest.mark.parametrize(
    ("published", "text", "month", "day"),
    [
        # a signing a month before the report
        (dt.date(2015, 8, 11), "وبحث الجانبان تنفيذ الاتفاق النووي الموقع في 14 يوليو في فيينا.", 7, 14),
        # a January report looking back to the previous July: the nearer July is the year before
        (dt.date(2015, 1, 5), "وبحث الجانبان تنفيذ الاتفاق الموقع في 14 يوليو في فيينا.", 7, 14),
        # a December report announcing a January meeting: the year after
        (dt.date(2015, 12, 20), "ومن المقرر أن يعقد الاجتماع المقبل في 10 يناير في جنيف.", 1, 10),
        (dt.date(2016, 3, 2), "The talks resumed on February 25 in Geneva, officials said.", 2, 25),
    ],
)
def test_a_day_without_a_year_takes_the_year_nearest_publication(
    published: dt.date, text: str, month: int, day: int
) -> None:
    (m,) = tag(text, published=published)
    expected = _nearest(month, day, published).isoformat()
    assert (m.start_date, m.end_date, m.status) == (expected, expected, "inferred")
    assert published.isoformat() in m.note


def test_a_jalali_day_without_a_year_takes_the_year_nearest_publication() -> None:
    # 1 Dey 1393 is 22 December 2014 (the Iranian calendar's tables), so 20 Dey 1393 is 2015-01-10;
    # a text of 2015-01-05 means that one, not 20 Dey 1392 or 1394, a year away.
    text = "رئيس جمهور روز ۲۰ دی در اجلاس سران در تهران سخنرانی خواهد کرد."
    (m,) = tag(text, published="2015-01-05")
    expected = (dt.date(2014, 12, 22) + dt.timedelta(days=19)).isoformat()
    assert (m.calendar, m.start_date, m.status) == ("jalali", expected, "inferred")


def test_a_year_written_in_the_text_still_decides() -> None:
    text = "وفي 3 مارس 2011 زار الوزير بغداد، ثم عاد إليها في 14 يوليو."
    found = _by_text(tag(text, published="2015-08-11"))
    assert found["14 يوليو"].start_date == "2011-07-14"


TODAY_TEXT = "قالت وزارة الدفاع اليوم الخميس 31 أكتوبر 2024 إن الوفد وصل أمس إلى موسكو."


def test_the_text_s_own_dated_today_is_used_and_named_when_no_day_is_given() -> None:
    found = _by_text(tag(TODAY_TEXT))
    assert found["أمس"].start_date == "2024-10-30"
    assert "pinned by «اليوم" in found["أمس"].note
    pub = publication_day(TODAY_TEXT, tag(TODAY_TEXT))
    assert pub is not None and (pub.day, pub.basis) == ("2024-10-31", "text")


def test_a_given_day_wins_over_the_text_s_and_says_so() -> None:
    given_day = dt.date(2024, 11, 1)  # the archive's date: the wire was filed the day after
    found = _by_text(tag(TODAY_TEXT, published=given_day))
    assert found["أمس"].start_date == (given_day - ONE_DAY).isoformat()
    # the reader is told the text itself says another day
    assert "given" in found["أمس"].note and "says 2024-10-31" in found["أمس"].note
    agreeing = _by_text(tag(TODAY_TEXT, published="2024-10-31"))["أمس"]
    assert "says" not in agreeing.note


def test_a_publication_day_that_is_not_iso_is_refused() -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        tag(AR_REPORT, published="11/08/2015")


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 2), max_value=dt.date(2100, 12, 30)))
def test_yesterday_and_tomorrow_are_one_day_either_side_of_any_publication_day(day: dt.date) -> None:
    found = _by_text(tag(AR_REPORT, published=day))
    assert dt.date.fromisoformat(found["أمس"].start_date) == day - ONE_DAY
    assert dt.date.fromisoformat(found["غدا"].start_date) == day + ONE_DAY
