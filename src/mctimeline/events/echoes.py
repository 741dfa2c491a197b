"""Rule 5 of mctimeline.events: a lone vague or inferred mention joins the event of its source it repeats."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence

from mctimeline.events.clusters import _Clusters
from mctimeline.events.merge import _kept_anchor
from mctimeline.events.models import _Anchor


class _Primary:
    """The kept anchor of each cluster, made when first asked: rule 5 asks for few of them.

    A cluster's members and their roles do not change until it is popped (`pop`), so a
    kept anchor made late is the one that would have been made at the start. `groups` are
    the clusters of two anchors or more (_Clusters.joined): a root not among them that was
    never popped or set is an anchor alone, its own kept anchor (every root a union makes
    is popped, then set).
    """

    def __init__(
        self, groups: dict[int, list[int]], by_key: Sequence[_Anchor], roles: dict[int, str]
    ) -> None:
        self.groups, self.by_key, self.roles = groups, by_key, roles
        self.known: dict[int, _Anchor] = {}
        self.gone: set[int] = set()

    def get(self, root: int, default: _Anchor | None = None) -> _Anchor | None:
        if root in self.known:
            return self.known[root]
        if root in self.gone:
            return default
        keys = self.groups.get(root)
        if keys is None:
            # An anchor alone is its own kept anchor: not remembered, since a dict entry for each of
            # most anchors was the largest of the merge's holdings at its peak (rule 5's index).
            return self.by_key[root]
        kept = _kept_anchor([self.by_key[k] for k in keys], self.roles)
        self.known[root] = kept
        return kept

    def pop(self, root: int) -> _Anchor | None:
        kept = self.get(root)
        self.known.pop(root, None)
        self.gone.add(root)
        return kept

    def set(self, root: int, kept: _Anchor) -> None:
        self.known[root] = kept
        self.gone.discard(root)


# --- merging ------------------------------------------------------------------------------


def _is_echo_candidate(a: _Anchor) -> bool:
    if a.mention.calendar == "relative":
        return False
    return a.mention.precision != "day" or a.mention.status == "inferred"


def _join_echoes(
    anchors: Sequence[_Anchor],
    clusters: _Clusters,
    roles: dict[int, str],
    groups: dict[int, list[int]],
    by_key: Sequence[_Anchor],
) -> None:
    """Rule 5: a lone vague or inferred mention joins the event of its source it repeats."""
    primary = _Primary(groups, by_key, roles)
    sizes = {root: len(keys) for root, keys in groups.items()}  # of the clusters not alone
    # An echo repeats a date its span contains (the kept anchor of the other's cluster) and
    # shares a kind of happening or the series with the other. So the anchors of a source
    # are indexed by each kind and series they have, sorted by the first day of their
    # cluster's kept anchor, and an echo looks only at those of its kinds and series whose
    # kept date begins inside its span (every anchor of the source, for every echo, made a
    # long text quadratic). Clusters keep their kept anchor when an echo joins them, so
    # the echo is indexed again under it.
    index: dict[tuple[str, str, str], tuple[list[dt.date], list[_Anchor]]] = {}
    by_group: dict[tuple[str, str, str], list[_Anchor]] = defaultdict(list)
    for a in anchors:
        for group in _echo_groups(a):
            by_group[group].append(a)
    while by_group:  # each group's list dropped as it is indexed: never both whole, no pair an entry
        group, members = by_group.popitem()
        firsts = [(primary.get(clusters.find(a.rank), a) or a).first for a in members]
        order = sorted(range(len(members)), key=firsts.__getitem__)  # stable: ties in the anchors' order
        index[group] = ([firsts[i] for i in order], [members[i] for i in order])
    del by_group
    # By (days, key) in two stable sorts: a key tuple for each candidate cost more than the index.
    echoes = sorted((a for a in anchors if _is_echo_candidate(a)), key=_rank)
    echoes.sort(key=_days)
    for echo in echoes:
        if sizes.get(clusters.find(echo.rank), 1) > 1:
            continue
        best: tuple[int, int, int] | None = None
        for group in _echo_groups(echo):
            firsts, indexed = index[group]
            for other in indexed[bisect_left(firsts, echo.first) : bisect_right(firsts, echo.last)]:
                best = _echo_score(echo, other, clusters, primary, best)
        if best is not None:
            target_root, echo_root = clusters.find(best[2]), clusters.find(echo.rank)
            kept = primary.pop(target_root)
            size = sizes.pop(target_root, 1) + sizes.pop(echo_root, 1)
            primary.pop(echo_root)
            clusters.union(best[2], echo.rank)
            roles[echo.rank] = "echo"
            new_root = clusters.find(echo.rank)
            sizes[new_root] = size
            if kept is not None:
                primary.set(new_root, kept)
                for group in _echo_groups(echo):
                    firsts, indexed = index[group]
                    at = bisect_right(firsts, kept.first)
                    firsts.insert(at, kept.first)
                    indexed.insert(at, echo)


def _rank(a: _Anchor) -> int:
    return a.rank


def _days(a: _Anchor) -> int:
    return a.days


def _echo_groups(a: _Anchor) -> list[tuple[str, str, str]]:
    """The index groups of an anchor for rule 5: its source with each kind it links by, and its series."""
    groups = [(a.source_id, "kind", kind) for kind in sorted(a.links)]
    if a.series_id:
        groups.append((a.source_id, "series", a.series_id))
    return groups


def _echo_score(
    echo: _Anchor,
    other: _Anchor,
    clusters: _Clusters,
    primary: _Primary,
    best: tuple[int, int, int] | None,
) -> tuple[int, int, int] | None:
    """`best`, or `other`'s score if `other` may be what `echo` repeats and scores better."""
    root = clusters.find(other.rank)
    if other.rank == echo.rank or root == clusters.find(echo.rank):
        return best
    kept = primary.get(root, other)
    assert kept is not None
    if kept.mention.calendar == "relative":
        return best  # the day of a statement, not a happening that words could echo
    smaller = kept.days < echo.days or echo.mention.status == "inferred"
    if not (echo.contains(kept) and smaller):
        return best
    if not (echo.links & other.links or (echo.series_id and echo.series_id == other.series_id)):
        return best
    if echo.sentence == other.sentence:
        return best  # one sentence, two dates: two happenings («stalled in early 2025 but resumed on …»)
    shared = (echo.words & other.words).bit_count()
    score = (-shared, abs(other.start - echo.start), other.rank)
    return score if best is None or score < best else best
