"""The streaming build: the per-document stage and the reduce, on the seeds and a small synthetic corpus.

What must hold: a Document is small, picklable and holds no text; reducing Documents
gives the Timeline the whole-corpus assembly gives, whatever their order; the
Jalali and Hijri columns the builder fills in bulk equal the core's scalar
conversions, day for day, including days outside a calendar's range (empty).
"""

from __future__ import annotations

import datetime as dt
import gc
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from _synthetic import write_synthetic
from mctimeline import calendars, corpus
from mctimeline.builder import gazetteer_series, make_timeline, timeline_from_corpus
from mctimeline.events import assemble
from mctimeline.mentions import Mention
from mctimeline.seeds import SeedText, read_seeds
from mctimeline.sources import source_from_text
from mctimeline.tagger import tag

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seed_texts() -> list[SeedText]:
    texts, _ = read_seeds(SEEDS)
    return texts


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[SeedText]:
    folder = write_synthetic(tmp_path_factory.mktemp("synthetic") / "corpus", 24, seed=3)
    texts, _ = read_seeds(folder)
    return texts


def _old_style(texts: list[SeedText]):  # the whole corpus in memory, as the builder once did
    from mctimeline.sources import source_from_bytes

    items = []
    for seed in texts:
        mentions = tag(seed.text)
        items.append((source_from_bytes(seed.path, seed.data, seed.text, mentions), seed.text, mentions))
    return timeline_from_corpus(items)


@pytest.mark.parametrize("which", ["seed_texts", "synthetic"])
def test_streaming_equals_the_whole_corpus_assembly(which: str, request: pytest.FixtureRequest) -> None:
    texts = request.getfixturevalue(which)
    assert make_timeline(texts) == _old_style(texts)


@pytest.mark.parametrize("which", ["seed_texts", "synthetic"])
def test_the_order_of_documents_does_not_matter(which: str, request: pytest.FixtureRequest) -> None:
    texts = request.getfixturevalue(which)
    docs = [corpus.document(seed) for seed in texts]
    forward = corpus.timeline(docs, gazetteer_series())
    backward = corpus.timeline(reversed(docs), gazetteer_series())
    assert forward == backward
    assert forward.events  # not trivially equal


def test_a_document_pickles_and_keeps_no_text(seed_texts: list[SeedText]) -> None:
    for seed in seed_texts:
        doc = corpus.document(seed)
        data = pickle.dumps(doc)
        assert pickle.loads(data) == doc
        windows = [seed.text[i : i + 250] for i in range(0, len(seed.text) - 250, 50)]
        assert windows
        for window in windows:  # titles are clauses, never a paragraph (the headline is a source field)
            if " ".join(window.split()) not in doc.source.headline:
                assert window.encode("utf-8") not in data


def test_a_document_is_pure(seed_texts: list[SeedText]) -> None:
    seed = seed_texts[0]
    assert corpus.document(seed) == corpus.document(seed)


def test_two_sources_with_one_id_are_refused(seed_texts: list[SeedText]) -> None:
    doc = corpus.document(seed_texts[0])
    with pytest.raises(ValueError, match="share the id"):
        corpus.timeline([doc, doc])


def test_unknown_engine_is_refused(seed_texts: list[SeedText]) -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        corpus.documents(seed_texts, "spark")  # type: ignore[arg-type]


# --- the bulk calendar columns ---------------------------------------------------------------


def _scalar(day: str, calendar: calendars.Calendar) -> str:
    try:
        return calendars.from_gregorian(dt.date.fromisoformat(day), calendar).isoformat()
    except calendars.CalendarError:
        return ""


def _check_columns(events) -> int:
    checked = 0
    for e in events:
        for column, day, calendar in (
            (e.jalali_start, e.start_date, "jalali"),
            (e.jalali_end, e.end_date, "jalali"),
            (e.hijri_start, e.start_date, "hijri"),
            (e.hijri_end, e.end_date, "hijri"),
        ):
            assert column == _scalar(day, calendar), (e.event_id, calendar, day)
            checked += 1
    return checked


@pytest.mark.parametrize("which", ["seed_texts", "synthetic"])
def test_bulk_calendar_columns_equal_scalar_conversions(which: str, request: pytest.FixtureRequest) -> None:
    texts = request.getfixturevalue(which)
    assert _check_columns(make_timeline(texts).events) > 20


def test_bulk_columns_outside_a_calendars_range_are_empty() -> None:
    # Days before the Jalali epoch (622) and after the Umm al-Qura table (2077), and days inside both.
    days = [("0500-03-01", "0500-03-01"), ("2100-01-01", "2100-12-31"), ("1925-03-21", "2077-11-16")]
    days += [(f"{y}-03-20", f"{y}-03-21") for y in range(1925, 2078, 7)]
    text = " ".join(f"meeting {i}." for i in range(len(days)))
    mentions = []
    for i, (first, last) in enumerate(days):
        at = text.index(f"meeting {i}.")
        mentions.append(Mention(at, at + 7, "meeting", "gregorian", first, last, "day"))
    events, _, _ = assemble([(source_from_text("seeds/x.txt", text), text, mentions)])
    assert _check_columns(events) >= 4 * len(days) - 4
    empty = {e.start_date: (e.jalali_start, e.hijri_start) for e in events}
    assert empty["0500-03-01"] == ("", "")
    assert empty["2100-01-01"][1] == "" and empty["2100-01-01"][0]


# --- the progress bar ---------------------------------------------------------------------------


def _build_stderr(tmp_path: Path, *extra: str, tty: bool) -> str:
    import os
    import pty
    import subprocess

    cmd = [sys.executable, "-m", "mctimeline", *extra, "build", "--seeds", str(SEEDS), "--out"]
    cmd.append(str(tmp_path / "package"))
    if not tty:
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        return done.stderr
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait() == 0
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_progress_bar_with_documents_per_second_on_a_terminal(tmp_path: Path) -> None:
    shown = _build_stderr(tmp_path, tty=True)
    assert "tagging" in shown and "docs/s" in shown and "5/5" in shown


@pytest.mark.parametrize("quiet", [False, True])
def test_no_progress_bar_off_a_terminal_or_when_quiet(tmp_path: Path, quiet: bool) -> None:
    # Quiet on a terminal; not quiet but off a terminal (stderr a pipe).
    shown = _build_stderr(tmp_path, *(["--quiet"] if quiet else []), tty=quiet)
    assert "docs/s" not in shown


@pytest.mark.parametrize("enabled", [True, False])
def test_the_reduce_pauses_the_cyclic_collector_and_leaves_it_as_found(enabled: bool) -> None:
    seen: list[bool] = []

    def docs() -> Iterator[corpus.Document]:
        seen.append(gc.isenabled())  # asked for inside the reduce
        yield from ()

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        corpus.timeline(docs())
        assert seen == [False]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
