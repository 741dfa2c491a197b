"""Validation begun while a package is being written: its helpers started, each view parsed once written.

A build's views (the page or pages, the plot) are whole long before the feeds and the
tables are: their markup parses (html.parser and expat over every page, a large part
of validation's work) can run on the helper processes while the build writes the rest,
instead of after it. `validate(folder, early=...)` then takes each answer made of the
same bytes it reads, and makes the parse itself for any other (a view written again,
or never told of here).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mctimeline.validate import pool as _pool
from mctimeline.validate.views import markup_views


def early_helpers() -> int:
    """The helpers validation starts for a package with large feeds (as a timeline whose
    feeds are written by worker processes has): none on one core."""
    return _pool._helpers(_pool.PARALLEL_MIN_CHARS)


class Early:
    """Validation's helper processes, started before the package is written, and the
    markup parse of each view submitted to them as soon as the view is written.

    Views may be told of from another thread than the one that validates. Closing it
    (leaving the `with`) stops the helpers; a parse nobody waited for is dropped.
    """

    def __init__(self, helpers: int) -> None:
        self.helpers = helpers
        self.pool = _pool._Pool(helpers)
        self._closed = False
        self._lock = threading.Lock()
        self._markup: dict[tuple[Path, str], _pool._Task] = {}

    def written(self, folder: Path, resources: Iterable[Any]) -> None:
        """`resources` (package resources: views, tables) were just written into `folder`:
        the views among them are parsed now, on the helpers."""
        listed = [r.descriptor() for r in resources]
        for path, kind in markup_views(folder, listed):
            # The digest of the bytes parsed comes back with the problems: the validation
            # uses the answer only if the file still holds those bytes.
            task = self.pool.submit({"kind": "markup", "path": str(path), "as": kind, "digest": True})
            with self._lock:
                self._markup[(path, kind)] = task

    def task(self, path: Path, kind: str) -> _pool._Task | None:
        """The parse of the view at `path` as `kind` begun here, if one was."""
        with self._lock:
            return self._markup.get((path, kind))

    @contextlib.contextmanager
    def validating(self) -> Iterator[_pool._Pool]:
        """Its helpers, for the validation that takes the answers: stopped as it ends, so
        that the validation's time includes stopping them, as with helpers of its own."""
        try:
            yield self.pool
        finally:
            self.close()

    def close(self) -> None:
        """Stop the helpers (once; again does nothing)."""
        if not self._closed:
            self._closed = True
            self.pool.__exit__(None, None, None)

    def __enter__(self) -> Early:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def digest(data: bytes) -> str:
    """The digest an early markup answer carries of the bytes it parsed."""
    return hashlib.sha256(data).hexdigest()
