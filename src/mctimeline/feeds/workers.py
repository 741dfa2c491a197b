"""VEVENTs written by worker processes for a large timeline, in order, with the serial bytes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from mctimeline import processes, store
from mctimeline.events import Event, Reconciliation
from mctimeline.feeds.specs import Carriers
from mctimeline.feeds.vevents import _vevent_bytes, feed_stamp
from mctimeline.package.csvio import batches
from mctimeline.sources import Source
from mctimeline.timeline import PlacedMention, Series, Timeline, walk

# --- VEVENTs in worker processes -------------------------------------------------
# icalendar writing each content line is most of what remains of a VEVENT's time (its
# lines are folded on their bytes, feeds.folding); that is its own work and stays its
# own, so a large timeline's VEVENTs are written by several processes instead. Each
# gets chunks of events with only the records their descriptions read, and the chunks
# come back in order: the bytes are the serial ones.

# Below this, starting the workers (each imports icalendar) costs more than they save.
PARALLEL_MIN_EVENTS = 3000
_CHUNK_EVENTS = 250
WORKERS_ENV = "MCTIMELINE_FEED_WORKERS"


def feed_workers(event_count: int) -> int:
    """How many processes write the VEVENTs of `event_count` events: 1 means this one.

    Every core this process may run on, for a timeline of at least PARALLEL_MIN_EVENTS
    written from a script that workers can import (`processes.may_start_workers`); the
    environment variable MCTIMELINE_FEED_WORKERS sets the number instead.
    """
    if multiprocessing.current_process().daemon:
        return 1  # a daemonic process (a pool's worker) may not start processes
    configured = processes.workers_from_env(WORKERS_ENV)
    if configured is not None:
        return configured
    if event_count < PARALLEL_MIN_EVENTS or not processes.may_start_workers():
        return 1
    return processes.cores()


def written_by_workers(event_count: int) -> bool:
    """Whether `write_feeds` (its workers left to `feed_workers`) writes the VEVENTs of
    `event_count` events in worker processes, leaving this process to join their answers."""
    return event_count > _CHUNK_EVENTS and feed_workers(event_count) > 1


Written = Iterator[tuple[Event, dict[str, bytes]]]


def _vevents(timeline: Timeline, carriers: Carriers, workers: int | None) -> Written:
    """Each event, in timeline order, with its VEVENT bytes in each language its feeds need."""
    if not carriers.specs:
        return
    stamp = feed_stamp(timeline)
    events = timeline.events
    count = feed_workers(len(events)) if workers is None else max(1, workers)
    done = 0
    if count > 1 and len(events) > _CHUNK_EVENTS:
        try:
            for item in _parallel_vevents(timeline, carriers, stamp, count):
                yield item
                done += 1
        except (BrokenProcessPool, OSError, NotImplementedError):
            # No workers to be had (no working semaphores, a limit on processes), or one
            # died before answering, e.g. spawned from a script without the
            # `if __name__ == "__main__":` guard that multiprocessing requires: write
            # the rest here, from where the workers stopped. A real error in an event
            # is raised again here.
            pass
    # Walked from where the workers stopped, not sliced: a stored timeline's slice is a list
    # of every event it spans. A run of events at a time, as a worker gets them: a stored
    # timeline's records are read for the run by a few queries (`_chunk`), not one a mention.
    for run in batches(walk(events, done), _CHUNK_EVENTS):
        part = tuple(run)
        records = timeline.records_of(part)
        context = (
            timeline if records is timeline else _context(_chunk(timeline, carriers, part, stamp, records))
        )
        for event in part:
            languages = carriers.languages(event)
            yield event, dict(zip(languages, _vevent_bytes(event, context, languages, stamp), strict=True))


@dataclass(frozen=True)
class _Chunk:
    """Consecutive events and all that their VEVENTs read, small enough to send to a worker."""

    events: tuple[Event, ...]
    languages: tuple[tuple[str, ...], ...]  # per event
    mentions: tuple[PlacedMention, ...]
    reconciliations: tuple[Reconciliation, ...]
    series: tuple[Series, ...]
    stamp: dt.datetime
    sources: tuple[Source, ...] = ()  # those of the mentions that have a URL (the rest add nothing)


def _chunk(
    timeline: Timeline,
    carriers: Carriers,
    events: tuple[Event, ...],
    stamp: dt.datetime,
    records: Timeline | None = None,
) -> _Chunk:
    """`records`: `timeline.records_of(events)` when already read."""
    if records is None:
        records = timeline.records_of(events)  # a stored timeline's, read by a few queries, not one a mention
    placed = (records.mention(ref.mention_id) for event in events for ref in event.mentions)
    mentions = tuple({p.mention_id: p for p in placed if p is not None}.values())
    sources = (timeline.source(source_id) for source_id in dict.fromkeys(p.source_id for p in mentions))
    return _Chunk(
        events,
        tuple(carriers.languages(event) for event in events),
        mentions,
        tuple(r for event in events for r in records.reconciliations_of(event.event_id)),
        tuple(timeline.series),
        stamp,
        tuple(s for s in sources if s is not None and s.url),
    )


def _write_chunk(chunk: _Chunk) -> list[tuple[bytes, ...]]:
    """In a worker: each event's VEVENT bytes in its languages, in the chunk's order."""
    context = _context(chunk)
    return [
        _vevent_bytes(event, context, langs, chunk.stamp)
        for event, langs in zip(chunk.events, chunk.languages, strict=True)
    ]


@dataclass(frozen=True)
class _Packed:
    """A chunk as sent to a worker: its records as the store's bytes (store.records), which pickle and
    unpickle as plain bytes, where the records themselves went through their dataclasses'
    Python `__getstate__` and `__setstate__` (17 and 19 µs an event, as much as the building
    process spent on all else of a chunk)."""

    events: tuple[bytes, ...]
    languages: tuple[tuple[str, ...], ...]
    mentions: tuple[tuple[str, str, bytes, str], ...]  # (mention id, source id, bytes, event id)
    reconciliations: tuple[bytes, ...]
    series: tuple[Series, ...]
    stamp: dt.datetime
    sources: tuple[Source, ...]


def _pack(chunk: _Chunk) -> _Packed:
    return _Packed(
        tuple(map(store.event_bytes, chunk.events)),
        chunk.languages,
        tuple(
            (p.mention_id, p.source_id, store.mention_bytes(p.mention), p.event_id) for p in chunk.mentions
        ),
        tuple(map(store.rec_bytes, chunk.reconciliations)),
        chunk.series,
        chunk.stamp,
        chunk.sources,
    )


def _unpack(packed: _Packed) -> _Chunk:
    return _Chunk(
        tuple(map(store.event_of, packed.events)),
        packed.languages,
        tuple(PlacedMention(m, s, store.mention_of(data), e) for m, s, data, e in packed.mentions),
        tuple(map(store.rec_of, packed.reconciliations)),
        packed.series,
        packed.stamp,
        packed.sources,
    )


def _write_packed(packed: _Packed) -> list[tuple[bytes, ...]]:
    """In a worker: `_write_chunk` of the chunk sent packed."""
    return _write_chunk(_unpack(packed))


def _context(chunk: _Chunk) -> Timeline:
    """What the chunk's descriptions read (mentions, reconciliations, series) as a Timeline."""
    return Timeline(chunk.sources, chunk.mentions, (), chunk.reconciliations, chunk.series)


def _parallel_vevents(timeline: Timeline, carriers: Carriers, stamp: dt.datetime, workers: int) -> Written:
    events = timeline.events
    starts = range(0, len(events), _CHUNK_EVENTS)
    # Forked from the build's fork server, or spawned (processes.context): safe whatever
    # threads this process runs. At most two chunks per worker are in flight, so memory stays flat.
    context = processes.context()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=processes.yield_to_main) as pool:
        pending: deque[tuple[tuple[Event, ...], Future[list[tuple[bytes, ...]]]]] = deque()
        for start in starts:
            part = tuple(events[start : start + _CHUNK_EVENTS])  # a stored timeline's slice is a list
            pending.append((part, pool.submit(_write_packed, _pack(_chunk(timeline, carriers, part, stamp)))))
            if len(pending) > 2 * workers:
                yield from _answered(carriers, *pending.popleft())
        while pending:
            yield from _answered(carriers, *pending.popleft())


def _answered(
    carriers: Carriers, events: tuple[Event, ...], future: Future[list[tuple[bytes, ...]]]
) -> Written:
    for event, data in zip(events, future.result(), strict=True):
        yield event, dict(zip(carriers.languages(event), data, strict=True))
