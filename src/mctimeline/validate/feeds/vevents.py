"""Each VEVENT's reading against events.csv (UID, DTSTAMP, days, STATUS, CATEGORIES); a whole feed's check."""

from __future__ import annotations

import datetime as dt
from array import array
from pathlib import Path
from typing import Any

from mctimeline.validate.feeds.lines import _end_problems, line_problems
from mctimeline.validate.feeds.members import _Members, row_id
from mctimeline.validate.feeds.reading import strict_reading


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


class _VeventChecks:
    """Each VEVENT (summarised) has a UID of its own, a DTSTAMP, all-day dates and the
    status of its event; the VEVENTs are the feed's events of events.csv. The summaries
    come a run at a time and are checked as they come: what is kept is a byte per event
    of events.csv (seen or not) and the problems."""

    def __init__(self, path: Path, members: _Members) -> None:
        from mctimeline.feeds import event_id_of, uid  # icalendar comes with them: not at import

        self.path, self.members = path, members
        self._event_id_of, self._uid = event_id_of, uid
        self._number = 0
        self._found: list[str] = []
        self._seen = bytearray(len(members.carried))  # by place among the rows the feed carries
        self._other: set[str] = set()  # UIDs of no event of events.csv, or not of this feed
        self._other_ids: set[str] = set()

    def take(self, events: list[dict[str, Any]]) -> None:
        for ve in events:
            where, i = self._place(ve["uid"])
            row = None if i is None else self.members.rows[i]
            if not ve["dtstamp"]:
                self._found.append(f"{where}: no DTSTAMP (RFC 5545 requires it in a published VEVENT)")
            self._found += _all_day_problems(where, ve, row)
            self._found += _status_problems(where, ve, row)

    def take_clean(self, uid: str) -> None:
        """A VEVENT whose block was read before, with nothing to report against its row of
        events.csv (validate.feeds.distinct): only its place in this feed is checked."""
        self._place(uid)

    def take_row(self, i: int) -> None:
        """`take_clean` of a VEVENT whose UID is the build's UID of row `i` of `members.rows`,
        the row its event id finds in `members.index` (validate.feeds.distinct): the same
        check, without making the UID and finding the row again unless a problem names it
        (a corpus's feeds hold millions of such copies)."""
        at = self.members.place(i)
        if at is None:
            self._place(self._uid(row_id(self.members.rows, i)))
            return
        self._number += 1
        if self._seen[at]:
            self._found.append(f"{self.path}, UID {self._uid(row_id(self.members.rows, i))}: UID repeated")
        self._seen[at] = 1

    def _place(self, uid: str) -> tuple[str, int | None]:
        """The next VEVENT, by its UID: is it this feed's, and the first with that UID? Its
        name in a problem, and the number of its row of events.csv when the feed carries it
        (the row itself is made only for a VEVENT read here, not for a clean copy)."""
        self._number += 1
        if not uid:
            self._found.append(f"{self.path}, VEVENT {self._number}: no UID")
            return f"{self.path}, VEVENT {self._number}", None
        where = f"{self.path}, UID {uid}"
        event_id = self._event_id_of(uid)
        i = self.members.index.get(event_id)
        at = None if i is None else self.members.place(i)
        if i is not None and at is not None:
            if self._seen[at]:
                self._found.append(f"{where}: UID repeated")
            self._seen[at] = 1
            return where, i
        if uid in self._other:
            self._found.append(f"{where}: UID repeated")
        self._other.add(uid)
        self._other_ids.add(event_id)
        return where, None

    def problems(self) -> list[str]:
        members = self.members
        carried = zip(members.carried, self._seen, strict=True)
        missing = sorted(row_id(members.rows, i) for i, seen in carried if not seen)
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
    checks = _VeventChecks(path, _Members(rows, index, array("I", range(len(rows)))))
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
