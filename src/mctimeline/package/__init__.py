"""The Frictionless data package: table schemas, CSV rows and the datapackage.json descriptor.

By concern: `fields` (every table's fields and their constraints), `resources` (the descriptors
of the files listed: a CSV table and its dialect, a feed, a view), `tables` (the five tables and
their keys), `rows` (a timeline as the tables' rows), `csvio` (CSV bytes written and read back),
`datapackage` (the descriptor and its bytes); this module writes the package.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Collection, Sequence
from pathlib import Path

from mctimeline import ownership
from mctimeline.package.csvio import csv_bytes, csv_lines, read_csv, write_csv
from mctimeline.package.datapackage import descriptor, descriptor_bytes, write_descriptor
from mctimeline.package.fields import (
    EVENT_FIELDS,
    EVENT_STATUSES,
    LANGUAGES,
    MENTION_FIELDS,
    RECONCILIATION_FIELDS,
    SERIES_FIELDS,
    SOURCE_FIELDS,
    Field,
)
from mctimeline.package.resources import CSV_DIALECT, FeedFile, FileResource, Resource, csv_resource
from mctimeline.package.rows import Cell, Row, lazy_table_rows, table_rows
from mctimeline.package.tables import TABLE_BY_NAME, TABLES, TableSpec
from mctimeline.reading import DESCRIPTOR
from mctimeline.timeline import Timeline

__all__ = [
    "CSV_DIALECT",
    "DESCRIPTOR",
    "EVENT_FIELDS",
    "EVENT_STATUSES",
    "LANGUAGES",
    "MENTION_FIELDS",
    "RECONCILIATION_FIELDS",
    "R_LOADER",
    "SERIES_FIELDS",
    "SOURCE_FIELDS",
    "TABLES",
    "TABLE_BY_NAME",
    "Cell",
    "FeedFile",
    "Field",
    "FileResource",
    "Resource",
    "Row",
    "TableSpec",
    "csv_bytes",
    "csv_lines",
    "csv_resource",
    "descriptor",
    "descriptor_bytes",
    "lazy_table_rows",
    "package_files",
    "r_loader_bytes",
    "read_csv",
    "table_rows",
    "write_csv",
    "write_package",
    "write_tables",
]

R_LOADER = "load.R"  # Rscript datapackage/load.R: every table with its schema types


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
    folder: Path,
    timeline: Timeline,
    feeds: Sequence[FeedFile] = (),
    views: Sequence[Resource] = (),
    *,
    tables: bool = True,
    known: ownership.Proved | None = None,
) -> list[Path]:
    """Write the tables, the R loader and datapackage.json into `folder` (which must exist).

    `views` (page, plot, TimelineJS table) and the feeds are already written by their
    own writers; here they are listed in the descriptor. The descriptor comes last: its
    manifest signs every file then in `folder`, which is what lets a later build prove
    the package is mctimeline's to replace (see `ownership`). Returns the paths written.
    `tables` False: `write_tables` wrote them already (beside the feeds, see `writing`).
    `known`: files whose bytes were hashed as they were written (`ownership.folder_records`).
    """
    noted = dict(known or {})
    written = write_tables(folder, timeline, known=noted) if tables else [folder / t.path for t in TABLES]
    (folder / R_LOADER).write_bytes(r_loader_bytes())
    written.append(folder / R_LOADER)
    # Its sources made as they are hashed and written, a run at a time, never a list of them all.
    desc = ownership.signed(
        descriptor(timeline, feeds, views, streamed=True), ownership.folder_records(folder, noted)
    )
    write_descriptor(folder / DESCRIPTOR, desc)
    written.append(folder / DESCRIPTOR)
    return written


def write_tables(
    folder: Path,
    timeline: Timeline,
    only: Collection[str] | None = None,
    known: ownership.Noted | None = None,
) -> list[Path]:
    """Write the CSV tables of `timeline` (those named in `only`, if given) into `folder`;
    return their paths. Each is `ownership.noted` in `known`, if given, as it is written."""
    rows = lazy_table_rows(timeline)
    chosen = [table for table in TABLES if only is None or table.name in only]
    for table in chosen:
        digest = write_csv(folder / table.path, table.field_names, rows[table.name])
        if known is not None:
            known[table.path] = ownership.noted(folder / table.path, digest)
    return [folder / table.path for table in chosen]
