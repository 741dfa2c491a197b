"""The rows each feed carries are held as the numbers of those rows, in order: the feeds
together hold a few numbers per event, not a byte per event for every feed."""

from __future__ import annotations

from mctimeline.validate.feeds import events_by_feed, feed_members


def _events(n: int) -> list[dict[str, str]]:
    return [
        {
            "event_id": f"ev-{i:04d}",
            "start_date": f"{2000 + i % 20}-01-0{1 + i % 9}",
            "precision": "year" if i % 7 == 0 else "day",
            "series_id": f"s{i % 3}" if i % 2 else "",
        }
        for i in range(n)
    ]


def test_each_feed_carries_exactly_the_rows_the_feed_rule_gives_it() -> None:
    events = _events(200)
    members = feed_members(events)
    expected = events_by_feed(events)
    assert set(members) == set(expected)
    for path, carried in expected.items():
        m = members[path]
        assert list(m.carried) == sorted(m.index[e] for e in carried)
        assert all(m.row(e) is carried[e] for e in carried)
        assert all(m.row(e["event_id"]) is None for e in events if e["event_id"] not in carried)


def test_the_feeds_hold_a_number_per_event_they_carry() -> None:
    events = _events(200)
    members = feed_members(events)
    pairs = sum(len(rows) for rows in events_by_feed(events).values())
    assert sum(len(m.carried) for m in members.values()) == pairs
    assert all(m.carried.itemsize == 4 for m in members.values())


def _scanned(feed: str, listed: list[str], day: str) -> str:
    """The part an event of `day` goes to by a scan of every listed period, longest first:
    the rule as first written, which the look-up by length must keep."""
    from mctimeline.feeds.parts import part_of, part_path

    periods = sorted((p[1] for n in listed if (p := part_of(n)) and p[0] == feed), key=lambda p: (-len(p), p))
    for period in periods:
        if day.startswith(period) and day[len(period) : len(period) + 1] in ("", "-"):
            return part_path(feed, period)
    return f"{feed} (no part for {day[:10] or 'an undated event'})"


def test_each_event_goes_to_the_part_a_scan_of_the_listed_periods_finds() -> None:
    import datetime as dt

    from mctimeline.feeds.parts import part_path

    # Years, months and days mixed as a cut feed lists them, with gaps no part covers.
    first = dt.date(2019, 12, 25)
    days = [(first + dt.timedelta(days=n)).isoformat() for n in range(0, 500, 3)]
    periods = ["2019", "2020-01", "2020-02-03", "2020-02-04", "2020-03", "2021-05-09", "2021"]
    listed = ["all.ics", *(part_path("all.ics", p) for p in periods)]
    events = [
        {"event_id": f"ev-{i:04d}", "start_date": day, "precision": "day", "series_id": ""}
        for i, day in enumerate([*days, "", "2020", "2020-02", "2020-02-03x", "20200203"])
    ]
    members = feed_members(events, listed)
    for i, e in enumerate(events):
        want = _scanned("all.ics", listed, e["start_date"])
        assert [p for p, m in members.items() if p.startswith("all") and i in m.carried] == [want]


def test_event_rows_cells_are_the_rows_values() -> None:
    from mctimeline.validate.eventrows import EventRows

    events = [*_events(50), {"event_id": "short", "start_date": None}]  # type: ignore[dict-item]
    rows = EventRows(events)
    keys = ("precision", "series_id", "start_date", "end_date")
    assert list(rows.cells(keys)) == [tuple(r.get(k) for k in keys) for r in rows]


def test_members_of_rows_in_a_scratch_file_are_those_held_in_memory(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mctimeline.feeds.parts import part_path
    from mctimeline.validate.eventrows import EventRows
    from mctimeline.validate.feeds import members as module

    # Written to the file every 7 numbers: most feeds' rows come back from several blobs.
    monkeypatch.setattr(module, "_HELD", 7)
    events = _events(200)
    listed = ["all.ics", *(part_path("all.ics", str(year)) for year in range(2000, 2015))]
    rows = EventRows(events)
    stored = feed_members(rows, listed, index=rows)
    held = feed_members(events, listed)
    assert list(stored) == list(held) and len(stored) == len(held)
    for path, m in held.items():
        assert stored[path].carried == m.carried
        assert all(stored[path].row(e["event_id"]) == m.row(e["event_id"]) for e in events)
    rows.close()
