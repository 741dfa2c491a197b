"""Worker processes: how many cores a build may use, and whether it may start processes at all."""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.context
import os
import re
import sys
from pathlib import Path

# What the build's worker processes run, imported (and the per-document stage warmed) once
# in a fork server they are all forked from: spawned, each worker redid it, 1.0 s of CPU for
# a tagging worker and 0.4 s for a feeds' one, some 2.5 s a build on two cores (a tenth of
# a 1,000-document build's CPU), while the cores were otherwise busy.
PRELOAD = ("mctimeline.warmup", "mctimeline.feeds.workers")


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - not Linux


def workers_from_env(name: str) -> int | None:
    """The number of processes the environment variable `name` asks for (None: not set).

    ValueError, naming the variable, when it is not a whole number; 0 or less means one.
    """
    return number_from_env(name, 1)


def number_from_env(name: str, least: int) -> int | None:
    """The whole number the environment variable `name` gives, at least `least` (None: not set).

    ValueError, naming the variable, when it is not a whole number.
    """
    configured = os.environ.get(name, "").strip()
    if not configured:
        return None
    try:
        return max(least, int(configured))
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {configured!r}") from None


def context() -> multiprocessing.context.BaseContext:
    """How the build starts worker processes: forked from one server that imported PRELOAD,
    or (no fork server on this system) spawned, a fresh interpreter each.

    Either is safe whatever threads this process runs (a plain fork is not). A fork server
    already running in this process (the Dask engine's, see daskcluster) keeps what it
    preloaded; workers then import the rest themselves.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")  # pragma: no cover - Windows
    forked = multiprocessing.get_context("forkserver")
    forked.set_forkserver_preload(list(PRELOAD))
    return forked


# How much lower the priority of the feeds' workers and validation's helpers is than the
# build's own process (a nice value). While they run, the build's process holds the work no
# one else can do (the views written beside the feeds, validation's checks in order). At
# equal priority the scheduler gave every runnable thread an equal share, so with two feed
# workers and a helper beside it the views thread got about half a core, and then ran alone
# on one core once the feeds were done (1.9 s of CPU at 4,000 documents). Weighted, it runs
# on a core of its own while the workers take what is left. Not the tagging workers: the
# reduce beside them is light, and at a lower priority they lost the cores to any other
# program (a shared machine's documents stage took 2.5 times as long). Only ever raised:
# any process may lower its priority.
WORKER_NICE = 5


def yield_to_main() -> None:
    """Lower this worker process's priority below the build's (WORKER_NICE); nothing where
    priorities cannot be set."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICE)


def may_start_workers() -> bool:
    """Whether this process can start worker processes that do not redo its work.

    Not from a daemonic process (a pool's worker may not have children), and not from a
    script without the `if __name__ == "__main__":` guard (`_main_is_guarded`).
    """
    return not multiprocessing.current_process().daemon and _main_is_guarded()


_MAIN_GUARD = re.compile(r"""__name__\s*==\s*['"]__main__['"]""")


def _main_is_guarded() -> bool:
    """Whether a worker (`context`'s) can import the running script without redoing its work.

    A spawned process, and one forked from the fork server, imports the script it was
    started from; one without the `if __name__ == "__main__":` guard would build the whole
    timeline again in every worker before failing, so such a script gets no workers.
    """
    main = sys.modules.get("__main__")
    if getattr(getattr(main, "__spec__", None), "name", "").endswith("__main__"):
        return True  # `python -m package`: multiprocessing does not import its __main__
    path = getattr(main, "__file__", None)
    if path is None:
        return True  # an interactive session or `python -c`: nothing to import
    try:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _MAIN_GUARD.search(source) is not None
