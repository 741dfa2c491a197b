"""One event as the page shows it: its three calendars' dates, title, badges, conflicts and quotes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from mctimeline.browse import NO_SERIES, BySource
from mctimeline.events import Event, Reconciliation
from mctimeline.feeds import date_line, labels
from mctimeline.feeds.dates import all_bounds, date_words, iso_day
from mctimeline.links import is_web_url
from mctimeline.page.markup import direction, esc, esc_isolated, iso_span
from mctimeline.safetext import one_line
from mctimeline.timeline import PlacedMention, Timeline

# Which words name each calendar, and in which language its native date is written.
CALENDARS = (("gregorian", "Gregorian", "en"), ("jalali", "Jalali", "fa"), ("hijri", "Hijri", "ar"))


def series_names(timeline: Timeline) -> dict[str, str]:
    return {s.series_id: one_line(s.name_en) or s.series_id for s in timeline.series}


def fallback_title(event: Event, series_name: str) -> str:
    """What an event without a title is called: its Gregorian dates and its series."""
    return f"{date_line(event, 'gregorian', 'en')} · {series_name or 'no series'}"


# --- pieces -------------------------------------------------------------------------------

# `esc` of the words a card takes from a few values (statuses, precisions, calendars, languages,
# series, places, and the days its neighbours in date order share): looked up, not scanned again.
_word = lru_cache(maxsize=1024)(esc)


def _dates(event: Event) -> str:
    """A term and a definition per calendar: no wrapper, class or default attribute per date, since
    the page's CSS lays the pairs out and styles each part by its element (bdi, span, code)."""
    return _dates_of(*all_bounds(event))


# Cached by the six days: a page's events come in date order, so the events sharing their days
# (half of them at 4,000 documents, more as the corpus grows) come one after the other.
@lru_cache(maxsize=256)
def _dates_of(*days: str) -> str:
    rows = []
    for i, (cal, name, lang) in enumerate(CALENDARS):
        start, end = days[2 * i], days[2 * i + 1]  # what event_dates parses: no dates made to print them
        if not (start and end):
            rows.append(f'<dt>{name}</dt><dd class="missing">{esc(labels("en")["hijri_out_of_range"])}</dd>')
            continue
        first, last = iso_day(start), iso_day(end)
        native = esc(date_words(cal, start, end, lang))
        if lang == "en":  # the page's own language: the bdi's defaults (dir auto) are the ones wanted
            value = f"<bdi>{native}</bdi>"
        else:
            english = esc(date_words(cal, start, end, "en"))
            value = f'<bdi lang="{lang}" dir="{direction(lang)}">{native}</bdi> <span>{english}</span>'
        rows.append(f"<dt>{name}</dt><dd>{value} <code>{esc(iso_span(first, last))}</code></dd>")
    return f'<dl class="dates">{"".join(rows)}</dl>'


def _badges(event: Event, series_name: str) -> str:
    """Status, precision, series, place and EDTF, in that order; the status is coloured by the
    article's data-status (CSS), the others need no class but the series' and the EDTF's."""
    items = [f'<span class="status">{_word(event.status)}</span><span>{_word(event.precision)}</span>']
    if event.series_id:
        edition = f" · edition {event.edition}" if event.edition else ""
        items.append(f'<span class="series">{_word(series_name)}{_word(edition)}</span>')
    if event.location:
        items.append(f"<span>{_word(event.location)}</span>")
    items.append(f'<span class="edtf" title="EDTF">{_word(event.edtf)}</span>')
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
# by source id: made once for the pages, since a table per event would make the page quadratic
# in the corpus, and looked up in the sorted sources when asked (browse.BySource). The title
# is said once per page, in its list of sources, never per quote: a text with no line break
# is its own first line.
SourceLabels = Mapping[str, tuple[int, str, str, str]]


def source_labels(timeline: Timeline, ids: list[str] | None = None) -> BySource[tuple[int, str, str, str]]:
    """`ids`: the sources' ids in their order (BySource.ids) when already listed."""
    return BySource(
        timeline.sources, lambda n, s: (n, s.language, one_line(s.title or s.headline), s.url), ids
    )


def _source_ref(source_id: str, url: str) -> str:
    """The source's id, a link to it when its URL is http(s); any other URL stays text beside it."""
    code = f"<code>{esc(source_id)}</code>"
    if not url:
        return code
    if is_web_url(url):
        return f'<a href="{esc(url.strip())}" rel="noopener noreferrer">{code}</a>'
    return f'{code} <span class="url" dir="ltr">{esc(url)}</span>'  # javascript:, file:…: never a link


def _source_anchor(number: int) -> str:
    return f"source-{number}"


def _quotes(placed: list[PlacedMention], sources: SourceLabels) -> str:
    """Each quote in its source's language and direction, with its source (a link to the page's
    list of sources), its characters in the source, calendar and status: what mentions.csv says
    of it, its id being the source's and the characters'."""
    items = []
    for p in placed:
        m = p.mention
        number, lang, _, _ = sources.get(p.source_id, (0, "", "", ""))
        source = (
            f'<a href="#{_source_anchor(number)}">{esc(p.source_id)}</a>'
            if number
            else (f"<code>{esc(p.source_id)}</code>")
        )
        note = f'<p class="note" dir="auto">{esc_isolated(m.note)}</p>' if m.note else ""
        items.append(
            f'<li><blockquote lang="{_word(lang)}" dir="{direction(lang)}">{esc(m.text)}</blockquote>'
            f"<p>{source} · characters {m.start}–{m.end} · {_word(m.calendar)} · {_word(m.status)}</p>"
            f"{note}</li>"
        )
    count = len({p.source_id for p in placed})
    return (
        f"<details><summary>Source quotes ({len(placed)} from "
        f"{count} source{'' if count == 1 else 's'})</summary><ul>{''.join(items)}</ul></details>"
    )


def sources_cited(events: Sequence[Event], timeline: Timeline, sources: SourceLabels) -> str:
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
        rtl = ' dir="rtl"' if direction(lang) == "rtl" else ""  # a bdi's own is auto
        headline_html = f' · <bdi lang="{esc(lang)}"{rtl}>{esc(headline)}</bdi>' if headline else ""
        items.append(f'<li id="{_source_anchor(number)}">{_source_ref(source_id, url)}{headline_html}</li>')
    return f'<section class="cited" aria-label="Sources"><h2>Sources</h2><ul>{"".join(items)}</ul></section>'


def event_card(
    event: Event,
    timeline: Timeline,
    names: dict[str, str],
    sources: SourceLabels,
    facets: tuple[Sequence[int], Sequence[str]],
) -> str:
    """One event's card. Its data-* attributes are what the filters test (`facets`: its outlets'
    numbers and its languages, browse.ShownFacets), said once, here: the page's data script
    does not repeat them."""
    series_name = names.get(event.series_id, event.series_id)
    title = one_line(event.title)
    if title:  # the heading's dir isolates it as a bdi would
        title_html = f'<h3 lang="{_word(event.language)}" dir="{direction(event.language)}">{esc(title)}</h3>'
    else:
        title_html = f'<h3 class="fallback" lang="en">{esc(fallback_title(event, series_name))}</h3>'
    title_en = one_line(event.title_en)
    en_html = f'<p class="title-en"><bdi>{esc(title_en)}</bdi></p>' if title_en else ""
    placed = [p for ref in event.mentions if (p := timeline.mention(ref.mention_id)) is not None]
    placed.sort(key=lambda p: (p.source_id, p.mention.start, p.mention.end))
    outlets, languages = facets
    return (
        f'<li><article class="event" id="{esc(event.event_id)}" data-status="{_word(event.status)}" '
        f'data-precision="{_word(event.precision)}" data-series="{_word(event.series_id or NO_SERIES)}" '
        f'data-start="{_word(event.start_date)}" data-end="{_word(event.end_date)}" '
        f'data-outlets="{" ".join(map(str, outlets))}" data-languages="{_word(" ".join(languages))}">'
        f"{_dates(event)}{title_html}{en_html}{_badges(event, series_name)}"
        f"{_conflicts(timeline.reconciliations_of(event.event_id))}{_quotes(placed, sources)}"
        "</article></li>"
    )
