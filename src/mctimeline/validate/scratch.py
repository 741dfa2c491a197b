"""A scratch SQLite file for validation's per-event indexes, in a temporary folder of its own."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import weakref
from pathlib import Path

# Pages SQLite keeps of the file (its cache, in KiB): what the indexes cost in memory,
# whatever the number of events.
CACHE_KIB = 4096


class Scratch:
    """A SQLite connection to a new file in a new temporary folder (never in the package:
    validation writes nothing there), which `close` removes; so does the interpreter's
    exit should nobody close it. Nothing in it need outlive the process: no journal, no
    syncing."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mctimeline-validate-"))
        self.db = sqlite3.connect(self.folder / "events.sqlite", isolation_level=None)
        for pragma in (
            "journal_mode = OFF",
            "synchronous = OFF",
            f"cache_size = -{CACHE_KIB}",
            "temp_store = FILE",
        ):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute("BEGIN")  # one transaction throughout: committed by nobody, never read back
        self._removed = weakref.finalize(self, _remove, self.db, self.folder)

    def close(self) -> None:
        self._removed()


def _remove(db: sqlite3.Connection, folder: Path) -> None:
    db.close()
    shutil.rmtree(folder, ignore_errors=True)
