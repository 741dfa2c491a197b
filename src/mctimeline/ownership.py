"""What proves that a folder was written by mctimeline, so that a build may replace or remove it.

A built package lists, under `MANIFEST_KEY` in its `datapackage.json`, every other file
it holds with its size and SHA-256, and the SHA-256 of the descriptor itself (without
that key). A folder is mctimeline's to replace only when every entry in it, hidden ones
included, is one of those files with those exact bytes, or the descriptor unchanged:
anything added, changed, linked or nested is somebody else's, and is never lost.

A file written on its own (`mctimeline plot -o FILE`) ends with a comment line that
gives the SHA-256 of the bytes before it: an existing FILE is overwritten only when that
line is there and still true.

A build's temporary folder carries `BUILD_MARK` from the moment it is made until its
package is signed, so the folder a killed build left behind can be told from a
look-alike that someone else made.

Within one build a folder is proved twice or three times (before the build starts, again
before the swap, and the replaced package before it is removed): a file proved by its
bytes is proved again by its identity on disk (`Proved`), which any write to it changes,
instead of reading a large package's gigabytes again.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mctimeline.reading import DESCRIPTOR

MANIFEST_KEY = "mctimeline"
BUILD_MARK = ".mctimeline-build"
BUILD_MARK_TEXT = b"a folder that mctimeline build is writing; removed by the next build if left\n"

# A descriptor past this size is not one mctimeline wrote (its own are a few hundred KB
# even for a large corpus): not read whole into memory to find out.
_MAX_DESCRIPTOR_BYTES = 256 * 1024 * 1024
_CHUNK = 1 << 20


# A file whose status changed this close to the moment it was hashed may have been written
# in the same tick of the file system's clock after it was read: not proved by identity.
_RACY_NS = 2_000_000_000

# A file's identity on disk: device, inode, size, and the modification and status-change
# times in nanoseconds. Any write changes the status-change time, which no one can set back
# (`os.utime` sets the other two, and changes it), and a replaced file is another inode.
Identity = tuple[int, int, int, int, int]
# The files of one folder proved by their bytes: name -> (the manifest's SHA-256, identity).
Proved = Mapping[str, tuple[str, Identity]]
# The same, filled in by the writers as they write (`noted`), for `folder_records`.
Noted = dict[str, tuple[str, Identity]]


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks (a package's tables may be large)."""
    return _hashed(path)[0]


def _identity(info: os.stat_result) -> Identity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _hashed(path: Path) -> tuple[str, Identity | None]:
    """The SHA-256 of the file at `path`, and its identity if it may stand for those bytes
    later: the same before and after the reading, and not changed in the racy moment."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        before = os.fstat(f.fileno())
        read_at = time.time_ns()
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
        after = os.fstat(f.fileno())
    same = _identity(before) == _identity(after)
    steady = max(before.st_ctime_ns, before.st_mtime_ns) < read_at - _RACY_NS
    return digest.hexdigest(), _identity(before) if same and steady else None


def descriptor_sha256(desc: Mapping[str, Any]) -> str:
    """The SHA-256 of a descriptor's content without the manifest, in a canonical JSON form.

    Canonical (sorted keys, no white space) so that the hash speaks of what the
    descriptor says, not of how it is laid out.
    """
    body = {k: v for k, v in desc.items() if k != MANIFEST_KEY}
    # Hashed as it is encoded, never whole: a build's descriptor makes its sources as they are
    # encoded (package.datapackage.Streamed), which `json.dumps`'s one-shot encoder would not see.
    encoder = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256()
    for chunk in encoder.iterencode(body):
        digest.update(chunk.encode("utf-8"))
    return digest.hexdigest()


def file_record(path: Path) -> dict[str, Any]:
    """What a manifest says of one file: its size and SHA-256."""
    return {"bytes": path.stat().st_size, "sha256": file_sha256(path)}


def bytes_record(data: bytes) -> dict[str, Any]:
    """file_record of a file that would hold `data`."""
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def signed(desc: Mapping[str, Any], records: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """`desc` with the manifest that signs it and the files `records` describes (name -> record)."""
    body = {k: v for k, v in desc.items() if k != MANIFEST_KEY}
    files = {name: dict(records[name]) for name in sorted(records)}
    sign = {"descriptor_sha256": descriptor_sha256(body), "files": files}
    return {**body, MANIFEST_KEY: sign}


def folder_records(folder: Path, known: Proved | None = None) -> dict[str, dict[str, Any]]:
    """file_record of every entry in `folder` but the descriptor and the build mark.

    An entry in `known` (`noted` as it was written, or `proved_files`) whose identity is still
    the same is not read again: at 100,000 documents the package's 3.3 GB were read back here,
    after every writer, on the build's path. The rest are hashed on two threads: hashlib lets
    go of the interpreter while it hashes, and a large package's gigabytes are otherwise one
    core's work while the other waits."""
    names = sorted(e.name for e in os.scandir(folder) if e.name not in (DESCRIPTOR, BUILD_MARK))
    known = known or {}

    def record(name: str) -> dict[str, Any]:
        noted = known.get(name)
        if noted is not None:
            info = os.lstat(folder / name)
            if stat.S_ISREG(info.st_mode) and _identity(info) == noted[1]:
                return {"bytes": info.st_size, "sha256": noted[0]}
        return file_record(folder / name)

    with ThreadPoolExecutor(2, thread_name_prefix="mctimeline-hash") as pool:
        return dict(zip(names, pool.map(record, names), strict=True))


def noted(path: Path, digest: str) -> tuple[str, Identity]:
    """What `folder_records` is told of the file at `path`, just written and closed by its one
    writer, whose bytes had the SHA-256 `digest`: its identity now stands for them. (A build's
    own folder, which nobody else writes to: `_hashed`'s racy moment guards a file read while
    it may still be written, not the bytes its writer hashed.)"""
    return digest, _identity(os.lstat(path))


def proved_files(folder: Path, names: Iterable[str]) -> dict[str, tuple[str, Identity]]:
    """`names` in `folder` hashed now, for `folder_records`: those whose identity may stand for
    their bytes (`_hashed`; the others it hashes again)."""
    proved = {}
    for name in names:
        digest, identity = _hashed(folder / name)
        if identity is not None:
            proved[name] = (digest, identity)
    return proved


_SIGNATURE = b"<!-- written by mctimeline; SHA-256 of the bytes before this line: %s -->\n"
_SIGNATURE_HEAD, _SIGNATURE_TAIL = _SIGNATURE.split(b"%s")


def signed_bytes(data: bytes) -> bytes:
    """`data` (an XML or HTML document, ending in a newline) with its signature line appended."""
    return data + _SIGNATURE % hashlib.sha256(data).hexdigest().encode("ascii")


def is_signed_file(path: Path) -> bool:
    """Whether `path` is a regular file that signed_bytes made and nobody has changed since."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return False
        data = path.read_bytes()
    except OSError:
        return False
    body, _, last = data[:-1].rpartition(b"\n")
    if not (last.startswith(_SIGNATURE_HEAD) and data.endswith(_SIGNATURE_TAIL)):
        return False
    body += b"\n"
    return data == signed_bytes(body)


def foreign_entries(folder: Path) -> tuple[str, ...]:
    """What would be lost if `folder` were replaced: its entries that mctimeline cannot prove it wrote.

    Empty for an empty folder and for a package that mctimeline signed and nobody has
    touched since. Each item is an entry's name, with the reason in brackets where the
    name alone would not say it (a changed file, a link, a folder).
    """
    return examine(folder)[0]


def examine(folder: Path, proved: Proved | None = None) -> tuple[tuple[str, ...], Proved]:
    """`foreign_entries` of `folder`, and its files proved by their bytes, for the next look.

    A file in `proved` (what an earlier look at this folder, or at the folder it was
    renamed from, returned) whose identity and manifest record are still the same is not
    read again: nothing has written to it since its bytes were hashed.
    """
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    if not entries:
        return (), {}
    sign = _signature(folder)
    if sign is None:
        unsigned = f"{DESCRIPTOR} (not signed by mctimeline, or changed since)"
        return tuple(unsigned if e.name == DESCRIPTOR and _regular(e) else _describe(e) for e in entries), {}
    files: Mapping[str, Any] = sign["files"]
    foreign = []
    known = proved or {}
    now: dict[str, tuple[str, Identity]] = {}
    for entry in entries:
        if entry.name == DESCRIPTOR:
            continue  # _signature proved it
        record = files.get(entry.name)
        if record is None or not _regular(entry):
            foreign.append(_describe(entry))
            continue
        same, identity = _same_bytes(entry, record, known.get(entry.name))
        if not same:
            foreign.append(f"{entry.name} (changed since mctimeline wrote it)")
        elif identity is not None:
            now[entry.name] = (record["sha256"], identity)
    return tuple(foreign), now


def is_build_leftover(folder: Path) -> bool:
    """Whether `folder` is what a killed build left: provably mctimeline's, safe to remove.

    Either a signed package untouched since (killed after signing, before the swap), or
    a folder with the build mark and nothing but plain files (killed while writing), or
    an empty folder (killed before the mark was written; removing it loses nothing).
    """
    entries = list(os.scandir(folder))
    if not entries:
        return True
    marks = [e for e in entries if e.name == BUILD_MARK]
    if marks:
        if not _regular(marks[0]) or Path(marks[0].path).read_bytes() != BUILD_MARK_TEXT:
            return False
        return all(_regular(e) for e in entries)
    return not foreign_entries(folder)


def _signature(folder: Path) -> dict[str, Any] | None:
    """The manifest of `folder`'s descriptor if the descriptor is mctimeline's and unchanged, else None."""
    path = folder / DESCRIPTOR
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_DESCRIPTOR_BYTES:
            return None
        desc = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):  # ValueError: not UTF-8, not JSON
        return None
    if not isinstance(desc, dict):
        return None
    sign = desc.get(MANIFEST_KEY)
    if not isinstance(sign, dict) or not isinstance(sign.get("files"), dict):
        return None
    if sign.get("descriptor_sha256") != descriptor_sha256(desc):
        return None
    return sign


def _same_bytes(
    entry: os.DirEntry[str], record: Any, earlier: tuple[str, Identity] | None
) -> tuple[bool, Identity | None]:
    """Whether `entry` holds the bytes `record` gives, and if so the identity that proves them
    from now on (None when they cannot be proved by identity)."""
    if not isinstance(record, dict):
        return False, None
    try:
        info = entry.stat(follow_symlinks=False)
        if info.st_size != record.get("bytes"):
            return False, None  # cheap: most changes change the size, and need no hashing
        if earlier is not None and earlier == (record.get("sha256"), _identity(info)):
            return True, earlier[1]
        digest, identity = _hashed(Path(entry.path))
    except OSError:
        return False, None
    return (True, identity) if digest == record.get("sha256") else (False, None)


def _regular(entry: os.DirEntry[str]) -> bool:
    return entry.is_file(follow_symlinks=False)


def _describe(entry: os.DirEntry[str]) -> str:
    if entry.is_symlink():
        return f"{entry.name} (a link)"
    if entry.is_dir(follow_symlinks=False):
        return f"{entry.name}/"
    return entry.name
