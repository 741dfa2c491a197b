"""Frictionless's key checks (primary keys, unique and foreign keys) over its typed rows, 8 bytes a key."""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# A key is held as 64 bits of the BLAKE2b of its typed cells' repr. Equal keys have equal
# digests; unequal keys share one with odds of about n / 2**64 for n keys. Such a collision
# can only make a clean table look like it has a repeated key, which `KeyDigests.clean`
# answers by asking for Frictionless's own checks over again: never a problem missed,
# only time spent. (A dangling foreign key whose digest is that of some referenced key
# would be missed: odds of about 10**-13 for a million keys, not reachable by chance.)
Cells = tuple[Any, ...]


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
        wanted = [(fields, keys) for (table, fields), keys in self._keys.items() if table == name]
        primary = next((r.primary for r in self._rules if r.name == name), ())

        def take(row: Any) -> None:
            for fields, digests in wanted:
                cells = tuple(row[f] for f in fields)
                if all(c is None for c in cells):
                    if fields == primary:
                        self._unsound = True
                    continue
                digests.append(key_digest(cells))

        return take

    def clean(self) -> bool:
        """Whether no primary key or unique field repeats a value or is all empty and every
        foreign key names a row of its table: True only when Frictionless's own key checks
        would find nothing (False may be a collision of digests: then they are run)."""
        import numpy as np

        if self._unsound:
            return False
        sorted_keys = {
            where: np.sort(np.frombuffer(digests, dtype=np.uint64)) if digests else np.zeros(0, np.uint64)
            for where, digests in self._keys.items()
        }
        for rules in self._rules:
            for fields in (rules.primary, *((f,) for f in rules.unique)):
                keys = sorted_keys.get((rules.name, fields))
                if keys is not None and bool(np.any(keys[1:] == keys[:-1])):
                    return False
            for fk in rules.foreign:
                named = sorted_keys.get((rules.name, fk.fields))
                if named is None or not len(named):
                    continue
                known = sorted_keys.get((fk.resource, fk.reference))
                if known is None or fk.resource not in self._read or not len(known):
                    return False  # no such table, or not one read row by row
                at = np.minimum(np.searchsorted(known, named), len(known) - 1)
                if bool(np.any(known[at] != named)):
                    return False
        return True
