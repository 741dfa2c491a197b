"""Corpus mode on Dask: the per-document stage on a local cluster of two workers, byte-identical output.

Needs the `dask` extra (dask[distributed], also in the `test` extra): skipped when
it is absent, except in CI (CI=true), where its absence is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from _archive_samples import as_csv, as_folder, as_jsonl
from _synthetic import write_synthetic
from mctimeline import corpus
from mctimeline.builder import build, make_timeline
from mctimeline.cli import main
from mctimeline.seeds import SeedText, read_seeds

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

try:
    import dask.distributed  # noqa: F401

    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False
    if os.environ.get("CI") == "true":
        raise RuntimeError(
            "CI=true but dask[distributed] is not installed: pip install -e '.[test]'"
        ) from None

pytestmark = pytest.mark.skipif(not HAVE_DASK, reason="dask[distributed] not installed (extra: dask)")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic(tmp_path_factory.mktemp("synthetic") / "corpus", 16, seed=5)


@pytest.mark.parametrize("which", ["seeds", "synthetic"])
def test_two_thread_workers_build_the_same_bytes(which: str, request, tmp_path: Path) -> None:
    seeds = SEEDS if which == "seeds" else request.getfixturevalue("synthetic")
    build(seeds, tmp_path / "local")
    build(seeds, tmp_path / "dask", engine="dask", cluster={"workers": 2, "processes": False, "chunk": 4})
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")


def test_documents_come_back_in_seed_order_across_chunks(synthetic: Path) -> None:
    texts, _ = read_seeds(synthetic)
    docs = list(corpus.dask_documents(texts, workers=2, processes=False, chunk=3))
    assert [d.source.path for d in docs] == [t.path for t in texts]
    assert corpus.timeline(docs, make_timeline(texts).series) == make_timeline(texts)


def test_the_build_command_on_two_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two worker processes, as `mctimeline build --engine dask` starts them by default; their
    # fork server is started before the texts are listed, so that it warms up beside that.
    from mctimeline import builder, daskcluster

    order: list[str] = []

    def recorded(name: str, function):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            order.append(name)
            return function(*args, **kwargs)

        return call

    monkeypatch.setattr(daskcluster, "start_fork_server", recorded("server", daskcluster.start_fork_server))
    monkeypatch.setattr(builder, "read_texts", recorded("listing", builder.read_texts))
    out = tmp_path / "package"
    result = CliRunner().invoke(
        main, ["build", "--seeds", str(SEEDS), "--out", str(out), "--engine", "dask", "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert snapshot(out) == snapshot(ROOT / "datapackage")
    assert order[:2] == ["server", "listing"]


def test_scheduler_without_dask_engine_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--seeds", str(SEEDS), "--out", str(tmp_path / "p"), "--scheduler", "tcp://x:1"]
    )
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.output


def test_a_bad_seed_midway_stops_the_build_and_the_cluster(tmp_path: Path) -> None:
    import shutil

    from mctimeline.builder import BadSeeds

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "003_zz.txt").write_bytes(b"abc \xff def")
    with pytest.raises(BadSeeds, match=r"003_zz\.txt: not UTF-8 at byte 4"):
        build(seeds, tmp_path / "out", engine="dask", cluster={"workers": 2, "processes": False, "chunk": 1})
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("archive")
    return {"folder": as_folder(root), "jsonl": as_jsonl(root), "csv": as_csv(root)}


@pytest.mark.parametrize("kind", ["folder", "jsonl", "csv"])
def test_dask_reads_metadata_and_corpus_files_to_the_same_bytes(
    kind: str, archive: dict[str, Path], tmp_path: Path
) -> None:
    seeds = archive[kind]
    build(seeds, tmp_path / "local")
    build(seeds, tmp_path / "dask", engine="dask", cluster={"workers": 2, "processes": False, "chunk": 2})
    local = snapshot(tmp_path / "local")
    assert snapshot(tmp_path / "dask") == local
    assert b",metadata," in local["sources.csv"]  # the metadata reached the workers


def test_a_bad_corpus_record_midway_stops_the_dask_build(tmp_path: Path) -> None:
    import json

    from mctimeline.builder import BadSeeds

    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"r{n}", "text": f"وصل الوفد أمس إلى موسكو {n}."}) for n in range(6)]
    lines.insert(4, json.dumps({"id": "r1", "text": "مكرر"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BadSeeds, match=r"corpus\.jsonl, line 5: id 'r1' is taken already, on line 2"):
        build(path, tmp_path / "out", engine="dask", cluster={"workers": 2, "processes": False, "chunk": 1})
    assert not (tmp_path / "out").exists()


def _worker_state() -> tuple[bool, bool]:
    import sys

    import dask

    return "mctimeline.warmup" in sys.modules, dask.config.get("distributed.worker.profile.enabled")


def test_the_local_cluster_forks_warm_quiet_workers_that_make_the_same_documents(tmp_path: Path) -> None:
    # The workers come from the fork server with the tagger imported and warmed, and run
    # without the dashboard's profiler; a Document is the same whoever makes it.
    from dask.distributed import Client

    from mctimeline.daskcluster import local_cluster

    texts, _ = read_seeds(SEEDS)
    cluster = local_cluster(2, processes=True)
    try:
        with Client(cluster) as client:
            states = list(client.run(_worker_state).values())
            docs = client.gather(client.map(corpus.documents_of, [texts[:3], texts[3:]], pure=False))
            # The scheduler runs in a process of its own, gone with the cluster.
            scheduler_pid = client.run_on_scheduler(os.getpid)
        scheduler = cluster.scheduler.process
    finally:
        cluster.close()
    assert scheduler_pid != os.getpid()
    assert scheduler_pid == scheduler.pid and not scheduler.is_alive()
    assert len(states) == 2
    assert all(warm and not profiled for warm, profiled in states)
    assert [d for chunk in docs for d in chunk] == [corpus.document(t) for t in texts]


def test_batches_keep_the_order_and_shrink_at_the_end() -> None:
    # Full chunks while the end is out of sight, then a guided taper down to the least size,
    # so that the workers finish together and the last chunk is small.
    seeds = [SeedText(f"{i}.txt", f"c/{i}.txt", b"x", "x") for i in range(1000)]
    batches = list(corpus.dask_batches(iter(seeds), 128, 2, 32))
    assert [seed for batch in batches for seed in batch] == seeds
    assert [len(batch) for batch in batches] == [128] * 5 + [90, 68, 51, 38, 32, 32, 32, 17]
    assert [len(b) for b in corpus.dask_batches(iter(seeds[:100]), 128, 2, 32)] == [32, 32, 32, 4]
    assert [len(b) for b in corpus.dask_batches(iter(seeds[:5]), 1, 2, 32)] == [1] * 5
    assert list(corpus.dask_batches(iter([]), 128, 2)) == []


def test_the_client_keeps_a_bounded_window_of_chunks(synthetic: Path) -> None:
    # IN_FLIGHT_PER_WORKER chunks a worker are read before the first Document comes back, and
    # no more: the texts the client holds stay bounded whatever the corpus size.
    texts, _ = read_seeds(synthetic)
    read: list[int] = []

    def counted():  # type: ignore[no-untyped-def]
        for text in texts:
            read.append(1)
            yield text

    docs = corpus.dask_documents(counted(), workers=2, processes=False, chunk=1)
    first = next(docs)
    # and a chunk a worker read ahead, to see the stream's end coming (dask_batches)
    assert len(read) == (corpus.IN_FLIGHT_PER_WORKER + 1) * 2 < len(texts)
    assert [first, *docs] == [corpus.document(t) for t in texts]


def test_the_fork_server_starts_before_this_process_imports_distributed() -> None:
    # Started first, the server imports `distributed` and warms the stage while the building
    # process imports its own copy; a worker forked from it has both.
    script = (
        "import sys, multiprocessing as mp\n"
        "from mctimeline import daskcluster\n"
        "assert daskcluster.start_fork_server()\n"
        "print('distributed' in sys.modules)\n"
        "if __name__ == '__main__':\n"
        "    with mp.get_context('forkserver').Pool(1) as pool:\n"
        "        seen = \"sorted({'distributed', 'mctimeline.warmup'} & set(__import__('sys').modules))\"\n"
        "        print(pool.apply(eval, (seen,)))\n"
    )
    run = _python(script)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["False", "['distributed', 'mctimeline.warmup']"]


def test_the_scheduler_does_not_outlive_a_killed_building_process() -> None:
    # A build killed outright closes nothing: the scheduler process sees its pipe end and stops.
    import signal
    import time

    import psutil

    script = (
        "import os, signal\n"
        "from dask.distributed import Client\n"
        "from mctimeline import daskcluster\n"
        "if __name__ == '__main__':\n"
        "    cluster = daskcluster.local_cluster(1, processes=True)\n"
        "    print(Client(cluster).run_on_scheduler(os.getpid), flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    run = _python(script)
    assert run.returncode == -signal.SIGKILL, run.stderr
    pid = int(run.stdout.split()[0])
    deadline = time.monotonic() + 30
    while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "the scheduler outlived the building process"
        time.sleep(0.1)


def _python(script: str):  # type: ignore[no-untyped-def]
    """`script` run by a fresh Python with this checkout's package."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-c", script]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
