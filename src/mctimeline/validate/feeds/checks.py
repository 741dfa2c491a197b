"""The feeds' checks as a stream: each feed read here, its strict parse as runs of VEVENTs on helpers."""

from __future__ import annotations

import hashlib
from array import array
from collections import deque
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mctimeline.validate.feeds import lines
from mctimeline.validate.feeds.distinct import Distinct, digest, uid_key
from mctimeline.validate.feeds.lines import _TAIL, _end_problems, _not_utf8, _read_feed, split_feed
from mctimeline.validate.feeds.members import _Members
from mctimeline.validate.feeds.vevents import _VeventChecks

if TYPE_CHECKING:
    from mctimeline.validate.pool import _Pool, _Task

# --- one feed: its lines here, the strict parse of its new VEVENT blocks as tasks ----------

# VEVENTs per parse task: enough to make the calendar's header, parsed again in every
# task, negligible; few enough that a task's parse tree stays small (memory flat in the
# size of the feed) and the tasks share out evenly between processes.
CHUNK_EVENTS = 500
_HERE = -1  # in a feed's plan: a block parsed in this feed's runs


class _FeedCheck:
    """One feed: read and line-checked at once here (then its bytes are let go); its strict
    `ical` parse planned as requests, each the feed's header, a run of up to CHUNK_EVENTS
    of its VEVENT blocks not met before (validate.feeds.distinct) and its end line, which
    `FeedChecks` submits and hands back in order to `take`. Every VEVENT of the feed is
    checked in its place, as it comes: from its own parse, or from the verdict on the
    same bytes met in an earlier feed (or earlier in this one)."""

    def __init__(self, path: Path, distinct: Distinct) -> None:
        self.path, self._distinct = path, distinct
        self.requests: list[dict[str, Any]] = []
        self._whole: dict[str, Any] | None = None
        self._plan: array[int] | None = None  # per VEVENT block: the slot of one met before, or _HERE
        self._claims = array("q")  # per block parsed here: the slot it claimed, or -1
        data = _read_feed(path)
        if isinstance(data, str):  # could not read it
            self._early = [data]
            return
        # A feed told sound by its lines' check (every feed a build writes) is UTF-8 and of
        # CRLF lines only: neither decoded nor counted again.
        self._early, sound = lines.line_check(path, data)
        if not sound:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                self._early.append(_not_utf8(path, data))
                return
        self._early += _end_problems(path, data)
        whole = hashlib.sha256(data).hexdigest()
        self._whole = self._request([[0, len(data)]], whole)
        split = split_feed(data, crlf_only=sound)
        if split is None:
            self.requests = [self._whole]
            return
        head_end, spans = split
        self._plan = array("q")
        fresh = [span for span in spans if self._meet(data[span[0] : span[1]])]
        head, tail = [0, head_end], [len(data) - len(_TAIL), len(data)]
        for i in range(0, max(len(fresh), 1), CHUNK_EVENTS):
            run = [head, *_merged(fresh[i : i + CHUNK_EVENTS]), tail]
            self.requests.append(self._request(run, _spans_digest(data, run)))
        # The blocks met before are not read again by a parse: the first run checks that
        # the whole file is still the bytes read here.
        self.requests[0]["file_sha256"] = whole

    def _meet(self, block: bytes) -> bool:
        """Plan one VEVENT block: True when it is to be parsed here."""
        key = uid_key(block)
        met, slot = (
            (False, None)
            if key is None
            else self._distinct.meet(self._distinct.event_id_of(key), digest(block))
        )
        if met and slot is not None:
            self._plan.append(slot)  # type: ignore[union-attr]
            return False
        self._plan.append(_HERE)  # type: ignore[union-attr]
        self._claims.append(-1 if slot is None else slot)
        return True

    def _request(self, spans: list[list[int]], digest_: str) -> dict[str, Any]:
        return {"kind": "ical", "path": str(self.path), "spans": spans, "sha256": digest_}

    def begin(self, members: _Members) -> None:
        self._members = members
        self._stale = False
        self._redo = False  # a run the parser rejects, whose lines make no components, or a verdict missing
        self._rejects: list[str] = []
        self._errors: list[str] = []
        self._vevents: _VeventChecks | None = _VeventChecks(self.path, members)
        # A clean block's row is its slot's: checked by it when the feed's rows and index
        # are those the slots were claimed by (always in validate()).
        distinct = self._distinct
        self._direct = members.rows is distinct.rows and members.index is distinct.index
        self._at = 0  # the next block of the plan to check
        self._parsed = 0  # the blocks parsed here whose answers came

    def take(self, first: bool, answer: dict[str, Any]) -> None:
        """The answer to the next run, checked now; only its problems are kept."""
        if answer.get("stale"):
            self._stale = True
        if self._stale or self._redo:
            return
        if answer["rejects"] is not None or answer["events"] is None:
            self._redo = True
            return
        self._errors += answer["calendar_errors"] if first else []
        if self._plan is None:  # the whole feed in one request
            self._errors += answer["event_errors"]
            self._vevents.take(answer["events"])  # type: ignore[union-attr]
            return
        events = answer["events"]
        claims = self._claims[self._parsed : self._parsed + len(events)]
        if len(claims) != len(events) or self._parsed + len(events) > len(self._claims):
            self._redo = True  # pragma: no cover - a run of split blocks reads as those blocks
            return
        # A clean block (validate.feeds.distinct) is checked here as its copies are.
        note = self._distinct.note
        pairs = zip(claims, events, strict=True)
        clean = [slot >= 0 and note(slot, ve, ve.get("errors", [])) for slot, ve in pairs]
        self._walk(iter(zip(events, clean, claims, strict=True)))
        self._parsed += len(events)

    def _walk(self, answers: Iterator[tuple[dict[str, Any], bool, int]]) -> None:
        """Check the feed's blocks in order, from the next one, until a block parsed here
        whose answer has not come yet (`answers`: a run's, in order: each VEVENT's
        summary, whether it is clean, its slot)."""
        plan = self._plan
        while plan is not None and self._at < len(plan) and not self._redo:
            slot = plan[self._at]
            if slot == _HERE:
                answer = next(answers, None)
                if answer is None:
                    return
                ve, clean, claimed = answer
                if clean:
                    self._clean(claimed)
                else:
                    self._errors += ve.get("errors", [])
                    self._vevents.take([ve])  # type: ignore[union-attr]
            else:
                self._replay(slot)
            self._at += 1

    def _clean(self, slot: int) -> None:
        """A clean block of the event whose blocks `slot` holds, checked in its place."""
        if self._direct:
            self._vevents.take_row(self._distinct.row_of(slot))  # type: ignore[union-attr]
        else:
            self._vevents.take_clean(self._distinct.uid_of(slot))  # type: ignore[union-attr]

    def _replay(self, slot: int) -> None:
        """A block met before: its verdict, checked in its place in this feed."""
        verdict = self._distinct.verdict(slot)
        if verdict is False:  # its parse never gave one: this feed is parsed whole
            self._redo = True
        elif verdict is None:
            self._clean(slot)
        elif isinstance(verdict, tuple):
            summary, errors = verdict
            self._errors += errors
            self._vevents.take([summary])  # type: ignore[union-attr]

    def problems(self, pool: _Pool) -> list[str]:
        problems = list(self._early)
        if not self.requests:
            return problems
        if not self._stale and not self._redo:
            self._walk(iter(()))  # the blocks met before, after the last one parsed here
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


def _spans_digest(data: bytes, spans: list[list[int]]) -> str:
    """The SHA-256 of `data`'s `spans` one after the other (as the helper reads them), the
    spans hashed in place rather than copied and joined."""
    view = memoryview(data)
    digest_ = hashlib.sha256()
    for a, b in spans:
        digest_.update(view[a:b])
    return digest_.hexdigest()


def _merged(spans: list[tuple[int, int]]) -> list[list[int]]:
    """Byte spans, adjacent ones joined: a run of consecutive blocks is read in one piece."""
    out: list[list[int]] = []
    for a, b in spans:
        if out and out[-1][1] == a:
            out[-1][1] = b
        else:
            out.append([a, b])
    return out


class FeedChecks:
    """Every feed's checks, their runs submitted to the pool in order with at most `window`
    in flight, so that the summaries waiting to be checked stay few whatever the size of
    the feeds; each feed is read when its first run is wanted. `distinct`: the VEVENT
    blocks met so far, shared by the feeds."""

    def __init__(self, paths: list[Path], pool: _Pool, window: int, distinct: Distinct) -> None:
        self._paths = list(paths)
        self._pool = pool
        self._window = max(1, window)
        self._distinct = distinct
        self._checks: list[_FeedCheck | None] = []  # None: checked, let go
        self._flight: deque[tuple[_FeedCheck, bool, _Task]] = deque()
        self._next = self._runs()
        self._fill()

    def _runs(self) -> Iterator[tuple[_FeedCheck, bool, dict[str, Any]]]:
        for path in self._paths:
            check = _FeedCheck(path, self._distinct)
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

    def problems(self, members: Mapping[str, _Members]) -> list[str]:
        """Every feed's problems, in the order of the paths; `members`: the events each feed carries."""
        done: list[str] = []
        for number in range(len(self._paths)):
            while len(self._checks) <= number and self._pull():
                pass
            check = self._checks[number]
            if check is None:  # pragma: no cover - each feed is checked once, in order
                raise AssertionError("a feed checked twice")
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
            # Its plan (8 bytes a VEVENT) and what it saw are done with: a corpus has
            # hundreds of feeds.
            self._checks[number] = None
        return done
