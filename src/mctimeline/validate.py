"""Validation of a built data package: Frictionless, strict re-parsing of every feed, cross-checks."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mctimeline import calendars
from mctimeline.package import DESCRIPTOR, TABLES

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

    feeds = [r for r in desc["resources"] if isinstance(r, dict) and r.get("format") == "ics"]
    paths = [folder / str(r.get("path", "")) for r in feeds]
    datas = [_read_feed(path) for path in paths]
    texts = [_feed_text(data) for data in datas]
    with _Helper(sum(len(t) for t in texts if t is not None)) as helper:
        # The independent checks of frictionless and of the strict ical parser run in a
        # second process on a large package, beside the checks below; their problems
        # still come out in the same place and order.
        frictionless_part = helper.frictionless(desc_path)
        ical_parts = [
            helper.ical(path, text) if text is not None else None
            for path, text in zip(paths, texts, strict=True)
        ]
        helper.start()
        problems = _descriptor_problems(desc_path, desc)
        tables = {name: _read_table(folder / f"{name}.csv") for name in ("events", "sources", "mentions")}
        events = tables["events"] or []
        rest = calendar_twin_problems(events)
        rest += mention_text_problems(folder, tables["sources"] or [], tables["mentions"] or [])
        rest += feed_set_problems(desc_path, [str(r.get("path", "")) for r in feeds], events)
        by_series: dict[str | None, dict[str, dict[str, str]]] = {None: {}}
        for e in events:
            by_series[None][e["event_id"]] = e
            by_series.setdefault(e.get("series_id"), {})[e["event_id"]] = e
        feed_parts: list[list[str] | _Done | _Later] = []
        for path, data, text, ical_part in zip(paths, datas, texts, ical_parts, strict=True):
            match = _SERIES_FEED.fullmatch(path.name)
            expected = by_series.get(match["id"] if match else None, {})
            if isinstance(data, str):  # could not read it
                feed_parts.append([data])
                continue
            feed_parts.append(line_problems(path, data))
            if text is None or ical_part is None:
                feed_parts.append([_not_utf8(path, data)])
                continue
            feed_parts.append(ical_part)  # its result is asked for only once all else is done
            feed_parts.append(_icalendar_problems(path, data, expected))
        views = view_problems(folder, desc["resources"], events)
        problems += frictionless_part.result()
        problems += rest
        for part in feed_parts:
            problems += part if isinstance(part, list) else part.result()
    return problems + views


def _read_feed(path: Path) -> bytes | str:
    """A feed's bytes, or the problem of reading it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        return f"{path}: cannot read: {exc.strerror}"


def _feed_text(data: bytes | str) -> str | None:
    if isinstance(data, str):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _not_utf8(path: Path, data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"{path}: not UTF-8 at byte {exc.start}: {exc.reason}"
    return f"{path}: not UTF-8"  # pragma: no cover - only called on undecodable bytes


# Below this many characters of feeds a second process costs more than it saves.
PARALLEL_MIN_CHARS = 2_000_000


class _Done:
    """The result of a check made at once, in this process."""

    def __init__(self, value: list[str]) -> None:
        self._value = value

    def result(self) -> list[str]:
        return self._value


class _Later:
    """The result of a check the helper process makes; made here if the helper fails."""

    def __init__(self, helper: _Helper, key: str, fn: Any, args: tuple[Any, ...]) -> None:
        self._helper, self._key, self._fn, self._args = helper, key, fn, args

    def result(self) -> list[str]:
        value = self._helper.answer(self._key)
        return self._fn(*self._args) if value is None else value


class _Helper:
    """Runs frictionless and the strict ical parses in a second Python process, when the
    package is large and a second CPU is free, while this one makes the other checks.

    A fresh interpreter (not multiprocessing: that re-imports the caller's __main__ and
    forks threads' locks) given the paths as JSON on stdin; it answers JSON on stdout.
    Should it fail in any way, each check is made here instead: never a check skipped.
    """

    def __init__(self, size: int) -> None:
        self._proc: Any = None
        self._request: dict[str, Any] = {"desc": None, "feeds": {}}
        self._answers: dict[str, list[str]] | None = None
        self._parallel = size >= PARALLEL_MIN_CHARS and _cpus() >= 2

    def frictionless(self, desc_path: Path) -> _Done | _Later:
        if not self._parallel:
            return _Done(frictionless_problems(desc_path))
        self._request["desc"] = str(desc_path)
        return _Later(self, "frictionless", frictionless_problems, (desc_path,))

    def ical(self, path: Path, text: str) -> _Done | _Later:
        if not self._parallel:
            return _Done(_ical_problems(path, text))
        self._request["feeds"][str(path)] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return _Later(self, f"ical {path}", _ical_problems, (path, text))

    def start(self) -> None:
        if not self._parallel:
            return
        import os
        import subprocess
        import sys

        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-c", "from mctimeline.validate import _helper_main; _helper_main()"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
            self._proc.stdin.write(json.dumps(self._request).encode("utf-8"))
            self._proc.stdin.close()
        except OSError:
            self._proc = None

    def answer(self, key: str) -> list[str] | None:
        if self._answers is None:
            self._answers = {}
            if self._proc is not None:
                out = self._proc.stdout.read()
                if self._proc.wait() == 0:
                    with contextlib.suppress(UnicodeDecodeError, json.JSONDecodeError):
                        self._answers = json.loads(out.decode("utf-8"))
        return self._answers.get(key)

    def __enter__(self) -> _Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        if self._proc is not None:
            self._proc.stdout.close()


def _helper_main() -> None:
    """The helper process: the request on stdin, the problems on stdout (see _Helper)."""
    import sys

    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    answers: dict[str, list[str]] = {}
    if request["desc"] is not None:
        answers["frictionless"] = frictionless_problems(Path(request["desc"]))
    for name, digest in request["feeds"].items():
        data = Path(name).read_bytes()
        if hashlib.sha256(data).hexdigest() == digest:  # the very text the caller read
            answers[f"ical {Path(name)}"] = _ical_problems(Path(name), data.decode("utf-8"))
    sys.stdout.buffer.write(json.dumps(answers).encode("utf-8"))


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
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- frictionless ---------------------------------------------------------------


def frictionless_problems(desc_path: Path) -> list[str]:
    """Frictionless validation of every resource: schema, types, constraints, keys, files."""
    import frictionless

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


def calendar_twin_problems(events: Iterable[dict[str, str]]) -> list[str]:
    """Each event's Jalali and Hijri bounds must be its Gregorian bounds, through the core."""
    problems = []
    for row in events:
        for end in ("start", "end"):
            try:
                day = dt.date.fromisoformat(row.get(f"{end}_date", ""))
            except ValueError:
                continue  # frictionless reports a malformed date
            for cal in ("jalali", "hijri"):
                written = row.get(f"{cal}_{end}", "")
                try:
                    twin = calendars.from_gregorian(day, cal).isoformat()  # type: ignore[arg-type]
                except calendars.OutOfRange:
                    twin = ""
                if written != twin:
                    problems.append(
                        f"events.csv, event {row.get('event_id')}: {cal}_{end} is {written or 'empty'!r} "
                        f"but {end}_date {day} is {twin or 'outside the table'!r} in the {cal} calendar"
                    )
    return problems


def mention_text_problems(
    folder: Path, sources: list[dict[str, str]], mentions: list[dict[str, str]]
) -> list[str]:
    """Each mention's text must be its source's text between its offsets.

    A source file is looked up by its `path` relative to the folder holding the
    package; a source that is not there is not checked (a package travels without
    its texts), one whose bytes changed is reported as stale.
    """
    problems = []
    texts: dict[str, str] = {}
    for s in sources:
        path = folder.parent / s.get("path", "")
        if not s.get("path") or not path.is_file():
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != s.get("sha256"):
            problems.append(
                f"sources.csv, source {s.get('source_id')}: {path} changed since the build "
                "(sha256 differs): rebuild the package"
            )
            continue
        try:
            texts[s["source_id"]] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
    for m in mentions:
        text = texts.get(m.get("source_id", ""))
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


# --- views: the page, the plot and the TimelineJS table ------------------------------

# The event elements our own writers emit (page.py, plot.py): an id per shown event.
_VIEW_EVENTS = {
    "page": re.compile(r'<article class="event[^"]*" id="([^"]*)"'),
    "plot": re.compile(r'<rect class="event" data-event="([^"]*)"'),
}


def view_problems(folder: Path, resources: list[Any], events: list[dict[str, str]]) -> list[str]:
    """The page and the plot show each event of events.csv once; the TimelineJS table has its rows.

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
        text = path.read_bytes().decode("utf-8", "replace")
        shown = sorted(html.unescape(i) for i in pattern.findall(text))
        if shown != ids:
            problems.append(
                f"{path}: shows {len(shown)} events, events.csv has {len(ids)} "
                f"({len(set(ids) - set(shown))} missing, {len(set(shown) - set(ids))} unknown): "
                "rebuild the package"
            )
    path = paths.get("timelinejs")
    table = _read_table(path) if path is not None and path.is_file() else None
    if table is not None:
        starts = [r.get("Year", "") for r in table]
        if starts != [e["start_date"][:4] for e in events]:
            problems.append(
                f"{path}: {len(table)} rows whose Years differ from the {len(events)} events of "
                "events.csv, in order: rebuild the package"
            )
    return problems


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


def _ical_problems(path: Path, text: str) -> list[str]:
    # The `ical` package's parser is strict (pydantic models of RFC 5545): an
    # independent reader from the one that wrote the feed.
    from ical.calendar_stream import IcsCalendarStream

    try:
        IcsCalendarStream.calendar_from_ics(text)
    except Exception as exc:  # its errors have no common base worth naming
        return [f"{path}: the strict ical parser rejects it: {' '.join(str(exc).split())}"]
    return []


def _icalendar_problems(path: Path, data: bytes, expected: dict[str, dict[str, str]]) -> list[str]:
    import icalendar

    from mctimeline.feeds import event_id_of

    try:
        cal = icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError) as exc:
        return [f"{path}: icalendar cannot parse it: {exc}"]
    problems = [f"{path}: icalendar: {c.name}: {err}" for c in cal.walk() for err in c.errors]
    seen: set[str] = set()
    for number, ve in enumerate(cal.walk("VEVENT"), 1):
        where = f"{path}, VEVENT {number}"
        uid = str(ve.get("UID", ""))
        if not uid:
            problems.append(f"{where}: no UID")
        else:
            where = f"{path}, UID {uid}"
            if uid in seen:
                problems.append(f"{where}: UID repeated")
            seen.add(uid)
        if "DTSTAMP" not in ve:
            problems.append(f"{where}: no DTSTAMP (RFC 5545 requires it in a published VEVENT)")
        problems += _all_day_problems(where, ve, expected.get(event_id_of(uid)))
        problems += _status_problems(where, ve, expected.get(event_id_of(uid)))
    ids = {event_id_of(u) for u in seen}
    for missing in sorted(set(expected) - ids):
        problems.append(f"{path}: event {missing} of events.csv has no VEVENT")
    for extra in sorted(ids - set(expected)):
        problems.append(f"{path}: VEVENT {extra} is not an event of events.csv for this feed")
    return problems


def _status_problems(where: str, ve: Any, row: dict[str, str] | None) -> list[str]:
    """STATUS and CATEGORIES say the event's status and precision as events.csv does."""
    if row is None:
        return []
    problems = []
    want = "CONFIRMED" if row.get("status") == "confirmed" else "TENTATIVE"
    got = str(ve.get("STATUS", ""))
    if got != want:
        problems.append(
            f"{where}: STATUS {got or 'missing'} but events.csv says {row.get('status')!r} (expected {want})"
        )
    props = ve.get("CATEGORIES", [])
    props = props if isinstance(props, list) else [props]  # one property, or several lines of it
    cats = {str(c) for prop in props for c in getattr(prop, "cats", [])}
    for name in ("status", "precision"):
        if row.get(name) and row[name] not in cats:
            problems.append(f"{where}: CATEGORIES lack the {name} {row[name]!r} of events.csv")
    return problems


def _all_day_problems(where: str, ve: Any, row: dict[str, str] | None) -> list[str]:
    problems = []
    days: dict[str, dt.date] = {}
    for name in ("DTSTART", "DTEND"):
        prop = ve.get(name)
        if prop is None:
            problems.append(f"{where}: no {name}")
            continue
        try:
            value = prop.dt
        except Exception:  # icalendar's broken-property error; already in the component's errors
            problems.append(f"{where}: {name} cannot be read as a date")
            continue
        if (
            isinstance(value, dt.datetime)
            or not isinstance(value, dt.date)
            or prop.params.get("VALUE") != "DATE"
        ):
            problems.append(f"{where}: {name} is not an all-day VALUE=DATE")
            continue
        days[name] = value
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
