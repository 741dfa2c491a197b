"""datapackage.json: the package's metadata and resources, and the bytes it is written as."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from mctimeline import __version__
from mctimeline.links import is_web_url
from mctimeline.package.resources import FeedFile, Resource
from mctimeline.package.tables import TABLES
from mctimeline.sources import Source
from mctimeline.timeline import Timeline


class Streamed(list[Any]):
    """A JSON array whose items are made as it is encoded (`write_descriptor`, and the manifest's
    hash, both by `JSONEncoder.iterencode`), never held together: a descriptor lists a source
    a document, which as dicts and their JSON took about 1 KB a document while it was written.

    Only for those two: `json.dumps` without indent, and anything reading the list's own
    storage (==, slicing), sees an empty list.
    """

    def __init__(self, items: Callable[[], Iterator[Any]], count: int) -> None:
        super().__init__()
        self._items, self._count = items, count

    def __iter__(self) -> Iterator[Any]:
        return self._items()

    def __len__(self) -> int:
        return self._count


def descriptor(
    timeline: Timeline,
    feeds: Sequence[FeedFile] = (),
    views: Sequence[Resource] = (),
    *,
    streamed: bool = False,
) -> dict[str, Any]:
    """The datapackage.json content for `timeline` and the feeds and views written beside it.

    `streamed`: its sources a Streamed array, for `write_descriptor` only."""
    languages = sorted({s.language for s in timeline.sources})
    out: dict[str, Any] = {
        "name": "mctimeline",
        "title": "mctimeline: dated events from Persian, Arabic and English news",
        "description": (
            "Date mentions found in news texts, each traced to its exact words and offsets, "
            "resolved in the Gregorian, Jalali (Solar Hijri) and Hijri (Umm al-Qura) calendars "
            "through one conversion core, assembled into events merged across sources, with every "
            "disagreement between sources or calendars in the reconciliation table. "
            f"Built by mctimeline {__version__} from {len(timeline.sources)} source texts "
            f"({', '.join(languages) or 'none'})."
        ),
        "version": __version__,
        "keywords": ["timeline", "events", "calendar", "jalali", "hijri", "umm al-qura", "news"],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 (the derived data; the quoted source "
                "texts remain their publishers')",
            }
        ],
        "contributors": [{"title": "mctimeline developers", "roles": ["author"]}],
        "sources": Streamed(lambda: map(_source_of, timeline.sources), len(timeline.sources))
        if streamed
        else list(map(_source_of, timeline.sources)),
        "resources": [t.descriptor() for t in TABLES]
        + [f.descriptor() for f in feeds]
        + [v.descriptor() for v in views],
    }
    created = timeline.created
    if created is not None:
        # The latest publication date among the sources: derived from the inputs, so a
        # rebuild gives the same bytes; omitted when no source states its date.
        out["created"] = f"{created.isoformat()}T00:00:00Z"
    return out


def _source_of(s: Source) -> dict[str, str]:
    return _package_source(s.source_id, s.outlet, s.title, s.url)


def _package_source(source_id: str, outlet: str, headline: str, url: str = "") -> dict[str, str]:
    title = " — ".join(x for x in (outlet, headline.strip()) if x) or source_id
    out = {"title": f"{title} [{source_id}]"}
    if is_web_url(url):
        out["path"] = url  # Frictionless: a source's `path` is where it is found
    return out


# datapackage.json's layout, for both: the bytes made whole and the file written as encoded.
_LAYOUT = json.JSONEncoder(sort_keys=True, indent=2, ensure_ascii=False)


def descriptor_bytes(desc: dict[str, Any]) -> bytes:
    return (_LAYOUT.encode(desc) + "\n").encode("utf-8")


def write_descriptor(path: Path, desc: dict[str, Any]) -> None:
    """`descriptor_bytes(desc)` written to `path` as it is encoded (`desc` may hold Streamed arrays)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(_LAYOUT.iterencode(desc))
        out.write("\n")
