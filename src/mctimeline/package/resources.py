"""The descriptors of the files a package lists: a CSV table's (and its dialect), a feed's, a view's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

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

    @property
    def path(self) -> str: ...

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
