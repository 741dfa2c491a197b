"""Sources: one seed text, its identity and what can be read from it (headline, outlet, date)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """A seed text and what the builder reads from it."""

    source_id: str  # stable: from the file name stem
    path: str  # relative to the package root's parent, POSIX form, e.g. "seeds/000_x.txt"
    language: str  # fa | ar | en
    sha256: str
    characters: int
    headline: str
    outlet: str  # "" when not named
    agencies: tuple[str, ...]  # news agencies the text cites
    publication_date: str  # YYYY-MM-DD or ""
    publication_date_basis: str  # how it was inferred, or ""
