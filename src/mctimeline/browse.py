"""What lets a reader browse a news archive on the timeline page: where it opens, its filters
(series, precision, status, outlet, language, a date range) and text search, and the
mentions that made no event.

page.py lays out the events; this module makes the controls around them and the script
that drives them. Everything here is a pure function of the events shown (a page's own
filters count what it shows) and of the whole timeline (where it opens, what made no
event), so the same timeline always gives the same bytes.

Where it opens: on the year (of a start date) holding the most events, the latest of
equal ones. An archive's wrongly read dates («1063», «1800») are few and scattered, its
news falls in a few busy years; the first year in date order is where the misreadings
are, the latest may be a forecast, the busiest is where the news is. A paged timeline's
index.html is the page holding that year's first event (page.plan_pages), and the page
scrolls to it unless its address names a place (#year-2019).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from mctimeline.events import Event
from mctimeline.safetext import one_line
from mctimeline.sources import Source
from mctimeline.timeline import PlacedMention, Timeline

# The page's escaping (page.esc and friends), given by page.py: this module writes no raw text.
Esc = Callable[[str], str]
NO_SERIES = "none"  # the filter value of events that belong to no series
PRECISION_ORDER = ("day", "month", "part-of-year", "year")
STATUS_ORDER = ("confirmed", "inferred", "conflict")
NO_OUTLET = "outlet not named"  # how a source with no outlet is listed in the outlet filter
# Mentions that made no event listed on a page; the rest are in mentions.csv (empty event_id).
UNPLACED_SHOWN = 1000


def busiest_of(counts: Mapping[str, int]) -> str:
    """Of events counted by start year, the year holding the most, the latest of equal ones
    ("" for no event)."""
    if not counts:
        return ""
    return max(counts.items(), key=lambda item: (item[1], item[0]))[0]


V = TypeVar("V")


class BySource(Mapping[str, V]):
    """A value for each source id of `sources` (sorted by id, as a Timeline keeps them), made
    from the source and its number (from 1; of equal ids, the last's) when asked, not held:
    a dict of them held a few hundred bytes a source while a large build's pages were written.
    The ids are listed apart (8 bytes a source): a search with a key function called it once a
    comparison, about 13 Python calls a lookup at 8,000 documents and more as the corpus grows.
    Several BySource of one timeline share one list (`ids`, from another's `ids`): a stored
    timeline's sources are decoded anew each time they are read, and a list of its own each held
    a copy of every id (about 70 bytes a source) while the pages were written."""

    def __init__(
        self, sources: Sequence[Source], value: Callable[[int, Source], V], ids: list[str] | None = None
    ) -> None:
        self._sources, self._value = sources, value
        self._ids = [s.source_id for s in sources] if ids is None else ids
        self._len = sum(1 for _ in self)

    @property
    def ids(self) -> list[str]:
        """The ids of the sources in their order, equal ones repeated: to be shared, never changed."""
        return self._ids

    def _index(self, source_id: str) -> int:
        i = bisect_right(self._ids, source_id) - 1
        return i if i >= 0 and self._ids[i] == source_id else -1

    def __getitem__(self, source_id: str) -> V:
        i = self._index(source_id)
        if i < 0:
            raise KeyError(source_id)
        return self._value(i + 1, self._sources[i])

    def __iter__(self) -> Iterator[str]:
        # From the ids: a stored timeline's sources are read from disk when indexed.
        ids = self._ids
        last = len(ids) - 1
        for i, source_id in enumerate(ids):
            if i == last or ids[i + 1] != source_id:
                yield source_id

    def __len__(self) -> int:
        return self._len


class Remembered(Mapping[str, V]):
    """`values` (a BySource) with each value looked up once: a page asks each of its sources'
    labels for every event and quote citing it, and a lookup makes its value anew. Made per page
    and let go with it, so what it holds is bounded by a page's sources. `known`: values already
    made (`remembered`)."""

    def __init__(self, values: Mapping[str, V], known: dict[str, V] | None = None) -> None:
        self._values: Mapping[str, V] = values
        self._known: dict[str, V] = {} if known is None else known

    def __getitem__(self, source_id: str) -> V:
        known = self._known.get(source_id, _UNKNOWN)
        if known is _UNKNOWN:
            known = self._known[source_id] = self._values[source_id]  # KeyError as the values'
        return known  # type: ignore[return-value]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


_UNKNOWN = object()


def remembered(source_ids: Iterable[str], values: Sequence[Mapping[str, Any]]) -> list[Remembered[Any]]:
    """A Remembered of each of `values`, holding already the values of `source_ids` when `values` are
    BySource of one timeline's sources sharing their `ids` (Facets.of, page.document.whole): each
    source is then read once for all of them, a stored timeline's by a few queries, where each
    BySource read a source again for its value (three reads and queries a source a page)."""
    first = values[0] if values else None
    if not isinstance(first, BySource) or any(
        not isinstance(by, BySource) or by._ids is not first._ids or by._sources is not first._sources
        for by in values
    ):
        return [Remembered(by) for by in values]
    wanted = sorted({i for source_id in set(source_ids) if (i := first._index(source_id)) >= 0})
    sources = first._sources
    read = sources.at(wanted) if hasattr(sources, "at") else [sources[i] for i in wanted]
    ids = first._ids
    return [
        Remembered(by, {ids[i]: by._value(i + 1, source) for i, source in zip(wanted, read, strict=True)})
        for by in values
        if isinstance(by, BySource)
    ]


@dataclass(frozen=True)
class Facets:
    """Per source id, the outlet and language the outlet and language filters offer."""

    outlets: Mapping[str, str]  # source id -> outlet name (NO_OUTLET when not named)
    languages: Mapping[str, str]  # source id -> language

    @classmethod
    def of(cls, timeline: Timeline, ids: list[str] | None = None) -> Facets:
        """The facets of `timeline`, whose sources' ids are `ids` (BySource.ids) when already listed."""
        outlets = BySource(timeline.sources, lambda _, s: one_line(s.outlet) or NO_OUTLET, ids)
        return cls(outlets, BySource(timeline.sources, lambda _, s: s.language, outlets.ids))

    def sources_of(self, event: Event) -> tuple[str, ...]:
        """The event's sources, each once, in source-id order."""
        return tuple(sorted({ref.source_id for ref in event.mentions}))

    def outlets_of(self, event: Event) -> tuple[str, ...]:
        return tuple(sorted({self.outlets.get(s, NO_OUTLET) for s in self.sources_of(event)}))

    def languages_of(self, event: Event) -> tuple[str, ...]:
        found = {self.languages[s] for s in self.sources_of(event) if s in self.languages}
        return tuple(sorted(found or ({event.language} if event.language else set())))


@dataclass(frozen=True)
class ShownFacets:
    """The outlets of the events shown (sorted) and, per event, its outlets as 1-based numbers
    into that list (the outlet filter's values) and its languages: the page's data."""

    outlets: list[str]
    outlet_numbers: list[list[int]]
    languages: list[list[str]]


def event_facets(events: Sequence[Event], facets: Facets) -> ShownFacets:
    """The facets of the events shown, for the filters and the page's data."""
    per_event = [(facets.outlets_of(e), facets.languages_of(e)) for e in events]
    outlets = sorted({o for names, _ in per_event for o in names})
    number = {o: n for n, o in enumerate(outlets, 1)}
    return ShownFacets(
        outlets,
        [[number[o] for o in names] for names, _ in per_event],
        [list(langs) for _, langs in per_event],
    )


@dataclass(frozen=True)
class Unplaced:
    """The mentions that made no event: how many, and the first UNPLACED_SHOWN, which the page lists."""

    total: int
    first: tuple[PlacedMention, ...]


def unplaced(timeline: Timeline) -> Unplaced:
    """The mentions that made no event (no event_id), in the timeline's order: counted, and only the
    listed ones kept (a large build's mentions are read back from disk; all of them would grow with it)."""
    total = 0
    first: list[PlacedMention] = []
    for m in timeline.unplaced_mentions():  # a stored timeline's makes no other mention
        total += 1
        if len(first) < UNPLACED_SHOWN:
            first.append(m)
    return Unplaced(total, tuple(first))


# --- the filter form ---------------------------------------------------------------------------


def _select(esc: Esc, name: str, label: str, options: list[tuple[str, str, int]], total: int) -> str:
    opts = [f'<option value="">all ({total})</option>']
    opts += [f'<option value="{esc(v)}">{esc(text)} ({n})</option>' for v, text, n in options]
    return (
        f'<label>{label} <select id="filter-{name}" name="{name}" data-filter="{name}">'
        f"{''.join(opts)}</select></label>"
    )


def filters(
    esc: Esc,
    events: Sequence[Event],
    names: dict[str, str],
    shown: ShownFacets,
) -> str:
    """The filter form of the events shown (a page's own, so its counts are what it shows)."""
    total = len(events)

    def count(attr: str, value: str) -> int:
        return sum(1 for e in events if getattr(e, attr) == value)

    series = [(s, names[s], count("series_id", s)) for s in sorted(names) if count("series_id", s)]
    if count("series_id", ""):
        series.append((NO_SERIES, "no series", count("series_id", "")))
    known = [p for p in PRECISION_ORDER if count("precision", p)]
    known += sorted({e.precision for e in events} - set(PRECISION_ORDER))
    precisions = [(p, p, count("precision", p)) for p in known]
    statuses = [(s, s, count("status", s)) for s in STATUS_ORDER if count("status", s)]
    by_outlet = Counter(n for numbers in shown.outlet_numbers for n in numbers)
    outlet_options = [(str(n), o, by_outlet[n]) for n, o in enumerate(shown.outlets, 1)]
    by_language = Counter(lang for langs in shown.languages for lang in langs)
    language_options = [(lang, lang, n) for lang, n in sorted(by_language.items())]
    first = min((e.start_date for e in events), default="")
    last = max((e.end_date for e in events), default="")
    bounds = f' min="{esc(first)}" max="{esc(last)}"' if first else ""
    return (
        '<form class="filters" id="filters" role="search">'
        '<label class="search">Search <input type="search" id="filter-text" name="text" '
        'placeholder="titles and quotes" autocomplete="off"></label>'
        f'<label>From <input type="date" id="filter-from" name="from"{bounds}></label>'
        f'<label>To <input type="date" id="filter-to" name="to"{bounds}></label>'
        f"{_select(esc, 'series', 'Series', series, total)}"
        f"{_select(esc, 'precision', 'Precision', precisions, total)}"
        f"{_select(esc, 'status', 'Status', statuses, total)}"
        f"{_select(esc, 'outlet', 'Outlet', outlet_options, total)}"
        f"{_select(esc, 'language', 'Language', language_options, total)}"
        '<button type="reset" id="filter-reset">Clear</button>'
        '<output id="shown" for="filter-text filter-from filter-to filter-series filter-precision '
        f'filter-status filter-outlet filter-language">Showing {total} of {total} events</output></form>'
    )


def opening(esc: Esc, year: str, count: int, landing_file: str, here: bool) -> str:
    """The line saying where the timeline opens; off the landing page, a link to it."""
    if not year:
        return ""
    where = (
        f'<a href="#year-{esc(year)}">{esc(year)}</a>'
        if here
        else f'<a href="{esc(landing_file)}#year-{esc(year)}">{esc(year)}</a>'
    )
    verb = "Opens on" if here else "The timeline opens on"
    return (
        f'<p class="opening" data-year="{esc(year)}">{verb} {where}, the year with the most events '
        f"({count:,}).</p>"
    )


# --- mentions that made no event -------------------------------------------------------------


def unplaced_section(
    esc: Esc,
    isolated: Esc,
    mentions: Unplaced,
    languages: Mapping[str, str],  # by source id (Facets.languages: no table made a page)
    landing_file: str | None,
    direction: Esc,
) -> str:
    """The count of mentions that made no event; the list of them on the landing page
    (`landing_file` None), a link to it elsewhere, so that no page repeats another's list."""
    total = mentions.total
    noun = "mention" if total == 1 else "mentions"
    if landing_file is not None:
        return (
            f'<p class="unplaced-count"><a href="{esc(landing_file)}#unplaced">{total:,} {noun}</a> '
            "made no event.</p>"
        )
    if not total:
        return '<p class="unplaced-count">Every mention made an event.</p>'
    items = []
    for p in mentions.first:
        m = p.mention
        lang = languages.get(p.source_id, "")
        dates = f"{m.start_date} – {m.end_date}" if m.start_date and m.end_date else "no date read"
        if m.start_date and m.start_date == m.end_date:
            dates = m.start_date
        note = f'<p class="note" dir="auto">{isolated(m.note)}</p>' if m.note else ""
        items.append(
            f'<li class="unplaced-mention" data-mention="{esc(p.mention_id)}">'
            f'<blockquote lang="{esc(lang)}" dir="{direction(lang)}"><bdi>{esc(m.text)}</bdi></blockquote>'
            f'<p class="cite"><code>{esc(p.source_id)}</code> · characters {m.start}–{m.end} · '
            f"{esc(m.calendar)} · {esc(m.status)} · <span class=\"iso\">{esc(dates)}</span></p>{note}</li>"
        )
    rest = (
        f'<p class="more">The first {UNPLACED_SHOWN:,} are listed; all {total:,} are in '
        '<a href="mentions.csv">mentions.csv</a>, with an empty event_id.</p>'
        if total > UNPLACED_SHOWN
        else ""
    )
    return (
        f'<details class="unplaced" id="unplaced"><summary class="unplaced-count">{total:,} {noun} '
        f"made no event</summary>{rest}<ol>{''.join(items)}</ol></details>"
    )


CSS = """
.filters input[type=search]{font:inherit;padding:2px 4px;width:14em}
.filters input[type=date]{font:inherit;padding:1px 2px}
.filters button{font:inherit}
.opening,.unplaced-count{margin:.3em 0;color:var(--muted)}
details.unplaced{margin:.3em 0}
details.unplaced summary{cursor:pointer;color:#2c5282}
details.unplaced ol{max-height:24em;overflow-y:auto;padding-left:2em;font-size:.9em}
li.unplaced-mention{margin:0 0 6px}
"""

# The filters and search. Search folds as the builder's gazetteer does (Arabic and Persian
# letter forms, diacritics, ZWNJ, digits), so «كازان» finds «کازان».
JS = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var text = document.getElementById("filter-text");
  var from = document.getElementById("filter-from");
  var to = document.getElementById("filter-to");
  var articles = Array.prototype.slice.call(document.querySelectorAll("article.event"));
  // What the filters test is on each card (its data-* attributes), said once.
  function words(s) { return s ? s.split(" ") : []; }
  var byId = {};
  articles.forEach(function (a) {
    var d = a.dataset;
    byId[a.id] = {id: a.id, series: d.series, precision: d.precision, status: d.status, start: d.start,
      end: d.end, outlets: words(d.outlets).map(Number), languages: words(d.languages)};
  });
  var marks = Array.prototype.slice.call(document.querySelectorAll(".overview rect.event"));
  var output = document.getElementById("shown");
  var DIGITS = /[\\u0660-\\u0669\\u06f0-\\u06f9]/g;
  function fold(s) {
    return s.toLowerCase()
      .replace(/[\\u064b-\\u065f\\u0670\\u0640\\u200e\\u200f]/g, "")
      .replace(/[\\u064a\\u0649\\u0626]/g, "\\u06cc").replace(/\\u0643/g, "\\u06a9")
      .replace(/[\\u0623\\u0625\\u0622\\u0671]/g, "\\u0627").replace(/[\\u0629\\u06c0]/g, "\\u0647")
      .replace(/\\u0624/g, "\\u0648")
      .replace(DIGITS, function (d) {
        var c = d.charCodeAt(0);
        return String(c >= 0x6f0 ? c - 0x6f0 : c - 0x660);
      })
      .replace(/[\\s\\u200c]+/g, " ").trim();
  }
  var haystack = {};
  articles.forEach(function (a) {
    var parts = a.querySelectorAll("h3, p.title-en, blockquote");
    var words = Array.prototype.map.call(parts, function (p) { return p.textContent; });
    haystack[a.id] = fold(words.join(" \\n "));
  });
  function wanted() {
    var w = {};
    selects.forEach(function (s) { w[s.dataset.filter] = s.value; });
    w.text = fold(text.value);
    w.from = from.value;
    w.to = to.value;
    return w;
  }
  function keeps(e, w) {
    return (!w.series || e.series === w.series) &&
      (!w.precision || e.precision === w.precision) &&
      (!w.status || e.status === w.status) &&
      (!w.outlet || e.outlets.indexOf(Number(w.outlet)) >= 0) &&
      (!w.language || e.languages.indexOf(w.language) >= 0) &&
      (!w.from || e.end >= w.from) && (!w.to || e.start <= w.to) &&
      (!w.text || (haystack[e.id] || "").indexOf(w.text) >= 0);
  }
  function apply() {
    var w = wanted(), shown = 0;
    articles.forEach(function (a) {
      var e = byId[a.id], keep = !!e && keeps(e, w);
      a.parentNode.hidden = !keep;
      if (keep) { shown += 1; }
    });
    document.querySelectorAll("section.year").forEach(function (s) {
      s.hidden = !s.querySelector("ol.events > li:not([hidden])");
    });
    marks.forEach(function (m) {
      var e = byId[m.getAttribute("data-event")];
      m.classList.toggle("dimmed", !e || !keeps(e, w));
    });
    output.textContent = "Showing " + shown + " of " + articles.length + " events";
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  [from, to].forEach(function (i) {
    i.addEventListener("change", apply);
    i.addEventListener("input", apply);
  });
  text.addEventListener("input", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  // A mark's tooltip is made from its card when first pointed at, not written twice in the page.
  function tooltip(m) {
    var a = document.getElementById(m.getAttribute("data-event")), e = a && byId[a.id];
    if (!e || m.querySelector("title")) { return; }
    var t = document.createElementNS("http://www.w3.org/2000/svg", "title"), h = a.querySelector("h3");
    t.textContent = a.querySelector(".dates code").textContent + " (" + e.precision + ", " + e.status +
      "): " + (h ? h.textContent : "");
    m.appendChild(t);
  }
  marks.forEach(function (m) {
    m.style.cursor = "pointer";
    m.addEventListener("mouseenter", function () { tooltip(m); });
    m.addEventListener("click", function () {
      var a = document.getElementById(m.getAttribute("data-event"));
      if (a && !a.parentNode.hidden) { a.scrollIntoView({block: "center"}); }
    });
  });
  apply();
  // The filter form stays at the top of the window: what a link or the opening shows goes below it.
  function reveal(el) {
    var top = el.getBoundingClientRect().top + window.scrollY - form.offsetHeight - 8;
    window.scrollTo(0, Math.max(0, top));
  }
  function revealHash() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) { reveal(target); }
  }
  window.addEventListener("hashchange", revealHash);
  // After the load: the browser's own jump to a #fragment comes before it, this one after.
  window.addEventListener("load", function () {
    var open = document.getElementById("timeline").getAttribute("data-open-year");
    if (location.hash) {
      revealHash();
    } else if (open) {
      var section = document.querySelector('section.year[data-year="' + open + '"]');
      if (section) { reveal(section); }
    }
  });
})();
"""
