"""The iCalendar feeds: read back by three independent parsers, RFC 5545 rules, localized dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import importlib.util
import itertools
import os
import pathlib
import sys
import types
from concurrent.futures.process import BrokenProcessPool

import icalendar
import ics
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from _builder_samples import HOSTILE, sample_timeline
from mctimeline import feeds
from mctimeline.calendars import CalendarDate
from mctimeline.cli import main as cli_main
from mctimeline.feeds import clean_text, format_interval
from mctimeline.feeds.specs import Carriers

BIDI_CONTROLS = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]


def all_feeds(hostile: bool = False) -> dict[str, bytes]:
    return {spec.path: data for spec, data in feeds.feed_files(sample_timeline(hostile)).items()}


def unfold(data: bytes) -> str:
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")


def vevents(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def by_uid(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in vevents(data)}


# --- what gets written -------------------------------------------------------------


def test_feed_files() -> None:
    assert sorted(all_feeds()) == ["all.ics", "ar.ics", "fa.ics", "series-minsk-eurasian-security.ics"]


def test_no_feed_without_events() -> None:
    assert feeds.feed_specs(dataclasses.replace(sample_timeline(), events=())) == []


def _with_precision(precisions: dict[str, str]) -> feeds.Timeline:
    t = sample_timeline()
    changed = (dataclasses.replace(e, precision=precisions.get(e.event_id, e.precision)) for e in t.events)
    return dataclasses.replace(t, events=tuple(changed))


def test_a_year_or_part_of_year_event_is_only_in_periods_ics() -> None:
    # The README's rule: what is known only to a year or part of one leaves the day feeds.
    t = _with_precision({"ev-minsk": "year", "ev-january": "part-of-year"})
    written = {spec.path: by_uid(data) for spec, data in feeds.feed_files(t).items()}
    assert sorted(written) == ["all.ics", "ar.ics", "fa.ics", "periods.ics"]  # no series feed left
    assert sorted(written["periods.ics"]) == ["ev-january@mctimeline", "ev-minsk@mctimeline"]
    for name in ("all.ics", "fa.ics", "ar.ics"):
        assert list(written[name]) == ["ev-forum@mctimeline"]
    assert str(written["periods.ics"]["ev-minsk@mctimeline"]["SUMMARY"]).startswith("[year] ")


def test_a_month_event_stays_in_the_day_feeds_and_no_periods_feed_is_empty() -> None:
    assert "ev-january@mctimeline" in by_uid(all_feeds()["all.ics"])  # month precision
    assert "periods.ics" not in all_feeds()


def test_only_periods_make_only_periods_ics() -> None:
    t = _with_precision({"ev-minsk": "year", "ev-january": "year", "ev-forum": "part-of-year"})
    assert [spec.path for spec in feeds.feed_specs(t)] == ["periods.ics"]


def test_series_feed_holds_only_its_series() -> None:
    assert list(by_uid(all_feeds()["series-minsk-eurasian-security.ics"])) == ["ev-minsk@mctimeline"]


@pytest.mark.parametrize("name", ["all.ics", "fa.ics", "ar.ics"])
def test_uids_are_the_event_ids(name: str) -> None:
    assert sorted(by_uid(all_feeds()[name])) == [
        "ev-forum@mctimeline",
        "ev-january@mctimeline",
        "ev-minsk@mctimeline",
    ]


# --- three independent readers ------------------------------------------------------


@pytest.mark.parametrize("hostile", [False, True])
def test_icalendar_reads_every_feed(hostile: bool) -> None:
    for name, data in all_feeds(hostile).items():
        cal = icalendar.Calendar.from_ical(data)
        assert [err for c in cal.walk() for err in c.errors] == [], name
        assert len(vevents(data)) == (1 if name.startswith("series-") else 3)


@pytest.mark.parametrize("hostile", [False, True])
def test_ics_reads_every_feed(hostile: bool) -> None:
    for name, data in all_feeds(hostile).items():
        cal = ics.Calendar(data.decode("utf-8"))
        got = {e.uid: (e.begin.date(), e.end.date(), e.all_day) for e in cal.events}
        if name == "all.ics":
            assert got == {
                "ev-forum@mctimeline": (dt.date(2025, 5, 27), dt.date(2025, 5, 30), True),
                "ev-january@mctimeline": (dt.date(2025, 1, 1), dt.date(2025, 2, 1), True),
                "ev-minsk@mctimeline": (dt.date(2024, 10, 31), dt.date(2024, 11, 2), True),
            }


@pytest.mark.parametrize("hostile", [False, True])
def test_strict_ical_parser_reads_every_feed(hostile: bool) -> None:
    for name, data in all_feeds(hostile).items():
        cal = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        for event in cal.events:
            assert isinstance(event.dtstart, dt.date) and not isinstance(event.dtstart, dt.datetime), name
            assert event.dtstamp is not None


# --- RFC 5545 rules the parsers do not enforce ----------------------------------------


@pytest.mark.parametrize("hostile", [False, True])
def test_lines_are_crlf_and_at_most_75_octets_of_whole_characters(hostile: bool) -> None:
    for name, data in all_feeds(hostile).items():
        assert data.endswith(b"\r\n"), name
        lines = data.split(b"\r\n")[:-1]
        for line in lines:
            assert b"\n" not in line and b"\r" not in line, name
            assert len(line) <= 75, (name, line)
            line.decode("utf-8")  # raises if a fold split a character


def test_a_long_persian_summary_folds_between_characters() -> None:
    # 2-byte letters with a 1-byte space every few letters: folds land at every
    # possible byte parity, so a fold splitting a character would show.
    title = " ".join(["کنفرانس", "امنیت", "بین\u200cالمللی", "مسکو", "یازدهمین"] * 12)
    t = sample_timeline()
    long = dataclasses.replace(t, events=tuple(dataclasses.replace(e, title=title) for e in t.events))
    data = feeds.calendar_bytes(long, feeds.feed_specs(long)[1])  # fa.ics
    lines = data.split(b"\r\n")
    assert max(len(x) for x in lines) <= 75
    assert sum(1 for x in lines if x.startswith(b" ")) > 10
    for line in lines:
        line.decode("utf-8")
    summary = str(vevents(data)[0]["SUMMARY"])
    assert summary.endswith(title)  # unfolds to the exact title, ZWNJ kept


def test_every_vevent_has_uid_dtstamp_and_all_day_dates() -> None:
    for name, data in all_feeds().items():
        for event in vevents(data):
            assert event["UID"] and event["DTSTAMP"], name
            for prop in ("DTSTART", "DTEND"):
                assert event[prop].params["VALUE"] == "DATE"
                assert type(event[prop].dt) is dt.date


@pytest.mark.parametrize(
    ("uid", "start", "end_exclusive"),
    [
        ("ev-forum@mctimeline", "20250527", "20250530"),  # 27-29 May inclusive
        ("ev-minsk@mctimeline", "20241031", "20241102"),  # 31 Oct - 1 Nov inclusive
        ("ev-january@mctimeline", "20250101", "20250201"),  # the whole month
    ],
)
def test_dtend_is_the_day_after_the_last_day(uid: str, start: str, end_exclusive: str) -> None:
    text = unfold(all_feeds()["all.ics"])
    block = (
        text.split(f"UID:{uid}")[0].rsplit("BEGIN:VEVENT", 1)[1]
        + text.split(f"UID:{uid}")[1].split("END:VEVENT")[0]
    )
    assert f"DTSTART;VALUE=DATE:{start}\r\n" in block
    assert f"DTEND;VALUE=DATE:{end_exclusive}\r\n" in block


def test_dtstamp_is_the_package_created_day_not_the_clock() -> None:
    for data in all_feeds().values():
        for event in vevents(data):
            assert event["DTSTAMP"].dt == dt.datetime(2024, 10, 31, tzinfo=dt.UTC)


def test_dtstamp_falls_back_to_the_epoch_without_publication_dates() -> None:
    t = sample_timeline()
    t = dataclasses.replace(t, sources=tuple(dataclasses.replace(s, published="") for s in t.sources))
    data = feeds.calendar_bytes(t, feeds.feed_specs(t)[0])
    assert b"DTSTAMP:19700101T000000Z\r\n" in data


def test_calendar_properties() -> None:
    text = unfold(all_feeds()["fa.ics"])
    head = text.split("BEGIN:VEVENT")[0]
    for line in (
        "VERSION:2.0",
        "PRODID:-//mctimeline//mctimeline",
        "NAME:گاه‌شمار mctimeline",
        "X-WR-CALNAME:گاه‌شمار mctimeline",
        "X-WR-CALDESC:",
        "DESCRIPTION:",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D",
    ):
        assert "\r\n" + line in "\r\n" + head, line


def test_imprecise_event_spans_its_interval_transparent_with_its_precision_said() -> None:
    january = by_uid(all_feeds()["all.ics"])["ev-january@mctimeline"]
    assert str(january["SUMMARY"]).startswith("[month] ")
    assert january["TRANSP"] == "TRANSPARENT"
    assert january["STATUS"] == "CONFIRMED"
    fa = by_uid(all_feeds()["fa.ics"])["ev-january@mctimeline"]
    assert str(fa["SUMMARY"]).startswith("[ماه] ۱۲ دی تا ۱۲ بهمن ۱۴۰۳")


def test_event_properties() -> None:
    forum = by_uid(all_feeds()["all.ics"])["ev-forum@mctimeline"]
    assert str(forum["SUMMARY"]) == "Moscow security forum"
    assert str(forum["LOCATION"]) == "مسکو"
    assert forum["STATUS"] == "TENTATIVE"  # its status is conflict
    assert forum["CATEGORIES"].cats == ["day", "conflict"]
    minsk = by_uid(all_feeds()["all.ics"])["ev-minsk@mctimeline"]
    assert minsk["CATEGORIES"].cats == ["minsk-eurasian-security", "day", "confirmed"]


def test_description_has_three_calendars_quotes_and_the_conflict() -> None:
    desc = str(by_uid(all_feeds()["all.ics"])["ev-forum@mctimeline"]["DESCRIPTION"])
    lines = desc.split("\n")
    assert lines[:3] == [
        "Gregorian: 27–29 May 2025",
        "Jalali (Solar Hijri): 6–8 Khordad 1404 SH",
        "Hijri (Umm al-Qura): 29 Dhu al-Qadah – 2 Dhu al-Hijjah 1446 AH",
    ]
    assert "- 100_fa: “۲۷ تا ۲۹ مه ۲۰۲۵”" in lines
    assert "- 100_fa: “۶ تا ۹ خرداد ۱۴۰۴”" in lines
    conflict = next(x for x in lines if x.startswith("- gloss-conflict: "))
    assert "kept: 2025-05-27/2025-05-29" in conflict and "rejected: 2025-05-27/2025-05-30" in conflict


def test_persian_feed_says_the_jalali_date_in_persian() -> None:
    forum = by_uid(all_feeds()["fa.ics"])["ev-forum@mctimeline"]
    assert str(forum["SUMMARY"]) == "۶ تا ۸ خرداد ۱۴۰۴: مجمع امنیتی مسکو برگزار شد"
    assert forum["DTSTART"].dt == dt.date(2025, 5, 27)  # still Gregorian
    desc = str(forum["DESCRIPTION"]).split("\n")
    assert desc[0] == "خورشیدی: ۶ تا ۸ خرداد ۱۴۰۴"
    assert desc[1] == "میلادی: ۲۷ تا ۲۹ مه ۲۰۲۵"


def test_arabic_feed_says_the_hijri_date_in_arabic() -> None:
    minsk = by_uid(all_feeds()["ar.ics"])["ev-minsk@mctimeline"]
    assert str(minsk["SUMMARY"]) == "٢٨–٢٩ ربيع الآخر ١٤٤٦ هـ: المؤتمر الدولي الثاني حول الأمن الأوراسي"
    assert minsk["DTSTART"].dt == dt.date(2024, 10, 31)
    desc = str(minsk["DESCRIPTION"]).split("\n")
    assert desc[0] == "هجري (أم القرى): ٢٨–٢٩ ربيع الآخر ١٤٤٦ هـ"
    assert "السلسلة: المؤتمر الدولي حول الأمن الأوراسي (الدورة ٢)" in desc


# --- dates in words -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "lang", "expected"),
    [
        (("jalali", 1404, 3, 6), ("jalali", 1404, 3, 6), "fa", "۶ خرداد ۱۴۰۴"),
        (("jalali", 1404, 3, 1), ("jalali", 1404, 3, 31), "fa", "خرداد ۱۴۰۴"),
        (("jalali", 1404, 1, 1), ("jalali", 1404, 12, 29), "fa", "۱۴۰۴"),  # 1404 is a common year
        (("jalali", 1403, 12, 25), ("jalali", 1404, 1, 5), "fa", "۲۵ اسفند ۱۴۰۳ تا ۵ فروردین ۱۴۰۴"),
        (("hijri", 1446, 9, 1), ("hijri", 1446, 9, 29), "ar", "رمضان ١٤٤٦ هـ"),  # 29-day Ramadan 1446
        (("hijri", 1446, 9, 1), ("hijri", 1446, 9, 28), "ar", "١–٢٨ رمضان ١٤٤٦ هـ"),
        (("gregorian", 2025, 1, 1), ("gregorian", 2025, 3, 31), "en", "January – March 2025"),
        (("gregorian", 2024, 12, 30), ("gregorian", 2025, 1, 2), "en", "30 December 2024 – 2 January 2025"),
    ],
)
def test_format_interval(first: tuple, last: tuple, lang: str, expected: str) -> None:
    assert format_interval(CalendarDate(*first), CalendarDate(*last), lang) == expected


_DAYS_OF = {"gregorian": (1990, 2030), "jalali": (1369, 1409), "hijri": (1410, 1452)}


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(sorted(_DAYS_OF)),
    st.sampled_from(["en", "fa", "ar"]),
    st.data(),
)
def test_date_words_from_strings_are_format_interval(cal: str, lang: str, data: st.DataObject) -> None:
    # date_line reads an event's YYYY-MM-DD strings without making CalendarDates: the same words.
    from mctimeline.calendars import month_length
    from mctimeline.feeds.dates import _date_words

    def day() -> tuple[int, int, int]:
        year = data.draw(st.integers(*_DAYS_OF[cal]))
        month = data.draw(st.integers(1, 12))
        return year, month, data.draw(st.sampled_from([1, 2, 15, month_length(cal, year, month)]))

    first, last = sorted((day(), day()))
    iso = [f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in (first, last)]
    expected = format_interval(CalendarDate(cal, *first), CalendarDate(cal, *last), lang)  # type: ignore[arg-type]
    assert _date_words.__wrapped__(cal, *iso, lang) == expected
    assert _date_words.__wrapped__(cal, "", iso[1], lang) == feeds.labels(lang)["hijri_out_of_range"]


@pytest.mark.parametrize("value", ["2025-05-27", "1404-03-06", "999-1-5", "0999-01-05", "12345-12-31"])
def test_iso_day_is_the_parsed_day_s_isoformat(value: str) -> None:
    from mctimeline.feeds.dates import iso_day

    parsed = feeds.parse_day("gregorian", value)
    assert parsed is not None and iso_day(value) == parsed.isoformat()


# --- hostile text -------------------------------------------------------------------------


def test_hostile_text_cannot_add_events_or_hide_dates() -> None:
    for name, data in all_feeds(hostile=True).items():
        assert data.count(b"BEGIN:VEVENT\r\n") == len(vevents(data)), name
        text = data.decode("utf-8")
        for ch in [*BIDI_CONTROLS, "\x07"]:
            assert ch not in text, (name, hex(ord(ch)))
    forum = by_uid(all_feeds(hostile=True)["all.ics"])["ev-forum@mctimeline"]
    summary = str(forum["SUMMARY"])
    assert "می\u200cشود" in summary  # ZWNJ kept
    assert 'Forum; "quoted", a\\b END:VEVENT BEGIN:VEVENT' in summary  # escaped, then read back
    assert "VEVENTRLOisoZWNJ" not in summary and "VEVENTRLOiso" in summary  # only the controls went
    assert HOSTILE not in summary


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\u202eb\u202cc", "abc"),
        ("\u2066x\u2069", "x"),
        ("می\u200cشود", "می\u200cشود"),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("tab\there", "tab here"),
        ("bell\x07\x00\ufeff", "bell"),
        ("\u200fRLM\u200e", "RLM"),
        ("line\u2028sep", "line\nsep"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@settings(max_examples=200)
@given(st.text())
def test_any_title_gives_a_valid_feed_with_one_event_per_event(title: str) -> None:
    t = sample_timeline()
    t = dataclasses.replace(
        t, events=tuple(dataclasses.replace(e, title=title, title_en=title) for e in t.events)
    )
    for spec in feeds.feed_specs(t):
        data = feeds.calendar_bytes(t, spec)
        assert len(IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).events) == len(
            [e for e in t.events if spec.selects(e)]
        )
        assert max(len(x) for x in data.split(b"\r\n")) <= 75


# --- determinism -----------------------------------------------------------------------------


def test_same_bytes_every_time_and_in_any_input_order() -> None:
    t = sample_timeline()
    reordered = dataclasses.replace(
        t, events=t.events[::-1], mentions=t.mentions[::-1], sources=t.sources[::-1]
    )
    first = {s.path: d for s, d in feeds.feed_files(t).items()}
    assert first == {s.path: d for s, d in feeds.feed_files(t).items()}
    assert first == {s.path: d for s, d in feeds.feed_files(reordered).items()}


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(codec=None)))
def test_clean_text_leaves_no_control_or_format_character(text: str) -> None:
    import unicodedata

    out = clean_text(text)
    for ch in out:
        category = unicodedata.category(ch)
        assert ch == "\n" or category not in ("Cc", "Cs", "Zl", "Zp"), hex(ord(ch))
        assert category != "Cf" or ch in ("\u200c", "\u200d"), hex(ord(ch))
    assert clean_text(out) == out


def test_an_event_before_the_umm_al_qura_table() -> None:
    # ICU: 1910-03-22 is 1 Farvardin 1289; the Umm al-Qura table starts in 1924.
    t = sample_timeline()
    old = dataclasses.replace(
        t.events[0],
        event_id="ev-1910",
        start_date="1910-03-22",
        end_date="1910-03-22",
        edtf="1910-03-22",
        jalali_start="1289-01-01",
        jalali_end="1289-01-01",
        hijri_start="",
        hijri_end="",
        mentions=(),
        status="confirmed",
    )
    t = dataclasses.replace(t, events=(old,), reconciliations=())
    ar = by_uid(feeds.calendar_bytes(t, feeds.feed_specs(t)[2]))["ev-1910@mctimeline"]
    assert str(ar["SUMMARY"]).startswith("٢٢ مارس ١٩١٠ م: ")  # no Hijri date: the Gregorian one
    assert "هجري (أم القرى): خارج جدول أم القرى" in str(ar["DESCRIPTION"]).split("\n")
    fa = by_uid(feeds.calendar_bytes(t, feeds.feed_specs(t)[1]))["ev-1910@mctimeline"]
    assert str(fa["SUMMARY"]).startswith("۱ فروردین ۱۲۸۹: ")


# --- feeds joined from per-event bytes are icalendar's own bytes ------------------------------------

# Text that stresses folding: escapes (\ ; , ^ newlines), and 1- to 4-octet characters.
_FOLD_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(["\\", "^", ";", ",", "\n", "\r", "N", " ", "a", "é", "ی", "٢", "‌", "€", "𝔸", "😀"]),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=400,
)


def _vevent_by_add(event, t, language: str, stamp: dt.datetime) -> icalendar.Event:  # type: ignore[no-untyped-def]
    """The VEVENT built with icalendar's `add`, which infers each value's type itself.

    feeds.vevent gives the typed values directly; this is the reference it must equal.
    """
    ve = icalendar.Event()
    ve.add("uid", f"{event.event_id}@mctimeline")
    ve.add("dtstamp", stamp)
    ve.add("dtstart", dt.date.fromisoformat(event.start_date))
    ve.add("dtend", dt.date.fromisoformat(event.end_date) + dt.timedelta(days=1))
    ve.add("summary", feeds.summary(event, language))
    ve.add("description", feeds.description(event, t, language))
    if event.location:
        ve.add("location", feeds.one_line(event.location))
    categories = [event.series_id] if event.series_id else []
    ve.add("categories", [feeds.one_line(c) for c in [*categories, event.precision, event.status]])
    ve.add("status", "CONFIRMED" if event.status == "confirmed" else "TENTATIVE")
    ve.add("transp", "TRANSPARENT")
    return ve


def _icalendar_calendar_bytes(t, spec) -> bytes:  # type: ignore[no-untyped-def]
    """The feed as icalendar writes it whole: the reference for feeds joined from VEVENT bytes."""
    cal = icalendar.Calendar.from_ical(feeds.calendar_header(spec))
    stamp = feeds.feed_stamp(t)
    for event in t.events:
        if spec.selects(event):
            cal.add_component(_vevent_by_add(event, t, spec.language, stamp))
    return cal.to_ical()


@pytest.mark.parametrize("hostile", [False, True])
def test_feeds_are_the_bytes_icalendar_writes(hostile: bool) -> None:
    t = sample_timeline(hostile)
    for spec, data in feeds.feed_files(t).items():
        assert data == _icalendar_calendar_bytes(t, spec), spec.path


@settings(max_examples=150)
@given(
    title=_FOLD_TEXT,
    location=_FOLD_TEXT,
    status=st.sampled_from(["confirmed", "inferred", "conflict"]),
)
def test_any_event_is_written_as_icalendar_writes_it(title: str, location: str, status: str) -> None:
    t = sample_timeline()
    t = dataclasses.replace(
        t,
        events=tuple(
            dataclasses.replace(e, title=title, title_en=title[::-1], location=location, status=status)
            for e in t.events
        ),
    )
    for spec, data in feeds.feed_files(t).items():
        assert data == _icalendar_calendar_bytes(t, spec), spec.path


def test_typed_values_write_what_add_infers() -> None:
    t = sample_timeline(hostile=True)
    tehran = dt.timezone(dt.timedelta(hours=3, minutes=30))
    for stamp in (
        feeds.feed_stamp(t),
        dt.datetime(2025, 3, 4, 5, 6, 7),  # naive: read as UTC
        dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=tehran),  # written as 20250304T013607Z
    ):
        for event in t.events:
            for language in ("en", "fa", "ar"):
                ours = feeds.vevent(event, t, language, stamp).to_ical()
                assert ours == _vevent_by_add(event, t, language, stamp).to_ical()
                # the bytes joined from icalendar's lines, some written once for many events
                assert feeds.vevent_bytes(event, t, language, stamp) == ours
    assert b"DTSTAMP:20250304T013607Z\r\n" in feeds.vevent(t.events[0], t, "en", stamp).to_ical()


# --- written as files, and by several processes ------------------------------------------------


def _read_back(folder) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("hostile", [False, True])
def test_written_files_are_the_feed_bytes(tmp_path, hostile: bool) -> None:  # type: ignore[no-untyped-def]
    t = sample_timeline(hostile)
    written = feeds.write_feeds(tmp_path, t, workers=1)
    assert [f.path for f in written] == [s.path for s in feeds.feed_specs(t)]
    assert _read_back(tmp_path) == {s.path: d for s, d in feeds.feed_files(t, workers=1).items()}


def _many_events(t, copies: int):  # type: ignore[no-untyped-def]
    """The sample's events repeated under new ids and days, with their mentions and conflicts."""
    events, mentions, recs = [], [], []
    for i in range(copies):
        for e in t.events:
            day = dt.date.fromisoformat(e.start_date) + dt.timedelta(days=i)
            eid = f"{e.event_id}-{i}"
            refs = tuple(dataclasses.replace(r, mention_id=f"{r.mention_id}#{i}") for r in e.mentions)
            events.append(dataclasses.replace(e, event_id=eid, start_date=day.isoformat(), mentions=refs))
            for r in e.mentions:
                m = t.mention(r.mention_id)
                if m is not None:
                    mentions.append(dataclasses.replace(m, mention_id=f"{r.mention_id}#{i}", event_id=eid))
            recs += [
                dataclasses.replace(r, reconciliation_id=f"{r.reconciliation_id}-{i}", event_id=eid)
                for r in t.reconciliations_of(e.event_id)
            ]
    return dataclasses.replace(t, events=tuple(events), mentions=tuple(mentions), reconciliations=tuple(recs))


def test_worker_processes_write_the_serial_bytes(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = _many_events(sample_timeline(hostile=True), 4)
    serial = {s.path: d for s, d in feeds.feed_files(t, workers=1).items()}
    assert serial["all.ics"].count(b"BEGIN:VEVENT\r\n") == 12
    descriptions = [str(e["DESCRIPTION"]) for e in vevents(serial["all.ics"])]
    # each copy of the forum kept its conflict and its quotes
    assert sum("\n- gloss-conflict: " in d for d in descriptions) == 4
    assert sum("\n- 100_fa: “۲۷ تا ۲۹ مه ۲۰۲۵”" in d for d in descriptions) == 4
    monkeypatch.setattr(feeds.workers, "_CHUNK_EVENTS", 5)  # three chunks for two workers, the last one short
    # The pool itself, so a broken one cannot hide behind the serial fallback:
    carriers = Carriers(feeds.feed_specs(t))
    pooled = list(feeds.workers._parallel_vevents(t, carriers, feeds.feed_stamp(t), 2))
    assert [event for event, _ in pooled] == list(t.events)
    stamp = feeds.feed_stamp(t)
    for event, written in pooled:
        assert written == {lang: feeds.vevent_bytes(event, t, lang, stamp) for lang in ("en", "fa", "ar")}
    assert {s.path: d for s, d in feeds.feed_files(t, workers=2).items()} == serial
    feeds.write_feeds(tmp_path, t, workers=2)
    assert _read_back(tmp_path) == serial


def test_worker_processes_know_the_sources_urls(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = _many_events(sample_timeline(), 2)
    with_urls = tuple(dataclasses.replace(s, url=f"https://example.org/{s.source_id}") for s in t.sources)
    t = dataclasses.replace(t, sources=with_urls)
    monkeypatch.setattr(feeds.workers, "_CHUNK_EVENTS", 2)
    carriers, stamp = Carriers(feeds.feed_specs(t)), feeds.feed_stamp(t)
    pooled = list(feeds.workers._parallel_vevents(t, carriers, stamp, 2))
    for event, written in pooled:
        assert written == {lang: feeds.vevent_bytes(event, t, lang, stamp) for lang in written}
        for data in written.values():
            (ve,) = vevents(b"BEGIN:VCALENDAR\r\n" + data + b"END:VCALENDAR\r\n")
            assert str(ve["URL"]).startswith("https://example.org/")
            assert f"<{ve['URL']}>" in str(ve["DESCRIPTION"])


def test_vevent_bytes_are_the_component_icalendar_writes() -> None:
    """Every property the VEVENT may have (a URL, a location, a series), each language."""
    t = sample_timeline(hostile=True)
    url = "https://example.org/{}?a=1,b;c"
    with_urls = tuple(dataclasses.replace(s, url=url.format(s.source_id)) for s in t.sources)
    t = dataclasses.replace(t, sources=with_urls)
    stamp = feeds.feed_stamp(t)
    seen = set()
    for event in t.events:
        for language in ("en", "fa", "ar"):
            data = feeds.vevent_bytes(event, t, language, stamp)
            assert data == feeds.vevent(event, t, language, stamp).to_ical()
            seen |= {line.split(b":")[0].split(b";")[0] for line in data.split(b"\r\n") if line[:1] != b" "}
    assert {b"URL", b"LOCATION", b"CATEGORIES", b"SUMMARY", b"DESCRIPTION"} <= seen


def test_a_chunk_sent_packed_is_the_chunk() -> None:
    # A worker is sent its chunk's records as the store's bytes, and makes the same records again.
    import pickle

    t = _many_events(sample_timeline(hostile=True), 2)
    chunk = feeds.workers._chunk(t, Carriers(feeds.feed_specs(t)), tuple(t.events), feeds.feed_stamp(t))
    assert chunk.mentions and chunk.reconciliations
    assert feeds.workers._unpack(pickle.loads(pickle.dumps(feeds.workers._pack(chunk)))) == chunk


def test_the_feeds_that_carry_an_event_are_those_that_select_it() -> None:
    # Carriers asks `selects` once a kind of event (day or period, series), not of every feed.
    t = _many_events(sample_timeline(hostile=True), 2)
    periods = dataclasses.replace(t.events[0], event_id="ev-year", precision="year")
    t = dataclasses.replace(t, events=(*t.events, periods))
    specs = feeds.feed_specs(t)
    carriers = Carriers(specs)
    assert any(s.series_id for s in specs) and any(s.periods for s in specs)
    for event in t.events:
        chosen = tuple(i for i, spec in enumerate(specs) if spec.selects(event))
        assert chosen and carriers.feeds(event) == chosen
        assert carriers.languages(event) == tuple(dict.fromkeys(specs[i].language for i in chosen))


def test_a_broken_pool_leaves_the_rest_to_this_process(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = _many_events(sample_timeline(), 4)
    serial = feeds.feed_files(t, workers=1)

    def dies_after_five(timeline, carriers, stamp, workers):  # type: ignore[no-untyped-def]
        yield from itertools.islice(feeds.workers._vevents(timeline, carriers, 1), 5)
        raise BrokenProcessPool("a worker died")

    monkeypatch.setattr(feeds.workers, "_parallel_vevents", dies_after_five)
    monkeypatch.setattr(feeds.workers, "_CHUNK_EVENTS", 5)
    assert feeds.feed_files(t, workers=2) == serial


def test_no_workers_for_a_script_without_the_main_guard(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(feeds.WORKERS_ENV, raising=False)
    script = tmp_path / "script.py"
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    script.write_text("from mctimeline import feeds\nfeeds.write_feeds(folder, timeline)\n")
    assert feeds.feed_workers(10**6) == 1  # each worker would run the script again
    script.write_text("def main():\n    ...\n\n\nif __name__ == '__main__':\n    main()\n")
    assert feeds.feed_workers(10**6) == len(os.sched_getaffinity(0))
    script.unlink()
    assert feeds.feed_workers(10**6) == 1
    main.__spec__ = importlib.util.spec_from_file_location("mctimeline.__main__", script)
    assert feeds.feed_workers(10**6) == len(os.sched_getaffinity(0))  # python -m mctimeline
    main.__spec__ = None
    del main.__file__  # python -c, or an interactive session
    assert feeds.feed_workers(10**6) == len(os.sched_getaffinity(0))


def test_feed_workers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(feeds.WORKERS_ENV, raising=False)
    assert feeds.feed_workers(feeds.PARALLEL_MIN_EVENTS - 1) == 1
    assert feeds.feed_workers(feeds.PARALLEL_MIN_EVENTS) == len(os.sched_getaffinity(0))
    monkeypatch.setenv(feeds.WORKERS_ENV, "3")
    assert feeds.feed_workers(5) == 3
    monkeypatch.setenv(feeds.WORKERS_ENV, "0")
    assert feeds.feed_workers(10**6) == 1
    monkeypatch.setenv(feeds.WORKERS_ENV, "many")
    with pytest.raises(ValueError, match="MCTIMELINE_FEED_WORKERS"):
        feeds.feed_workers(5)


# --- a full disk while a feed is streamed ---------------------------------------------------


class _FillsUp:
    """A feed file on a disk that is full after its first write (the VCALENDAR head)."""

    def __init__(self, file) -> None:  # type: ignore[no-untyped-def]
        self.file, self.writes = file, 0

    def write(self, data: bytes) -> int:
        self.writes += 1
        if self.writes > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return int(self.file.write(data))

    def __enter__(self) -> _FillsUp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def test_a_full_disk_while_streaming_a_feed_fails_the_build_and_keeps_the_old_package(
    tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    seeds, out = tmp_path / "seeds", tmp_path / "datapackage"
    seeds.mkdir()
    (seeds / "a.txt").write_text("نشست روز ۱۲ مهر ۱۴۰۳ در تهران برگزار شد.\n", encoding="utf-8")
    build = ["build", "--seeds", str(seeds), "--out", str(out)]
    assert CliRunner().invoke(cli_main, build).exit_code == 0
    before = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    (seeds / "a.txt").write_text("The summit opened on 27 May 2025 in Moscow.\n", encoding="utf-8")
    real_open = pathlib.Path.open

    def open_on_a_full_disk(self, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        file = real_open(self, mode, *args, **kwargs)
        return _FillsUp(file) if self.suffix == ".ics" and "w" in mode else file

    monkeypatch.setattr(pathlib.Path, "open", open_on_a_full_disk)
    result = CliRunner().invoke(cli_main, build)
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.stderr
    assert {p.name: p.read_bytes() for p in sorted(out.iterdir())} == before


def test_written_feeds_let_go_of_their_shared_lines_and_write_the_same_again(tmp_path: pathlib.Path) -> None:
    from mctimeline.feeds import vevents as vevents_module

    timeline = sample_timeline()
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    written = feeds.write_feeds(first, timeline, workers=1)
    assert written and vevents_module._shared_line.cache_info().currsize == 0
    assert vevents_module._shared_value.cache_info().currsize == 0
    feeds.write_feeds(second, timeline, workers=1)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)
