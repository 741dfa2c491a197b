"""The SVG plot: every event on a time axis, one row per series (and one for events of no series).

By concern: `rows` (the events and rows drawn, from CSV rows, a timeline or a package),
`layout` (the axis, each row's lanes, a crowded row's monthly counts), `draw` (the SVG
markup). Here: the picture of some events, of a whole timeline, and the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from mctimeline import ownership
from mctimeline.events import Event
from mctimeline.package import FileResource
from mctimeline.plot import layout
from mctimeline.plot.draw import INLINE_CSS, svg_text
from mctimeline.plot.layout import OTHER, OTHER_NAME, Marks
from mctimeline.plot.rows import (
    PlotEvent,
    PlotSeries,
    event_label,
    event_rows,
    from_rows,
    from_timeline,
    plot_events,
    plot_series,
    read_package,
    series_rows,
)
from mctimeline.timeline import Timeline

__all__ = [
    "INLINE_CSS",
    "OTHER",
    "OTHER_NAME",
    "PLOT_FILE",
    "PlotEvent",
    "PlotSeries",
    "event_label",
    "from_rows",
    "from_timeline",
    "read_package",
    "svg",
    "svg_bytes",
    "write_plot",
]

PLOT_FILE = "timeline.svg"


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
    return svg_text(layout.layout(spans, lambda: _plot_marks(events), series), standalone, inline)


def _plot_marks(events: Iterable[PlotEvent]) -> Marks:
    return ((e.series_id, e.start.year, e.start.month, e.status, partial(_same, e)) for e in events)


def _same(e: PlotEvent) -> PlotEvent:
    return e


def svg_bytes(timeline: Timeline) -> bytes:
    """The plot of every event of `timeline`, its events' keys read twice rather than held
    (`_layout`), and an event itself only for a row of marks."""
    series = plot_series(series_rows(timeline))
    spans = (
        (k.series_id, dt.date.fromisoformat(k.start_date).year, dt.date.fromisoformat(k.end_date).year)
        for k in timeline.event_keys()
    )

    def plot_event(event: Callable[[], Event]) -> PlotEvent:
        # Made as events.csv's row would make it (from_rows), whoever reads it.
        return next(plot_events(event_rows(timeline, (event(),)), series))

    def marks() -> Marks:
        for key, event in timeline.keyed_events():
            start = dt.date.fromisoformat(key.start_date)
            yield key.series_id, start.year, start.month, key.status, partial(plot_event, event)

    return svg_text(layout.layout(spans, marks, series), True).encode("utf-8")


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
