"""Events: happenings anchored by date mentions, assembled and merged across sources.

`assemble(corpus)` turns every source's tagged mentions into events, in two
stages: `source_anchors` describes one source's mentions from its text (the
per-document stage: the text is not kept), `assemble_sources` merges the anchors of
all sources (the reduce: sort-and-sweep, memory for anchors, not text). The rule:

0. **Only happenings are events** (events/happenings.py): a mention whose role is
   since, until, by or forecast, a number's year, a birth year or an age, a date in a
   dateline, or a bare year in passing stays a mention, with a `not-a-happening` reconciliation row.
1. **No bounds, no event.** A mention whose bounds are empty (an unresolved
   «امروز», an invalid day) or malformed joins no event; it gets a reconciliation
   row of kind `unresolved` or `invalid` (with an empty event_id) so that nothing
   is dropped silently.
2. **A gloss joins what it glosses** (`Mention.gloss_of`), whatever its dates:
   when they disagree the event keeps the glossed reading and the gloss gets a
   `gloss-conflict` row.
3. **Each other mention is an anchor**, described by its clause (see titles.py; a
   clause of the date alone, «In 2025,», is read as its sentence, and a date alone on
   its line as the sentence after it):
   the series and edition the gazetteer recognizes there (or, when the clause
   speaks of a meeting without naming it, in its sentence or the sentences just
   before), the place of the happening its sentence reports (a place marked as the
   scene, «در مسکو», «مسکو میزبان», in its clause, else in its sentence, the one
   nearest the date when several are marked, else where a visit, journey or arrival
   its clause reports goes, «به تهران آمد», «وصل إلى طهران», "visit to Moscow"
   (events/context.py), else a
   meeting's named city there; from an earlier sentence only when the clause points
   back to a happening of the same kind it named, «این نشست»: never a city another
   sentence names for something else), its actors (below), the kinds of happening its words name
   (meeting, agreement, conflict, talks, statement: data/kinds.toml; "kinds
   agree" below means they share one other than statement, since two things said
   are not one happening; a clause that only reports words said takes the kinds its
   sentence names too, "Lavrov said on Wednesday he discussed … at a meeting with
   Araghchi", since the words were said at that happening) and its content words.
4. **Anchors merge when their intervals are equal or nested and their clauses
   agree**, tested by sort-and-sweep inside blocks (never all pairs of a corpus):
   - same series and compatible editions (equal, or one unknown) — any sources;
   - same series and the same edition number — any sources, with dates up to
     EDITION_DAYS apart in one year (the edition names the happening; differing dates become
     a `source-disagreement` row);
   - same place, both day-precise, and kinds that agree — any sources;
   - one report printed twice: the same sentence (its folded words) and the same
     interval in two sources;
   - the same day in two sources, kinds that agree (or of one family: talks, a
     meeting and a visit are one encounter, data/kinds.toml [families]), actors that agree (the actors
     gazetteer's ids, the same in fa, ar and en; with the countries of its people, one
     report's actors within the other's: «عراقچی و لاوروف» and "the Iranian and
     Russian ministers" agree, Lavrov with Araghchi and Lavrov with Wang Yi do not),
     and no two places that differ — whatever the outlets and languages;
   - same source, the same interval, and kinds that agree (the war «سال ۲۰۲۲»
     twice in one article is one event; two articles' «سال ۲۰۲۲» are not);
   - same source, the same day, any happening kinds, actors that agree and no two
     places that differ (one article's visit and the signing during it, told in two
     sentences, are one event).
   A year shared by two texts, with no series, place or day in common, merges
   nothing here (but see rule 7). A relative mention («اليوم») merges only with an equal interval: it
   dates the act reported, not the longer happening the act is about.
5. **Echoes join the event they repeat**: a mention that is not day-precise or
   whose year was inferred («اوایل ۲۰۲۵», «می۲۰۲۵», «پیمان ژانویه») and that is
   still alone joins an event of the same source whose interval it contains and
   whose kinds (or series) it shares, stated in another sentence (two dates in one
   sentence are two happenings); among several, the one whose sentence shares most
   content words with its own, then the nearest in the text. Relative
   mentions («اليوم») are never echoes: they date a reported act.
6. **A range end joins its range**: a day-precise mention right after «حتى»,
   «تا», "until"… («استمر حتى يوم 25 من الشهر ذاته») that is still alone joins
   the nearest earlier day-precise event of its source, of the same kind, that
   began at most RANGE_END_DAYS days before it, and extends that event's end.
7. **A year or a month two texts name is one happening when kind and actors agree**
   (merge._join_periods): after rules 5 and 6, two anchors of different sources, each
   the only reading of its event (no echo joined it to a day of its source), equal
   intervals of year or month precision (a year never joins another year, nor its own
   months), no role (since, until, by and forecast are no happenings: rule 0), a
   linking kind in common, actors that agree and no two places that differ. A year in
   passing stays a mention (rule 0), however many texts name it.
8. **A month or year joins the one day it holds** (merge._join_coarser): after rule 7, an
   event all of whose mentions are one year or month (no role, not in passing; counted from
   the publication is allowed, «يناير الماضي», unlike rule 7) joins the day event whose kept
   day its interval holds when exactly one qualifies: told by none of its sources, a kind of
   one family, actors that agree and no two places that differ. Its mentions become
   supporting mentions with a `period-joined` row; the event keeps its day and its id (which
   never hashes a supporting mention). A day whose date's nearest kind is words said («On
   January 13 it was announced that … would sign») is a statement's, and no candidate.
   Holding two or more such days, it joins none and each of its mentions gets a
   `period-ambiguous` row naming them, unless all are slips of one happening: within
   DISAGREE_DAYS of the day most sources tell, each told by fewer (the month of a signing
   most outlets date the 17th and one the 16th joins the 17th; rule 9 flags the 16th).
   Blocked by (family, actor or its country), sorted by day: no all-pairs.
9. **Sources that disagree by a few days are flagged, not merged** (disagree.py): two day
   events whose days are 1 to DISAGREE_DAYS (3) apart, that share no source, of one kind
   family, with the same actors (read with their countries) at the same named place, and no
   two series, are kept apart (a source's date is never moved) but each gets a
   `sources-disagree` row naming the other event and its sources' words, and is marked
   conflict. Why 3 days: the slips that make sources differ about one happening are a day
   (a time zone, a report filed after midnight whose «اليوم»/«أمس» is counted from the
   wrong day, a Jalali or Hijri day converted one off) or two (Hijri months that begin up
   to two days apart in Iran and in the Umm al-Qura table, a weekday read in the wrong
   week's half); beyond three days, the same people at the same place are more likely at
   a second happening (another round, the next session) than misdated. A place is required
   and the sources must be disjoint: without a scene, the same people a day apart are as
   likely a call and then a signing; an outlet that reports both days tells them apart.

**Actors.** A date's actors are those its sentence names (gazetteer ids), after those
of the sentence before when it opens with a word pointing back to them («وی افزود»,
«وقال إن», "He said": data/kinds.toml [anaphora.subject]; along a chain of at most
models._ANAPHOR_CHAIN sentences). A date whose sentence gives none borrows the article
title's actors only for the news the title announces: a date counted from the
publication day («امروز», «أمس») or one in the lead (the headline and the paragraph
after it). Deeper in the text a sentence that names nobody tells of something else, and
borrows nobody.

Each event keeps one reading: among its anchors (not glosses, echoes or range
ends) whose status is ok or inferred, the most precise, then the one most
sources state, then the earliest. Every anchor whose interval neither contains
nor lies within that reading gets a `source-disagreement` row; every conflict or
suspect mention a row with the tagger's diagnosis (a Hijri date within the ±2
days Iran's lunar months allow, a `hijri-tolerance` row). Status: conflict when
any mention is conflict/suspect or any row but a note (hijri-tolerance, period-joined,
period-ambiguous: models.NOTE_KINDS) exists, or a `sources-disagree` row (rule 9), inferred
when every mention is inferred, else confirmed. EDTF: 2025-05-27, 2025-05-27/
2025-05-29, 2025-05, 2025, 2025-37/38/39 for thirds of a year, a day interval
for a month or year of another calendar; "?" after each date when the kept
reading's year was inferred. Title: the sentence of the titling anchor (one naming the series, then the kept
reading's) that reports the happening, after any dateline, or its clause when the
sentence is over titles.TITLE_CHARS; `title_en` the series' name, else the kind, actors
(all members', first seen first) and place («Talks: Sergey Lavrov, Abbas Araghchi —
Moscow»), "" when neither kind nor actor is recognised. The event's `event_id` hashes the canonical key of
its first anchor (source id, folded text, bounds, occurrence among identical
mentions of that text), so it survives rebuilds, other sources and input order.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Protocol

from mctimeline.events.anchors import SourceAnchors, source_anchors
from mctimeline.events.clusters import _Clusters
from mctimeline.events.disagree import Found, ambiguous_rows, day_of, disagreements, flag_days
from mctimeline.events.echoes import _join_echoes
from mctimeline.events.make import _in_other_calendars, _make_event, forget_shared
from mctimeline.events.merge import (
    _blocks,
    _join_coarser,
    _join_editions,
    _join_periods,
    _join_range_ends,
    _sweep,
)
from mctimeline.events.models import (
    DISAGREE_DAYS,
    EDITION_DAYS,
    RANGE_END_DAYS,
    Event,
    EventStatus,
    MentionRef,
    Reconciliation,
    _Anchor,
    mention_id,
)
from mctimeline.mentions import Mention
from mctimeline.sources import Source

__all__ = [
    "DISAGREE_DAYS",
    "EDITION_DAYS",
    "RANGE_END_DAYS",
    "Event",
    "EventStatus",
    "MentionRef",
    "Reconciliation",
    "SourceAnchors",
    "assemble",
    "assemble_sources",
    "mention_id",
    "source_anchors",
]


def assemble(
    corpus: Iterable[tuple[Source, str, Sequence[Mention]]],
) -> tuple[list[Event], list[Reconciliation], dict[str, str]]:
    """Events (sorted by start date, then id), reconciliation rows, and mention_id → event_id.

    Every mention with bounds maps to exactly one event; every mention without
    bounds gets an `unresolved` or `invalid` reconciliation row instead (with an
    empty event_id). See the module docstring for the merge rule.
    """
    return assemble_sources(source_anchors(source, text, mentions) for source, text, mentions in corpus)


_BATCH = 384  # events made together, their parked mentions read back by one query or two


class EventSink(Protocol):
    """Where a reduce that keeps no events in memory puts them (store.Scratch): made, then flagged."""

    def add_rows(self, rows: Iterable[Reconciliation]) -> None: ...

    def add_event(self, event: Event) -> None: ...

    def flag(self, event_ids: set[str]) -> None:
        """Mark these events conflict (rule 9)."""

    def events_of(self, event_ids: set[str]) -> dict[str, Event]:
        """The events with these ids, as added."""
        ...

    def parked_keys(self) -> Iterator[tuple[bytes, int]]:
        """The keys of the parked anchors (those whose `key` is b""), sorted, each with the anchor's
        place among the parked anchors in the order they were parked."""
        ...

    def read_back(self, anchors: Sequence[_Anchor]) -> None:
        """Give the parked anchors among these their whole mentions (models.whole), keys and titles again."""


def assemble_sources(
    items: Iterable[SourceAnchors],
    sink: Callable[[], EventSink | None] | None = None,
) -> tuple[list[Event], list[Reconciliation], dict[str, str]]:
    """`assemble` from each source's anchors (the reduce stage), in any order of sources.

    `sink`, when given, is asked once the sources are read where the events go: when it
    answers with an EventSink, each event, each reconciliation row, and which events rule 9
    flags go there as they are made, never all in memory, and the lists returned are empty.
    """
    anchors: list[_Anchor] = []
    source_ids: set[str] = set()
    gloss_pairs: list[tuple[_Anchor, _Anchor]] = []  # (the glossed anchor, its gloss)
    loose: list[Reconciliation] = []
    for item in items:
        if item.source_id in source_ids:
            raise ValueError(f"two sources share the id {item.source_id!r}: rename one of the files")
        source_ids.add(item.source_id)
        anchors.extend(item.anchors)
        gloss_pairs.extend((item.anchors[target], item.anchors[gloss]) for target, gloss in item.glosses)
        loose.extend(item.loose)
    del source_ids  # a string's entry a source, not read after the sources: not held across the merge
    out = sink() if sink is not None else None
    by_rank = _ranked(anchors, out.parked_keys() if out is not None else iter(()))
    roles: dict[int, str] = {gloss.rank: "gloss" for _, gloss in gloss_pairs}
    glosses = {gloss.rank: target for target, gloss in gloss_pairs}
    gloss_links = [(target.rank, gloss.rank) for target, gloss in gloss_pairs]
    del gloss_pairs
    anchors.sort(key=lambda a: a.source_id)  # stable: by source, then in each source's own order
    clusters = _Clusters(len(by_rank))
    main = [a for a in anchors if roles.get(a.rank) != "gloss"]
    # What the events' bounds read of `anchors` (below), so that the list is let go before the
    # merge: `main` and `by_rank` hold each anchor through it (a slot an anchor, 80 bytes a document).
    days = {day for a in anchors for day in (a.first, a.last)} if out is None else set()
    del anchors
    for block in _blocks(main):
        _sweep(block, clusters)
    _join_editions(main, clusters)
    for target_rank, gloss_rank in gloss_links:
        clusters.union(target_rank, gloss_rank)
    _join_echoes(main, clusters, roles, clusters.joined(), by_rank)  # these groups are stale after it
    _join_range_ends(main, clusters, roles)
    _join_periods(main, clusters, roles)
    ambiguous = _join_coarser(main, clusters, roles, by_rank)
    # The merge's lists are let go as soon as read, before the indexes below are made: all at once
    # they set a large build's peak of memory.
    del main

    # An event's bounds are some anchor's first or last day: all of them converted at once, in
    # memory (the events share each day's strings); with a sink, each batch's days no batch before
    # it met, as it comes (a set of the corpus's days, all at once, cost more than its merge), kept
    # for the batches after it: a corpus has far fewer days than anchors.
    written = _in_other_calendars(days) if out is None else {}
    del days
    recs: list[Reconciliation] = list(loose) if out is None else []
    if out is not None:
        out.add_rows(loose)
    del loose
    event_of: dict[str, str] = {}
    made: list[tuple[Event, Found]] = []
    founds: list[Found] = []  # with a sink: what rule 9 reads of the day events, not the events
    # The clusters of two anchors or more (most anchors are alone: a list each cost more than them),
    # each under its root, its smallest rank; the events are made root by root, in rank order.
    joined = clusters.joined()
    ambiguous = {clusters.find(root): held for root, held in ambiguous.items()}
    groups = {root: joined.get(root) or [root] for root in ambiguous}  # what their rows read
    # Each cluster's anchors are dropped once its event is made (the events and the anchors are the
    # reduce's two largest holdings: never both whole), but for those the period-ambiguous rows read.
    held_keys = {k for root, held in ambiguous.items() for k in (*groups[root], *held)}
    held = {k: by_rank[k] for k in held_keys}
    slots: list[_Anchor | None] = list(by_rank)
    del by_rank
    # With a sink, only the mentions the period-ambiguous rows read are looked up here.
    held_ids = {a.ref.mention_id for a in held.values()}
    roots = clusters.roots()
    while batch := list(islice(roots, _BATCH)):
        if out is not None:  # the words of the batch's parked mentions, which its rows quote
            anchored = [_at(slots, k) for root in batch for k in joined.get(root) or [root]]
            out.read_back(anchored)
            new_days = {day for a in anchored for day in (a.first, a.last)}.difference(written)
            if new_days:
                written.update(_in_other_calendars(new_days))
            del anchored
        for root in batch:
            keys = groups[root] if root in ambiguous else joined.pop(root, [root])
            members = [held[k] if k in held_keys else _release(slots, k) for k in keys]
            event, event_recs = _make_event(members, roles, glosses, written)
            found = day_of(event, members, roles)
            if out is None:
                made.append((event, found))
                recs.extend(event_recs)
            else:
                out.add_event(event)
                out.add_rows(event_recs)
                if found is not None:
                    founds.append(found)
            for ref in event.mentions:
                if out is None or ref.mention_id in held_ids:
                    event_of[ref.mention_id] = event.event_id
    del roots, slots, clusters
    if out is not None:
        forget_shared()  # the events are on disk: their shared strings are held by nothing else
    if out is None:
        events, disagree_recs = flag_days(made)
    else:
        flagged, disagree_recs = disagreements(founds)
        out.flag(flagged)
        events = []
    del made, founds
    recs.extend(disagree_recs)
    if ambiguous:
        if out is None:
            by_id = {e.event_id: e for e in events}
        else:
            wanted = {event_of[held[c].ref.mention_id] for within in ambiguous.values() for c in within}
            by_id = out.events_of(wanted)
        recs.extend(ambiguous_rows(ambiguous, groups, held, event_of, by_id))
    if out is not None:
        out.add_rows(recs)
        return [], [], {}
    events.sort(key=lambda e: (e.start_date, e.event_id))
    recs.sort(key=lambda r: r.reconciliation_id)
    return events, recs, event_of


def _ranked(anchors: Sequence[_Anchor], parked: Iterator[tuple[bytes, int]]) -> list[_Anchor]:
    """`anchors` in the order of their keys, each given its `rank` there (its place in that list).

    The merge compares and joins anchors by rank: an int, where a key is some ninety bytes. The
    keys held in memory are sorted here; the parked ones (store.Scratch.park: `key` b"") come sorted
    from the sink, each with its place among the parked anchors, which come after all those held
    (a build parks its documents' anchors from some document on, never back).
    """
    in_memory = sorted((a for a in anchors if a.key), key=_key)
    first_parked = len(in_memory)
    if any(a.key for a in anchors[first_parked:]):
        raise RuntimeError("an anchor held in memory came after a parked one: their ranks would be wrong")
    merged = heapq.merge(
        ((a.key, a) for a in in_memory),
        ((key, anchors[first_parked + at]) for key, at in parked),
        key=_first,
    )
    by_rank: list[_Anchor] = []
    for rank, (_, a) in enumerate(merged):
        object.__setattr__(a, "rank", rank)  # frozen: the anchor is the reduce's own from here on
        by_rank.append(a)
    if len(by_rank) != len(anchors):
        raise RuntimeError(f"{len(anchors)} anchors but {len(by_rank)} keys: a parked key is missing")
    return by_rank


def _key(a: _Anchor) -> bytes:
    return a.key


def _first(pair: tuple[bytes, _Anchor]) -> bytes:
    return pair[0]


def _at(slots: list[_Anchor | None], k: int) -> _Anchor:
    a = slots[k]
    if a is None:
        raise RuntimeError(f"the anchor of rank {k} was asked for after its event was made")
    return a


def _release(slots: list[_Anchor | None], k: int) -> _Anchor:
    """The anchor of rank `k`, let go of: its event is being made, and nothing reads it after."""
    a = _at(slots, k)
    slots[k] = None
    return a
