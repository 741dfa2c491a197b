"""The Frictionless data package: table schemas, CSV rows and the datapackage.json descriptor."""

from __future__ import annotations

import importlib.resources
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, get_args

from mctimeline import __version__, ownership
from mctimeline.links import is_web_url
from mctimeline.mentions import MentionCalendar, MentionPrecision, MentionRole, MentionStatus
from mctimeline.reading import DESCRIPTOR, csv_rows
from mctimeline.timeline import Timeline

R_LOADER = "load.R"  # Rscript datapackage/load.R: every table with its schema types
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
    _field("location", "string", "Place of the event, when a place gazetteer finds one in the clause."),
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


# Stated, not sniffed: a reader must never guess the dialect from the data (unstated,
# frictionless sniffs skipInitialSpace and may strip the space a cell begins with).
CSV_DIALECT: dict[str, Any] = {
    "delimiter": ",",
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
    "header": True,
}


def csv_resource(
    name: str, path: str, title: str, description: str, schema: dict[str, Any]
) -> dict[str, Any]:
    """The descriptor of a CSV table this package writes (csv_bytes' dialect, UTF-8)."""
    return {
        "name": name,
        "path": path,
        "title": title,
        "description": description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": dict(CSV_DIALECT),
        "schema": schema,
    }


def _fk(field: str, resource: str, target: str) -> dict[str, Any]:
    return {"fields": [field], "reference": {"resource": resource, "fields": [target]}}


@dataclass(frozen=True)
class TableSpec:
    """One CSV resource: its name, file, schema and what it holds."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: str
    foreign_keys: tuple[dict[str, Any], ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f["name"] for f in self.fields)

    def schema(self) -> dict[str, Any]:
        return {
            "fields": [dict(f) for f in self.fields],
            "primaryKey": [self.primary_key],
            "foreignKeys": [dict(fk) for fk in self.foreign_keys],
            "missingValues": [""],
        }

    def descriptor(self) -> dict[str, Any]:
        return csv_resource(self.name, self.path, self.title, self.description, self.schema())


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "sources",
        "Sources",
        "The source texts, identified by path and SHA-256, and what the builder read from each.",
        SOURCE_FIELDS,
        "source_id",
    ),
    TableSpec(
        "mentions",
        "Date mentions",
        "Every date expression found in the sources, with its exact words and offsets, what it "
        "denotes, and the event it anchors.",
        MENTION_FIELDS,
        "mention_id",
        (_fk("source_id", "sources", "source_id"), _fk("event_id", "events", "event_id")),
    ),
    TableSpec(
        "events",
        "Events",
        "Happenings anchored by date mentions, merged across sources, dated in three calendars.",
        EVENT_FIELDS,
        "event_id",
        (_fk("series_id", "series", "series_id"),),
    ),
    TableSpec(
        "series",
        "Conference series",
        "The gazetteer of recurring conference series the builder recognizes, in three languages.",
        SERIES_FIELDS,
        "series_id",
    ),
    TableSpec(
        "reconciliation",
        "Reconciliation",
        "Disagreements between sources or calendars: the diagnosis, the reading kept and why.",
        RECONCILIATION_FIELDS,
        "reconciliation_id",
        (_fk("event_id", "events", "event_id"), _fk("mention_id", "mentions", "mention_id")),
    ),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}


@dataclass(frozen=True)
class FeedFile:
    """An iCalendar feed written beside the tables, listed in the descriptor as a file resource."""

    name: str  # resource name, e.g. "feed-all"
    path: str  # file name, e.g. "all.ics"
    title: str
    description: str

    def descriptor(self) -> dict[str, Any]:
        feed = FileResource(self.name, self.path, self.title, self.description, "ics", "text/calendar")
        return feed.descriptor()


class Resource(Protocol):
    """Anything written beside the tables that the descriptor lists (a page, a picture, a table)."""

    path: str

    def descriptor(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class FileResource:
    """A view of the timeline written beside the tables (the HTML page, the SVG plot)."""

    name: str
    path: str
    title: str
    description: str
    format: str  # e.g. "html", "svg"
    mediatype: str  # e.g. "text/html", "image/svg+xml"

    def descriptor(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": self.path,
            "title": self.title,
            "description": self.description,
            "format": self.format,
            "mediatype": self.mediatype,
            "encoding": "utf-8",
        }


# --- rows -------------------------------------------------------------------

Cell = str | int | None
Row = dict[str, Cell]


def _opt(value: str) -> str | None:
    return value or None


def table_rows(timeline: Timeline) -> dict[str, list[Row]]:
    """The rows of every table, in the timeline's deterministic order."""
    return {name: list(rows) for name, rows in lazy_table_rows(timeline).items()}


def lazy_table_rows(timeline: Timeline) -> dict[str, Iterator[Row]]:
    """The rows of every table, made one at a time as they are written (a corpus has millions)."""
    sources = (
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
    mentions = (
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
    events = (
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
    series = (
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
    reconciliation = (
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


def csv_bytes(fields: Sequence[str], rows: Iterable[Row]) -> bytes:
    """UTF-8 CSV (RFC 4180) with a header row and LF line ends; quoting only where a value needs it."""
    return "".join(csv_lines(fields, rows)).encode("utf-8")


def csv_lines(fields: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    """The lines of csv_bytes, one at a time: the header, then a line per row."""
    yield _csv_line(fields)
    wanted = set(fields)
    for row in rows:
        if row.keys() != wanted:
            raise ValueError(f"row fields {sorted(row)} differ from the schema's {list(fields)}")
        yield _csv_line(["" if row[f] is None else str(row[f]) for f in fields])


def write_csv(path: Path, fields: Sequence[str], rows: Iterable[Row]) -> None:
    """Write csv_bytes(fields, rows) to `path` a batch of lines at a time, never the whole table in memory."""
    with path.open("wb") as f:
        for batch in _batches(csv_lines(fields, rows), _LINES_PER_WRITE):
            f.write("".join(batch).encode("utf-8"))


_LINES_PER_WRITE = 4096


def _batches(items: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


_NEEDS_QUOTES = re.compile(r'[",\r\n]')


def _csv_line(cells: Sequence[str]) -> str:
    # Written by hand rather than with csv.writer: with an LF line end, csv's
    # QUOTE_MINIMAL leaves a lone CR unquoted, and every reader then splits the row.
    return (
        ",".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if _NEEDS_QUOTES.search(c) else c for c in cells)
        + "\n"
    )


def read_csv(data: bytes) -> list[dict[str, str]]:
    """Read back what csv_bytes wrote, as strings (the round trip tests use it)."""
    return list(csv_rows(io.StringIO(data.decode("utf-8"), newline="")))


# --- the descriptor -----------------------------------------------------------


def descriptor(
    timeline: Timeline, feeds: Sequence[FeedFile] = (), views: Sequence[Resource] = ()
) -> dict[str, Any]:
    """The datapackage.json content for `timeline` and the feeds and views written beside it."""
    languages = sorted({s.language for s in timeline.sources})
    out: dict[str, Any] = {
        "name": "mctimeline",
        "title": "mctimeline: dated events from Persian, Arabic and English news",
        "description": (
            "Date mentions found in news texts, each traced to its exact words and offsets, "
            "resolved in the Gregorian, Jalali (Solar Hijri) and Hijri (Umm al-Qura) calendars "
            "through one conversion core, assembled into events merged across sources, with every "
            "disagreement between sources or calendars in the reconciliation table. "
            f"Built by mctimeline {__version__} from {len(timeline.sources)} source texts "
            f"({', '.join(languages) or 'none'})."
        ),
        "version": __version__,
        "keywords": ["timeline", "events", "calendar", "jalali", "hijri", "umm al-qura", "news"],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 (the derived data; the quoted source "
                "texts remain their publishers')",
            }
        ],
        "contributors": [{"title": "mctimeline developers", "roles": ["author"]}],
        "sources": [_package_source(s.source_id, s.outlet, s.title, s.url) for s in timeline.sources],
        "resources": [t.descriptor() for t in TABLES]
        + [f.descriptor() for f in feeds]
        + [v.descriptor() for v in views],
    }
    created = timeline.created
    if created is not None:
        # The latest publication date among the sources: derived from the inputs, so a
        # rebuild gives the same bytes; omitted when no source states its date.
        out["created"] = f"{created.isoformat()}T00:00:00Z"
    return out


def _package_source(source_id: str, outlet: str, headline: str, url: str = "") -> dict[str, str]:
    title = " — ".join(x for x in (outlet, headline.strip()) if x) or source_id
    out = {"title": f"{title} [{source_id}]"}
    if is_web_url(url):
        out["path"] = url  # Frictionless: a source's `path` is where it is found
    return out


def descriptor_bytes(desc: dict[str, Any]) -> bytes:
    return (json.dumps(desc, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def package_files(
    timeline: Timeline, feeds: Sequence[FeedFile] = (), views: Sequence[Resource] = ()
) -> dict[str, bytes]:
    """Every file of the data package except the feeds and views: file name -> bytes.

    The descriptor's manifest (see `ownership`) signs only these files.
    """
    rows = table_rows(timeline)
    files = {t.path: csv_bytes(t.field_names, rows[t.name]) for t in TABLES}
    files[R_LOADER] = r_loader_bytes()
    records = {name: ownership.bytes_record(data) for name, data in files.items()}
    files[DESCRIPTOR] = descriptor_bytes(ownership.signed(descriptor(timeline, feeds, views), records))
    return files


def r_loader_bytes() -> bytes:
    """The R script that reads the package with its declared types (kept in mctimeline/data/)."""
    return importlib.resources.files("mctimeline").joinpath("data", R_LOADER).read_bytes()


def write_package(
    folder: Path, timeline: Timeline, feeds: Sequence[FeedFile] = (), views: Sequence[Resource] = ()
) -> list[Path]:
    """Write the tables, the R loader and datapackage.json into `folder` (which must exist).

    `views` (page, plot, TimelineJS table) and the feeds are already written by their
    own writers; here they are listed in the descriptor. The descriptor comes last: its
    manifest signs every file then in `folder`, which is what lets a later build prove
    the package is mctimeline's to replace (see `ownership`). Returns the paths written.
    """
    written = []
    rows = lazy_table_rows(timeline)
    for table in TABLES:
        write_csv(folder / table.path, table.field_names, rows[table.name])
        written.append(folder / table.path)
    (folder / R_LOADER).write_bytes(r_loader_bytes())
    written.append(folder / R_LOADER)
    desc = ownership.signed(descriptor(timeline, feeds, views), ownership.folder_records(folder))
    (folder / DESCRIPTOR).write_bytes(descriptor_bytes(desc))
    written.append(folder / DESCRIPTOR)
    return written
