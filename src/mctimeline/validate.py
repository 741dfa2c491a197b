"""Validation of a built data package: Frictionless, strict re-parsing of every feed, cross-checks."""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import hashlib
import io
import json
import queue
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mctimeline import calendars
from mctimeline.gcpause import paused_gc
from mctimeline.package import DESCRIPTOR, TABLES
from mctimeline.reading import (
    UnsafePath,
    csv_rows,
    lift_field_limit,
    package_file,
    resource_files,
    why_unsafe,
)
from mctimeline.safetext import FORBIDDEN_IN_MARKUP

MAX_LINE_OCTETS = 75
_SERIES_FEED = re.compile(r"series-(?P<id>.+)\.ics")


def validate(folder: Path) -> list[str]:
    """Every problem found in the data package in `folder`; empty when it is valid.

    Each problem is one line naming the file (and row, line or event) and what is wrong.
    """
    desc_path = folder / DESCRIPTOR
    if not desc_path.is_file():
        return [f"{desc_path}: missing: not a data package (write one with `mctimeline build`)"]
    try:
        desc = json.loads(desc_path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{desc_path}: not UTF-8 JSON: {exc}"]
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        return [f"{desc_path}: no resources list: not a data package descriptor"]
    try:
        # Nothing is opened before every path is known to stay inside the package:
        # frictionless would fetch a URL, and each check reads the file it is given.
        resource_files(folder, desc["resources"])
        for table in TABLES:  # read by their names whatever the descriptor says
            package_file(folder, table.path, table.name)
    except UnsafePath as exc:
        return [str(exc)]

    feeds = [r for r in desc["resources"] if isinstance(r, dict) and r.get("format") == "ics"]
    paths = [folder / str(r.get("path", "")) for r in feeds]
    with _Pool(_helpers(sum(_size(path) for path in paths))) as pool:
        # Frictionless and the two parses of every feed (cut into runs of VEVENTs) are
        # independent tasks: on a large package helper processes make them, beside the
        # checks below; their problems still come out in the same place and order.
        frictionless_part = pool.submit({"kind": "frictionless", "desc": str(desc_path)})
        feed_checks = [_FeedCheck(path, pool) for path in paths]
        problems = _descriptor_problems(desc_path, desc)
        # A corpus's tables hold millions of rows: events.csv is kept only in the columns
        # the later checks read, mentions.csv is read as it is checked.
        rest: list[str] = []  # the calendar twins' problems come first
        checked = _twins_checked(_iter_table(folder / "events.csv"), rest)
        events = [{k: row[k] for k in _EVENT_KEYS if k in row} for row in checked]
        rest += mention_text_problems(
            folder, _read_table(folder / "sources.csv") or [], _iter_table(folder / "mentions.csv")
        )
        rest += feed_set_problems(desc_path, [str(r.get("path", "")) for r in feeds], events)
        by_series: dict[str | None, dict[str, dict[str, str]]] = {None: {}}
        for e in events:
            by_series[None][e["event_id"]] = e
            by_series.setdefault(e.get("series_id"), {})[e["event_id"]] = e
        views = view_problems(folder, desc["resources"], events)
        problems += frictionless_part.value()
        problems += rest
        for check in feed_checks:
            match = _SERIES_FEED.fullmatch(check.path.name)
            problems += check.problems(by_series.get(match["id"] if match else None, {}))
    return problems + views


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_feed(path: Path) -> bytes | str:
    """A feed's bytes, or the problem of reading it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        return f"{path}: cannot read: {exc.strerror}"


def _not_utf8(path: Path, data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"{path}: not UTF-8 at byte {exc.start}: {exc.reason}"
    return f"{path}: not UTF-8"  # pragma: no cover - only called on undecodable bytes


# --- one feed: its lines here, its two parses as tasks ---------------------------------

# VEVENTs per parse task: enough to make the calendar's header, parsed again in every
# task, negligible; few enough that a task's parse tree stays small (memory flat in the
# size of the feed) and the tasks share out evenly between processes.
CHUNK_EVENTS = 500

_TAIL = b"END:VCALENDAR\r\n"
# A line that starts neither a fold nor a property with a plain ASCII name: a blank
# line, a name folded or not ASCII (which the parsers may read as BEGIN or END), a line
# that only the `ical` parser takes for a fold ("|"). Such a feed is parsed whole.
_ODD_LINE = re.compile(rb"\r\n(?![ \t]|[A-Za-z0-9-]+[;:]|\Z)")
_BEGIN_END = re.compile(rb"\r\n(?i:begin|end)[;:][^\r\n]*")


def split_feed(data: bytes) -> tuple[int, list[tuple[int, int]]] | None:
    """The end of a feed's header and the byte spans of its VEVENTs, when the feed is
    exactly `BEGIN:VCALENDAR`, header properties, VEVENTs one after the other (no
    component inside them), `END:VCALENDAR` and nothing after; None for any other shape.

    In such a feed each parser reads a VEVENT the same whether the other VEVENTs are
    there or not (no VTIMEZONE, nothing between or inside VEVENTs that one parser could
    read as a component boundary and the other not), so the header, a run of VEVENTs and
    the end line parse as the same components as they do in the whole feed.
    """
    head = b"BEGIN:VCALENDAR\r\n"
    if not data.startswith(head) or data[len(head) : len(head) + 1] in (b" ", b"\t"):
        return None
    crlf = data.count(b"\r\n")
    if data.count(b"\r") != crlf or data.count(b"\n") != crlf or _ODD_LINE.search(data):
        return None  # bare CR or LF, a blank line, or a line the parsers may read differently
    spans: list[tuple[int, int]] = []
    head_end = -1
    begin = -1
    for m in _BEGIN_END.finditer(data):
        start, end = m.start() + 2, m.end() + 2  # the line, with its CRLF
        line = m.group()[2:]
        if data[end : end + 1] in (b" ", b"\t"):
            return None  # a folded BEGIN or END line
        if line == b"BEGIN:VEVENT" and begin < 0 and start == (spans[-1][1] if spans else start):
            head_end = start if head_end < 0 else head_end
            begin = start
        elif line == b"END:VEVENT" and begin >= 0:
            spans.append((begin, end))
            begin = -1
        elif line == b"END:VCALENDAR" and begin < 0 and end == len(data):
            if spans and spans[-1][1] != start:
                return None  # properties after the VEVENTs
            return (start if head_end < 0 else head_end), spans
        else:
            return None
    return None


class _FeedCheck:
    """One feed: read and line-checked at once here; its strict `ical` parse and its
    icalendar parse submitted as tasks, a run of CHUNK_EVENTS VEVENTs each."""

    def __init__(self, path: Path, pool: _Pool) -> None:
        self.path = path
        self._early: list[str] = []
        self._ical: list[_Task] = []
        self._icalendar: list[_Task] = []
        self._whole: list[list[int]] = []
        data = _read_feed(path)
        if isinstance(data, str):  # could not read it
            self._early = [data]
            return
        self._early = line_problems(path, data)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            self._early.append(_not_utf8(path, data))
            return
        self._pool = pool
        self._whole = [[0, len(data)]]
        self._whole_digest = hashlib.sha256(data).hexdigest()
        split = split_feed(data)
        if split is None:
            runs = [self._whole]
        else:
            head_end, spans = split
            runs = [
                [[0, head_end], [spans[i][0], spans[min(i + CHUNK_EVENTS, len(spans)) - 1][1]]]
                for i in range(0, len(spans), CHUNK_EVENTS)
            ] or [[[0, head_end]]]
            runs = [[*run, [len(data) - len(_TAIL), len(data)]] for run in runs]
        for kind, tasks in (("ical", self._ical), ("icalendar", self._icalendar)):
            for run in runs:
                digest = hashlib.sha256(b"".join(data[a:b] for a, b in run)).hexdigest()
                tasks.append(self._submit(kind, run, digest))

    def _submit(self, kind: str, spans: list[list[int]], digest: str) -> _Task:
        request = {"kind": kind, "path": str(self.path), "spans": spans, "sha256": digest}
        return self._pool.submit(request)

    def problems(self, expected: dict[str, dict[str, str]]) -> list[str]:
        problems = list(self._early)
        if not self._ical:
            return problems
        ical = [task.value() for task in self._ical]
        icalendar = [task.value() for task in self._icalendar]
        stale = [f"{self.path}: changed while it was validated: validate it again"]
        if any(a.get("stale") for a in ical + icalendar):
            return problems + stale
        if len(ical) > 1 and any(a["rejects"] for a in ical):
            # The parser's message (which names the event by its place) is the one of the whole feed.
            ical = [self._submit("ical", self._whole, self._whole_digest).value()]
        if len(icalendar) > 1 and any("error" in a for a in icalendar):
            icalendar = [self._submit("icalendar", self._whole, self._whole_digest).value()]
        if any(a.get("stale") for a in ical + icalendar):
            return problems + stale
        problems += [
            f"{self.path}: the strict ical parser rejects it: {a['rejects']}" for a in ical if a["rejects"]
        ]
        if "error" in icalendar[0]:
            return [*problems, f"{self.path}: icalendar cannot parse it: {icalendar[0]['error']}"]
        errors = icalendar[0]["calendar_errors"] + [e for a in icalendar for e in a["event_errors"]]
        events = [e for a in icalendar for e in a["events"]]
        problems += [f"{self.path}: icalendar: {e}" for e in errors]
        return problems + _vevents_problems(self.path, events, expected)


# --- tasks, made here or by helper processes -----------------------------------------


def _run(request: dict[str, Any]) -> Any:
    """The answer to one task (JSON in, JSON out: it may come from a helper process)."""
    if request["kind"] == "frictionless":
        return frictionless_problems(Path(request["desc"]))
    path = Path(request["path"])
    with path.open("rb") as f:
        parts = []
        for start, end in request["spans"]:
            f.seek(start)
            parts.append(f.read(end - start))
    data = b"".join(parts)
    if hashlib.sha256(data).hexdigest() != request["sha256"]:
        return {"stale": True}  # not the bytes whose lines were checked
    with paused_gc():  # a parse makes many objects and no garbage cycles worth the scans
        if request["kind"] == "ical":
            return {"rejects": _ical_rejection(data.decode("utf-8"))}
        return _icalendar_summary(data)


# Below this many bytes of feeds a helper process costs more than it saves.
PARALLEL_MIN_CHARS = 2_000_000
MAX_HELPERS = 4


def _helpers(size: int) -> int:
    cpus = _cpus()
    return min(cpus, MAX_HELPERS) if size >= PARALLEL_MIN_CHARS and cpus >= 2 else 0


class _Task:
    """One task's answer: from a helper process, or made here when none could give it."""

    def __init__(self, request: dict[str, Any]) -> None:
        self.request = request
        self._done = threading.Event()
        self._answer: Any = None
        self._answered = False

    def answer(self, value: Any) -> None:
        self._answer, self._answered = value, True
        self._done.set()

    def fail(self) -> None:
        self._done.set()

    def value(self) -> Any:
        self._done.wait()
        if not self._answered:
            self.answer(_run(self.request))
        return self._answer


class _Pool:
    """Helper processes that take tasks one at a time from a shared queue, so they share
    the work however long each task takes; with no helpers each task is made here.

    A helper is a fresh interpreter (not multiprocessing: that re-imports the caller's
    __main__ and forks threads' locks) reading a JSON task a line on stdin and writing a
    JSON answer a line on stdout, served by a thread here. Should a helper fail in any
    way, its task and, once no helper is left, every waiting one is made here instead:
    never a check skipped.
    """

    def __init__(self, helpers: int) -> None:
        self._queue: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._alive = 0
        for _ in range(helpers):
            proc = _start_helper()
            if proc is None:
                continue
            self._alive += 1
            thread = threading.Thread(target=self._serve, args=(proc,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def submit(self, request: dict[str, Any]) -> _Task:
        task = _Task(request)
        with self._lock:
            if self._alive:
                self._queue.put(task)
                return task
        task.answer(_run(request))
        return task

    def _serve(self, proc: Any) -> None:
        try:
            while (task := self._queue.get()) is not None:
                try:
                    proc.stdin.write(json.dumps(task.request).encode("utf-8") + b"\n")
                    proc.stdin.flush()
                    answer = json.loads(proc.stdout.readline().decode("utf-8"))
                except (OSError, ValueError):  # it died, or said something else
                    task.fail()
                    break
                if "value" in answer:
                    task.answer(answer["value"])
                else:
                    task.fail()
        finally:
            _stop(proc)
            with self._lock:
                self._alive -= 1
                if not self._alive:
                    with contextlib.suppress(queue.Empty):
                        while True:
                            if (waiting := self._queue.get_nowait()) is not None:
                                waiting.fail()

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        # Left early (an exception here): the helpers need not make what nobody will read.
        with contextlib.suppress(queue.Empty):
            while True:
                if (waiting := self._queue.get_nowait()) is not None:
                    waiting.fail()
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()


def _start_helper() -> Any:
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    try:
        return subprocess.Popen(
            [sys.executable, "-c", "from mctimeline.validate import _helper_main; _helper_main()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError:
        return None


def _stop(proc: Any) -> None:
    with contextlib.suppress(OSError):
        proc.stdin.close()
    if proc.poll() is None:
        try:
            proc.wait(timeout=5)
        except Exception:  # whatever keeps it from ending, end it
            proc.kill()
            proc.wait()
    proc.stdout.close()


def _helper_main() -> None:
    """A helper process: a task a line on stdin, its answer a line on stdout (see _Pool)."""
    import gc
    import sys

    gc.disable()  # its tasks' garbage is collected once after each, not scanned throughout
    for line in sys.stdin.buffer:
        try:
            answer = {"value": _run(json.loads(line.decode("utf-8")))}
        except Exception:  # the caller makes that task itself, and sees why
            answer = {}
        sys.stdout.buffer.write(json.dumps(answer).encode("utf-8") + b"\n")
        sys.stdout.buffer.flush()
        gc.collect()
        gc.freeze()  # what outlives a task (imports, caches) is not scanned again


def _cpus() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _descriptor_problems(desc_path: Path, desc: dict[str, Any]) -> list[str]:
    names = {r.get("name") for r in desc["resources"] if isinstance(r, dict)}
    return [
        f"{desc_path}: resource {t.name!r} ({t.path}) is missing from the descriptor"
        for t in TABLES
        if t.name not in names
    ]


def _read_table(path: Path) -> list[dict[str, str]] | None:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # frictionless reports it, with the reason
    return list(csv_rows(io.StringIO(text, newline="")))


def _iter_table(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a CSV table one at a time; none when it cannot be read as UTF-8 CSV.

    Frictionless reports an unreadable table, with the reason. A table that is not UTF-8
    is refused before its first row, as `_read_table` refuses it, so no check sees half of it.
    """
    try:
        with path.open("rb") as f:
            decoder = codecs.getincrementaldecoder("utf-8")()
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except (OSError, UnicodeDecodeError):
        return
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv_rows(f)


# The columns of events.csv the checks after the calendar twins read.
_EVENT_KEYS = ("event_id", "start_date", "end_date", "status", "series_id")


def _twins_checked(rows: Iterable[dict[str, str]], problems: list[str]) -> Iterator[dict[str, str]]:
    """`rows` unchanged; on the way, each event's Jalali and Hijri bounds are checked against its
    Gregorian bounds through the core, the problems added to `problems`."""
    twins: dict[tuple[dt.date, str], str] = {}  # a corpus's events share few days
    for row in rows:
        problems += _twin_problems(row, twins)
        yield row


# --- frictionless ---------------------------------------------------------------


def frictionless_problems(desc_path: Path) -> list[str]:
    """Frictionless validation of every resource: schema, types, constraints, keys, files."""
    import frictionless

    lift_field_limit()  # frictionless raises it when first imported, but someone may have lowered it
    report = frictionless.validate(str(desc_path))
    problems = [f"{desc_path}: {e.type}: {e.message}" for e in report.errors]
    for task in report.tasks:
        for e in task.errors:
            where = [task.place or task.name]
            row = getattr(e, "row_number", None)
            if row is not None:
                where.append(f"row {row}")
            field = getattr(e, "field_name", None)
            if field:
                where.append(f"field {field}")
            problems.append(f"{', '.join(where)}: {e.type}: {e.message}")
    return problems


# --- cross-checks the schemas cannot express ---------------------------------------


def _twin_problems(row: dict[str, str], twins: dict[tuple[dt.date, str], str]) -> list[str]:
    problems = []
    for end in ("start", "end"):
        try:
            day = dt.date.fromisoformat(row.get(f"{end}_date", ""))
        except ValueError:
            continue  # frictionless reports a malformed date
        for cal in ("jalali", "hijri"):
            written = row.get(f"{cal}_{end}", "")
            twin = twins.get((day, cal))
            if twin is None:
                twin = twins[day, cal] = _twin(day, cal)
            if written != twin:
                problems.append(
                    f"events.csv, event {row.get('event_id')}: {cal}_{end} is {written or 'empty'!r} "
                    f"but {end}_date {day} is {twin or 'outside the table'!r} in the {cal} calendar"
                )
    return problems


def _twin(day: dt.date, cal: str) -> str:
    try:
        return calendars.from_gregorian(day, cal).isoformat()  # type: ignore[arg-type]
    except calendars.OutOfRange:
        return ""


def mention_text_problems(
    folder: Path, sources: list[dict[str, str]], mentions: Iterable[dict[str, str]]
) -> list[str]:
    """Each mention's text must be its source's text between its offsets.

    A source file is looked up by its `path` relative to the folder holding the
    package; a source that is not there is not checked (a package travels without
    its texts), one whose bytes changed is reported as stale, and a path that is not
    such a relative path (a tampered sources.csv) is reported, never opened. One text
    is held at a time: mentions.csv lists each source's mentions together.
    """
    problems = []
    checkable: dict[str, tuple[Path, str]] = {}  # source id -> (its file, its sha256)
    for s in sources:
        if not s.get("path"):
            continue
        why = why_unsafe(s["path"])
        if why is not None:
            problems.append(
                f"sources.csv, source {s.get('source_id')}: path {s['path']!r} {why}: a source's path "
                "is relative to the folder holding the package; not read"
            )
            continue
        path = folder.parent / s["path"]
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(f"sources.csv, source {s.get('source_id')}: cannot read {path}: {exc.strerror}")
            continue
        if hashlib.sha256(data).hexdigest() != s.get("sha256"):
            problems.append(
                f"sources.csv, source {s.get('source_id')}: {path} changed since the build "
                "(sha256 differs): rebuild the package"
            )
            continue
        checkable[s["source_id"]] = (path, s.get("sha256", ""))
    current: tuple[str, str | None] = ("", None)  # (source id, its text)
    for m in mentions:
        problems += mention_status_problems(m)
        source_id = m.get("source_id", "")
        if source_id not in checkable:
            continue
        if current[0] != source_id:
            current = (source_id, _source_text(*checkable[source_id]))
        text = current[1]
        if text is None:
            continue
        try:
            start, end = int(m["start"]), int(m["end"])
        except (KeyError, ValueError):
            continue
        if text[start:end] != m.get("text"):
            problems.append(
                f"mentions.csv, mention {m.get('mention_id')}: text {m.get('text')!r} is not the "
                f"source's text at {start}-{end} ({text[start:end]!r})"
            )
    return problems


# Statuses of a mention that names no day: its bounds are empty exactly then.
_UNDATED = frozenset({"unresolved", "invalid"})


def mention_status_problems(m: dict[str, str]) -> list[str]:
    """A mention is undated (no bounds) exactly when its status says so (unresolved, invalid):
    an `ok` mention without a day, or an `unresolved` one with one, misreports what was found."""
    status, start, end = m.get("status", ""), m.get("start_date", ""), m.get("end_date", "")
    if status in _UNDATED and (start or end):
        return [f"mentions.csv, mention {m.get('mention_id')}: status {status} but bounds {start}..{end}"]
    if status and status not in _UNDATED and not (start and end):
        return [
            f"mentions.csv, mention {m.get('mention_id')}: status {status} but no bounds "
            "(a mention without a day is unresolved or invalid)"
        ]
    return []


def _source_text(path: Path, sha256: str) -> str | None:
    """The text of a source file already checked against its sha256; None if it is not UTF-8 now."""
    try:
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            return None  # changed since it was checked a moment ago: not this build's text
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# --- views: the page, the plot and the TimelineJS table ------------------------------

# The event elements our own writers emit (page.py, plot.py): an id per shown event.
_VIEW_EVENTS = {
    "page": re.compile(r'<article class="event[^"]*" id="([^"]*)"'),
    "plot": re.compile(r'<rect class="event" data-event="([^"]*)"'),
}
# A bar of the plot that counts the events beginning in its month or year (plot.py).
_COUNTED = re.compile(r'<rect class="count" data-events="([0-9]+)"')


def view_problems(folder: Path, resources: list[Any], events: list[dict[str, str]]) -> list[str]:
    """The page (or a split timeline's pages) and the plot show each event once; TimelineJS has its rows.

    A missing file is left to frictionless, which reports it.
    """
    import html

    paths = {r.get("name"): folder / str(r.get("path", "")) for r in resources if isinstance(r, dict)}
    ids = sorted(e["event_id"] for e in events)
    problems = []
    for name, pattern in _VIEW_EVENTS.items():
        path = paths.get(name)
        if path is None or not path.is_file():
            continue
        data = path.read_bytes()
        problems += markup_problems(path, data, "svg" if name == "plot" else "html")
        text = data.decode("utf-8", "replace")
        shown = sorted(html.unescape(i) for i in pattern.findall(text))
        counted = sum(int(n) for n in _COUNTED.findall(text)) if name == "plot" else 0
        if counted:
            # A dense row of the plot draws its events as counts, the rest one mark each.
            unknown, twice = len(set(shown) - set(ids)), len(shown) - len(set(shown))
            if unknown or twice or len(shown) + counted != len(ids):
                problems.append(
                    f"{path}: marks {len(shown)} events and counts {counted}, events.csv has {len(ids)} "
                    f"({unknown} unknown, {twice} marked twice): rebuild the package"
                )
        elif shown != ids:
            problems.append(
                f"{path}: shows {len(shown)} events, events.csv has {len(ids)} "
                f"({len(set(ids) - set(shown))} missing, {len(set(shown) - set(ids))} unknown): "
                "rebuild the package"
            )
    problems += _paged_problems(folder, resources, events)
    path = paths.get("timelinejs")
    table = _read_table(path) if path is not None and path.is_file() else None
    if table is not None:
        starts = [r.get("Year", "") for r in table]
        if starts != [e["start_date"][:4] for e in events]:
            problems.append(
                f"{path}: {len(table)} rows whose Years differ from the {len(events)} events of "
                "events.csv, in order: rebuild the package"
            )
        problems += timelinejs_cell_problems(path, table)
    return problems


_CELL_PROBLEMS_SHOWN = 20  # a tampered corpus table would otherwise give a line per row


def timelinejs_cell_problems(path: Path, table: list[dict[str, str]]) -> list[str]:
    """No cell of the TimelineJS table is a formula, and its Headline is escaped text (sheetcells).

    Every column is checked, whatever the descriptor says of it: the numbers the build
    writes there (years 1 to 9999, months, days) never begin with a sign.
    """
    from mctimeline.sheetcells import FORMULA_STARTS, formula_problem, html_text_problem

    found = []
    for number, row in enumerate(table, 2):  # row 1 is the header, as frictionless counts
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
    if len(found) > _CELL_PROBLEMS_SHOWN:
        more = len(found) - _CELL_PROBLEMS_SHOWN
        found = [*found[:_CELL_PROBLEMS_SHOWN], f"{path}: {more} more such cells: rebuild the package"]
    return found


_PAGE_PART = re.compile(r"page-([1-9][0-9]*)")


def _paged_problems(folder: Path, resources: list[Any], events: list[dict[str, str]]) -> list[str]:
    """A timeline split into pages (`page-1` … `page-N`) shows every event once, in events.csv's order.

    A missing page file is left to frictionless, which reports it.
    """
    import html

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
    shown: list[str] = []
    for number in sorted(parts):
        path = parts[number]
        if path.is_file():
            data = path.read_bytes()
            problems += markup_problems(path, data, "html")
            text = data.decode("utf-8", "replace")
            shown += [html.unescape(i) for i in _VIEW_EVENTS["page"].findall(text)]
    ids = [e["event_id"] for e in events]
    if shown != ids:
        missing, unknown = len(set(ids) - set(shown)), len(set(shown) - set(ids))
        problems.append(
            f"{folder}: the {len(parts)} pages show {len(shown)} events, events.csv has {len(ids)} "
            f"({missing} missing, {unknown} unknown, {len(shown) - len(set(shown))} shown twice"
            f"{', or out of date order' if not (missing or unknown) else ''}): rebuild the package"
        )
    return problems


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
    bad = FORBIDDEN_IN_MARKUP.search(text)
    if bad:
        i = bad.start()
        problems.append(
            f"{path}: line {text.count(chr(10), 0, i) + 1}, column {i - text.rfind(chr(10), 0, i)}: "
            f"U+{ord(bad.group()):04X}, a character XML and HTML forbid: rebuild the package"
        )
    wrong = _xml_error(data) if kind == "svg" else _html_error(text)
    if wrong:
        language = "XML" if kind == "svg" else "HTML"
        problems.append(f"{path}: not well-formed {language}: {wrong}: rebuild the package")
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


# Elements HTML writes with no end tag.
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")
)


def _html_error(text: str) -> str:
    """The first element of a page closed out of order, or left open; "" when there is none.

    html.parser tokenizes as HTML does (script and style content is text); our pages close
    every element but the void ones, and inline SVG's empty elements end in «/>».
    """
    from html.parser import HTMLParser

    class Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=False)
            self.open: list[tuple[str, int]] = []
            self.wrong = ""

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag not in _VOID:
                self.open.append((tag, self.getpos()[0]))

        def handle_endtag(self, tag: str) -> None:
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
    return balance.wrong


# --- feeds ------------------------------------------------------------------------


def feed_set_problems(desc_path: Path, feed_paths: list[str], events: list[dict[str, str]]) -> list[str]:
    """The descriptor lists the feeds the events call for: all, fa, ar, and one per series."""
    if not events:
        return []
    expected = {"all.ics", "fa.ics", "ar.ics"}
    expected |= {f"series-{e['series_id']}.ics" for e in events if e.get("series_id")}
    listed = set(feed_paths)
    problems = [
        f"{desc_path}: feed {p} is not listed (events.csv calls for it)" for p in sorted(expected - listed)
    ]
    problems += [
        f"{desc_path}: feed {p} is listed but no event calls for it" for p in sorted(listed - expected)
    ]
    return problems


def feed_problems(path: Path, expected: dict[str, dict[str, str]]) -> list[str]:
    """Everything wrong with one feed: bytes, lines, strict parses, and its events against events.csv."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [f"{path}: cannot read: {exc.strerror}"]
    problems = line_problems(path, data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [*problems, f"{path}: not UTF-8 at byte {exc.start}: {exc.reason}"]
    problems += _ical_problems(path, text)
    problems += _icalendar_problems(path, data, expected)
    return problems


def line_problems(path: Path, data: bytes) -> list[str]:
    """RFC 5545 §3.1 line rules: CRLF ends, at most 75 octets, folds between whole characters."""
    problems = []
    if data and not data.endswith(b"\r\n"):
        problems.append(f"{path}: the last line does not end with CRLF")
    if _only_crlf_utf8_short(data):
        return problems
    lines = data.split(b"\r\n")
    for number, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"{path}, line {number}: a bare LF or CR (RFC 5545 lines end with CRLF)")
        if len(line) > MAX_LINE_OCTETS:
            problems.append(f"{path}, line {number}: {len(line)} octets (RFC 5545 allows 75 before folding)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(
                f"{path}, line {number}: byte {exc.start} splits a UTF-8 character (fold between characters)"
            )
    return problems


def _only_crlf_utf8_short(data: bytes) -> bool:
    """No line of `data` breaks a rule: every CR and LF is a CRLF, no line is too long,
    and the whole is UTF-8 (so is each line: a cut at a CRLF splits no character)."""
    crlf = data.count(b"\r\n")
    if data.count(b"\r") != crlf or data.count(b"\n") != crlf:
        return False
    if max(map(len, data.split(b"\r\n"))) > MAX_LINE_OCTETS:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _ical_problems(path: Path, text: str) -> list[str]:
    rejection = _ical_rejection(text)
    return [] if rejection is None else [f"{path}: the strict ical parser rejects it: {rejection}"]


def _ical_rejection(text: str) -> str | None:
    """Why the `ical` package's parser rejects `text`, or None. It is strict (pydantic
    models of RFC 5545): an independent reader from the one that wrote the feed."""
    from ical.calendar_stream import IcsCalendarStream

    try:
        IcsCalendarStream.calendar_from_ics(text)
    except Exception as exc:  # its errors have no common base worth naming
        return " ".join(str(exc).split())
    return None


def _icalendar_problems(path: Path, data: bytes, expected: dict[str, dict[str, str]]) -> list[str]:
    summary = _icalendar_summary(data)
    if "error" in summary:
        return [f"{path}: icalendar cannot parse it: {summary['error']}"]
    errors = summary["calendar_errors"] + summary["event_errors"]
    problems = [f"{path}: icalendar: {e}" for e in errors]
    return problems + _vevents_problems(path, summary["events"], expected)


def _icalendar_summary(data: bytes) -> dict[str, Any]:
    """What the checks need of icalendar's reading of a feed, as JSON: the errors it
    noted in each component (the calendar's apart) and a summary of each VEVENT; or the
    error that stopped it."""
    import icalendar

    try:
        cal = icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError) as exc:
        return {"error": str(exc)}
    errors = [[f"{c.name}: {err}" for err in c.errors] for c in cal.walk()]
    return {
        "calendar_errors": errors[0],
        "event_errors": [e for component in errors[1:] for e in component],
        "events": [_vevent_summary(ve) for ve in cal.walk("VEVENT")],
    }


def _vevent_summary(ve: Any) -> dict[str, Any]:
    props = ve.get("CATEGORIES", [])
    props = props if isinstance(props, list) else [props]  # one property, or several lines of it
    return {
        "uid": str(ve.get("UID", "")),
        "dtstamp": "DTSTAMP" in ve,
        "DTSTART": _day_of(ve.get("DTSTART")),
        "DTEND": _day_of(ve.get("DTEND")),
        "status": str(ve.get("STATUS", "")),
        "categories": sorted({str(c) for prop in props for c in getattr(prop, "cats", [])}),
    }


def _day_of(prop: Any) -> str:
    """An all-day date property's day (ISO), or what it is instead: missing, unreadable, timed."""
    if prop is None:
        return "missing"
    try:
        value = prop.dt
    except Exception:  # icalendar's broken-property error; already in the component's errors
        return "unreadable"
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date) or prop.params.get("VALUE") != "DATE":
        return "timed"
    return value.isoformat()


def _vevents_problems(
    path: Path, events: list[dict[str, Any]], expected: dict[str, dict[str, str]]
) -> list[str]:
    """Each VEVENT (summarised) has a UID of its own, a DTSTAMP, all-day dates and the
    status of its event; the VEVENTs are the feed's events of events.csv."""
    from mctimeline.feeds import event_id_of

    problems = []
    seen: set[str] = set()
    for number, ve in enumerate(events, 1):
        where = f"{path}, VEVENT {number}"
        uid = ve["uid"]
        if not uid:
            problems.append(f"{where}: no UID")
        else:
            where = f"{path}, UID {uid}"
            if uid in seen:
                problems.append(f"{where}: UID repeated")
            seen.add(uid)
        if not ve["dtstamp"]:
            problems.append(f"{where}: no DTSTAMP (RFC 5545 requires it in a published VEVENT)")
        problems += _all_day_problems(where, ve, expected.get(event_id_of(uid)))
        problems += _status_problems(where, ve, expected.get(event_id_of(uid)))
    ids = {event_id_of(u) for u in seen}
    for missing in sorted(set(expected) - ids):
        problems.append(f"{path}: event {missing} of events.csv has no VEVENT")
    for extra in sorted(ids - set(expected)):
        problems.append(f"{path}: VEVENT {extra} is not an event of events.csv for this feed")
    return problems


def _status_problems(where: str, ve: dict[str, Any], row: dict[str, str] | None) -> list[str]:
    """STATUS and CATEGORIES say the event's status and precision as events.csv does."""
    if row is None:
        return []
    problems = []
    want = "CONFIRMED" if row.get("status") == "confirmed" else "TENTATIVE"
    got = ve["status"]
    if got != want:
        problems.append(
            f"{where}: STATUS {got or 'missing'} but events.csv says {row.get('status')!r} (expected {want})"
        )
    cats = set(ve["categories"])
    for name in ("status", "precision"):
        if row.get(name) and row[name] not in cats:
            problems.append(f"{where}: CATEGORIES lack the {name} {row[name]!r} of events.csv")
    return problems


_NOT_A_DAY = {
    "missing": "no {name}",
    "unreadable": "{name} cannot be read as a date",
    "timed": "{name} is not an all-day VALUE=DATE",
}


def _all_day_problems(where: str, ve: dict[str, Any], row: dict[str, str] | None) -> list[str]:
    problems = []
    days: dict[str, dt.date] = {}
    for name in ("DTSTART", "DTEND"):
        if ve[name] in _NOT_A_DAY:
            problems.append(f"{where}: " + _NOT_A_DAY[ve[name]].format(name=name))
        else:
            days[name] = dt.date.fromisoformat(ve[name])
    if len(days) < 2:
        return problems
    start, end = days["DTSTART"], days["DTEND"]
    if end <= start:
        problems.append(f"{where}: DTEND {end} is not after DTSTART {start} (DTEND is exclusive)")
    if row is not None:
        want_start = row.get("start_date", "")
        try:
            want_end = (dt.date.fromisoformat(row.get("end_date", "")) + dt.timedelta(days=1)).isoformat()
        except ValueError:
            return problems
        if start.isoformat() != want_start or end.isoformat() != want_end:
            problems.append(
                f"{where}: DTSTART/DTEND {start}/{end} do not match events.csv "
                f"{want_start}..{row.get('end_date')} (DTEND must be the day after the last day)"
            )
    return problems
