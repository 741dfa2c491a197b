"""Records pickled field by field (mctimeline.records): the same objects back, shared ones still shared."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _synthetic import write_synthetic
from mctimeline import corpus
from mctimeline.mentions import Mention
from mctimeline.records import _remade, pickled_by_fields
from mctimeline.seeds import SeedText, read_seeds

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[SeedText]:
    folder = write_synthetic(tmp_path_factory.mktemp("synthetic") / "corpus", 12, seed=5)
    return read_seeds(SEEDS)[0] + read_seeds(folder)[0]


def _fields_of(record: object) -> list[object]:
    # Every field, those left out of comparison (a clause's `links`) too.
    return [getattr(record, f.name) for f in fields(record)]  # type: ignore[arg-type]


def test_a_document_comes_back_field_for_field(texts: list[SeedText]) -> None:
    for seed in texts:
        doc = corpus.document(seed)
        back = pickle.loads(pickle.dumps(doc, pickle.HIGHEST_PROTOCOL))
        # Not repr: a frozenset made again from its items may list them in another order.
        assert back == doc
        for new, old in zip(back.anchors.anchors, doc.anchors.anchors, strict=True):
            assert _fields_of(new.clause) == _fields_of(old.clause)  # derived `links` too
            # An anchor's mention is its document's mention, one object, on both sides of the pipe.
            assert (new.mention is back.mentions[new.index]) == (old.mention is doc.mentions[old.index])


def test_the_records_no_longer_pickle_by_dataclasses_state(texts: list[SeedText]) -> None:
    doc = corpus.document(texts[0])
    for record in (doc, doc.source, doc.anchors, *doc.mentions[:1], *doc.anchors.anchors[:1]):
        assert record.__reduce_ex__(pickle.HIGHEST_PROTOCOL)[0] is _remade


_DAYS = st.dates().map(lambda d: d.isoformat())


@given(
    st.builds(
        Mention,
        start=st.integers(0, 10**6),
        end=st.integers(0, 10**6),
        text=st.text(max_size=30),
        calendar=st.sampled_from(["gregorian", "jalali", "hijri", "relative"]),
        start_date=_DAYS,
        end_date=_DAYS,
        precision=st.sampled_from(["day", "month", "year", "part-of-year"]),
        status=st.sampled_from(["ok", "inferred", "conflict", "suspect", "invalid", "unresolved"]),
        note=st.text(max_size=20),
        gloss_of=st.none() | st.integers(0, 50),
        written=st.text(max_size=12),
        role=st.sampled_from(["", "since", "until", "by", "forecast"]),
    )
)
def test_any_mention_round_trips(mention: Mention) -> None:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(mention, protocol))
        assert _fields_of(back) == _fields_of(mention)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class _One:
    name: str


def test_a_record_of_one_field_round_trips() -> None:
    assert pickle.loads(pickle.dumps(_One("x"))) == _One("x")


def test_a_record_without_slots_is_refused() -> None:
    @dataclass(frozen=True)
    class Plain:
        a: int

    with pytest.raises(TypeError, match="slots"):
        pickled_by_fields(Plain)


def test_only_registered_classes_are_remade() -> None:
    with pytest.raises(KeyError):
        _remade(dict, ())


def test_a_record_made_with_every_slot_has_its_derived_fields_as_given() -> None:
    """records.all_slots_maker sets the fields `__init__` leaves to `__post_init__` as given, and
    runs no `__post_init__`."""
    from dataclasses import field

    from mctimeline.records import all_slots_maker

    @dataclass(frozen=True, slots=True)
    class Pair:
        a: int
        doubled: int = field(init=False)

        def __post_init__(self) -> None:
            object.__setattr__(self, "doubled", 2 * self.a)

    made = all_slots_maker(Pair)((3, 6))
    assert (made.a, made.doubled) == (3, 6) and made == Pair(3)
    assert all_slots_maker(Pair)((3, 7)).doubled == 7  # as given: no __post_init__ ran


@dataclass(frozen=True, slots=True)
class _Three:
    a: int
    b: str
    c: float


@pytest.mark.parametrize("values", [(1, "x"), (1, "x", 2.0, "extra"), ()])
def test_a_maker_given_the_wrong_number_of_values_fails_at_once(values: tuple[object, ...]) -> None:
    """A slot maker told too few values (a slot left unset, found only when read) or too many (the
    extra ones silently dropped: the shape two branches once disagreed on) raises instead."""
    from mctimeline.records import all_slots_maker, maker

    for make in (maker(_Three), all_slots_maker(_Three)):
        with pytest.raises(ValueError, match="values to unpack"):
            make(values)


def test_a_maker_given_the_right_number_of_values_sets_each_slot() -> None:
    from mctimeline.records import maker

    assert maker(_Three)([1, "x", 2.0]) == _Three(1, "x", 2.0)
