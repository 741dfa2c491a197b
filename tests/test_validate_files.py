"""validate.frictionless_pass's streamed pass validates the feeds and pages as resources of
the package, a run of resources at a time: clean exactly when Frictionless's own validation
finds nothing, each broken file then reported in Frictionless's words."""

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
from mctimeline.validate import frictionless_pass


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


@pytest.mark.parametrize("run", [1, 256])
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_feed_is_reported_in_frictionless_words(
    pkg: Path, name: str, run: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Runs of one resource: the broken feed is in a run of its own, after the tables'.
    monkeypatch.setattr(frictionless_pass, "_RESOURCES_AT_ONCE", run)
    BROKEN[name](pkg)
    desc = pkg / "datapackage.json"
    assert not frictionless_pass._streamed_clean(desc)
    assert frictionless_pass.frictionless_problems(desc) == frictionless_pass._reported(desc) != []


@pytest.mark.parametrize("what", ["bytes", "hash"])
def test_a_right_declared_size_or_hash_is_clean(pkg: Path, what: str) -> None:
    _declared(pkg, True, what)
    desc = pkg / "datapackage.json"
    assert frictionless_pass._streamed_clean(desc)
    assert frictionless_pass._reported(desc) == []


def test_a_feed_frictionless_does_not_read_is_clean_as_it_finds_it(pkg: Path) -> None:
    # Frictionless opens a non-tabular file without decoding it: its text is the feed checks'
    _not_utf8(pkg)
    desc = pkg / "datapackage.json"
    assert frictionless_pass._streamed_clean(desc) == (frictionless_pass._reported(desc) == [])


def test_each_feed_is_let_go_once_validated(pkg: Path) -> None:
    import frictionless
    from frictionless.resources import TableResource

    package = frictionless.Package(str(pkg / "datapackage.json"))
    files = [weakref.ref(r) for r in package.resources if not isinstance(r, TableResource)]
    assert files and frictionless_pass._files_clean(package)
    assert all(f() is None for f in files)  # freed as they went, by their counts alone


@pytest.mark.parametrize("run", [1, 2, 256])
def test_resources_in_runs_are_clean_as_the_whole(
    pkg: Path, run: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(frictionless_pass, "_RESOURCES_AT_ONCE", run)
    desc = pkg / "datapackage.json"
    assert frictionless_pass._streamed_clean(desc)
    assert frictionless_pass.frictionless_problems(desc) == []


@pytest.mark.parametrize("run", [1, 256])
def test_a_name_given_twice_across_runs_is_reported(
    pkg: Path, run: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Frictionless checks that the resources' names differ over the whole descriptor: the
    # runs' names are compared across runs.
    monkeypatch.setattr(frictionless_pass, "_RESOURCES_AT_ONCE", run)
    descriptor, _ = _first_feed(pkg)
    feeds = [r for r in descriptor["resources"] if r["path"].endswith(".ics")]
    feeds[-1]["name"] = feeds[0]["name"]
    desc = pkg / "datapackage.json"
    desc.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    assert not frictionless_pass._streamed_clean(desc)
    problems = frictionless_pass.frictionless_problems(desc)
    assert problems == frictionless_pass._reported(desc) != []
    assert any("not unique" in p for p in problems)


@pytest.mark.parametrize(
    "own",
    [
        {"profile": "https://example.org/profile.json"},
        {"$schema": "https://datapackage.org/profiles/2.0/datapackage.json"},
    ],
)
def test_a_profile_of_its_own_is_validated_whole(pkg: Path, own: dict[str, str]) -> None:
    # Another profile may check the descriptor across its resources: not validated in runs.
    descriptor, _ = _first_feed(pkg)
    desc = pkg / "datapackage.json"
    desc.write_text(json.dumps(dict(descriptor, **own), indent=2), encoding="utf-8")
    assert not frictionless_pass._streamed_clean(desc)


def test_a_descriptor_with_no_resources_or_not_json_is_validated_whole(pkg: Path) -> None:
    # Not a plain descriptor (no resources, or not UTF-8 JSON): the full validation's words.
    desc = pkg / "datapackage.json"
    for text in ('{"resources": []}', '{"resources": [', "[]"):
        desc.write_text(text, encoding="utf-8")
        assert not frictionless_pass._streamed_clean(desc)
