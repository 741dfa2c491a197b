"""The events' records (Event, MentionRef, Reconciliation) and an anchor: a resolved mention described.

The rule that makes events of anchors is in the package docstring (mctimeline.events).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import dataclass, field
from typing import Any, Literal

from mctimeline.events.kinds import _linking_kinds
from mctimeline.mentions import Mention
from mctimeline.records import all_slots_maker, pickled_by_fields
from mctimeline.records import maker as _maker

EventStatus = Literal["confirmed", "inferred", "conflict"]

EDITION_DAYS = 90  # how far apart sources may date one edition and still be read as disagreeing
RANGE_END_DAYS = 14  # the longest a range-end date may run after its start (a conference, a visit)
_CONTEXT_SENTENCES = 2  # sentences before the date's own searched for a series or place the clause implies
_ANAPHOR_CHAIN = 3  # how many sentences in a row («وی افزود ... وی گفت») may inherit the actors named before
_ANAPHOR_SENTENCES = 10  # how far back «این مجمع», «المؤتمر» with an ordinal may point
DISAGREE_DAYS = 3  # how far apart two events' days may be for their sources to be flagged as disagreeing
_PRECISION_RANK = {"day": 0, "month": 1, "part-of-year": 2, "year": 3}
_DOUBTFUL = frozenset({"conflict", "suspect"})

# Reconciliation kinds of the events' merge and checks (rules 8 and 9 of mctimeline.events).
PERIOD_JOINED = "period-joined"  # a month or year joined the one day event it holds
PERIOD_AMBIGUOUS = "period-ambiguous"  # a month or year holds two or more day events it may report
SOURCES_DISAGREE = "sources-disagree"  # another event's sources date the same-looking happening days apart
# Rows that note without disputing the event's date: they leave its status alone.
NOTE_KINDS = frozenset({"hijri-tolerance", PERIOD_JOINED, PERIOD_AMBIGUOUS})


@dataclass(frozen=True, slots=True)
class MentionRef:
    """A tagged mention placed in the corpus: its source, its index there, its id."""

    mention_id: str  # stable, e.g. f"{source_id}:{start}-{end}"
    source_id: str
    index: int  # position in that source's tag() list


@dataclass(frozen=True, slots=True)
class Event:
    """One happening: its inclusive Gregorian bounds and everything the package says of it."""

    event_id: str  # stable across rebuilds, unaffected by unrelated edits elsewhere
    start_date: str  # YYYY-MM-DD, inclusive
    end_date: str
    precision: str  # day | month | year | part-of-year
    edtf: str
    jalali_start: str  # YYYY-MM-DD in the Jalali calendar, through the core
    jalali_end: str
    hijri_start: str  # YYYY-MM-DD in the Hijri (Umm al-Qura) calendar; "" outside its range
    hijri_end: str
    status: EventStatus
    title: str  # short, in the source language, from the clause around the date
    title_en: str  # "" when unknown
    series_id: str  # "" when no series recognized
    edition: int | None
    location: str  # "" when none found
    source_count: int
    language: str  # language of `title`
    mentions: tuple[MentionRef, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Reconciliation:
    """A disagreement between sources or calendars, what the event keeps, and why."""

    reconciliation_id: str
    event_id: str
    mention_id: str
    kind: str  # e.g. gloss-conflict | weekday-conflict | suspect | source-disagreement | hijri-tolerance
    # | period-joined | period-ambiguous | sources-disagree
    diagnosis: str
    kept: str  # the reading the event keeps, e.g. "2025-05-27/2025-05-29"
    rejected: str  # the reading it does not keep
    reason: str


# Made slot by slot (records.maker): a frozen dataclass's __init__ sets each field through
# object.__setattr__, and every mention of a text makes a reconciliation row or an anchor.
_RECONCILIATION = _maker(Reconciliation)


def mention_id(source_id: str, mention: Mention) -> str:
    """The corpus-wide id of a mention: its source and its offsets."""
    return f"{source_id}:{mention.start}-{mention.end}"


# An anchor's event names each of its mentions by a MentionRef: made slot by slot (`_maker`).
_REF = _maker(MentionRef)


# --- anchors: a resolved mention and what its clause says ----------------------------


class ParkedMention:
    """What the merge compares of a mention whose words wait on disk (store.Scratch.park), but its offsets.

    The same names as Mention's fields, so that the merge reads either; its text and note,
    which only the rows of a made event quote, are read back (Scratch.read_back) first.
    A corpus repeats a few dozen combinations of `calendar`, `precision`, `status` and `role`:
    one instance each (`parked_mention`), shared by every anchor parked with it. The offsets,
    which differ from mention to mention, are the anchor's own (`_Anchor.start`, `end`): an
    object an anchor (48 bytes) was most of what a parked anchor held beside its shell
    (benchmarks/README.md, "The merge's anchors, again").
    """

    __slots__ = ("calendar", "precision", "role", "status")
    calendar: str
    precision: str
    status: str
    role: str

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a ParkedMention is frozen: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a ParkedMention is frozen: cannot delete {name}")

    def _values(self) -> tuple[str, str, str, str]:
        return (self.calendar, self.precision, self.status, self.role)

    def __repr__(self) -> str:
        pairs = zip(_KIND_FIELDS, self._values(), strict=True)
        named = ", ".join(f"{name}={value!r}" for name, value in pairs)
        return f"ParkedMention({named})"

    def __reduce__(self) -> tuple[Any, tuple[str, str, str, str]]:
        return parked_mention, self._values()  # unpickled as the one instance of its kind


# The ParkedMention of each (calendar, precision, status, role) met: a few dozen at most. One
# instance each, so that equal ones are the same object (compared by identity, hashed by id).
_PARKED_KINDS: dict[tuple[str, str, str, str], ParkedMention] = {}
_KIND_FIELDS = ("calendar", "precision", "status", "role")
_set_slot = object.__setattr__


def parked_mention(calendar: str, precision: str, status: str, role: str) -> ParkedMention:
    """The ParkedMention with these fields (the names and order of `Mention`'s of the same names)."""
    kind = _PARKED_KINDS.get((calendar, precision, status, role))
    if kind is None:
        kind = object.__new__(ParkedMention)
        for name, value in zip(_KIND_FIELDS, (calendar, precision, status, role), strict=True):
            _set_slot(kind, name, sys.intern(value))  # kinds that share a word share its one string
        _PARKED_KINDS[calendar, precision, status, role] = kind
    return kind


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class _Clause:
    """What a date's clause says (rule 3) that many dates' clauses say alike: a corpus holds each
    once (sharing.Shared), and its anchors point to it."""

    language: str
    series_id: str
    edition: int | None
    series_in_clause: bool
    place: str
    kinds: frozenset[str]
    ends_range: bool  # written right after «حتى», «تا», "until": may end a range begun earlier
    excluded: str = ""  # why the mention dates no happening (events.happenings), "" when it does
    actors: tuple[str, ...] = ()  # the gazetteer's actors named in the date's sentence, first-seen order
    main_kind: str = ""  # of `kinds`, the one whose word stands nearest the date: what titles it
    # The kinds of happening that may link this date to another (statements do not): read by every
    # comparison of the merge, so made once.
    links: frozenset[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "links", _links(self.kinds))


def _links(kinds: frozenset[str]) -> frozenset[str]:
    """A clause's `links`, wherever it is made (`__post_init__`, `_new_clause`)."""
    return kinds & _linking_kinds()


# A _Clause's fields given when it is made, in order (all but the derived `links`).
_ClauseFields = tuple[str, str, int | None, bool, str, frozenset[str], bool, str, tuple[str, ...], str]
_CLAUSE = all_slots_maker(_Clause)


def _new_clause(fields: _ClauseFields) -> _Clause:
    """`_Clause(*fields)`, made slot by slot with its `links` derived as `__post_init__` does."""
    return _CLAUSE((*fields, _links(fields[5])))


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class _Anchor:
    """A resolved mention described by its clause: what the merge compares of it.

    The reduce holds every anchor until its event is made, so it holds little: its mention's
    source and index, not a MentionRef (`ref` makes one when asked), and its clause's
    findings in a `_Clause` that anchors saying the same share. The merge compares and joins
    anchors by `rank`, their key's place in the corpus's keys (events.assemble_sources sets it):
    an int in place of the key's bytes, which only the event's id reads (store.Scratch parks them).
    """

    source_id: str
    index: int
    mention: Mention | ParkedMention
    # The mention's offsets: a parked mention is one object for many anchors (`parked_mention`).
    start: int
    end: int
    first: dt.date
    last: dt.date
    key: bytes  # canonical key, UTF-8: what the event id hashes
    title: str
    clause: _Clause
    words: int  # the sentence's content words, one bit per word of its source's vocabulary
    sentence: int  # the date's sentence, numbered in its text (0 for the first met): only compared
    said: int = 0  # a hash of the sentence's folded words: the same report printed by two outlets
    rank: int = -1  # the key's place among the sorted keys of all the corpus's anchors (-1: not yet ranked)

    @property
    def ref(self) -> MentionRef:
        return _REF((f"{self.source_id}:{self.start}-{self.end}", self.source_id, self.index))  # mention_id

    @property
    def language(self) -> str:
        return self.clause.language

    @property
    def series_id(self) -> str:
        return self.clause.series_id

    @property
    def edition(self) -> int | None:
        return self.clause.edition

    @property
    def series_in_clause(self) -> bool:
        return self.clause.series_in_clause

    @property
    def place(self) -> str:
        return self.clause.place

    @property
    def kinds(self) -> frozenset[str]:
        return self.clause.kinds

    @property
    def ends_range(self) -> bool:
        return self.clause.ends_range

    @property
    def excluded(self) -> str:
        return self.clause.excluded

    @property
    def actors(self) -> tuple[str, ...]:
        return self.clause.actors

    @property
    def main_kind(self) -> str:
        return self.clause.main_kind

    @property
    def links(self) -> frozenset[str]:
        return self.clause.links

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def contains(self, other: _Anchor) -> bool:
        return self.first <= other.first and other.last <= self.last

    @property
    def reading(self) -> str:
        return _reading(self.first, self.last)


_ANCHOR = _maker(_Anchor)


def whole(a: _Anchor) -> Mention:
    """An anchor's mention with its words: a parked one must have been read back before."""
    m = a.mention
    if not isinstance(m, Mention):
        # Never quote a mention that is not there: a row would say nothing, or the wrong words.
        raise RuntimeError(f"the mention of {a.ref.mention_id} is parked on disk and was not read back")
    return m


def _reading(first: dt.date, last: dt.date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def _rec_id(mention: str, kind: str) -> str:
    return "rc-" + hashlib.sha1(f"{mention}|{kind}".encode()).hexdigest()[:12]
