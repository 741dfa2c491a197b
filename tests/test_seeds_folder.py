"""The seed folder: which entries are read, in which order, and how bad ones are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from mctimeline.seeds import SeedError, read_seeds


def test_seeds_are_read_in_name_order_with_relative_paths(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("b.txt", "a.txt", "B.txt"):
        (seeds / name).write_text(f"متن {name}", encoding="utf-8")
    found, warnings = read_seeds(seeds)
    assert [s.name for s in found] == ["B.txt", "a.txt", "b.txt"]  # code points, not locale
    assert [s.path for s in found] == ["seeds/B.txt", "seeds/a.txt", "seeds/b.txt"]
    assert found[1].text == "متن a.txt" and warnings == []


def test_invalid_utf8_names_the_file_and_byte(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("fine", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("سلام".encode() + b"\xff rest")
    with pytest.raises(SeedError, match=r"bad\.txt: not UTF-8 at byte 8"):
        read_seeds(tmp_path)


def test_symlinked_seed_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "link.txt").symlink_to(outside)
    with pytest.raises(SeedError, match=r"link\.txt: a symlink"):
        read_seeds(seeds)


def test_other_entries_are_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a seed", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.txt").write_text("not read", encoding="utf-8")
    found, warnings = read_seeds(tmp_path)
    assert [s.name for s in found] == ["a.txt"]
    assert len(warnings) == 2
    assert all("skipped" in w for w in warnings)
    assert any("notes.md" in w for w in warnings) and any(w.split(":")[0].endswith("sub") for w in warnings)


@pytest.mark.parametrize("setup", ["empty", "missing"])
def test_no_seed_texts_is_an_error(tmp_path: Path, setup: str) -> None:
    folder = tmp_path if setup == "empty" else tmp_path / "nowhere"
    with pytest.raises(SeedError, match=r"no \*\.txt seed texts|not a folder"):
        read_seeds(folder)
