"""The seed folder: which files are texts to read, and how their bytes become text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class SeedError(Exception):
    """A seed folder or text the build cannot read; the message names the file and position."""


@dataclass(frozen=True)
class SeedText:
    """One seed file: its name, its path as the package records it, its bytes and its text."""

    name: str
    path: str  # relative POSIX, e.g. "seeds/000_x.txt": the same from any clone location
    data: bytes
    text: str


@dataclass(frozen=True)
class SeedListing:
    """The seed files of a folder, in build order, and warnings for entries skipped."""

    folder: Path
    files: tuple[Path, ...]
    warnings: tuple[str, ...]

    @property
    def prefix(self) -> str:
        """The folder name the package records paths under, whatever the clone's location."""
        return self.folder.resolve().name


def list_seeds(seeds: Path) -> SeedListing:
    """The `*.txt` regular files directly in `seeds`, sorted by name, and warnings for what is skipped.

    Fatal (SeedError): `seeds` is not a folder, holds no `*.txt`, or a `*.txt` is a
    symlink or a folder. Skipped with a warning: any other entry (subfolders are not
    descended into). Nothing is read here: `read_seed` reads one file at a time.
    """
    if not seeds.is_dir():
        raise SeedError(f"{seeds}: not a folder of seed texts (pass --seeds DIR)")
    files: list[Path] = []
    warnings: list[str] = []
    # Sorted by code point, not by the locale's collation, so every machine agrees.
    for entry in sorted(seeds.iterdir(), key=lambda p: p.name):
        if entry.suffix != ".txt":
            warnings.append(f"{entry}: skipped: only *.txt files directly in {seeds} are read")
            continue
        if entry.is_symlink():
            raise SeedError(
                f"{entry}: a symlink: seeds must be regular files in the folder (copy the text in instead)"
            )
        if not entry.is_file():
            raise SeedError(f"{entry}: not a regular file: seeds must be *.txt files directly in {seeds}")
        files.append(entry)
    if not files:
        raise SeedError(f"{seeds}: no *.txt seed texts in this folder")
    return SeedListing(seeds, tuple(files), tuple(warnings))


def read_seed(path: Path, prefix: str) -> SeedText:
    """Read and decode one seed file; SeedError names the file and byte when it is not UTF-8."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SeedError(
            f"{path}: not UTF-8 at byte {exc.start} ({exc.reason}): save the text as UTF-8"
        ) from None
    return SeedText(path.name, f"{prefix}/{path.name}", data, text)


def iter_seeds(listing: SeedListing) -> Iterator[SeedText]:
    """The listed texts, read one at a time so a large corpus is never all in memory."""
    prefix = listing.prefix
    for path in listing.files:
        yield read_seed(path, prefix)


def read_seeds(seeds: Path) -> tuple[list[SeedText], list[str]]:
    """Every seed text of `seeds` in memory, and the listing's warnings (small corpora, tests)."""
    listing = list_seeds(seeds)
    return list(iter_seeds(listing)), list(listing.warnings)
