"""The local Dask cluster of the dask engine: quiet servers, and workers forked from one warmed process."""

from __future__ import annotations

import logging
import multiprocessing
from typing import Any

from mctimeline import processes

# The cluster runs one batch job with no dashboard, so what its servers measure for one goes
# unread: on two workers tagging, the worker's 10 ms statistical profiler, the 20 ms
# event-loop tick and the 100 ms memory and 500 ms system monitors took 13% of each worker's
# CPU beside its task, and 16% of a core in the building process (scheduler and nannies).
QUIET: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}
# What a worker forked from the fork server starts with: Dask's worker, and the per-document
# stage imported and warmed (mctimeline.warmup). Spawned, each worker redid both: 0.6 s of
# CPU for `distributed`'s imports, then 0.23 + 0.31 s for the tagger's on its first text.
# The same server forks the feeds' workers later in the build (processes.context).
PRELOAD = ["distributed", *processes.PRELOAD]


def local_cluster(workers: int | None, processes: bool) -> Any:
    """A local cluster of `workers` single-threaded workers (None: one per core), processes or
    threads; with processes forked from the fork server, its scheduler in a process of its own."""
    import dask
    from dask.distributed import LocalCluster

    settings = dict(QUIET)
    forked = processes and _fork_server()
    if forked:
        settings["distributed.worker.multiprocessing-method"] = "forkserver"
    # Read as the scheduler and nannies start; each nanny hands its worker a copy.
    with dask.config.set(settings):
        if forked:
            return _split_cluster(workers, settings)
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            silence_logs=logging.ERROR,  # tasks cancelled when a bad seed stops the build are not news
        )


def _split_cluster(workers: int | None, settings: dict[str, Any]) -> Any:
    """LocalCluster's processes, but for the scheduler, which runs in a process of its own
    (daskscheduler): here only the client and the nannies are left."""
    from dask.distributed import Nanny, SpecCluster
    from dask.system import CPU_COUNT
    from distributed.worker_memory import parse_memory_limit

    from mctimeline.daskscheduler import SchedulerProcess

    count = workers or CPU_COUNT
    nanny = {
        "cls": Nanny,
        "options": {
            "host": "127.0.0.1",
            "nthreads": 1,
            "dashboard": False,
            "dashboard_address": None,
            "memory_limit": parse_memory_limit("auto", 1, count, logger=logging.getLogger("distributed")),
            "silence_logs": logging.ERROR,
        },
    }
    return SpecCluster(
        scheduler={"cls": SchedulerProcess, "options": {"settings": settings}},
        workers=dict.fromkeys(range(count), nanny),
        worker=nanny,
        silence_logs=logging.ERROR,
    )


def start_fork_server() -> bool:
    """Start the server the local cluster's workers are forked from, preloading PRELOAD, and
    return at once; False where there is none (Windows).

    Started before this process imports `distributed` and starts the scheduler, the server
    imports the same and warms the stage on the other core meanwhile, instead of after them:
    its 1.1 s were the longest part of the wait for the first result. A fork server already
    running in this process keeps what it preloaded.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False  # pragma: no cover - Windows
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()
    return True


def _fork_server() -> bool:
    """Whether workers can be forked from a server process that preloads PRELOAD (not on Windows)."""
    if not start_fork_server():
        return False  # pragma: no cover - Windows
    import distributed.utils

    # Else the first time distributed asks for the context it sets its own list, importing
    # pandas here only to see whether it could preload it, and not our stage.
    distributed.utils._forkserver_preload_set = True
    return True
