"""The SVG markup of a layout: the axis, the legend, each row's marks or monthly bars."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from mctimeline.plot import layout as _layout
from mctimeline.plot.layout import Bucket, Layout, year_start, year_step
from mctimeline.plot.rows import PlotEvent
from mctimeline.safetext import one_line

# Geometry, in SVG user units (the picture scales; these only fix proportions).
WIDTH = 1000
LABEL_WIDTH = 250
RIGHT_MARGIN = 24
TOP = 56  # room for the title and the legend
LANE_HEIGHT = 16
ROW_PADDING = 10
AXIS_HEIGHT = 34
MIN_BAR = 4.0  # a one-day event stays visible on a decade-long axis
DENSE_LANES = 4  # the height of a row of counts, in lanes
DENSE_COLOUR = "#2b6cb0"

STATUS_COLOURS = {"confirmed": "#2b6cb0", "inferred": "#b7791f", "conflict": "#c53030"}
FALLBACK_COLOUR = "#4a5568"
# A precise event is drawn solid; a month or a year is a lighter band, so the eye reads
# "somewhere in here" rather than "all of this".
PRECISION_OPACITY = {"day": "1", "month": "0.55", "part-of-year": "0.45", "year": "0.35"}


def _num(x: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: stable bytes."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def svg_text(layout: Layout, standalone: bool, inline: bool = False) -> str:
    first_year, last_year, monthly, rows = layout.first_year, layout.last_year, layout.monthly, layout.rows
    t0, t1 = year_start(first_year), year_start(last_year)
    step = year_step(last_year - first_year)
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
        + (f"; a row of more than {_layout.ROW_MAX_MARKS:,} is drawn as events per {unit}" if counted else "")
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
        gx = _num(x(year_start(year)))
        out.append(f'<line x1="{gx}" y1="{TOP}" x2="{gx}" y2="{bottom}" stroke="#e2e8f0" stroke-width="1"/>')
    for year in range(first_year, last_year):
        if step == 1:
            label_x = (year_start(year) + year_start(year + 1)) / 2
        elif year % step == 0:
            label_x = year_start(year)
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


def _bar(b: Bucket, x, bottom: float, height: float) -> str:
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
