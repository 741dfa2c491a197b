"""The data package: schema contract, CSV round trips, descriptor, and Frictionless's verdict."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import frictionless
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _builder_samples import sample_timeline
from mctimeline import feeds, package
from mctimeline.package import TABLE_BY_NAME, TABLES, csv_bytes, read_csv

# The field lists as issue 4 names them (sources may carry more after its list).
ISSUE_FIELDS = {
    "mentions": [
        "mention_id",
        "source_id",
        "start",
        "end",
        "text",
        "calendar",
        "start_date",
        "end_date",
        "precision",
        "status",
        "note",
        "role",  # issue 15: since, until, by, forecast
        "event_id",
    ],
    "events": [
        "event_id",
        "start_date",
        "end_date",
        "precision",
        "edtf",
        "jalali_start",
        "jalali_end",
        "hijri_start",
        "hijri_end",
        "status",
        "title",
        "title_en",
        "series_id",
        "edition",
        "location",
        "source_count",
    ],
}
SOURCE_FIELDS_FIRST = ["source_id", "path", "language", "sha256"]
SOURCE_FIELDS_ALSO = {
    "title",
    "headline",
    "url",
    "outlet",
    "agencies",
    "published",
    "published_basis",
    "published_note",
}
SERIES_FIELDS_ALSO = {"series_id", "name_en", "name_fa", "name_ar", "organizer"}

HOSTILE_CELLS = [
    'a "quoted" word',
    "comma, inside",
    "line one\nline two",
    "carriage\r\nreturn",
    "مجمع «امنیتی» مسکو، ۲۷ مه",
    "\u202eevil\u202c and ZWNJ می\u200cشود",
    " leading and trailing space ",
    '"',
    "#not a comment",
]


def field(table: str, name: str) -> dict:
    return next(f for f in TABLE_BY_NAME[table].fields if f["name"] == name)


def write_sample(folder: Path, timeline=None) -> Path:
    timeline = timeline or sample_timeline()
    feed_files = feeds.write_feeds(folder, timeline)
    package.write_package(folder, timeline, feed_files)
    return folder / "datapackage.json"


# --- the schema contract ---------------------------------------------------------


def test_the_five_tables() -> None:
    assert [t.name for t in TABLES] == ["sources", "mentions", "events", "series", "reconciliation"]


@pytest.mark.parametrize("table", sorted(ISSUE_FIELDS))
def test_field_lists_are_the_issues(table: str) -> None:
    assert list(TABLE_BY_NAME[table].field_names) == ISSUE_FIELDS[table]


def test_sources_and_series_fields() -> None:
    names = TABLE_BY_NAME["sources"].field_names
    assert list(names[:4]) == SOURCE_FIELDS_FIRST
    assert set(names) >= SOURCE_FIELDS_ALSO
    assert set(TABLE_BY_NAME["series"].field_names) >= SERIES_FIELDS_ALSO


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_field_has_type_and_description(table: package.TableSpec) -> None:
    for f in table.fields:
        assert f["type"] in {"string", "integer", "date", "array"}, f
        assert len(f["description"]) > 10, f


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_primary_key_is_a_required_unique_id(table: package.TableSpec) -> None:
    key = field(table.name, table.primary_key)
    assert table.schema()["primaryKey"] == [table.primary_key]
    assert key["constraints"] == {"required": True, "unique": True}
    assert table.schema()["missingValues"] == [""]


@pytest.mark.parametrize(
    ("table", "name", "values"),
    [
        ("mentions", "calendar", ["gregorian", "jalali", "hijri", "relative"]),
        ("mentions", "precision", ["day", "month", "year", "part-of-year"]),
        ("mentions", "status", ["ok", "inferred", "conflict", "suspect", "invalid", "unresolved"]),
        ("mentions", "role", ["since", "until", "by", "forecast"]),
        ("events", "precision", ["day", "month", "year", "part-of-year"]),
        ("events", "status", ["confirmed", "inferred", "conflict"]),
        ("sources", "language", ["fa", "ar", "en"]),
    ],
)
def test_enums(table: str, name: str, values: list[str]) -> None:
    assert field(table, name)["constraints"]["enum"] == values


@pytest.mark.parametrize(
    ("table", "name"),
    [
        ("events", "start_date"),
        ("events", "end_date"),
        ("mentions", "start_date"),
        ("mentions", "end_date"),
        ("sources", "published"),
    ],
)
def test_gregorian_dates_are_dates(table: str, name: str) -> None:
    assert field(table, name)["type"] == "date"


@pytest.mark.parametrize("name", ["jalali_start", "jalali_end", "hijri_start", "hijri_end"])
def test_other_calendar_dates_are_patterned_strings(name: str) -> None:
    f = field("events", name)
    assert f["type"] == "string"
    assert f["constraints"]["pattern"] == r"^\d{4}-\d{2}-\d{2}$"


@pytest.mark.parametrize(
    ("table", "name"),
    [("mentions", "start"), ("mentions", "end"), ("events", "edition"), ("events", "source_count")],
)
def test_offsets_and_counts_are_integers(table: str, name: str) -> None:
    assert field(table, name)["type"] == "integer"


def test_foreign_keys() -> None:
    fks = {
        (t.name, fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
        for t in TABLES
        for fk in t.schema()["foreignKeys"]
    }
    assert fks == {
        ("mentions", "source_id", "sources", "source_id"),
        ("mentions", "event_id", "events", "event_id"),
        ("events", "series_id", "series", "series_id"),
        ("reconciliation", "event_id", "events", "event_id"),
        ("reconciliation", "mention_id", "mentions", "mention_id"),
    }


# --- CSV ----------------------------------------------------------------------


def test_csv_round_trip_of_hostile_cells() -> None:
    rows = [{"a": cell, "b": str(i)} for i, cell in enumerate(HOSTILE_CELLS)]
    data = csv_bytes(["a", "b"], rows)
    assert read_csv(data) == rows
    # Row ends are LF; a CR survives only inside a quoted cell.
    assert data.count(b"\r") == 1
    assert data.startswith(b"a,b\n")


@settings(max_examples=200)
@given(st.lists(st.tuples(st.text(), st.text()), max_size=5))
def test_csv_round_trip_of_any_text(cells: list[tuple[str, str]]) -> None:
    rows = [{"x": a, "y": b} for a, b in cells]
    assert read_csv(csv_bytes(["x", "y"], rows)) == rows


def test_csv_refuses_a_row_that_misses_a_field() -> None:
    with pytest.raises(ValueError, match="differ from the schema"):
        csv_bytes(["a", "b"], [{"a": "1"}])


@pytest.mark.parametrize("count", [0, 1, 4095, 4096, 4097, 9000])
def test_write_csv_streams_the_bytes_csv_bytes_makes(tmp_path: Path, count: int) -> None:
    # Sizes around the writer's batch of 4,096 lines (header included), with hostile cells.
    rows = [{"a": HOSTILE_CELLS[i % len(HOSTILE_CELLS)], "b": str(i)} for i in range(count)]
    package.write_csv(tmp_path / "t.csv", ["a", "b"], rows)
    assert (tmp_path / "t.csv").read_bytes() == csv_bytes(["a", "b"], rows)
    assert read_csv((tmp_path / "t.csv").read_bytes()) == rows


def test_write_csv_refuses_a_row_that_misses_a_field(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="differ from the schema"):
        package.write_csv(tmp_path / "t.csv", ["a", "b"], [{"a": "1", "b": "2"}, {"a": "1"}])


def test_write_package_writes_the_files_package_files_makes(tmp_path: Path) -> None:
    t = sample_timeline()
    written = package.write_package(tmp_path, t)
    expected = package.package_files(t)
    assert [p.name for p in written] == list(expected)
    assert {p.name: p.read_bytes() for p in written} == expected


def test_a_descriptor_written_as_its_sources_are_made_is_the_one_made_whole(tmp_path: Path) -> None:
    from mctimeline import ownership
    from mctimeline.package import datapackage

    t = sample_timeline()
    whole = datapackage.descriptor(t)
    streamed = datapackage.descriptor(t, streamed=True)
    assert len(t.sources) > 1 and list(streamed["sources"]) == whole["sources"]
    # Made again for each pass: the manifest's hash, then the file.
    assert ownership.descriptor_sha256(streamed) == ownership.descriptor_sha256(whole)
    datapackage.write_descriptor(tmp_path / "datapackage.json", streamed)
    assert (tmp_path / "datapackage.json").read_bytes() == datapackage.descriptor_bytes(whole)


def test_tables_hold_the_records(tmp_path: Path) -> None:
    write_sample(tmp_path)
    mentions = read_csv((tmp_path / "mentions.csv").read_bytes())
    gloss = next(m for m in mentions if m["text"] == "۶ تا ۹ خرداد ۱۴۰۴")
    assert gloss["status"] == "conflict" and gloss["event_id"] == "ev-forum"
    assert gloss["calendar"] == "jalali" and gloss["end_date"] == "2025-05-30"
    events = read_csv((tmp_path / "events.csv").read_bytes())
    assert [e["event_id"] for e in events] == ["ev-minsk", "ev-january", "ev-forum"]  # by date
    minsk = events[0]
    assert (minsk["series_id"], minsk["edition"], minsk["hijri_start"]) == (
        "minsk-eurasian-security",
        "2",
        "1446-04-28",
    )
    assert events[1]["edition"] == "" and events[1]["title_en"] == ""
    sources = read_csv((tmp_path / "sources.csv").read_bytes())
    assert json.loads(sources[0]["agencies"]) == ["تسنیم", "اسپوتنیک"]


def test_rows_do_not_depend_on_input_order(tmp_path: Path) -> None:
    t = sample_timeline()
    shuffled = dataclasses.replace(
        t,
        sources=t.sources[::-1],
        mentions=t.mentions[::-1],
        events=t.events[::-1],
    )
    assert package.package_files(t) == package.package_files(shuffled)


# --- the descriptor ---------------------------------------------------------------


def test_descriptor_metadata(tmp_path: Path) -> None:
    desc_path = write_sample(tmp_path)
    raw = desc_path.read_bytes()
    desc = json.loads(raw)
    assert raw.endswith(b"}\n")
    assert "آران نیوز".encode() in raw  # ensure_ascii=False: the text stays readable
    assert raw.decode("utf-8") == json.dumps(desc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    for key in ("name", "title", "description", "version", "licenses", "sources", "contributors"):
        assert desc[key], key
    assert desc["licenses"][0]["name"] == "CC-BY-4.0"
    assert desc["licenses"][0]["path"].startswith("https://")
    # The latest publication date among the sources (only 200_ar states one).
    assert desc["created"] == "2024-10-31T00:00:00Z"


def test_no_created_stamp_without_a_publication_date() -> None:
    t = sample_timeline()
    t2 = dataclasses.replace(t, sources=tuple(dataclasses.replace(s, published="") for s in t.sources))
    assert "created" not in package.descriptor(t2)


def test_feeds_are_file_resources(tmp_path: Path) -> None:
    desc = json.loads(write_sample(tmp_path).read_bytes())
    feeds_listed = [r for r in desc["resources"] if r["path"].endswith(".ics")]
    assert sorted(r["path"] for r in feeds_listed) == [
        "all.ics",
        "ar.ics",
        "fa.ics",
        "series-minsk-eurasian-security.ics",
    ]
    for r in feeds_listed:
        assert (r["format"], r["mediatype"]) == ("ics", "text/calendar")
        assert "schema" not in r
        assert (tmp_path / r["path"]).is_file()


# --- Frictionless -------------------------------------------------------------------


def test_frictionless_python_api_finds_no_error(tmp_path: Path) -> None:
    report = frictionless.validate(str(write_sample(tmp_path)))
    assert report.valid, report.flatten(["type", "message"])
    assert {t.name for t in report.tasks} >= {t.name for t in TABLES}


def test_frictionless_accepts_hostile_text(tmp_path: Path) -> None:
    t = sample_timeline(hostile=True)
    hostile_mentions = tuple(
        dataclasses.replace(p, mention=dataclasses.replace(p.mention, note="; ".join(HOSTILE_CELLS)))
        for p in t.mentions
    )
    report = frictionless.validate(
        str(write_sample(tmp_path, dataclasses.replace(t, mentions=hostile_mentions)))
    )
    assert report.valid, report.flatten(["type", "message"])
    notes = [m["note"] for m in read_csv((tmp_path / "mentions.csv").read_bytes())]
    assert notes == ["; ".join(HOSTILE_CELLS)] * 4  # the package keeps the text faithfully


@pytest.mark.skipif(shutil.which("frictionless") is None, reason="the frictionless CLI is not on PATH")
def test_frictionless_cli_validates(tmp_path: Path) -> None:
    done = subprocess.run(
        ["frictionless", "validate", str(write_sample(tmp_path))], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_frictionless_catches_a_broken_foreign_key(tmp_path: Path) -> None:
    write_sample(tmp_path)
    path = tmp_path / "mentions.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[1][-1] = "ev-nowhere"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert [e.type for t in report.tasks for e in t.errors] == ["foreign-key"]


def test_write_csv_returns_the_sha256_of_the_bytes_it_wrote(tmp_path: Path) -> None:
    rows = [{"a": str(i), "b": f"x,{i}"} for i in range(10_000)]  # past one batch of lines
    digest = package.write_csv(tmp_path / "t.csv", ["a", "b"], rows)
    assert digest == hashlib.sha256((tmp_path / "t.csv").read_bytes()).hexdigest()
