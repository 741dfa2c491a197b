"""Reading a data package back: only its own files, and its CSV cells however long.

Every reader of a package (validate, plot, the pandas loader) goes through here, so
that what a tampered descriptor can make them open, and how long a cell they take, is
decided in one place. load.R applies the same path rules in R.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

DESCRIPTOR = "datapackage.json"

# The largest limit csv accepts on every platform (a C long: 32 bits on Windows). Our
# cells have no bound of their own: a headline is a text's first line, and a title a
# run of words that may be one long word when an extraction lost its spaces.
FIELD_LIMIT = 2**31 - 1


def lift_field_limit() -> None:
    """Let csv read cells longer than its default 131,072 characters.

    The limit is one setting of the whole process, and frictionless raises it when it
    is imported: left alone, whether a long cell reads would depend on whether
    frictionless happened to run in this process or in a helper (that is, on the CPU
    count). It is raised, never lowered back: lowering it could cut short a table
    another thread is reading, and raising it twice is harmless.
    """
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)


def csv_rows(lines: Iterable[str]) -> Iterator[dict[str, str]]:
    """The rows of a CSV table (its header first) as dicts, one at a time, whatever their length."""
    lift_field_limit()
    yield from csv.DictReader(lines)


# --- paths the descriptor names -------------------------------------------------------


class UnsafePath(ValueError):
    """A resource path that could lead outside its package: refused before anything is opened."""


# A scheme (https:, file:, data:) or a drive (C:): a path of somewhere else.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def why_unsafe(path: object) -> str | None:
    """What makes a path in a package (a resource's, a source's) unsafe to open, by its text
    alone; None if nothing does."""
    if not isinstance(path, str) or not path:
        return "is not a relative path"
    if _SCHEME.match(path):
        return "is a URL"
    if path.startswith("/"):
        return "is absolute"
    if "\\" in path or "\0" in path:
        return "is not a relative POSIX path"
    if ".." in path.split("/"):
        return "climbs out with .."
    return None


def package_file(folder: Path, path: object, name: object = None) -> Path:
    """The file at `path`, a resource path of the descriptor of the package in `folder`.

    A path must be relative, inside the package and, once symbolic links are followed,
    still inside it (the Data Package spec forbids absolute paths and `..`; a URL would
    make a reader fetch it). Anything else raises UnsafePath, whose message names the
    descriptor, the resource `name` and the path: nothing is opened.
    """
    why = why_unsafe(path)
    if why is None:
        file = folder / str(path)
        try:
            inside = file.resolve().is_relative_to(folder.resolve())
        except (OSError, RuntimeError):  # a loop of symbolic links
            inside = False
        if not inside:
            why = "leads outside the package through a symbolic link"
        elif file.exists() and not file.is_file():
            why = "is not a regular file"  # a FIFO or a device would hang or never end
        else:
            return file
    raise UnsafePath(
        f"{folder / DESCRIPTOR}: resource {name!r}: path {path!r} {why}: "
        "a package's files are relative paths inside its folder; not read"
    )


def resource_file(folder: Path, resource: Any) -> Path | None:
    """The file of one resource of the descriptor (see package_file); None when it has no path."""
    if not isinstance(resource, dict) or "path" not in resource:
        return None
    return package_file(folder, resource["path"], resource.get("name"))


def resource_files(folder: Path, resources: Iterable[Any]) -> list[Path]:
    """The files of every resource that has a path; UnsafePath at the first that is unsafe."""
    return [file for r in resources if (file := resource_file(folder, r)) is not None]
