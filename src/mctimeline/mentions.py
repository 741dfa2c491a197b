"""The Mention record: one date expression found in a text, the tagger's output contract."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from mctimeline.records import pickled_by_fields

MentionCalendar = Literal["gregorian", "jalali", "hijri", "relative"]
MentionPrecision = Literal["day", "month", "year", "part-of-year"]
# `unresolved`: words that name a day only relative to another («أمس», "next week") when
# there is none to count from; never `ok`, since nothing was dated.
MentionRole = Literal["", "since", "until", "by", "forecast"]
MentionStatus = Literal["ok", "inferred", "conflict", "suspect", "invalid", "unresolved"]

# The fields every consumer may rely on, in the order they are written out
# (`mctimeline tag --json` and the data package's mentions resource).
CONTRACT_FIELDS = (
    "start",
    "end",
    "text",
    "calendar",
    "start_date",
    "end_date",
    "precision",
    "status",
    "note",
)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A date expression in a text and what its words denote.

    `start`/`end` are code-point offsets into the text exactly as read from its
    UTF-8 file (end exclusive), so `text[start:end] == mention.text`.
    `start_date`/`end_date` are the inclusive Gregorian bounds (YYYY-MM-DD) of
    what the words say, as written; empty when they cannot be resolved.
    Reconciliation never rewrites them: it sets `status` and explains in `note`.
    `gloss_of` is the index (in the same list) of the mention this one glosses
    in a second calendar, e.g. «(۶ تا ۸ خرداد ۱۴۰۴)» after «۲۷ تا ۲۹ مه ۲۰۲۵».
    `written` (optional) is the date as written in `calendar`, before conversion.
    """

    start: int
    end: int
    text: str
    calendar: MentionCalendar
    start_date: str
    end_date: str
    precision: MentionPrecision
    status: MentionStatus = "ok"
    note: str = ""
    gloss_of: int | None = None
    # Optional, added by the tagger: the date as written in its own calendar, EDTF-style
    # (YYYY, YYYY-MM, YYYY-MM-DD, or START/END for a range), e.g. "1403-03-07/1403-03-09"
    # for «7 تا 9 خرداد 1403». Empty for relative words and unresolvable mentions.
    written: str = ""
    # Optional, added by the tagger: what the words around it say of the time (tagger/roles.py):
    # "since" («منذ عام 1995»), "until" («تا پایان ۱۴۰۴»), "by" («بحلول عام 2030»), "forecast"
    # («تتوقع … في 2027»), or "" when they say none of these. Only "" makes an event (events/).
    role: MentionRole = ""

    def to_json(self) -> dict[str, Any]:
        """The contract fields first, then any extra fields."""
        data = asdict(self)
        ordered = {k: data.pop(k) for k in CONTRACT_FIELDS}
        ordered.update(data)
        return ordered
