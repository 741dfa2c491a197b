"""Merging anchors into clusters: the sort-and-sweep rules 4 and 6-8 of mctimeline.events (5: echoes)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import groupby, pairwise

from mctimeline import gazetteer
from mctimeline.events.clusters import _Clusters
from mctimeline.events.kinds import families
from mctimeline.events.models import (
    _DOUBTFUL,
    _PRECISION_RANK,
    DISAGREE_DAYS,
    EDITION_DAYS,
    RANGE_END_DAYS,
    _Anchor,
)


def _nested(a: _Anchor, b: _Anchor) -> bool:
    return a.contains(b) or b.contains(a)


def _editions_agree(a: _Anchor, b: _Anchor) -> bool:
    return a.edition is None or b.edition is None or a.edition == b.edition


def _same_happening(a: _Anchor, b: _Anchor) -> bool:
    """Whether two anchors with equal or nested intervals name the same happening (rule 4)."""
    if "relative" in (a.mention.calendar, b.mention.calendar) and (a.first, a.last) != (b.first, b.last):
        return False  # «اليوم» dates the act reported (a statement), not the longer happening it is about
    if a.series_id and a.series_id == b.series_id and _editions_agree(a, b):
        return True
    if a.series_id and b.series_id and a.series_id != b.series_id:
        return False
    day = a.mention.precision == "day" and b.mention.precision == "day"
    if a.place and a.place == b.place and day and a.links & b.links:
        return True
    same_days = (a.first, a.last) == (b.first, b.last)
    if same_days and a.said == b.said and a.source_id != b.source_id:
        return True  # one report printed by two outlets, or one article twice
    if day and same_days and a.source_id != b.source_id:
        # Two reports of one happening on one day: its actors agree (whatever the language:
        # the gazetteer's ids are the same), it is of one kind or family (one outlet's talks
        # are another's meeting or visit), and no two places differ.
        places_differ = bool(a.place and b.place and a.place != b.place)
        if _actors_agree(a.actors, b.actors) and families(a.links) & families(b.links) and not places_differ:
            return True
    if a.source_id != b.source_id or not same_days:
        return False
    if day and a.links and b.links and _actors_agree(a.actors, b.actors):
        # One text's visit and signing on one day by the same people («روز جمعه … به مسکو
        # سفر می‌کند … روز جمعه ۲۸ دی پیمان را امضا می‌کنند»): one happening, told in parts.
        return not (a.place and b.place and a.place != b.place)
    return bool(a.links & b.links) and "relative" not in (a.mention.calendar, b.mention.calendar)


@cache
def _with_countries(actors: tuple[str, ...]) -> frozenset[str]:
    """The actors and the countries of the people and organisations among them."""
    found = set(actors)
    for actor_id in actors:
        country = gazetteer.actor_by_id(actor_id).country
        if country:
            found.add(country)
    return frozenset(found)


def _actors_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two reports name the same actors: some, and one's (with their countries) within the other's.

    «عراقچی و لاوروف» and "the Iranian and Russian foreign ministers" agree; Araghchi with
    Lavrov and Araghchi with Fidan do not, though they share one.
    """
    if not a or not b:
        return False
    wa, wb = _with_countries(a), _with_countries(b)
    return bool(wa & wb) and (wa <= wb or wb <= wa)


def _sweep(block: Sequence[_Anchor], clusters: _Clusters) -> None:
    """Union the equal-or-nested pairs of a block that name one happening, by sort-and-sweep."""
    ordered = sorted(block, key=lambda a: (a.first, -a.last.toordinal(), a.rank))
    active: list[_Anchor] = []
    for anchor in ordered:
        active = [a for a in active if a.last >= anchor.first]
        for other in active:
            if _nested(other, anchor) and _same_happening(other, anchor):
                clusters.union(other.rank, anchor.rank)
        active.append(anchor)


def _blocks(anchors: Sequence[_Anchor]) -> Iterator[list[_Anchor]]:
    """The blocks rule 4 sweeps, of two anchors or more: by source, series, day's place, words
    said, day's actor. One kind at a time, never all held: the result of the unions does not
    depend on their order (the smaller key is the root). `anchors` come by source."""
    for _, run in groupby(anchors, key=lambda a: a.source_id):
        yield from _several([list(run)])
    # Most sentences are said once, by one anchor: grouped by sorting, not a list for each.
    by_said = sorted(anchors, key=lambda a: a.said)
    yield from _several(list(run) for _, run in groupby(by_said, key=lambda a: a.said))
    del by_said
    series: dict[str, list[_Anchor]] = defaultdict(list)
    for a in anchors:
        if a.series_id:
            series[a.series_id].append(a)
    yield from _several(series.values())
    del series
    places: dict[str, list[_Anchor]] = defaultdict(list)
    actors: dict[str, list[_Anchor]] = defaultdict(list)
    for a in anchors:
        if a.mention.precision == "day":
            if a.place:
                places[a.place].append(a)
            for actor_id in a.actors:
                actors[actor_id].append(a)
    yield from _several(places.values())
    yield from _several(actors.values())


def _several(blocks: Iterable[list[_Anchor]]) -> Iterator[list[_Anchor]]:
    return (block for block in blocks if len(block) > 1)  # one anchor alone compares with none


def _join_editions(anchors: Iterable[_Anchor], clusters: _Clusters) -> None:
    by_edition: dict[tuple[str, int], list[_Anchor]] = defaultdict(list)
    for a in anchors:
        if a.series_id and a.edition is not None and a.mention.calendar != "relative":
            by_edition[(a.series_id, a.edition)].append(a)
    for members in by_edition.values():
        members.sort(key=lambda a: (a.first, a.rank))
        for before, after in pairwise(members):
            # Sources may date one edition a little differently; months apart it is another happening.
            if (after.first - before.first).days <= EDITION_DAYS and after.first.year == before.first.year:
                clusters.union(before.rank, after.rank)


_PERIODS = frozenset({"year", "month"})


def _join_periods(anchors: Sequence[_Anchor], clusters: _Clusters, roles: dict[int, str]) -> None:
    """Rule 7: a past happening dated only by its year or month, told by two sources, is one event.

    Run after echoes and range ends, so that a month that echoes a day of its own source
    («در ژانویه ۲۰۲۵ ... امضا شد» beside «۱۷ ژانویه ۲۰۲۵») stays with that day and never
    drags it into another source's month. Two anchors join when each is the kept reading
    of an event of its own (an anchor, not an echo or a gloss, precision year or month),
    their intervals are equal (a year never joins another year, nor its months), they are
    of different sources, neither has a role (since, until, by, forecast: not a happening,
    kept out before this) nor is relative, a kind links them, their actors agree (some, one's
    within the other's) and no two places differ.

    Sort-and-sweep: the anchors are blocked by (interval, linking kind, actor), and each is
    compared only with one representative of each distinct set of actors and place already
    seen in its block, not with every other (a busy year's block holds thousands).
    """
    # The clusters of period anchors whose members do not all share one interval: only those
    # clusters are looked at (a set of intervals for every cluster cost more than the merge's anchors).
    wanted = {clusters.find(a.rank) for a in anchors if _period_anchor(a, roles)}
    one: dict[int, _Anchor] = {}
    spanning: set[int] = set()
    for a in anchors:
        root = clusters.find(a.rank)
        if root in wanted:
            met = one.setdefault(root, a)
            if (met.first, met.last) != (a.first, a.last):
                spanning.add(root)
    del one, wanted
    blocks: dict[tuple[dt.date, dt.date, str, str], dict[tuple[frozenset[str], str], _Anchor]] = defaultdict(
        dict
    )
    for a in sorted(anchors, key=lambda a: a.rank):
        if not _period_anchor(a, roles) or clusters.find(a.rank) in spanning:
            continue  # it joined a day of its source (an echo), or a range: not a period event
        for kind in sorted(a.links):
            for actor_id in a.actors:
                seen = blocks[(a.first, a.last, kind, actor_id)]
                for (actors, place), other in seen.items():
                    if other.source_id == a.source_id or (place and a.place and place != a.place):
                        continue
                    mine = _with_countries(a.actors)
                    if actors & mine and (actors <= mine or mine <= actors):
                        clusters.union(other.rank, a.rank)
                seen.setdefault((_with_countries(a.actors), a.place), a)


def _join_coarser(
    anchors: Sequence[_Anchor], clusters: _Clusters, roles: dict[int, str], by_key: Sequence[_Anchor]
) -> dict[int, tuple[int, ...]]:
    """Rule 8: a month or year that holds exactly one day event of another text it may report joins it.

    Run after rule 7, so that a month two texts name is judged once, as one event. A period
    event (every member of year or month precision with one interval, and at least one a
    period anchor: no role, not relative, a linking kind and actors) joins the day event
    whose kept day its interval holds when exactly one day event qualifies: told by no
    source of the period event, a kind of one family with it, actors that agree and no
    two places that differ. Its members become supporting mentions ("support"): the
    event keeps its day, and its id (made from a member that is no gloss or support) is
    the one it had alone. With two or more candidates nothing joins (which one the
    period means is unknowable), unless they are slips of one happening: all within
    DISAGREE_DAYS of the one told by the most sources, which more sources than any other
    tell (the month of a signing most outlets date the 17th and one the 16th is the
    signing's: rule 9 flags the 16th). Returns, for each period event that holds two or more,
    its root and the roots of the day events it holds, for the rows that say so.

    Sort-and-sweep: the day events' members are blocked by (kind family, actor or the
    actor's country) and sorted by the kept day; a period looks only at its blocks and,
    there, at the days inside its interval.
    """
    joined = clusters.joined()
    index: dict[tuple[str, str], list[tuple[dt.date, int, _Anchor]]] = defaultdict(list)
    day_sources: dict[int, frozenset[str]] = {}
    day_of: dict[int, dt.date] = {}
    periods: list[tuple[int, list[_Anchor]]] = []
    for root in sorted(clusters.roots()):
        members = [by_key[k] for k in joined.get(root) or (root,)]
        if len({(a.first, a.last) for a in members}) == 1 and all(
            a.mention.precision in _PERIODS for a in members
        ):
            if any(_period_anchor(a, roles, counted=True) for a in members):
                periods.append((root, members))
            continue
        if not any(a.mention.precision == "day" and a.actors and a.links for a in members):
            continue
        kept = _kept_anchor(members, roles)
        if kept.mention.precision != "day":
            continue
        day_sources[root] = frozenset(a.source_id for a in members)
        day_of[root] = kept.first
        for a in members:
            if a.mention.precision != "day" or roles.get(a.rank, "anchor") != "anchor":
                continue
            if a.main_kind and a.main_kind not in a.links:
                continue  # «On January 13 it was announced that … would sign»: the day of words said
            for family in families(a.links):
                for ident in _with_countries(a.actors):
                    index[(family, ident)].append((kept.first, root, a))
    starts: dict[tuple[str, str], list[dt.date]] = {}
    for block, entries in index.items():
        entries.sort(key=lambda e: (e[0], e[1], e[2].rank))
        starts[block] = [e[0] for e in entries]
    ambiguous: dict[int, tuple[int, ...]] = {}
    for root, members in periods:
        sources = {a.source_id for a in members}
        candidates: set[int] = set()
        for p in members:
            if not _period_anchor(p, roles, counted=True):
                continue
            for family in sorted(families(p.links)):
                for ident in sorted(_with_countries(p.actors)):
                    block = (family, ident)
                    if block not in index:
                        continue
                    lo, hi = bisect_left(starts[block], p.first), bisect_right(starts[block], p.last)
                    for _, day_root, a in index[block][lo:hi]:
                        if day_sources[day_root] & sources or day_root in candidates:
                            continue
                        if p.place and a.place and p.place != a.place:
                            continue
                        if _actors_agree(p.actors, a.actors):
                            candidates.add(day_root)
        target = _one_candidate(candidates, day_sources, day_of)
        if target >= 0:
            for a in members:
                if roles.get(a.rank, "anchor") == "anchor":
                    roles[a.rank] = "support"
                clusters.union(target, a.rank)
        elif candidates:
            ambiguous[root] = tuple(sorted(candidates))
    return ambiguous


def _one_candidate(candidates: set[int], sources: dict[int, frozenset[str]], days: dict[int, dt.date]) -> int:
    """The day event a period joins: the only candidate, or the one told by the most sources
    when every other is a slip of it (at most DISAGREE_DAYS away, told by fewer); else -1."""
    if len(candidates) == 1:
        return next(iter(candidates))
    if not candidates:
        return -1
    ranked = sorted(candidates, key=lambda r: (-len(sources[r]), r))
    best = ranked[0]
    slips = all(
        len(sources[r]) < len(sources[best]) and abs((days[r] - days[best]).days) <= DISAGREE_DAYS
        for r in ranked[1:]
    )
    return best if slips else -1


def _period_anchor(a: _Anchor, roles: dict[int, str], counted: bool = False) -> bool:
    """A year or month that may date a happening (rule 7; rule 8 with `counted`, which also takes
    one counted from the publication, «يناير الماضي», "last month": unlike «اليوم» such words date
    a happening, not the act reported, and rule 8 joins them to a day only when it is the one)."""
    m = a.mention
    return (
        m.precision in _PERIODS
        and roles.get(a.rank, "anchor") == "anchor"
        and not getattr(m, "role", "")
        and (counted or m.calendar != "relative")
        and bool(a.links)
        and bool(a.actors)
    )


def _join_range_ends(anchors: Sequence[_Anchor], clusters: _Clusters, roles: dict[int, str]) -> None:
    """Rule 6: «حتى يوم 25» joins the earlier day-precise event of its source it ends."""
    joined = clusters.joined()
    # Each source's anchors by first day: a range end looks only at the RANGE_END_DAYS
    # before its own (every anchor of the source for every end made a long text quadratic).
    by_source: dict[str, list[_Anchor]] = defaultdict(list)
    for a in sorted(anchors, key=lambda a: a.first):
        by_source[a.source_id].append(a)
    firsts = {source_id: [a.first for a in members] for source_id, members in by_source.items()}
    span = dt.timedelta(days=RANGE_END_DAYS)
    for end in sorted(anchors, key=lambda a: a.rank):
        if not end.ends_range or clusters.find(end.rank) in joined:
            continue
        days = firsts[end.source_id]
        earliest = end.first - span if end.first.toordinal() > RANGE_END_DAYS else dt.date.min
        lo, hi = bisect_left(days, earliest), bisect_left(days, end.first)
        candidates = [
            o
            for o in by_source[end.source_id][lo:hi]
            if o.start < end.start
            and o.mention.precision == "day"
            and o.first < end.first
            and (end.first - o.first).days <= RANGE_END_DAYS
            and o.links & end.links
            and roles.get(o.rank, "anchor") == "anchor"
        ]
        if candidates:
            target = max(candidates, key=lambda o: (o.start, o.rank))
            clusters.union(target.rank, end.rank)
            roles[end.rank] = "range-end"


# --- events from clusters -----------------------------------------------------------------


def _kept_anchor(members: Sequence[_Anchor], roles: dict[int, str]) -> _Anchor:
    if len(members) == 1:  # most events: an anchor alone, kept whatever it is
        return members[0]
    anchors = [a for a in members if roles.get(a.rank, "anchor") == "anchor"] or list(members)
    anchors = [a for a in anchors if not a.ends_range] or anchors
    trusted = [a for a in anchors if a.mention.status not in _DOUBTFUL] or anchors
    support: dict[tuple[dt.date, dt.date], set[str]] = defaultdict(set)
    for a in trusted:
        support[(a.first, a.last)].add(a.source_id)
    return min(
        trusted,
        key=lambda a: (
            _PRECISION_RANK.get(a.mention.precision, 9),
            -len(support[(a.first, a.last)]),
            a.mention.status == "inferred",
            a.rank,
        ),
    )
