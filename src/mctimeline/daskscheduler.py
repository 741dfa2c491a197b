"""The local cluster's scheduler in a process of its own, forked from the warmed fork server.

In the building process the scheduler shared one event loop, and the GIL, with the client
and the reduce: its messages, heartbeats and monitors were half of that loop's CPU
(benchmarks/README.md). Imports `distributed`: only daskcluster imports this module.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from multiprocessing.connection import Connection
from typing import Any

from distributed.deploy.spec import ProcessInterface


class SchedulerProcess(ProcessInterface):
    """A Dask scheduler on 127.0.0.1 in a child process: a `scheduler` spec of SpecCluster."""

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__()
        self.settings = settings
        self.process: Any = None
        self.pipe: Connection | None = None

    async def start(self) -> None:
        context = multiprocessing.get_context("forkserver")
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(
            target=serve, args=(theirs, self.settings), name="mctimeline-scheduler", daemon=True
        )
        self.process.start()
        theirs.close()
        # EOFError if the child died before it listened.
        self.address = await asyncio.get_running_loop().run_in_executor(None, self.pipe.recv)
        await super().start()

    async def close(self) -> None:
        if self.pipe is not None:
            self.pipe.close()  # the child closes its scheduler when its end of the pipe ends
        if self.process is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.process.join, 10)
            if self.process.is_alive():  # pragma: no cover - a scheduler that would not close
                self.process.kill()
        await super().close()


def serve(pipe: Connection, settings: dict[str, Any]) -> None:
    """Run a scheduler, send its address down `pipe`, and stop when it is closed or the pipe ends."""
    import dask

    logging.getLogger("distributed").setLevel(logging.ERROR)
    with dask.config.set(settings):
        asyncio.run(_serve(pipe))


async def _serve(pipe: Connection) -> None:
    from distributed import Scheduler

    # Its HTTP routes (health, metrics) always listen: on a free port, not 8787 (taken: a warning).
    http = "127.0.0.1:0"
    async with Scheduler(host="127.0.0.1", port=0, dashboard=False, dashboard_address=http) as scheduler:
        pipe.send(scheduler.address)
        loop = asyncio.get_running_loop()
        # The builder sends nothing more: the pipe turns readable when it ends, the building
        # process closed or gone, so that no scheduler outlives it.
        ended: asyncio.Future[None] = loop.create_future()

        def end() -> None:
            if not ended.done():
                ended.set_result(None)

        loop.add_reader(pipe.fileno(), end)
        finished = asyncio.ensure_future(scheduler.finished())
        await asyncio.wait([ended, finished], return_when=asyncio.FIRST_COMPLETED)
        loop.remove_reader(pipe.fileno())
