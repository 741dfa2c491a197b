"""The seed folder: which files are texts to read, and how their bytes become text."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import BinaryIO

# A seed larger than this is refused before a byte of it is read: a news text is a few
# kilobytes, so 20 MB is a mistake (a dump, a binary), and tagging it would take long.
MAX_SEED_BYTES = 20_000_000

# UTF-32 LE starts with the UTF-16 LE BOM, so it is tried first.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class SeedError(Exception):
    """A seed folder or text the build cannot read; the message names the file and position."""


@dataclass(frozen=True, slots=True)
class Meta:
    """What an archive says of a text beside the text: a metadata.csv row or a corpus record.

    Every field is "" when not given. `published` is already read (YYYY-MM-DD, the
    local day written) and `language` checked (fa, ar or en) by `archive`.
    """

    published: str = ""
    url: str = ""
    outlet: str = ""
    title: str = ""
    language: str = ""


NO_META = Meta()


@dataclass(frozen=True)
class SeedText:
    """One seed text: its name, its path as the package records it, its bytes, its text and metadata."""

    name: str
    path: str  # relative POSIX, e.g. "seeds/000_x.txt": the same from any clone location
    data: bytes
    text: str  # `data` decoded as UTF-8, nothing translated: offsets are code points of it
    warnings: tuple[str, ...] = field(default=())
    meta: Meta = NO_META
    id: str = ""  # the source id; "" is the file's stem (a corpus record gives its own)

    @property
    def source_id(self) -> str:
        return self.id or PurePath(self.path).stem


@dataclass(frozen=True)
class SeedListing:
    """The seed files of a folder, in build order, and warnings for entries skipped."""

    folder: Path
    files: tuple[Path, ...]
    warnings: tuple[str, ...]
    max_bytes: int = MAX_SEED_BYTES
    meta: Mapping[str, Meta] = field(default_factory=lambda: MappingProxyType({}))  # by file name

    @property
    def prefix(self) -> str:
        """The folder name the package records paths under, whatever the clone's location."""
        return self.folder.resolve().name


_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F]}


def shown(path: Path) -> str:
    """A path for a one-line message: bytes that are not UTF-8 and control characters as escapes."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8").translate(_CONTROLS)


def list_seeds(seeds: Path, max_bytes: int = MAX_SEED_BYTES) -> SeedListing:
    """The `*.txt` regular files directly in `seeds`, sorted by name, and warnings for what is skipped.

    Fatal (SeedError): `seeds` is not a folder or holds no `*.txt`; a `*.txt` is a
    symlink, not a regular file, has a name that is not UTF-8, or is larger than
    `max_bytes`; `metadata.csv` is there and is bad (see `archive.read_metadata`).
    Skipped with a warning: an empty `*.txt` and any other entry (subfolders are not
    descended into). Only sizes and the metadata are read here: `read_seed` reads one
    file at a time.
    """
    from mctimeline import archive
    if not seeds.is_dir():
        raise SeedError(f"{shown(seeds)}: not a folder of seed texts (pass --seeds DIR)")
    files: list[Path] = []
    warnings: list[str] = []
    # Sorted by code point, not by the locale's collation, so every machine agrees.
    entries = sorted(seeds.iterdir(), key=lambda p: p.name)
    for entry in entries:
        if entry.name == archive.METADATA and entry.is_file() and not entry.is_symlink():
            continue  # read below, once every *.txt name is known
        if entry.suffix != ".txt":
            warnings.append(f"{shown(entry)}: skipped: only *.txt files directly in {shown(seeds)} are read")
            continue
        if entry.is_symlink():
            raise SeedError(
                f"{shown(entry)}: a symlink: seeds must be regular files in the folder "
                "(copy the text in instead)"
            )
        if not entry.is_file():
            raise SeedError(
                f"{shown(entry)}: not a regular file: seeds must be *.txt files directly in {shown(seeds)}"
            )
        try:
            entry.name.encode("utf-8")
        except UnicodeEncodeError:
            # The name becomes the source id in UTF-8 tables: bytes that are not UTF-8 cannot.
            raise SeedError(f"{shown(entry)}: the file name is not UTF-8: rename the file") from None
        size = entry.stat().st_size
        if size > max_bytes:
            raise SeedError(
                f"{shown(entry)}: {size} bytes, more than the limit of {max_bytes} "
                "(split the text, or raise --max-seed-bytes)"
            )
        if size == 0:
            warnings.append(f"{shown(entry)}: skipped: empty (0 bytes), a source with no text")
            continue
        files.append(entry)
    if not files:
        raise SeedError(f"{shown(seeds)}: no *.txt seed texts with any text in this folder")
    meta: Mapping[str, Meta] = MappingProxyType({})
    sheet = seeds / archive.METADATA
    if sheet.is_file() and not sheet.is_symlink():
        txt = {e.name for e in entries if e.suffix == ".txt"}
        found, sheet_warnings = archive.read_metadata(sheet, txt)
        meta = MappingProxyType(found)
        warnings.extend(sheet_warnings)
    return SeedListing(seeds, tuple(files), tuple(warnings), max_bytes, meta)


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_seed(where: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    """The text of a seed's bytes and its warnings; SeedError names `where`, the byte and the line.

    UTF-8 only, decoded as is: no newline translation (CRLF stays CRLF) and a leading
    UTF-8 BOM stays in the text as U+FEFF at offset 0, so that offsets are code points
    of exactly what any UTF-8 decoder reads from the file. A UTF-16/32 BOM or a NUL
    byte is refused: the file is not UTF-8 text.
    """
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise SeedError(f"{where}: {name} (BOM at byte 0): convert to UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SeedError(
            f"{where}: a NUL byte at byte {nul} (line {_line(data, nul)}): binary data or UTF-16 "
            "without a BOM, not UTF-8 text"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SeedError(
            f"{where}: not UTF-8 at byte {exc.start} (line {_line(data, exc.start)}; {exc.reason}): "
            "save the text as UTF-8"
        ) from None
    warnings = []
    if text.startswith("\ufeff"):
        warnings.append(f"{where}: starts with a UTF-8 BOM: kept as U+FEFF at offset 0, offsets count it")
    return text, tuple(warnings)


def has_text(text: str) -> bool:
    """Whether a text holds anything but whitespace (and a BOM)."""
    return bool(text.lstrip("\ufeff").strip())


def _read_at_most(f: BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes of `f`, to its end.

    Not `f.read(limit)`: that allocates `limit` bytes up front (20 MB for every tiny
    seed, a 25-fold slower read) and fails past what memory can hold (--max-seed-bytes
    99999999999999999999). The file's size is the first read's size; reads go on, a
    megabyte at a time, in case it grew since.
    """
    chunks = [f.read(min(os.fstat(f.fileno()).st_size + 1, limit))]
    total = len(chunks[0])
    while chunks[-1] and total < limit:
        chunks.append(f.read(min(1 << 20, limit - total)))
        total += len(chunks[-1])
    return b"".join(chunks)


def read_seed(path: Path, prefix: str, max_bytes: int = MAX_SEED_BYTES, meta: Meta = NO_META) -> SeedText:
    """Read and decode one seed file; SeedError names the file (and byte and line) when it cannot."""
    with path.open("rb") as f:
        data = _read_at_most(f, max_bytes + 1)  # never more: the file may have grown since it was listed
    if len(data) > max_bytes:
        raise SeedError(
            f"{shown(path)}: more than the limit of {max_bytes} bytes "
            "(split the text, or raise --max-seed-bytes)"
        )
    text, warnings = decode_seed(shown(path), data)
    return SeedText(path.name, f"{prefix}/{path.name}", data, text, warnings, meta)


def iter_seeds(listing: SeedListing, warnings: list[str] | None = None) -> Iterator[SeedText]:
    """The listed texts, read one at a time so a large corpus is never all in memory.

    A text of only whitespace is skipped; its warning and those of the texts read are
    appended to `warnings`. SeedError when no text is left.
    """
    sink = warnings if warnings is not None else []
    prefix = listing.prefix
    yielded = 0
    for path in listing.files:
        seed = read_seed(path, prefix, listing.max_bytes, listing.meta.get(path.name, NO_META))
        sink.extend(seed.warnings)
        if not has_text(seed.text):
            sink.append(f"{shown(path)}: skipped: only whitespace, a source with no text")
            continue
        yielded += 1
        yield seed
    if not yielded:
        raise SeedError(f"{shown(listing.folder)}: no *.txt seed texts with any text in this folder")


def read_seeds(seeds: Path, max_bytes: int = MAX_SEED_BYTES) -> tuple[list[SeedText], list[str]]:
    """Every seed text of `seeds` in memory, and the warnings (small corpora, tests)."""
    listing = list_seeds(seeds, max_bytes)
    warnings = list(listing.warnings)
    texts = list(iter_seeds(listing, warnings))
    return texts, warnings
