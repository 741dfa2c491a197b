"""The SVG plot: every event on a time axis, one row per series (and one for events of no series)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from mctimeline import ownership
from mctimeline.events import Event
from mctimeline.package import FileResource
from mctimeline.reading import DESCRIPTOR, csv_rows, package_file, resource_files
from mctimeline.safetext import one_line
from mctimeline.timeline import Timeline

PLOT_FILE = "timeline.svg"
OTHER = "other"  # the row of events that belong to no series
OTHER_NAME = "Other events"

# Geometry, in SVG user units (the picture scales; these only fix proportions).
WIDTH = 1000
LABEL_WIDTH = 250
RIGHT_MARGIN = 24
TOP = 56  # room for the title and the legend
LANE_HEIGHT = 16
ROW_PADDING = 10
AXIS_HEIGHT = 34
MIN_BAR = 4.0  # a one-day event stays visible on a decade-long axis
MAX_TICKS = 16  # labelled years on the axis, at most
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
# A row of more events than this is drawn as counts per month (per year on an axis of
# more than MONTHLY_YEARS years): a corpus's million marks in ten thousand lanes would be
# a picture no viewer opens, and packing them into lanes takes time of events × lanes.
ROW_MAX_MARKS = 2000
MONTHLY_YEARS = 200
DENSE_LANES = 4  # the height of a row of counts, in lanes
DENSE_COLOUR = "#2b6cb0"

STATUS_COLOURS = {"confirmed": "#2b6cb0", "inferred": "#b7791f", "conflict": "#c53030"}
FALLBACK_COLOUR = "#4a5568"
# A precise event is drawn solid; a month or a year is a lighter band, so the eye reads
# "somewhere in here" rather than "all of this".
PRECISION_OPACITY = {"day": "1", "month": "0.55", "part-of-year": "0.45", "year": "0.35"}


@dataclass(frozen=True)
class PlotEvent:
    """What the plot needs of an event: its inclusive days, row, look and tooltip."""

    event_id: str
    start: dt.date
    end: dt.date
    series_id: str  # "" for none
    precision: str
    status: str
    label: str


@dataclass(frozen=True)
class PlotSeries:
    """A row of the plot: a series id and the name printed beside it."""

    series_id: str
    name: str


def event_label(title: str, title_en: str, series_name: str, start: str, end: str) -> str:
    """The words shown for an event: English title, else source title, else series and dates."""
    for text in (title_en, title):
        words = one_line(text)  # also drops control characters, which XML forbids
        if words:
            return words
    when = start if start == end else f"{start} – {end}"
    return f"{one_line(series_name) or 'Event'}, {when}"


def from_rows(
    events: Iterable[dict[str, str]], series: Iterable[dict[str, str]]
) -> tuple[list[PlotEvent], list[PlotSeries]]:
    """Plot rows from events.csv and series.csv rows (strings, as any CSV reader gives them)."""
    rows = _plot_series(series)
    return list(_plot_events(events, rows)), rows


def _plot_series(series: Iterable[dict[str, str]]) -> list[PlotSeries]:
    return [PlotSeries(s["series_id"], one_line(s.get("name_en") or s["series_id"])) for s in series]


def _plot_events(events: Iterable[dict[str, str]], rows: Sequence[PlotSeries]) -> Iterator[PlotEvent]:
    """`from_rows`'s events, made one at a time as they are read."""
    names = {s.series_id: s.name for s in rows}
    for e in events:
        series_id = e.get("series_id") or ""
        try:
            start, end = dt.date.fromisoformat(e["start_date"]), dt.date.fromisoformat(e["end_date"])
        except (KeyError, ValueError):
            raise ValueError(
                f"event {e.get('event_id')!r}: start_date/end_date {e.get('start_date')!r}/"
                f"{e.get('end_date')!r} are not YYYY-MM-DD days: is this an mctimeline events.csv?"
            ) from None
        label = event_label(
            e.get("title", ""),
            e.get("title_en", ""),
            names.get(series_id, series_id),
            e["start_date"],
            e["end_date"],
        )
        yield PlotEvent(
            e["event_id"],
            start,
            end,
            series_id,
            e.get("precision", ""),
            e.get("status", ""),
            label,
        )


def from_timeline(
    timeline: Timeline, events: Iterable[Event] | None = None
) -> tuple[list[PlotEvent], list[PlotSeries]]:
    """Plot rows of a built timeline (the same rows its events.csv and series.csv give).

    `events` plots some of its events only (a page of a split timeline plots its own).
    """
    return from_rows(_event_rows(timeline, events), _series_rows(timeline))


def _event_rows(timeline: Timeline, events: Iterable[Event] | None = None) -> Iterator[dict[str, str]]:
    # Made one at a time as they are read: a large build's events come from disk (stored.py).
    return (
        {
            "event_id": e.event_id,
            "start_date": e.start_date,
            "end_date": e.end_date,
            "series_id": e.series_id,
            "precision": e.precision,
            "status": e.status,
            "title": e.title,
            "title_en": e.title_en,
        }
        for e in (timeline.events if events is None else events)
    )


def _series_rows(timeline: Timeline) -> list[dict[str, str]]:
    return [{"series_id": s.series_id, "name_en": s.name_en} for s in timeline.series]


def read_package(folder: Path) -> tuple[list[PlotEvent], list[PlotSeries]]:
    """Plot rows of an existing data package's events.csv and series.csv.

    ValueError (one line, naming the file) when they cannot be read, or when the package's
    descriptor names a file outside the package: a tampered package is refused before
    anything but its descriptor is opened.
    """
    _refuse_unsafe_descriptor(folder)
    tables = {}
    for name in ("events", "series"):
        path = package_file(folder, f"{name}.csv", name)
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as exc:
            raise ValueError(f"{path}: cannot read: {exc.strerror} (is {folder} a data package?)") from None
        except UnicodeDecodeError as exc:
            raise ValueError(f"{path}: not UTF-8 at byte {exc.start}") from None
        tables[name] = list(csv_rows(io.StringIO(text, newline="")))
    return from_rows(tables["events"], tables["series"])


def _refuse_unsafe_descriptor(folder: Path) -> None:
    """UnsafePath when the descriptor in `folder` (if there is one) names a file outside the package."""
    import json

    path = folder / DESCRIPTOR
    try:
        desc = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return  # a folder of tables without a descriptor: only they are read
    except OSError as exc:
        raise ValueError(f"{path}: cannot read: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not UTF-8 JSON: {' '.join(str(exc).split())}") from None
    resources = desc.get("resources") if isinstance(desc, dict) else None
    if not isinstance(resources, list):
        raise ValueError(f"{path}: no resources list: not a data package descriptor")
    resource_files(folder, resources)


# --- layout -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Bucket:
    """A month (or year) of a dense row: the events that start in it."""

    first: int  # ordinal of its first day
    after: int  # ordinal of the day after it
    label: str  # "2025-05" or "2025"
    events: int
    conflicts: int


@dataclass(frozen=True)
class _Layout:
    """What the picture is drawn from: the axis's years, each row's lanes or counts, the events' number."""

    first_year: int
    last_year: int  # the year just after the axis (which may be 10000)
    monthly: bool  # a dense row counted by month, else by year
    rows: list[tuple[PlotSeries, list[list[PlotEvent]], list[_Bucket] | None]]
    total: int


Spans = Iterable[tuple[str, int, int]]  # each event's series id, first and last year
# Each event's series id, year and month of its first day, status, and its PlotEvent when asked.
Marks = Iterable[tuple[str, int, int, str, Callable[[], PlotEvent]]]


def _layout(spans: Spans, marks: Callable[[], Marks], series: Sequence[PlotSeries]) -> _Layout:
    """The layout of some events: each row with its events packed into lanes (an event goes
    into the first lane it fits), or, for a row of more than ROW_MAX_MARKS events, its counts
    per month (per year on an axis of more than MONTHLY_YEARS years). Two passes, the first
    (`spans`) counting, so that only the events of the rows drawn as marks are held, and made:
    a large build's events are read from disk (stored.py), all of them at once would grow with
    the corpus, and a stored timeline's event is decoded only for a row of marks."""
    known = {s.series_id for s in series}

    def row_of(series_id: str) -> str:
        return series_id if series_id in known else OTHER

    counts: Counter[str] = Counter()
    first = last = None
    for series_id, start, end in spans:
        counts[row_of(series_id)] += 1
        first = start if first is None else min(first, start)
        last = end if last is None else max(last, end)
    # An empty plot still draws a valid axis.
    first_year, last_year = (2000, 2001) if first is None or last is None else (first, last + 1)
    monthly = last_year - first_year <= MONTHLY_YEARS
    members: dict[str, list[PlotEvent]] = {}
    tallies: dict[str, dict[tuple[int, int], list[int]]] = {}
    for series_id, year, month, status, plot_event in marks():
        key = row_of(series_id)
        if counts[key] > ROW_MAX_MARKS:
            tally = tallies.setdefault(key, {}).setdefault((year, month if monthly else 1), [0, 0])
            tally[0] += 1
            tally[1] += status == "conflict"
        else:
            members.setdefault(key, []).append(plot_event())
    rows: list[tuple[PlotSeries, list[list[PlotEvent]], list[_Bucket] | None]] = []
    for row in [*sorted(series, key=lambda s: s.series_id), PlotSeries(OTHER, OTHER_NAME)]:
        if counts[row.series_id] > ROW_MAX_MARKS:
            rows.append((row, [], _buckets(tallies[row.series_id], monthly)))
        else:
            rows.append((row, _lanes(members.get(row.series_id, [])), None))
    return _Layout(first_year, last_year, monthly, rows, sum(counts.values()))


def _lanes(members: list[PlotEvent]) -> list[list[PlotEvent]]:
    lanes: list[list[PlotEvent]] = []
    for e in sorted(members, key=lambda e: (e.start, e.end, e.event_id)):
        for lane in lanes:
            if lane[-1].end < e.start:
                lane.append(e)
                break
        else:
            lanes.append([e])
    return lanes


def _buckets(counts: dict[tuple[int, int], list[int]], monthly: bool) -> list[_Bucket]:
    """The bars of a row's events counted by the month (or year) they start in, `counts` by
    (year, month) as [events, conflicts]: months in order, empty ones left out."""
    out = []
    for (year, month), (n, conflicts) in sorted(counts.items()):
        if monthly:
            after = _year_start(year + 1) if month == 12 else dt.date(year, month + 1, 1).toordinal()
            first, label = dt.date(year, month, 1).toordinal(), f"{year:04d}-{month:02d}"
        else:
            first, after, label = _year_start(year), _year_start(year + 1), f"{year:04d}"
        out.append(_Bucket(first, after, label, n, conflicts))
    return out


def _year_start(year: int) -> int:
    """The ordinal of 1 January of `year`; year 10000 (past datetime's range) included."""
    if year > dt.MAXYEAR:
        return dt.date.max.toordinal() + 1
    return dt.date(year, 1, 1).toordinal()


def _year_step(years: int) -> int:
    """Years between two labelled ticks: every year on a short axis, round steps on a long one."""
    return next((step for step in YEAR_STEPS if years / step <= MAX_TICKS), YEAR_STEPS[-1])


def _num(x: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: stable bytes."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def svg(
    events: Sequence[PlotEvent],
    series: Sequence[PlotSeries],
    *,
    standalone: bool = True,
    inline: bool = False,
) -> str:
    """The plot as SVG text; `standalone` adds the XML declaration (off when inlined in HTML);
    `inline`: its event marks styled by INLINE_CSS, for a page that says that once (`_inline_mark`)."""
    spans = ((e.series_id, e.start.year, e.end.year) for e in events)
    return _svg(_layout(spans, lambda: _plot_marks(events), series), standalone, inline)


def _plot_marks(events: Iterable[PlotEvent]) -> Marks:
    return ((e.series_id, e.start.year, e.start.month, e.status, partial(_same, e)) for e in events)


def _same(e: PlotEvent) -> PlotEvent:
    return e


def _svg(layout: _Layout, standalone: bool, inline: bool = False) -> str:
    first_year, last_year, monthly, rows = layout.first_year, layout.last_year, layout.monthly, layout.rows
    t0, t1 = _year_start(first_year), _year_start(last_year)
    step = _year_step(last_year - first_year)
    plot_width = WIDTH - LABEL_WIDTH - RIGHT_MARGIN

    def x(ordinal: float) -> float:
        return LABEL_WIDTH + (ordinal - t0) / (t1 - t0) * plot_width

    heights = [
        (DENSE_LANES if dense is not None else max(1, len(lanes))) * LANE_HEIGHT + 2 * ROW_PADDING
        for _, lanes, dense in rows
    ]
    height = TOP + sum(heights) + AXIS_HEIGHT
    bottom = height - AXIS_HEIGHT
    out = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>')
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" class="mct-plot" role="img" '
        'aria-labelledby="mct-plot-title" font-family="sans-serif" font-size="12">'
    )
    out.append(f'<title id="mct-plot-title">Events by series, {first_year}–{last_year - 1}</title>')
    out.append(f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>')
    counted = any(dense is not None for _, _, dense in rows)
    unit = "month" if monthly else "year"
    out.append(
        f'<text x="12" y="22" font-size="15" font-weight="bold" fill="#1a202c">'
        f"Events by series ({layout.total} events)"
        + (f"; a row of more than {ROW_MAX_MARKS:,} is drawn as events per {unit}" if counted else "")
        + "</text>"
    )
    legend_x = LABEL_WIDTH
    for status, colour in STATUS_COLOURS.items():
        out.append(
            f'<rect x="{legend_x}" y="32" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14}" y="41" fill="#2d3748">{status}</text>'
        )
        legend_x += 100
    out.append(
        f'<text x="{legend_x}" y="41" fill="#4a5568">solid: a day; light band: a month, '
        "part of a year or a year</text>"
    )
    # Year grid and labels: one per year under its middle, or every `step` years at the line.
    grid = [first_year, last_year] if step > 1 else []
    grid += [y for y in range(first_year, last_year + 1) if y % step == 0 or step == 1]
    for year in sorted(set(grid)):
        gx = _num(x(_year_start(year)))
        out.append(f'<line x1="{gx}" y1="{TOP}" x2="{gx}" y2="{bottom}" stroke="#e2e8f0" stroke-width="1"/>')
    for year in range(first_year, last_year):
        if step == 1:
            label_x = (_year_start(year) + _year_start(year + 1)) / 2
        elif year % step == 0:
            label_x = _year_start(year)
        else:
            continue
        out.append(
            f'<text class="year" x="{_num(x(label_x))}" y="{bottom + 20}" text-anchor="middle" '
            f'fill="#2d3748">{year}</text>'
        )
    out.append(
        f'<line x1="{LABEL_WIDTH}" y1="{bottom}" x2="{WIDTH - RIGHT_MARGIN}" y2="{bottom}" '
        'stroke="#4a5568" stroke-width="1"/>'
    )
    y = TOP
    for (row, lanes, dense), row_height in zip(rows, heights, strict=True):
        count = sum(len(lane) for lane in lanes) if dense is None else sum(b.events for b in dense)
        lines = _wrap(f"{one_line(row.name)} ({count})", 32)
        first_line = y + row_height / 2 + 4 - (len(lines) - 1) * 7
        spans = "".join(
            f'<tspan x="12" y="{_num(first_line + i * 14)}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        out.append(
            f'<g class="row" data-series={quoteattr(one_line(row.series_id))}>'
            f'<line x1="0" y1="{y}" x2="{WIDTH}" y2="{y}" stroke="#cbd5e0" stroke-width="1"/>'
            f'<text class="row-label" fill="#1a202c">{spans}</text>'
        )
        for lane_index, lane in enumerate(lanes):
            top = y + ROW_PADDING + lane_index * LANE_HEIGHT + 2
            for e in lane:
                out.append(_inline_mark(e, x, top) if inline else _mark(e, x, top))
        if dense:
            band = DENSE_LANES * LANE_HEIGHT
            most = max(b.events for b in dense)
            for b in dense:
                out.append(_bar(b, x, y + ROW_PADDING + band, band * b.events / most))
        out.append("</g>")
        y += row_height
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _mark(e: PlotEvent, x, top: float) -> str:
    left = x(e.start.toordinal())
    width = max(MIN_BAR, x(e.end.toordinal() + 1) - left)
    colour = STATUS_COLOURS.get(e.status, FALLBACK_COLOUR)
    opacity = PRECISION_OPACITY.get(e.precision, "0.6")
    when = e.start.isoformat() if e.start == e.end else f"{e.start.isoformat()} – {e.end.isoformat()}"
    # Cleaned here too, not only in from_rows: XML 1.0 forbids most control characters.
    tooltip = one_line(f"{when} ({e.precision}, {e.status}): {e.label}")
    return (
        f'<rect class="event" data-event={quoteattr(one_line(e.event_id))} x="{_num(left)}" y="{_num(top)}" '
        f'width="{_num(width)}" height="{LANE_HEIGHT - 4}" rx="2" fill="{colour}" '
        f'fill-opacity="{opacity}" stroke="{colour}" stroke-width="1">'
        f"<title>{escape(tooltip)}</title></rect>"
    )


# What `_mark` writes on each mark, said once by the page that inlines the plot (a page's
# overview drew 270 bytes an event); a status or precision not named here gets _mark's fallbacks.
INLINE_CSS = (
    f".overview rect.event{{rx:2px;stroke-width:1px;fill:{FALLBACK_COLOUR};stroke:{FALLBACK_COLOUR};"
    "fill-opacity:.6}\n"
    + "".join(f".overview rect.{s}{{fill:{c};stroke:{c}}}\n" for s, c in STATUS_COLOURS.items())
    + "".join(f".overview rect.{p}{{fill-opacity:{o}}}\n" for p, o in PRECISION_OPACITY.items())
)
_INLINE_CLASSES = frozenset((*STATUS_COLOURS, *PRECISION_OPACITY))


def _inline_mark(e: PlotEvent, x, top: float) -> str:
    """`_mark` for a page: its colour and opacity by class (INLINE_CSS), no tooltip (the page's
    script makes it from the event's card when pointed at)."""
    left = x(e.start.toordinal())
    width = max(MIN_BAR, x(e.end.toordinal() + 1) - left)
    classes = "".join(f" {c}" for c in (e.status, e.precision) if c in _INLINE_CLASSES)
    return (
        f'<rect class="event{classes}" data-event={quoteattr(one_line(e.event_id))} x="{_num(left)}" '
        f'y="{_num(top)}" width="{_num(width)}" height="{LANE_HEIGHT - 4}"/>'
    )


def _bar(b: _Bucket, x, bottom: float, height: float) -> str:
    left = x(b.first)
    width = max(1.0, x(b.after) - left)
    height = max(1.0, height)
    tooltip = f"{b.label}: {b.events:,} events begin"
    if b.conflicts:
        tooltip += f", {b.conflicts:,} in conflict"
    return (
        f'<rect class="count" data-events="{b.events}" x="{_num(left)}" y="{_num(bottom - height)}" '
        f'width="{_num(width)}" height="{_num(height)}" fill="{DENSE_COLOUR}" fill-opacity="0.8">'
        f"<title>{escape(tooltip)}</title></rect>"
    )


def _wrap(text: str, width: int) -> list[str]:
    """At most two lines of about `width` characters, broken between words; the rest elided."""
    first, rest = "", ""
    for word in text.split():
        if not rest and len(f"{first} {word}".strip()) <= width:
            first = f"{first} {word}".strip()
        else:
            rest = f"{rest} {word}".strip()
    if not first:  # one word longer than a line
        first, rest = text[:width], text[width:]
    if len(rest) > width:
        rest = rest[: width - 1].rstrip() + "…"
    return [first, rest] if rest else [first]


def svg_bytes(timeline: Timeline) -> bytes:
    """The plot of every event of `timeline`, its events' keys read twice rather than held
    (`_layout`), and an event itself only for a row of marks."""
    series = _plot_series(_series_rows(timeline))
    spans = (
        (k.series_id, dt.date.fromisoformat(k.start_date).year, dt.date.fromisoformat(k.end_date).year)
        for k in timeline.event_keys()
    )

    def plot_event(event: Callable[[], Event]) -> PlotEvent:
        # Made as events.csv's row would make it (from_rows), whoever reads it.
        return next(_plot_events(_event_rows(timeline, (event(),)), series))

    def marks() -> Marks:
        for key, event in timeline.keyed_events():
            start = dt.date.fromisoformat(key.start_date)
            yield key.series_id, start.year, start.month, key.status, partial(plot_event, event)

    return _svg(_layout(spans, marks, series), True).encode("utf-8")


def write_plot(folder: Path, timeline: Timeline) -> FileResource:
    """Write timeline.svg into `folder`; return its resource for the descriptor."""
    (folder / PLOT_FILE).write_bytes(ownership.signed_bytes(svg_bytes(timeline)))
    return FileResource(
        "plot",
        PLOT_FILE,
        "Timeline plot",
        "Every event on a time axis, one row per conference series and one for the others; "
        "colour is the status, a light band an imprecise date (SVG).",
        "svg",
        "image/svg+xml",
    )
