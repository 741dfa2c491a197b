"""The store's records as bytes: each record's fields as a `marshal`ed tuple, and back."""

from __future__ import annotations

import marshal
import operator
from dataclasses import fields

from mctimeline.events import Event, MentionRef, Reconciliation
from mctimeline.events.models import ParkedMention, _Anchor, _maker, parked_mention
from mctimeline.mentions import Mention
from mctimeline.sources import Source

# What an anchor holds in place of its title while the title waits on disk: one string, a NUL, for
# all (the title comes back with the anchor's mention, `read_back`). No title is ever that: a title
# is words of a text, and a text with a NUL is refused when read.
_PARKED = "\x00"


# A record's fields, all plain values, as a tuple: what `astuple` gives, without its deep copy
# of each (a third of the reduce's time with the store on).
_MENTION_VALUES = operator.attrgetter(*(f.name for f in fields(Mention)))
_EVENT_VALUES = operator.attrgetter(*(f.name for f in fields(Event)))
_REC_VALUES = operator.attrgetter(*(f.name for f in fields(Reconciliation)))
_SOURCE_VALUES = operator.attrgetter(*(f.name for f in fields(Source)))
# An anchor's fields, to make its parked copy (`dataclasses.replace` took three times as long).
_ANCHOR_FIELDS = [f.name for f in fields(_Anchor)]
_ANCHOR_VALUES = operator.attrgetter(*_ANCHOR_FIELDS)
_ANCHOR_MENTION, _ANCHOR_TITLE = _ANCHOR_FIELDS.index("mention"), _ANCHOR_FIELDS.index("title")
_ANCHOR_KEY = _ANCHOR_FIELDS.index("key")


_MENTION = _maker(Mention)
_ANCHOR = _maker(_Anchor)  # slot by slot: the frozen __init__ was a third of parking an anchor
_EVENT = _maker(Event)
_REF = _maker(MentionRef)
_REC = _maker(Reconciliation)
_SOURCE = _maker(Source)


def mention_bytes(m: Mention) -> bytes:
    return marshal.dumps(_MENTION_VALUES(m))


def mention_of(data: bytes) -> Mention:
    return _MENTION(marshal.loads(data))


def event_bytes(e: Event) -> bytes:
    values = list(_EVENT_VALUES(e))
    values[-1] = tuple((r.mention_id, r.source_id, r.index) for r in e.mentions)
    return marshal.dumps(tuple(values))


def event_of(data: bytes) -> Event:
    values = list(marshal.loads(data))
    values[-1] = tuple(map(_REF, values[-1]))
    return _EVENT(values)


def rec_bytes(r: Reconciliation) -> bytes:
    return marshal.dumps(_REC_VALUES(r))


def rec_of(data: bytes) -> Reconciliation:
    return _REC(marshal.loads(data))


def source_bytes(s: Source) -> bytes:
    return marshal.dumps(_SOURCE_VALUES(s))


def source_of(data: bytes) -> Source:
    return _SOURCE(marshal.loads(data))


_PARKED_VALUES = operator.attrgetter("calendar", "precision", "status", "role")


def _parked(m: Mention) -> ParkedMention:
    return parked_mention(*_PARKED_VALUES(m))  # the fields of the same names
