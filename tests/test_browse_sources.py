"""A value per source id, looked up in the sorted sources (browse.BySource), and a page's memory of
the ones it asked (browse.Remembered): the same answers as a dict of every source would give."""

from __future__ import annotations

import pytest

from mctimeline.browse import BySource, Remembered, remembered
from mctimeline.sources import Source


def _source(source_id: str, outlet: str) -> Source:
    return Source(
        source_id=source_id,
        path=f"seeds/{source_id}.txt",
        language="fa",
        sha256="0" * 64,
        characters=120,
        headline=f"گزارش {source_id}",
        outlet=outlet,
        agencies=(),
        published="",
        published_basis="",
    )


# Sorted by id as a Timeline keeps them; two sources share an id: the last one's value is given.
SOURCES = (_source("a-1", "ISNA"), _source("b-2", "IRNA"), _source("b-2", "Mehr"), _source("c-3", ""))


def test_each_id_gives_its_number_and_value_as_a_dict_would() -> None:
    made = {s.source_id: (n, s.outlet) for n, s in enumerate(SOURCES, 1)}  # the last of equal ids
    labels = BySource(SOURCES, lambda n, s: (n, s.outlet))
    assert dict(labels) == made
    assert len(labels) == 3 and list(labels) == ["a-1", "b-2", "c-3"]
    assert labels.get("b-1") is None and "0" not in labels and "d-4" not in labels
    with pytest.raises(KeyError):
        labels["b-20"]


def test_a_page_makes_each_sources_value_once() -> None:
    asked: list[str] = []

    def value(n: int, s: Source) -> str:
        asked.append(s.source_id)
        return s.outlet

    remembered = Remembered(BySource(SOURCES, value))
    asks = ("b-2", "a-1", "b-2", "b-2", "c-3")
    assert [remembered[i] for i in asks] == ["Mehr", "ISNA", "Mehr", "Mehr", ""]
    assert asked == ["b-2", "a-1", "c-3"]
    assert remembered.get("zz", "none") == "none" and len(remembered) == 3
    with pytest.raises(KeyError):
        remembered["zz"]


class _Counted(tuple):  # type: ignore[type-arg]
    """Sources that count how often they are read, one by one or together (as a stored timeline's)."""

    read: list[int]

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        self.read.append(index)
        return super().__getitem__(index)

    def at(self, positions: list[int]) -> list[Source]:
        self.read.extend(positions)
        return [tuple.__getitem__(self, i) for i in positions]


def test_a_pages_sources_are_read_once_for_its_labels_and_facets() -> None:
    sources = _Counted(SOURCES)
    sources.read = []
    labels = BySource(sources, lambda n, s: (n, s.outlet))
    outlets = BySource(sources, lambda n, s: s.outlet or "none", labels.ids)
    languages = BySource(sources, lambda n, s: s.language, labels.ids)
    cited = ["c-3", "b-2", "a-1", "b-2", "zz"]
    mine, their_outlets, their_languages = remembered(cited, (labels, outlets, languages))
    # Each source cited read once (of equal ids, the last: index 2), for all three.
    assert sorted(sources.read) == [0, 2, 3]
    assert [mine[i] for i in ("a-1", "b-2", "c-3")] == [(1, "ISNA"), (3, "Mehr"), (4, "")]
    assert [their_outlets[i] for i in ("a-1", "b-2", "c-3")] == ["ISNA", "Mehr", "none"]
    assert their_languages["b-2"] == "fa" and sorted(sources.read) == [0, 2, 3]  # no read more
    with pytest.raises(KeyError):
        mine["zz"]
    assert their_outlets.get("zz") is None and len(mine) == 3


def test_values_not_sharing_their_ids_are_remembered_as_asked() -> None:
    labels = BySource(SOURCES, lambda n, s: (n, s.outlet))
    apart = BySource(SOURCES, lambda n, s: s.language)  # a list of ids of its own
    mine, theirs = remembered(["a-1"], (labels, apart))
    assert mine["a-1"] == (1, "ISNA") and theirs["a-1"] == "fa"
    assert remembered([], ()) == []


def test_the_facets_and_labels_share_one_list_of_ids() -> None:
    from mctimeline.browse import NO_OUTLET, Facets
    from mctimeline.timeline import Timeline

    timeline = Timeline(sources=SOURCES, mentions=(), events=())
    labels = BySource(SOURCES, lambda n, s: (n, s.outlet))
    facets = Facets.of(timeline, labels.ids)
    outlets, languages = facets.outlets, facets.languages
    assert isinstance(outlets, BySource) and isinstance(languages, BySource)
    assert outlets.ids is labels.ids and languages.ids is labels.ids
    assert dict(outlets) == {"a-1": "ISNA", "b-2": "Mehr", "c-3": NO_OUTLET}
    assert dict(languages) == {"a-1": "fa", "b-2": "fa", "c-3": "fa"}
    alone = Facets.of(timeline)  # a list of its own, shared by its two
    assert isinstance(alone.outlets, BySource) and isinstance(alone.languages, BySource)
    assert alone.outlets.ids is alone.languages.ids and alone.outlets.ids == labels.ids
    assert dict(alone.outlets) == dict(outlets)
