"""validate(): a valid package passes; each kind of hand-made damage is named."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from _builder_samples import SOURCE_TEXTS, written_package
from mctimeline.validate import validate


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return written_package(tmp_path / "datapackage")


def edit_cell(path: Path, key: str, field: str, value: str) -> None:
    """Set one cell of a CSV, the way someone editing it by hand would."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    fields = list(rows[0])
    for row in rows:
        if key in row.values():
            row[field] = value
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def test_a_fresh_package_is_valid(pkg: Path) -> None:
    assert validate(pkg) == []


def test_the_seed_texts_are_checked_when_present(pkg: Path) -> None:
    seeds = pkg.parent / "seeds"
    seeds.mkdir()
    for source_id, text in SOURCE_TEXTS.items():
        (seeds / f"{source_id}.txt").write_text(text, encoding="utf-8")
    assert validate(pkg) == []
    edit_cell(pkg / "mentions.csv", "ev-january", "start", "73")
    assert any("is not the source's text at 73-85" in p for p in validate(pkg))


def test_a_changed_seed_makes_the_package_stale(pkg: Path) -> None:
    seeds = pkg.parent / "seeds"
    seeds.mkdir()
    (seeds / "100_fa.txt").write_text(SOURCE_TEXTS["100_fa"] + "x", encoding="utf-8")
    assert any("changed since the build" in p for p in validate(pkg))


def test_missing_descriptor(tmp_path: Path) -> None:
    [problem] = validate(tmp_path)
    assert "datapackage.json: missing" in problem


def test_broken_foreign_key(pkg: Path) -> None:
    edit_cell(pkg / "mentions.csv", "ev-minsk", "event_id", "ev-nowhere")
    problems = validate(pkg)
    assert any("foreign-key" in p and "ev-nowhere" in p for p in problems), problems


def test_jalali_date_that_does_not_match_its_gregorian_twin(pkg: Path) -> None:
    edit_cell(pkg / "events.csv", "ev-forum", "jalali_start", "1404-03-07")
    problems = validate(pkg)
    assert problems == [
        "events.csv, event ev-forum: jalali_start is '1404-03-07' but start_date 2025-05-27 is "
        "'1404-03-06' in the jalali calendar"
    ]


def test_bad_enum_and_pattern(pkg: Path) -> None:
    edit_cell(pkg / "events.csv", "ev-forum", "status", "maybe")
    edit_cell(pkg / "events.csv", "ev-minsk", "hijri_end", "1446-4-29")
    problems = validate(pkg)
    assert any("field status" in p and "constraint-error" in p for p in problems), problems
    assert any("field hijri_end" in p for p in problems), problems


def test_feed_whose_events_differ_from_events_csv(pkg: Path) -> None:
    edit_cell(pkg / "events.csv", "ev-minsk", "end_date", "2024-11-02")
    edit_cell(pkg / "events.csv", "ev-minsk", "jalali_end", "1403-08-12")
    edit_cell(pkg / "events.csv", "ev-minsk", "hijri_end", "1446-04-30")
    problems = validate(pkg)
    assert problems and all("DTSTART/DTEND 2024-10-31/2024-11-02 do not match" in p for p in problems), (
        problems
    )
    assert len(problems) == 4  # all, fa, ar and the series feed


def test_feed_missing_an_event(pkg: Path) -> None:
    data = (pkg / "all.ics").read_bytes()
    start = data.index(b"BEGIN:VEVENT")
    end = data.index(b"END:VEVENT\r\n") + len(b"END:VEVENT\r\n")
    (pkg / "all.ics").write_bytes(data[:start] + data[end:])
    assert validate(pkg) == [f"{pkg / 'all.ics'}: event ev-minsk of events.csv has no VEVENT"]


def test_feed_without_dtstamp_and_with_inclusive_dtend(pkg: Path) -> None:
    data = (pkg / "ar.ics").read_bytes()
    data = data.replace(b"DTSTAMP:20241031T000000Z\r\n", b"", 1)
    data = data.replace(b"DTEND;VALUE=DATE:20241102", b"DTEND;VALUE=DATE:20241101", 1)
    (pkg / "ar.ics").write_bytes(data)
    problems = validate(pkg)
    assert any("UID ev-minsk@mctimeline: no DTSTAMP" in p for p in problems), problems
    assert any(
        "UID ev-minsk@mctimeline: DTSTART/DTEND 2024-10-31/2024-11-01 do not match" in p for p in problems
    )


def test_feed_with_a_timed_start(pkg: Path) -> None:
    data = (
        (pkg / "all.ics").read_bytes().replace(b"DTSTART;VALUE=DATE:20241031", b"DTSTART:20241031T090000Z", 1)
    )
    (pkg / "all.ics").write_bytes(data)
    assert any("DTSTART is not an all-day VALUE=DATE" in p for p in validate(pkg))


def test_feed_line_rules(pkg: Path) -> None:
    data = (pkg / "fa.ics").read_bytes()
    unfolded = data.replace(b"\r\n ", b"")  # one long line per property
    (pkg / "fa.ics").write_bytes(unfolded.replace(b"\r\n", b"\n"))
    problems = validate(pkg)
    assert any("octets (RFC 5545 allows 75" in p for p in problems)
    assert any("does not end with CRLF" in p for p in problems)


def test_fold_that_splits_a_character(pkg: Path) -> None:
    data = (pkg / "fa.ics").read_bytes()
    line = next(x for x in data.split(b"\r\n") if x.startswith(b"SUMMARY:"))
    cut = len(b"SUMMARY:") + 1  # inside the first two-byte Persian digit
    broken = data.replace(line, line[:cut] + b"\r\n " + line[cut:], 1)
    (pkg / "fa.ics").write_bytes(broken)
    assert any("splits a UTF-8 character" in p for p in validate(pkg))


def test_feed_the_strict_parser_rejects(pkg: Path) -> None:
    data = (
        (pkg / "all.ics").read_bytes().replace(b"DTSTART;VALUE=DATE:20241031", b"DTSTART;VALUE=DATE:2024103x")
    )
    (pkg / "all.ics").write_bytes(data)
    assert any("the strict ical parser rejects it" in p for p in validate(pkg))


def test_unlisted_feed_and_missing_table(pkg: Path) -> None:
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"] = [r for r in desc["resources"] if r["name"] not in {"series", "feed-fa"}]
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    problems = validate(pkg)
    assert any("resource 'series' (series.csv) is missing" in p for p in problems)
    assert any("feed fa.ics is not listed" in p for p in problems)


def test_a_year_event_belongs_in_periods_ics_not_in_the_day_feeds(pkg: Path) -> None:
    # events.csv now says ev-minsk is known only to its year: the day feeds must not carry
    # it, and periods.ics (not written, not listed) must.
    edit_cell(pkg / "events.csv", "ev-minsk", "precision", "year")
    problems = validate(pkg)
    assert any("feed periods.ics is not listed" in p for p in problems)
    for feed in ("all.ics", "fa.ics", "ar.ics"):
        assert any(f"{feed}: VEVENT ev-minsk is not an event of events.csv" in p for p in problems), feed


# --- `mctimeline validate` on a package edited by hand into inconsistency (issue 6) ---------------


def _vevent_block(data: bytes, uid: str) -> bytes:
    blocks = data.split(b"BEGIN:VEVENT\r\n")[1:]
    for block in blocks:
        body = block.split(b"END:VEVENT\r\n")[0]
        if f"UID:{uid}\r\n".encode() in body.replace(b"\r\n ", b""):
            return b"BEGIN:VEVENT\r\n" + body + b"END:VEVENT\r\n"
    raise AssertionError(f"no VEVENT {uid}")


def _extra_vevent(pkg: Path) -> None:
    data = (pkg / "all.ics").read_bytes()
    block = _vevent_block(data, "ev-minsk@mctimeline")
    forged = block.replace(b"UID:ev-minsk@mctimeline", b"UID:ev-forged@mctimeline")
    (pkg / "all.ics").write_bytes(data.replace(b"END:VCALENDAR\r\n", forged + b"END:VCALENDAR\r\n"))


def _status_changed(pkg: Path) -> None:
    data = (pkg / "fa.ics").read_bytes()
    block = _vevent_block(data, "ev-minsk@mctimeline")
    (pkg / "fa.ics").write_bytes(data.replace(block, block.replace(b"STATUS:CONFIRMED", b"STATUS:TENTATIVE")))


def _row_deleted(pkg: Path) -> None:
    lines = (pkg / "events.csv").read_bytes().split(b"\n")
    (pkg / "events.csv").write_bytes(b"\n".join(x for x in lines if not x.startswith(b"ev-january,")))


HAND_EDITS = [
    (
        "broken-foreign-key",
        lambda pkg: edit_cell(pkg / "mentions.csv", "ev-minsk", "event_id", "ev-nowhere"),
        ["mentions", "foreign-key", "ev-nowhere"],
    ),
    (
        "jalali-twin",
        lambda pkg: edit_cell(pkg / "events.csv", "ev-minsk", "jalali_end", "1403-08-12"),
        ["event ev-minsk: jalali_end is '1403-08-12' but end_date 2024-11-01 is '1403-08-11'"],
    ),
    (
        "hijri-twin",
        lambda pkg: edit_cell(pkg / "events.csv", "ev-forum", "hijri_start", "1446-11-30"),
        ["event ev-forum: hijri_start is '1446-11-30' but start_date 2025-05-27 is '1446-11-29'"],
    ),
    (
        "feed-extra-event",
        _extra_vevent,
        ["all.ics: VEVENT ev-forged is not an event of events.csv for this feed"],
    ),
    (
        "feed-status",
        _status_changed,
        ["UID ev-minsk@mctimeline: STATUS TENTATIVE but events.csv says 'confirmed'"],
    ),
    (
        "events-row-deleted",
        _row_deleted,
        ["VEVENT ev-january is not an event of events.csv", "foreign-key", "ev-january"],
    ),
]


@pytest.mark.parametrize(("case", "edit", "reasons"), HAND_EDITS, ids=[h[0] for h in HAND_EDITS])
def test_validate_command_fails_with_the_reason_on_a_hand_edited_package(
    pkg: Path, case: str, edit: Callable[[Path], None], reasons: list[str]
) -> None:
    from click.testing import CliRunner

    from mctimeline.cli import main

    assert CliRunner().invoke(main, ["validate", str(pkg)]).exit_code == 0
    edit(pkg)
    result = CliRunner().invoke(main, ["validate", str(pkg)])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    for reason in reasons:
        assert reason in result.stderr, (case, reason, result.stderr[-2000:])
    assert "mctimeline: invalid: " in result.stderr and "problem" in result.stderr.splitlines()[-1]


# --- the helper process of a large package ------------------------------------------------


def _strict_rejects(pkg: Path) -> None:
    data = (pkg / "all.ics").read_bytes()
    broken = data.replace(b"DTSTART;VALUE=DATE:20241031", b"DTSTART;VALUE=DATE:2024103x")
    (pkg / "all.ics").write_bytes(broken)


def _not_utf8_feed(pkg: Path) -> None:
    (pkg / "ar.ics").write_bytes((pkg / "ar.ics").read_bytes() + b"\xff\r\n")


def _no_feed(pkg: Path) -> None:
    (pkg / "fa.ics").unlink()


DAMAGES: list[Callable[[Path], None]] = [
    lambda pkg: None,
    _strict_rejects,
    _not_utf8_feed,
    _no_feed,
    lambda pkg: edit_cell(pkg / "mentions.csv", "ev-january", "event_id", "ev-nowhere"),
    _extra_vevent,
]


def _in_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    from mctimeline.validate import pool

    monkeypatch.setattr(pool, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(pool, "_cpus", lambda: 2)


@pytest.mark.parametrize("damage", DAMAGES)
def test_the_helper_process_finds_the_same_problems_in_the_same_order(
    pkg: Path, damage: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mctimeline.validate import feeds, pool

    damage(pkg)
    alone = validate(pkg)
    _in_helper(monkeypatch)

    # Frictionless and the strict parser fail here: only the helper process can answer.
    def here(*args: object) -> list[str]:
        raise AssertionError("checked in this process, not in the helper")

    with monkeypatch.context() as m:
        m.setattr(pool, "frictionless_problems", here)
        m.setattr(feeds, "_ical_problems", here)
        assert validate(pkg) == alone


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_failing_helper_process_leaves_every_check_made_here(
    pkg: Path, damage: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    damage(pkg)
    alone = validate(pkg)
    _in_helper(monkeypatch)
    for broken in ("/bin/false", str(pkg / "no-such-python")):
        monkeypatch.setattr(sys, "executable", broken)
        assert validate(pkg) == alone


def test_validation_leaves_no_scratch_file_and_writes_nothing_in_the_package(
    pkg: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # events.csv and the feeds' VEVENT digests are kept in a scratch SQLite file
    # (validate.scratch): in a temporary folder, removed when validation returns, with
    # problems or without.
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    files = sorted(p.name for p in pkg.iterdir())
    assert validate(pkg) == []
    data = (pkg / "all.ics").read_bytes()
    start = data.index(b"BEGIN:VEVENT")
    end = data.index(b"END:VEVENT\r\n") + len(b"END:VEVENT\r\n")
    (pkg / "all.ics").write_bytes(data[:start] + data[end:])
    assert validate(pkg) == [f"{pkg / 'all.ics'}: event ev-minsk of events.csv has no VEVENT"]
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in pkg.iterdir()) == files
