"""Hostile and bad text in seeds, end to end through `mctimeline build`.

Feeds must carry exactly the intended events whatever a source says (iCalendar
syntax, escapes, control characters, bidi overrides), the CSV tables must keep the
source text exactly, and dates that do not exist are kept as invalid mentions with
their reason while the build goes on.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from mctimeline.builder import build
from mctimeline.cli import main
from mctimeline.package import read_csv
from mctimeline.timeline import Timeline
from mctimeline.validate import validate

# Embeddings, overrides, isolates, and the implicit marks LRM, RLM and ALM: each can
# make a date read differently (e.g. reorder the digits of «۲۷ مه ۲۰۲۵» on screen).
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]]
ZWNJ = "\u200c"

HOSTILE_NAME = 'a,"b"\nc.txt'  # a quote, a comma and a newline in the source id and path
HOSTILE_TEXT = (
    'نشست "ویژه", امنیتی; a\\b\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil@x\nEND:VEVENT\n\n'
    "خبرگزاری\u202e ۲۷ مه ۲۰۲۵\u202c: نشست امنیتی مسکو روز ۲۷ مه ۲۰۲۵ برگزار می\u200cشود; "
    '"بسیار مهم", \\n END:VEVENT\r\nBEGIN:VEVENT\x07\x1b[31m \u2066iso\u2069 \u200fRLM\u200e \u061cALM.\n'
    'The summit\u202d opened on "27 May 2025", in Moscow; BEGIN:VCALENDAR\\, END:VCALENDAR.\n'
)


def _build(seeds: Path) -> tuple[Path, str]:
    out = seeds.parent / "datapackage"
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.stderr


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    return read_csv((folder / f"{table}.csv").read_bytes())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("hostile") / "seeds"
    seeds.mkdir()
    (seeds / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8", newline="")
    out, _ = _build(seeds)
    return out


def test_the_hostile_package_is_valid_and_checked_against_its_text(hostile: Path) -> None:
    assert validate(hostile) == []  # includes: each mention's text is its source's text at its offsets
    [source] = _rows(hostile, "sources")
    assert source["source_id"] == 'a,"b"\nc' and source["path"] == 'seeds/a,"b"\nc.txt'
    assert int(source["characters"]) == len(HOSTILE_TEXT)


def test_feeds_carry_exactly_the_events_of_events_csv_by_three_parsers(hostile: Path) -> None:
    import icalendar
    import ics
    from ical.calendar_stream import IcsCalendarStream

    event_ids = {e["event_id"] for e in _rows(hostile, "events")}
    assert len(event_ids) >= 2
    for name in ("all.ics", "fa.ics", "ar.ics"):
        data = (hostile / name).read_bytes()
        text = data.decode("utf-8")
        uids = {
            "icalendar": [str(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")],
            "ical": [e.uid for e in IcsCalendarStream.calendar_from_ics(text).events],
            "ics": sorted(e.uid for e in ics.Calendar(text).events),
        }
        want = sorted(f"{e}@mctimeline" for e in event_ids)
        assert sorted(uids["icalendar"]) == sorted(uids["ical"]) == uids["ics"] == want, name
        lines = data.split(b"\r\n")
        assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == len(want), name
        assert lines.count(b"BEGIN:VCALENDAR") == lines.count(b"END:VCALENDAR") == 1, name


def test_feed_text_has_no_bidi_or_control_characters_but_keeps_zwnj(hostile: Path) -> None:
    for name in ("all.ics", "fa.ics", "ar.ics"):
        text = (hostile / name).read_bytes().decode("utf-8")
        for ch in BIDI:
            assert ch not in text, (name, f"U+{ord(ch):04X}")
        for ch in text.replace("\r\n", ""):
            assert unicodedata.category(ch) not in ("Cc", "Cs"), (name, f"U+{ord(ch):04X}")
            assert unicodedata.category(ch) != "Cf" or ch in (ZWNJ, "\u200d"), (name, f"U+{ord(ch):04X}")
    fa = (hostile / "fa.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert f"می{ZWNJ}شود" in fa


def test_feed_summaries_read_back_with_the_escaped_syntax_as_plain_text(hostile: Path) -> None:
    import icalendar

    summaries = [
        str(e["SUMMARY"])
        for e in icalendar.Calendar.from_ical((hostile / "all.ics").read_bytes()).walk("VEVENT")
    ]
    english = next(s for s in summaries if s.startswith("The summit"))
    assert english.startswith('The summit opened on "27 May 2025')  # U+202D gone, the quote kept
    for event in icalendar.Calendar.from_ical((hostile / "all.ics").read_bytes()).walk("VEVENT"):
        assert "\n" not in str(event["SUMMARY"])  # one line, whatever the source held
        assert str(event["UID"]).endswith("@mctimeline")


def test_the_package_keeps_the_source_text_exactly(hostile: Path) -> None:
    mentions = _rows(hostile, "mentions")
    for m in mentions:
        assert HOSTILE_TEXT[int(m["start"]) : int(m["end"])] == m["text"]
    # The titles are the source's words: its bidi controls are kept in the CSV.
    titles = " ".join(e["title"] for e in _rows(hostile, "events"))
    assert "\u202d" in titles or "\u202e" in titles


def test_csv_quoting_survives_quotes_newlines_and_commas_read_back_by_csv_and_frictionless(
    hostile: Path,
) -> None:
    from frictionless import Package

    package = Package(str(hostile / "datapackage.json"))
    for table in ("sources", "mentions", "events", "reconciliation", "series"):
        raw = (hostile / f"{table}.csv").read_bytes().decode("utf-8")
        by_csv = list(csv.DictReader(io.StringIO(raw, newline="")))
        by_frictionless = [
            {k: "" if v is None else str(v) for k, v in row.to_dict().items()}
            for row in package.get_resource(table).read_rows()
        ]
        assert len(by_csv) == len(by_frictionless), table
        for a, b in zip(by_csv, by_frictionless, strict=True):
            for key in ("source_id", "mention_id", "path", "text", "title", "headline", "note"):
                if key in a:
                    assert a[key] == b[key], (table, key)
    [source] = [r for r in package.get_resource("sources").read_rows()]
    assert source["source_id"] == 'a,"b"\nc'
    assert {m["source_id"] for m in package.get_resource("mentions").read_rows()} == {'a,"b"\nc'}


# --- dates that do not exist: kept, with their reason; the build goes on -------------------------

# Each line is written for this test. Facts from outside mctimeline: 1404 SH is a
# common year (Esfand has 29 days; ICU persian calendar); June has 30 days; Ramadan
# 1446 AH had 29 days in Umm al-Qura (1 Shawwal 1446 = 2025-03-30, ICU
# islamic-umalqura); 27 May 2025 was a Tuesday; the Jalali calendar of jdatetime
# ends in 9377 SH; the Umm al-Qura table covers 1343-1500 AH, and outside it the arithmetic
# (tabular) Hijri calendar gives 5 Ramadan 1300 = 1883-07-10 and 5 Ramadan 1501 = 2078-07-15
# (ICU islamic-civil), noted as possibly a day or two off.
BAD_DATES = {
    "fa.txt": "گزارش\n\nنشست نخست روز ۳۰ اسفند ۱۴۰۴ و نشست دوم روز شنبه ۶ خرداد ۱۴۰۴ برگزار شد. "
    "سند دیگری از ۵ خرداد ۹۹۹۹ سخن می‌گوید.\n",
    "en.txt": "Report\n\nThe meeting was held on 31 June 2025. The summit opened on Monday, 27 May 2025.\n",
    "ar.txt": "تقرير\n\nعقد الاجتماع يوم 30 رمضان 1446 هـ، وذكرت وثيقة قديمة يوم 5 رمضان 1300 هـ "
    "وأخرى يوم 5 رمضان 1501 هـ.\n",
}
EXPECTED = [
    # (source, words in the mention, status, words in the note)
    ("fa", "۳۰ اسفند ۱۴۰۴", "invalid", "Esfand 1404 has 29 days"),
    ("fa", "شنبه ۶ خرداد ۱۴۰۴", "conflict", "weekday"),
    ("fa", "۵ خرداد ۹۹۹۹", "invalid", "outside the supported range"),
    ("en", "31 June 2025", "invalid", "June 2025 has 30 days"),
    ("en", "Monday, 27 May 2025", "conflict", "Tuesday"),
    ("ar", "30 رمضان 1446", "invalid", "Ramadan 1446 has 29 days"),
    ("ar", "5 رمضان 1300", "ok", "arithmetic (tabular) Islamic calendar"),
    ("ar", "5 رمضان 1501", "ok", "arithmetic (tabular) Islamic calendar"),
]


@pytest.fixture(scope="module")
def bad_dates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    seeds = tmp_path_factory.mktemp("bad-dates") / "seeds"
    seeds.mkdir()
    for name, text in BAD_DATES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    return _build(seeds)


@pytest.mark.parametrize(("source", "words", "status", "reason"), EXPECTED, ids=[e[1] for e in EXPECTED])
def test_a_bad_date_is_kept_with_its_status_and_reason(
    bad_dates: tuple[Path, str], source: str, words: str, status: str, reason: str
) -> None:
    out, _ = bad_dates
    found = [m for m in _rows(out, "mentions") if m["source_id"] == source and words in m["text"]]
    assert len(found) == 1, [m["text"] for m in _rows(out, "mentions") if m["source_id"] == source]
    [m] = found
    assert (m["status"], reason in m["note"]) == (status, True), m["note"]
    if status == "invalid":
        assert m["start_date"] == m["end_date"] == m["event_id"] == ""  # never clamped to a real day


def test_the_build_with_bad_dates_is_valid_and_makes_events_only_of_real_days(
    bad_dates: tuple[Path, str],
) -> None:
    out, _ = bad_dates
    assert validate(out) == []
    events = _rows(out, "events")
    days = {"2025-05-27", "1883-07-10", "2078-07-15"}
    assert {(e["start_date"], e["end_date"]) for e in events} == {(d, d) for d in days}


# Known bugs outside this file's modules, pinned so that their fix shows (strict: an XPASS fails).
# Dates past the ends of the calendars' ranges (found by fuzzing). Each is read as the words say,
# then refused with the reason: (text, the mention's words, what the note must name).
OUT_OF_RANGE = [
    pytest.param(
        "Old\n\nA stone dated 5 May 0001 and one dated 5 May 9999.\n",
        {
            "5 May 0001": "outside the days an event can have",
            "5 May 9999": "outside the days an event can have",
        },
        id="gregorian-days-the-jalali-calendar-cannot-name",
    ),
    pytest.param(
        "Far\n\nA plan for the year 9999م.\n",
        {"year 9999": "outside the days an event can have"},
        id="the-whole-year-9999",
    ),
    pytest.param(
        "Treaty\n\nThe treaty of May 1910 was signed on 27 Ramadan.\n",
        {"27 Ramadan": "Umm al-Qura table covers 1343-1500"},
        id="yearless-hijri-date-after-1910",
    ),
]


@pytest.mark.parametrize(("text", "expected"), OUT_OF_RANGE)
def test_a_date_outside_a_calendar_range_is_an_invalid_mention_and_the_build_goes_on(
    tmp_path: Path, text: str, expected: dict[str, str]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "x.txt").write_text(text, encoding="utf-8")
    build(seeds, tmp_path / "datapackage")  # in process, so an exception itself shows
    assert validate(tmp_path / "datapackage") == []
    with (tmp_path / "datapackage" / "mentions.csv").open(encoding="utf-8", newline="") as f:
        rows = {row["text"]: row for row in csv.DictReader(f)}
    for words, reason in expected.items():
        row = rows[words]
        assert (row["status"], row["start_date"], row["end_date"], row["event_id"]) == ("invalid", "", "", "")
        assert reason in row["note"]


# --- the timeline page (index.html) escapes hostile text -----------------------------------------

HOSTILE_HTML = (
    "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    "\"' & <!-- --> ]]> \u202eRLO\u2066iso\u2069 \x07 می\u200cشود </style><b>bold</b>"
)


def _page_structure(data: bytes) -> tuple[list[tuple[str, tuple[str, ...]]], str]:
    """The page's elements (tag and attribute names) in order, and its text outside scripts."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.tags: list[tuple[str, tuple[str, ...]]] = []
            self.text: list[str] = []
            self.in_script = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
            self.in_script = tag in ("script", "style")

        def handle_endtag(self, tag: str) -> None:
            self.in_script = False

        def handle_data(self, data: str) -> None:
            if not self.in_script:
                self.text.append(data)

    reader = Reader()
    reader.feed(data.decode("utf-8"))
    return reader.tags, "".join(reader.text)


def test_the_page_escapes_hostile_text_in_titles_places_and_quotes() -> None:
    import dataclasses

    page = pytest.importorskip("mctimeline.page")
    from _builder_samples import sample_timeline

    def spoil(t: Timeline, words: str) -> Timeline:
        events = tuple(dataclasses.replace(e, title=words, title_en=words, location=words) for e in t.events)
        mentions = tuple(
            dataclasses.replace(p, mention=dataclasses.replace(p.mention, text=words, note=words))
            for p in t.mentions
        )
        return dataclasses.replace(t, events=events, mentions=mentions)

    hostile = spoil(sample_timeline(), HOSTILE_HTML)
    tags, text = _page_structure(page.page_bytes(hostile))
    benign_tags, _ = _page_structure(page.page_bytes(spoil(sample_timeline(), "plain words")))
    # The same elements with the same attributes: the text added no tag, no handler, no script.
    assert tags == benign_tags
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    assert "</script><script>alert(1)</script>" in text  # shown as text, not run
    for ch in ("\u202e", "\u2066", "\u2069", "\x07"):
        assert ch not in text, f"U+{ord(ch):04X}"  # in what is shown (the JSON data island is not)
    assert "می\u200cشود" in text
