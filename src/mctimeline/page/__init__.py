"""The timeline page: self-contained HTML files (inline CSS, JS and data) showing every event.

By concern: `markup` (text made safe for HTML and <script>), `cards` (one event), `paging`
(a large timeline cut into files), `document` (one HTML file); this module writes them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from mctimeline import ownership
from mctimeline.browse import NO_SERIES, PRECISION_ORDER, STATUS_ORDER
from mctimeline.package import FileResource
from mctimeline.page.cards import fallback_title, series_names
from mctimeline.page.document import document as _document
from mctimeline.page.document import whole as _whole
from mctimeline.page.markup import esc, script_json
from mctimeline.page.paging import (
    PAGE_FILE,
    PAGE_SIZE,
    Page,
    Paging,
    Years,
    landing_page,
    page_file,
    plan_pages,
    year_pages,
)
from mctimeline.safetext import one_line
from mctimeline.timeline import Timeline

__all__ = [
    "NO_SERIES",
    "PAGE_FILE",
    "PAGE_SIZE",
    "PRECISION_ORDER",
    "STATUS_ORDER",
    "Page",
    "Years",
    "esc",
    "fallback_title",
    "landing_page",
    "one_line",
    "page_file",
    "plan_pages",
    "script_json",
    "series_names",
    "year_pages",
]


def page(timeline: Timeline) -> str:
    """The whole timeline as one page of text; the same timeline always gives the same text."""
    return _document(_whole(timeline), timeline.events)


def page_bytes(timeline: Timeline) -> bytes:
    return page(timeline).encode("utf-8")


def _resource(name: str, path: str, title: str, description: str) -> FileResource:
    return FileResource(name, path, title, description, "html", "text/html")


def write_page(folder: Path, timeline: Timeline) -> FileResource:
    """Write index.html into `folder`; return its resource for the descriptor."""
    (folder / PAGE_FILE).write_bytes(page_bytes(timeline))
    return _resource(
        "page",
        PAGE_FILE,
        "Timeline page",
        "The events on a time axis in one self-contained HTML file (no network): three calendar "
        "dates, titles in the source language and in English, status and conflicts, source quotes; "
        "search over titles and quotes, a date range, filters by series, precision, status, outlet and "
        "language; opens on the year with the most events; the mentions that made no event.",
    )


def page_texts(timeline: Timeline, pages: Sequence[Page], years: Years | None = None) -> Iterator[str]:
    """The text of each of `pages` (plan_pages of timeline.events), made one at a time, never all at once;
    `years` is Years.of(timeline.event_keys()) when already read."""
    years = Years.of(timeline.event_keys()) if years is None else years
    links = year_pages(timeline.events, pages, years)
    whole = _whole(timeline, years)
    for p in pages:
        paging = Paging(p, pages, links, len(timeline.events))
        yield _document(whole, timeline.events[p.start : p.stop], paging)


def write_pages(
    folder: Path,
    timeline: Timeline,
    *,
    page_size: int = PAGE_SIZE,
    written: Callable[[FileResource], None] | None = None,
    known: ownership.Noted | None = None,
) -> list[FileResource]:
    """Write the timeline page(s) into `folder`; return a resource per file for the descriptor.

    Up to `page_size` events it is the one index.html of write_page (resource "page").
    Past it, the events in date order are split into pages (resources "page-1", "page-2", ...
    in date order; "page" stays the name of a page showing every event), index-1.html,
    index-2.html, ... but for the one holding the busiest year's first event, which is
    index.html (plan_pages); each is written to its file as soon as it is made, and then
    told to `written` (the build's validation parses it meanwhile, validate.early) and, a paged
    timeline's, `ownership.noted` in `known` if given (its bytes hashed here, not read back).
    """
    told = written or (lambda resource: None)
    total = len(timeline.events)
    if total <= page_size:
        resource = write_page(folder, timeline)
        told(resource)
        return [resource]
    # One pass over the events' keys before the pages' own: a stored timeline's, decoding no event.
    years = Years.of(timeline.event_keys())
    pages = plan_pages(timeline.events, page_size, years)
    resources = []
    for p, text in zip(pages, page_texts(timeline, pages, years), strict=True):
        data = text.encode("utf-8")
        del text  # the next page is made without this one still held
        (folder / p.file).write_bytes(data)
        if known is not None:
            known[p.file] = ownership.noted(folder / p.file, hashlib.sha256(data).hexdigest())
        del data
        resource = _resource(
            f"page-{p.number}",
            p.file,
            f"Timeline page {p.number} of {len(pages)}",
            f"Events {p.start + 1:,}–{p.stop:,} of {total:,} in date order (starting {p.span}) in one "
            "self-contained HTML file (no network), shown as on the one-page timeline (three calendar "
            "dates, titles, status and conflicts, source quotes; search, a date range and filters), "
            "with links to the first, previous, next and last pages, to pages from which any other is a "
            "few links away, and to the page of each year; index.html is the page holding the year with "
            "the most events.",
        )
        told(resource)
        resources.append(resource)
    return resources
