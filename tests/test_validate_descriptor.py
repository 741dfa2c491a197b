"""validate.descriptor reads a JSON object member by member exactly as json.loads reads it
whole, whatever the block boundaries, and raises NotPlain on anything else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mctimeline.validate import descriptor
from mctimeline.validate.descriptor import Elements, NotPlain, members

ARRAYS = frozenset({"sources", "resources"})


def _read(path: Path) -> dict[str, Any]:
    """The object as members() gives it, the arrays' elements taken (a name given twice:
    the last value, in the first one's place, as json.loads's dict)."""
    out: dict[str, Any] = {}
    for name, value in members(path, ARRAYS):
        out[name] = list(value) if isinstance(value, Elements) else value
    return out


@pytest.fixture(autouse=True)
def _small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Blocks of a few bytes: every value, name and separator falls across a boundary.
    monkeypatch.setattr(descriptor, "_BLOCK", 7)


_leaf = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
_json = st.recursive(
    _leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["name", "sources", "resources", "x", "é"]), _json, max_size=5),
    st.integers(0, 2),
    st.booleans(),
)
def test_same_as_json_loads(tmp_path_factory: Any, obj: dict[str, Any], indent: int, ascii_: bool) -> None:
    path = tmp_path_factory.mktemp("d") / "datapackage.json"
    path.write_text(json.dumps(obj, indent=indent or None, ensure_ascii=ascii_), encoding="utf-8")
    assert _read(path) == json.loads(path.read_bytes())


def test_arrays_come_an_element_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"a": 1, "sources": [{"t": 1}, 2.5e3, "x"], "resources": [], "b": [1]}')
    seen = []
    for name, value in members(path, ARRAYS):
        if isinstance(value, Elements):
            first = next(iter(value), None)
            seen.append((name, first))  # the rest are read past when the next member is asked for
        else:
            seen.append((name, value))
    assert seen == [("a", 1), ("sources", {"t": 1}), ("resources", None), ("b", [1])]


def test_numbers_across_blocks(tmp_path: Path) -> None:
    # A number cut by a block's end must not be read as its first digits ("1.5e" as 1.5).
    for text in ('{"n": 1.5e-3}', '{"n": 12345678901234567890}', '{"n": [1.25, -0.5E+2]}'):
        path = tmp_path / "d.json"
        path.write_text(text)
        assert _read(path) == json.loads(text)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"[]",
        b'"x"',
        b"\xef\xbb\xbf{}",  # a BOM: json.loads of the text refuses it
        b'{"a": 1',
        b'{"a": 1}}',
        b'{"a": 1} x',
        b"{1: 2}",
        b'{"a" 1}',
        b'{"a": 1,}',
        b'{"a": [1, 2,]}',
        b'{"sources": [1, 2,]}',
        b'{"sources": [1 2]}',
        b'{"a": "\xff"}',  # not UTF-8
        b'{"sources": [], "sources": []}',  # json.loads keeps the last: not streamed
    ],
)
def test_not_plain(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(data)
    with pytest.raises(NotPlain):
        _read(path)


def test_repeated_plain_member_is_json_loads_last(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"a": 1, "b": 2, "a": 3, "sources": "not an array", "sources": [1]}')
    assert _read(path) == json.loads(path.read_text())


def test_an_array_is_held_an_element_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 4 MB of sources read through: what is held at once is a block and an element or so,
    # not the file (json.loads of it held some 10 MB).
    import tracemalloc

    monkeypatch.setattr(descriptor, "_BLOCK", 1 << 16)
    path = tmp_path / "d.json"
    sources = [{"title": f"گزارش خبری شماره {n} [doc_{n:07d}]"} for n in range(40_000)]
    path.write_text(json.dumps({"name": "x", "sources": sources, "resources": [{"name": "a"}]}), "utf-8")
    del sources
    tracemalloc.start()
    try:
        taken = sum(1 for name, value in members(path, ARRAYS) if isinstance(value, Elements) for _ in value)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert taken == 40_001
    assert peak < path.stat().st_size / 8
