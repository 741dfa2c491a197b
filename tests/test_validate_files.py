"""validate.tables's streamed pass validates the feeds and pages as resources of the whole
package: clean exactly when Frictionless's own validation finds nothing, each broken file
then reported in Frictionless's words."""

from __future__ import annotations

import hashlib
import json
import shutil
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from _builder_samples import written_package
from mctimeline.validate import tables


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return written_package(tmp_path / "datapackage")


def _first_feed(pkg: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    feed = next(r for r in descriptor["resources"] if r["path"].endswith(".ics"))
    return descriptor, feed


def _changed(pkg: Path, change: Callable[[dict[str, Any]], None]) -> None:
    descriptor, feed = _first_feed(pkg)
    change(feed)
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def _removed(pkg: Path) -> None:
    (pkg / _first_feed(pkg)[1]["path"]).unlink()


def _made_a_folder(pkg: Path) -> None:
    path = pkg / _first_feed(pkg)[1]["path"]
    path.unlink()
    path.mkdir()


def _moved_out(pkg: Path) -> None:
    path = pkg / _first_feed(pkg)[1]["path"]
    shutil.copy(path, pkg.parent / "outside.ics")
    _changed(pkg, lambda feed: feed.update(path="../outside.ics"))


def _absolute(pkg: Path) -> None:
    path = (pkg / _first_feed(pkg)[1]["path"]).resolve()
    _changed(pkg, lambda feed: feed.update(path=str(path)))


def _declared(pkg: Path, right: bool, what: str) -> None:
    data = (pkg / _first_feed(pkg)[1]["path"]).read_bytes()
    size = len(data) if right else len(data) - 1
    digest = hashlib.sha256(data if right else data[1:]).hexdigest()
    value: object = size if what == "bytes" else f"sha256:{digest}"
    _changed(pkg, lambda feed: feed.update({what: value}))


def _not_utf8(pkg: Path) -> None:
    path = pkg / _first_feed(pkg)[1]["path"]
    path.write_bytes(path.read_bytes().replace(b"BEGIN:VEVENT", b"BEGIN:VEVENT\xff", 1))


BROKEN: dict[str, Callable[[Path], None]] = {
    "missing": _removed,
    "a folder": _made_a_folder,
    "escaping": _moved_out,
    "absolute": _absolute,
    "wrong bytes": lambda pkg: _declared(pkg, False, "bytes"),
    "wrong hash": lambda pkg: _declared(pkg, False, "hash"),
    "unknown encoding": lambda pkg: _changed(pkg, lambda feed: feed.update(encoding="no-such-codec")),
    "no name": lambda pkg: _changed(pkg, lambda feed: feed.pop("name")),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_feed_is_reported_in_frictionless_words(pkg: Path, name: str) -> None:
    BROKEN[name](pkg)
    desc = pkg / "datapackage.json"
    assert not tables._streamed_clean(desc)
    assert tables.frictionless_problems(desc) == tables._reported(desc) != []


@pytest.mark.parametrize("what", ["bytes", "hash"])
def test_a_right_declared_size_or_hash_is_clean(pkg: Path, what: str) -> None:
    _declared(pkg, True, what)
    desc = pkg / "datapackage.json"
    assert tables._streamed_clean(desc)
    assert tables._reported(desc) == []


def test_a_feed_frictionless_does_not_read_is_clean_as_it_finds_it(pkg: Path) -> None:
    # Frictionless opens a non-tabular file without decoding it: its text is the feed checks'
    _not_utf8(pkg)
    desc = pkg / "datapackage.json"
    assert tables._streamed_clean(desc) == (tables._reported(desc) == [])


def test_each_feed_is_let_go_once_validated(pkg: Path) -> None:
    import frictionless
    from frictionless.resources import TableResource

    package = frictionless.Package(str(pkg / "datapackage.json"))
    files = [weakref.ref(r) for r in package.resources if not isinstance(r, TableResource)]
    assert files and tables._files_clean(package)
    assert all(f() is None for f in files)  # freed as they went, by their counts alone
