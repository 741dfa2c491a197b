"""Which feeds the descriptor must list, how large each may be, and which events.csv rows each carries."""

from __future__ import annotations

import itertools
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from mctimeline.validate.latest import Latest


Rows = Sequence[dict[str, str]]  # events.csv's rows (a list, or validate.eventrows.EventRows)


class RowIndex(Protocol):
    """Where each id's row is among `Rows` (a dict, or validate.eventrows.EventRows)."""

    def get(self, event_id: str, /) -> int | None: ...


def row_id(rows: Rows, i: int) -> str:
    """The event_id of row `i`, read without making the row when `rows` can (EventRows)."""
    read = getattr(rows, "id", None)
    return read(i) if callable(read) else rows[i]["event_id"]


def row_in(rows: Rows, i: int, keys: tuple[str, ...]) -> dict[str, str]:
    """Row `i` in `keys` only (those its header has), read without making the whole row
    when `rows` can (EventRows): the checks that read only these see the same row."""
    read = getattr(rows, "row_in", None)
    if callable(read):
        return read(i, keys)  # type: ignore[no-any-return]
    row = rows[i]
    return {k: row[k] for k in keys if k in row}


def events_by_feed(events: Rows) -> dict[str, dict[str, dict[str, str]]]:
    """Per feed file, the events.csv rows it carries by id, by the rule the builder follows
    (mctimeline.feeds.feed_paths_of: a day's feeds, or periods.ics for a year's events)."""
    from mctimeline.feeds import feed_paths_of

    out: dict[str, dict[str, dict[str, str]]] = {}
    for e in events:
        for path in feed_paths_of(e.get("precision", ""), e.get("series_id", "")):
            out.setdefault(path, {})[e["event_id"]] = e
    return out


def called_feeds(events: Rows) -> set[str]:
    """The feed files the events call for (the keys of `events_by_feed`), reading each
    distinct (precision, series) once and holding nothing per event."""
    from mctimeline.feeds import feed_paths_of

    kinds = {(e.get("precision", ""), e.get("series_id", "")) for e in events}
    return {path for precision, series in kinds for path in feed_paths_of(precision, series)}


def feed_set_problems(
    desc_path: Path,
    feed_paths: list[str],
    events: Rows,
    members: Mapping[str, _Members] | None = None,
) -> list[str]:
    """The descriptor lists the feeds the events call for: all, fa, ar and one per series
    for the events of a day or month, periods.ics for those of a year or part of one;
    each whole, or as its own file (its latest events) and parts (mctimeline.feeds.parts),
    and no part empty. `members`: `feed_members(events, feed_paths, …)` when it is made
    already (whatever its `latest`, its feeds and the expected ones are the same)."""
    if not events:
        return []
    expected = called_feeds(events)
    listed = set(feed_paths)
    carried = set(feed_members(events, feed_paths) if members is None else members) | expected
    problems = [
        f"{desc_path}: feed {p} is not listed (events.csv calls for it)" for p in sorted(expected - listed)
    ]
    problems += [
        f"{desc_path}: feed {p} is listed but no event calls for it" for p in sorted(listed - carried)
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


class _Members:
    """The events.csv rows one feed carries: the rows and their index by id are shared by
    every feed, each feed has the numbers of the rows it carries, in order (4 bytes each:
    the feeds together hold a few per event, however many feeds there are)."""

    EMPTY: _Members

    def __init__(self, rows: Rows, index: RowIndex, carried: array[int]) -> None:
        self.rows, self.index, self.carried = rows, index, carried

    def place(self, i: int) -> int | None:
        """Where row `i` is among the rows the feed carries; None when it does not carry it."""
        at = bisect_left(self.carried, i)
        return at if at < len(self.carried) and self.carried[at] == i else None

    def row(self, event_id: str) -> dict[str, str] | None:
        i = self.index.get(event_id)
        return self.rows[i] if i is not None and self.place(i) is not None else None


_Members.EMPTY = _Members([], {}, array("I"))


def feed_members(
    events: Rows,
    listed: list[str] = (),  # type: ignore[assignment]
    latest: dict[str, Latest] | None = None,
    index: RowIndex | None = None,
) -> Mapping[str, _Members]:
    """Per feed file, the events.csv rows it carries (the rule of `events_by_feed`), compactly.

    Of a feed written as parts (mctimeline.feeds.parts: `all-2024.ics`, …) each event is in
    the listed part whose period its first day falls in, and the feed's own file carries
    the latest events, those from the day `latest` gives it (validate.latest.latest_days).
    """
    from mctimeline.feeds import feed_paths_of

    parts = _parts_listed(listed)
    latest = latest or {}
    if index is None:
        index = {e["event_id"]: i for i, e in enumerate(events)}
    # Rows in a scratch file (validate.eventrows): the feeds' row numbers go there too.
    scratch = getattr(events, "scratch", None)
    out: Mapping[str, _Members]
    if scratch is not None:
        out = stored = _Stored(events, index, scratch.db)
        carry = stored.carry
    else:
        out = held = {}

        def carry(path: str, i: int) -> None:
            if path not in held:
                held[path] = _Members(events, index, array("I"))
            carried = held[path].carried
            if not carried or carried[-1] != i:  # the rows come in order: the array stays sorted
                carried.append(i)

    # A corpus's events share few (precision, series): their feeds are found once each.
    called: dict[tuple[str, str], tuple[str, ...]] = {}

    for i, (precision, series, day) in enumerate(_cells(events, ("precision", "series_id", "start_date"))):
        kind = (precision or "", series or "")
        paths = called.get(kind)
        if paths is None:
            paths = called[kind] = feed_paths_of(*kind)
        for path in paths:
            if path not in parts:
                carry(path, i)
                continue
            day = day or ""
            carry(_part_for(path, parts[path], day), i)
            if path in latest and day >= latest[path].day:
                carry(path, i)
    if scratch is not None:
        stored.close()
    return out


# Feeds' row numbers held before they are written to the scratch file (4 MB): the numbers
# of every feed, some per event, took 4 bytes each in memory (11 MB at 100,000 documents).
_HELD = 1 << 20


class _Stored(Mapping[str, _Members]):
    """`feed_members` of rows in a scratch file: each feed's row numbers gathered in
    memory, written to the file as a blob per feed once _HELD are held in all, and read
    back, a feed's at a time, when its members are asked for (the feeds' checks ask for
    one feed at a time, and a feed is cut to a calendar application's size)."""

    _made = itertools.count()  # a table of its own for each (the file may serve several)

    def __init__(self, rows: Rows, index: RowIndex, db: Any) -> None:
        self._rows, self._index, self._db = rows, index, db
        self._table = f"carried_{next(self._made)}"
        db.execute(f"CREATE TABLE {self._table} (feed INTEGER, rows BLOB)")
        self._numbers: dict[str, int] = {}  # feed -> its number in the file
        self._last: dict[str, int] = {}  # feed -> the last row it carries
        self._held: dict[str, array[int]] = {}
        self._count = 0

    def carry(self, path: str, i: int) -> None:
        if self._last.get(path) == i:  # the rows come in order: each is carried once
            return
        if path not in self._numbers:
            self._numbers[path] = len(self._numbers)
        self._last[path] = i
        held = self._held.get(path)
        if held is None:
            held = self._held[path] = array("I")
        held.append(i)
        self._count += 1
        if self._count >= _HELD:
            self._write()

    def _write(self) -> None:
        self._db.executemany(
            f"INSERT INTO {self._table} VALUES (?, ?)",
            ((self._numbers[path], held.tobytes()) for path, held in self._held.items()),
        )
        self._held, self._count = {}, 0

    def close(self) -> None:
        """Write what is held; from now on the feeds are read."""
        self._write()
        self._last = {}
        self._db.execute(f"CREATE INDEX {self._table}_by_feed ON {self._table} (feed)")

    def __getitem__(self, path: str) -> _Members:
        carried = array("I")
        for (blob,) in self._db.execute(
            f"SELECT rows FROM {self._table} WHERE feed = ? ORDER BY rowid", (self._numbers[path],)
        ):
            carried.frombytes(blob)
        return _Members(self._rows, self._index, carried)

    def __iter__(self) -> Iterator[str]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)


def _cells(rows: Rows, keys: tuple[str, ...]) -> Iterator[tuple[str | None, ...]]:
    """Per row, its values in `keys` (None for one it lacks), read without making the rows
    when `rows` can (validate.eventrows.EventRows)."""
    read = getattr(rows, "cells", None)
    if callable(read):
        return read(keys)  # type: ignore[no-any-return]
    return (tuple(row.get(k) for k in keys) for row in rows)


def _parts_listed(listed: Iterable[str]) -> dict[str, list[tuple[int, frozenset[str]]]]:
    """The feeds listed as parts: feed -> its parts' periods by their length, longest first."""
    from mctimeline.feeds.parts import part_of

    parts: dict[str, dict[int, set[str]]] = {}
    for path in listed:
        split = part_of(path)
        if split is not None:
            parts.setdefault(split[0], {}).setdefault(len(split[1]), set()).add(split[1])
    return {
        feed: [(n, frozenset(periods[n])) for n in sorted(periods, reverse=True)]
        for feed, periods in parts.items()
    }


def _part_for(feed: str, periods: list[tuple[int, frozenset[str]]], day: str) -> str:
    """The part of `feed` whose period `day` falls in, the longest such period (a day's part
    before its month's); a name of no listed part when none does. Of the periods of one
    length only `day`'s own prefix can hold it: one look-up a length, not a scan of the
    feed's parts (thousands of days' parts in a corpus's feeds)."""
    from mctimeline.feeds.parts import part_path

    for length, named in periods:
        if day[length : length + 1] in ("", "-") and day[:length] in named:
            return part_path(feed, day[:length])
    return f"{feed} (no part for {day[:10] or 'an undated event'})"
