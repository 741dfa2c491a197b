"""The merge's union-find over ranks: a cluster's root is its smallest rank, whatever the unions' order."""

from __future__ import annotations

import itertools

from mctimeline.events.clusters import _Clusters


def test_the_smallest_rank_is_the_root_whatever_the_order_of_unions() -> None:
    pairs = [(5, 3), (3, 8), (1, 9), (9, 8), (6, 7)]
    results = set()
    for order in itertools.permutations(pairs):
        clusters = _Clusters(10)
        for a, b in order:
            clusters.union(a, b)
        results.add(tuple(sorted((root, tuple(keys)) for root, keys in clusters.joined().items())))
        assert sorted(clusters.roots()) == [0, 1, 2, 4, 6]
        assert clusters.groups()[0] == [0] and clusters.groups()[6] == [6, 7]
    assert results == {((1, (1, 3, 5, 8, 9)), (6, (6, 7)))}
