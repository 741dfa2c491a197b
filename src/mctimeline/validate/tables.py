"""The CSV tables: read one row at a time, Frictionless, and the cross-checks their schemas cannot express."""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import functools
import gc
import hashlib
import json
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mctimeline import calendars
from mctimeline.reading import (
    csv_rows,
    lift_field_limit,
    why_unsafe,
)


def _iter_table(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a CSV table one at a time; none when it cannot be read as UTF-8 CSV.

    Frictionless reports an unreadable table, with the reason. A table that is not UTF-8
    is refused before its first row, so that no check sees half of it.
    """
    if not _utf8_table(path):
        return
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv_rows(f)


def _utf8_table(path: Path) -> bool:
    """Whether `path` can be read and is UTF-8 throughout (read a block at a time)."""
    try:
        with path.open("rb") as f:
            decoder = codecs.getincrementaldecoder("utf-8")()
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except (OSError, UnicodeDecodeError):
        return False
    return True


# Calendar twins remembered by day (and calendar): a corpus of decades has tens of thousands of days.
_TWINS = 8192


def _twins_checked(rows: Iterable[dict[str, str]], problems: list[str]) -> Iterator[dict[str, str]]:
    """`rows` unchanged; on the way, each event's Jalali and Hijri bounds are checked against its
    Gregorian bounds through the core, the problems added to `problems`."""
    twins: dict[tuple[dt.date, str], str] = {}  # a corpus's events share few days
    for row in rows:
        if len(twins) >= _TWINS:  # started again when full, so that memory stays flat
            twins.clear()
        problems += _twin_problems(row, twins)
        yield row


# --- frictionless ---------------------------------------------------------------


def frictionless_problems(desc_path: Path) -> list[str]:
    """Frictionless validation of every resource: schema, types, constraints, keys, files.

    Frictionless holds every key of a table while it reads it (and the keys a foreign key
    refers to until the end): the tables are first read by it with their keys checked
    here, 8 bytes a key (validate.keys), in memory that hardly grows with the package.
    Should that find anything at all, Frictionless validates the package again in full,
    so that every problem is reported in its words, as it always was.
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


def _streamed_clean(desc_path: Path) -> bool:
    """Whether Frictionless finds nothing wrong with the package, each table read a row at
    a time with its keys checked by `validate.keys`; False when anything is found, or
    anything goes otherwise than a clean package's validation does."""
    import frictionless
    from frictionless.resources import TableResource

    from mctimeline.gcpause import frozen_gc
    from mctimeline.validate.keys import KeyDigests, take_off_keys

    try:
        basepath = os.path.dirname(str(desc_path))  # as Package(path) takes it
        whole = json.loads(desc_path.read_bytes())
        if not isinstance(whole, dict):
            return False
        _validate_sources(frictionless, whole, basepath)
        package = frictionless.Package(whole, basepath=basepath)  # its sources checked, let go
        del whole
        package.to_descriptor(validate=True)  # what Package.validate checks first
        rules = [take_off_keys(r) for r in package.resources if isinstance(r, TableResource)]
        names = [r.name for r in package.resources]
        tabular = [isinstance(r, TableResource) for r in package.resources]
        if not _files_clean(package):
            return False
        del package
        digests = KeyDigests(rules)
        # Each table is read in a package of its own, let go once it is read: a package
        # holds on to its resources, and what Frictionless keeps of one (its first 64 KB or
        # so, its sample of rows) would add up. A resource and its package refer to each
        # other: a collection every few tables frees them.
        descriptor = json.loads(desc_path.read_bytes())
        entries = descriptor["resources"]
        if len(entries) != len(names):
            return False
        # Of the package's own properties only its profile bears on how a resource reads
        # (the rest, its sources (one a document) and contributors, take Frictionless 46 ms
        # to take in, and are let go here).
        own = {k: descriptor[k] for k in ("$schema", "profile") if k in descriptor}
        del descriptor
        gc.collect()  # the whole package, and its sources
        # What is alive now (imports, Frictionless's caches, the key digests) lives to the
        # end: frozen, the collections every few resources scan only what came since
        # (0.31 of 4.4 s of CPU at 2,000 documents before).
        read = 0
        with frozen_gc(), _cells_memoized():
            for number, entry in enumerate(entries):
                if not tabular[number]:
                    continue  # validated by _files_clean
                read += 1
                [resource] = frictionless.Package(dict(own, resources=[entry]), basepath=basepath).resources
                if resource.name != names[number] or not isinstance(resource, TableResource):
                    return False
                if take_off_keys(resource) not in rules:
                    return False
                taker: Any = digests.row_taker(resource.name)
                if not resource.validate(on_row=taker).valid:
                    return False
                del resource, taker
                if read % _COLLECT_EVERY == 0:
                    gc.collect()
            return digests.clean()
    except Exception:  # whatever it is, the full validation reports it as Frictionless does
        return False


# Sources validated at a time: a package made with all of them (one a document) took about
# 1 KB a document, and its validation as much again.
_SOURCES_AT_ONCE = 5000


def _validate_sources(frictionless: Any, descriptor: dict[str, Any], basepath: str) -> None:
    """Validate the descriptor's sources (raising as Package.to_descriptor does) a run at a
    time, each run in a package of the descriptor's other properties and its first resource,
    and take them out of `descriptor`. The profile checks each source on its own: the runs
    are valid exactly when the list is. A descriptor whose sources or resources are not
    lists keeps them, for the package's own validation to report."""
    sources, resources = descriptor.get("sources"), descriptor.get("resources")
    if not isinstance(sources, list) or not isinstance(resources, list) or not resources:
        return
    del descriptor["sources"]
    for start in range(0, len(sources), _SOURCES_AT_ONCE):
        run = dict(descriptor, resources=resources[:1], sources=sources[start : start + _SOURCES_AT_ONCE])
        frictionless.Package(run, basepath=basepath).to_descriptor(validate=True)
        # A package and its resource refer to each other, and a helper process runs with
        # the collector off (validate.pool): each run's package is freed before the next.
        gc.collect()


def _files_clean(package: Any) -> bool:
    """Whether Frictionless finds every non-tabular resource of `package` (a feed, a page, a
    chart) valid, each validated as the resource of the whole package it is, as
    `Package.validate` does: its descriptor, its file opened, its bytes and hash if declared.

    The package's resources are taken out of it first (`clear_resources`), each let go once
    validated: what Frictionless keeps of a resource it opened (its first 10 KB) would
    otherwise add up over a corpus's feeds (13,078 at 100,000 documents). A package of its
    own for each (as the tables are read) cost twice the CPU: 1.5 ms a resource, its
    descriptor validated twice more.
    """
    from frictionless.resources import TableResource

    files = deque(r for r in package.resources if not isinstance(r, TableResource))
    package.clear_resources()  # the tables are read afresh, each in a package of its own
    # Frictionless keeps a copy of the list a package was made with (its "defaults"): let go
    # too, so that each resource is freed once validated (peak at 100,000 documents' feeds
    # and pages: 891 MB kept, 238 MB let go).
    defaults = getattr(package, "metadata_defaults", None)
    if isinstance(defaults, dict):
        defaults.pop("resources", None)
    while files:
        if not files.popleft().validate().valid:
            return False
    return True


# Field types whose cells Frictionless reads into values nothing can change (a number, a
# date …): their readings may be shared between cells of the same text. (A string's
# reading costs little more than a look-up, and its values, ids and texts, rarely repeat.)
_MEMO_TYPES = frozenset({"integer", "number", "boolean", "date", "datetime", "time", "year"})
# Distinct cells remembered per memo (about 200 bytes each), started again when full. A memo
# is shared by the fields of the same definition (events.csv's start_date and end_date): the
# days of a 4,000-document package's tables are some 14,000 a memo, in no order, so that
# 8,192 a field read 95,294 cells again, 32,768 shared 30,956 (Frictionless's pass 8.7 s →
# 7.3 s of CPU); at most about 6 MB a memo.
_MEMO_CELLS = 32768
_MEMO_CHARS = 40  # longer cells (texts, titles) are rarely the same twice
_memo_lock = threading.Lock()
_memo_depth = 0
# While `_cells_memoized` holds: a field definition's memo (`_definition`), by its key.
_memos: dict[str, dict[str, Any]] = {}


def _memoized(reader: Any, memo: dict[str, Any] | None = None) -> Any:
    """Frictionless's cell reader of a field (`Field.create_cell_reader`: a pure function of
    the cell), each short text that read without a note read once: a table's dates and
    small numbers repeat from row to row (and a date cell is read by `strptime`). `memo`:
    the readings kept, shared by the readers of fields of one definition (`_definition`)."""
    memo = {} if memo is None else memo
    get = memo.get

    def read(cell: Any) -> Any:
        if type(cell) is not str or len(cell) > _MEMO_CHARS:
            return reader(cell)
        answer = get(cell)
        if answer is None:
            answer = reader(cell)
            # No note: one with notes is changed by the row that reads it. (A reader of
            # another Frictionless that answers otherwise than (value, notes) is not kept.)
            if type(answer) is tuple and len(answer) == 2 and answer[1] is None:
                if len(memo) >= _MEMO_CELLS:
                    memo.clear()  # a sorted table's dates move on: the recent ones are kept
                memo[cell] = answer
        return answer

    return read


def _definition(field: Any) -> str | None:
    """What Frictionless's cell reader of `field` is made from (`Field.create_cell_reader`:
    its descriptor (type, format, constraints, the type's options) and the missing values
    it reads, its own or its schema's), its name, title and description left out: fields
    of one definition read every cell alike. None when it cannot be told."""
    try:
        descriptor = field.to_descriptor()
        for key in ("name", "title", "description", "example"):
            descriptor.pop(key, None)
        schema = field.schema
        inherited = schema is not None and not field.has_defined("missing_values")
        missing = schema.missing_values if inherited else None
        reading = [type(field).__qualname__, descriptor, field.missing_values, missing]
        return json.dumps(reading, sort_keys=True)
    except Exception:  # another Frictionless's fields: each reads through a memo of its own
        return None


@contextlib.contextmanager
def _cells_memoized() -> Iterator[None]:
    """Frictionless reads each table's cells through `_memoized` readers: the same values,
    types and notes, each distinct short cell read once. Only the streamed pass reads
    so: should it find anything, the full validation reads every cell itself. (Another
    thread's Frictionless reading meanwhile reads the same, memoized too.)"""
    global _memo_depth
    from frictionless.resources import table as module

    with _memo_lock:
        # Frictionless's own (another version may have none: its cells are read as it reads them)
        real = _memo_real.get("handlers") or getattr(module, "create_cell_handlers", None)
        if real is not None:
            _memo_real["handlers"] = real
            _memo_depth += 1
            module.create_cell_handlers = functools.partial(_memoized_handlers, real)
    try:
        yield
    finally:
        with _memo_lock:
            if real is not None:
                _memo_depth -= 1
                if _memo_depth == 0:
                    module.create_cell_handlers = _memo_real.pop("handlers")
                    _memos.clear()


_memo_real: dict[str, Any] = {}  # Frictionless's own create_cell_handlers, while it is replaced


def _memoized_handlers(real: Any, fields: Any) -> Any:
    """Frictionless's cell handlers of `fields`, those of a type in _MEMO_TYPES `_memoized`
    (fields of one definition sharing a memo); handlers not shaped as this Frictionless's
    (a named tuple of field and reader) as given."""
    handlers = real(fields)
    try:
        # The handlers' fields are copies without their schema: the definitions are read
        # from the fields the readers were made from.
        given = {field.name: field for field in fields}
        out = {}
        for name, handler in handlers.items():
            if handler.field.type in _MEMO_TYPES:
                key = _definition(given[name])
                memo = None if key is None else _memos.setdefault(key, {})
                handler = handler._replace(reader=_memoized(handler.reader, memo))
            out[name] = handler
        return out
    except (AttributeError, KeyError, TypeError, ValueError):
        return handlers


# --- cross-checks the schemas cannot express ---------------------------------------


def _twin_problems(row: dict[str, str], twins: dict[tuple[dt.date, str], str]) -> list[str]:
    problems = []
    for end in ("start", "end"):
        try:
            day = dt.date.fromisoformat(row.get(f"{end}_date", ""))
        except ValueError:
            continue  # frictionless reports a malformed date
        for cal in ("jalali", "hijri"):
            written = row.get(f"{cal}_{end}", "")
            twin = twins.get((day, cal))
            if twin is None:
                twin = twins[day, cal] = _twin(day, cal)
            if written != twin:
                problems.append(
                    f"events.csv, event {row.get('event_id')}: {cal}_{end} is {written or 'empty'!r} "
                    f"but {end}_date {day} is {twin or 'outside the table'!r} in the {cal} calendar"
                )
    return problems


def _twin(day: dt.date, cal: str) -> str:
    try:
        return calendars.from_gregorian(day, cal).isoformat()  # type: ignore[arg-type]
    except calendars.OutOfRange:
        return ""


def mention_text_problems(
    folder: Path, sources: Iterable[dict[str, str]], mentions: Iterable[dict[str, str]]
) -> list[str]:
    """Each mention's text must be its source's text between its offsets.

    A source file is looked up by its `path` relative to the folder holding the
    package; a source that is not there is not checked (a package travels without
    its texts), one whose bytes changed is reported as stale, and a path that is not
    such a relative path (a tampered sources.csv) is reported, never opened. One text
    is held at a time: mentions.csv lists each source's mentions together.
    """
    problems = []
    # source id -> (its path, its sha256): only what the mentions' check reads of a source,
    # sources.csv read a row at a time
    checkable: dict[str, tuple[str, str]] = {}
    for s in sources:
        if not s.get("path"):
            continue
        why = why_unsafe(s["path"])
        if why is not None:
            problems.append(
                f"sources.csv, source {s.get('source_id')}: path {s['path']!r} {why}: a source's path "
                "is relative to the folder holding the package; not read"
            )
            continue
        path = folder.parent / s["path"]
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(f"sources.csv, source {s.get('source_id')}: cannot read {path}: {exc.strerror}")
            continue
        if hashlib.sha256(data).hexdigest() != s.get("sha256"):
            problems.append(
                f"sources.csv, source {s.get('source_id')}: {path} changed since the build "
                "(sha256 differs): rebuild the package"
            )
            continue
        checkable[s["source_id"]] = (s["path"], s.get("sha256", ""))
    current: tuple[str, str | None] = ("", None)  # (source id, its text)
    for m in mentions:
        problems += mention_status_problems(m)
        source_id = m.get("source_id", "")
        if source_id not in checkable:
            continue
        if current[0] != source_id:
            path_text, sha256 = checkable[source_id]
            current = (source_id, _source_text(folder.parent / path_text, sha256))
        text = current[1]
        if text is None:
            continue
        try:
            start, end = int(m["start"]), int(m["end"])
        except (KeyError, ValueError):
            continue
        if text[start:end] != m.get("text"):
            problems.append(
                f"mentions.csv, mention {m.get('mention_id')}: text {m.get('text')!r} is not the "
                f"source's text at {start}-{end} ({text[start:end]!r})"
            )
    return problems


# Statuses of a mention that names no day: its bounds are empty exactly then.
_UNDATED = frozenset({"unresolved", "invalid"})


def mention_status_problems(m: dict[str, str]) -> list[str]:
    """A mention is undated (no bounds) exactly when its status says so (unresolved, invalid):
    an `ok` mention without a day, or an `unresolved` one with one, misreports what was found."""
    status, start, end = m.get("status", ""), m.get("start_date", ""), m.get("end_date", "")
    if status in _UNDATED and (start or end):
        return [f"mentions.csv, mention {m.get('mention_id')}: status {status} but bounds {start}..{end}"]
    if status and status not in _UNDATED and not (start and end):
        return [
            f"mentions.csv, mention {m.get('mention_id')}: status {status} but no bounds "
            "(a mention without a day is unresolved or invalid)"
        ]
    return []


def _source_text(path: Path, sha256: str) -> str | None:
    """The text of a source file already checked against its sha256; None if it is not UTF-8 now."""
    try:
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            return None  # changed since it was checked a moment ago: not this build's text
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


