"""A large timeline cut into pages: which events each file shows, and the links between them."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mctimeline import browse
from mctimeline.events import Event
from mctimeline.page.markup import esc, iso_span
from mctimeline.timeline import EventKey

PAGE_FILE = "index.html"


# Events per file: past this the timeline is split into pages. A thousand events make a
# page of a few MB that a browser opens at once; the whole timeline of a large corpus
# in one file (GBs) opens nowhere and would be held in memory while written.
PAGE_SIZE = 1000


@dataclass(frozen=True)
class Page:
    """One file of a paged timeline: a run of timeline.events (in date order) and its file."""

    number: int  # from 1
    file: str
    start: int  # index in timeline.events of its first event
    stop: int  # one past its last
    first_date: str  # start date of its first event
    last_date: str  # start date of its last event

    @property
    def count(self) -> int:
        return self.stop - self.start

    @property
    def span(self) -> str:
        return iso_span(self.first_date, self.last_date)


@dataclass(frozen=True)
class Years:
    """Of events in date order: how many start in each year, the index of each year's first, and
    the precisions met. Read in one pass: a large build's events are decoded from disk at each
    pass, and the landing page, the year links and the opening each walked them. Read of the
    events' keys (Timeline.event_keys), a stored timeline's pass decodes no event."""

    counts: dict[str, int]
    first: dict[str, int]  # in the order the years are met
    precisions: frozenset[str]

    @classmethod
    def of(cls, events: Iterable[Event | EventKey]) -> Years:
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        precisions: set[str] = set()
        for i, e in enumerate(events):
            year = e.start_date[:4]
            if year not in counts:
                counts[year] = 0
                first[year] = i
            counts[year] += 1
            precisions.add(e.precision)
        return cls(counts, first, frozenset(precisions))

    @property
    def busiest(self) -> str:
        return browse.busiest_of(self.counts)


def page_file(number: int, landing: int = 1) -> str:
    """The file of page `number`: the landing page (where the timeline opens) is index.html,
    so links to the timeline open there; every other page is index-N.html."""
    return PAGE_FILE if number == landing else f"index-{number}.html"


def landing_page(events: Sequence[Event], page_size: int = PAGE_SIZE, years: Years | None = None) -> int:
    """The number of the page holding the first event of the busiest year (Years.busiest);
    `years` is Years.of(events) when already read."""
    years = Years.of(events) if years is None else years
    return years.first.get(years.busiest, 0) // page_size + 1


def plan_pages(events: Sequence[Event], page_size: int = PAGE_SIZE, years: Years | None = None) -> list[Page]:
    """The pages of `events` (already in date order): `page_size` events each, the last one fewer."""
    if page_size < 1:
        raise ValueError(f"page_size must be at least 1, not {page_size}")
    landing = landing_page(events, page_size, years)
    pages = []
    for number, start in enumerate(range(0, len(events), page_size), 1):
        stop = min(start + page_size, len(events))
        first, last = events[start].start_date, events[stop - 1].start_date
        pages.append(Page(number, page_file(number, landing), start, stop, first, last))
    return pages


def year_pages(events: Sequence[Event], pages: Sequence[Page], years: Years | None = None) -> dict[str, Page]:
    """Each year (of a start date) and the first page holding an event of it: where its link goes.

    With `years` (Years.of(events), `pages` every page of them) the events are not read again."""
    if years is not None:
        starts = [p.start for p in pages]
        return {year: pages[bisect_right(starts, i) - 1] for year, i in years.first.items()}
    found: dict[str, Page] = {}
    for p in pages:
        for e in events[p.start : p.stop]:
            found.setdefault(e.start_date[:4], p)
    return found


@dataclass(frozen=True)
class Paging:
    """What a page of a paged timeline shows beyond its events: where it is among the others."""

    page: Page
    pages: Sequence[Page]
    years: dict[str, Page]
    total: int  # events in the whole timeline


def _page_link(target: Page | None, cls: str, text: str, rel: str = "") -> str:
    if target is None:  # no such page from here: shown, but not a link
        return f'<span class="{cls}" aria-disabled="true">{text}</span>'
    rel_attr = f' rel="{rel}"' if rel else ""
    return f'<a class="{cls}" href="{esc(target.file)}"{rel_attr}>{text}</a>'


def jump_pages(here: int, count: int) -> list[int]:
    """The pages a page's list links to, of `count` (numbered from 1): the first and the last, the
    neighbours, and at each power of ten s below `count`, the multiples of s in the run of ten of
    them holding `here` (on page 237 of 685: 230–239, 200–290 by tens, 100–600 by hundreds). Any
    page is then a few links away, and a page lists a few dozen, not every one (685 at 100,000
    documents, a tenth of a kilobyte an event)."""
    found = {1, count, here - 1, here, here + 1}
    scale = 1
    while scale < count:
        run = here // (10 * scale) * 10 * scale
        found.update(range(run, run + 10 * scale, scale))
        scale *= 10
    return sorted(n for n in found if 1 <= n <= count)


def pager(paging: Paging, *, listed: bool) -> str:
    """First/previous/next/last links, and (when `listed`) the pages of jump_pages with their date spans."""
    here, pages = paging.page, paging.pages
    prev = pages[here.number - 2] if here.number > 1 else None
    following = pages[here.number] if here.number < len(pages) else None
    links = [
        _page_link(pages[0] if prev else None, "first", "« First"),
        _page_link(prev, "prev", "‹ Previous", "prev"),
        f'<span class="current">Page {here.number} of {len(pages)}</span>',
        _page_link(following, "next", "Next ›", "next"),
        _page_link(pages[-1] if following else None, "last", "Last »"),
    ]
    listing = ""
    if listed:
        items = []
        for number in jump_pages(here.number, len(pages)):
            p = pages[number - 1]
            current = ' aria-current="page"' if p.number == here.number else ""
            items.append(
                f'<li value="{p.number}"><a href="{esc(p.file)}"{current}>Page {p.number}</a> '
                f'<span class="span">{esc(p.span)}</span> '
                f'<span class="count">({p.count:,} events)</span></li>'
            )
        everyone = len(items) == len(pages)
        summary = f"All {len(pages)} pages" if everyone else f"Jump to a page ({len(pages)} in all)"
        listing = (
            f'<details class="page-list"><summary>{summary}</summary><ol>{"".join(items)}</ol></details>'
        )
    return f'<nav class="pager" aria-label="Pages">{" ".join(links)}{listing}</nav>'


def year_nav(paging: Paging, events: Sequence[Event]) -> str:
    """A link per year of the whole timeline, to the first page holding it (marked when on this page)."""
    here = {e.start_date[:4] for e in events}
    links = []
    for year, p in sorted(paging.years.items()):
        cls = ' class="here"' if year in here else ""
        links.append(f'<a href="{esc(p.file)}#year-{esc(year)}"{cls}>{esc(year)}</a>')
    return f'<nav class="years" aria-label="Years">{" ".join(links)}</nav>'


def page_head(paging: Paging) -> str:
    """This page's place: its number, its events' numbers among all and its date span."""
    p = paging.page
    return (
        f'<p class="page-span">Page {p.number} of {len(paging.pages)}: events {p.start + 1:,}–{p.stop:,} '
        f'of {paging.total:,} in date order, starting <span class="span">{esc(p.span)}</span>.</p>'
    )



PAGER_CSS = """
.page-span{margin:.2em 0;font-weight:600}
nav.pager,nav.years{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline;margin:.4em 0}
nav.pager [aria-disabled]{color:var(--muted)}
nav.pager .current{font-weight:600}
nav.pager details{flex-basis:100%}
nav.pager ol{margin:.3em 0;padding-left:2.5em;max-height:16em;overflow-y:auto}
nav.pager a[aria-current]{font-weight:600}
nav.pager .span,.page-span .span{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
nav.pager .count{color:var(--muted)}
nav.years{font-size:.9em}
nav.years a:not(.here){color:var(--muted)}
nav.years a.here{font-weight:600}
"""
