"""Frictionless's key checks (primary, unique and foreign keys) over its typed rows, 8 bytes a key on disk."""

from __future__ import annotations

import hashlib
import heapq
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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
        # Digests of a key past the last _SPILL rows of its table are sorted and written to a
        # scratch file (validate.keys._Spilled): 8 bytes a key held on disk, not in memory.
        self._spilled = _Spilled()

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
        own = [(table, f) for (table, f) in self._keys if table == name]
        rows = 0  # since the last spill: no array holds more than _SPILL digests

        def take(row: Any) -> None:
            nonlocal rows
            rows += 1
            if rows > _SPILL:
                rows = 1
                for key in own:
                    self._spilled.spill(key, self._keys[key])
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
                key = (rules.name, fields)
                if key in self._keys and _repeats(self._in_order(key)):
                    return False
            for fk in rules.foreign:
                named, known = (rules.name, fk.fields), (fk.resource, fk.reference)
                if not self._count(named):
                    continue
                if not self._count(known) or fk.resource not in self._read:
                    return False  # no such table, or not one read row by row
                if not _within(self._in_order(named), self._in_order(known)):
                    return False
        return True

    def _count(self, key: tuple[str, tuple[str, ...]]) -> int:
        held = self._keys.get(key)
        return 0 if held is None else len(held) + self._spilled.count(key)

    def _in_order(self, key: tuple[str, tuple[str, ...]]) -> Iterator[int]:
        """The digests of `key` in order: those held sorted in place, merged with the runs spilled."""
        held = self._keys[key]
        held[:] = array("Q", sorted(held))
        return heapq.merge(iter(held), *self._spilled.runs(key))


# Rows of a table whose digests are held before they are spilled: each key's array holds
# at most this many (512 KB), and a run read back is read a block at a time.
_SPILL = 1 << 16
_BLOCK = 4096


class _Spilled:
    """Runs of sorted digests in a temporary file (opened when first needed, removed when
    closed or let go): per key, where each run is and how long it is."""

    def __init__(self) -> None:
        self._file: Any = None
        self._runs: dict[tuple[str, tuple[str, ...]], list[tuple[int, int]]] = {}

    def spill(self, key: tuple[str, tuple[str, ...]], digests: array[int]) -> None:
        """Write `digests` sorted as a run of `key`, and empty the array (in place: the
        readers of the table hold it)."""
        if not digests:
            return
        if self._file is None:
            import tempfile

            # Kept open as long as the digests: removed when closed, or when let go.
            self._file = tempfile.TemporaryFile(prefix="mctimeline-keys-")  # noqa: SIM115
        self._file.seek(0, 2)
        self._runs.setdefault(key, []).append((self._file.tell(), len(digests)))
        array("Q", sorted(digests)).tofile(self._file)
        del digests[:]

    def count(self, key: tuple[str, tuple[str, ...]]) -> int:
        return sum(n for _, n in self._runs.get(key, ()))

    def runs(self, key: tuple[str, tuple[str, ...]]) -> list[Iterator[int]]:
        return [self._read(at, n) for at, n in self._runs.get(key, ())]

    def _read(self, at: int, n: int) -> Iterator[int]:
        """A run's digests, a block at a time (the runs of a merge share the file: each
        block is read from its own place)."""
        while n:
            block = array("Q")
            self._file.seek(at)
            block.fromfile(self._file, min(n, _BLOCK))
            at, n = at + 8 * len(block), n - len(block)
            yield from block


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
