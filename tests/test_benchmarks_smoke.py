"""CI's smoke run of the benchmarks: each script at its smallest size exits 0 and prints a table of ratios.

Figures are not asserted (no timed test): only that every script still runs against
the current code and prints what its README promises.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
SCRIPTS = sorted(p.name for p in BENCHMARKS.glob("bench_*.py"))

try:
    import dask.distributed  # noqa: F401

    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False

RUNS = [(script, []) for script in SCRIPTS]
RUNS.append(("bench_build.py", ["--stage", "pipeline"]))
RUNS.append(
    pytest.param(
        "bench_build.py",
        ["--engine", "both"],
        marks=pytest.mark.skipif(not HAVE_DASK, reason="dask[distributed] not installed (extra: dask)"),
    )
)


def test_every_benchmark_script_is_smoke_tested() -> None:
    expected = {
        *("bench_convert.py", "bench_tag.py", "bench_feeds.py", "bench_startup.py", "bench_build.py"),
        *("bench_tag_growth.py", "bench_extremes.py"),
    }
    assert expected <= set(SCRIPTS)


@pytest.mark.parametrize(("script", "extra"), RUNS, ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_smoke_run_prints_its_table(script: str, extra: list[str], tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--smoke", *extra],
        cwd=tmp_path,  # scripts find their own folder, whatever the working directory
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert re.search(r"^## \S", out, flags=re.M), out[-2000:]
    header = [line for line in out.splitlines() if line.startswith("benchmark ")]
    assert header and "ratio" in header[0], out[-2000:]
    assert re.search(r"\d×", out), f"no ratio in {script}'s table:\n{out[-2000:]}"
    assert "FAILED" not in out, out[-2000:]


@pytest.mark.skipif(not HAVE_DASK, reason="dask[distributed] not installed (extra: dask)")
def test_dask_is_measured_against_the_single_process_pinned_to_one_core(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_build.py"), "--smoke", "--engine", "both"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert re.search(r"^build, one core, 10 docs ", done.stdout, flags=re.M), done.stdout[-2000:]
    assert re.search(r"^dask \(2 workers\) vs the single process, 10 docs .*≥ 1\.6×", done.stdout, flags=re.M)
    # What two CPUs can give at all, beside it: the ceiling of any speed-up on a shared machine.
    assert re.search(r"^cores: two busy processes at once vs in turn .*×", done.stdout, flags=re.M)


def _bench_build(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """bench_build imported as its own script imports it (its folder first on the path)."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_build

    return bench_build


@pytest.mark.parametrize(("store_docs", "warned"), [(None, True), ("0", False), ("200000", False)])
def test_a_projection_past_the_store_threshold_says_its_runs_had_no_store(
    monkeypatch: pytest.MonkeyPatch, store_docs: str | None, warned: bool
) -> None:
    # Runs of 1,000 and 4,000 documents, below the 20,000 at which a build parks its
    # mentions and events on disk, draw a line that overstates a 100,000-document build's memory.
    if store_docs is None:
        monkeypatch.delenv("MCTIMELINE_STORE_DOCS", raising=False)
    else:
        monkeypatch.setenv("MCTIMELINE_STORE_DOCS", store_docs)
    bench_build = _bench_build(monkeypatch)
    seconds = {("local", 1000): 10.0, ("local", 4000): 34.0}
    rows = bench_build.projected_rows(seconds, {1000: 100e6, 4000: 130e6})
    hundred_k = [row for row in rows if "100,000" in row.name]
    assert [row.ours for row in hundred_k] == pytest.approx([34.0 + 8e-3 * 96_000, 130e6 + 1e4 * 96_000])
    assert all(("MCTIMELINE_STORE_DOCS=0" in row.note) is warned for row in hundred_k)
