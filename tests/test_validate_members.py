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
