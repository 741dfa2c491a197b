"""Events: happenings anchored by date mentions, assembled and merged across sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EventStatus = Literal["confirmed", "inferred", "conflict"]


@dataclass(frozen=True)
class MentionRef:
    """A tagged mention placed in the corpus: its source, its index there, its id."""

    mention_id: str  # stable, e.g. f"{source_id}:{start}-{end}"
    source_id: str
    index: int  # position in that source's tag() list


@dataclass(frozen=True)
class Event:
    """One happening: its inclusive Gregorian bounds and everything the package says of it."""

    event_id: str  # stable across rebuilds, unaffected by unrelated edits elsewhere
    start_date: str  # YYYY-MM-DD, inclusive
    end_date: str
    precision: str  # day | month | year | part-of-year
    edtf: str
    jalali_start: str  # YYYY-MM-DD in the Jalali calendar, through the core
    jalali_end: str
    hijri_start: str  # YYYY-MM-DD in the Hijri (Umm al-Qura) calendar; "" outside its range
    hijri_end: str
    status: EventStatus
    title: str  # short, in the source language, from the clause around the date
    title_en: str  # "" when unknown
    series_id: str  # "" when no series recognized
    edition: int | None
    location: str  # "" when none found
    source_count: int
    language: str  # language of `title`
    mentions: tuple[MentionRef, ...]


@dataclass(frozen=True)
class Reconciliation:
    """A disagreement between sources or calendars, what the event keeps, and why."""

    reconciliation_id: str
    event_id: str
    mention_id: str
    kind: str  # e.g. gloss-conflict | weekday-conflict | suspect | source-disagreement | hijri-tolerance
    diagnosis: str
    kept: str  # the reading the event keeps, e.g. "2025-05-27/2025-05-29"
    rejected: str  # the reading it does not keep
    reason: str
