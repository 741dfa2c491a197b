"""One HTML document of the timeline: the header, filters, overview plot, events by year, its CSS."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mctimeline import __version__, browse, plot
from mctimeline.events import Event
from mctimeline.feeds import PERIOD_PRECISIONS, PERIODS_FEED
from mctimeline.page.cards import SourceLabels, event_card, series_names, source_labels, sources_cited
from mctimeline.page.markup import direction, esc, esc_isolated, script_json
from mctimeline.page.paging import PAGE_FILE, PAGER_CSS, Paging, Years, page_head, pager, year_nav
from mctimeline.timeline import Timeline


@dataclass(frozen=True)
class Whole:
    """What every page takes from the whole timeline, made once: per page it would cost O(corpus) each."""

    timeline: Timeline
    names: dict[str, str]
    sources: SourceLabels
    languages: str  # of all sources, as the lead names them
    facets: browse.Facets
    unplaced: browse.Unplaced  # the mentions that made no event: their count, the first listed
    open_year: str  # where the timeline opens: paging.Years.busiest
    open_count: int  # events starting in it
    periods: bool  # whether periods.ics is written


def whole(timeline: Timeline, years: Years | None = None) -> Whole:
    """`years` is Years.of(timeline.event_keys()) when already read."""
    # The ids and languages in one walk of the sources: the labels' values asked each source again
    # (a stored timeline's by a query each); of equal ids, the last one's language, as a lookup gives.
    walked = [(s.source_id, s.language) for s in timeline.sources]
    ids = [source_id for source_id, _ in walked]
    last = len(walked) - 1
    languages = ", ".join(
        sorted({lang for i, (source_id, lang) in enumerate(walked) if i == last or ids[i + 1] != source_id})
    )
    sources = source_labels(timeline, ids)
    languages = languages or "none"
    years = Years.of(timeline.event_keys()) if years is None else years
    year = years.busiest
    return Whole(
        timeline,
        series_names(timeline),
        sources,
        languages,
        browse.Facets.of(timeline, sources.ids),  # one list of the ids for the three
        browse.unplaced(timeline),
        year,
        years.counts.get(year, 0),
        bool(years.precisions & PERIOD_PRECISIONS),
    )


# --- the document ---------------------------------------------------------------------------


def _data(names: dict[str, str], paging: Paging | None, shown: browse.ShownFacets) -> dict[str, Any]:
    """The page's data for its script (and for anyone who reads the page's source): what the cards'
    data-* attributes name (the series, the outlets by number), and where the page is; each
    event's dates, titles and facets are on its card, said once."""
    data: dict[str, Any] = {
        "generator": f"mctimeline {__version__}",
        "series": [{"id": s, "name": n} for s, n in sorted(names.items())],
        "outlets": shown.outlets,
    }
    if paging is not None:
        data["page"] = {"number": paging.page.number, "pages": len(paging.pages), "total": paging.total}
    return data


def _years(
    events: Sequence[Event],
    timeline: Timeline,
    names: dict[str, str],
    sources: SourceLabels,
    shown: browse.ShownFacets,
) -> str:
    """The events by year, each year's section with the id the year links point to."""
    sections = []
    by_year: dict[str, list[int]] = {}
    for i, e in enumerate(events):  # already sorted by date
        by_year.setdefault(e.start_date[:4], []).append(i)
    for year, in_year in sorted(by_year.items()):
        cards = "".join(
            event_card(events[i], timeline, names, sources, (shown.outlet_numbers[i], shown.languages[i]))
            for i in in_year
        )
        sections.append(
            f'<section class="year" data-year="{esc(year)}" id="year-{esc(year)}"><h2>{esc(year)}</h2>'
            f'<ol class="events">{cards}</ol></section>'
        )
    if not sections:
        return '<p class="empty">No events.</p>'
    return "".join(sections)


def _overview(events: Sequence[Event], timeline: Timeline) -> str:
    """The SVG plot of the events shown (a page plots its own, not the whole timeline)."""
    plot_events, plot_series = plot.from_timeline(timeline, events)
    return plot.svg(plot_events, plot_series, standalone=False, inline=True)


def document(whole: Whole, events: Sequence[Event], paging: Paging | None = None) -> str:
    """One HTML file showing `events`; without `paging` it is the one page of the whole timeline."""
    timeline, names, languages = whole.timeline, whole.names, esc(whole.languages)
    records = timeline.records_of(events)  # what the cards quote, looked up for the page at once
    landing = paging is None or paging.page.file == PAGE_FILE
    landing_file = PAGE_FILE
    if paging is None:
        title = f"{len(events)} events"
        style, place, bottom = _CSS + plot.INLINE_CSS + browse.CSS, "", ""
    else:
        p = paging.page
        title = f"page {p.number} of {len(paging.pages)}, {esc(p.span)}"
        style = _CSS + plot.INLINE_CSS + browse.CSS + PAGER_CSS
        place = f"{page_head(paging)}\n{pager(paging, listed=True)}\n{year_nav(paging, events)}\n"
        bottom = f"{pager(paging, listed=False)}\n"
    # Each source's labels and facets made once for the page, not once for each event citing it,
    # and its source read once for the three.
    cited = (ref.source_id for e in events for ref in e.mentions)
    facets = whole.facets
    sources, outlets, langs = browse.remembered(cited, (whole.sources, facets.outlets, facets.languages))
    shown = browse.event_facets(events, browse.Facets(outlets, langs))
    form = browse.filters(esc, events, names, shown)
    opening = browse.opening(esc, whole.open_year, whole.open_count, landing_file, landing)
    unplaced = browse.unplaced_section(
        esc,
        esc_isolated,
        whole.unplaced,
        whole.facets.languages,  # a table of every source made a page was quadratic in the corpus
        None if landing else landing_file,
        direction,
    )
    open_attr = f' data-open-year="{esc(whole.open_year)}"' if landing and whole.open_year else ""
    periods = f', <a href="{PERIODS_FEED}">{PERIODS_FEED}</a> (years)' if whole.periods else ""
    data = script_json(_data(names, paging, shown))
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
{_years(events, records, names, sources, shown)}
{sources_cited(events, records, sources)}
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
ol.events>li:has([data-status=inferred])::before{background:var(--inferred)}
ol.events>li:has([data-status=conflict])::before{background:var(--conflict)}
article.event{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px 14px}
article[data-status=conflict]{border-left:4px solid var(--conflict)}
article[data-status=inferred]{border-left:4px solid var(--inferred)}
.dates{display:grid;grid-template-rows:auto auto;grid-auto-flow:column;grid-auto-columns:minmax(0,1fr);
gap:0 12px;margin:0 0 6px;font-size:.9em}
.dates dt{font-size:.75em;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.dates dd{margin:0;min-width:0}
.dates bdi{font-weight:600}
.dates span,.dates code{display:block;color:var(--muted);font-size:.85em}
.dates code,.badges .edtf,article details a{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.missing{color:var(--muted);font-style:italic}
article h3{margin:.2em 0;font-size:1.1em;font-weight:600;unicode-bidi:plaintext}
article h3[dir=rtl]{text-align:right}
h3.fallback{color:var(--muted);font-style:italic}
.title-en{margin:0 0 .3em;color:#2c5282;font-weight:600}
.badges{margin:.3em 0;display:flex;flex-wrap:wrap;gap:6px}
.badges span{font-size:.78em;padding:1px 8px;border-radius:10px;background:#edf2f7;color:var(--muted)}
.badges .status{color:#fff;background:var(--confirmed)}
[data-status=inferred] .status{background:var(--inferred)}
[data-status=conflict] .status{background:var(--conflict)}
.badges .series{background:#e6fffa;color:#234e52}
.conflicts{margin:.5em 0;padding:6px 10px;background:#fff5f5;border:1px solid #feb2b2;border-radius:4px;
font-size:.9em}
.conflicts h4{margin:0 0 .2em;font-size:.85em;text-transform:uppercase;color:var(--conflict)}
.conflicts ul{margin:0;padding-left:1.2em}
.conflicts .reading{display:inline-block;margin-inline-start:8px;font-family:ui-monospace,monospace;
font-size:.9em}
.conflicts .reason{margin:.2em 0;color:var(--muted)}
article details{margin-top:.4em;font-size:.9em}
article summary{cursor:pointer;color:#2c5282}
article details ul{list-style:none;padding:0;margin:.4em 0}
article details li{margin:0 0 8px}
blockquote{margin:0;padding:4px 10px;border-inline-start:3px solid var(--line);background:#f7fafc;
white-space:pre-wrap}
.cite,.note,article details li>p{margin:2px 0;color:var(--muted);font-size:.85em}
section.cited ul{list-style:none;margin:0;padding:0}
section.cited li{margin:0 0 4px}
[hidden]{display:none !important}
footer{margin:24px auto;color:var(--muted);font-size:.85em}
@media (max-width:640px){.dates{grid-auto-flow:row;grid-template-rows:none;grid-template-columns:1fr}
.dates dd{margin-bottom:4px}}
"""

# Only on a paged timeline (the one-page timeline's bytes stay as they were).
