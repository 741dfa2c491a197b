"""The tables' rows: a timeline's sources, mentions, events, series and reconciliations as cells."""

from __future__ import annotations

import json
from collections.abc import Iterator

from mctimeline.timeline import Timeline

Cell = str | int | None
Row = dict[str, Cell]


def _opt(value: str) -> str | None:
    return value or None


def table_rows(timeline: Timeline) -> dict[str, list[Row]]:
    """The rows of every table, in the timeline's deterministic order."""
    return {name: list(rows) for name, rows in lazy_table_rows(timeline).items()}


def lazy_table_rows(timeline: Timeline) -> dict[str, Iterator[Row]]:
    """The rows of every table, made one at a time as they are written (a corpus has millions)."""
    sources: Iterator[Row] = (
        {
            "source_id": s.source_id,
            "path": s.path,
            "language": s.language,
            "sha256": s.sha256,
            "characters": s.characters,
            "title": _opt(s.title),
            "headline": _opt(s.headline),
            "url": _opt(s.url),
            "outlet": _opt(s.outlet),
            "agencies": json.dumps(list(s.agencies), ensure_ascii=False) if s.agencies else None,
            "published": _opt(s.published),
            "published_basis": _opt(s.published_basis),
            "published_note": _opt(s.published_note),
        }
        for s in timeline.sources
    )
    mentions: Iterator[Row] = (
        {
            "mention_id": p.mention_id,
            "source_id": p.source_id,
            "start": p.mention.start,
            "end": p.mention.end,
            "text": p.mention.text,
            "calendar": p.mention.calendar,
            "start_date": _opt(p.mention.start_date),
            "end_date": _opt(p.mention.end_date),
            "precision": p.mention.precision,
            "status": p.mention.status,
            "note": _opt(p.mention.note),
            "role": _opt(p.mention.role),
            "event_id": _opt(p.event_id),
        }
        for p in timeline.mentions
    )
    events: Iterator[Row] = (
        {
            "event_id": e.event_id,
            "start_date": e.start_date,
            "end_date": e.end_date,
            "precision": e.precision,
            "edtf": e.edtf,
            "jalali_start": e.jalali_start,
            "jalali_end": e.jalali_end,
            "hijri_start": _opt(e.hijri_start),
            "hijri_end": _opt(e.hijri_end),
            "status": e.status,
            "title": e.title,
            "title_en": _opt(e.title_en),
            "series_id": _opt(e.series_id),
            "edition": e.edition,
            "location": _opt(e.location),
            "source_count": e.source_count,
        }
        for e in timeline.events
    )
    series: Iterator[Row] = (
        {
            "series_id": s.series_id,
            "name_en": s.name_en,
            "name_fa": _opt(s.name_fa),
            "name_ar": _opt(s.name_ar),
            "organizer": _opt(s.organizer),
            "location": _opt(s.location),
        }
        for s in timeline.series
    )
    reconciliation: Iterator[Row] = (
        {
            "reconciliation_id": r.reconciliation_id,
            "event_id": r.event_id,
            "mention_id": _opt(r.mention_id),
            "kind": r.kind,
            "diagnosis": r.diagnosis,
            "kept": _opt(r.kept),
            "rejected": _opt(r.rejected),
            "reason": _opt(r.reason),
        }
        for r in timeline.reconciliations
    )
    return {
        "sources": sources,
        "mentions": mentions,
        "events": events,
        "series": series,
        "reconciliation": reconciliation,
    }
