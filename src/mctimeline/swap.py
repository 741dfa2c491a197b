"""Replacing a package folder safely: the lock, what may be replaced, killed builds' leftovers, the swap."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mctimeline import ownership

try:  # POSIX only; elsewhere two simultaneous builds are not serialized
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]


class BuildError(Exception):
    """The build could not produce a valid package; the previous one (if any) is untouched."""


@contextlib.contextmanager
def lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on `folder` itself (no lock file to leave behind)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def check_replaceable(out: Path, proved: ownership.Proved | None = None) -> ownership.Proved:
    """Refuse to replace anything but an empty folder or a package mctimeline wrote and nobody touched.

    `--out ~` or a git checkout must not be wiped, hidden entries included; nor a user's
    file added inside a built package, or a table edited since the build. Returns the
    files proved by their bytes, which the next look at `out` is given as `proved`
    (`ownership.examine`).
    """
    if not out.exists() and not out.is_symlink():
        return {}
    if out.is_symlink():
        raise BuildError(
            f"{out}: is a link (to {os.readlink(out)}); mctimeline replaces folders, not links: "
            "give the folder itself as --out"
        )
    if not out.is_dir():
        raise BuildError(f"{out}: exists and is not a folder: choose another --out")
    if out == Path(os.path.abspath(os.curdir)):
        raise BuildError(
            f"{out}: is the current folder, which a build would replace under your feet: "
            "run from another folder or give another --out"
        )
    foreign, proved = ownership.examine(out, proved)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise BuildError(
            f"{out}: refusing to replace it, it holds what mctimeline did not write and would "
            f"be lost: {shown}. Choose a new or empty folder for --out, or move those out of it"
        )
    return proved


def remove_leftovers(out: Path) -> list[str]:
    """Remove the temporary folders of builds that were killed; safe because we hold the lock.

    Only a folder that `ownership.is_build_leftover` proves mctimeline's is removed; a
    look-alike is kept, with a warning that names it. A build killed between the two
    renames of `swap_in`'s fallback leaves no `out` and the previous package whole in
    `.NAME.old-*`: that one is put back first.
    """
    warnings = []
    if not out.exists() and not out.is_symlink():
        aside = sorted(
            p
            for p in out.parent.glob(f".{out.name}.old-*")
            if _plain_folder(p) and (p / ownership.DESCRIPTOR).is_file() and not ownership.foreign_entries(p)
        )
        if aside:
            os.rename(aside[-1], out)
            _fsync_dir(out.parent)
            warnings.append(f"{out}: put back from {aside[-1].name}, where an interrupted build left it")
    for prefix in (f".{out.name}.build-", f".{out.name}.old-"):
        for leftover in sorted(out.parent.glob(prefix + "*")):
            if not _plain_folder(leftover):
                continue
            if ownership.is_build_leftover(leftover):
                shutil.rmtree(leftover)
                warnings.append(f"{leftover}: removed, left behind by an interrupted build")
            else:
                warnings.append(
                    f"{leftover}: kept: it looks like a folder an interrupted build left, but holds "
                    "what mctimeline cannot prove it wrote; remove it yourself if it is not needed"
                )
    return warnings


def _plain_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def folder_mode(out: Path) -> int:
    """The permissions the new package folder gets: the old one's, else the umask's default."""
    if out.is_dir():
        return out.stat().st_mode & 0o7777
    return 0o777 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def write_whole(path: Path, data: bytes) -> None:
    """Write one file, `data` at `path`, all at once: a temporary file beside it, renamed over it
    when complete. A file replaced keeps its permissions; a new one gets the umask's.

    The caller has decided that `path` may be replaced (`ownership.is_signed_file`, or a file
    the user named to be rewritten).
    """
    mode = path.stat().st_mode & 0o7777 if path.is_file() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def fsync_tree(folder: Path) -> None:
    for path in sorted(folder.iterdir()):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot sync a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a libc without it (glibc < 2.28, musl < 1.2.?)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # the file system cannot exchange
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(new: Path, out: Path, proved: ownership.Proved | None = None) -> list[str]:
    """Put `new` at `out` with no moment when `out` is missing or half-written; return warnings.

    Where the system can, the two folders are exchanged atomically, and the old folder
    (now at `new`'s name) is removed. Elsewhere the old folder is renamed aside, the new
    one in, the old one removed; a kill between those renames is repaired by the next
    build (`remove_leftovers` puts the old package back). The old folder was proved
    replaceable just before; if someone put a file into it in the moment since, it is
    kept aside, not removed, and the warning says where. `proved`: what that proof
    returned (`check_replaceable`), so that files untouched since are not read again.
    """
    if out.is_dir() and exchange(new, out):
        _fsync_dir(out.parent)
        return _remove_replaced(new, proved)
    old = new.with_name(f".{out.name}.old-{new.name.rsplit('-', 1)[-1]}")
    had_old = out.exists()
    if had_old:
        os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        if had_old:
            os.rename(old, out)
        raise
    _fsync_dir(out.parent)
    return _remove_replaced(old, proved) if had_old else []


def _remove_replaced(old: Path, proved: ownership.Proved | None) -> list[str]:
    foreign, _ = ownership.examine(old, proved)
    if foreign:
        return [
            f"{old}: the previous --out folder, kept: {', '.join(foreign[:5])} appeared in it during "
            "the build; move what you need, then remove the folder"
        ]
    shutil.rmtree(old)
    return []
