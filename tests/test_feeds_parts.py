"""feeds.parts: a feed too large to subscribe to is written as parts by the period its events begin in,
and its own file keeps its latest events."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from _builder_samples import sample_timeline
from mctimeline import feeds
from mctimeline.builder import write_timeline
from mctimeline.feeds import parts as feedparts
from mctimeline.validate import validate


def _spans(days: list[str], size: int) -> feedparts.Spans:
    spans = feedparts.Spans(head=100)
    for day in days:
        spans.add(size, day)
    return spans


def _plan(spans: feedparts.Spans, tail: int, limit: int) -> list[tuple[str, list[int]]]:
    """`plan`'s parts with their indices as lists (it gives ranges or arrays)."""
    return [(period, list(indices)) for period, indices in feedparts.plan(spans, tail, limit)]


def test_a_feed_that_fits_is_one_part() -> None:
    assert _plan(_spans(["2024-01-02", "2025-03-04"], 100), 15, limit=1000) == [("", [0, 1])]


def test_a_year_too_large_is_cut_into_months_and_a_month_into_days() -> None:
    days = ["2023-06-01", "2024-01-05", "2024-01-05", "2024-01-20", "2024-02-01"]
    # 300 bytes a VEVENT, 600 allowed: the header and margin (200) and one or two VEVENTs fit.
    parts = _plan(_spans(days, 200), 15, limit=600)
    assert parts == [("2023", [0]), ("2024-01-05", [1, 2]), ("2024-01-20", [3]), ("2024-02", [4])]


def test_a_single_day_is_never_cut() -> None:
    parts = _plan(_spans(["2024-01-05"] * 5, 200), 15, limit=600)
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
        assert split[0] in names  # the feed's own file stays beside its parts
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
        assert len((cut / base).read_bytes()) <= limit or _days((cut / base).read_bytes()) == 1
        vevents = _vevents((whole / base).read_bytes())
        pieces = [v for n in parts for v in _vevents((cut / n).read_bytes())]
        assert sorted(pieces) == sorted(vevents)


def _vevents(data: bytes) -> list[bytes]:
    return re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.S)


def _first_day(vevent: bytes) -> str:
    m = re.search(rb"\r\nDTSTART;VALUE=DATE:(\d{4})(\d{2})(\d{2})\r\n", vevent)
    assert m is not None, vevent
    return b"-".join(m.groups()).decode()


def _days(data: bytes) -> int:
    return len({_first_day(v) for v in _vevents(data)})


@pytest.mark.parametrize(("sizes", "budget", "day"), [
    # latest first: 300, then 300 + 200 = 500, then 500 + 400 = 900
    ({"2024-01-01": 400, "2024-03-02": 200, "2025-07-09": 300}, 1000, "2024-01-01"),
    ({"2024-01-01": 400, "2024-03-02": 200, "2025-07-09": 300}, 899, "2024-03-02"),
    ({"2024-01-01": 400, "2024-03-02": 200, "2025-07-09": 300}, 500, "2024-03-02"),
    ({"2024-01-01": 400, "2024-03-02": 200, "2025-07-09": 300}, 499, "2025-07-09"),
    # the latest day even when it alone passes the budget: a day is never cut
    ({"2024-01-01": 400, "2024-03-02": 200, "2025-07-09": 300}, 10, "2025-07-09"),
])
def test_latest_from(sizes: dict[str, int], budget: int, day: str) -> None:
    assert feedparts.latest_from(sizes, budget) == day


def _copies(t, n: int):  # type: ignore[no-untyped-def]
    """The sample's events `n` times under new ids (the same days), with their mentions and conflicts."""
    events, mentions, recs = [], [], []
    for i in range(n):
        for e in t.events:
            eid = f"{e.event_id}-{i}"
            refs = tuple(dataclasses.replace(r, mention_id=f"{r.mention_id}#{i}") for r in e.mentions)
            events.append(dataclasses.replace(e, event_id=eid, mentions=refs))
            for r in e.mentions:
                m = t.mention(r.mention_id)
                if m is not None:
                    mentions.append(dataclasses.replace(m, mention_id=f"{r.mention_id}#{i}", event_id=eid))
            recs += [
                dataclasses.replace(
                    r,
                    reconciliation_id=f"{r.reconciliation_id}-{i}",
                    event_id=eid,
                    mention_id=f"{r.mention_id}#{i}" if r.mention_id else "",
                )
                for r in t.reconciliations_of(e.event_id)
            ]
    return dataclasses.replace(t, events=tuple(events), mentions=tuple(mentions), reconciliations=tuple(recs))


LIMIT = 6000  # three copies of the sample: all.ics, fa.ics and ar.ics pass it, a series feed does not


@pytest.fixture(scope="module")
def latest_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    timeline = _copies(sample_timeline(), 3)
    root = tmp_path_factory.mktemp("latest")
    write_timeline(timeline, root / "whole")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(feedparts, "MAX_FEED_BYTES", LIMIT)
        write_timeline(timeline, root / "cut")  # validated before it is swapped in
        assert validate(root / "cut") == []
    return root / "whole", root / "cut"


def test_a_cut_feed_keeps_its_latest_events_in_its_own_file(latest_build: tuple[Path, Path]) -> None:
    whole, cut = latest_build
    cut_feeds = sorted({s[0] for p in cut.glob("*.ics") if (s := feedparts.part_of(p.name))})
    assert cut_feeds == ["all.ics", "ar.ics", "fa.ics"]
    assert (cut / "series-minsk-eurasian-security.ics").read_bytes() == (
        whole / "series-minsk-eurasian-security.ics"
    ).read_bytes()
    held_days = {}
    for name in cut_feeds:
        data = (cut / name).read_bytes()
        everything = _vevents((whole / name).read_bytes())
        by_day: dict[str, list[bytes]] = {}
        for v in everything:
            by_day.setdefault(_first_day(v), []).append(v)
        kept = _vevents(data)
        first = min(_first_day(v) for v in kept)
        # Exactly the events from its first day on, with the bytes they have in the whole feed ...
        assert sorted(kept) == sorted(v for v in everything if _first_day(v) >= first)
        # ... which fit, while one more day would not: they are the latest that fit.
        assert len(data) <= LIMIT
        earlier = [d for d in by_day if d < first]
        assert earlier, name
        assert len(data) + sum(map(len, by_day[max(earlier)])) > LIMIT
        held_days[name] = len({_first_day(v) for v in kept})
        # Its title says from when; its description names the parts that hold the rest.
        calendar = icalendar.Calendar.from_ical(data)
        assert first in str(calendar["X-WR-CALNAME"]) and first in str(calendar["NAME"])
        parts = sorted(p.name for p in cut.glob(f"{name[:-4]}-*.ics"))
        assert parts[0] in str(calendar["X-WR-CALDESC"]) and parts[-1] in str(calendar["DESCRIPTION"])
        # Both a forgiving and the strict client read it.
        uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
        strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        assert {e.uid for e in strict.events} == uids and len(uids) == len(kept)
        assert str(calendar["X-WR-CALNAME"]) in strict.name  # a list or a string, by version
    # Not trivial: one of them keeps more than a day and none keeps every day.
    assert max(held_days.values()) > 1


def _tamper_drop_earliest(cut: Path) -> str:
    data = (cut / "all.ics").read_bytes()
    earliest = min(_vevents(data), key=_first_day)
    (cut / "all.ics").write_bytes(data.replace(earliest, b""))
    return "has no VEVENT"


def _tamper_add_earlier(cut: Path) -> str:
    data = (cut / "all.ics").read_bytes()
    older = _vevents((cut / "all-2024.ics").read_bytes())[0]
    (cut / "all.ics").write_bytes(data.replace(b"BEGIN:VEVENT\r\n", older + b"BEGIN:VEVENT\r\n", 1))
    return "is not an event of events.csv for this feed"


def _tamper_unlist(cut: Path) -> str:
    desc = json.loads((cut / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"] = [r for r in desc["resources"] if r.get("path") != "all.ics"]
    (cut / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return "feed all.ics is not listed"


def _tamper_title(cut: Path) -> str:
    data = (cut / "all.ics").read_bytes()
    first = min(_first_day(v) for v in _vevents(data)).encode()
    (cut / "all.ics").write_bytes(data.replace(first, b"2000-01-01"))
    return "do not name"


TAMPERS = [_tamper_drop_earliest, _tamper_add_earlier, _tamper_unlist, _tamper_title]


@pytest.mark.parametrize("tamper", TAMPERS)
def test_validate_catches_a_tampered_latest_file(  # type: ignore[no-untyped-def]
    latest_build: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tamper
) -> None:
    import shutil

    cut = tmp_path / "cut"
    shutil.copytree(latest_build[1], cut)
    monkeypatch.setattr(feedparts, "MAX_FEED_BYTES", LIMIT)
    message = tamper(cut)
    problems = validate(cut)
    assert any(message in p for p in problems), problems


def test_a_part_left_out_of_the_descriptor_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feedparts, "MAX_FEED_BYTES", 1)
    pkg = tmp_path / "pkg"
    write_timeline(sample_timeline(), pkg)
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    dropped = next(r for r in desc["resources"] if feedparts.part_of(str(r.get("path"))))
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


def test_the_feed_set_is_read_the_same_from_the_members_validate_makes(
    latest_build: tuple[Path, Path],
) -> None:
    # validate() hands feed_set_problems the members it made with the cut feeds' latest days.
    from mctimeline.validate.eventrows import EventRows
    from mctimeline.validate.feeds import feed_members, feed_set_problems
    from mctimeline.validate.latest import latest_days
    from mctimeline.validate.tables import _iter_table

    _, cut = latest_build
    desc = json.loads((cut / "datapackage.json").read_text(encoding="utf-8"))
    listed = [str(r["path"]) for r in desc["resources"] if r.get("format") == "ics"]
    events = EventRows(_iter_table(cut / "events.csv"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(feedparts, "MAX_FEED_BYTES", LIMIT)
        latest, _ = latest_days(cut, listed)
    assert latest
    for kept in (listed, [p for p in listed if not feedparts.part_of(p)], [*listed, "series-none.ics"]):
        members = feed_members(events, kept, latest)
        desc_path = cut / "datapackage.json"
        made = feed_set_problems(desc_path, kept, events, members)
        assert made == feed_set_problems(desc_path, kept, events)
