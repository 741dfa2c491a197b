"""The views: the page, the plot and the TimelineJS table, against events.csv and as well-formed markup."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import Any

from mctimeline.package import DESCRIPTOR
from mctimeline.safetext import FORBIDDEN_IN_MARKUP
from mctimeline.sheetcells import FORMULA_STARTS
from mctimeline.validate import tags
from mctimeline.validate.feeds.members import _cells, row_id
from mctimeline.validate.tables import _utf8_table

# --- views: the page, the plot and the TimelineJS table ------------------------------

# The event elements our own writers emit (page/, plot/): an id per shown event.
_VIEW_EVENTS = {
    "page": re.compile(r'<article class="event[^"]*" id="([^"]*)"'),
    "plot": re.compile(r'<rect class="event" data-event="([^"]*)"'),
}
# A bar of the plot that counts the events beginning in its month or year (plot/).
_COUNTED = re.compile(r'<rect class="count" data-events="([0-9]+)"')


Markup = Callable[[Path, bytes, str], list[str]]  # (path, its bytes, "svg" or "html") -> problems


def markup_views(folder: Path, resources: list[Any]) -> list[tuple[Path, str]]:
    """The views whose markup `view_problems` checks, each with its kind ("svg" or "html"):
    so that their parses can be made beforehand, on helper processes (validate.pool)."""
    out = []
    for r in resources:
        name = str(r.get("name", "")) if isinstance(r, dict) else ""
        if name in _VIEW_EVENTS or _PAGE_PART.fullmatch(name):
            out.append((folder / str(r.get("path", "")), "svg" if name == "plot" else "html"))
    return out


def view_problems(
    folder: Path, resources: list[Any], events: Sequence[dict[str, str]], markup: Markup | None = None
) -> list[str]:
    """The page (or a split timeline's pages) and the plot show each event once; TimelineJS has its rows.

    A missing file is left to frictionless, which reports it. `markup`: the well-formedness
    check of a view (`markup_problems`, or its answer made beforehand).
    """
    markup = markup or markup_problems
    import html

    paths = {r.get("name"): folder / str(r.get("path", "")) for r in resources if isinstance(r, dict)}
    problems = []
    for name, pattern in _VIEW_EVENTS.items():
        path = paths.get(name)
        if path is None or not path.is_file():
            continue
        data = path.read_bytes()
        problems += markup(path, data, "svg" if name == "plot" else "html")
        text = data.decode("utf-8", "replace")
        shown = sorted(html.unescape(i) for i in pattern.findall(text))
        counted = sum(int(n) for n in _COUNTED.findall(text)) if name == "plot" else 0
        if counted:
            # A dense row of the plot draws its events as counts, the rest one mark each:
            # its few marks are looked up, not every id of events.csv gathered.
            unknown = len(set(shown) - _known(events, shown))
            twice = len(shown) - len(set(shown))
            if unknown or twice or len(shown) + counted != len(events):
                problems.append(
                    f"{path}: marks {len(shown)} events and counts {counted}, events.csv has {len(events)} "
                    f"({unknown} unknown, {twice} marked twice): rebuild the package"
                )
            continue
        ids = sorted(e["event_id"] for e in events)  # as many as the view shows
        if shown != ids:
            problems.append(
                f"{path}: shows {len(shown)} events, events.csv has {len(ids)} "
                f"({len(set(ids) - set(shown))} missing, {len(set(shown) - set(ids))} unknown): "
                "rebuild the package"
            )
    problems += _paged_problems(folder, resources, events, markup)
    path = paths.get("timelinejs")
    if path is not None and path.is_file():
        problems += _timelinejs_problems(path, events)
    return problems


def _known(events: Sequence[dict[str, str]], wanted: Iterable[str]) -> set[str]:
    """Those of `wanted` that are ids of `events`: found by the events' index when they
    have one (validate.eventrows), else by a pass over them."""
    get = getattr(events, "get", None)
    if callable(get):
        return {i for i in wanted if get(i) is not None}
    wanted = set(wanted)
    return {e["event_id"] for e in events if e["event_id"] in wanted}


def _timelinejs_problems(path: Path, events: Sequence[dict[str, str]]) -> list[str]:
    """The TimelineJS table has a row per event, in order, with its Year; its cells are safe.
    Read a run of rows at a time: the table of a corpus is as long as events.csv."""
    if not _utf8_table(path):
        return []  # frictionless reports it, with the reason
    starts = _cells(events, ("start_date",))
    rows, differ, found = 0, False, []
    with path.open(encoding="utf-8", newline="") as f:
        for run in _table_runs(f):
            # As csv.DictReader reads them (its row.get("Year", "") is None past a short row's end)
            years = run.column("Year")
            if not differ:
                wanted = [(start or "")[:4] for (start,) in islice(starts, len(years))]
                differ = years != wanted
            found += _run_cell_problems(path, run, rows + 2)  # row 1 is the header
            rows += len(run.rows)
    found = _shown(path, found)
    if differ or rows != len(events):
        found.insert(
            0,
            f"{path}: {rows} rows whose Years differ from the {len(events)} events of "
            "events.csv, in order: rebuild the package",
        )
    return found


class _Run:
    """A run of a CSV table's rows, as lists, with its header: each row read as csv.DictReader
    reads it (`as_dict`), without making the dicts."""

    def __init__(self, header: list[str], rows: list[list[str]]) -> None:
        self.header, self.rows = header, rows
        self._at = {name: i for i, name in enumerate(header)}
        # A column named twice is read by DictReader from its last cell, in its first place.
        self.plain = len(self._at) == len(header)

    def position(self, name: str) -> int | None:
        """Where the column `name` is in a row (None: the header has none)."""
        return self._at.get(name)

    def column(self, name: str) -> list[str | None]:
        """`as_dict(i).get(name, "")` of each row `i`."""
        at = self._at.get(name)
        if at is None:
            return [""] * len(self.rows)
        return [row[at] if at < len(row) else None for row in self.rows]

    def as_dict(self, i: int) -> dict[Any, Any]:
        """Row `i` as csv.DictReader gives it: extra cells as a list under None, missing ones None."""
        row = self.rows[i]
        out: dict[Any, Any] = dict(zip(self.header, row, strict=False))
        if len(self.header) < len(row):
            out[None] = row[len(self.header) :]
        for name in self.header[len(row) :]:
            out[name] = None
        return out


_RUN_ROWS = 1024


def _table_runs(lines: Iterable[str]) -> Iterator[_Run]:
    """The rows of a CSV table after its header, in runs of up to _RUN_ROWS, those csv.DictReader
    yields (it skips the empty ones)."""
    from mctimeline.reading import lift_field_limit

    lift_field_limit()
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        return
    run: list[list[str]] = []
    for row in reader:
        if row:
            run.append(row)
            if len(run) == _RUN_ROWS:
                yield _Run(header, run)
                run = []
    if run:
        yield _Run(header, run)


# A cell beginning with a formula's first character, each cell of a run of rows joined
# after a \x1f: found where one is (or where a cell holds the separator: then the run is
# looked at closely).
_FORMULA_AFTER = re.compile("\x1f[" + re.escape("".join(sorted(FORMULA_STARTS))) + "]")
_NOT_PLAIN_HEADLINE = re.compile("[&<>]")


def _run_cell_problems(path: Path, run: _Run, first: int) -> list[str]:
    """`timelinejs_cell_problems` of the rows of `run` (numbered from `first`): a run none of
    whose cells may be wrong (no cell beginning as a formula, no Headline holding & < >,
    every row as long as the header) is told so at once, by two searches."""
    width = len(run.header)
    if run.plain and all(len(row) == width for row in run.rows):
        cells = "\x1f" + "\x1f".join(chain.from_iterable(run.rows))
        at = run.position("Headline")
        headlines = "" if at is None else "".join(row[at] for row in run.rows)
        if _FORMULA_AFTER.search(cells) is None and _NOT_PLAIN_HEADLINE.search(headlines) is None:
            return []
    return _cell_problems(path, (run.as_dict(i) for i in range(len(run.rows))), first)


_CELL_PROBLEMS_SHOWN = 20  # a tampered corpus table would otherwise give a line per row


def timelinejs_cell_problems(path: Path, table: Iterable[dict[str, str]]) -> list[str]:
    """No cell of the TimelineJS table is a formula, and its Headline is escaped text (sheetcells).

    Every column is checked, whatever the descriptor says of it: the numbers the build
    writes there (years 1 to 9999, months, days) never begin with a sign.
    """
    return _shown(path, _cell_problems(path, table, 2))  # row 1 is the header, as frictionless counts


def _cell_problems(path: Path, table: Iterable[dict[str, str]], first: int) -> list[str]:
    from mctimeline.sheetcells import formula_problem, html_text_problem

    found = []
    for number, row in enumerate(table, first):
        # A corpus's table has millions of rows: only a cell that may be wrong is looked at
        # closely (a Headline without & < > is escaped text when it is no formula).
        for column, cell in row.items():
            if not isinstance(cell, str):
                continue  # a short or long row: frictionless reports it
            if column == "Headline" and ("&" in cell or "<" in cell or ">" in cell):
                problem = html_text_problem(cell)
            elif cell[:1] in FORMULA_STARTS:
                problem = formula_problem(cell)
            else:
                continue
            if problem is not None:
                found.append(f"{path}: row {number}, {column} {problem}: rebuild the package")
    return found


def _shown(path: Path, found: list[str]) -> list[str]:
    """The first _CELL_PROBLEMS_SHOWN of `found`, and how many more there are."""
    if len(found) > _CELL_PROBLEMS_SHOWN:
        more = len(found) - _CELL_PROBLEMS_SHOWN
        found = [*found[:_CELL_PROBLEMS_SHOWN], f"{path}: {more} more such cells: rebuild the package"]
    return found


_PAGE_PART = re.compile(r"page-([1-9][0-9]*)")


def _paged_problems(
    folder: Path, resources: list[Any], events: Sequence[dict[str, str]], markup: Markup
) -> list[str]:
    """A timeline split into pages (`page-1` … `page-N`) shows every event once, in events.csv's order.

    A missing page file is left to frictionless, which reports it.
    """

    parts = {}
    for r in resources:
        m = _PAGE_PART.fullmatch(str(r.get("name", ""))) if isinstance(r, dict) else None
        if m:
            parts[int(m.group(1))] = folder / str(r.get("path", ""))
    if not parts:
        return []
    problems = []
    if sorted(parts) != list(range(1, len(parts) + 1)):
        problems.append(
            f"{folder / DESCRIPTOR}: the timeline's pages are numbered {sorted(parts)[:10]}, "
            f"not 1 to {len(parts)}: rebuild the package"
        )
    if any(isinstance(r, dict) and r.get("name") == "page" for r in resources):
        problems.append(
            f"{folder / DESCRIPTOR}: lists both a page of every event (page) and the pages of a split "
            "timeline (page-1 …): rebuild the package"
        )
    # Each page's events are compared with the next of events.csv as the page is read, so
    # that no list of every id is made; only should they differ are they gathered, to say how.
    at, same = 0, True
    for number in sorted(parts):
        path = parts[number]
        if path.is_file():
            data = path.read_bytes()
            problems += markup(path, data, "html")
            for i in _page_ids(data):
                # (An empty id is compared with the row itself: a row without one reads None.)
                same = (
                    same
                    and at < len(events)
                    and row_id(events, at) == i
                    and (i != "" or events[at]["event_id"] == i)
                )
                at += 1
    if same and at == len(events):
        return problems
    shown = [i for n in sorted(parts) if parts[n].is_file() for i in _page_ids(parts[n].read_bytes())]
    ids = [e["event_id"] for e in events]
    if shown != ids:
        missing, unknown = len(set(ids) - set(shown)), len(set(shown) - set(ids))
        problems.append(
            f"{folder}: the {len(parts)} pages show {len(shown)} events, events.csv has {len(ids)} "
            f"({missing} missing, {unknown} unknown, {len(shown) - len(set(shown))} shown twice"
            f"{', or out of date order' if not (missing or unknown) else ''}): rebuild the package"
        )
    return problems


def _page_ids(data: bytes) -> list[str]:
    """The ids of the events a page of the timeline shows, in its order."""
    import html

    text = data.decode("utf-8", "replace")
    return [html.unescape(i) for i in _VIEW_EVENTS["page"].findall(text)]


# FORBIDDEN_IN_MARKUP in UTF-8: C0 controls but tab, LF and CR, DEL; C1 controls; U+FDD0
# to U+FDEF; U+xFFFE and U+xFFFF of every plane (the surrogates are no UTF-8). Searched
# in a page's bytes from the bytes one of them begins with (a fast scan), it costs a
# fifth of the search of the text, which is searched only to say where.
_FORBIDDEN_UTF8 = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xb7[\x90-\xaf]|\xef\xbf[\xbe\xbf]"
    rb"|[\xf0-\xf4][\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]"
)
_FORBIDDEN_FIRST = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\xc2\xef\xf0-\xf4]")


def _forbidden_in(data: bytes) -> bool:
    """Whether UTF-8 `data` holds a character of FORBIDDEN_IN_MARKUP."""
    at = 0
    while (first := _FORBIDDEN_FIRST.search(data, at)) is not None:
        if _FORBIDDEN_UTF8.match(data, first.start()):
            return True
        at = first.start() + 1
    return False


def markup_problems(path: Path, data: bytes, kind: str) -> list[str]:
    """A view (`kind` "svg" or "html") is UTF-8, holds no character XML or HTML forbids, and is
    well-formed: the SVG parses as XML, a page's elements are each closed, in order.

    The first problem of each kind is reported: one is enough to rebuild, and a tampered
    page could have millions.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"{path}: not UTF-8 at byte {exc.start}: rebuild the package"]
    problems = []
    bad = FORBIDDEN_IN_MARKUP.search(text) if _forbidden_in(data) else None
    if bad:
        i = bad.start()
        problems.append(
            f"{path}: line {text.count(chr(10), 0, i) + 1}, column {i - text.rfind(chr(10), 0, i)}: "
            f"U+{ord(bad.group()):04X}, a character XML and HTML forbid: rebuild the package"
        )
    wrong, active = (_xml_error(data), "") if kind == "svg" else _html_check(text)
    if wrong:
        language = "XML" if kind == "svg" else "HTML"
        problems.append(f"{path}: not well-formed {language}: {wrong}: rebuild the package")
    if active:
        problems.append(f"{path}: holds markup its writer never writes: {active}: rebuild the package")
    return problems


def _xml_error(data: bytes) -> str:
    """Where and why expat (a conforming XML parser, building no tree) rejects `data`, or ""."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return f"line {exc.lineno}, column {exc.offset + 1}: {expat.errors.messages[exc.code]}"
    return ""


def _html_check(text: str) -> tuple[str, str]:
    """The first element of a page closed out of order, or left open (""  when there is
    none); and the first tag the page writer never writes, or script it does not (where
    the escaping of a text failed: validate.tags.tag_problem, SCRIPTS), or "".

    html.parser tokenizes as HTML does (script and style content is text); our pages close
    every element but the void ones, and inline SVG's empty elements end in «/>». A page
    in the markup `validate.tags` reads as html.parser does, balanced and the writer's, is
    told so there, at a tenth of the cost; any other page (every one with a problem) is
    read here.
    """
    if tags.balanced(text):
        return "", ""
    from html.parser import HTMLParser

    class Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=False)
            self.open: list[tuple[str, int]] = []
            self.wrong = ""
            self.active = ""
            self.scripts = 0
            self.data: list[str] | None = None  # the first script's text, while it is read
            self.json = ""

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag not in tags.VOID:
                self.open.append((tag, self.getpos()[0]))
            if self.active:
                return
            problem = tags.tag_problem(tag, attrs)
            if not problem and tag == "script":
                self.scripts += 1
                wanted = tags.SCRIPTS[self.scripts - 1] if self.scripts <= len(tags.SCRIPTS) else None
                if wanted is None:
                    problem = f"script {self.scripts}, where the page writer writes {len(tags.SCRIPTS)}"
                elif tuple(attrs) != wanted:
                    attributes = "".join(f" {n}" for n, _ in attrs)
                    problem = f"script {self.scripts} <script{attributes}>, not as the page writer writes it"
                elif self.scripts == 1:
                    self.data = []
            if problem:
                self.active = f"line {self.getpos()[0]}: {problem}"

        def handle_data(self, data: str) -> None:
            if self.data is not None:
                self.data.append(data)

        def handle_endtag(self, tag: str) -> None:
            if tag == "script" and self.data is not None:
                self.json, self.data = tags.data_problem("".join(self.data)), None
            if self.wrong:
                return
            if not self.open or self.open[-1][0] != tag:
                opened = f"<{self.open[-1][0]}> of line {self.open[-1][1]}" if self.open else "nothing"
                self.wrong = f"line {self.getpos()[0]}: </{tag}> closes {opened}"
            else:
                self.open.pop()

    balance = Balance()
    balance.feed(text)
    balance.close()
    if not balance.wrong and balance.open:
        tag, line = balance.open[-1]
        balance.wrong = f"<{tag}> of line {line} is never closed"
    active = balance.active or balance.json
    if not active and balance.scripts != len(tags.SCRIPTS):
        active = f"{balance.scripts} scripts, where the page writer writes {len(tags.SCRIPTS)}"
    return balance.wrong, active
