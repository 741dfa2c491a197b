"""One copy of each value documents repeat (days, readings, kinds, names, offsets): the reduce's memory.

Every document arrives with its own copies of values that thousands of others hold too:
the tagger writes each mention's bounds as new strings, each anchor has its own
`datetime.date`s, and a Document made in another process (a pool, a Dask worker) is
unpickled with fresh copies of everything. `Shared.document` makes a document hold, in
place of each such copy, the one the corpus met first. Only fields whose values repeat
are shared: a table entry costs about as much as a short string, so sharing values that
are mostly distinct (a mention's id, a sentence's hash) would cost more than it saves.
Titles, sentence hashes and words repeat only within a document (two dates of one sentence),
so they are shared through a table dropped with the document.

Values are replaced by equal values only, so nothing any stage reads changes.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

# Fields whose values repeat across a corpus: a bounded vocabulary (days, readings, calendar
# words, kinds, names) or small numbers (offsets into texts of bounded length).
_MENTION = (
    *("start", "end", "calendar", "start_date", "end_date"),
    *("precision", "status", "note", "written", "role"),
)
# An anchor's days and its mention's offsets (a parked mention, models.ParkedMention, is one object
# for many anchors and keeps no offsets: the anchor does).
_ANCHOR = ("first", "last", "start", "end")
# What an anchor's clause says: its parts, then the whole (anchors that say the same share one).
_CLAUSE = ("language", "series_id", "place", "kinds", "excluded", "actors", "main_kind")
_ROW = ("event_id", "kind", "kept", "rejected", "reason")  # a reconciliation row of a mention without event
_SOURCE = ("language", "outlet", "agencies", "published", "published_basis")
# Within one document: the same sentence titles each of its dates, and gives them its hash and words.
_ANCHOR_LOCAL = ("title", "said", "words")


class Shared:
    """The values met so far, each once; `document` makes a document hold these copies."""

    def __init__(self) -> None:
        self._values: dict[type, dict[Any, Any]] = {}

    def document(self, source: Any, mentions: Any, anchors: Any) -> None:
        """Share the repeated values of one document's source row, mentions and anchors (in place)."""
        values = self._values
        _share(source, _SOURCE, values)
        for mention in mentions:
            _share(mention, _MENTION, values)
        self._anchors(anchors.anchors)
        local: dict[type, dict[Any, Any]] = {}
        for anchor in anchors.anchors:
            _share(anchor, _ANCHOR_LOCAL, local)
        for row in anchors.loose:
            _share(row, _ROW, values)

    def parked(self, source: Any, anchors: Any) -> None:
        """`document` of a document parked in the store (store.Scratch.park): of its mentions only what
        its anchors keep in memory, and no titles or loose rows, which are on disk (nothing to share)."""
        _share(source, _SOURCE, self._values)
        self._anchors(anchors.anchors)

    def _anchors(self, anchors: Any) -> None:
        values = self._values
        for anchor in anchors:
            # A clause met before is shared whole, its parts not looked at: they are the held one's
            # (most clauses repeat). A new one's parts first, then the clause, by its (shared) value.
            clause = anchor.clause
            table = values.get(type(clause))
            if table is None:
                table = values[type(clause)] = {}
            one = table.get(clause)
            if one is None:
                _share(clause, _CLAUSE, values)
                table[clause] = clause
            elif one is not clause:
                _set(anchor, "clause", one)
            _share(anchor, _ANCHOR, values)


_GETTERS: dict[tuple[str, ...], attrgetter[Any]] = {}  # by the fields they get: made when first asked
_set = object.__setattr__


def _share(record: Any, fields: tuple[str, ...], tables: dict[type, dict[Any, Any]]) -> None:
    """Make `record` hold, for each of `fields`, the copy of its value that `tables` met first."""
    # One attrgetter a record, not a getattr a field: the reduce shares about 60 values a document.
    # (attrgetter of one name answers the value, not a tuple: a field alone is asked for twice.)
    key = fields if len(fields) > 1 else fields * 2
    getter = _GETTERS.get(key)
    if getter is None:
        getter = _GETTERS[key] = attrgetter(*key)
    got = getter(record)
    for name, value in zip(fields, got, strict=False):  # one field: asked for twice
        # A table per type: 1 == True, and equal values of two types must stay apart. Not one
        # table keyed by (type, value): a tuple per entry cost more than the sharing saved.
        table = tables.get(type(value))
        if table is None:
            table = tables[type(value)] = {}
        one = table.setdefault(value, value)
        if one is not value:
            # Frozen records, swapped in place: the value is equal, only which copy is held changes,
            # and the record may be referenced from elsewhere (an anchor and its source's mentions).
            _set(record, name, one)
