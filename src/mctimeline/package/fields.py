"""Every table's fields: name, type, description and constraints, as the schemas state them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, get_args

from mctimeline.mentions import MentionCalendar, MentionPrecision, MentionRole, MentionStatus

EVENT_STATUSES = ("confirmed", "inferred", "conflict")
LANGUAGES = ("fa", "ar", "en")
# A date written in the Jalali or Hijri calendar: CSV `date` fields would be read as
# Gregorian by every consumer, so these stay strings with a pattern.
_OTHER_CALENDAR_DAY = r"^\d{4}-\d{2}-\d{2}$"

Field = dict[str, Any]


def _field(name: str, type_: str, description: str, **constraints: Any) -> Field:
    out: Field = {"name": name, "type": type_, "description": description}
    if constraints:
        out["constraints"] = constraints
    return out


def _id(name: str, what: str) -> Field:
    return _field(name, "string", what, required=True, unique=True)


def _enum(name: str, values: Iterable[str], description: str, required: bool = True) -> Field:
    return _field(name, "string", description, required=required, enum=list(values))


def _gregorian(name: str, description: str, required: bool) -> Field:
    return _field(name, "date", description, required=required)


def _other_day(name: str, description: str, required: bool) -> Field:
    return _field(name, "string", description, required=required, pattern=_OTHER_CALENDAR_DAY)


SOURCE_FIELDS: tuple[Field, ...] = (
    _id("source_id", "Stable id of the source text: its file name's stem, or a corpus record's id."),
    _field(
        "path",
        "string",
        "The text file, relative to the folder that holds the data package (POSIX form); for a record "
        "of a corpus file, the file's name and the record's id (corpus.jsonl#id).",
        required=True,
        unique=True,
    ),
    _enum(
        "language", LANGUAGES, "Main language of the text (ISO 639-1): as the metadata says, else detected."
    ),
    _field(
        "sha256",
        "string",
        "SHA-256 of the text's bytes (a corpus record's text in UTF-8): mention offsets are valid for "
        "exactly these bytes.",
        required=True,
        pattern=r"^[0-9a-f]{64}$",
    ),
    _field(
        "characters",
        "integer",
        "Length of the decoded text in Unicode code points (the unit of mention offsets).",
        required=True,
        minimum=0,
    ),
    _field("title", "string", "The title as the metadata gives it, else the headline."),
    _field(
        "headline",
        "string",
        "The text's first non-empty line as it stands, white space collapsed; past 200 characters "
        "cut at a word boundary, with an ellipsis.",
    ),
    _field("url", "string", "Where the text was published, as the metadata gives it."),
    _field(
        "outlet",
        "string",
        "The outlet that published the text: as the metadata gives it, else as the text names it.",
    ),
    _field(
        "agencies",
        "array",
        "News agencies the text cites as its sources, as a JSON array of names.",
    ),
    _gregorian(
        "published",
        "Publication day: as the metadata gives it, else when the text fixes it («today» next to a date). "
        "Relative days («yesterday») and days written without a year are dated from it.",
        required=False,
    ),
    _enum(
        "published_basis",
        ("metadata", "text"),
        "Where the publication day comes from: the metadata, or the text itself (empty: unknown).",
        required=False,
    ),
    _field("published_note", "string", "How the publication day was found, in words."),
)

MENTION_FIELDS: tuple[Field, ...] = (
    _id("mention_id", "Stable id of the mention: source id and code-point offsets."),
    _field("source_id", "string", "The source text the mention is in.", required=True),
    _field(
        "start",
        "integer",
        "Code-point offset of the mention's first character in the source text.",
        required=True,
        minimum=0,
    ),
    _field(
        "end",
        "integer",
        "Code-point offset just after the mention's last character (exclusive).",
        required=True,
        minimum=0,
    ),
    _field(
        "text",
        "string",
        "The mention's words exactly as in the source: the text between start and end.",
        required=True,
    ),
    _enum("calendar", get_args(MentionCalendar), "The calendar the mention is written in."),
    _gregorian(
        "start_date",
        "First Gregorian day the words denote, as written (empty when they cannot be resolved).",
        required=False,
    ),
    _gregorian("end_date", "Last Gregorian day the words denote (inclusive).", required=False),
    _enum("precision", get_args(MentionPrecision), "How precisely the words name the time."),
    _enum(
        "status",
        get_args(MentionStatus),
        "ok, inferred (completed from context), conflict (disagrees with its gloss, weekday or another "
        "source), suspect, invalid (names no real day), or unresolved (relative words with no reference "
        "date to count from: no bounds).",
    ),
    _field("note", "string", "Why the status is what it is: inference, conflict or invalidity explained."),
    _enum(
        "role",
        [r for r in get_args(MentionRole) if r],
        "What the words around it say of the time: since («منذ عام 1995»), until («تا پایان ۱۴۰۴»), by "
        "(«بحلول عام 2030») or forecast («تتوقع … في 2027»); empty when they say none of these.",
        required=False,
    ),
    _field("event_id", "string", "The event this mention anchors (empty when it anchors none)."),
)

EVENT_FIELDS: tuple[Field, ...] = (
    _id("event_id", "Stable id of the event, unchanged by rebuilds and by unrelated edits elsewhere."),
    _gregorian("start_date", "First Gregorian day of the event (inclusive).", required=True),
    _gregorian("end_date", "Last Gregorian day of the event (inclusive).", required=True),
    _enum("precision", get_args(MentionPrecision), "How precisely the sources date the event."),
    _field(
        "edtf", "string", "The event's time in the Extended Date/Time Format (ISO 8601-2).", required=True
    ),
    _other_day("jalali_start", "First day in the Jalali (Solar Hijri) calendar, YYYY-MM-DD.", required=True),
    _other_day("jalali_end", "Last day in the Jalali (Solar Hijri) calendar, YYYY-MM-DD.", required=True),
    _other_day(
        "hijri_start",
        "First day in the Hijri calendar (Umm al-Qura), YYYY-MM-DD; empty outside the table's range.",
        required=False,
    ),
    _other_day(
        "hijri_end",
        "Last day in the Hijri calendar (Umm al-Qura), YYYY-MM-DD; empty outside the table's range.",
        required=False,
    ),
    _enum(
        "status",
        EVENT_STATUSES,
        "confirmed (stated outright), inferred (a date completed from context) or conflict (sources "
        "or calendars disagree, or other sources date the same-looking happening a few days apart: "
        "sources-disagree; see the reconciliation table).",
    ),
    _field(
        "title",
        "string",
        "Title in the source's language: the sentence that reports the happening (after any "
        "dateline), else the clause around the date, at most 240 characters besides the date's.",
        required=True,
    ),
    _field(
        "title_en",
        "string",
        "English title: the series' name where known, else the kind, actors and place "
        "(«Talks: Sergey Lavrov, Abbas Araghchi — Moscow»); empty when neither a kind nor an actor "
        "is recognised.",
    ),
    _field("series_id", "string", "The conference series the event belongs to, if recognized."),
    _field("edition", "integer", "Edition number within the series (e.g. 11 for the 11th).", minimum=1),
    _field(
        "location",
        "string",
        "Place of the event (data/places.toml): the scene its clause or sentence marks, else "
        "the destination of a visit it reports; empty when none.",
    ),
    _field(
        "source_count",
        "integer",
        "Number of distinct source texts that mention the event.",
        required=True,
        minimum=1,
    ),
)

SERIES_FIELDS: tuple[Field, ...] = (
    _id("series_id", "Stable id of the conference series."),
    _field("name_en", "string", "The series' name in English.", required=True),
    _field("name_fa", "string", "The series' name in Persian."),
    _field("name_ar", "string", "The series' name in Arabic."),
    _field("organizer", "string", "Who organizes the series."),
    _field("location", "string", "Where the series is usually held."),
)

RECONCILIATION_FIELDS: tuple[Field, ...] = (
    _id("reconciliation_id", "Stable id of the reconciliation row."),
    _field(
        "event_id",
        "string",
        "The event whose date is in question; empty for a mention that anchors no event "
        "(unresolved, invalid or not-a-happening).",
    ),
    _field(
        "mention_id", "string", "The mention that disagrees (empty for a disagreement of the whole event)."
    ),
    _field(
        "kind",
        "string",
        "Kind of disagreement, e.g. gloss-conflict, weekday-conflict, source-disagreement; "
        "sources-disagree when another event, of the same kind, actors and place told by other "
        "sources, is dated 1 to 3 days apart (both are kept, each names the other); "
        "not-a-happening for a mention that dates no happening (a since, until, by or forecast "
        "reference, a number's year, a birth year or an age, a bare year in passing); notes that "
        "leave the status alone: hijri-tolerance, period-joined (a month or year joined the one day "
        "event it holds as a supporting mention), period-ambiguous (it holds several and joins none).",
        required=True,
    ),
    _field("diagnosis", "string", "What disagrees with what, in words.", required=True),
    _field("kept", "string", "The reading the event keeps (an ISO day or interval)."),
    _field("rejected", "string", "The reading the event does not keep."),
    _field("reason", "string", "Why the kept reading was kept."),
)
