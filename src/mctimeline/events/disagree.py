"""Rows said of events against other events: rule 8's coarser dates that hold several days, and rule 9.

Rule 9 (mctimeline.events): two day events whose days are 1 to DISAGREE_DAYS apart, whose
sources share none, of one kind family, with the same actors (read with their countries)
at the same named place, and no two series, look like one happening that sources date
differently. They stay two events (no source's date is moved), each gets a
`sources-disagree` row naming the other and its words, and each is marked conflict.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from mctimeline.events.kinds import families
from mctimeline.events.merge import _kept_anchor, _with_countries
from mctimeline.events.models import (
    DISAGREE_DAYS,
    PERIOD_AMBIGUOUS,
    SOURCES_DISAGREE,
    Event,
    Reconciliation,
    _Anchor,
    _rec_id,
    whole,
)


def ambiguous_rows(
    ambiguous: dict[int, tuple[int, ...]],
    groups: dict[int, list[int]],
    by_key: dict[int, _Anchor],
    event_of: dict[str, str],
    events: dict[str, Event],
) -> list[Reconciliation]:
    """A `period-ambiguous` row on each mention of a month or year event that holds several day events."""
    rows: list[Reconciliation] = []
    for root, candidates in ambiguous.items():
        held = sorted(
            (events[event_of[by_key[c].ref.mention_id]] for c in candidates),
            key=lambda e: (e.start_date, e.event_id),
        )
        listed = ", ".join(f"{e.event_id} ({e.start_date})" for e in held)
        for key in groups[root]:
            a = by_key[key]
            event_id = event_of.get(a.ref.mention_id, "")
            rows.append(
                Reconciliation(
                    reconciliation_id=_rec_id(a.ref.mention_id, PERIOD_AMBIGUOUS),
                    event_id=event_id,
                    mention_id=a.ref.mention_id,
                    kind=PERIOD_AMBIGUOUS,
                    diagnosis=(
                        f"«{whole(a).text}» ({a.mention.precision} {a.reading}) of {a.source_id} holds "
                        f"{len(held)} day events of other sources it may report: {listed}"
                    ),
                    kept=a.reading,
                    rejected="",
                    reason="which of them it means is not known, so it joins none and stays an event "
                    "of its own",
                )
            )
    return rows


@dataclasses.dataclass(frozen=True, slots=True)
class _Day:
    # Of the event, what rule 9 reads (not the event: a reduce that stores its events as they
    # are made keeps only these).
    event_id: str
    start_date: str
    series_id: str
    first: dt.date  # the kept anchor's first day
    mention_id: str  # the kept anchor's mention: the row is on it
    sources: frozenset[str]
    families: frozenset[str]
    words: tuple[tuple[str, str], ...]  # (source, words) of each mention that states the event's day


Found = tuple[tuple, _Day] | None  # what day_of says of one event


def day_of(event: Event, members: Sequence[_Anchor], roles: dict[int, str]) -> Found:
    """The block (place, actors) and description of a day event rule 9 may compare, else None.

    It keeps none of `members`: made as each event is made, it lets the reduce drop them.
    """
    if event.precision != "day" or not event.location:
        return None
    kept = _kept_anchor(members, roles)
    if kept.mention.precision != "day":
        return None
    told = [a for a in members if roles.get(a.rank, "anchor") == "anchor" and a.mention.precision == "day"]
    actors = tuple(sorted({x for a in told for x in a.actors}))
    kinds = frozenset().union(*(families(a.links) for a in told))
    if not actors or not kinds:
        return None
    sources = frozenset(a.source_id for a in members)
    same = [a for a in told if (a.first, a.last) == (kept.first, kept.last)]
    words = tuple(sorted({(a.source_id, whole(a).text) for a in same}))
    mention = kept.ref.mention_id
    day = _Day(event.event_id, event.start_date, event.series_id, kept.first, mention, sources, kinds, words)
    return (event.location, _with_countries(actors)), day


def flag_days(made: Sequence[tuple[Event, Found]]) -> tuple[list[Event], list[Reconciliation]]:
    """Rule 9, of each event and what day_of said of it: the events (conflict where flagged, else as
    they were) and the `sources-disagree` rows."""
    flagged, rows = disagreements(found for _event, found in made)
    events = [dataclasses.replace(e, status="conflict") if e.event_id in flagged else e for e, _ in made]
    return events, rows


def disagreements(founds: Iterable[Found]) -> tuple[set[str], list[Reconciliation]]:
    """Rule 9, of what day_of said of each event: the ids of the events it flags, and their rows.

    Sort-and-sweep: events are blocked by place and actors, sorted by day, and each is
    compared only with those at most DISAGREE_DAYS days before it in its block.
    """
    blocks: dict[tuple, list[_Day]] = defaultdict(list)
    for found in founds:
        if found is not None:
            blocks[found[0]].append(found[1])
    others: dict[str, list[_Day]] = defaultdict(list)
    for days in blocks.values():
        days.sort(key=lambda d: (d.first, d.event_id))
        for i, day in enumerate(days):
            j = i - 1
            while j >= 0 and (day.first - days[j].first).days <= DISAGREE_DAYS:
                before = days[j]
                j -= 1
                if before.first == day.first or before.sources & day.sources:
                    continue  # one day: not a disagreement; a shared source tells both days apart
                if not before.families & day.families:
                    continue
                series = {before.series_id, day.series_id} - {""}
                if len(series) > 1:
                    continue
                others[day.event_id].append(before)
                others[before.event_id].append(day)
    by_id = {d.event_id: d for days in blocks.values() for d in days}
    rows = [_disagree_row(by_id[event_id], found) for event_id, found in sorted(others.items())]
    return set(others), rows


def _told(day: _Day) -> str:
    sources = sorted(day.sources)
    many = f"{len(sources)} sources ({', '.join(sources)}) date"
    who = f"{sources[0]} dates" if len(sources) == 1 else many
    said = ", ".join(f"«{text}» ({source})" for source, text in day.words)
    return f"{who} it {day.start_date}: {said}"


def _disagree_row(day: _Day, others: list[_Day]) -> Reconciliation:
    others = sorted(others, key=lambda d: (d.first, d.event_id))
    apart = "; ".join(
        f"event {o.event_id}, {abs((o.first - day.first).days)} day(s) apart: {_told(o)}" for o in others
    )
    return Reconciliation(
        reconciliation_id=_rec_id(day.mention_id, SOURCES_DISAGREE),
        event_id=day.event_id,
        mention_id=day.mention_id,
        kind=SOURCES_DISAGREE,
        diagnosis=(
            f"{_told(day)}; the same-looking happening (same place and actors, a kind of one family)"
            f" is {apart}"
        ),
        kept=day.start_date,
        rejected="",
        reason=(
            f"kept apart, no source's date moved: within {DISAGREE_DAYS} days, reports by other outlets of "
            "one kind, actors and place are more often one happening misdated (a day counted from the "
            "wrong publication day, a time zone, a calendar slip) than two; check the sources"
        ),
    )
