"""The feeds: each feed's lines checked here, its strict `ical` parse as tasks, its VEVENTs."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mctimeline.validate.latest import Latest
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
    """One feed: read and line-checked at once here (then its bytes are let go); its strict
    `ical` parse planned as requests, a run of CHUNK_EVENTS VEVENTs each, which `FeedChecks`
    submits and hands back in order to `take`, each checked as it comes and forgotten."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.requests: list[dict[str, Any]] = []
        self._whole: dict[str, Any] | None = None
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
        self._early += _end_problems(path, data)
        self._whole = self._request([[0, len(data)]], hashlib.sha256(data).hexdigest())
        split = split_feed(data)
        if split is None:
            self.requests = [self._whole]
            return
        head_end, spans = split
        runs = [
            [[0, head_end], [spans[i][0], spans[min(i + CHUNK_EVENTS, len(spans)) - 1][1]]]
            for i in range(0, len(spans), CHUNK_EVENTS)
        ] or [[[0, head_end]]]
        for run in runs:
            run.append([len(data) - len(_TAIL), len(data)])
            digest = hashlib.sha256(b"".join(data[a:b] for a, b in run)).hexdigest()
            self.requests.append(self._request(run, digest))

    def _request(self, spans: list[list[int]], digest: str) -> dict[str, Any]:
        return {"kind": "ical", "path": str(self.path), "spans": spans, "sha256": digest}

    def begin(self, members: _Members) -> None:
        self._members = members
        self._stale = False
        self._redo = False  # a run the parser rejects, or whose lines make no components
        self._rejects: list[str] = []
        self._errors: list[str] = []
        self._vevents = _VeventChecks(self.path, members)

    def take(self, first: bool, answer: dict[str, Any]) -> None:
        """The answer to the next run, checked now; only its problems are kept."""
        if answer.get("stale"):
            self._stale = True
        if self._stale or self._redo:
            return
        if answer["rejects"] is not None or answer["events"] is None:
            self._redo = True
            return
        self._errors += (answer["calendar_errors"] if first else []) + answer["event_errors"]
        self._vevents.take(answer["events"])

    def problems(self, pool: _Pool) -> list[str]:
        problems = list(self._early)
        if not self.requests:
            return problems
        stale = [f"{self.path}: changed while it was validated: validate it again"]
        if self._redo and not self._stale and self._whole is not None:
            # The parser's message (which names the event by its place) is the one of the
            # whole feed, and a run without components leaves the whole feed without them.
            answer = pool.submit(self._whole).value()
            self._stale = bool(answer.get("stale"))
            if not self._stale:
                self._rejects = [answer["rejects"]] if answer["rejects"] else []
                self._errors = answer["calendar_errors"] + answer["event_errors"]
                self._vevents = _VeventChecks(self.path, self._members)
                if answer["events"] is not None:
                    self._vevents.take(answer["events"])
                else:
                    self._vevents = None
        if self._stale:
            return problems + stale
        problems += [f"{self.path}: the strict ical parser rejects it: {r}" for r in self._rejects]
        if self._vevents is None:
            return problems
        problems += [f"{self.path}: {e}" for e in self._errors]
        return problems + self._vevents.problems()


def _end_problems(path: Path, data: bytes) -> list[str]:
    """A feed ends with END:VCALENDAR (the strict parser takes a feed without it)."""
    last = data.removesuffix(b"\r\n").rsplit(b"\r\n", 1)[-1]
    return [] if last.upper() == b"END:VCALENDAR" else [f"{path}: does not end with END:VCALENDAR"]


class FeedChecks:
    """Every feed's checks, their runs submitted to the pool in order with at most `window`
    in flight, so that the summaries waiting to be checked stay few whatever the size of
    the feeds; each feed is read when its first run is wanted."""

    def __init__(self, paths: list[Path], pool: _Pool, window: int) -> None:
        self._paths = list(paths)
        self._pool = pool
        self._window = max(1, window)
        self._checks: list[_FeedCheck] = []
        self._flight: deque[tuple[_FeedCheck, bool, _Task]] = deque()
        self._next = self._runs()
        self._fill()

    def _runs(self) -> Iterator[tuple[_FeedCheck, bool, dict[str, Any]]]:
        for path in self._paths:
            check = _FeedCheck(path)
            self._checks.append(check)
            for number, request in enumerate(check.requests):
                yield check, number == 0, request

    def _pull(self) -> bool:
        item = next(self._next, None)
        if item is None:
            return False
        check, first, request = item
        self._flight.append((check, first, self._pool.submit(request)))
        return True

    def _fill(self) -> None:
        while len(self._flight) < self._window and self._pull():
            pass

    def problems(self, members: dict[str, _Members]) -> list[str]:
        """Every feed's problems, in the order of the paths; `members`: the events each feed carries."""
        done: list[str] = []
        for number in range(len(self._paths)):
            while len(self._checks) <= number and self._pull():
                pass
            check = self._checks[number]
            check.begin(members.get(check.path.name, _Members.EMPTY))
            for _ in check.requests:
                if not self._flight:
                    self._pull()
                owner, first, task = self._flight.popleft()
                if owner is not check:  # pragma: no cover - the runs are submitted in order
                    raise AssertionError("a feed's runs answered out of order")
                self._fill()
                check.take(first, task.value())
            done += check.problems(self._pool)
        return done


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
    for the events of a day or month, periods.ics for those of a year or part of one;
    each whole, or as its own file (its latest events) and parts (mctimeline.feeds.parts),
    and no part empty."""
    if not events:
        return []
    expected = set(events_by_feed(events))
    listed = set(feed_paths)
    carried = set(feed_members(events, feed_paths)) | expected
    problems = [
        f"{desc_path}: feed {p} is not listed (events.csv calls for it)"
        for p in sorted(expected - listed)
    ]
    problems += [
        f"{desc_path}: feed {p} is listed but no event calls for it"
        for p in sorted(listed - carried)
    ]
    problems += [
        f"{desc_path}: {p}: events.csv has an event that falls in no listed part of the feed"
        for p in sorted(carried)
        if " (no part for " in p
    ]
    return problems


def feed_size_problems(
    folder: Path, feed_paths: list[str], latest: dict[str, Latest] | None = None
) -> list[str]:
    """No feed is larger than calendar applications take (feeds.parts.MAX_FEED_BYTES), but
    a part of a single day, which the build never cuts, and a cut feed's own file when
    its latest day alone passes the limit (`latest`: validate.latest.latest_days)."""
    from mctimeline.feeds.parts import MAX_FEED_BYTES, part_of

    latest = latest or {}
    problems = []
    for name in feed_paths:
        split = part_of(name)
        if (split is not None and len(split[1]) == 10) or (name in latest and latest[name].alone):
            continue
        try:
            size = (folder / name).stat().st_size
        except OSError:
            continue  # frictionless reports a missing file
        if size > MAX_FEED_BYTES:
            problems.append(
                f"{folder / name}: {size:,} bytes, more than a calendar application takes "
                f"({MAX_FEED_BYTES:,}): rebuild the package, which writes it as parts"
            )
    return problems


def feed_problems(path: Path, expected: dict[str, dict[str, str]]) -> list[str]:
    """Everything wrong with one feed: bytes, lines, the strict parse, and its events against events.csv."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [f"{path}: cannot read: {exc.strerror}"]
    problems = line_problems(path, data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [*problems, f"{path}: not UTF-8 at byte {exc.start}: {exc.reason}"]
    problems += _end_problems(path, data)
    reading = strict_reading(text)
    if reading["rejects"]:
        problems.append(f"{path}: the strict ical parser rejects it: {reading['rejects']}")
    if reading["events"] is None:
        return problems
    problems += [f"{path}: {e}" for e in reading["calendar_errors"] + reading["event_errors"]]
    return problems + _vevents_problems(path, reading["events"], expected)


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
    """Why the `ical` package's parser rejects `text`, or None (see `strict_reading`)."""
    rejection: str | None = strict_reading(text)["rejects"]
    return rejection


def strict_reading(text: str) -> dict[str, Any]:
    """The strict `ical` parser's reading of a feed, as JSON: why it rejects it (or None),
    and, when its lines parse into components at all, what the checks need of them: the
    typed values that do not fit their VALUE parameter (the calendar's apart from its
    components') and a summary of each VEVENT ("events" None when they do not parse).

    `ical` is strict (pydantic models of RFC 5545) and did not write the feed: an
    independent reader. Its two steps are those of `IcsCalendarStream.calendar_from_ics`
    (content lines into components, then the models), taken apart so that the
    components the models are made from are also read here, not parsed a second time.
    """
    from ical.calendar_stream import IcsCalendarStream
    from ical.parsing.component import parse_content

    try:
        components = parse_content(text)
    except Exception as exc:  # its errors have no common base worth naming
        return {"rejects": _one_line(exc), "events": None, "calendar_errors": [], "event_errors": []}
    calendar_errors = [e for c in components for e in _typed_value_errors(c)]
    inner = [sub for c in components for sub in _walk(c) if sub is not c]
    rejects = None
    try:
        by_name: dict[str, list[Any]] = {"vcalendar": []}
        for component in components:
            by_name.setdefault(component.name, []).append(component.as_dict())
        IcsCalendarStream._single_calendar(IcsCalendarStream(**by_name))
    except Exception as exc:  # as above
        rejects = _one_line(exc)
    return {
        "rejects": rejects,
        "events": [_vevent_summary(c) for c in inner if c.name == "vevent"],
        "calendar_errors": calendar_errors,
        "event_errors": [e for c in inner for e in _typed_value_errors(c)],
    }


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _walk(component: Any) -> Iterator[Any]:
    """A parsed component and every component inside it, depth first (as icalendar's walk)."""
    yield component
    for sub in component.components:
        yield from _walk(sub)


def _params(prop: Any) -> dict[str, list[str]]:
    return {p.name.upper(): list(p.values) for p in prop.params or ()}


_DATE = re.compile(r"[0-9]{8}")
_DATE_TIME = re.compile(r"[0-9]{8}T[0-9]{6}Z?")


def _as_date(value: str) -> dt.date | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _as_date_time(value: str) -> dt.datetime | None:
    if not _DATE_TIME.fullmatch(value):
        return None
    try:
        return dt.datetime.strptime(value[:15], "%Y%m%dT%H%M%S")
    except ValueError:
        return None


def _typed_value_errors(component: Any) -> list[str]:
    """The properties of `component` itself (X- ones too) whose VALUE=DATE or DATE-TIME
    parameter their value does not fit: a reader that trusts the parameter cannot read them.
    The models check only the properties they know; this is the check for the others."""
    errors = []
    for prop in component.properties:
        kind = _params(prop).get("VALUE", [""])[0].upper()
        read = {"DATE": _as_date, "DATE-TIME": _as_date_time}.get(kind)
        if read is None:
            continue
        for value in prop.value.split(","):
            if read(value) is None:
                errors.append(f"{component.name.upper()}: {prop.name.upper()} {value!r} is not a {kind}")
    return errors


_TEXT_ESCAPES = re.compile(r"\\([\\;,nN])")


def _text(value: str) -> str:
    """An RFC 5545 TEXT value unescaped (§3.3.11)."""
    return _TEXT_ESCAPES.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _vevent_summary(ve: Any) -> dict[str, Any]:
    props: dict[str, list[Any]] = {}
    for prop in ve.properties:
        props.setdefault(prop.name, []).append(prop)
    uid = props.get("uid")
    status = props.get("status")
    # CATEGORIES: one property or several lines of it, each a comma-separated list.
    cats = {_text(c) for prop in props.get("categories", []) for c in re.split(r"(?<!\\),", prop.value)}
    return {
        "uid": _text(uid[0].value) if uid else "",
        "dtstamp": "dtstamp" in props,
        "DTSTART": _day_of(props.get("dtstart")),
        "DTEND": _day_of(props.get("dtend")),
        "status": _text(status[0].value) if status else "",
        "categories": sorted(cats - {""}),
    }


def _day_of(props: list[Any] | None) -> str:
    """An all-day date property's day (ISO), or what it is instead: missing, unreadable, timed."""
    if not props:
        return "missing"
    prop = props[0]
    all_day = _params(prop).get("VALUE") == ["DATE"]
    day = _as_date(prop.value)
    if all_day and day is not None:
        return day.isoformat()
    if all_day or (day is None and _as_date_time(prop.value) is None):
        return "unreadable"
    return "timed"


class _Members:
    """The events.csv rows one feed carries: the rows and their index by id are shared by
    every feed, each feed has a byte per event saying whether it carries it."""

    EMPTY: _Members

    def __init__(self, rows: list[dict[str, str]], index: dict[str, int], flags: bytearray) -> None:
        self.rows, self.index, self.flags = rows, index, flags

    def row(self, event_id: str) -> dict[str, str] | None:
        i = self.index.get(event_id)
        return self.rows[i] if i is not None and self.flags[i] else None


_Members.EMPTY = _Members([], {}, bytearray())


def feed_members(
    events: list[dict[str, str]],
    listed: list[str] = (),  # type: ignore[assignment]
    latest: dict[str, Latest] | None = None,
) -> dict[str, _Members]:
    """Per feed file, the events.csv rows it carries (the rule of `events_by_feed`), compactly.

    Of a feed written as parts (mctimeline.feeds.parts: `all-2024.ics`, …) each event is in
    the listed part whose period its first day falls in, and the feed's own file carries
    the latest events, those from the day `latest` gives it (validate.latest.latest_days).
    """
    from mctimeline.feeds import feed_paths_of

    parts = _parts_listed(listed)
    latest = latest or {}
    index = {e["event_id"]: i for i, e in enumerate(events)}
    out: dict[str, _Members] = {}

    def carry(path: str, i: int) -> None:
        if path not in out:
            out[path] = _Members(events, index, bytearray(len(events)))
        out[path].flags[i] = 1

    for i, e in enumerate(events):
        for path in feed_paths_of(e.get("precision", ""), e.get("series_id", "")):
            if path not in parts:
                carry(path, i)
                continue
            day = e.get("start_date", "")
            carry(_part_for(path, parts[path], day), i)
            if path in latest and day >= latest[path].day:
                carry(path, i)
    return out


def _parts_listed(listed: Iterable[str]) -> dict[str, list[str]]:
    """The feeds listed as parts: feed -> its parts' periods, longest first."""
    from mctimeline.feeds.parts import part_of

    parts: dict[str, list[str]] = {}
    for path in listed:
        split = part_of(path)
        if split is not None:
            parts.setdefault(split[0], []).append(split[1])
    return {feed: sorted(periods, key=lambda p: (-len(p), p)) for feed, periods in parts.items()}


def _part_for(feed: str, periods: list[str], day: str) -> str:
    """The part of `feed` whose period `day` falls in; a name of no listed part when none does."""
    from mctimeline.feeds.parts import part_path

    for period in periods:
        if day.startswith(period) and day[len(period) : len(period) + 1] in ("", "-"):
            return part_path(feed, period)
    return f"{feed} (no part for {day[:10] or 'an undated event'})"


class _VeventChecks:
    """Each VEVENT (summarised) has a UID of its own, a DTSTAMP, all-day dates and the
    status of its event; the VEVENTs are the feed's events of events.csv. The summaries
    come a run at a time and are checked as they come: what is kept is a byte per event
    of events.csv (seen or not) and the problems."""

    def __init__(self, path: Path, members: _Members) -> None:
        self.path, self.members = path, members
        self._number = 0
        self._found: list[str] = []
        self._seen = bytearray(len(members.rows))
        self._other: set[str] = set()  # UIDs of no event of events.csv, or not of this feed
        self._other_ids: set[str] = set()

    def take(self, events: list[dict[str, Any]]) -> None:
        from mctimeline.feeds import event_id_of

        for ve in events:
            self._number += 1
            where = f"{self.path}, VEVENT {self._number}"
            uid = ve["uid"]
            event_id = event_id_of(uid)
            if not uid:
                self._found.append(f"{where}: no UID")
            else:
                where = f"{self.path}, UID {uid}"
                i = self.members.index.get(event_id)
                if i is not None and self.members.flags[i]:
                    if self._seen[i]:
                        self._found.append(f"{where}: UID repeated")
                    self._seen[i] = 1
                else:
                    if uid in self._other:
                        self._found.append(f"{where}: UID repeated")
                    self._other.add(uid)
                    self._other_ids.add(event_id)
            if not ve["dtstamp"]:
                self._found.append(f"{where}: no DTSTAMP (RFC 5545 requires it in a published VEVENT)")
            row = self.members.row(event_id) if uid else None
            self._found += _all_day_problems(where, ve, row)
            self._found += _status_problems(where, ve, row)

    def problems(self) -> list[str]:
        members = self.members
        missing = sorted(
            members.rows[i]["event_id"] for i, flag in enumerate(members.flags) if flag and not self._seen[i]
        )
        found = [*self._found, *(f"{self.path}: event {m} of events.csv has no VEVENT" for m in missing)]
        for extra in sorted(self._other_ids):
            found.append(f"{self.path}: VEVENT {extra} is not an event of events.csv for this feed")
        return found


def _vevents_problems(
    path: Path, events: list[dict[str, Any]], expected: dict[str, dict[str, str]]
) -> list[str]:
    """`_VeventChecks` of all a feed's VEVENTs at once, against its rows of events.csv by id."""
    rows = list(expected.values())
    index = {r["event_id"]: i for i, r in enumerate(rows)}
    checks = _VeventChecks(path, _Members(rows, index, bytearray(b"\1" * len(rows))))
    checks.take(events)
    return checks.problems()


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
