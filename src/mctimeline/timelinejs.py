"""The TimelineJS table: every event as a row of Knight Lab TimelineJS's spreadsheet template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mctimeline import ownership
from mctimeline.events import Event
from mctimeline.feeds import date_line, one_line
from mctimeline.feeds.dates import bounds
from mctimeline.package import csv_bytes, csv_resource, write_csv
from mctimeline.package.csvio import batches
from mctimeline.page import fallback_title, series_names
from mctimeline.page.markup import esc
from mctimeline.sheetcells import html_text, neutral
from mctimeline.timeline import Timeline

TIMELINEJS_FILE = "timelinejs.csv"
# The header row of TimelineJS's Google Sheets template, in its order (TimelineJS3 reads
# the columns by these names; the sample sheet in its repository has exactly these).
COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)
OTHER_GROUP = "Other events"
# The calendar a reader of each source language dates by, shown before the Gregorian date.
OWN_CALENDAR = {"fa": "jalali", "ar": "hijri"}

_DESCRIPTIONS = {
    "Year": "Start year (Gregorian).",
    "Month": "Start month (1-12); empty when the event is dated to a whole year.",
    "Day": "Start day of the month; empty when the event is dated to whole months.",
    "Time": "Start time of day (always empty: events are dated to days).",
    "End Year": "End year; empty when the event starts and ends in the same day, month or year.",
    "End Month": "End month (1-12), as Month.",
    "End Day": "End day of the month, as Day.",
    "End Time": "End time of day (always empty).",
    "Display Date": "The date as shown: the source's own calendar (Jalali for Persian, Hijri for "
    "Arabic sources) beside the Gregorian.",
    "Headline": "The event's title in the source language (its dates and series when it has no title), "
    "as HTML-escaped text: TimelineJS renders this column as HTML.",
    "Text": "HTML: the English title, status, conflicts and the exact words of the sources.",
    "Media": "Media URL (empty).",
    "Media Credit": "Media credit (empty).",
    "Media Caption": "Media caption (empty).",
    "Media Thumbnail": "Media thumbnail URL (empty).",
    "Type": "TimelineJS row type (empty: an ordinary event).",
    "Group": "The conference series (TimelineJS draws one band per group).",
    "Background": "Slide background (empty).",
}
_INTEGER_RANGES = {"Year": (1, 9999), "Month": (1, 12), "Day": (1, 31)}
# The columns that hold text (the rest are numbers, never touched): made spreadsheet-safe.
TEXT_COLUMNS = tuple(c for c in COLUMNS if c.removeprefix("End ") not in _INTEGER_RANGES)


def _is_month_end(day: dt.date) -> bool:
    return day == dt.date.max or (day + dt.timedelta(days=1)).day == 1


def date_cells(start: dt.date, end: dt.date) -> dict[str, int | None]:
    """Year/Month/Day and End Year/Month/Day of an inclusive interval, as coarse as it is.

    Whole years give years only, whole months give months; the end is left empty when
    it names the same year, month or day as the start (TimelineJS then shows one point).
    """
    whole_months = start.day == 1 and _is_month_end(end)
    whole_years = whole_months and start.month == 1 and end.month == 12
    if whole_years:
        first: tuple[int, ...] = (start.year,)
        last: tuple[int, ...] = (end.year,)
    elif whole_months:
        first, last = (start.year, start.month), (end.year, end.month)
    else:
        first, last = (start.year, start.month, start.day), (end.year, end.month, end.day)
    cells: dict[str, int | None] = {}
    for prefix, parts in (("", first), ("End ", last if last != first else ())):
        for i, name in enumerate(("Year", "Month", "Day")):
            cells[prefix + name] = parts[i] if i < len(parts) else None
    return cells


def display_date(event: Event) -> str:
    """The source's own calendar beside the Gregorian, e.g. «۶ خرداد ۱۴۰۴ · 27 May 2025».

    The source calendar's date is wrapped in U+2067 RIGHT-TO-LEFT ISOLATE and U+2069
    POP DIRECTIONAL ISOLATE.
    """
    gregorian = date_line(event, "gregorian", "en")
    own = OWN_CALENDAR.get(event.language)
    if own is None or not all(bounds(event, own)):  # out of the calendar's range: no date in it
        return gregorian
    # Isolated right to left (RLI … PDI): TimelineJS shows this in a left-to-right line,
    # where the Persian or Arabic date's digits would otherwise be reordered with the rest.
    return f"\u2067{date_line(event, own, event.language)}\u2069 · {gregorian}"


def _text(event: Event, timeline: Timeline) -> str:
    """The slide's HTML: English title, status, conflicts, the quoted words of each source.

    `timeline` need answer only `mention` and `reconciliations_of` (Timeline.records_of).
    """

    def e(text: str) -> str:
        return esc(one_line(text))  # one line is clean text: esc only escapes it

    parts = []
    if event.title_en:
        parts.append(f"<p><strong>{e(event.title_en)}</strong></p>")
    parts.append(f"<p>Status: {e(event.status)} · precision: {e(event.precision)} · EDTF {e(event.edtf)}</p>")
    for r in timeline.reconciliations_of(event.event_id):
        parts.append(f"<p>Conflict ({e(r.kind)}): {e(r.diagnosis)}</p>")
    quotes = []
    placed = [p for ref in event.mentions if (p := timeline.mention(ref.mention_id)) is not None]
    for p in sorted(placed, key=lambda p: (p.source_id, p.mention.start)):
        quotes.append(
            f"<li>{e(p.source_id)} ({p.mention.start}–{p.mention.end}): "
            f'<span dir="auto">«{e(p.mention.text)}»</span></li>'
        )
    if quotes:
        parts.append(f"<p>Sources:</p><ul>{''.join(quotes)}</ul>")
    return "".join(parts)


def rows(timeline: Timeline) -> list[dict[str, Any]]:
    """One TimelineJS row per event, in the timeline's order."""
    return list(lazy_rows(timeline))


def lazy_rows(timeline: Timeline) -> Iterator[dict[str, Any]]:
    """The rows of `rows`, made one at a time as they are written."""
    names = series_names(timeline)
    for events in batches(timeline.events, RUN):
        # A stored timeline's quotes and conflicts read by a few queries a run, not one a mention.
        records = timeline.records_of(events)
        for event in events:
            yield _row(event, records, names)


# Events whose records are looked up together (a stored timeline's queries ask _IN ids each).
RUN = 512


def _row(event: Event, records: Timeline, names: dict[str, str]) -> dict[str, Any]:
    """The TimelineJS row of `event`; `records` answers its mentions and conflicts."""
    series_name = names.get(event.series_id, event.series_id)
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update(date_cells(dt.date.fromisoformat(event.start_date), dt.date.fromisoformat(event.end_date)))
    row["Display Date"] = display_date(event)
    # TimelineJS renders Headline as HTML: the title is escaped text, like Text's quotes.
    row["Headline"] = html_text(one_line(event.title) or fallback_title(event, series_name))
    row["Text"] = _text(event, records)
    row["Group"] = series_name if event.series_id else OTHER_GROUP
    for name in TEXT_COLUMNS:
        if row[name] is not None:
            row[name] = neutral(row[name])  # a spreadsheet never runs a cell as a formula
    return row


def table_bytes(timeline: Timeline) -> bytes:
    return csv_bytes(COLUMNS, rows(timeline))


@dataclass(frozen=True)
class TimelineJSResource:
    """The TimelineJS table as a tabular resource of the data package."""

    path: str = TIMELINEJS_FILE

    def descriptor(self) -> dict[str, Any]:
        fields = []
        for name in COLUMNS:
            field: dict[str, Any] = {"name": name, "description": _DESCRIPTIONS[name]}
            base = name.removeprefix("End ")
            if base in _INTEGER_RANGES:
                low, high = _INTEGER_RANGES[base]
                field["type"] = "integer"
                field["constraints"] = {"minimum": low, "maximum": high}
            else:
                field["type"] = "string"
            if name in ("Year", "Display Date", "Headline", "Group"):
                field.setdefault("constraints", {})["required"] = True
            fields.append(field)
        return csv_resource(
            "timelinejs",
            self.path,
            "TimelineJS table",
            "The events in Knight Lab TimelineJS's spreadsheet format: paste into a copy of its "
            "Google Sheets template (or any sheet with these columns) to publish an interactive timeline. "
            "No text cell begins with = + - @, a tab or a carriage return, which a spreadsheet runs as a "
            "formula: such a cell begins instead with the HTML numeric character reference of that "
            "character, which a spreadsheet keeps as text and TimelineJS shows as the character.",
            {"fields": fields, "missingValues": [""]},
        )


def write_timelinejs(
    folder: Path, timeline: Timeline, known: ownership.Noted | None = None
) -> TimelineJSResource:
    """Write timelinejs.csv into `folder`; return its resource for the descriptor. The file is
    `ownership.noted` in `known`, if given."""
    digest = write_csv(folder / TIMELINEJS_FILE, COLUMNS, lazy_rows(timeline))
    if known is not None:
        known[TIMELINEJS_FILE] = ownership.noted(folder / TIMELINEJS_FILE, digest)
    return TimelineJSResource()
