"""view_problems() on a plot whose dense rows are drawn as counts (plot.ROW_MAX_MARKS)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from _builder_samples import sample_timeline
from mctimeline.validate import markup_problems, validate, view_problems
from mctimeline.validate.eventrows import EventRows

EVENTS = [{"event_id": f"ev-{i}", "start_date": "2024-01-01"} for i in range(5)]
RESOURCES = [{"name": "plot", "path": "timeline.svg"}]


def _mark(event_id: str) -> str:
    return f'<rect class="event" data-event="{event_id}" x="1" y="1"><title>t</title></rect>'


def _count(n: int) -> str:
    return f'<rect class="count" data-events="{n}" x="1" y="1"><title>t</title></rect>'


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ([_mark("ev-0"), _mark("ev-1"), _count(2), _count(1)], True),  # 2 marked + 3 counted = 5
        ([_count(5)], True),
        ([_mark("ev-0"), _count(3)], False),  # one event neither marked nor counted
        ([_mark("ev-0"), _mark("ev-0"), _count(3)], False),  # marked twice
        ([_mark("ev-9"), _count(4)], False),  # not an event of events.csv
        ([_mark("ev-0"), _count(5)], False),  # counted too many
    ],
)
def test_a_plot_of_marks_and_counts_shows_each_event_once(
    tmp_path: Path, body: list[str], valid: bool
) -> None:
    (tmp_path / "timeline.svg").write_text("<svg>\n" + "\n".join(body) + "\n</svg>\n", encoding="utf-8")
    problems = view_problems(tmp_path, RESOURCES, EVENTS)
    assert (problems == []) is valid, problems
    assert view_problems(tmp_path, RESOURCES, EventRows(iter(EVENTS))) == problems  # as validate holds them
    assert all(p.startswith(f"{tmp_path / 'timeline.svg'}: marks ") for p in problems)


def test_a_plot_of_marks_only_must_mark_every_event(tmp_path: Path) -> None:
    body = "".join(_mark(f"ev-{i}") for i in range(4))
    (tmp_path / "timeline.svg").write_text(f"<svg>{body}</svg>", encoding="utf-8")
    assert view_problems(tmp_path, RESOURCES, EVENTS) == [
        f"{tmp_path / 'timeline.svg'}: shows 4 events, events.csv has 5 (1 missing, 0 unknown): "
        "rebuild the package"
    ]


# --- a timeline split into pages (page.PAGE_SIZE) --------------------------------------


# The scripts a page holds (page.document): its data and its app.
SCRIPTS = '<script type="application/json" id="timeline-data">{"a":1}</script><script>var a;</script>'


def _article(event_id: str) -> str:
    return f'<article class="event" id="{event_id}"><h3>t</h3></article>'


def _pages(folder: Path, *pages: list[str]) -> list[dict[str, str]]:
    resources = []
    for number, ids in enumerate(pages, 1):
        name = "index.html" if number == 1 else f"index-{number}.html"
        body = "\n".join(_article(i) for i in ids)
        (folder / name).write_text(f"<html><body>\n{body}\n{SCRIPTS}</body></html>\n", encoding="utf-8")
        resources.append({"name": f"page-{number}", "path": name})
    return resources


@pytest.mark.parametrize(
    ("pages", "problem"),
    [
        ((["ev-0", "ev-1"], ["ev-2", "ev-3"], ["ev-4"]), ""),
        ((["ev-0", "ev-1"], ["ev-2", "ev-4"]), "show 4 events, events.csv has 5 (1 missing, 0 unknown"),
        ((["ev-0", "ev-1", "ev-2"], ["ev-2", "ev-3", "ev-4"]), "1 shown twice"),
        ((["ev-0", "ev-1"], ["ev-3", "ev-2", "ev-4"]), "or out of date order"),
        ((["ev-0", "ev-1", "ev-2", "ev-3"], ["ev-4", "ev-7"]), "(0 missing, 1 unknown"),
    ],
)
def test_the_pages_of_a_split_timeline_show_each_event_once_in_order(
    tmp_path: Path, pages: tuple[list[str], ...], problem: str
) -> None:
    problems = view_problems(tmp_path, _pages(tmp_path, *pages), EVENTS)
    assert view_problems(tmp_path, _pages(tmp_path, *pages), EventRows(iter(EVENTS))) == problems
    if not problem:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0], problems


def test_pages_numbered_with_a_gap_or_beside_a_whole_page_are_refused(tmp_path: Path) -> None:
    resources = _pages(tmp_path, ["ev-0", "ev-1", "ev-2"], ["ev-3", "ev-4"])
    resources[1]["name"] = "page-3"
    problems = view_problems(tmp_path, resources, EVENTS)
    assert len(problems) == 1 and "numbered [1, 3], not 1 to 2" in problems[0]
    resources[1]["name"] = "page-2"
    whole = "\n".join(_article(e["event_id"]) for e in EVENTS) + SCRIPTS
    (tmp_path / "whole.html").write_text(whole, encoding="utf-8")
    problems = view_problems(tmp_path, [*resources, {"name": "page", "path": "whole.html"}], EVENTS)
    assert len(problems) == 1 and "both a page of every event" in problems[0]


def test_a_built_package_split_into_pages_is_valid_and_its_pages_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import functools

    from _builder_samples import sample_timeline
    from mctimeline import page
    from mctimeline.builder import write_timeline
    from mctimeline.validate import validate

    monkeypatch.setattr(page, "write_pages", functools.partial(page.write_pages, page_size=2))
    out = tmp_path / "datapackage"
    write_timeline(sample_timeline(), out)  # three events: two pages
    assert (out / "index-2.html").is_file() and validate(out) == []
    second = out / "index-2.html"
    second.write_bytes(second.read_bytes().replace(b'<article class="event', b'<article class="gone', 1))
    problems = validate(out)
    assert any("the 2 pages show 2 events, events.csv has 3 (1 missing" in p for p in problems), problems


# --- the TimelineJS table: spreadsheet-safe cells, escaped Headline (sheetcells) -------------


def _tampered(tmp_path: Path, change: dict[str, str], rows: slice = slice(0, 1)) -> Path:
    """A valid package whose timelinejs.csv has the cells of `change` replaced in `rows`."""
    import csv
    import io

    from _builder_samples import sample_timeline
    from mctimeline.builder import write_timeline

    out = tmp_path / "datapackage"
    write_timeline(sample_timeline(), out)
    path = out / "timelinejs.csv"
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    table = list(reader)
    for row in table[rows]:
        row.update(change)
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, reader.fieldnames or [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    path.write_text(text.getvalue(), encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("column", "cell", "problem"),
    [
        ("Headline", '=HYPERLINK("http://khabar-fori/fa")', "row 2, Headline begins with '='"),
        ("Headline", "<img src=x onerror=alert(1)> مجمع امنیتی", "row 2, Headline carries raw markup"),
        ("Headline", "مجمع &#60;b&#62;امنیتی", "row 2, Headline carries text not escaped"),
        ("Headline", "'=1+1", None),  # an apostrophe: no formula, no markup
        ("Headline", "&#61;HYPERLINK(&quot;x&quot;)", "row 2, Headline carries text not escaped"),
        ("Headline", '&#61;HYPERLINK("http://khabar-fori/fa") R&amp;D &lt;b&gt;', None),
        ("Group", "@SUM(1+1)", "row 2, Group begins with '@'"),
        ("Display Date", "-2+3", "row 2, Display Date begins with '-'"),
        ("Text", "+cmd|' /C calc'!A0", "row 2, Text begins with '+'"),
        ("Media", "\thttp://x", "row 2, Media begins with '\\t'"),
        # (a cell beginning with CR also breaks frictionless's reading of the row: sheetcells' tests)
    ],
)
def test_validate_finds_formula_cells_and_raw_markup_in_the_timelinejs_table(
    tmp_path: Path, column: str, cell: str, problem: str | None
) -> None:
    from mctimeline.validate import validate

    out = _tampered(tmp_path, {column: cell})
    problems = validate(out)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1, problems
        assert problems[0].startswith(f"{out / 'timelinejs.csv'}: {problem}")
        assert problems[0].endswith(": rebuild the package")


def test_a_table_of_formulas_is_reported_in_a_bounded_number_of_lines(tmp_path: Path) -> None:
    from mctimeline.validate import view_problems

    change = dict.fromkeys(("Display Date", "Headline", "Text", "Group", "Media", "Type", "Background"), "=1")
    out = _tampered(tmp_path, change, slice(None))  # 3 rows, 7 cells each
    problems = view_problems(out, [{"name": "timelinejs", "path": "timelinejs.csv"}], [])
    cells = [p for p in problems if ": row " in p]
    assert len(cells) == 20 and problems[-1].endswith(": 1 more such cells: rebuild the package")


# --- well-formed views: characters XML and HTML forbid, elements closed ---------------------------

GOOD_SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg">\n<title>t</title>\n</svg>\n'
GOOD_PAGE = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>t</title>\n'
    "</head>\n<body>\n<p>نشست <bdi>۱۲ مهر ۱۴۰۳</bdi></p>\n"
    '<svg><rect x="1"/></svg>\n<h3 lang="fa">TITLE</h3>\n'
    '<script type="application/json" id="timeline-data">{"a":"\\u003c"}</script>\n'
    "<script>if (1 < 2) {}</script>\n</body>\n</html>\n"
)


@pytest.mark.parametrize(
    ("kind", "text", "problem"),
    [
        ("svg", GOOD_SVG, ""),
        ("html", GOOD_PAGE, ""),
        ("svg", GOOD_SVG.replace("<title>t", "<title>t\ufffe"), "line 3, column 9: U+FFFE, a character XML"),
        ("svg", GOOD_SVG.replace("<title>t", "<title>t\x01"), "U+0001, a character XML and HTML forbid"),
        ("svg", GOOD_SVG.replace("<title>t", "<title>t\ufdd0"), "U+FDD0, a character XML and HTML forbid"),
        ("svg", GOOD_SVG.replace("</title>", ""), "not well-formed XML: line 4, column 3: mismatched tag"),
        ("svg", GOOD_SVG.replace("<title>t", "<title>a & b"), "not well-formed XML: line 3"),
        ("html", GOOD_PAGE.replace("نشست", "نشست\uffff"), "line 8, column 8: U+FFFF, a character XML"),
        ("html", GOOD_PAGE.replace("نشست", "نشست\U0010fffe"), "U+10FFFE, a character XML and HTML"),
        ("html", GOOD_PAGE.replace("</bdi>", ""), "HTML: line 8: </p> closes <bdi> of line 8"),
        ("html", GOOD_PAGE.replace("</html>", ""), "not well-formed HTML: <html> of line 2 is never closed"),
    ],
)
def test_a_view_is_well_formed_with_no_forbidden_character(
    tmp_path: Path, kind: str, text: str, problem: str
) -> None:
    path = tmp_path / ("timeline.svg" if kind == "svg" else "index.html")
    path.write_text(text, encoding="utf-8")
    problems = markup_problems(path, path.read_bytes(), kind)
    if not problem:
        assert problems == []
    else:
        assert any(p.startswith(f"{path}: ") and problem in p for p in problems), problems
        assert all(p.endswith(": rebuild the package") for p in problems)


# A card's title written unescaped, or other markup the writer never writes: each is told,
# in one line naming the page, whichever path (validate.tags or html.parser) reads it.
_HOSTILE = [
    ("<script>alert(1)</script>", "line 10: script 1 <script>, not as the page writer writes it"),
    ('<img src=x onerror="alert(1)">', "line 10: <img>, an element the page writer never writes"),
    ("<span onerror=alert(1)>x</span>", "line 10: <span onerror=…>, an event-handler attribute"),
    ('<SPAN OnMouseOver="alert(1)">x</SPAN>', "<span onmouseover=…>, an event-handler attribute"),
    ('<a href="javascript:alert(1)">x</a>', '<a href="javascript:…">, a link the page writer never makes'),
    ("<a href=JavaScript:alert(1)>x</a>", '<a href="javascript:…">, a link the page writer never makes'),
    ('<a href=" java\tscript&#58;alert(1)">x</a>', '<a href="javascript:…">, a link the page writer'),
    ('<a href="data:text/html,x">x</a>', '<a href="data:…">, a link the page writer never makes'),
    ('<iframe src="https://example.org/"></iframe>', "<iframe>, an element the page writer never writes"),
    ("<IFRAME SRC=x></IFRAME>", "<iframe>, an element the page writer never writes"),
    ("<object data=x></object><embed src=x>", "<object>, an element the page writer never writes"),
    ('<meta http-equiv="refresh" content="0">', "<meta http-equiv=…>, an attribute the page writer never"),
    ('<base href="https://example.org/">', "<base>, an element the page writer never writes"),
    ('<span style="x">x</span>', "<span style=…>, an attribute the page writer never writes"),
    ('<form action="https://example.org/"></form>', "<form action=…>, an attribute the page writer never"),
    ("</h3><script>x</script><h3>", "line 10: script 1 <script>, not as the page writer writes it"),
]


@pytest.mark.parametrize(("markup", "problem"), _HOSTILE, ids=[h[0] for h in _HOSTILE])
def test_markup_the_writer_never_writes_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, markup: str, problem: str
) -> None:
    from mctimeline.validate import tags

    path = tmp_path / "index-2.html"
    path.write_text(GOOD_PAGE.replace("TITLE", markup), encoding="utf-8")
    assert tags.balanced(path.read_text("utf-8")) is None
    problems = markup_problems(path, path.read_bytes(), "html")
    active = [p for p in problems if p.startswith(f"{path}: holds markup its writer never writes: ")]
    assert len(active) == 1 and problem in active[0], problems
    assert active[0].endswith(": rebuild the package") and "\n" not in active[0]


@pytest.mark.parametrize(
    ("page", "problem"),
    [
        (GOOD_PAGE.replace("</body>", "<script>x</script></body>"), ": line 13: script 3, where the page"),
        (GOOD_PAGE.replace("<script>if", '<script type="module">if'), ": line 12: script 2 <script type>"),
        (GOOD_PAGE.replace('{"a":', '{"a"'), "the data script (timeline-data) is not JSON: Expecting ':'"),
        (GOOD_PAGE.replace(' id="timeline-data"', ""), "script 1 <script type>, not as the page writer"),
    ],
)
def test_a_page_holds_the_writers_scripts_exactly(tmp_path: Path, page: str, problem: str) -> None:
    path = tmp_path / "index.html"
    path.write_text(page, encoding="utf-8")
    problems = markup_problems(path, path.read_bytes(), "html")
    assert len(problems) == 1 and problems[0].startswith(f"{path}: holds markup"), problems
    assert problem in problems[0]


@pytest.mark.parametrize(
    "title",
    [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;a href=&quot;javascript:x&quot;&gt;",
        "on=1 javascript: onerror=",
    ],
)
def test_escaped_markup_is_text(tmp_path: Path, title: str) -> None:
    from mctimeline.validate import tags

    path = tmp_path / "index.html"
    path.write_text(GOOD_PAGE.replace("TITLE", title), encoding="utf-8")
    assert tags.balanced(path.read_text("utf-8")) is True
    assert markup_problems(path, path.read_bytes(), "html") == []


def test_a_view_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    path.write_bytes(GOOD_PAGE.encode("utf-8").replace(b"<title>t", b"<title>\xff"))
    assert markup_problems(path, path.read_bytes(), "html") == [
        f"{path}: not UTF-8 at byte {GOOD_PAGE.encode('utf-8').index(b'<title>t') + 7}: rebuild the package"
    ]


def test_every_page_of_a_split_timeline_is_checked(tmp_path: Path) -> None:
    resources = _pages(tmp_path, ["ev-0", "ev-1"], ["ev-2", "ev-3"], ["ev-4"])
    second = tmp_path / "index-2.html"
    second.write_text(second.read_text("utf-8").replace("<h3>t</h3>", "<h3>t\ufffe</h3>", 1), "utf-8")
    problems = view_problems(tmp_path, resources, EVENTS)
    # «<article class="event" id="ev-2">» is 33 characters, «<h3>t» 5 more: U+FFFE is the 39th.
    assert problems == [
        f"{second}: line 2, column 39: U+FFFE, a character XML and HTML forbid: rebuild the package"
    ]


# --- the TimelineJS table, read a row at a time --------------------------------------------


@pytest.mark.parametrize(
    ("edit", "rows"),
    [
        pytest.param(lambda lines: lines[:-1], 2, id="a row missing"),
        pytest.param(lambda lines: [*lines, lines[-1]], 4, id="a row repeated"),
        pytest.param(lambda lines: lines[::-1], 3, id="rows out of order"),
    ],
)
def test_timelinejs_rows_that_are_not_the_events_in_order(
    tmp_path: Path, edit: Callable[[list[bytes]], list[bytes]], rows: int
) -> None:
    from mctimeline.builder import write_timeline

    pkg = tmp_path / "datapackage"
    write_timeline(sample_timeline(), pkg)
    path = pkg / "timelinejs.csv"
    header, *lines = path.read_bytes().splitlines(keepends=True)
    assert len(lines) == 3 and lines[0][:4] != lines[-1][:4]  # three events, the first and last years apart
    path.write_bytes(header + b"".join(edit(lines)))
    problem = f"{path}: {rows} rows whose Years differ from the 3 events of events.csv, in order"
    assert f"{problem}: rebuild the package" in validate(pkg)


def test_the_views_markup_is_checked_on_the_helper_processes_with_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import functools

    import mctimeline.validate as v
    from _builder_samples import sample_timeline
    from mctimeline import page
    from mctimeline.builder import write_timeline
    from mctimeline.validate import pool

    monkeypatch.setattr(page, "write_pages", functools.partial(page.write_pages, page_size=2))
    out = tmp_path / "datapackage"
    write_timeline(sample_timeline(), out)
    second = out / "index-2.html"
    second.write_bytes(second.read_bytes().replace(b"</h3>", b"</h2>", 1))
    (out / "timeline.svg").write_bytes((out / "timeline.svg").read_bytes().replace(b"</svg>", b""))
    here = v.validate(out)
    assert any(p.startswith(f"{second}: not well-formed HTML") for p in here), here
    assert any(p.startswith(f"{out / 'timeline.svg'}: not well-formed XML") for p in here), here
    monkeypatch.setattr(pool, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(pool, "_cpus", lambda: 2)

    def not_here(*args: object) -> list[str]:
        raise AssertionError("a view's markup checked in this process, not on a helper")

    monkeypatch.setattr(v, "markup_problems", not_here)
    monkeypatch.setattr(pool, "markup_problems", not_here)
    assert v.validate(out) == here


def _timelinejs_problems_row_by_row(path: Path, events: list[dict[str, str]]) -> list[str]:
    """The TimelineJS table's check as it was made before its rows were read in runs: every row
    a csv.DictReader dict, every cell looked at (the reference of the test below)."""
    import csv

    from mctimeline.validate import timelinejs_cell_problems

    rows, differ = 0, False

    def counted(table: csv.DictReader[str]) -> Any:
        nonlocal rows, differ
        for row in table:
            differ = differ or rows >= len(events) or row.get("Year", "") != events[rows]["start_date"][:4]
            rows += 1
            yield row

    with path.open(encoding="utf-8", newline="") as f:
        problems = timelinejs_cell_problems(path, counted(csv.DictReader(f)))
    if differ or rows != len(events):
        problems.insert(
            0,
            f"{path}: {rows} rows whose Years differ from the {len(events)} events of "
            "events.csv, in order: rebuild the package",
        )
    return problems


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda rows: None, id="clean"),
        pytest.param(lambda rows: rows[2500].__setitem__(9, "=1+1"), id="a formula in a later run"),
        pytest.param(lambda rows: rows[1500].__setitem__(3, "\t9"), id="a tab first"),
        pytest.param(lambda rows: rows[7].__setitem__(10, "a\x1f=b"), id="the runs' separator in a cell"),
        pytest.param(lambda rows: rows[1100].__setitem__(9, "R&amp;D &lt;b&gt;"), id="an escaped Headline"),
        pytest.param(lambda rows: rows[1100].__setitem__(9, "<b>R</b>"), id="raw markup"),
        pytest.param(lambda rows: rows[3000].__delitem__(slice(5, None)), id="a short row"),
        pytest.param(lambda rows: rows[3000].extend(["=1", "x"]), id="a long row"),
        pytest.param(lambda rows: rows[900].__setitem__(0, "1999"), id="a Year that differs"),
        pytest.param(lambda rows: rows.insert(1200, []), id="an empty line"),
        pytest.param(lambda rows: rows.__delitem__(slice(2000, None)), id="rows missing"),
        pytest.param(
            lambda rows: (rows[0].__setitem__(10, "Headline"), rows[5].__setitem__(9, "=x")),
            id="a column named twice",
        ),
        pytest.param(lambda rows: rows[0].__setitem__(0, "Years"), id="no Year column"),
    ],
)
def test_the_timelinejs_table_read_in_runs_is_checked_as_row_by_row(
    tmp_path: Path, edit: Callable[[list[list[str]]], object]
) -> None:
    import csv

    header = ["Year", "Month", "Day", "Time", "End Year", "Display Date", "Group", "Media", "Type"]
    header[9:9] = ["Headline", "Text"]
    rows = [header] + [
        [str(1990 + n % 30), "1", "2", "", str(1990 + n % 30), f"day {n}", "g", "", "", f"event {n}", "t -1"]
        for n in range(3500)
    ]
    events = [{"start_date": f"{1990 + n % 30}-01-02"} for n in range(3500)]
    edit(rows)
    path = tmp_path / "timelinejs.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    got = view_problems(tmp_path, [{"name": "timelinejs", "path": "timelinejs.csv"}], events)
    assert got == _timelinejs_problems_row_by_row(path, events)
