"""The stored Timeline: the same records, order and lookups as the one in memory, and the same package bytes.

What must hold: reducing documents with the store (from the first document, or
spilling once a threshold is passed) gives the records the in-memory reduce gives,
in the same order, with the same lookups by id; a build with the store forced on
writes the same bytes as without it, and leaves no scratch folder, also when it fails.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import tempfile
from collections import Counter
from pathlib import Path

import pytest

import mctimeline.builder
import mctimeline.plot
from _synthetic import write_synthetic
from mctimeline import corpus, store
from mctimeline.builder import gazetteer_series
from mctimeline.events import source_anchors
from mctimeline.seeds import read_seeds
from mctimeline.sources import source_from_text
from mctimeline.stored import StoredTimeline
from mctimeline.timeline import Timeline, walk

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def synthetic_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic(tmp_path_factory.mktemp("synthetic") / "corpus", 40, seed=5)


@pytest.fixture(scope="module")
def documents(synthetic_folder: Path) -> list[corpus.Document]:
    texts = read_seeds(ROOT / "seeds")[0] + read_seeds(synthetic_folder)[0]
    return [corpus.document(seed) for seed in texts]


def _same(stored: Timeline, plain: Timeline) -> None:
    assert isinstance(stored, StoredTimeline) and not isinstance(plain, StoredTimeline)
    assert tuple(stored.sources) == plain.sources and stored.series == plain.series
    assert len(stored.sources) == len(plain.sources) and stored.sources[-1] == plain.sources[-1]
    for s in plain.sources:
        assert stored.source(s.source_id) == s
    assert stored.source("no-such") is None
    for name in ("mentions", "events", "reconciliations"):
        ours, theirs = getattr(stored, name), getattr(plain, name)
        assert len(ours) == len(theirs) and list(ours) == list(theirs), name
    # The events' keys, read from their own columns, are the events' own (a conflict's status too).
    keys = list(stored.event_keys())
    assert keys == list(plain.event_keys())
    assert [(e.start_date, e.end_date, e.precision, e.series_id, e.status) for e in plain.events] == keys
    # The statuses and kinds the summary counts, tallied by the store as it went, are the records' own.
    statuses = Counter(m.mention.status for m in plain.mentions)
    kinds = Counter(r.kind for r in plain.reconciliations)
    assert stored.mention_status_counts() == statuses == plain.mention_status_counts()
    assert stored.row_kind_counts() == kinds == plain.row_kind_counts()
    unplaced = [m for m in plain.mentions if not m.event_id]
    assert list(stored.unplaced_mentions()) == unplaced == list(plain.unplaced_mentions())
    assert plain.events and plain.reconciliations
    for event in plain.events:
        assert stored.reconciliations_of(event.event_id) == plain.reconciliations_of(event.event_id)
        for ref in event.mentions:
            assert stored.mention(ref.mention_id) == plain.mention(ref.mention_id)
    assert stored.mention("no-such:0-1") is None and stored.reconciliations_of("ev-none") == ()
    assert stored.created == plain.created


@pytest.mark.parametrize("min_docs", [0, 1, 7, 40])
def test_the_stored_reduce_gives_the_records_of_the_one_in_memory(
    documents: list[corpus.Document], min_docs: int
) -> None:
    plain = corpus.timeline(documents, gazetteer_series())
    # What the summary and the page's unplaced list read is there to compare.
    assert {"unresolved", "ok"} <= set(plain.mention_status_counts()) and any(plain.unplaced_mentions())
    with store.Scratch(min_docs) as scratch:
        stored = corpus.timeline(documents, gazetteer_series(), scratch)
        _same(stored, plain)
        if isinstance(stored, StoredTimeline):  # a second reader, with no tallies, counts the records
            with store.Scratch.reader(scratch.shared()) as reader:
                read = StoredTimeline.of(reader, ())
                assert read.mention_status_counts() == plain.mention_status_counts()
                assert read.row_kind_counts() == plain.row_kind_counts()


def test_below_the_threshold_nothing_is_stored(documents: list[corpus.Document]) -> None:
    with store.Scratch(len(documents) + 1) as scratch:
        timeline = corpus.timeline(documents, gazetteer_series(), scratch)
        assert not isinstance(timeline, StoredTimeline) and not scratch.opened


def test_stored_rows_index_and_slice_as_a_tuple_does(documents: list[corpus.Document]) -> None:
    plain = corpus.timeline(documents, gazetteer_series())
    with store.Scratch(0) as scratch:
        events = corpus.timeline(documents, gazetteer_series(), scratch).events
        whole = tuple(plain.events)
        n = len(whole)
        for index in (0, 1, n - 1, -1, -n):
            assert events[index] == whole[index]
        for part in (slice(0, 3), slice(2, n + 5), slice(5, 2), slice(None), slice(-4, None), slice(1, 9, 3)):
            assert events[part] == list(whole[part])
        for index in (n, -n - 1):
            with pytest.raises(IndexError):
                events[index]
        for start in (0, 1, 5, n - 1, n, n + 3):
            assert list(walk(events, start)) == list(whole[start:]) == list(walk(whole, start))


def test_stored_records_are_read_together_by_index(documents: list[corpus.Document]) -> None:
    plain = corpus.timeline(documents, gazetteer_series())
    with store.Scratch(0) as scratch:
        stored = corpus.timeline(documents, gazetteer_series(), scratch)
        for name in ("sources", "events"):
            records, whole = getattr(stored, name), tuple(getattr(plain, name))
            n = len(whole)
            assert n > 2
            for positions in ([], [0], [0, 1, n - 1], list(range(n)), list(range(1, n, 2))):
                assert records.at(positions) == [whole[i] for i in positions], name


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("which", ["seeds", "synthetic"])
def test_a_build_with_the_store_writes_the_same_bytes(
    which: str, synthetic_folder: Path, tmp_path: Path, monkeypatch
) -> None:
    seeds = ROOT / "seeds" if which == "seeds" else synthetic_folder
    scratch_parent = tmp_path / "tmp"
    scratch_parent.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch_parent))
    monkeypatch.setenv(store.STORE_ENV, "1000000")
    off = mctimeline.builder.build(seeds, tmp_path / "off")
    monkeypatch.setenv(store.STORE_ENV, "0")
    on = mctimeline.builder.build(seeds, tmp_path / "on")
    assert _tree(tmp_path / "on") == _tree(tmp_path / "off")
    assert not filecmp.dircmp(tmp_path / "on", tmp_path / "off").diff_files
    assert (on.sources, on.mentions, on.events, on.conflicts, on.unresolved, on.not_happenings) == (
        off.sources,
        off.mentions,
        off.events,
        off.conflicts,
        off.unresolved,
        off.not_happenings,
    )
    assert list(scratch_parent.iterdir()) == []  # the store's folder is gone


def test_the_plot_of_a_stored_timeline_is_the_one_in_memory(
    documents: list[corpus.Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its passes read the events' keys, and a stored event is decoded only for a row of marks:
    # a row limit that leaves some rows counted and some drawn as marks.
    plain = corpus.timeline(documents, gazetteer_series())
    with store.Scratch(0) as scratch:
        stored = corpus.timeline(documents, gazetteer_series(), scratch)
        for limit in (0, 3, 10**6):
            monkeypatch.setattr(mctimeline.plot.layout, "ROW_MAX_MARKS", limit)
            assert mctimeline.plot.svg_bytes(stored) == mctimeline.plot.svg_bytes(plain)
        monkeypatch.setattr(mctimeline.plot.layout, "ROW_MAX_MARKS", 3)
        svg = mctimeline.plot.svg_bytes(stored).decode()
        assert 'class="count"' in svg and 'class="event"' in svg


def test_a_failed_build_removes_the_store(synthetic_folder: Path, tmp_path: Path, monkeypatch) -> None:
    scratch_parent = tmp_path / "tmp"
    scratch_parent.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch_parent))
    monkeypatch.setenv(store.STORE_ENV, "0")
    made: list[Path] = []

    def failing_plot(folder: Path, timeline: Timeline) -> None:
        assert isinstance(timeline, StoredTimeline) and timeline.scratch is not None
        assert timeline.scratch.folder is not None
        made.append(timeline.scratch.folder)
        raise RuntimeError("the plot failed")

    monkeypatch.setattr(mctimeline.plot, "write_plot", failing_plot)
    with pytest.raises(RuntimeError, match="the plot failed"):
        mctimeline.builder.build(synthetic_folder, tmp_path / "out")
    assert made and not made[0].exists()
    assert list(scratch_parent.iterdir()) == []
    assert not (tmp_path / "out").exists()


def _merge_cases() -> dict[str, list[tuple[str, str, list]]]:
    """Corpora of tests/test_events_merge.py whose events rule 8 and rule 9 speak of across events."""
    import test_events_merge as merge

    day = merge._day(merge.DAY_FA, "۱۴ مارس ۲۰۲۵", merge.SIGNED)
    other = merge._day(merge.OTHER_DAY_EN, "March 27, 2025", dt.date(2025, 3, 27))
    month = merge._march(merge.MONTH_AR, "مارس الماضي", calendar="relative", status="inferred")
    m16 = merge._day(merge.JAN16_AR, "16 يناير 2025", dt.date(2025, 1, 16))
    m17 = merge._day(merge.JAN17_EN, "January 17, 2025", dt.date(2025, 1, 17))
    fa17 = merge._day(merge.JAN17_FA, "۲۸ دی ۱۴۰۳", merge.DEY_28, calendar="jalali")
    return {
        "period-ambiguous": [
            ("irna", merge.DAY_FA, [day]),
            ("wire", merge.OTHER_DAY_EN, [other]),
            ("sabah", merge.MONTH_AR, [month]),
        ],
        "sources-disagree": [
            ("ahram", merge.JAN16_AR, [m16]),
            ("wire", merge.JAN17_EN, [m17]),
            ("isna", merge.JAN17_FA, [fa17]),
        ],
    }


@pytest.mark.parametrize("kind", ["period-ambiguous", "sources-disagree"])
def test_rows_said_across_events_are_the_same_from_the_store(kind: str) -> None:
    docs = []
    for name, text, mentions in _merge_cases()[kind]:
        source = source_from_text(f"seeds/{name}.txt", text)
        docs.append(corpus.Document(source, tuple(mentions), source_anchors(source, text, mentions)))
    plain = corpus.timeline(docs)
    assert any(r.kind == kind for r in plain.reconciliations)
    with store.Scratch(0) as scratch:
        _same(corpus.timeline(docs, (), scratch), plain)


def test_the_writers_read_a_stored_timeline_a_page_of_records_at_a_time(
    documents: list[corpus.Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Memory bounded by what a writer asks at once: counted as the rows each query reads back,
    # never as bytes or seconds. The feeds walk the events a store page at a time (a slice of
    # all of them was a list of every event); the page asks its cards' mentions for a whole page
    # of events together, never one query a mention.
    from mctimeline import browse, feeds, page

    monkeypatch.setattr(store.scratch, "PAGE", 4)  # where Scratch.walk reads it
    page_size = 5
    asked: list[int] = []
    single: list[str] = []
    rows, placed_row = store.Scratch.rows, store.Scratch.placed_row

    def counted_rows(self: store.Scratch, table: str, lo: int, hi: int) -> list:
        found = rows(self, table, lo, hi)
        asked.append(len(found))
        return found

    def counted_placed_row(self: store.Scratch, mention_id: str) -> object:
        single.append(mention_id)
        return placed_row(self, mention_id)

    monkeypatch.setattr(store.Scratch, "rows", counted_rows)
    monkeypatch.setattr(store.Scratch, "placed_row", counted_placed_row)
    plain = corpus.timeline(documents, gazetteer_series())
    with store.Scratch(0) as scratch:
        stored = corpus.timeline(documents, gazetteer_series(), scratch)
        assert len(stored.events) > 10 * page_size
        feeds.write_feeds(tmp_path, stored, workers=1)
        # ... and read their descriptions' records a run of events at a time, as a worker's.
        assert asked and max(asked) <= store.PAGE and not single
        asked.clear()
        single.clear()
        page.write_pages(tmp_path, stored, page_size=page_size)
        assert asked and max(asked) <= page_size and not single
        # What the page reads of its records is what the timeline in memory answers.
        shown = plain.events[:page_size]
        records = stored.records_of(shown)
        for event in shown:
            assert records.reconciliations_of(event.event_id) == plain.reconciliations_of(event.event_id)
            for ref in event.mentions:
                assert records.mention(ref.mention_id) == plain.mention(ref.mention_id)
        # The mentions that made no event: counted, and only the listed ones held.
        monkeypatch.setattr(browse, "UNPLACED_SHOWN", 3)
        alone = [m for m in plain.mentions if not m.event_id]
        found = browse.unplaced(stored)
        assert len(alone) > 3 and found.total == len(alone) and list(found.first) == alone[:3]


def test_a_stored_reduce_lets_go_of_the_events_shared_strings(documents: list[corpus.Document]) -> None:
    from mctimeline.events import make

    plain = corpus.timeline(documents, gazetteer_series())
    assert make._iso.cache_info().currsize > 0  # an in-memory reduce's events hold them: kept
    with store.Scratch(0) as scratch:
        stored = corpus.timeline(documents, gazetteer_series(), scratch)
        assert make._iso.cache_info().currsize == 0 and make._shared_edtf.cache_info().currsize == 0
        assert list(stored.events) == list(plain.events)
