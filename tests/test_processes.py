"""How many worker processes a build may start (mctimeline.processes)."""

from __future__ import annotations

import pytest

from mctimeline import processes


@pytest.mark.parametrize(
    ("value", "expected"), [("", None), ("  ", None), ("3", 3), (" 2 ", 2), ("0", 1), ("-4", 1)]
)
def test_workers_from_the_environment(
    value: str, expected: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MCTIMELINE_TEST_WORKERS", value)
    assert processes.workers_from_env("MCTIMELINE_TEST_WORKERS") == expected


def test_an_unset_variable_asks_for_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MCTIMELINE_TEST_WORKERS", raising=False)
    assert processes.workers_from_env("MCTIMELINE_TEST_WORKERS") is None


@pytest.mark.parametrize("value", ["many", "1.5", "2 cores"])
def test_a_bad_number_names_the_variable(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MCTIMELINE_TEST_WORKERS", value)
    with pytest.raises(ValueError, match=f"MCTIMELINE_TEST_WORKERS must be a whole number, not '{value}'"):
        processes.workers_from_env("MCTIMELINE_TEST_WORKERS")


def test_cores_is_the_affinity_of_this_process() -> None:
    import os

    assert processes.cores() == len(os.sched_getaffinity(0)) >= 1


def _warm_in_worker() -> tuple[bool, bool]:
    import sys

    return "mctimeline.warmup" in sys.modules, "mctimeline.feeds.workers" in sys.modules


def test_workers_start_with_the_stage_and_the_feeds_imported() -> None:
    # Forked from one server that imported them once, not each worker importing them again.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server on this system: workers are spawned")
    with ProcessPoolExecutor(1, mp_context=processes.context()) as pool:
        assert pool.submit(_warm_in_worker).result() == (True, True)


def _niceness() -> int:
    import os

    return os.nice(0)


def test_workers_yield_to_the_build_s_own_process() -> None:
    # The build's process holds the work no worker can do; the workers take what is left.
    import os
    from concurrent.futures import ProcessPoolExecutor

    if not hasattr(os, "nice"):
        pytest.skip("no priorities on this system")
    ours = os.nice(0)
    with ProcessPoolExecutor(1, mp_context=processes.context(), initializer=processes.yield_to_main) as pool:
        assert pool.submit(_niceness).result() == min(19, ours + processes.WORKER_NICE)
    assert os.nice(0) == ours
