"""The TimelineJS table: TimelineJS's own columns, one row per event, the events' dates, safe HTML."""

from __future__ import annotations

import calendar
import csv
import dataclasses
import datetime as dt
import html
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from _builder_samples import sample_timeline
from mctimeline import timelinejs
from mctimeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# The header row of Knight Lab's TimelineJS Google Sheets template, as in the sample sheet
# of the TimelineJS3 repository (src/js/core/__tests__/women_in_computing.csv).
TIMELINEJS_HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"
)


def read(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    body = list(reader)
    return list(reader.fieldnames or []), body


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    return read((folder / f"{name}.csv").read_bytes())[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mctimeline.builder import build

    out = tmp_path_factory.mktemp("timelinejs") / "datapackage"
    build(SEEDS, out)
    return out


def interval(row: dict[str, str]) -> tuple[dt.date, dt.date]:
    """The inclusive days a TimelineJS row names: missing months and days widen it (TimelineJS's reading)."""
    year, month, day = int(row["Year"]), row["Month"], row["Day"]
    start = dt.date(year, int(month or 1), int(day or 1))
    if row["End Year"]:
        ey, em, ed = int(row["End Year"]), row["End Month"], row["End Day"]
    else:
        ey, em, ed = year, month, day
    em_i = int(em or 12)
    end = dt.date(ey, em_i, int(ed or calendar.monthrange(ey, em_i)[1]))
    return start, end


def test_columns_are_exactly_timelinejs(built: Path) -> None:
    data = (built / "timelinejs.csv").read_bytes()
    assert data.decode("utf-8").splitlines()[0] == TIMELINEJS_HEADER
    assert ",".join(timelinejs.COLUMNS) == TIMELINEJS_HEADER


def test_one_row_per_event_with_its_dates(built: Path) -> None:
    _, table = read((built / "timelinejs.csv").read_bytes())
    events = rows(built, "events")
    assert len(table) == len(events)
    for row, e in zip(table, events, strict=True):
        assert interval(row) == (dt.date.fromisoformat(e["start_date"]), dt.date.fromisoformat(e["end_date"]))
        assert html.unescape(row["Headline"]) == " ".join(e["title"].split())
        assert e["series_id"] == "" or row["Group"] != timelinejs.OTHER_GROUP


def test_groups_are_series_names(built: Path) -> None:
    _, table = read((built / "timelinejs.csv").read_bytes())
    names = {s["series_id"]: s["name_en"] for s in rows(built, "series")}
    for row, e in zip(table, rows(built, "events"), strict=True):
        assert row["Group"] == names.get(e["series_id"], timelinejs.OTHER_GROUP)


@pytest.mark.parametrize(
    ("start", "end", "cells"),
    [
        ("2025-05-27", "2025-05-29", (2025, 5, 27, 2025, 5, 29)),
        ("2023-08-15", "2023-08-15", (2023, 8, 15, None, None, None)),
        ("2024-10-31", "2024-11-01", (2024, 10, 31, 2024, 11, 1)),
        ("2024-10-01", "2024-10-31", (2024, 10, None, None, None, None)),
        ("2024-02-01", "2024-02-29", (2024, 2, None, None, None, None)),  # leap February is a whole month
        ("2023-02-01", "2023-02-28", (2023, 2, None, None, None, None)),
        ("2024-09-01", "2024-12-31", (2024, 9, None, 2024, 12, None)),
        ("2022-01-01", "2022-12-31", (2022, None, None, None, None, None)),
        ("2011-01-01", "2013-12-31", (2011, None, None, 2013, None, None)),
        ("2024-02-01", "2024-02-28", (2024, 2, 1, 2024, 2, 28)),  # not a whole month in a leap year
        ("9999-01-01", "9999-12-31", (9999, None, None, None, None, None)),  # the last day there is
        ("0001-01-01", "0001-01-01", (1, 1, 1, None, None, None)),
    ],
)
def test_date_cells(start: str, end: str, cells: tuple[int | None, ...]) -> None:
    got = timelinejs.date_cells(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    names = ("Year", "Month", "Day", "End Year", "End Month", "End Day")
    assert tuple(got[n] for n in names) == cells


def test_display_date_puts_the_source_calendar_beside_the_gregorian() -> None:
    table = {r["Headline"]: r for r in timelinejs.rows(sample_timeline())}
    # 2025-05-27..29 is 6..8 Khordad 1404 (ICU persian); 31 Oct..1 Nov 2024 is
    # 28..29 Rabi al-Thani 1446 (ICU islamic-umalqura): see _builder_samples.
    assert table["مجمع امنیتی مسکو برگزار شد"]["Display Date"] == (
        "\u2067۶ تا ۸ خرداد ۱۴۰۴\u2069 · 27–29 May 2025"  # right-to-left isolate … pop
    )
    minsk = table["المؤتمر الدولي الثاني حول الأمن الأوراسي"]["Display Date"]
    assert minsk.startswith("\u2067") and minsk.endswith("\u2069 · 31 October – 1 November 2024")
    assert "١٤٤٦" in minsk and "ربيع الآخر" in minsk


def test_text_is_escaped_html_with_the_english_title_and_sources() -> None:
    t = sample_timeline(hostile=True)
    attack = "<script>alert(1)</script>"
    events = tuple(
        dataclasses.replace(e, title_en=attack) if e.event_id == "ev-forum" else e for e in t.events
    )
    table = timelinejs.rows(dataclasses.replace(t, events=events))
    forum = next(r for r in table if "&lt;script&gt;" in r["Text"])
    assert "<script>" not in forum["Text"]
    assert "100_fa" in forum["Text"] and "۲۷ تا ۲۹ مه ۲۰۲۵" in forum["Text"]
    assert "gloss-conflict" in forum["Text"]


def test_an_event_without_title_gets_a_headline() -> None:
    t = sample_timeline()
    events = tuple(dataclasses.replace(e, title="") for e in t.events)
    for row in timelinejs.rows(dataclasses.replace(t, events=events)):
        assert row["Headline"]


def test_the_table_is_declared_with_its_schema(built: Path) -> None:
    import json

    desc = json.loads((built / "datapackage.json").read_text("utf-8"))
    (res,) = [r for r in desc["resources"] if r["path"] == "timelinejs.csv"]
    assert [f["name"] for f in res["schema"]["fields"]] == list(timelinejs.COLUMNS)
    assert res["profile"] == "tabular-data-resource"


# --- spreadsheet safety: hostile sources, built end to end --------------------------------------

# News items that begin with what a spreadsheet runs as a formula or TimelineJS as markup,
# in files whose names do too. Each expected Headline start is written from the rule by hand:
# the HTML numeric character reference of the first character (= is U+003D, 61; + U+002B,
# 43; @ U+0040, 64), and & < > as &amp; &lt; &gt;.
HOSTILE_SEEDS = {
    "=HYPERLINK.txt": '=HYPERLINK("http://khabar-fori/fa/1404") نشست امنیتی مسکو روز ۲۷ مه ۲۰۲۵ '
    "در پایتخت روسیه برگزار شد.\n",
    "-draft.txt": "@IRNA_fa همایش امنیت اوراسیا در ۳۱ اکتبر ۲۰۲۴ در مینسک آغاز شد.\n\n"
    "<img src=x onerror=alert(1)> نشست دوم در ۱۵ اوت ۲۰۲۳ برگزار شد.\n",
    "@tasnim.txt": "+964 وكالات الأنباء عقد المؤتمر الأمني في ٣ يناير ٢٠٢٢ في بغداد بحضور الوزراء.\n",
    "=cmd|' calc'!A0.txt": "@Reuters Ministers met in Tehran on 9 March 2021 to sign the accord.\n",
}
# Year of the event -> (the title's first words as in the source, the Headline cell's start).
HOSTILE_TITLES = {
    "2025": ('=HYPERLINK("http://khabar-fori/fa/1404")', '&#61;HYPERLINK("http://khabar-fori/fa/1404")'),
    "2024": ("@IRNA_fa همایش", "&#64;IRNA_fa همایش"),
    "2023": ("<img src=x onerror=alert(1)> نشست", "&lt;img src=x onerror=alert(1)&gt; نشست"),
    "2022": ("+964 وكالات", "&#43;964 وكالات"),
    "2021": ("@Reuters Ministers", "&#64;Reuters Ministers"),
}
OWASP_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP, "CSV Injection"
NUMBER_COLUMNS = ("Year", "Month", "Day", "End Year", "End Month", "End Day")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A package built through `mctimeline build` from the hostile seeds."""
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, text in HOSTILE_SEEDS.items():
        (seeds / name).write_text(text, encoding="utf-8")
    out = root / "datapackage"
    result = CliRunner().invoke(main, ["--quiet", "build", "--seeds", str(seeds), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_hostile_headlines_are_neutral_escaped_text(hostile: Path) -> None:
    _, table = read((hostile / "timelinejs.csv").read_bytes())
    by_year = {r["Year"]: r for r in table}
    assert sorted(by_year) == sorted(HOSTILE_TITLES)
    for year, (_, cell) in HOSTILE_TITLES.items():
        assert by_year[year]["Headline"].startswith(cell), by_year[year]["Headline"]
    for row, e in zip(table, rows(hostile, "events"), strict=True):
        # What TimelineJS shows is the source's title, and nothing in it is markup.
        assert html.unescape(row["Headline"]) == " ".join(e["title"].split())
        assert "<" not in row["Headline"] and ">" not in row["Headline"]


def test_no_cell_of_a_hostile_table_is_a_formula(hostile: Path) -> None:
    header, table = read((hostile / "timelinejs.csv").read_bytes())
    for row in table:
        for name in header:
            assert not row[name].startswith(OWASP_STARTS), (name, row[name])
        for name in NUMBER_COLUMNS:  # numbers stay numbers
            assert row[name] == "" or (row[name].isascii() and row[name].isdigit()), (name, row[name])


def test_the_data_tables_keep_the_hostile_words_exactly(hostile: Path) -> None:
    sources = rows(hostile, "sources")
    assert sorted(s["source_id"] for s in sources) == sorted(n.removesuffix(".txt") for n in HOSTILE_SEEDS)
    for s in sources:
        assert s["headline"] == HOSTILE_SEEDS[s["source_id"] + ".txt"].splitlines()[0]
    texts = {s["source_id"]: HOSTILE_SEEDS[s["source_id"] + ".txt"] for s in sources}
    for m in rows(hostile, "mentions"):
        assert m["text"] == texts[m["source_id"]][int(m["start"]) : int(m["end"])]
    titles = {e["start_date"][:4]: e["title"] for e in rows(hostile, "events")}
    for year, (words, _) in HOSTILE_TITLES.items():
        assert titles[year].startswith(words)
    result = CliRunner().invoke(main, ["validate", str(hostile)])
    assert (result.exit_code, result.stdout) == (0, "valid\n"), result.output


@pytest.mark.parametrize("first", OWASP_STARTS)
@pytest.mark.parametrize("column", ["Headline", "Display Date", "Group"])
def test_every_text_column_is_neutralised(
    first: str, column: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = sample_timeline()
    value = f"{first}SUM(A1:A9) مجمع امنیتی"
    if column == "Headline":
        t = dataclasses.replace(t, events=tuple(dataclasses.replace(e, title=value) for e in t.events))
    elif column == "Display Date":
        monkeypatch.setattr(timelinejs, "display_date", lambda event: value)
    else:
        names = {e.series_id: value for e in t.events}
        monkeypatch.setattr(timelinejs, "series_names", lambda timeline: names)
        monkeypatch.setattr(timelinejs, "OTHER_GROUP", value)
    expected = f"&#{ord(first)};SUM(A1:A9) مجمع امنیتی"
    if column == "Headline" and first.isspace():
        expected = "SUM(A1:A9) مجمع امنیتی"  # a title is one line, its white space trimmed
    for row in timelinejs.rows(t):
        assert row[column] == expected
        assert isinstance(row["Year"], int)


# --- the real TimelineJS ------------------------------------------------------------------------

# TimelineJS is not vendored: point this at the dist/ folder of the npm package, e.g.
#   npm pack @knight-lab/timelinejs@3.8.21 && tar xzf knight-lab-timelinejs-3.8.21.tgz
#   MCTIMELINE_TIMELINEJS=$PWD/package/dist python3 -m pytest tests/test_timelinejs.py
# (3.8.x ships the built dist/js/timeline.js; 3.9.x ships only sources.)
TIMELINEJS_ENV = "MCTIMELINE_TIMELINEJS"
ORIGIN = "http://timelinejs.test/"  # answered by playwright's router: nothing leaves the machine
SHEET = "https://docs.google.com/spreadsheets/d/mctimeline-check/pubhtml"
TL_PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{ORIGIN}css/timeline.css"><script src="{ORIGIN}js/timeline.js"></script></head>
<body style="margin:0"><div id="tl" style="width:1100px;height:650px"></div><script>
window.tl = new TL.Timeline("tl", "{SHEET}",
  {{sheets_proxy: "{ORIGIN}proxy/", script_path: "{ORIGIN}js/", font: null}});
</script></body></html>"""


def _in_timelinejs(csv_bytes: bytes, screenshot: str) -> dict:
    """What TimelineJS's own sheet reader (via its sheets proxy, answered locally) makes of a table.

    The events' headlines, groups and display dates as the text TimelineJS shows, the
    headlines of its time markers as drawn, the elements inside any headline, and every
    error, dialog and request that left the page's origin.
    """
    import os

    from _browser import artifact, browser

    dist = Path(os.environ.get(TIMELINEJS_ENV, "/nonexistent"))
    if not (dist / "js" / "timeline.js").is_file():
        why = f"set {TIMELINEJS_ENV} to the dist/ folder of @knight-lab/timelinejs 3.8.x (npm pack)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the TimelineJS check (.ci/run fetches it): {why}")
        pytest.skip(why)
    outside: list[str] = []

    def answer(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url == f"{ORIGIN}index.html":
            return route.fulfill(body=TL_PAGE, content_type="text/html; charset=utf-8")
        if url.startswith(f"{ORIGIN}proxy/"):
            return route.fulfill(body=csv_bytes, content_type="text/csv; charset=utf-8")
        path = dist / url.removeprefix(ORIGIN).split("?")[0]
        if url.startswith(ORIGIN) and path.is_file():
            return route.fulfill(path=str(path))
        outside.append(url)
        return route.abort()

    with browser() as b:
        pg = b.new_page(viewport={"width": 1100, "height": 650})
        errors: list[str] = []
        dialogs: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.route("**/*", answer)
        pg.goto(f"{ORIGIN}index.html")
        pg.wait_for_function("window.tl && window.tl.config && window.tl.ready", timeout=30000)
        got = pg.evaluate(
            """() => {
              const ymd = d => d ? [d.data.year, d.data.month, d.data.day].map(String) : null;
              const text = h => new DOMParser().parseFromString(h, "text/html").body.textContent;
              return {errors: tl.config.getErrors().map(String),
                      events: tl.config.events.map(e => ({headline: text(e.text.headline), group: e.group,
                        display: e.display_date, start: ymd(e.start_date), end: ymd(e.end_date)})),
                      markers: [...document.querySelectorAll(".tl-timemarker .tl-headline")]
                        .map(h => h.textContent),
                      inside: [...document.querySelectorAll(".tl-headline *")].map(n => n.outerHTML)};
            }"""
        )
        pg.screenshot(path=str(artifact(screenshot)))
    got.update(page_errors=errors, dialogs=dialogs, outside=outside)
    return got


def _shown(table: list[dict[str, str]]) -> list[tuple]:
    """What TimelineJS should show of each row: the text of its HTML cells, its dates."""
    return sorted(
        (
            html.unescape(r["Headline"]),
            html.unescape(r["Group"]),
            html.unescape(r["Display Date"]),
            [r["Year"], r["Month"], r["Day"]],
            [r["End Year"], r["End Month"], r["End Day"]] if r["End Year"] else None,
        )
        for r in table
    )


def _theirs(got: dict) -> list[tuple]:
    return sorted((e["headline"], e["group"], e["display"], e["start"], e["end"]) for e in got["events"])


def test_timelinejs_itself_reads_the_table(built: Path) -> None:
    data = (built / "timelinejs.csv").read_bytes()
    got = _in_timelinejs(data, "timelinejs.png")
    _, table = read(data)
    assert got["page_errors"] == [] and got["errors"] == [] and got["outside"] == []
    assert len(got["events"]) == len(table)
    # TimelineJS sorts its events by date; ours are sorted already, ties aside.
    assert _theirs(got) == _shown(table)


def test_timelinejs_shows_hostile_headlines_as_the_sources_words(hostile: Path) -> None:
    data = (hostile / "timelinejs.csv").read_bytes()
    got = _in_timelinejs(data, "timelinejs-hostile.png")
    assert got["page_errors"] == [] and got["errors"] == [] and got["outside"] == []
    assert got["dialogs"] == [] and got["inside"] == []  # no markup of a source ran or was drawn
    _, table = read(data)
    assert _theirs(got) == _shown(table)
    # The slides show the sources' titles exactly, a formula's first character included.
    titles = sorted(" ".join(e["title"].split()) for e in rows(hostile, "events"))
    assert sorted(e["headline"] for e in got["events"]) == titles
    assert sorted(got["markers"]) == titles
    assert any(t.startswith('=HYPERLINK("http://khabar-fori/fa/1404")') for t in got["markers"])
    assert any(t.startswith("<img src=x onerror=alert(1)>") for t in got["markers"])


def test_the_written_table_is_the_table_of_the_rows(tmp_path: Path) -> None:
    # Written row by row (a corpus has millions of events): the same bytes as the whole table at once.
    t = sample_timeline()
    timelinejs.write_timelinejs(tmp_path, t)
    data = (tmp_path / timelinejs.TIMELINEJS_FILE).read_bytes()
    assert data == timelinejs.table_bytes(t)
    header, body = read(data)
    assert ",".join(header) == TIMELINEJS_HEADER
    assert [r["Headline"] for r in body] == [r["Headline"] for r in timelinejs.rows(t)]
