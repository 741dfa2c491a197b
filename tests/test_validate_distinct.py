"""validate() parses each distinct VEVENT block once, however many feeds hold it, and still
checks every copy in its place: the problems are those of parsing every block where it is."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from _builder_samples import written_package
from mctimeline import validate as v
from mctimeline.validate import feeds as vf
from mctimeline.validate import pool as vp
from mctimeline.validate.feeds import distinct as vd

SERIES = "series-minsk-eurasian-security.ics"
_BLOCK = re.compile(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", re.S)


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return written_package(tmp_path / "datapackage")


def _blocks(data: bytes) -> list[bytes]:
    return _BLOCK.findall(data)


def _block_of(data: bytes, uid: str) -> bytes:
    (block,) = [b for b in _blocks(data) if f"UID:{uid}\r\n".encode() in b]
    return block


def _edit(pkg: Path, name: str, edit: Callable[[bytes], bytes]) -> None:
    (pkg / name).write_bytes(edit((pkg / name).read_bytes()))


def _every_block_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    # No slot to remember a block in: each is parsed in every feed that holds it, as
    # before blocks were told apart by their bytes.
    monkeypatch.setattr(vd, "SLOTS", 0)


def _parsed_blocks(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The VEVENT blocks the strict parser is given, as validate() runs (filled in then)."""
    seen: list[bytes] = []
    real = vp.strict_reading

    def reading(text: str) -> dict[str, object]:
        seen.extend(_blocks(text.encode("utf-8")))
        return real(text)

    monkeypatch.setattr(vp, "strict_reading", reading)
    return seen


# --- each distinct block parsed once --------------------------------------------------------


def test_a_block_held_by_two_feeds_is_parsed_once(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    minsk = _block_of((pkg / "all.ics").read_bytes(), "ev-minsk@mctimeline")
    assert minsk in (pkg / SERIES).read_bytes()  # the series feed holds all.ics's very bytes
    parsed = _parsed_blocks(monkeypatch)
    assert v.validate(pkg) == []
    every = [b for path in sorted(pkg.glob("*.ics")) for b in _blocks(path.read_bytes())]
    assert parsed.count(minsk) == 1
    assert sorted(parsed) == sorted(set(every)) and len(every) > len(parsed)


def test_with_every_block_parsed_where_it_is_the_blocks_are_parsed_again(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _every_block_parsed(monkeypatch)
    parsed = _parsed_blocks(monkeypatch)
    assert v.validate(pkg) == []
    every = [b for path in sorted(pkg.glob("*.ics")) for b in _blocks(path.read_bytes())]
    assert sorted(parsed) == sorted(every)


# --- every copy still checked in its place --------------------------------------------------------


def _dtend_moved_in_series_copy(data: bytes) -> bytes:
    return data.replace(b"DTEND;VALUE=DATE:20241102", b"DTEND;VALUE=DATE:20241103")


def _typed_value_in_series_copy(data: bytes) -> bytes:
    return data.replace(b"END:VEVENT", b"X-WHEN;VALUE=DATE:20241399\r\nEND:VEVENT", 1)


def _minsk_removed(data: bytes) -> bytes:
    return data.replace(_block_of(data, "ev-minsk@mctimeline"), b"")


def _january_added(all_ics: bytes) -> Callable[[bytes], bytes]:
    january = _block_of(all_ics, "ev-january@mctimeline")
    return lambda data: data.replace(b"END:VCALENDAR", january + b"END:VCALENDAR")


def _minsk_twice(data: bytes) -> bytes:
    block = _block_of(data, "ev-minsk@mctimeline")
    return data.replace(block, block + block)


def test_a_vevent_altered_in_one_copy_only_is_found_in_that_copy(pkg: Path) -> None:
    _edit(pkg, SERIES, _dtend_moved_in_series_copy)
    problems = v.validate(pkg)
    assert problems == [
        f"{pkg / SERIES}, UID ev-minsk@mctimeline: DTSTART/DTEND 2024-10-31/2024-11-03 do not match "
        "events.csv 2024-10-31..2024-11-01 (DTEND must be the day after the last day)"
    ]


def test_a_value_of_the_wrong_type_in_one_copy_only_is_found_in_that_copy(pkg: Path) -> None:
    _edit(pkg, SERIES, _typed_value_in_series_copy)
    assert v.validate(pkg) == [f"{pkg / SERIES}: VEVENT: X-WHEN '20241399' is not a DATE"]


def test_a_fault_in_a_block_held_twice_is_found_in_both_feeds(pkg: Path) -> None:
    # The block is parsed once (in all.ics); its verdict is kept and given again in the
    # series feed, which holds the same bytes.
    for name in ("all.ics", SERIES):
        _edit(pkg, name, _typed_value_in_series_copy if name == SERIES else _typed_value_in_minsk)
    assert _block_of((pkg / "all.ics").read_bytes(), "ev-minsk@mctimeline") in (pkg / SERIES).read_bytes()
    assert v.validate(pkg) == [
        f"{pkg / name}: VEVENT: X-WHEN '20241399' is not a DATE" for name in ("all.ics", SERIES)
    ]


def _typed_value_in_minsk(data: bytes) -> bytes:
    block = _block_of(data, "ev-minsk@mctimeline")
    return data.replace(block, _typed_value_in_series_copy(block))


def test_a_feed_missing_an_event_is_found(pkg: Path) -> None:
    _edit(pkg, SERIES, _minsk_removed)
    assert v.validate(pkg) == [f"{pkg / SERIES}: event ev-minsk of events.csv has no VEVENT"]


def test_a_feed_holding_an_extra_event_is_found(pkg: Path) -> None:
    # The added block is all.ics's very bytes, already parsed and found right there.
    _edit(pkg, SERIES, _january_added((pkg / "all.ics").read_bytes()))
    assert v.validate(pkg) == [
        f"{pkg / SERIES}: VEVENT ev-january is not an event of events.csv for this feed"
    ]


@pytest.mark.parametrize("name", ["all.ics", SERIES])
def test_a_vevent_block_held_twice_by_one_feed_is_found(pkg: Path, name: str) -> None:
    _edit(pkg, name, _minsk_twice)
    assert v.validate(pkg) == [f"{pkg / name}, UID ev-minsk@mctimeline: UID repeated"]


# --- the same problems as parsing every block where it is ----------------------------------------


def _rejected_in_both(pkg: Path) -> None:
    # A DTSTART no parser reads, in the same bytes in both feeds: the run holding it in
    # all.ics is rejected, so no verdict is kept and the series feed is parsed whole too.
    for name in ("all.ics", SERIES):
        _edit(pkg, name, lambda d: d.replace(b"DTSTART;VALUE=DATE:20241031", b"DTSTART;VALUE=DATE:2024103x"))


def _uid_folded_in_both(pkg: Path) -> None:
    # The same UID written folded: the bytes differ from the builder's, the reading not.
    for name in ("all.ics", SERIES):
        _edit(pkg, name, lambda d: d.replace(b"UID:ev-minsk@mctimeline", b"UID:ev-minsk@mc\r\n timeline"))


def _changed_uid_in_both(pkg: Path) -> None:
    for name in ("all.ics", SERIES):
        _edit(pkg, name, lambda d: d.replace(b"UID:ev-minsk@mctimeline", b"UID:ev-minsk"))


DAMAGES: dict[str, Callable[[Path], None]] = {
    "none": lambda pkg: None,
    "altered in one copy": lambda pkg: _edit(pkg, SERIES, _dtend_moved_in_series_copy),
    "a value of the wrong type in both": lambda pkg: [
        _edit(pkg, n, _typed_value_in_minsk) for n in ("all.ics", SERIES)
    ],
    "rejected in both": _rejected_in_both,
    "a folded UID in both": _uid_folded_in_both,
    "a UID without its domain in both": _changed_uid_in_both,
    "missing": lambda pkg: _edit(pkg, SERIES, _minsk_removed),
    "extra": lambda pkg: _edit(pkg, SERIES, _january_added((pkg / "all.ics").read_bytes())),
    "twice in one feed": lambda pkg: _edit(pkg, SERIES, _minsk_twice),
    "twice in all.ics": lambda pkg: _edit(pkg, "all.ics", _minsk_twice),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
@pytest.mark.parametrize("helpers", [False, True], ids=["here", "helpers"])
def test_blocks_parsed_once_find_what_blocks_parsed_everywhere_find(
    pkg: Path, damage: Callable[[Path], None], helpers: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    damage(pkg)
    with monkeypatch.context() as m:
        _every_block_parsed(m)
        everywhere = v.validate(pkg)
    # One block a run: a block met in an earlier run of the same feed is met before too.
    monkeypatch.setattr(vf.checks, "CHUNK_EVENTS", 1)
    for name, value in {"PARALLEL_MIN_CHARS": 0, "_cpus": lambda: 2}.items() if helpers else ():
        monkeypatch.setattr(vp, name, value)
    assert v.validate(pkg) == everywhere


def test_a_feed_whose_blocks_were_all_met_before_is_still_found_changed(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its only run is its header and end line: the whole file's digest shows the change.
    real = vf.lines.line_check

    def and_then_change_it(path: Path, data: bytes) -> tuple[list[str], bool]:
        if path.name == SERIES:
            path.write_bytes(data.replace(b"DTEND;VALUE=DATE:20241102", b"DTEND;VALUE=DATE:20241103"))
        return real(path, data)

    monkeypatch.setattr(vf.lines, "line_check", and_then_change_it)
    assert v.validate(pkg) == [f"{pkg / SERIES}: changed while it was validated: validate it again"]


def test_a_digest_is_never_the_empty_slot() -> None:
    block = b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n"
    assert vd.digest(block) == int.from_bytes(hashlib.blake2b(block, digest_size=8).digest(), "big")
    assert vd.digest(block) != 0
    folded = b"BEGIN:VEVENT\r\nUID:ev-a@mc\r\n timeline\r\nEND:VEVENT\r\n"
    assert vd.uid_key(folded) == "ev-a@mctimeline"
    assert vd.uid_key(b"BEGIN:VEVENT\r\nUID:a\r\nUID:b\r\nEND:VEVENT\r\n") is None


def test_a_clean_copy_checked_by_its_row_is_checked_as_by_its_uid() -> None:
    # The feed carries rows 0, 2 and 4 of five; its copies come in an order that repeats
    # a carried row and holds rows it does not carry, once and twice.
    from array import array

    from mctimeline.feeds import uid
    from mctimeline.validate.eventrows import EventRows

    rows = EventRows([{"event_id": f"ev-{n}", "start_date": "2024-01-0{n + 1}"} for n in range(5)])
    members = vf._Members(rows, rows, array("I", [0, 2, 4]))
    order = [2, 0, 1, 2, 3, 1, 4]
    by_uid = vf._VeventChecks(Path("all.ics"), members)
    by_row = vf._VeventChecks(Path("all.ics"), members)
    for n in order:
        by_uid.take_clean(uid(rows.id(n)))
        by_row.take_row(n)
    no_uid = {"uid": "", "dtstamp": True, "DTSTART": "missing", "DTEND": "missing", "status": ""}
    no_uid["categories"] = []
    by_uid.take([no_uid])
    by_row.take([no_uid])
    assert by_row.problems() == by_uid.problems()
    assert any("UID repeated" in p for p in by_row.problems())
    assert any("VEVENT 8: no UID" in p for p in by_row.problems())
    assert any("ev-1 is not an event" in p for p in by_row.problems())


def test_a_blocks_verdict_is_its_own_rows_when_another_row_had_the_same_values() -> None:
    # Two events whose blocks read the same (days, status, categories): the block is
    # clean against the row it matches and faulty against the other, whichever comes first.
    from mctimeline.feeds import uid

    def row(event_id: str, day: str, status: str) -> dict[str, str]:  # a day's event
        bounds = {"start_date": day, "end_date": day}
        return {"event_id": event_id, **bounds, "status": status, "precision": "day"}

    rows = [row("ev-a", "2024-01-01", "confirmed"), row("ev-b", "2024-01-02", "confirmed")]
    rows.append(row("ev-c", "2024-01-01", "inferred"))
    index = {r["event_id"]: i for i, r in enumerate(rows)}
    for order in ([0, 1, 2], [2, 1, 0]):
        distinct = vd.Distinct(rows, index)
        verdicts = {}
        for n in order:
            _, slot = distinct.claim(n, 1)
            assert slot is not None
            summary = {"uid": uid(rows[n]["event_id"]), "dtstamp": True, "DTSTART": "2024-01-01"}
            summary |= {"DTEND": "2024-01-02", "status": "CONFIRMED", "categories": ["confirmed", "day"]}
            verdicts[n] = distinct.note(slot, summary, [])
        assert verdicts == {0: True, 1: False, 2: False}


def test_blocks_met_through_the_rows_scratch_file_are_those_met_through_an_index() -> None:
    # Distinct.meet finds an event's row and its slots in one look-up in the rows' scratch
    # file (validate.eventrows); it must answer as claim does by a dict of ids, the last
    # of two rows with one id included, and an id of no row, and a fifth distinct block.
    from mctimeline.validate.eventrows import EventRows

    table = [{"event_id": f"ev-{n % 4}", "start_date": "2024-01-01"} for n in range(6)]
    rows = EventRows(table)
    index = {r["event_id"]: i for i, r in enumerate(table)}
    by_rows, by_index = vd.Distinct(rows, rows), vd.Distinct(table, index)
    blocks = [("ev-1", 7), ("ev-1", 7), ("ev-0", 7), ("ev-9", 7), ("ev-1", 8)]
    blocks += [("ev-2", d) for d in (1, 2, 3, 4, 5, 3, 5)]
    for event_id, block in blocks:
        via_index = (False, None) if index.get(event_id) is None else by_index.claim(index[event_id], block)
        assert by_rows.meet(event_id, block) == via_index, (event_id, block)
    assert by_rows.meet("ev-1", 7) == (True, 5 * vd.SLOTS)  # ev-1's last row is row 5
    rows.close()
