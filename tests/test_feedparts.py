"""feedparts: a feed too large to subscribe to is written as parts by the period its events begin in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _builder_samples import sample_timeline
from mctimeline import feedparts, feeds
from mctimeline.builder import write_timeline
from mctimeline.validate import validate


def _spans(days: list[str], size: int) -> feedparts.Spans:
    spans = feedparts.Spans(head=100)
    for day in days:
        spans.add(size, day)
    return spans


def test_a_feed_that_fits_is_one_part() -> None:
    assert feedparts.plan(_spans(["2024-01-02", "2025-03-04"], 100), 15, limit=1000) == [("", [0, 1])]


def test_a_year_too_large_is_cut_into_months_and_a_month_into_days() -> None:
    days = ["2023-06-01", "2024-01-05", "2024-01-05", "2024-01-20", "2024-02-01"]
    # 300 bytes a VEVENT, 600 allowed: the header and margin (200) and one or two VEVENTs fit.
    parts = feedparts.plan(_spans(days, 200), 15, limit=600)
    assert parts == [("2023", [0]), ("2024-01-05", [1, 2]), ("2024-01-20", [3]), ("2024-02", [4])]


def test_a_single_day_is_never_cut() -> None:
    parts = feedparts.plan(_spans(["2024-01-05"] * 5, 200), 15, limit=600)
    assert parts == [("2024", [0, 1, 2, 3, 4])] or parts == [("2024-01-05", [0, 1, 2, 3, 4])]


@pytest.mark.parametrize(("name", "split"), [
    ("all-2024.ics", ("all.ics", "2024")),
    ("series-mcis-2024-05.ics", ("series-mcis.ics", "2024-05")),
    ("fa-2024-05-27.ics", ("fa.ics", "2024-05-27")),
    ("all.ics", None),
    ("all-24.ics", None),
])
def test_part_names(name: str, split: tuple[str, str] | None) -> None:
    assert feedparts.part_of(name) == split
    if split is not None:
        assert feedparts.part_path(*split) == name


def test_a_build_over_the_limit_writes_valid_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = sample_timeline()
    whole = tmp_path / "whole"
    write_timeline(timeline, whole)
    sizes = {p.name: p.stat().st_size for p in whole.glob("*.ics")}
    limit = max(sizes.values()) - 1  # the largest feed no longer fits
    monkeypatch.setattr(feedparts, "MAX_FEED_BYTES", limit)
    cut = tmp_path / "cut"
    write_timeline(timeline, cut)  # validated before it is swapped in
    assert validate(cut) == []
    names = sorted(p.name for p in cut.glob("*.ics"))
    assert any(feedparts.part_of(n) for n in names), names
    for name in names:
        split = feedparts.part_of(name)
        if split is None:
            continue
        assert split[0] not in names  # never whole and as parts
        data = (cut / name).read_bytes()
        assert len(data) <= limit or len(split[1]) == 10
        starts = re.findall(rb"DTSTART;VALUE=DATE:(\d{8})", data)
        period = split[1].replace("-", "").encode()
        assert starts and all(s.startswith(period) for s in starts), name
    # Every VEVENT of the whole feed is in exactly one part, with its bytes.
    for base in sizes:
        parts = [n for n in names if (feedparts.part_of(n) or ("",))[0] == base]
        if not parts:
            assert (cut / base).read_bytes() == (whole / base).read_bytes()
            continue
        vevents = _vevents((whole / base).read_bytes())
        pieces = [v for n in parts for v in _vevents((cut / n).read_bytes())]
        assert sorted(pieces) == sorted(vevents)


def _vevents(data: bytes) -> list[bytes]:
    return re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.S)


def test_a_part_left_out_of_the_descriptor_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.setattr(feedparts, "MAX_FEED_BYTES", 1)
    pkg = tmp_path / "pkg"
    write_timeline(sample_timeline(), pkg)
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    dropped = next(r for r in desc["resources"] if r.get("format") == "ics")
    desc["resources"].remove(dropped)
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    assert any("falls in no listed part" in p for p in validate(pkg)), dropped


def test_a_feed_over_the_limit_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "pkg"
    write_timeline(sample_timeline(), pkg)
    monkeypatch.setattr(feedparts, "MAX_FEED_BYTES", 1000)
    big = [p for p in pkg.glob("*.ics") if p.stat().st_size > 1000]
    assert big
    problems = validate(pkg)
    for path in big:
        assert any(str(path) in x and "more than a calendar application takes" in x for x in problems)


def test_the_seeds_feeds_are_whole() -> None:
    # The committed package's feeds are far below the limit: written whole, as before.
    assert all(p.stat().st_size < feedparts.MAX_FEED_BYTES for p in Path("datapackage").glob("*.ics"))
    assert feeds.DAY_FEEDS[0] in {p.name for p in Path("datapackage").glob("*.ics")}
