"""Rules 8 and 9 of mctimeline.events: a coarser date joins the one day it holds; nearby days flagged.

Composed news passages in fa, ar and en; the mentions are made by hand at the words' offsets,
with their bounds from datetime (a Jalali day counted from 1 Farvardin 1403 = 20 March 2024).
"""

from __future__ import annotations

import datetime as dt

import pytest

from mctimeline.events import DISAGREE_DAYS, Event, mention_id
from test_events_context import _at, _build, _day, _month, _year

SIGNED = dt.date(2025, 3, 14)

# --- rule 8: a month or year of one text joins the one day event of another it holds ---------

DAY_FA = "وزیران خارجه ایران و ترکیه روز ۱۴ مارس ۲۰۲۵ در آنکارا توافق‌نامه همکاری تجاری را امضا کردند."
MONTH_AR = "وكانت إيران وتركيا قد وقعتا اتفاقية التعاون التجاري في أنقرة في مارس الماضي."
YEAR_EN = "Iran and Turkey signed the trade cooperation agreement in Ankara in 2025."
OTHER_DAY_EN = "Iran and Turkey signed an energy agreement in Ankara on March 27, 2025."


def _march(text: str, words: str, **kw: str) -> object:
    return _at(text, words, dt.date(2025, 3, 1), dt.date(2025, 3, 31), "month", **kw)


def test_a_month_and_a_year_join_the_one_signing_day_they_hold_and_it_keeps_its_day_and_id() -> None:
    day = _day(DAY_FA, "۱۴ مارس ۲۰۲۵", SIGNED)
    # «مارس الماضي» in a text published in June 2025: a month counted from the publication.
    month = _march(MONTH_AR, "مارس الماضي", calendar="relative", status="inferred")
    year = _year(YEAR_EN, "2025", 2025)
    docs = [("irna", DAY_FA, [day]), ("sabah", MONTH_AR, [month]), ("wire", YEAR_EN, [year])]
    events, recs, event_of = _build(*docs)
    (signing,) = events
    assert (signing.start_date, signing.end_date, signing.edtf) == (SIGNED.isoformat(),) * 3
    assert (signing.precision, signing.source_count, signing.status) == ("day", 3, "confirmed")
    assert event_of[mention_id("sabah", month)] == event_of[mention_id("wire", year)] == signing.event_id
    # The coarser mentions say they were joined, and why; the day's id is the one it has alone.
    joined = {r.mention_id: r for r in recs if r.kind == "period-joined"}
    assert set(joined) == {mention_id("sabah", month), mention_id("wire", year)}
    assert all(r.event_id == signing.event_id and r.kept == SIGNED.isoformat() for r in joined.values())
    assert "«مارس الماضي»" in joined[mention_id("sabah", month)].diagnosis
    (alone,), _, _ = _build(docs[0])
    assert alone.event_id == signing.event_id
    # Whatever the order of the texts.
    again, again_recs, _ = _build(*reversed(docs))
    assert again == events and sorted(again_recs, key=lambda r: r.reconciliation_id) == recs


def test_a_month_holding_two_signing_days_joins_neither_and_says_so() -> None:
    day = _day(DAY_FA, "۱۴ مارس ۲۰۲۵", SIGNED)
    other = _day(OTHER_DAY_EN, "March 27, 2025", dt.date(2025, 3, 27))
    month = _march(MONTH_AR, "مارس الماضي", calendar="relative", status="inferred")
    events, recs, event_of = _build(
        ("irna", DAY_FA, [day]), ("wire", OTHER_DAY_EN, [other]), ("sabah", MONTH_AR, [month])
    )
    assert len(events) == 3 and all(e.source_count == 1 for e in events)
    by_id = {e.event_id: e for e in events}
    assert by_id[event_of[mention_id("sabah", month)]].edtf == "2025-03?"
    (row,) = [r for r in recs if r.kind == "period-ambiguous"]
    assert row.mention_id == mention_id("sabah", month)
    for source, m in (("irna", day), ("wire", other)):
        assert event_of[mention_id(source, m)] in row.diagnosis
    # A note, not a disagreement: the month's status is its own (inferred), not conflict.
    assert by_id[row.event_id].status == "inferred"
    assert not [r for r in recs if r.kind in ("period-joined", "sources-disagree")]


@pytest.mark.parametrize(
    ("text", "words", "why"),
    [
        ("ووقعت إيران والعراق اتفاقية تجارية في مارس 2025.", "مارس 2025", "other actors"),
        ("ووقعت إيران وتركيا اتفاقية تجارية في طهران في مارس 2025.", "مارس 2025", "another place"),
        ("واندلعت اشتباكات على حدود إيران وتركيا في مارس 2025.", "مارس 2025", "another kind"),
    ],
)
def test_a_month_that_does_not_agree_with_the_day_joins_nothing(text: str, words: str, why: str) -> None:
    day = _day(DAY_FA, "۱۴ مارس ۲۰۲۵", SIGNED)
    month = _month(text, words, 2025, 3)
    events, recs, event_of = _build(("irna", DAY_FA, [day]), ("other", text, [month]))
    assert len(events) == 2, why
    assert event_of[mention_id("other", month)] != event_of[mention_id("irna", day)]
    assert not [r for r in recs if r.kind.startswith("period-")], why


def test_a_since_month_joins_no_day() -> None:
    text = "وتتعاون إيران وتركيا في أنقرة منذ مارس 2025 وفق اتفاقية تجارية."
    day = _day(DAY_FA, "۱۴ مارس ۲۰۲۵", SIGNED)
    since = _at(text, "مارس 2025", dt.date(2025, 3, 1), dt.date(2025, 3, 31), "month", role="since")
    events, recs, event_of = _build(("irna", DAY_FA, [day]), ("since", text, [since]))
    assert [e.source_count for e in events] == [1] and mention_id("since", since) not in event_of
    assert [r.kind for r in recs] == ["not-a-happening"]


def test_a_month_two_texts_name_and_no_day_stays_one_month_event() -> None:
    ar_text = MONTH_AR.replace("مارس الماضي", "مارس 2025")
    ar = _month(ar_text, "مارس 2025", 2025, 3)
    fa_text = "ایران و ترکیه در مارس ۲۰۲۵ در آنکارا توافق‌نامه تجاری امضا کردند."
    fa = _month(fa_text, "مارس ۲۰۲۵", 2025, 3)
    events, recs, _ = _build(("sabah", ar_text, [ar]), ("isna", fa_text, [fa]))
    (event,) = events
    assert (event.edtf, event.source_count) == ("2025-03", 2)
    assert not [r for r in recs if r.kind.startswith("period-")]


# --- rule 9: two events a day or a few apart that look like one happening are flagged ---------

JAN16_AR = "وقع وزيرا خارجية إيران وتركيا في أنقرة يوم 16 يناير 2025 اتفاقية للتعاون في مجال الطاقة."
JAN17_EN = (
    "The foreign ministers of Iran and Turkey signed an energy cooperation agreement in Ankara "
    "on January 17, 2025."
)
JAN17_FA = "وزیران خارجه ایران و ترکیه روز ۲۸ دی ۱۴۰۳ در آنکارا توافق‌نامه همکاری انرژی امضا کردند."
# 28 Dey 1403: Dey is the tenth month, after six of 31 days and three of 30.
DEY_28 = dt.date(2024, 3, 20) + dt.timedelta(days=6 * 31 + 3 * 30 + 27)


def _reports(sixteenth: str, day16: dt.date = dt.date(2025, 1, 16)) -> tuple[list, tuple[Event, ...], list]:
    words16 = next(w for w in ("16 يناير 2025", "12 يناير 2025") if w in sixteenth)
    m16 = _day(sixteenth, words16, day16)
    m17 = _day(JAN17_EN, "January 17, 2025", dt.date(2025, 1, 17))
    fa17 = _day(JAN17_FA, "۲۸ دی ۱۴۰۳", DEY_28, calendar="jalali")
    events, recs, event_of = _build(
        ("ahram", sixteenth, [m16]), ("wire", JAN17_EN, [m17]), ("isna", JAN17_FA, [fa17])
    )
    by_id = {e.event_id: e for e in events}
    early, late = by_id[event_of[mention_id("ahram", m16)]], by_id[event_of[mention_id("wire", m17)]]
    return events, (early, late), recs


def test_sources_a_day_apart_on_one_signing_are_kept_apart_and_flagged_on_both_events() -> None:
    assert dt.date(2025, 1, 17) == DEY_28
    events, (early, late), recs = _reports(JAN16_AR)
    assert len(events) == 2 and late.source_count == 2  # the 17th in English and in Persian: one event
    # No source's date is moved.
    assert (early.start_date, late.start_date) == ("2025-01-16", "2025-01-17")
    assert early.status == late.status == "conflict"
    rows = {r.event_id: r for r in recs if r.kind == "sources-disagree"}
    assert set(rows) == {early.event_id, late.event_id}
    # Each row names the other event and the other sources' words.
    assert late.event_id in rows[early.event_id].diagnosis
    assert "«January 17, 2025» (wire)" in rows[early.event_id].diagnosis
    assert "«۲۸ دی ۱۴۰۳» (isna)" in rows[early.event_id].diagnosis
    assert early.event_id in rows[late.event_id].diagnosis
    assert "«16 يناير 2025»" in rows[late.event_id].diagnosis
    assert rows[early.event_id].kept == "2025-01-16" and rows[late.event_id].kept == "2025-01-17"
    # The flags, like the events, do not depend on the order of the texts.
    m16 = _day(JAN16_AR, "16 يناير 2025", dt.date(2025, 1, 16))
    m17 = _day(JAN17_EN, "January 17, 2025", dt.date(2025, 1, 17))
    fa17 = _day(JAN17_FA, "۲۸ دی ۱۴۰۳", DEY_28, calendar="jalali")
    again, again_recs, _ = _build(
        ("isna", JAN17_FA, [fa17]), ("wire", JAN17_EN, [m17]), ("ahram", JAN16_AR, [m16])
    )
    assert again == events and again_recs == recs


@pytest.mark.parametrize(
    ("sixteenth", "day16", "why"),
    [
        (JAN16_AR.replace("وتركيا", "والعراق"), dt.date(2025, 1, 16), "other actors"),
        (JAN16_AR.replace("في أنقرة ", ""), dt.date(2025, 1, 16), "no place named"),
        ("التقى وزيرا خارجية إيران وتركيا في أنقرة يوم 16 يناير 2025.", dt.date(2025, 1, 16), "talks only"),
        (JAN16_AR.replace("16 يناير", "12 يناير"), dt.date(2025, 1, 12), f"more than {DISAGREE_DAYS} days"),
    ],
)
def test_reports_that_are_not_one_happening_are_not_flagged(
    sixteenth: str, day16: dt.date, why: str
) -> None:
    _, (early, late), recs = _reports(sixteenth, day16)
    assert early != late and early.start_date == day16.isoformat()
    assert not [r for r in recs if r.kind == "sources-disagree"], why
    assert "conflict" not in (early.status, late.status), why


def test_reports_that_name_no_place_are_not_flagged() -> None:
    # Without a scene, the same actors a day apart are as likely two happenings (a call, then a signing).
    texts = {
        "ahram": JAN16_AR.replace("في أنقرة ", ""),
        "wire": JAN17_EN.replace("in Ankara ", ""),
        "isna": JAN17_FA.replace("در آنکارا ", ""),
    }
    assert all("Ankara" not in t and "أنقرة" not in t and "آنکارا" not in t for t in texts.values())
    days = {"ahram": ("16 يناير 2025", dt.date(2025, 1, 16)), "wire": ("January 17, 2025", DEY_28)}
    days["isna"] = ("۲۸ دی ۱۴۰۳", DEY_28)
    cal = {"isna": "jalali"}
    docs = [
        (n, t, [_day(t, days[n][0], days[n][1], calendar=cal.get(n, "gregorian"))]) for n, t in texts.items()
    ]
    events, recs, _ = _build(*docs)
    assert sorted(e.start_date for e in events) == ["2025-01-16", "2025-01-17"]
    assert not [r for r in recs if r.kind == "sources-disagree"]
    assert all(e.status != "conflict" for e in events)


def test_an_outlet_that_reports_both_days_tells_them_apart() -> None:
    both = (
        "Iran and Turkey signed an energy cooperation agreement in Ankara on January 16, 2025. "
        "Iran and Turkey signed a transport agreement in Ankara on January 17, 2025."
    )
    m16 = _day(both, "January 16, 2025", dt.date(2025, 1, 16))
    m17 = _day(both, "January 17, 2025", dt.date(2025, 1, 17))
    ar16 = _day(JAN16_AR, "16 يناير 2025", dt.date(2025, 1, 16))
    fa17 = _day(JAN17_FA, "۲۸ دی ۱۴۰۳", DEY_28, calendar="jalali")
    events, recs, _ = _build(
        ("wire", both, [m16, m17]), ("ahram", JAN16_AR, [ar16]), ("isna", JAN17_FA, [fa17])
    )
    assert sorted((e.start_date, e.source_count) for e in events) == [("2025-01-16", 2), ("2025-01-17", 2)]
    assert not [r for r in recs if r.kind == "sources-disagree"]


# --- rule 8: of days a few apart, the month joins the one most sources tell; a day of words
# said is no candidate

SLIP_FA = "وزیران خارجه ایران و ترکیه روز ۱۳ مارس ۲۰۲۵ در آنکارا توافق‌نامه همکاری تجاری را امضا کردند."
SECOND_EN = "Iran and Turkey's ministers signed the trade cooperation agreement in Ankara on March 14, 2025."
SAID_EN = "On March 10, 2025, Turkey announced that it would sign a trade cooperation agreement with Iran."


def test_a_month_joins_the_day_most_sources_tell_over_a_slip_beside_it() -> None:
    day = _day(DAY_FA, "۱۴ مارس ۲۰۲۵", SIGNED)
    second = _day(SECOND_EN, "March 14, 2025", SIGNED)
    slip = _day(SLIP_FA, "۱۳ مارس ۲۰۲۵", SIGNED - dt.timedelta(days=1))
    month = _march(MONTH_AR, "مارس الماضي", calendar="relative", status="inferred")
    said = _day(SAID_EN, "March 10, 2025", dt.date(2025, 3, 10))
    events, recs, event_of = _build(
        ("irna", DAY_FA, [day]),
        ("wire", SECOND_EN, [second]),
        ("tasnim", SLIP_FA, [slip]),
        ("sabah", MONTH_AR, [month]),
        ("agency", SAID_EN, [said]),
    )
    signing = event_of[mention_id("irna", day)]
    assert event_of[mention_id("wire", second)] == signing
    assert event_of[mention_id("sabah", month)] == signing  # the 14th, told by two, not the slip's 13th
    assert event_of[mention_id("tasnim", slip)] != signing  # the slip is kept, and flagged by rule 9
    assert event_of[mention_id("agency", said)] not in (signing, event_of[mention_id("sabah", month)])
    assert not [r for r in recs if r.kind == "period-ambiguous"]
    assert [r.mention_id for r in recs if r.kind == "period-joined"] == [mention_id("sabah", month)]
    assert any(r.kind == "sources-disagree" for r in recs)
    assert len(events) == 3


def test_a_month_holding_two_days_told_alike_still_joins_neither() -> None:
    # One source each for the 13th and the 14th: which one the month means is unknowable.
    day = _day(DAY_FA, "۱۴ مارس ۲۰۲۵", SIGNED)
    slip = _day(SLIP_FA, "۱۳ مارس ۲۰۲۵", SIGNED - dt.timedelta(days=1))
    month = _march(MONTH_AR, "مارس الماضي", calendar="relative", status="inferred")
    _, recs, _ = _build(("irna", DAY_FA, [day]), ("tasnim", SLIP_FA, [slip]), ("sabah", MONTH_AR, [month]))
    assert [r.mention_id for r in recs if r.kind == "period-ambiguous"] == [mention_id("sabah", month)]
