"""The feeds: each feed's lines checked here, its strict parses (icalendar, ical) as tasks, its events."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mctimeline.validate.pool import _Pool, _Task

# The longest line RFC 5545 allows, in octets, without its CRLF.
MAX_LINE_OCTETS = 75


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


# --- feeds ------------------------------------------------------------------------


def events_by_feed(events: list[dict[str, str]]) -> dict[str, dict[str, dict[str, str]]]:
    """Per feed file, the events.csv rows it carries by id, by the rule the builder follows
    (mctimeline.feeds.feed_paths_of: a day's feeds, or periods.ics for a year's events)."""
    from mctimeline.feeds import feed_paths_of

    out: dict[str, dict[str, dict[str, str]]] = {}
    for e in events:
        for path in feed_paths_of(e.get("precision", ""), e.get("series_id", "")):
            out.setdefault(path, {})[e["event_id"]] = e
    return out


def feed_set_problems(desc_path: Path, feed_paths: list[str], events: list[dict[str, str]]) -> list[str]:
    """The descriptor lists the feeds the events call for: all, fa, ar and one per series
    for the events of a day or month, periods.ics for those of a year or part of one."""
    if not events:
        return []
    expected = set(events_by_feed(events))
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
