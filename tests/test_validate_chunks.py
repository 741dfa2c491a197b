"""validate() parses a feed in runs of VEVENTs, in helper processes on a large package:
the problems are those of parsing each feed whole, in the same order."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from _builder_samples import written_package
from mctimeline import validate as v
from mctimeline.validate import feeds as vf
from mctimeline.validate import pool as vp

CRLF = b"\r\n"


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return written_package(tmp_path / "datapackage")


def _feed(*lines: str) -> bytes:
    return CRLF.join(line.encode("utf-8") for line in lines) + CRLF


HEAD = ("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN")
EVENT_A = ("BEGIN:VEVENT", "UID:a", "SUMMARY:one", " folded", "END:VEVENT")
EVENT_B = ("BEGIN:VEVENT", "UID:b", "END:VEVENT")


# --- split_feed: the one shape that is parsed in runs ---------------------------------------


def test_split_feed_finds_the_header_and_each_vevent() -> None:
    data = _feed(*HEAD, *EVENT_A, *EVENT_B, "END:VCALENDAR")
    a = data.index(b"BEGIN:VEVENT")
    b = data.index(b"BEGIN:VEVENT", a + 1)
    tail = data.index(b"END:VCALENDAR")
    assert v.split_feed(data) == (a, [(a, b), (b, tail)])


def test_split_feed_of_a_feed_without_events() -> None:
    data = _feed(*HEAD, "END:VCALENDAR")
    assert v.split_feed(data) == (data.index(b"END:VCALENDAR"), [])


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param((*HEAD, *EVENT_A[:-1], *EVENT_B, "END:VCALENDAR"), id="an END:VEVENT missing"),
        pytest.param((*HEAD, *EVENT_A, *EVENT_B), id="no END:VCALENDAR"),
        pytest.param((*HEAD, *EVENT_A, "END:VCALENDAR", "X-AFTER:1"), id="a line after END:VCALENDAR"),
        pytest.param((*HEAD, *EVENT_A, "X-BETWEEN:1", *EVENT_B, "END:VCALENDAR"), id="a property between"),
        pytest.param(
            (*HEAD, "BEGIN:VTIMEZONE", "TZID:X", "END:VTIMEZONE", *EVENT_A, "END:VCALENDAR"), id="a VTIMEZONE"
        ),
        pytest.param(
            (*HEAD, *EVENT_A[:-1], "BEGIN:VALARM", "END:VALARM", "END:VEVENT", "END:VCALENDAR"), id="a VALARM"
        ),
        pytest.param((*HEAD, "begin:vevent", *EVENT_A[1:], "END:VCALENDAR"), id="a lower-case BEGIN"),
        pytest.param((*HEAD, "BEGIN:VEVENT", " X", *EVENT_A[1:], "END:VCALENDAR"), id="a folded BEGIN line"),
        pytest.param((*HEAD, "BEG", " IN:VEVENT", *EVENT_A[1:], "END:VCALENDAR"), id="a folded name"),
        pytest.param((*HEAD, *EVENT_A, "", "END:VCALENDAR"), id="a blank line"),
        pytest.param(
            (*HEAD, *EVENT_A[:2], "|X", *EVENT_A[2:], "END:VCALENDAR"), id="a line the ical parser folds"
        ),
        pytest.param(
            (*HEAD, *EVENT_A[:2], "SUMMÄRY:x", *EVENT_A[2:], "END:VCALENDAR"), id="a name not ASCII"
        ),
        pytest.param((" X", *HEAD[1:], *EVENT_A, "END:VCALENDAR"), id="no BEGIN:VCALENDAR first"),
    ],
)
def test_split_feed_declines_any_other_shape(lines: tuple[str, ...]) -> None:
    assert v.split_feed(_feed(*lines)) is None


def test_split_feed_declines_a_bare_line_feed() -> None:
    data = _feed(*HEAD, *EVENT_A, "END:VCALENDAR").replace(b"UID:a\r\n", b"UID:a\n")
    assert v.split_feed(data) is None


# --- the same problems as the whole feeds' parses ---------------------------------------------


def _nth_vevent(data: bytes, n: int) -> int:
    return [m.start() for m in re.finditer(rb"BEGIN:VEVENT\r\n", data)][n]


def _edit_feed(name: str, edit: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def damage(pkg: Path) -> None:
        (pkg / name).write_bytes(edit((pkg / name).read_bytes()))

    return damage


def _drop_end_of_second(data: bytes) -> bytes:
    end = data.index(b"END:VEVENT\r\n", _nth_vevent(data, 1))
    return data[:end] + data[end + len(b"END:VEVENT\r\n") :]


def _drop_uid_of_second(data: bytes) -> bytes:
    at = _nth_vevent(data, 1)
    return data[:at] + re.sub(rb"UID:[^\r]*\r\n", b"", data[at:], count=1)


def _repeat_first_uid_in_third(data: bytes) -> bytes:
    uid = re.search(rb"UID:[^\r]*", data[_nth_vevent(data, 0) :])
    assert uid is not None
    at = _nth_vevent(data, 2)
    return data[:at] + re.sub(rb"UID:[^\r]*", uid.group().replace(b"\\", b"\\\\"), data[at:], count=1)


def _broken_x_properties(data: bytes) -> bytes:
    # icalendar keeps an X- property it cannot read as a broken one and notes an error in
    # its component: one in the calendar's header, one in the third VEVENT.
    data = data.replace(b"BEGIN:VEVENT\r\n", b"X-CAL;VALUE=DATE:zz\r\nBEGIN:VEVENT\r\n", 1)
    at = _nth_vevent(data, 2)
    return data[:at] + data[at:].replace(b"END:VEVENT", b"X-EV;VALUE=DATE:notadate\r\nEND:VEVENT", 1)


def _bad_dtstart_of_third(data: bytes) -> bytes:
    at = _nth_vevent(data, 2)
    return data[:at] + re.sub(rb"(DTSTART;VALUE=DATE:\d{7})\d", rb"\1x", data[at:], count=1)


def _property_between(data: bytes) -> bytes:
    at = _nth_vevent(data, 1)
    return data[:at] + b"X-BETWEEN:1\r\n" + data[at:]


FEED_DAMAGES = {
    "none": lambda pkg: None,
    "an END:VEVENT missing": _edit_feed("fa.ics", _drop_end_of_second),
    "the second VEVENT without UID": _edit_feed("all.ics", _drop_uid_of_second),
    "a UID repeated": _edit_feed("ar.ics", _repeat_first_uid_in_third),
    "broken X- properties": _edit_feed("all.ics", _broken_x_properties),
    "a DTSTART no parser reads": _edit_feed("all.ics", _bad_dtstart_of_third),
    "a property between VEVENTs": _edit_feed("fa.ics", _property_between),
    "no END:VCALENDAR": _edit_feed("ar.ics", lambda d: d[: -len(b"END:VCALENDAR\r\n")]),
}


@pytest.mark.parametrize("damage", FEED_DAMAGES.values(), ids=FEED_DAMAGES.keys())
@pytest.mark.parametrize("helpers", [False, True], ids=["here", "helpers"])
def test_runs_of_one_vevent_find_what_whole_feeds_find(
    pkg: Path, damage: Callable[[Path], None], helpers: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    damage(pkg)
    monkeypatch.setattr(vf.checks, "CHUNK_EVENTS", 10**9)  # every feed parsed whole, in this process
    monkeypatch.setattr(vp, "PARALLEL_MIN_CHARS", 10**15)
    whole = v.validate(pkg)
    monkeypatch.setattr(vf.checks, "CHUNK_EVENTS", 1)
    if helpers:
        monkeypatch.setattr(vp, "PARALLEL_MIN_CHARS", 0)
        monkeypatch.setattr(vp, "_cpus", lambda: 2)
    assert v.validate(pkg) == whole


def test_a_vevent_is_numbered_in_its_feed_not_in_its_run(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vf.checks, "CHUNK_EVENTS", 1)
    _edit_feed("all.ics", _drop_uid_of_second)(pkg)
    problems = v.validate(pkg)
    assert f"{pkg / 'all.ics'}, VEVENT 2: no UID" in problems
    assert not any("VEVENT 1:" in p for p in problems)


def test_a_uid_repeated_in_another_run_is_found(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vf.checks, "CHUNK_EVENTS", 1)
    _edit_feed("ar.ics", _repeat_first_uid_in_third)(pkg)
    assert any(
        p.startswith(f"{pkg / 'ar.ics'}, UID ") and p.endswith(": UID repeated") for p in v.validate(pkg)
    )


def test_a_rejection_is_the_strict_parsers_message_for_the_whole_feed(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ical.calendar_stream import IcsCalendarStream

    monkeypatch.setattr(vf.checks, "CHUNK_EVENTS", 1)
    _edit_feed("fa.ics", _drop_end_of_second)(pkg)
    text = (pkg / "fa.ics").read_text(encoding="utf-8")
    with pytest.raises(Exception) as raised:
        IcsCalendarStream.calendar_from_ics(text)
    message = " ".join(str(raised.value).split())
    assert f"{pkg / 'fa.ics'}: the strict ical parser rejects it: {message}" in v.validate(pkg)


def test_a_feed_changed_after_its_lines_were_read_is_reported(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = vf.lines.line_check

    def and_then_change_it(path: Path, data: bytes) -> tuple[list[str], bool]:
        path.write_bytes(data.replace(b"SUMMARY:", b"SUMMARX:"))
        return real(path, data)

    monkeypatch.setattr(vf.lines, "line_check", and_then_change_it)
    problems = v.validate(pkg)
    for name in ("all.ics", "fa.ics", "ar.ics"):
        assert f"{pkg / name}: changed while it was validated: validate it again" in problems


# --- line rules: the quick pass over a clean feed agrees with the line-by-line one ------------


def test_a_line_of_76_octets_is_reported_with_its_number() -> None:
    data = _feed(*HEAD, "X-LONG:" + "a" * 69, "END:VCALENDAR")
    assert v.line_problems(Path("f.ics"), data) == [
        "f.ics, line 4: 76 octets (RFC 5545 allows 75 before folding)"
    ]
    assert v.line_problems(Path("f.ics"), _feed(*HEAD, "X-LONG:" + "a" * 68, "END:VCALENDAR")) == []


# --- what the strict parse alone would let through ---------------------------------------------


def test_a_feed_cut_before_its_end_line_is_reported(pkg: Path) -> None:
    # The strict parser reads a feed without END:VCALENDAR as an empty calendar.
    data = (pkg / "ar.ics").read_bytes()
    (pkg / "ar.ics").write_bytes(data[: -len(b"END:VCALENDAR\r\n")])
    problems = v.validate(pkg)
    assert f"{pkg / 'ar.ics'}: does not end with END:VCALENDAR" in problems
    assert f"{pkg / 'ar.ics'}: event ev-minsk of events.csv has no VEVENT" in problems


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("X-WHEN;VALUE=DATE:20241399", "VEVENT: X-WHEN '20241399' is not a DATE"),
        ("X-WHEN;VALUE=DATE-TIME:20241031T250000Z", "VEVENT: X-WHEN '20241031T250000Z' is not a DATE-TIME"),
        ("X-WHEN;VALUE=DATE:20241031,2024-11-01", "VEVENT: X-WHEN '2024-11-01' is not a DATE"),
    ],
)
def test_a_value_its_value_parameter_does_not_fit_is_reported(pkg: Path, line: str, problem: str) -> None:
    # RFC 5545 §3.2.20: VALUE names the value's type; a property the models do not know
    # (an X- one) is not checked by them.
    data = (pkg / "all.ics").read_bytes()
    at = _nth_vevent(data, 1)
    added = data[at:].replace(b"END:VEVENT", f"{line}\r\nEND:VEVENT".encode(), 1)
    (pkg / "all.ics").write_bytes(data[:at] + added)
    assert v.validate(pkg) == [f"{pkg / 'all.ics'}: {problem}"]


def test_a_well_typed_value_is_not_reported(pkg: Path) -> None:
    data = (pkg / "all.ics").read_bytes()
    line = b"X-WHEN;VALUE=DATE:20240229,20241031\r\nX-AT;VALUE=DATE-TIME:20241031T090000Z\r\n"
    (pkg / "all.ics").write_bytes(data.replace(b"END:VEVENT", line + b"END:VEVENT", 1))
    assert v.validate(pkg) == []


def test_only_a_few_runs_wait_to_be_checked(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each run's summaries are checked as they come: never more than the window of runs
    # is submitted ahead of the one being checked, however many VEVENTs the feeds hold.
    monkeypatch.setattr(vf.checks, "CHUNK_EVENTS", 1)
    monkeypatch.setattr(vp, "window", lambda helpers: 2)
    submitted, taken = [], []
    real_submit, real_take = vp._Pool.submit, vf._FeedCheck.take

    def submit(self: vp._Pool, request: dict[str, object]) -> vp._Task:
        submitted.append(request)
        return real_submit(self, request)

    def take(self: vf._FeedCheck, first: bool, answer: dict[str, object]) -> None:
        taken.append(len([r for r in submitted if r["kind"] == "ical"]) - len(taken))
        real_take(self, first, answer)

    monkeypatch.setattr(vp._Pool, "submit", submit)
    monkeypatch.setattr(vf._FeedCheck, "take", take)
    assert v.validate(pkg) == []
    assert len(taken) > 4 and max(taken) <= 2 + 1  # the window, and the run being checked
