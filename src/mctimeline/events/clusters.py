"""Union-find over anchors' ranks (models._Anchor.rank): which anchors the merge has joined into one event."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterator


class _Clusters:
    """Over the ranks 0 .. n-1: the parents in an array of machine ints, 8 bytes an anchor (a dict
    keyed by the anchors' keys, which it replaced, cost about ten times as much)."""

    def __init__(self, n: int) -> None:
        self.parent = array("q", range(n))

    def find(self, k: int) -> int:
        parent = self.parent
        root = k
        while parent[root] != root:
            root = parent[root]
        while parent[k] != root:
            parent[k], k = root, parent[k]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller rank (the smaller key) becomes the root: the result does not depend on
            # the order of unions.
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for k, up in enumerate(self.parent):
            # Most ranks are roots (most events have one mention): no call to find for them.
            out[k if up == k else self.find(k)].append(k)
        return out

    def roots(self) -> Iterator[int]:
        return (k for k, up in enumerate(self.parent) if up == k)

    def joined(self) -> dict[int, list[int]]:
        """`groups` of two ranks or more, in the same order (by rank): a root absent is an anchor
        alone (most are, and a list each cost more than the merge's anchors)."""
        roots = {self.find(k) for k, up in enumerate(self.parent) if up != k}
        out: dict[int, list[int]] = defaultdict(list)
        for k, up in enumerate(self.parent):
            if up != k or k in roots:
                out[k if up == k else self.find(k)].append(k)
        return out
