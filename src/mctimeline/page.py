"""The timeline page: one self-contained HTML file (inline CSS, JS and data) showing every event."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mctimeline import __version__, browse, plot
from mctimeline.browse import NO_SERIES, PRECISION_ORDER, STATUS_ORDER
from mctimeline.events import Event, Reconciliation
from mctimeline.feeds import PERIOD_PRECISIONS, PERIODS_FEED, date_line, event_dates, labels
from mctimeline.links import is_web_url
from mctimeline.package import FileResource
from mctimeline.safetext import FORBIDDEN_IN_MARKUP, clean_text, one_line
from mctimeline.timeline import PlacedMention, Timeline

PAGE_FILE = "index.html"
RTL_LANGUAGES = frozenset({"fa", "ar"})
__all__ = ["NO_SERIES", "PRECISION_ORDER", "STATUS_ORDER"]  # the filters' values, from browse
# Which words name each calendar, and in which language its native date is written.
CALENDARS = (("gregorian", "Gregorian", "en"), ("jalali", "Jalali", "fa"), ("hijri", "Hijri", "ar"))


def esc(text: str) -> str:
    """Text for HTML content or a quoted attribute: & < > " ' escaped, control characters dropped."""
    return html.escape(clean_text(text), quote=True)


def script_json(value: Any) -> str:
    """JSON that is safe inside <script>: no `</script>`, `<!--`, or JS line terminators can appear.

    The escapes are JSON string escapes, so JSON.parse gives back exactly `value`; no
    character HTML forbids is written as itself.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    # Characters HTML forbids (control, surrogate, noncharacter) are written as escapes:
    # the page's bytes never hold one, and the data still reads back exactly.
    return FORBIDDEN_IN_MARKUP.sub(_json_escape, text)


def _json_escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON writes a code point past the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


_QUOTED = re.compile(r"«([^«»]*)»")


def esc_isolated(text: str) -> str:
    """Escaped text whose «quoted» words are bidi-isolated.

    Diagnoses are English sentences quoting Persian or Arabic words; without isolation
    the quote's digits and punctuation join the surrounding text and are reordered.
    """
    out, pos = [], 0
    for m in _QUOTED.finditer(text):
        out.append(esc(text[pos : m.start()]))
        out.append(f"«<bdi>{esc(m.group(1))}</bdi>»")
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "auto"


def series_names(timeline: Timeline) -> dict[str, str]:
    return {s.series_id: one_line(s.name_en) or s.series_id for s in timeline.series}


def fallback_title(event: Event, series_name: str) -> str:
    """What an event without a title is called: its Gregorian dates and its series."""
    return f"{date_line(event, 'gregorian', 'en')} · {series_name or 'no series'}"


def iso_span(first: str, last: str) -> str:
    return first if first == last else f"{first} – {last}"


# --- pieces -------------------------------------------------------------------------------


def _dates(event: Event) -> str:
    spans = event_dates(event)
    rows = []
    for cal, name, lang in CALENDARS:
        span = spans[cal]
        if span is None:
            value = f'<span class="missing">{esc(labels("en")["hijri_out_of_range"])}</span>'
        else:
            first, last = (d.isoformat() for d in span)
            native = date_line(event, cal, lang)
            value = f'<bdi lang="{lang}" dir="{direction(lang)}" class="native">{esc(native)}</bdi>'
            if lang != "en":
                value += f' <span class="alt" lang="en">{esc(date_line(event, cal, "en"))}</span>'
            value += f' <span class="iso">{esc(iso_span(first, last))}</span>'
        rows.append(f'<div class="date date-{cal}"><dt>{name}</dt><dd>{value}</dd></div>')
    return f'<dl class="dates">{"".join(rows)}</dl>'


def _badges(event: Event, series_name: str) -> str:
    items = [
        f'<span class="badge status status-{esc(event.status)}">{esc(event.status)}</span>',
        f'<span class="badge precision">{esc(event.precision)}</span>',
    ]
    if event.series_id:
        edition = f" · edition {event.edition}" if event.edition else ""
        items.append(f'<span class="badge series">{esc(series_name)}{esc(edition)}</span>')
    if event.location:
        items.append(f'<span class="badge place">{esc(event.location)}</span>')
    items.append(f'<span class="badge edtf" title="EDTF">{esc(event.edtf)}</span>')
    return f'<p class="badges">{"".join(items)}</p>'


def _conflicts(recs: Iterable[Reconciliation]) -> str:
    items = []
    for r in recs:
        readings = "".join(
            f'<span class="reading {k}">{k}: <bdi>{esc(v)}</bdi></span>'
            for k, v in (("kept", r.kept), ("rejected", r.rejected))
            if v
        )
        reason = f'<p class="reason" dir="auto">{esc_isolated(r.reason)}</p>' if r.reason else ""
        items.append(
            f'<li class="conflict" data-reconciliation="{esc(r.reconciliation_id)}">'
            f'<strong class="kind">{esc(r.kind)}</strong> '
            f'<span class="diagnosis" dir="auto">{esc_isolated(r.diagnosis)}</span>'
            f"{readings}{reason}</li>"
        )
    if not items:
        return ""
    return f'<div class="conflicts"><h4>Reconciliation</h4><ul>{"".join(items)}</ul></div>'


# A source's number (its place in timeline.sources), language, one-line title and URL,
# by source id: made once per page, since a table per event would make the page quadratic
# in the corpus. The title is said once per page, in its list of sources, never per quote:
# a text with no line break is its own first line.
_SourceLabels = dict[str, tuple[int, str, str, str]]


def _source_labels(timeline: Timeline) -> _SourceLabels:
    return {
        s.source_id: (n, s.language, one_line(s.title or s.headline), s.url)
        for n, s in enumerate(timeline.sources, 1)
    }


def _source_ref(source_id: str, url: str) -> str:
    """The source's id, a link to it when its URL is http(s); any other URL stays text beside it."""
    code = f"<code>{esc(source_id)}</code>"
    if not url:
        return code
    if is_web_url(url):
        return f'<a class="source-link" href="{esc(url.strip())}" rel="noopener noreferrer">{code}</a>'
    return f'{code} <span class="url" dir="ltr">{esc(url)}</span>'  # javascript:, file:…: never a link


@dataclass(frozen=True)
class _Whole:
    """What every page takes from the whole timeline, made once: per page it would cost O(corpus) each."""

    timeline: Timeline
    names: dict[str, str]
    sources: _SourceLabels
    languages: str  # of all sources, as the lead names them
    facets: browse.Facets
    unplaced: tuple[PlacedMention, ...]  # the mentions that made no event
    open_year: str  # where the timeline opens: browse.busiest_year
    open_count: int  # events starting in it
    periods: bool  # whether periods.ics is written


def _whole(timeline: Timeline) -> _Whole:
    sources = _source_labels(timeline)
    languages = ", ".join(sorted({label[1] for label in sources.values()})) or "none"
    year = browse.busiest_year(timeline.events)
    return _Whole(
        timeline,
        series_names(timeline),
        sources,
        languages,
        browse.Facets.of(timeline),
        browse.unplaced(timeline),
        year,
        sum(1 for e in timeline.events if e.start_date[:4] == year),
        any(e.precision in PERIOD_PRECISIONS for e in timeline.events),
    )


def _source_anchor(number: int) -> str:
    return f"source-{number}"


def _quotes(placed: list[PlacedMention], sources: _SourceLabels) -> str:
    items = []
    for p in placed:
        m = p.mention
        number, lang, _, _ = sources.get(p.source_id, (0, "", "", ""))
        source = f"<code>{esc(p.source_id)}</code>"
        if number:
            source = f'<a href="#{_source_anchor(number)}">{source}</a>'
        note = f'<p class="note" dir="auto">{esc_isolated(m.note)}</p>' if m.note else ""
        items.append(
            f'<li class="quote" data-mention="{esc(p.mention_id)}">'
            f'<blockquote lang="{esc(lang)}" dir="{direction(lang)}"><bdi>{esc(m.text)}</bdi></blockquote>'
            f'<p class="cite">{source} · characters {m.start}–{m.end} · '
            f"{esc(m.calendar)} · {esc(m.status)}</p>{note}</li>"
        )
    count = len({p.source_id for p in placed})
    return (
        f'<details class="sources"><summary>Source quotes ({len(placed)} from '
        f"{count} source{'' if count == 1 else 's'})</summary><ul>{''.join(items)}</ul></details>"
    )


def _sources_cited(events: Sequence[Event], timeline: Timeline, sources: _SourceLabels) -> str:
    """The sources the events shown quote, each once with its headline, in the timeline's order."""
    cited = set()
    for e in events:
        for ref in e.mentions:
            placed = timeline.mention(ref.mention_id)
            if placed is not None:
                cited.add(placed.source_id)
    listed = sorted((sources[s][0], s) for s in cited if s in sources)
    if not listed:
        return ""
    items = []
    for number, source_id in listed:
        _, lang, headline, url = sources[source_id]
        headline_html = (
            f' · <bdi class="headline" lang="{esc(lang)}" dir="{direction(lang)}">{esc(headline)}</bdi>'
            if headline
            else ""
        )
        items.append(f'<li id="{_source_anchor(number)}">{_source_ref(source_id, url)}{headline_html}</li>')
    return (
        f'<section class="cited" aria-label="Sources"><h2>Sources</h2><ul>{"".join(items)}</ul></section>'
    )


def _event(event: Event, timeline: Timeline, names: dict[str, str], sources: _SourceLabels) -> str:
    series_name = names.get(event.series_id, event.series_id)
    title = one_line(event.title)
    if title:
        title_html = (
            f'<h3 class="title" lang="{esc(event.language)}" dir="{direction(event.language)}">'
            f"<bdi>{esc(title)}</bdi></h3>"
        )
    else:
        title_html = f'<h3 class="title fallback" lang="en">{esc(fallback_title(event, series_name))}</h3>'
    title_en = one_line(event.title_en)
    en_html = f'<p class="title-en" lang="en"><bdi>{esc(title_en)}</bdi></p>' if title_en else ""
    placed = [p for ref in event.mentions if (p := timeline.mention(ref.mention_id)) is not None]
    placed.sort(key=lambda p: (p.source_id, p.mention.start, p.mention.end))
    return (
        f'<li><article class="event status-{esc(event.status)}" id="{esc(event.event_id)}" '
        f'data-series="{esc(event.series_id or NO_SERIES)}" data-precision="{esc(event.precision)}" '
        f'data-status="{esc(event.status)}" data-start="{esc(event.start_date)}" '
        f'data-end="{esc(event.end_date)}">'
        f"{_dates(event)}{title_html}{en_html}{_badges(event, series_name)}"
        f"{_conflicts(timeline.reconciliations_of(event.event_id))}{_quotes(placed, sources)}"
        "</article></li>"
    )


# --- pages ----------------------------------------------------------------------------------

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


def page_file(number: int, landing: int = 1) -> str:
    """The file of page `number`: the landing page (where the timeline opens) is index.html,
    so links to the timeline open there; every other page is index-N.html."""
    return PAGE_FILE if number == landing else f"index-{number}.html"


def landing_page(events: Sequence[Event], page_size: int = PAGE_SIZE) -> int:
    """The number of the page holding the first event of the busiest year (browse.busiest_year)."""
    year = browse.busiest_year(events)
    first = next((i for i, e in enumerate(events) if e.start_date[:4] == year), 0)
    return first // page_size + 1


def plan_pages(events: Sequence[Event], page_size: int = PAGE_SIZE) -> list[Page]:
    """The pages of `events` (already in date order): `page_size` events each, the last one fewer."""
    if page_size < 1:
        raise ValueError(f"page_size must be at least 1, not {page_size}")
    landing = landing_page(events, page_size)
    pages = []
    for number, start in enumerate(range(0, len(events), page_size), 1):
        stop = min(start + page_size, len(events))
        first, last = events[start].start_date, events[stop - 1].start_date
        pages.append(Page(number, page_file(number, landing), start, stop, first, last))
    return pages


def year_pages(events: Sequence[Event], pages: Sequence[Page]) -> dict[str, Page]:
    """Each year (of a start date) and the first page holding an event of it: where its link goes."""
    found: dict[str, Page] = {}
    for p in pages:
        for e in events[p.start : p.stop]:
            found.setdefault(e.start_date[:4], p)
    return found


@dataclass(frozen=True)
class _Paging:
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


def _pager(paging: _Paging, *, listed: bool) -> str:
    """First/previous/next/last links, and (when `listed`) every page with its date span."""
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
        for p in pages:
            label = f"Page {p.number}"
            link = (
                f'<a href="{esc(p.file)}" aria-current="page">{label}</a>'
                if p.number == here.number
                else f'<a href="{esc(p.file)}">{label}</a>'
            )
            items.append(
                f'<li data-page="{p.number}">{link} <span class="span">{esc(p.span)}</span> '
                f'<span class="count">({p.count:,} events)</span></li>'
            )
        listing = (
            f'<details class="page-list"><summary>All {len(pages)} pages</summary>'
            f"<ol>{''.join(items)}</ol></details>"
        )
    return f'<nav class="pager" aria-label="Pages">{" ".join(links)}{listing}</nav>'


def _year_nav(paging: _Paging, events: Sequence[Event]) -> str:
    """A link per year of the whole timeline, to the first page holding it (marked when on this page)."""
    here = {e.start_date[:4] for e in events}
    links = []
    for year, p in sorted(paging.years.items()):
        cls = ' class="here"' if year in here else ""
        links.append(f'<a href="{esc(p.file)}#year-{esc(year)}" data-page="{p.number}"{cls}>{esc(year)}</a>')
    return f'<nav class="years" aria-label="Years">{" ".join(links)}</nav>'


def _page_head(paging: _Paging) -> str:
    """This page's place: its number, its events' numbers among all and its date span."""
    p = paging.page
    return (
        f'<p class="page-span">Page {p.number} of {len(paging.pages)}: events {p.start + 1:,}–{p.stop:,} '
        f'of {paging.total:,} in date order, starting <span class="span">{esc(p.span)}</span>.</p>'
    )


# --- the document ---------------------------------------------------------------------------


def _data(
    events: Sequence[Event],
    names: dict[str, str],
    paging: _Paging | None,
    shown: browse.ShownFacets,
) -> dict[str, Any]:
    """The page's data for its script (and for anyone who reads the page's source)."""
    data: dict[str, Any] = {
        "generator": f"mctimeline {__version__}",
        "series": [{"id": s, "name": n} for s, n in sorted(names.items())],
        "outlets": shown.outlets,
        "events": [
            {
                "outlets": numbers,
                "languages": langs,
                "id": e.event_id,
                "start": e.start_date,
                "end": e.end_date,
                "precision": e.precision,
                "status": e.status,
                "series": e.series_id or NO_SERIES,
                "title": e.title,
                "title_en": e.title_en,
                "language": e.language,
                "jalali": [e.jalali_start, e.jalali_end],
                "hijri": [e.hijri_start, e.hijri_end],
            }
            for e, numbers, langs in zip(events, shown.outlet_numbers, shown.languages, strict=True)
        ],
    }
    if paging is not None:
        data["page"] = {"number": paging.page.number, "pages": len(paging.pages), "total": paging.total}
    return data


def _years(
    events: Sequence[Event],
    timeline: Timeline,
    names: dict[str, str],
    sources: _SourceLabels,
    anchored: bool,
) -> str:
    """The events by year; `anchored` gives each year's section the id the year links point to."""
    sections = []
    by_year: dict[str, list[Event]] = {}
    for e in events:  # already sorted by date
        by_year.setdefault(e.start_date[:4], []).append(e)
    for year, in_year in sorted(by_year.items()):
        cards = "".join(_event(e, timeline, names, sources) for e in in_year)
        anchor = f' id="year-{esc(year)}"' if anchored else ""
        sections.append(
            f'<section class="year" data-year="{esc(year)}"{anchor}><h2>{esc(year)}</h2>'
            f'<ol class="events">{cards}</ol></section>'
        )
    if not sections:
        return '<p class="empty">No events.</p>'
    return "".join(sections)


def _overview(events: Sequence[Event], timeline: Timeline) -> str:
    """The SVG plot of the events shown (a page plots its own, not the whole timeline)."""
    plot_events, plot_series = plot.from_timeline(timeline, events)
    return plot.svg(plot_events, plot_series, standalone=False)


def _document(whole: _Whole, events: Sequence[Event], paging: _Paging | None = None) -> str:
    """One HTML file showing `events`; without `paging` it is the one page of the whole timeline."""
    timeline, names, languages = whole.timeline, whole.names, esc(whole.languages)
    landing = paging is None or paging.page.file == PAGE_FILE
    landing_file = PAGE_FILE
    if paging is None:
        title = f"{len(events)} events"
        style, place, bottom = _CSS + browse.CSS, "", ""
    else:
        p = paging.page
        title = f"page {p.number} of {len(paging.pages)}, {esc(p.span)}"
        style = _CSS + browse.CSS + _PAGER_CSS
        place = f"{_page_head(paging)}\n{_pager(paging, listed=True)}\n{_year_nav(paging, events)}\n"
        bottom = f"{_pager(paging, listed=False)}\n"
    shown = browse.event_facets(events, whole.facets)
    form = browse.filters(esc, events, names, shown)
    opening = browse.opening(esc, whole.open_year, whole.open_count, landing_file, landing)
    unplaced = browse.unplaced_section(
        esc,
        esc_isolated,
        whole.unplaced,
        {s.source_id: s.language for s in timeline.sources},
        None if landing else landing_file,
        direction,
    )
    open_attr = f' data-open-year="{esc(whole.open_year)}"' if landing and whole.open_year else ""
    periods = f', <a href="{PERIODS_FEED}">{PERIODS_FEED}</a> (years)' if whole.periods else ""
    data = script_json(_data(events, names, paging, shown))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mctimeline {esc(__version__)}">
<title>mctimeline: {title}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>mctimeline timeline</h1>
<p class="lead">{len(timeline.events)} events from {len(timeline.sources)} source texts ({languages}),
each dated in the Gregorian, Jalali (Solar Hijri) and Hijri (Umm al-Qura) calendars, with the exact
words of its sources. Conflicts between sources or calendars are shown on the event.</p>
{place}{opening}
{unplaced}
{form}
</header>
<section class="overview" aria-label="Overview: events by series on a time axis">
{_overview(events, timeline)}</section>
<main id="timeline"{open_attr}>
{_years(events, timeline, names, whole.sources, True)}
{_sources_cited(events, timeline, whole.sources)}
</main>
{bottom}<footer>
<p>Built by mctimeline {esc(__version__)}. Data: <a href="datapackage.json">datapackage.json</a>,
<a href="events.csv">events.csv</a>, <a href="reconciliation.csv">reconciliation.csv</a>,
<a href="timelinejs.csv">timelinejs.csv</a> (TimelineJS), <a href="all.ics">all.ics</a> (calendar feed of
days and months){periods}.</p>
</footer>
<script type="application/json" id="timeline-data">{data}</script>
<script>{browse.JS}</script>
</body>
</html>
"""


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


def page_texts(timeline: Timeline, pages: Sequence[Page]) -> Iterator[str]:
    """The text of each of `pages` (plan_pages of timeline.events), made one at a time, never all at once."""
    years = year_pages(timeline.events, pages)
    whole = _whole(timeline)
    for p in pages:
        paging = _Paging(p, pages, years, len(timeline.events))
        yield _document(whole, timeline.events[p.start : p.stop], paging)


def write_pages(folder: Path, timeline: Timeline, *, page_size: int = PAGE_SIZE) -> list[FileResource]:
    """Write the timeline page(s) into `folder`; return a resource per file for the descriptor.

    Up to `page_size` events it is the one index.html of write_page (resource "page").
    Past it, the events in date order are split into pages (resources "page-1", "page-2", ...
    in date order; "page" stays the name of a page showing every event), index-1.html,
    index-2.html, ... but for the one holding the busiest year's first event, which is
    index.html (plan_pages); each is written to its file as soon as it is made.
    """
    total = len(timeline.events)
    if total <= page_size:
        return [write_page(folder, timeline)]
    pages = plan_pages(timeline.events, page_size)
    resources = []
    for p, text in zip(pages, page_texts(timeline, pages), strict=True):
        (folder / p.file).write_bytes(text.encode("utf-8"))
        del text  # the next page is made without this one still held
        resources.append(
            _resource(
                f"page-{p.number}",
                p.file,
                f"Timeline page {p.number} of {len(pages)}",
                f"Events {p.start + 1:,}–{p.stop:,} of {total:,} in date order (starting {p.span}) in one "
                "self-contained HTML file (no network), shown as on the one-page timeline (three calendar "
                "dates, titles, status and conflicts, source quotes; search, a date range and filters), "
                "with links to every page and to the page of each year; index.html is the page holding "
                "the year with the most events.",
            )
        )
    return resources


_CSS = """
:root{--ink:#1a202c;--muted:#4a5568;--line:#cbd5e0;--bg:#f7fafc;--card:#fff;
--confirmed:#2b6cb0;--inferred:#b7791f;--conflict:#c53030}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
[lang=fa],[lang=ar]{font-family:"Vazirmatn","Noto Naskh Arabic","Noto Sans Arabic","DejaVu Sans",sans-serif}
header,main,footer,.overview{max-width:1040px;margin:0 auto;padding:0 16px}
header{padding-top:16px}
h1{margin:.2em 0;font-size:1.6em}
.lead{color:var(--muted);margin:.2em 0 .8em}
.filters{display:flex;flex-wrap:wrap;gap:12px 20px;align-items:center;padding:10px 12px;
background:var(--card);border:1px solid var(--line);border-radius:6px;position:sticky;top:0;z-index:2}
.filters select{font:inherit;padding:2px 4px;max-width:22em}
.filters output{margin-inline-start:auto;font-weight:600}
.overview{margin-top:12px;overflow-x:auto}
.overview svg{width:100%;min-width:720px;height:auto;border:1px solid var(--line);border-radius:6px;
background:#fff}
.overview rect.event.dimmed{opacity:.08}
section.year h2{margin:1em 0 .4em;padding-bottom:2px;border-bottom:2px solid var(--line);font-size:1.3em}
ol.events{list-style:none;margin:0;padding:0 0 0 18px;border-left:3px solid var(--line)}
ol.events>li{position:relative;margin:0 0 14px}
ol.events>li::before{content:"";position:absolute;left:-27px;top:14px;width:12px;height:12px;border-radius:50%;
background:var(--confirmed);border:2px solid #fff}
ol.events>li:has(.status-inferred)::before{background:var(--inferred)}
ol.events>li:has(.status-conflict)::before{background:var(--conflict)}
article.event{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px 14px}
article.event.status-conflict{border-left:4px solid var(--conflict)}
article.event.status-inferred{border-left:4px solid var(--inferred)}
.dates{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:4px 12px;margin:0 0 6px;font-size:.9em}
.dates div{min-width:0}
.dates dt{font-size:.75em;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.dates dd{margin:0}
.dates .native{font-weight:600}
.dates .alt,.dates .iso{display:block;color:var(--muted);font-size:.85em}
.dates .iso{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.missing{color:var(--muted);font-style:italic}
h3.title{margin:.2em 0;font-size:1.1em;font-weight:600;unicode-bidi:plaintext}
h3.title[dir=rtl]{text-align:right}
h3.fallback{color:var(--muted);font-style:italic}
.title-en{margin:0 0 .3em;color:#2c5282;font-weight:600}
.badges{margin:.3em 0;display:flex;flex-wrap:wrap;gap:6px}
.badge{font-size:.78em;padding:1px 8px;border-radius:10px;background:#edf2f7;color:var(--muted)}
.badge.status{color:#fff;background:var(--confirmed)}
.badge.status-inferred{background:var(--inferred)}
.badge.status-conflict{background:var(--conflict)}
.badge.series{background:#e6fffa;color:#234e52}
.badge.edtf{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.conflicts{margin:.5em 0;padding:6px 10px;background:#fff5f5;border:1px solid #feb2b2;border-radius:4px;
font-size:.9em}
.conflicts h4{margin:0 0 .2em;font-size:.85em;text-transform:uppercase;color:var(--conflict)}
.conflicts ul{margin:0;padding-left:1.2em}
.conflicts .reading{display:inline-block;margin-inline-start:8px;font-family:ui-monospace,monospace;
font-size:.9em}
.conflicts .reason{margin:.2em 0;color:var(--muted)}
details.sources{margin-top:.4em;font-size:.9em}
details.sources summary{cursor:pointer;color:#2c5282}
details.sources ul{list-style:none;padding:0;margin:.4em 0}
li.quote{margin:0 0 8px}
blockquote{margin:0;padding:4px 10px;border-inline-start:3px solid var(--line);background:#f7fafc;
white-space:pre-wrap}
.cite,.note{margin:2px 0;color:var(--muted);font-size:.85em}
section.cited ul{list-style:none;margin:0;padding:0}
section.cited li{margin:0 0 4px}
[hidden]{display:none !important}
footer{margin:24px auto;color:var(--muted);font-size:.85em}
@media (max-width:640px){.dates{grid-template-columns:1fr}}
"""

# Only on a paged timeline (the one-page timeline's bytes stay as they were).
_PAGER_CSS = """
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
