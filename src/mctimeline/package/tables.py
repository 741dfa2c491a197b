"""The five CSV tables: each one's name, file, fields and keys (`TABLES`, in the order written)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mctimeline.package.fields import (
    EVENT_FIELDS,
    MENTION_FIELDS,
    RECONCILIATION_FIELDS,
    SERIES_FIELDS,
    SOURCE_FIELDS,
    Field,
)
from mctimeline.package.resources import csv_resource


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
