"""What the plot draws: its events and rows, from CSV rows, a built timeline or a package on disk."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from mctimeline.events import Event
from mctimeline.reading import DESCRIPTOR, csv_rows, package_file, resource_files
from mctimeline.safetext import one_line
from mctimeline.timeline import Timeline


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
    rows = plot_series(series)
    return list(plot_events(events, rows)), rows


def plot_series(series: Iterable[dict[str, str]]) -> list[PlotSeries]:
    return [PlotSeries(s["series_id"], one_line(s.get("name_en") or s["series_id"])) for s in series]


def plot_events(events: Iterable[dict[str, str]], rows: Sequence[PlotSeries]) -> Iterator[PlotEvent]:
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
    return from_rows(event_rows(timeline, events), series_rows(timeline))


def event_rows(timeline: Timeline, events: Iterable[Event] | None = None) -> Iterator[dict[str, str]]:
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


def series_rows(timeline: Timeline) -> list[dict[str, str]]:
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
