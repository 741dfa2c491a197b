"""Frictionless's key checks (primary keys, unique and foreign keys) over its typed rows, 8 bytes a key."""

from __future__ import annotations

import hashlib
import heapq
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

# A key is held as 64 bits of the BLAKE2b of its typed cells' repr. Equal keys have equal
# digests; unequal keys share one with odds of about n / 2**64 for n keys. Such a collision
# can only make a clean table look like it has a repeated key, which `KeyDigests.clean`
# answers by asking for Frictionless's own checks over again: never a problem missed,
# only time spent. (A dangling foreign key whose digest is that of some referenced key
# would be missed: odds of about 10**-13 for a million keys, not reachable by chance.)
Cells = tuple[Any, ...]
_NONE = object()  # no cell before


def key_digest(cells: Cells) -> int:
    data = repr(cells).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest())


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str  # the referenced resource's name (that of the table itself for a self-reference)
    reference: tuple[str, ...]


@dataclass(frozen=True)
class KeyRules:
    """What Frictionless checks of one table's keys, as its schema said before `take_off_keys`."""

    name: str
    primary: tuple[str, ...]
    unique: tuple[str, ...]
    foreign: tuple[ForeignKey, ...]


def take_off_keys(resource: Any) -> KeyRules:
    """Take the key checks off a Frictionless table resource's schema (its primary key,
    foreign keys and unique constraints, through the schema's public attributes), so that
    Frictionless does not hold every key of it while it reads it; they are returned, for
    `KeyDigests` to make. Every other check of the schema stays Frictionless's."""
    schema = resource.schema
    primary = tuple(schema.primary_key)
    foreign = tuple(
        ForeignKey(
            tuple(fk["fields"]),
            fk["reference"].get("resource") or resource.name,
            tuple(fk["reference"]["fields"]),
        )
        for fk in schema.foreign_keys
    )
    unique = []
    for field in schema.fields:
        if field.constraints.get("unique"):
            unique.append(field.name)
            field.constraints = {k: v for k, v in field.constraints.items() if k != "unique"}
    schema.primary_key = []
    schema.foreign_keys = []
    return KeyRules(resource.name, primary, tuple(unique), foreign)


class KeyDigests:
    """The digests of every key of every table (`rules`: each table's, taken off before any
    is read), gathered a row at a time (`row_taker`), and whether they prove the keys
    Frictionless would check sound (`clean`)."""

    def __init__(self, rules: list[KeyRules]) -> None:
        self._rules = rules
        # table -> the sets of its fields whose keys are wanted: its own keys, and those a
        # foreign key of any table refers to
        wanted: dict[str, list[tuple[str, ...]]] = {}
        for r in rules:
            for fields in (r.primary, *((f,) for f in r.unique), *(fk.fields for fk in r.foreign)):
                wanted.setdefault(r.name, []).append(fields)
            for fk in r.foreign:
                wanted.setdefault(fk.resource, []).append(fk.reference)
        # (table, fields) -> the digests of its rows' keys that are not all empty
        self._keys: dict[tuple[str, tuple[str, ...]], array[int]] = {
            (name, fields): array("Q") for name, sets in wanted.items() for fields in sets if fields
        }
        self._read: set[str] = set()
        self._unsound = False  # a primary key all empty: Frictionless reports it

    def row_taker(self, name: str) -> Callable[[Any], None]:
        """What to call with each of table `name`'s typed rows (Resource.validate's on_row)."""
        self._read.add(name)
        primary = next((r.primary for r in self._rules if r.name == name), ())
        unique = {primary, *((f,) for r in self._rules if r.name == name for f in r.unique)}
        # Of a key that need not be unique only a value unlike the one before is kept: the
        # rows of one source, say, come together.
        wanted = [(f, keys, f not in unique) for (table, f), keys in self._keys.items() if table == name]

        # (its field, its digests, whether only a change is kept, the cell before) for each
        # key of one field (all but none here), read without building a tuple first
        singles: list[list[Any]] = [[f[0], keys, once, _NONE] for f, keys, once in wanted if len(f) == 1]
        several = [(f, keys, once) for f, keys, once in wanted if len(f) != 1]
        lone_primary = primary[0] if len(primary) == 1 else None

        def take(row: Any) -> None:
            for single in singles:
                field, digests, once, before = single
                cell = row[field]
                if cell is None:
                    if field == lone_primary:
                        self._unsound = True
                    continue
                if once:
                    # The cell of the row before, of the same type and equal: its digest
                    # would be the one just kept.
                    if type(cell) is type(before) and cell == before:
                        continue
                    single[3] = cell
                digest = key_digest((cell,))
                if not (once and digests and digests[-1] == digest):
                    digests.append(digest)
            for fields, digests, once in several:
                cells = tuple(row[f] for f in fields)
                if all(c is None for c in cells):
                    if fields == primary:
                        self._unsound = True
                    continue
                digest = key_digest(cells)
                if not (once and digests and digests[-1] == digest):
                    digests.append(digest)

        return take

    def clean(self) -> bool:
        """Whether no primary key or unique field repeats a value or is all empty and every
        foreign key names a row of its table: True only when Frictionless's own key checks
        would find nothing (False may be a collision of digests: then they are run)."""
        if self._unsound:
            return False
        for rules in self._rules:
            for fields in (rules.primary, *((f,) for f in rules.unique)):
                keys = self._keys.get((rules.name, fields))
                if keys is not None and _repeats(_in_order(keys)):
                    return False
            for fk in rules.foreign:
                named = self._keys.get((rules.name, fk.fields))
                if not named:
                    continue
                known = self._keys.get((fk.resource, fk.reference))
                if not known or fk.resource not in self._read:
                    return False  # no such table, or not one read row by row
                if not _within(_in_order(named), _in_order(known)):
                    return False
        return True


# Digests sorted at a time: the transient list of Python ints a sort makes stays this
# small, whatever the size of the table.
_CHUNK = 1 << 16


def _in_order(digests: array[int]) -> Iterator[int]:
    """The digests in order: `digests` sorted in place a chunk at a time, the chunks merged."""
    for start in range(0, len(digests), _CHUNK):
        digests[start : start + _CHUNK] = array("Q", sorted(digests[start : start + _CHUNK]))
    return heapq.merge(*(islice(digests, s, s + _CHUNK) for s in range(0, len(digests), _CHUNK)))


def _repeats(ordered: Iterator[int]) -> bool:
    previous = None
    for d in ordered:
        if d == previous:
            return True
        previous = d
    return False


def _within(named: Iterator[int], known: Iterator[int]) -> bool:
    """Whether every digest of `named` is one of `known` (both in order)."""
    have = next(known, None)
    for d in named:
        while have is not None and have < d:
            have = next(known, None)
        if have != d:
            return False
    return True
