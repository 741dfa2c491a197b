"""CSV bytes: the rows written in the dialect the descriptor states, a batch at a time, and read back."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from mctimeline.package.rows import Row
from mctimeline.reading import csv_rows


def csv_bytes(fields: Sequence[str], rows: Iterable[Row]) -> bytes:
    """UTF-8 CSV (RFC 4180) with a header row and LF line ends; quoting only where a value needs it."""
    return "".join(csv_lines(fields, rows)).encode("utf-8")


def csv_lines(fields: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    """The lines of csv_bytes, one at a time: the header, then a line per row."""
    yield _csv_line(fields)
    wanted = set(fields)
    for row in rows:
        if row.keys() != wanted:
            raise ValueError(f"row fields {sorted(row)} differ from the schema's {list(fields)}")
        yield _csv_line(["" if row[f] is None else str(row[f]) for f in fields])


def write_csv(path: Path, fields: Sequence[str], rows: Iterable[Row]) -> str:
    """Write csv_bytes(fields, rows) to `path` a batch of lines at a time, never the whole table in memory;
    return the SHA-256 of the bytes written (the descriptor's manifest then need not read them back)."""
    digest = hashlib.sha256()
    with path.open("wb") as f:
        for batch in batches(csv_lines(fields, rows), _LINES_PER_WRITE):
            data = "".join(batch).encode("utf-8")
            f.write(data)
            digest.update(data)
    return digest.hexdigest()


_LINES_PER_WRITE = 4096


T = TypeVar("T")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last may be shorter), made as they are read."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


_NEEDS_QUOTES = re.compile(r'[",\r\n]')


def _csv_line(cells: Sequence[str]) -> str:
    # Written by hand rather than with csv.writer: with an LF line end, csv's
    # QUOTE_MINIMAL leaves a lone CR unquoted, and every reader then splits the row.
    # A cell needs quotes only if it holds one of `",\r\n`, and the cells run together hold
    # one only if a cell does: most rows are looked at once, not a cell at a time.
    if not _NEEDS_QUOTES.search("".join(cells)):
        return ",".join(cells) + "\n"
    return (
        ",".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if _NEEDS_QUOTES.search(c) else c for c in cells)
        + "\n"
    )


def read_csv(data: bytes) -> list[dict[str, str]]:
    """Read back what csv_bytes wrote, as strings (the round trip tests use it)."""
    return list(csv_rows(io.StringIO(data.decode("utf-8"), newline="")))
