"""Frictionless's validation, streamed: the descriptor a run at a time, a table a row at a time."""

from __future__ import annotations

import gc
import hashlib
import os
from array import array
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice, pairwise
from pathlib import Path
from typing import Any

from mctimeline.reading import lift_field_limit
from mctimeline.validate.descriptor import Elements, members
from mctimeline.validate.tables import _cells_memoized


def frictionless_problems(desc_path: Path) -> list[str]:
    """Frictionless validation of every resource: schema, types, constraints, keys, files.

    Frictionless holds every key of a table while it reads it (and the keys a foreign key
    refers to until the end), and the whole descriptor: the tables are first read by it
    with their keys checked here (validate.keys), the descriptor a run of its sources or
    resources at a time, in memory that hardly grows with the package. Should that find
    anything at all, Frictionless validates the package again in full, so that every
    problem is reported in its words, as it always was.
    """
    lift_field_limit()  # frictionless raises it when first imported, but someone may have lowered it
    return [] if _streamed_clean(desc_path) else _reported(desc_path)


def _reported(desc_path: Path) -> list[str]:
    """Frictionless's own validation of the package, in full, each error a line."""
    import frictionless

    report = frictionless.validate(str(desc_path))
    problems = [f"{desc_path}: {e.type}: {e.message}" for e in report.errors]
    for task in report.tasks:
        for e in task.errors:
            where = [task.place or task.name]
            row = getattr(e, "row_number", None)
            if row is not None:
                where.append(f"row {row}")
            field = getattr(e, "field_name", None)
            if field:
                where.append(f"field {field}")
            problems.append(f"{', '.join(where)}: {e.type}: {e.message}")
    return problems


_COLLECT_EVERY = 16  # tables
# Sources validated at a time: a package made with all of them (one a document) took about
# 1 KB a document, and its validation as much again.
_SOURCES_AT_ONCE = 5000
# Resources made into one package at a time: the package of all of them (13,770 at 100,000
# documents, most of them feeds) took about 70 MB; a run's descriptor is validated as the
# whole one's was, a resource at a time, so runs of a few hundred cost no more CPU.
_RESOURCES_AT_ONCE = 256
_ARRAYS = frozenset({"sources", "resources"})
# The package profiles whose checks of the descriptor read each source and resource on its
# own (and the resources' names, checked across the runs here). A descriptor naming any
# other (a `$schema`, a profile URL) is validated by Frictionless whole.
_PROFILES = (None, "data-package", "tabular-data-package")


def _streamed_clean(desc_path: Path) -> bool:
    """Whether Frictionless finds nothing wrong with the package, its descriptor validated
    a run of sources or resources at a time and each table read a row at a time with its
    keys checked by `validate.keys`; False when anything is found, or anything goes
    otherwise than a clean package's validation does."""
    from mctimeline.gcpause import frozen_gc
    from mctimeline.validate.keys import KeyDigests

    try:
        basepath = os.path.dirname(str(desc_path))  # as Package(path) takes it
        own, first = _own_properties(desc_path)
        if own is None or first is None or "$schema" in own or own.get("profile") not in _PROFILES:
            return False
        runs = _Runs(own, first, basepath)
        # What is alive now (imports, Frictionless's caches) is frozen: the collection after
        # each run (its package and resources refer to each other) scans only what came since.
        with frozen_gc():
            for name, value in members(desc_path, _ARRAYS):
                if name == "sources" and isinstance(value, Elements):
                    runs.sources(value)
                elif name == "resources" and isinstance(value, Elements) and not runs.resources(value):
                    return False
        if not runs.names_unique():
            return False
        digests = KeyDigests(runs.rules)
        gc.collect()  # the runs' packages
        # What is alive now (imports, Frictionless's caches, the key digests) lives to the
        # end: frozen, the collections every few tables scan only what came since.
        with frozen_gc(), _cells_memoized():
            read = 0
            for number, entry in _entries(desc_path, runs.tables):
                read += 1
                if not _table_clean(entry, runs.tables[number], own, basepath, runs.rules, digests):
                    return False
                if read % _COLLECT_EVERY == 0:
                    gc.collect()
            return read == len(runs.tables) and digests.clean()
    except Exception:  # whatever it is, the full validation reports it as Frictionless does
        return False


def _own_properties(desc_path: Path) -> tuple[dict[str, Any] | None, Any]:
    """The descriptor's own properties (every member but the elements of its sources and
    resources: a member of those names that is no array is kept, for Frictionless to
    report) and its first resource (None when it has none)."""
    own: dict[str, Any] = {}
    first = None
    for name, value in members(desc_path, _ARRAYS):
        if not isinstance(value, Elements):
            own[name] = value
            continue
        own.pop(name, None)  # json.loads keeps a name's last value
        if name == "resources":
            first = next(iter(value), None)
    return own, first


class _Runs:
    """The descriptor's sources and resources validated a run at a time, each run in a
    package of the descriptor's own properties, as `Package.to_descriptor(validate=True)`
    validates them in the whole package; what the tables' pass needs kept."""

    def __init__(self, own: dict[str, Any], first: Any, basepath: str) -> None:
        self._own, self._first, self._basepath = own, first, basepath
        self._names = array("Q")  # 64 bits of each resource's name, to tell they differ
        self.rules: list[Any] = []  # each table's key rules (validate.keys.take_off_keys)
        self.tables: dict[int, str] = {}  # each table's place among the resources: its name
        self._count = 0

    def _package(self, **run: Any) -> Any:
        import frictionless

        return frictionless.Package(dict(self._own, **run), basepath=self._basepath)

    def sources(self, sources: Iterable[Any]) -> None:
        """Validate the sources (raising as Package.to_descriptor does), each run with the
        first resource. A package and its resource refer to each other, and a helper
        process runs with the collector off (validate.pool): each run is freed before the next."""
        for run in _batched(sources, _SOURCES_AT_ONCE):
            self._package(resources=[self._first], sources=run).to_descriptor(validate=True)
            gc.collect()

    def resources(self, resources: Iterable[Any]) -> bool:
        """Validate the resources' descriptors, and each non-tabular one (a feed, a page, the
        chart) as `Package.validate` does (_files_clean); False at the first not valid."""
        from frictionless.resources import TableResource

        from mctimeline.validate.keys import take_off_keys

        for run in _batched(resources, _RESOURCES_AT_ONCE):
            package = self._package(resources=run)
            package.to_descriptor(validate=True)  # what Package.validate checks first
            for resource in package.resources:
                self._names.append(_name_digest(resource.name))
                if isinstance(resource, TableResource):
                    self.rules.append(take_off_keys(resource))
                    self.tables[self._count] = resource.name
                self._count += 1
            if not _files_clean(package):
                return False
            del package
            gc.collect()
        return True

    def names_unique(self) -> bool:
        """Whether no two resources share a name (Frictionless's check of the whole
        descriptor; a collision of digests only sends the package to its full validation)."""
        ordered = sorted(self._names)
        return all(a != b for a, b in pairwise(ordered))


def _name_digest(name: Any) -> int:
    data = repr(name).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest())


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    items = iter(items)
    while run := list(islice(items, size)):
        yield run


def _entries(desc_path: Path, wanted: dict[int, str]) -> Iterator[tuple[int, Any]]:
    """The descriptor's resources at the places `wanted`, as the file gives them (read
    afresh: Frictionless may change a descriptor it is given)."""
    for name, value in members(desc_path, _ARRAYS):
        if name == "resources" and isinstance(value, Elements):
            for number, entry in enumerate(value):
                if number in wanted:
                    yield number, entry


def _table_clean(
    entry: Any, name: str, own: dict[str, Any], basepath: str, rules: list[Any], digests: Any
) -> bool:
    """Frictionless's validation of one table, read in a package of its own (let go once
    read: what Frictionless keeps of one, its first 64 KB or so, would add up), its keys
    taken off and checked by `digests`. Of the package's own properties only its profile
    bears on how a resource reads."""
    import frictionless
    from frictionless.resources import TableResource

    from mctimeline.validate.keys import take_off_keys

    profile: dict[str, Any] = {k: own[k] for k in ("$schema", "profile") if k in own}
    [resource] = frictionless.Package(dict(profile, resources=[entry]), basepath=basepath).resources
    if resource.name != name or not isinstance(resource, TableResource):
        return False
    if take_off_keys(resource) not in rules:
        return False
    return bool(resource.validate(on_row=digests.row_taker(resource.name)).valid)


def _files_clean(package: Any) -> bool:
    """Whether Frictionless finds every non-tabular resource of `package` (a feed, a page, a
    chart) valid, each validated as the resource of the package it is, as
    `Package.validate` does: its descriptor, its file opened, its bytes and hash if declared.

    The package's resources are taken out of it first (`clear_resources`), each let go once
    validated: what Frictionless keeps of a resource it opened (its first 10 KB) would
    otherwise add up. A package of its own for each (as the tables are read) cost twice
    the CPU: 1.5 ms a resource, its descriptor validated twice more.
    """
    from frictionless.resources import TableResource

    files = deque(r for r in package.resources if not isinstance(r, TableResource))
    package.clear_resources()  # the tables are read afresh, each in a package of its own
    # Frictionless keeps a copy of the list a package was made with (its "defaults"): let go
    # too, so that each resource is freed once validated.
    defaults = getattr(package, "metadata_defaults", None)
    if isinstance(defaults, dict):
        defaults.pop("resources", None)
    while files:
        if not files.popleft().validate().valid:
            return False
    return True
