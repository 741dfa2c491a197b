"""News archives as they come: a folder's metadata.csv, and corpus files (JSON Lines or CSV).

A folder of `*.txt` texts may hold `metadata.csv` (UTF-8, a header row, commas): a
row per text, `file` naming it, and any of `published`, `url`, `outlet`, `title`,
`language`. A corpus file holds the texts themselves, a record per JSON line or CSV
row, with `id` and `text` and the same optional fields. Both are read here and
checked the same way (`meta_of`): a bad value stops the build with a SeedError
naming the file and line; a column or key that is none of these is left out with a
warning; a record skipped (no text) is named with its line, never dropped silently.
Corpus files are read as a stream, one record at a time.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from mctimeline.published import parse_day
from mctimeline.seeds import MAX_SEED_BYTES, Meta, SeedError, SeedText, has_text, shown

METADATA = "metadata.csv"
CORPUS_SUFFIXES = (".jsonl", ".csv")
LANGUAGES = ("fa", "ar", "en")
OPTIONAL = ("published", "url", "outlet", "title", "language")
_BOM = "\ufeff"
_CONTROL = frozenset(chr(c) for c in [*range(0x20), 0x7F])


def is_corpus_file(path: Path) -> bool:
    """Whether `--seeds` names a corpus file (by its suffix) rather than a folder."""
    return path.suffix.lower() in CORPUS_SUFFIXES and not path.is_dir()


def meta_of(record: Mapping[str, object], where: str) -> Meta:
    """The metadata of a row or record; SeedError (naming `where`) for a value that is wrong.

    Empty cells and JSON nulls are unknown. `published` must be ISO 8601 (a date, or a
    date-time with its UTC offset), `language` fa, ar or en; every value a string.
    """
    values: dict[str, str] = {}
    for name in OPTIONAL:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise SeedError(f"{where}: {name} must be a string, not {type(value).__name__} {value!r}")
        values[name] = value.strip()
    published = values.get("published", "")
    if published:
        try:
            published = parse_day(published)
        except ValueError as exc:
            raise SeedError(f"{where}: published: {exc}") from None
    language = values.get("language", "")
    if language and language not in LANGUAGES:
        raise SeedError(f"{where}: language {language!r} is not one of {', '.join(LANGUAGES)}")
    return Meta(
        published=published,
        url=values.get("url", ""),
        outlet=values.get("outlet", ""),
        title=values.get("title", ""),
        language=language,
    )


# --- reading lines: UTF-8, numbered ------------------------------------------------------------


class _Lines:
    """The decoded lines of a UTF-8 file, counted as they are read (for messages)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.number = 0  # of the last line read

    def __iter__(self) -> Iterator[str]:
        with self.path.open("rb") as f:
            for raw in f:
                self.number += 1
                if b"\x00" in raw:
                    raise SeedError(f"{self.where()}: a NUL byte: binary data, not UTF-8 text")
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise SeedError(
                        f"{self.where()}: not UTF-8 at byte {exc.start} of the line ({exc.reason}): "
                        "save the file as UTF-8"
                    ) from None
                if self.number == 1 and line.startswith(_BOM):
                    line = line[1:]  # spreadsheets write one; it is not part of the first column's name
                yield line

    def where(self, line: int | None = None) -> str:
        return f"{shown(self.path)}, line {self.number if line is None else line}"


def _csv_rows(
    lines: _Lines, required: tuple[str, ...], warnings: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(first line, row as a dict) of a CSV file with a header; the header's checks first.

    SeedError: no header, a required column missing, a column named twice, a row
    with more or fewer cells than the header. Unknown columns are warned of and left
    out; blank lines are skipped with a warning.
    """
    known = (*required, *OPTIONAL)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise SeedError(f"{shown(lines.path)}: empty: a header row is needed ({', '.join(required)}, …)")
        header = [h.strip() for h in header]
        for name in required:
            if name not in header:
                raise SeedError(
                    f"{lines.where(1)}: no {name!r} column in the header ({', '.join(known)})"
                )
        for name in header:
            if header.count(name) > 1:
                raise SeedError(f"{lines.where(1)}: the column {name!r} is named twice")
            if name not in known:
                warnings.append(
                    f"{lines.where(1)}: column {name!r} ignored: not one of {', '.join(known)}"
                )
        last = lines.number
        for cells in reader:
            first, last = last + 1, lines.number
            if not cells:
                warnings.append(f"{lines.where(first)}: skipped: a blank line")
                continue
            if len(cells) != len(header):
                raise SeedError(
                    f"{lines.where(first)}: {len(cells)} cells, but the header has {len(header)} columns"
                )
            yield first, {h: c for h, c in zip(header, cells, strict=True) if h in known}
    except csv.Error as exc:
        raise SeedError(f"{lines.where()}: not CSV: {exc}") from None


# --- a folder's metadata.csv ----------------------------------------------------------------------


def read_metadata(path: Path, files: set[str]) -> tuple[dict[str, Meta], list[str]]:
    """The metadata of each text by its file name, and the warnings; SeedError for anything wrong.

    `files` are the `*.txt` names in the folder. Refused: a row whose `file` is not
    one of them, a `file` named twice, a bad value (`meta_of`); a text with no row has
    no metadata.
    """
    warnings: list[str] = []
    lines = _Lines(path)
    found: dict[str, Meta] = {}
    first_line: dict[str, int] = {}
    for line, row in _csv_rows(lines, ("file",), warnings):
        where = lines.where(line)
        name = row["file"].strip()
        if not name:
            raise SeedError(f"{where}: the file cell is empty")
        if name in first_line:
            raise SeedError(f"{where}: file {name!r} has a row already, on line {first_line[name]}")
        if name not in files:
            raise SeedError(
                f"{where}: file {name!r} is not a *.txt text in {shown(path.parent)}"
            )
        first_line[name] = line
        found[name] = meta_of(row, where)
    return found, warnings


# --- corpus files -------------------------------------------------------------------------------


def iter_corpus(
    path: Path, max_bytes: int = MAX_SEED_BYTES, warnings: list[str] | None = None
) -> Iterator[SeedText]:
    """The texts of a corpus file (`.jsonl` or `.csv`), one at a time, in file order.

    Each becomes a SeedText whose id is the record's `id`, whose path is
    "corpus.jsonl#id" (the file's name and the id) and whose bytes are the text in
    UTF-8. SeedError, naming the file and line: a line that is not JSON, not an
    object, lacks `id` or `text`, a duplicate id, a text larger than `max_bytes`, a
    bad value. Skipped with a warning: a blank line, a text with no letters.
    """
    sink = warnings if warnings is not None else []
    if not path.is_file():
        raise SeedError(f"{shown(path)}: no such corpus file")
    records = _jsonl_records if path.suffix.lower() == ".jsonl" else _csv_records
    seen: dict[str, int] = {}
    yielded = 0
    lines = _Lines(path)
    for line, record in records(lines, sink, max_bytes):
        where = lines.where(line)
        source_id = _source_id(record.get("id"), where)
        text = record.get("text")
        if not isinstance(text, str):
            raise SeedError(f"{where}: text must be a string, not {type(text).__name__}")
        if source_id in seen:
            raise SeedError(f"{where}: id {source_id!r} is taken already, on line {seen[source_id]}")
        seen[source_id] = line
        meta = meta_of(record, where)
        data = text.encode("utf-8")
        if len(data) > max_bytes:
            raise SeedError(
                f"{where}: a text of {len(data)} bytes, more than the limit of {max_bytes} "
                "(split the text, or raise --max-seed-bytes)"
            )
        if not has_text(text):
            sink.append(f"{where}: skipped: id {source_id!r} has no text")
            continue
        yielded += 1
        yield SeedText(f"{source_id}", f"{path.name}#{source_id}", data, text, (), meta, source_id)
    if not yielded:
        raise SeedError(f"{shown(path)}: no record with any text in this corpus file")


def _source_id(value: object, where: str) -> str:
    if value is None:
        raise SeedError(f"{where}: no id: every record needs one (the source id)")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise SeedError(f"{where}: id must be a string, not {type(value).__name__} {value!r}")
    source_id = str(value)
    if not source_id or source_id != source_id.strip() or _CONTROL.intersection(source_id):
        raise SeedError(f"{where}: id {source_id!r}: empty, or with spaces around or control characters")
    return source_id


def _jsonl_records(
    lines: _Lines, warnings: list[str], _max_bytes: int
) -> Iterator[tuple[int, Mapping[str, object]]]:
    known = ("id", "text", *OPTIONAL)
    unknown: set[str] = set()
    for line in lines:
        if not line.strip():
            warnings.append(f"{lines.where()}: skipped: a blank line")
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise SeedError(f"{lines.where()}: not JSON: {exc}") from None
        if not isinstance(record, dict):
            raise SeedError(f"{lines.where()}: a JSON {type(record).__name__}, not an object")
        if "text" not in record:
            raise SeedError(f"{lines.where()}: no text: every record needs one")
        for name in record.keys() - unknown - set(known):
            unknown.add(name)
            warnings.append(f"{lines.where()}: key {name!r} ignored: not one of {', '.join(known)}")
        yield lines.number, record


def _csv_records(
    lines: _Lines, warnings: list[str], max_bytes: int
) -> Iterator[tuple[int, Mapping[str, object]]]:
    # A news text is longer than csv's default cell limit (131,072 characters); the limit is
    # the seed limit instead (a cell has at most as many characters as bytes).
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    for line, row in _csv_rows(lines, ("id", "text"), warnings):
        yield line, {k: (v if v.strip() or k == "text" else None) for k, v in row.items()}


def count_records(path: Path) -> int:
    """How many records a corpus file holds, for a progress bar (read once more, streamed)."""
    if path.suffix.lower() == ".jsonl":
        with path.open("rb") as f:
            return sum(1 for raw in f if raw.strip())
    csv.field_size_limit(max(csv.field_size_limit(), MAX_SEED_BYTES + 1))
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as f:
            return max(0, sum(1 for _ in csv.reader(f)) - 1)
    except csv.Error:
        return 0  # the build's reading names the line

