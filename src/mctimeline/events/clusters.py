"""Union-find over anchors' canonical keys: which anchors the merge has joined into one event."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator


class _Clusters:
    def __init__(self, keys: Iterable[bytes]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: bytes) -> bytes:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, a: bytes, b: bytes) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller key becomes the root: the result does not depend on the order of unions.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo

    def groups(self) -> dict[bytes, list[bytes]]:
        out: dict[bytes, list[bytes]] = defaultdict(list)
        for k, up in self.parent.items():
            # Most keys are roots (most events have one mention): no call to find for them.
            out[k if up == k else self.find(k)].append(k)
        return out

    def roots(self) -> Iterator[bytes]:
        return (k for k, up in self.parent.items() if up == k)

    def joined(self) -> dict[bytes, list[bytes]]:
        """`groups` of two keys or more, in the same order: a root absent is a key alone (most are,
        and a list each cost more than the merge's anchors)."""
        roots = {self.find(k) for k, up in self.parent.items() if up != k}
        out: dict[bytes, list[bytes]] = defaultdict(list)
        for k, up in self.parent.items():
            if up != k or k in roots:
                out[k if up == k else self.find(k)].append(k)
        return out
