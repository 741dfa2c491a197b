"""The reduce's shared values: documents made apart (pickled, as from a pool) end up holding one copy.

What must hold: after the reduce, equal days, readings and kinds of different documents
are one object; no value changes (the Timeline equals the one reduced from unshared
documents); values repeated only within a document, and mostly distinct ones, are
shared no further than said; a placed mention of an event holds its reference's id.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from mctimeline import corpus, sharing
from mctimeline.builder import gazetteer_series
from mctimeline.seeds import SeedText, read_seeds
from mctimeline.sharing import Shared

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_texts() -> list[SeedText]:
    texts, _ = read_seeds(ROOT / "seeds")
    return texts


def _apart(texts: list[SeedText]) -> list[corpus.Document]:
    """Each document as another process would send it: unpickled, with copies of its own."""
    return [pickle.loads(pickle.dumps(corpus.document(seed))) for seed in texts]


def test_equal_values_of_documents_made_apart_become_one_object(seed_texts: list[SeedText]) -> None:
    docs = _apart(seed_texts)
    first = {}
    for doc in docs:
        for m in doc.mentions:
            first.setdefault(m.start_date, m.start_date)
    before = sum(m.start_date is not first[m.start_date] for d in docs for m in d.mentions)
    assert before > 0  # unpickled documents hold copies of their own
    shared = Shared()
    for doc in docs:
        shared.document(doc.source, doc.mentions, doc.anchors)
    for field in ("start_date", "end_date", "written"):
        one = {}
        for doc in docs:
            for m in doc.mentions:
                assert one.setdefault(getattr(m, field), getattr(m, field)) is getattr(m, field)
    days = {}
    for doc in docs:
        for a in doc.anchors.anchors:
            assert days.setdefault(a.first, a.first) is a.first
            assert days.setdefault(a.last, a.last) is a.last


def test_sharing_changes_no_value(seed_texts: list[SeedText]) -> None:
    plain = _apart(seed_texts)
    docs = _apart(seed_texts)
    shared = Shared()
    for doc in docs:
        shared.document(doc.source, doc.mentions, doc.anchors)
    assert docs == plain
    assert corpus.timeline(iter(docs), gazetteer_series()) == corpus.timeline(iter(plain), gazetteer_series())


def test_ids_and_titles_are_not_shared_across_documents(seed_texts: list[SeedText]) -> None:
    docs = _apart(seed_texts[:2])
    a, b = docs[0].anchors.anchors[0], docs[1].anchors.anchors[0]
    title = a.title
    copy = title.encode().decode()
    assert copy is not title
    object.__setattr__(b, "title", copy)  # an equal title in another document …
    shared = Shared()
    for doc in docs:
        shared.document(doc.source, doc.mentions, doc.anchors)
    assert b.title == title and b.title is copy  # … stays its own: titles are shared within a document only
    assert b.ref.mention_id is not a.ref.mention_id


def test_type_keeps_equal_values_apart() -> None:
    tables: dict = {}

    class Box:
        __slots__ = ("v",)

        def __init__(self, v: object) -> None:
            self.v = v

    one, true = Box(1), Box(True)
    sharing._share(one, ("v",), tables)
    sharing._share(true, ("v",), tables)
    assert true.v is True and one.v == 1 and type(one.v) is int


def test_a_placed_mention_of_an_event_holds_its_references_id(seed_texts: list[SeedText]) -> None:
    timeline = corpus.timeline(iter(_apart(seed_texts)), gazetteer_series())
    refs = {ref.mention_id: ref for e in timeline.events for ref in e.mentions}
    placed = [p for p in timeline.mentions if p.event_id]
    assert placed
    assert all(p.mention_id is refs[p.mention_id].mention_id for p in placed)


def test_parked_documents_share_what_stays_in_memory(seed_texts: list[SeedText]) -> None:
    from mctimeline.store import Scratch

    docs, plain = _apart(seed_texts), _apart(seed_texts)
    shared = Shared()
    with Scratch(0) as scratch:
        parked = []
        for doc in docs:
            scratch.add_mentions(doc.source.source_id, doc.mentions)
            item = scratch.park(doc.anchors)
            shared.parked(doc.source, item)
            parked.append(item)
    one: dict = {}
    held = [a for item in parked for a in item.anchors]
    assert len({a.mention.calendar for a in held}) < len(
        {id(a.mention.calendar) for a in plain_anchors(plain)}
    )
    for a in held:
        values = (a.first, a.last, a.start, a.end, a.clause, a.mention)
        for value in (*values, a.mention.calendar, a.mention.precision, a.mention.status):
            assert one.setdefault((type(value), value), value) is value
    # … and no value changes: the same anchors but for their parked mentions, keys and titles.
    for a, o in zip(held, plain_anchors(plain), strict=True):
        assert (a.first, a.last, a.clause, a.start, a.end, a.mention.role) == (
            o.first,
            o.last,
            o.clause,
            o.mention.start,
            o.mention.end,
            o.mention.role,
        )


def plain_anchors(docs: list[corpus.Document]) -> list:
    return [a for doc in docs for a in doc.anchors.anchors]
