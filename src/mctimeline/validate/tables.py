"""The CSV tables a row at a time, the cells Frictionless reads memoized, the tables' cross-checks."""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import functools
import hashlib
import json
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mctimeline import calendars
from mctimeline.reading import (
    csv_rows,
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


# --- the cells Frictionless reads (its streamed pass: validate.frictionless_pass) ----------


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
