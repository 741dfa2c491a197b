"""The local engine's worker processes: the same Documents, in the same order, as one process makes."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from click.testing import CliRunner

from _synthetic import write_synthetic
from mctimeline import corpus
from mctimeline.cli import main
from mctimeline.seeds import SeedText, read_seeds

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SeedText]]:
    folder = write_synthetic(tmp_path_factory.mktemp("pool") / "corpus", 30, seed=5)
    texts, _ = read_seeds(folder)
    return folder, texts


def test_worker_processes_give_the_documents_of_one_process_in_order(
    synthetic: tuple[Path, list[SeedText]],
) -> None:
    _, texts = synthetic
    serial = [corpus.document(seed) for seed in texts]
    # chunks of 4 over 2 workers: more chunks than are ever in flight at once
    pooled = list(corpus.local_documents(texts, 2, chunk=4))
    assert pooled == serial
    assert [d.source.source_id for d in pooled] == [s.source_id for s in texts]


def test_the_texts_are_read_as_the_workers_need_them(synthetic: tuple[Path, list[SeedText]]) -> None:
    _, texts = synthetic
    read = []

    def reading() -> Iterator[SeedText]:
        for seed in texts:
            read.append(seed.source_id)
            yield seed

    docs = corpus.local_documents(reading(), 2, chunk=2)
    first = next(iter(docs))
    assert first.source.source_id == texts[0].source_id
    # two chunks a worker in flight and the one being filled: never the whole corpus ahead
    assert len(read) <= 2 * 2 * 2 + 2 < len(texts)
    docs.close()  # type: ignore[attr-defined]


def test_a_broken_pool_leaves_the_rest_to_this_process(
    synthetic: tuple[Path, list[SeedText]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, texts = synthetic

    class NoWorkers:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise BrokenProcessPool("no process may be started here")

    monkeypatch.setattr(corpus, "ProcessPoolExecutor", NoWorkers)
    assert list(corpus.local_documents(texts, 2, chunk=4)) == [corpus.document(s) for s in texts]


def test_a_small_corpus_or_one_worker_stays_in_this_process(
    synthetic: tuple[Path, list[SeedText]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, texts = synthetic

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no pool for this")

    monkeypatch.setattr(corpus, "_pooled_documents", refuse)
    monkeypatch.delenv(corpus.WORKERS_ENV, raising=False)
    assert len(texts) < corpus.POOL_MIN_DOCS
    assert len(list(corpus.local_documents(texts))) == len(texts)
    assert len(list(corpus.local_documents(texts, 1))) == len(texts)


def test_how_many_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(corpus.WORKERS_ENV, raising=False)
    monkeypatch.setattr(corpus.processes, "cores", lambda: 6)
    monkeypatch.setattr(corpus.processes, "may_start_workers", lambda: True)
    assert corpus._local_workers(corpus.POOL_MIN_DOCS - 1) == 1
    assert corpus._local_workers(corpus.POOL_MIN_DOCS) == 6
    monkeypatch.setenv(corpus.WORKERS_ENV, "3")
    assert corpus._local_workers(5) == 3
    monkeypatch.setattr(corpus.processes, "may_start_workers", lambda: False)
    assert corpus._local_workers(10**6) == 1  # a script without the main guard, or a daemon


@pytest.mark.parametrize("value", ["many", "2.5"])
def test_a_bad_number_of_workers_in_the_environment_is_one_line_and_exit_2(
    value: str, tmp_path: Path, synthetic: tuple[Path, list[SeedText]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = synthetic
    monkeypatch.setenv(corpus.WORKERS_ENV, value)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--seeds", str(folder), "--out", str(out)])
    assert result.exit_code == 2
    expected = f"mctimeline: error: MCTIMELINE_WORKERS must be a whole number, not {value!r}"
    assert result.output.strip() == expected
    assert not out.exists()


def test_the_build_with_workers_writes_the_bytes_of_one_process(
    tmp_path: Path, synthetic: tuple[Path, list[SeedText]]
) -> None:
    folder, _ = synthetic
    runner = CliRunner()
    one, two = tmp_path / "one", tmp_path / "two"
    for out, workers in ((one, "1"), (two, "2")):
        args = ["--quiet", "build", "--seeds", str(folder), "--out", str(out), "--workers", workers]
        assert runner.invoke(main, args).exit_code == 0
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
