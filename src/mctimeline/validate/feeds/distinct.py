"""Each distinct VEVENT block parsed once: per event, the digests of its blocks met and their verdicts."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from mctimeline.validate.feeds.members import RowIndex, Rows, row_id, row_in
from mctimeline.validate.feeds.vevents import _all_day_problems, _status_problems
from mctimeline.validate.scratch import Scratch

# Distinct blocks remembered per event: one per language its feeds are written in (en,
# fa, ar) and one to spare. A block past them is parsed wherever it is met.
SLOTS = 4
_UID_LINE = re.compile(rb"\r\nUID:([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)(?=\r\n)")
_FOLD = re.compile(rb"\r\n[ \t]")
# What the checks of a block against its row of events.csv read of the row.
_FAULT_KEYS = ("start_date", "end_date", "status", "precision")
# Verdicts of those checks remembered by what they read (a corpus's blocks share few days,
# statuses and precisions: one event's blocks in each language, a day's events), started
# again when full, so that memory stays flat.
_VERDICTS = 4096
_SIGNED = 1 << 63


def uid_key(block: bytes) -> str | None:
    """The raw UID of a VEVENT block, found by its bytes (None: none, or more than one): only
    an index into the slots; the strict parser's reading of the block decides everything."""
    found = _UID_LINE.findall(block)
    if len(found) != 1:
        return None
    try:
        return _FOLD.sub(b"", found[0]).decode("utf-8")
    except UnicodeDecodeError:
        return None


def digest(block: bytes) -> int:
    """64 bits of a block's BLAKE2b: never 0, which marks an empty slot."""
    return int.from_bytes(hashlib.blake2b(block, digest_size=8).digest(), "big") or 1


class Distinct:
    """The VEVENT blocks met so far, keyed by their event (the row of events.csv their UID
    names) and their bytes' digest, in SLOTS per event: held in a scratch SQLite file (that
    of `rows` when they have one, validate.eventrows), so that memory does not grow with the
    events (an array of them took 32 bytes an event).

    A block is claimed by the first feed that holds it, which has it parsed; its verdict is
    noted when that parse comes back: clean (nothing to report against its row of
    events.csv, its UID the one its bytes name, no value its type does not fit: nothing is
    kept) or kept (its summary and errors, replayed in every feed that holds it again).
    A block whose verdict never came (its run was rejected, or its feed changed) stays
    pending: a feed holding it again is parsed whole.
    """

    def __init__(self, rows: Rows, index: RowIndex) -> None:
        from mctimeline.feeds import event_id_of, uid  # icalendar comes with them: not at import

        self.rows, self.index = rows, index
        self.uid, self.event_id_of = uid, event_id_of
        scratch = getattr(rows, "scratch", None)
        self._own: Scratch | None = None  # a scratch file of its own, when `rows` have none
        if not isinstance(scratch, Scratch):
            scratch = self._own = Scratch()
        self._db = scratch.db
        self._db.execute("CREATE TABLE blocks (slot INTEGER PRIMARY KEY, digest INTEGER NOT NULL)")
        self._pending: set[int] = set()
        self._kept: dict[int, tuple[dict[str, Any], list[str]]] = {}
        self._verdicts: dict[tuple[Any, ...], bool] = {}

    def meet(self, event_id: str, block_digest: int) -> tuple[bool, int | None]:
        """`claim` of a block of the event with this id (its row found by `index`); (False,
        None) when no row has it. The row and its slots are found in one look-up when
        `index` is the rows themselves in their scratch file (validate.eventrows)."""
        if self._own is not None or self.index is not self.rows:
            row = self.index.get(event_id)
            return (False, None) if row is None else self.claim(row, block_digest)
        found = self._db.execute(
            "SELECT e.row, b.slot, b.digest FROM"
            " (SELECT row FROM events WHERE event_id = ? ORDER BY row DESC LIMIT 1) AS e"
            f" LEFT JOIN blocks AS b ON b.slot >= e.row * {SLOTS} AND b.slot < e.row * {SLOTS} + {SLOTS}",
            (event_id,),
        ).fetchall()
        if not found:
            return False, None
        held = [(slot, stored) for _, slot, stored in found if slot is not None]
        return self._claim(found[0][0] * SLOTS, block_digest - _SIGNED, held)

    def claim(self, row: int, block_digest: int) -> tuple[bool, int | None]:
        """(met before, its slot) of a block of event `row`; a new block claims a free slot
        (None when there is none: it is parsed, never remembered)."""
        first = row * SLOTS
        held = self._db.execute(
            "SELECT slot, digest FROM blocks WHERE slot >= ? AND slot < ?", (first, first + SLOTS)
        ).fetchall()
        return self._claim(first, block_digest - _SIGNED, held)

    def _claim(self, first: int, stored: int, held: list[tuple[int, int]]) -> tuple[bool, int | None]:
        """`claim` of the block whose digest is `stored` (as SQLite holds it: signed), the
        event's first slot `first` and its slots `held` (slot, digest) read."""
        for slot, digest_ in held:
            if digest_ == stored:
                return True, slot
        if len(held) == SLOTS:
            return False, None
        slot = first + len(held)  # an event's slots are claimed in order
        self._db.execute("INSERT INTO blocks VALUES (?, ?)", (slot, stored))
        self._pending.add(slot)
        return False, slot

    def note(self, slot: int, summary: dict[str, Any], errors: list[str]) -> bool:
        """The verdict of the block claimed in `slot`, from its parse (`errors`: its values
        that do not fit their type): True when it is clean."""
        self._pending.discard(slot)
        if not self._pending:  # a set keeps its largest table: let it go when empty
            self._pending = set()
        # The row's id and what the checks read of it, in one look-up.
        row = row_in(self.rows, slot // SLOTS, ("event_id", *_FAULT_KEYS))
        uid = self.uid(row.pop("event_id", "") or "")
        clean = not errors and summary["uid"] == uid and summary["dtstamp"]
        if not clean or self._faults(row, summary):
            self._kept[slot] = (summary, errors)
            return False
        return True

    def row_of(self, slot: int) -> int:
        """The row of events.csv whose blocks `slot` holds."""
        return slot // SLOTS

    def uid_of(self, slot: int) -> str:
        """The UID the build gives the event whose blocks `slot` holds."""
        return self.uid(row_id(self.rows, slot // SLOTS))

    def _faults(self, row: dict[str, str], summary: dict[str, Any]) -> bool:
        # Everything the two checks read of the summary and of the row, the row's keys too.
        read = (summary["DTSTART"], summary["DTEND"], summary["status"], tuple(summary["categories"]))
        key = (*read, *row.items())
        faults = self._verdicts.get(key)
        if faults is None:
            faults = bool(_all_day_problems("", summary, row) or _status_problems("", summary, row))
            if len(self._verdicts) >= _VERDICTS:
                self._verdicts.clear()
            self._verdicts[key] = faults
        return faults

    def verdict(self, slot: int) -> tuple[dict[str, Any], list[str]] | bool | None:
        """A met block's verdict: False while pending, None when clean, else (summary, errors)."""
        if slot in self._pending:
            return False
        return self._kept.get(slot)
