"""Helper processes: independent checks (Frictionless, the feeds' parses) as tasks beside the main process."""

from __future__ import annotations

import contextlib
import hashlib
import json
import queue
import threading
from pathlib import Path
from typing import Any

from mctimeline.gcpause import paused_gc
from mctimeline.validate.feeds import models, strict_reading
from mctimeline.validate.frictionless_pass import frictionless_problems
from mctimeline.validate.views import markup_problems

# --- tasks, made here or by helper processes -----------------------------------------


def _run(request: dict[str, Any]) -> Any:
    """The answer to one task (JSON in, JSON out: it may come from a helper process)."""
    if request["kind"] == "frictionless":
        return frictionless_problems(Path(request["desc"]))
    if request["kind"] == "markup":
        path = Path(request["path"])
        try:
            data = path.read_bytes()
        except OSError:
            data = None  # frictionless reports a missing file, and view_problems skips it
        with paused_gc():
            problems = [] if data is None else markup_problems(path, data, request["as"])
        if request.get("digest"):  # begun while the package was written (validate.early)
            return {"problems": problems, "sha256": "" if data is None else hashlib.sha256(data).hexdigest()}
        return problems
    path = Path(request["path"])
    if "file_sha256" in request and _sha256_of(path) != request["file_sha256"]:
        return {"stale": True}  # its VEVENTs met in other feeds are not read again: the file is
    with path.open("rb") as f:
        parts = []
        for start, end in request["spans"]:
            f.seek(start)
            parts.append(f.read(end - start))
    data = b"".join(parts)
    if hashlib.sha256(data).hexdigest() != request["sha256"]:
        return {"stale": True}  # not the bytes whose lines were checked
    with paused_gc():  # a parse makes many objects and no garbage cycles worth the scans
        return strict_reading(data.decode("utf-8"))


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# Below this many bytes of feeds a helper process costs more than it saves.
PARALLEL_MIN_CHARS = 2_000_000
MAX_HELPERS = 4


def window(helpers: int) -> int:
    """Runs of VEVENTs in flight at once: enough to keep every helper busy while the
    answers before them are checked, few enough that waiting answers stay small."""
    return 2 * helpers + 1


def _helpers(size: int) -> int:
    cpus = _cpus()
    return min(cpus, MAX_HELPERS) if size >= PARALLEL_MIN_CHARS and cpus >= 2 else 0


class _Task:
    """One task's answer: from a helper process, or made here when none could give it."""

    def __init__(self, request: dict[str, Any]) -> None:
        self.request = request
        self._done = threading.Event()
        self._answer: Any = None
        self._answered = False

    def answer(self, value: Any) -> None:
        self._answer, self._answered = value, True
        self._done.set()

    def fail(self) -> None:
        self._done.set()

    def value(self) -> Any:
        self._done.wait()
        if not self._answered:
            self.answer(_run(self.request))
        return self._answer


class _Pool:
    """Helper processes that take tasks one at a time from a shared queue, so they share
    the work however long each task takes; with no helpers each task is made here.

    A helper is a fresh interpreter (not multiprocessing: that re-imports the caller's
    __main__ and forks threads' locks) reading a JSON task a line on stdin and writing a
    JSON answer a line on stdout, served by a thread here. Should a helper fail in any
    way, its task and, once no helper is left, every waiting one is made here instead:
    never a check skipped.
    """

    def __init__(self, helpers: int) -> None:
        self._queue: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        # The VEVENT shapes ical's models accepted in any helper (validate.feeds.models, as
        # hex), in the order they were told: each helper is given those it was not given
        # yet with its next parse, so that no shape is modelled by every helper in turn.
        self._shapes: list[str] = []
        self._threads: list[threading.Thread] = []
        self._alive = 0
        for _ in range(helpers):
            proc = _start_helper()
            if proc is None:
                continue
            self._alive += 1
            thread = threading.Thread(target=self._serve, args=(proc,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def submit(self, request: dict[str, Any]) -> _Task:
        task = _Task(request)
        with self._lock:
            if self._alive:
                self._queue.put(task)
                return task
        task.answer(_run(request))
        return task

    def _serve(self, proc: Any) -> None:
        given = 0  # of self._shapes, those this helper was given
        try:
            while (task := self._queue.get()) is not None:
                request = task.request
                if request["kind"] == "ical":
                    with self._lock:
                        request = dict(request, shapes=self._shapes[given:])
                        given = len(self._shapes)
                try:
                    proc.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
                    proc.stdin.flush()
                    answer = json.loads(proc.stdout.readline().decode("utf-8"))
                except (OSError, ValueError):  # it died, or said something else
                    task.fail()
                    break
                if answer.get("shapes"):
                    with self._lock:
                        if len(self._shapes) < models.MAX_SHAPES:
                            self._shapes += answer["shapes"]
                if "value" in answer:
                    task.answer(answer["value"])
                else:
                    task.fail()
        finally:
            _stop(proc)
            with self._lock:
                self._alive -= 1
                if not self._alive:
                    with contextlib.suppress(queue.Empty):
                        while True:
                            if (waiting := self._queue.get_nowait()) is not None:
                                waiting.fail()

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        # Left early (an exception here): the helpers need not make what nobody will read.
        with contextlib.suppress(queue.Empty):
            while True:
                if (waiting := self._queue.get_nowait()) is not None:
                    waiting.fail()
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()


def _start_helper() -> Any:
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    try:
        return subprocess.Popen(
            [sys.executable, "-c", "from mctimeline.validate.pool import _helper_main; _helper_main()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError:
        return None


def _stop(proc: Any) -> None:
    with contextlib.suppress(OSError):
        proc.stdin.close()
    if proc.poll() is None:
        try:
            proc.wait(timeout=5)
        except Exception:  # whatever keeps it from ending, end it
            proc.kill()
            proc.wait()
    proc.stdout.close()


def _helper_main() -> None:
    """A helper process: a task a line on stdin, its answer a line on stdout (see _Pool)."""
    import gc
    import sys

    from mctimeline.processes import yield_to_main

    yield_to_main()  # the build's own process goes first (processes.WORKER_NICE)
    gc.disable()  # its tasks' garbage is collected once after each, not scanned throughout
    models.tell()
    for line in sys.stdin.buffer:
        try:
            request = json.loads(line.decode("utf-8"))
            models.learn([bytes.fromhex(shape) for shape in request.pop("shapes", ())])
            answer = {"value": _run(request)}
        except Exception:  # the caller makes that task itself, and sees why
            answer = {}
        answer["shapes"] = [shape.hex() for shape in models.told()]
        sys.stdout.buffer.write(json.dumps(answer).encode("utf-8") + b"\n")
        sys.stdout.buffer.flush()
        gc.collect()
        gc.freeze()  # what outlives a task (imports, caches) is not scanned again


def _cpus() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
