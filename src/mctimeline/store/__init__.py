"""A scratch SQLite store for a large build: mentions, events and reconciliation rows on disk, not in memory.

A corpus's mentions, events and rows grow with the archive (about 16 KB a document
held as Python objects), while each writer needs only a run of them at a time. Above
`STORE_MIN_DOCS` documents (MCTIMELINE_STORE_DOCS sets the number; 0 uses the store
for every build) the reduce (corpus.timeline) writes them here as they are made and
the writers read them back in order (stored.py), so they are held once, on disk.

The database lives in a folder `scratch` makes with `tempfile.mkdtemp` (under
TMPDIR), and only there: `Scratch.close` removes that folder, which holds nothing
but what it wrote, whether the build succeeded or failed. Records are kept
as `marshal`ed tuples of their fields: the store never outlives the process that
wrote it, so a format tied to this Python version is enough, and it is the fastest
to read back.

The package is split by concern: `records` turns the records into bytes and back, and
`scratch` owns the database (`Scratch`) and its tables.
"""

from mctimeline.store.records import (
    _PARKED,
    _maker,
    event_bytes,
    event_of,
    mention_bytes,
    mention_of,
    rec_bytes,
    rec_of,
    source_bytes,
    source_of,
)
from mctimeline.store.scratch import (
    _FLUSH,
    KEYED,
    KEYS,
    PAGE,
    STORE_ENV,
    STORE_MIN_DOCS,
    Scratch,
    store_min_docs,
)

__all__ = [
    "KEYED",
    "KEYS",
    "PAGE",
    "STORE_ENV",
    "STORE_MIN_DOCS",
    "_FLUSH",
    "_PARKED",
    "Scratch",
    "_maker",
    "event_bytes",
    "event_of",
    "mention_bytes",
    "mention_of",
    "rec_bytes",
    "rec_of",
    "source_bytes",
    "source_of",
    "store_min_docs",
]
