"""Faults during a build: killed midway, a full disk, an unwritable folder, two builds at once.

After each, the previous package is intact and whole (or the new one is, whole) and no
temporary folder is left behind once the next build has run. Kills are real SIGKILLs
of a child process at a chosen point, reached by patching a function inside that
child only: the library has no test hooks.
"""

from __future__ import annotations

import errno
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import mctimeline.builder
import mctimeline.package
import mctimeline.swap
import mctimeline.validate
from mctimeline.cli import main
from mctimeline.validate import validate

OLD_TEXT = "نشست روز ۱۲ مهر ۱۴۰۳ در تهران برگزار شد.\n"
NEW_TEXT = "The summit opened on 27 May 2025 in Moscow.\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def entries(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir())


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """`seeds/` with the old text, its package `datapackage/`, and `new/` with another text."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(OLD_TEXT, encoding="utf-8")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "a.txt").write_text(NEW_TEXT, encoding="utf-8")
    result = cli_build(tmp_path, "seeds")
    assert result.exit_code == 0, result.output
    return tmp_path


def cli_build(root: Path, seeds: str = "new"):
    return CliRunner().invoke(
        main, ["build", "--seeds", str(root / seeds), "--out", str(root / "datapackage")]
    )


# --- killed midway (SIGKILL: no handler, no finally runs) ------------------------------------

_KILLED_BUILD = r"""
import os, signal, sys
import mctimeline.swap as swap, mctimeline.feeds as feeds, mctimeline.package as package
import mctimeline.validate as validate

point, seeds, out = sys.argv[1:4]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

if point == "feeds":  # one feed written, the next never
    real_feeds = feeds.write_feeds
    def write_feeds(folder, timeline):
        (folder / "all.ics").write_bytes(b"BEGIN:VCALENDAR\r\n")
        die()
    feeds.write_feeds = write_feeds
elif point == "package":  # half a table written
    def write_package(folder, *args, **kwargs):
        (folder / "events.csv").write_bytes(b"event_id,start_da")
        die()
    package.write_package = write_package
elif point == "fsync":
    swap.fsync_tree = die
elif point == "validate":
    validate.validate = die
elif point == "after-exchange":  # the new package is in, the old one not yet removed
    real_exchange = swap.exchange
    def exchange(a, b):
        real_exchange(a, b)
        die()
    swap.exchange = exchange
elif point == "between-renames":  # the fallback swap: old aside, new not yet in
    swap.exchange = lambda a, b: False
    real_rename = os.rename
    calls = []
    def rename(src, dst):
        calls.append(src)
        if len(calls) == 2:
            die()
        real_rename(src, dst)
    os.rename = rename
else:
    raise SystemExit(f"unknown point {point}")

from mctimeline.cli import main
main(["build", "--seeds", seeds, "--out", out])
"""


def kill_build_at(root: Path, point: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_BUILD, point, str(root / "new"), str(root / "datapackage")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]


@pytest.mark.parametrize("point", ["feeds", "package", "fsync", "validate"])
def test_a_build_killed_before_the_swap_leaves_the_old_package(root: Path, point: str) -> None:
    before = snapshot(root / "datapackage")
    kill_build_at(root, point)
    assert snapshot(root / "datapackage") == before
    leftovers = [n for n in entries(root) if n.startswith(".datapackage.")]
    assert len(leftovers) == 1 and leftovers[0].startswith(".datapackage.build-")
    result = cli_build(root)  # the next build cleans up, and says so
    assert result.exit_code == 0, result.output
    assert "left behind by an interrupted build" in result.stderr
    assert entries(root) == ["datapackage", "new", "seeds"]
    assert validate(root / "datapackage") == []


def test_a_build_killed_right_after_the_exchange_leaves_the_new_package_whole(root: Path) -> None:
    if not mctimeline.swap.exchange(root / "new", root / "new"):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here: the fallback is tested below")
    kill_build_at(root, "after-exchange")
    assert validate(root / "datapackage") == []
    assert b"2025-05-27" in (root / "datapackage" / "events.csv").read_bytes()
    result = cli_build(root, "seeds")
    assert result.exit_code == 0 and "interrupted build" in result.stderr
    assert entries(root) == ["datapackage", "new", "seeds"]


def test_a_build_killed_between_the_fallback_renames_is_repaired_with_the_old_package(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(root / "datapackage")
    kill_build_at(root, "between-renames")
    assert not (root / "datapackage").exists()
    [aside] = [p for p in root.iterdir() if p.name.startswith(".datapackage.old-")]
    assert snapshot(aside) == before  # whole, just aside
    # The next build puts it back first, even if that build then fails on a full disk.
    monkeypatch.setattr(mctimeline.package, "write_package", _no_space)
    result = cli_build(root)
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert snapshot(root / "datapackage") == before
    assert entries(root) == ["datapackage", "new", "seeds"]


# --- a full disk, an unwritable folder (in process: the failing call is patched) ---------------


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _fail_after(calls: int, exc: OSError):
    """Path.write_bytes, Path.write_text and Path.open that raise `exc` from the write after `calls` writes.

    Writers write some files whole and stream others (a corpus's tables and feeds) through
    an open file: a disk fills up under either.
    """
    count = [0]
    real = {"bytes": pathlib.Path.write_bytes, "text": pathlib.Path.write_text, "open": pathlib.Path.open}

    def spend() -> None:
        count[0] += 1
        if count[0] > calls:
            raise exc

    def make(kind: str):
        def write(self: Path, *args: object, **kwargs: object) -> int:
            spend()
            return real[kind](self, *args, **kwargs)

        return write

    class _Filling:
        def __init__(self, file: Any) -> None:
            self._file = file

        def write(self, data: Any) -> int:
            spend()
            return self._file.write(data)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._file, name)

        def __enter__(self) -> _Filling:
            return self

        def __exit__(self, *exc_info: object) -> None:
            self._file.close()

    def open_(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        file = real["open"](self, mode, *args, **kwargs)
        return _Filling(file) if any(c in mode for c in "wax+") else file

    return make("bytes"), make("text"), open_


@pytest.mark.parametrize("after", [0, 1, 4, 12, 20])
def test_a_full_disk_while_writing_leaves_the_old_package(
    root: Path, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    before = snapshot(root / "datapackage")
    write_bytes, write_text, open_ = _fail_after(after, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    monkeypatch.setattr(pathlib.Path, "write_bytes", write_bytes)
    monkeypatch.setattr(pathlib.Path, "write_text", write_text)
    monkeypatch.setattr(pathlib.Path, "open", open_)
    result = cli_build(root)
    assert result.exit_code == 1, result.output
    assert (
        f"cannot write {root / 'datapackage'}: [Errno {errno.ENOSPC}] No space left on device"
        in result.stderr
    )
    assert result.stderr.rstrip().endswith("was left as it was")
    assert snapshot(root / "datapackage") == before
    assert entries(root) == ["datapackage", "new", "seeds"]


def test_a_full_disk_at_fsync_leaves_the_old_package(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(root / "datapackage")
    monkeypatch.setattr(os, "fsync", _no_space)
    result = cli_build(root)
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert snapshot(root / "datapackage") == before
    assert entries(root) == ["datapackage", "new", "seeds"]


def test_an_unwritable_output_folder_is_an_error_that_changes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root in CI, where chmod does not stop a write: the refusal the
    # kernel would give (EACCES at the first file created beside --out) is patched in.
    before = snapshot(root / "datapackage")

    def mkdtemp(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(kwargs.get("dir")))

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    result = cli_build(root)
    assert result.exit_code == 1
    assert f"cannot write {root / 'datapackage'}: [Errno {errno.EACCES}] Permission denied" in result.stderr
    assert snapshot(root / "datapackage") == before
    assert entries(root) == ["datapackage", "new", "seeds"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod 0o555: see the patched test above")
def test_a_read_only_parent_folder_really_refuses(root: Path) -> None:  # pragma: no cover - root in CI
    before = snapshot(root / "datapackage")
    root.chmod(0o555)
    try:
        result = cli_build(root)
    finally:
        root.chmod(0o755)
    assert result.exit_code == 1 and "Permission denied" in result.stderr
    assert snapshot(root / "datapackage") == before


def test_a_folder_the_kernel_refuses_even_to_root(tmp_path: Path) -> None:
    if not Path("/sys/kernel").is_dir():
        pytest.skip("no /sys here")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(OLD_TEXT, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", "--seeds", str(tmp_path / "seeds"), "--out", "/sys/mctimeline"]
    )
    assert result.exit_code == 1
    assert "cannot write /sys/mctimeline: " in result.stderr and "was left as it was" in result.stderr
    assert not Path("/sys/mctimeline").exists()


# --- two builds at once into one folder ------------------------------------------------------------


def test_two_real_build_processes_into_one_folder_leave_one_whole_package(root: Path) -> None:
    (root / "seeds" / "b.txt").write_text(NEW_TEXT, encoding="utf-8")
    expected = []
    for seeds in ("seeds", "new"):
        alone = root / f"alone-{seeds}"
        r = CliRunner().invoke(
            main, ["build", "--seeds", str(root / seeds), "--out", str(alone / "datapackage")]
        )
        assert r.exit_code == 0, r.output
        expected.append(snapshot(alone / "datapackage"))
    assert expected[0] != expected[1]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mctimeline",
                "build",
                "--seeds",
                str(root / s),
                "--out",
                str(root / "datapackage"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for s in ("seeds", "new", "seeds", "new")
    ]
    outputs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [e.decode()[-500:] for _, e in outputs]
    assert snapshot(root / "datapackage") in expected  # one build's package, whole, never a mix
    assert validate(root / "datapackage") == []
    assert [n for n in entries(root) if n.startswith(".")] == []


def test_the_build_after_a_kill_between_the_renames_says_it_put_the_old_package_back(root: Path) -> None:
    kill_build_at(root, "between-renames")
    result = cli_build(root)
    assert result.exit_code == 0, result.output
    assert f"mctimeline: warning: {root / 'datapackage'}: put back from .datapackage.old-" in result.stderr
    assert entries(root) == ["datapackage", "new", "seeds"]
    assert b"2025-05-27" in (root / "datapackage" / "events.csv").read_bytes()  # then replaced


@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit, MemoryError])
def test_an_interrupt_while_writing_leaves_the_old_package_and_no_temporary_folder(
    root: Path, monkeypatch: pytest.MonkeyPatch, exc: type[BaseException]
) -> None:
    before = snapshot(root / "datapackage")

    def interrupted(folder: Path) -> list[str]:
        raise exc()

    monkeypatch.setattr(mctimeline.validate, "validate", interrupted)
    with pytest.raises(exc):
        mctimeline.builder.build(root / "new", root / "datapackage")
    assert snapshot(root / "datapackage") == before
    assert entries(root) == ["datapackage", "new", "seeds"]
