"""The scratch store: records round-trip exactly, and its folder is made by it and removed whatever happens.

What must hold: a mention, event or reconciliation row read back equals the one
written; the store makes its own folder (under TMPDIR) only when first used, and
`close` removes it and nothing else, also when the build fails; the threshold is
read from MCTIMELINE_STORE_DOCS.
"""

from __future__ import annotations

import tempfile
from dataclasses import astuple
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mctimeline import store
from mctimeline.builder import make_timeline
from mctimeline.events import Event, MentionRef, Reconciliation
from mctimeline.mentions import Mention
from mctimeline.seeds import read_seeds

ROOT = Path(__file__).resolve().parents[1]

_text = st.text(max_size=40)
_mentions = st.builds(
    Mention,
    start=st.integers(0, 10**9),
    end=st.integers(0, 10**9),
    text=_text,
    calendar=st.sampled_from(["gregorian", "jalali", "hijri", "relative"]),
    start_date=_text,
    end_date=_text,
    precision=st.sampled_from(["day", "month", "year", "part-of-year"]),
    status=st.sampled_from(["ok", "inferred", "conflict", "suspect", "invalid", "unresolved"]),
    note=_text,
    gloss_of=st.none() | st.integers(0, 100),
    written=_text,
    role=st.sampled_from(["", "since", "until", "by", "forecast"]),
)


@given(_mentions)
def test_a_mention_round_trips(mention: Mention) -> None:
    assert store.mention_of(store.mention_bytes(mention)) == mention


_refs = st.lists(st.builds(MentionRef, _text, _text, st.integers(0, 10**6)), max_size=5)


@given(_refs, st.none() | st.integers())
def test_an_event_round_trips(refs: list[MentionRef], edition: int | None) -> None:
    event = Event(
        *("ev-1", "2025-05-27", "2025-05-29", "day", "2025-05-27/2025-05-29", "1404-03-06", "1404-03-08"),
        *("1446-11-29", "1446-12-02", "conflict", "«نشست»", "Talks", "spief"),
        edition,
        *("Moscow", 3, "fa"),
        tuple(refs),
    )
    assert store.event_of(store.event_bytes(event)) == event


@given(st.builds(Reconciliation, *([_text] * 8)))
def test_a_reconciliation_row_round_trips(row: Reconciliation) -> None:
    assert store.rec_of(store.rec_bytes(row)) == row


def test_a_record_made_slot_by_slot_is_the_one_init_makes() -> None:
    # store._maker sets a frozen record's slots without its __init__: the same record, still
    # frozen, still hashed and compared by its fields; a class with a __post_init__ keeps it.
    import dataclasses

    from mctimeline.events.models import _Clause

    ref = store._maker(MentionRef)(("doc:1-5", "doc", 0))
    assert type(ref) is MentionRef and ref == MentionRef("doc:1-5", "doc", 0)
    assert hash(ref) == hash(MentionRef("doc:1-5", "doc", 0))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.index = 1  # type: ignore[misc]
    values = ("fa", "spief", 3, True, "Moscow", frozenset({"summit"}), False)
    clause = store._maker(_Clause)(values)
    assert clause == _Clause(*values) and clause.links == _Clause(*values).links


def test_the_seeds_records_round_trip() -> None:
    texts, _ = read_seeds(ROOT / "seeds")
    timeline = make_timeline(texts)
    assert all(store.event_of(store.event_bytes(e)) == e for e in timeline.events)
    assert all(store.mention_of(store.mention_bytes(p.mention)) == p.mention for p in timeline.mentions)
    assert all(store.rec_of(store.rec_bytes(r)) == r for r in timeline.reconciliations)


@pytest.mark.parametrize(("value", "expected"), [("", store.STORE_MIN_DOCS), ("0", 0), (" 7 ", 7), ("-3", 0)])
def test_the_threshold_is_read_from_the_environment(value: str, expected: int, monkeypatch) -> None:
    monkeypatch.setenv(store.STORE_ENV, value)
    assert store.store_min_docs() == expected
    assert store.Scratch().min_docs == expected


def test_a_threshold_that_is_not_a_number_is_refused(monkeypatch) -> None:
    monkeypatch.setenv(store.STORE_ENV, "many")
    with pytest.raises(ValueError, match=store.STORE_ENV):
        store.store_min_docs()


@pytest.fixture
def temp(tmp_path: Path, monkeypatch) -> Path:
    """TMPDIR for this test: a folder with a file of the user's beside where the store goes."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    (folder / "mine.txt").write_text("the user's", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_folder_is_made_on_first_use_only_and_removed_on_close(temp: Path) -> None:
    scratch = store.Scratch(0)
    assert scratch.folder is None and not scratch.opened
    scratch.close()  # nothing made, nothing to remove
    scratch.add_mentions("a", [Mention(0, 4, "2025", "gregorian", "2025-01-01", "2025-12-31", "year")])
    assert scratch.folder is not None and scratch.folder.parent == temp
    assert scratch.folder.name.startswith("mctimeline-scratch-")
    scratch.close()
    scratch.close()  # twice is harmless
    assert sorted(p.name for p in temp.iterdir()) == ["mine.txt"]
    assert (temp / "mine.txt").read_text(encoding="utf-8") == "the user's"


def test_the_folder_is_removed_when_the_work_fails(temp: Path) -> None:
    with pytest.raises(RuntimeError), store.Scratch(0) as scratch:
        scratch.add_mentions("a", [])
        assert scratch.folder is not None and scratch.folder.is_dir()
        raise RuntimeError("a writer failed")
    assert sorted(p.name for p in temp.iterdir()) == ["mine.txt"]


def test_a_shared_store_is_read_by_a_second_reader_that_leaves_it_in_place(temp: Path) -> None:
    mentions = [Mention(0, 4, "2025", "gregorian", "2025-01-01", "2025-12-31", "year")]
    with store.Scratch(0) as scratch:
        scratch.add_mentions("a", mentions)
        scratch.finish()
        path = scratch.shared()  # committed: another connection sees every row, and is not locked out
        with store.Scratch.reader(path) as reader:
            assert reader.count("placed") == 1 and reader.rows("placed", 0, 1) == scratch.rows("placed", 0, 1)
            with pytest.raises(Exception, match="readonly"):
                reader.db.execute("DELETE FROM placed")
        assert path.is_file() and scratch.count("placed") == 1  # the reader's close left it
    assert sorted(p.name for p in temp.iterdir()) == ["mine.txt"]


def test_an_unknown_table_is_refused() -> None:
    with store.Scratch(0) as scratch, pytest.raises(ValueError, match="no stored table"):
        scratch.count("sqlite_master")


def test_keys_and_titles_are_parked_on_disk_and_come_back_with_their_mentions() -> None:
    texts, _ = read_seeds(ROOT / "seeds")
    from mctimeline import corpus

    docs = sorted((corpus.document(seed) for seed in texts), key=lambda d: -len(d.anchors.anchors))[:3]
    originals = [a for doc in docs for a in doc.anchors.anchors]
    with store.Scratch(0) as scratch:
        parked = []
        for doc in docs:
            scratch.add_mentions(doc.source.source_id, doc.mentions)
            parked += scratch.park(doc.anchors).anchors
        # In memory: no key, and one string for every title (none for an anchor without one).
        assert all(a.key == b"" for a in parked)
        assert {id(a.title) for a in parked if a.title} == {id(store._PARKED)}
        assert [bool(a.title) for a in parked] == [bool(o.title) for o in originals]
        # The keys come back sorted, each with its anchor's place among those parked.
        keyed = list(scratch.parked_keys())
        assert keyed == sorted((o.key, n) for n, o in enumerate(originals))
        scratch.read_back(parked[::2])
        assert [(a.key, a.title) for a in parked[::2]] == [(o.key, o.title) for o in originals[::2]]
        assert all(a.key == b"" for a in parked[1::2])


def test_parked_mentions_keep_what_the_merge_compares_and_come_back_whole() -> None:
    from mctimeline import corpus
    from mctimeline.events.models import ParkedMention, whole

    texts, _ = read_seeds(ROOT / "seeds")
    docs = sorted((corpus.document(seed) for seed in texts), key=lambda d: -len(d.anchors.anchors))[:2]
    with store.Scratch(0) as scratch:
        parked = []
        for doc in docs:
            scratch.add_mentions(doc.source.source_id, doc.mentions)
            parked += scratch.park(doc.anchors).anchors
        originals = [a for doc in docs for a in doc.anchors.anchors]
        assert parked and all(isinstance(a.mention, ParkedMention) for a in parked)
        for a, o in zip(parked, originals, strict=True):
            m = o.mention
            compared = (m.start, m.end, m.calendar, m.precision, m.status, m.role)
            p = a.mention
            assert (a.start, a.end, p.calendar, p.precision, p.status, p.role) == compared and a.ref == o.ref
        # Quoting a parked mention before it is read back is refused, never an empty quote.
        with pytest.raises(RuntimeError, match="parked"):
            whole(parked[0])
        scratch.read_back(parked)
        assert [whole(a) for a in parked] == [whole(o) for o in originals]
        assert [a.key for a in parked] == [o.key for o in originals]


def test_anchors_held_before_the_spill_are_parked_in_place_as_park_parks_them() -> None:
    """A build that spills once it has read `min_docs` documents parks the anchors it holds
    already where they are (the merge's lists hold them): in memory they become what `park`
    makes, and their keys, titles and mentions come back whole from disk."""
    from mctimeline import corpus

    texts, _ = read_seeds(ROOT / "seeds")
    docs = sorted((corpus.document(seed) for seed in texts), key=lambda d: -len(d.anchors.anchors))[:3]
    copies = [corpus.document(seed) for seed in texts]
    by_id = {d.source.source_id: d for d in copies}
    with store.Scratch(0) as held_store, store.Scratch(0) as parked_store:
        held, parked = [], []
        for doc in docs:
            twin = by_id[doc.source.source_id]
            held_store.add_mentions(doc.source.source_id, doc.mentions)
            held_store.park_held(doc.anchors)
            held += doc.anchors.anchors
            parked_store.add_mentions(twin.source.source_id, twin.mentions)
            parked += parked_store.park(twin.anchors).anchors
        assert [astuple(a) for a in held] == [astuple(a) for a in parked]
        assert list(held_store.parked_keys()) == list(parked_store.parked_keys())
        held_store.read_back(held)
        # The twins' anchors are as `document` made them: `park` left them whole.
        assert held == [a for doc in docs for a in by_id[doc.source.source_id].anchors.anchors]


def test_a_mention_two_events_name_is_placed_with_the_last_as_a_dict_keeps_it() -> None:
    """The placings are appended as events come and keyed only at the end: the last event to name a
    mention gives its id and event, across flushes, and a mention no event names keeps its own id."""
    words = "On 5 May 2025 and 6 May 2025 they met."
    mentions = [
        Mention(3, 13, "5 May 2025", "gregorian", "2025-05-05", "2025-05-05", "day"),
        Mention(18, 28, "6 May 2025", "gregorian", "2025-05-06", "2025-05-06", "day"),
    ]
    assert [words[m.start : m.end] for m in mentions] == [m.text for m in mentions]

    def event(event_id: str, mention_id: str) -> Event:
        refs = (MentionRef(mention_id, "a", 0),)
        return Event(event_id, *(["x"] * 9), "", "", "", None, "", 1, "en", refs)  # type: ignore[arg-type]

    with store.Scratch(0) as scratch:
        scratch.add_mentions("a", mentions)
        scratch.add_event(event("ev-first", "a:3-13"))
        for n in range(store._FLUSH):  # the next event comes in another flush
            scratch.add_event(event(f"ev-filler{n}", f"b:{n}-{n + 1}"))
        scratch.add_event(event("ev-last", "a:3-13"))
        scratch.finish()
        placed = [(row[0], row[1], row[3]) for row in scratch.walk("placed", 0, scratch.count("placed"))]
    assert placed == [("a:3-13", "a", "ev-last"), ("a:18-28", "a", "")]


def _year(start: int) -> Mention:
    return Mention(start, start + 4, "2025", "gregorian", "2025-01-01", "2025-12-31", "year")


def test_mentions_that_came_in_order_are_known_to_need_no_sort() -> None:
    from mctimeline.placing import in_order

    spans = [
        _year(0),
        _year(10),
        Mention(10, 20, "2025-01-01", "gregorian", "2025-01-01", "2025-01-01", "day"),
    ]
    assert in_order(None, "b", spans) and in_order("a", "b", spans) and in_order("a", "b", [])
    assert not in_order("b", "b", spans) and not in_order("c", "b", spans)  # a source not above the last
    assert not in_order(None, "b", spans[::-1]) and not in_order(None, "b", [_year(0), _year(0)])  # ties too


@pytest.mark.parametrize("sources", [("a", "b"), ("b", "a")])
def test_mentions_are_placed_by_source_and_offsets_in_whatever_order_they_came(
    sources: tuple[str, str],
) -> None:
    with store.Scratch(0) as scratch:
        for source in sources:
            scratch.add_mentions(
                source, [_year(20), _year(5), _year(5)] if source == "a" else [_year(1), _year(9)]
            )
        scratch.finish()
        placed = [row[0] for row in scratch.walk("placed", 0, scratch.count("placed"))]
    assert placed == ["a:5-9", "a:5-9", "a:20-24", "b:1-5", "b:9-13"]


def test_a_parked_mention_is_one_object_for_its_kind_and_stays_frozen() -> None:
    import pickle

    from mctimeline.events.models import ParkedMention, parked_mention

    # A day-precise Jalali date confirmed, and a Hijri month inferred: their kinds' words.
    a = parked_mention("jalali", "day", "confirmed", "anchor")
    c = parked_mention("hijri", "month", "inferred", "gloss")
    assert (a.calendar, a.precision, a.status, a.role) == ("jalali", "day", "confirmed", "anchor")
    assert (c.calendar, c.precision, c.status, c.role) == ("hijri", "month", "inferred", "gloss")
    assert isinstance(a, ParkedMention) and a is not c
    # Every anchor parked with one kind holds the same object, also once pickled and back.
    assert a is parked_mention("jalali", "day", "confirmed", "anchor")
    assert pickle.loads(pickle.dumps(c)) is c
    assert not hasattr(a, "start")  # the offsets are the anchor's own
    with pytest.raises(AttributeError):
        a.start = 3  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        a.precision = "year"  # type: ignore[misc]
