"""The seed folder: which entries are read, in which order, and how bad ones are refused."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from mctimeline.seeds import MAX_SEED_BYTES, SeedError, iter_seeds, list_seeds, read_seeds


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


# --- bad seeds (issue 6): each refused or skipped, naming the file -------------------------------

GOOD = "نشست روز ۱۲ مهر ۱۴۰۳ در تهران برگزار شد.\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            codecs.BOM_UTF16_LE + "سلام".encode("utf-16-le"),
            r"bad\.txt: UTF-16 \(BOM at byte 0\): convert to UTF-8",
        ),
        (
            codecs.BOM_UTF16_BE + "hello".encode("utf-16-be"),
            r"bad\.txt: UTF-16 \(BOM at byte 0\): convert to UTF-8",
        ),
        (
            codecs.BOM_UTF32_LE + "hi".encode("utf-32-le"),
            r"bad\.txt: UTF-32 \(BOM at byte 0\): convert to UTF-8",
        ),
        ("hello".encode("utf-16-le"), r"bad\.txt: a NUL byte at byte 1 \(line 1\): binary data or UTF-16"),
        (b"line one\nline two\x00\x01\x02\x89PNG", r"bad\.txt: a NUL byte at byte 17 \(line 2\)"),
        (
            "سلام\nدنیا\n".encode() + b"\xd8",
            r"bad\.txt: not UTF-8 at byte 18 \(line 3; unexpected end of data\)",
        ),
        (b"ok\r\nok\r\n\xc3(", r"bad\.txt: not UTF-8 at byte 8 \(line 3; invalid continuation byte\)"),
        (b"\xff\xfe", r"bad\.txt: UTF-16 \(BOM at byte 0\)"),  # a BOM and nothing else
    ],
    ids=[
        "utf16le",
        "utf16be",
        "utf32le",
        "utf16-no-bom",
        "binary",
        "truncated-utf8",
        "bad-utf8-crlf",
        "bom-only",
    ],
)
def test_a_seed_that_is_not_utf8_text_is_fatal(tmp_path: Path, data: bytes, message: str) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(data)
    with pytest.raises(SeedError, match=message):
        read_seeds(tmp_path)


def test_a_utf8_bom_is_kept_as_a_character_and_warned_about(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + GOOD.encode())
    [seed], warnings = read_seeds(tmp_path)
    assert seed.text == "\ufeff" + GOOD == seed.data.decode("utf-8")
    assert warnings == [
        f"{tmp_path / 'bom.txt'}: starts with a UTF-8 BOM: kept as U+FEFF at offset 0, offsets count it"
    ]


def test_crlf_is_kept_as_read(tmp_path: Path) -> None:
    data = "خط اول\r\nخط دوم\r\n".encode()
    (tmp_path / "crlf.txt").write_bytes(data)
    [seed], warnings = read_seeds(tmp_path)
    assert seed.text == "خط اول\r\nخط دوم\r\n" and warnings == []


@pytest.mark.parametrize(
    "data", [b"", b"   \n\r\n\t", codecs.BOM_UTF8 + b"\n"], ids=["empty", "spaces", "bom-newline"]
)
def test_a_seed_with_no_text_is_skipped_with_a_warning(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "blank.txt").write_bytes(data)
    found, warnings = read_seeds(tmp_path)
    assert [s.name for s in found] == ["a.txt"]
    assert any(
        w.startswith(f"{tmp_path / 'blank.txt'}: skipped: ") and "a source with no text" in w
        for w in warnings
    )


def test_only_blank_seeds_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_bytes(b" \n")
    with pytest.raises(SeedError, match="no \\*\\.txt seed texts with any text"):
        read_seeds(tmp_path)


def test_a_huge_seed_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    with (tmp_path / "huge.txt").open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # 100 MB, sparse: instant and no disk used

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a seed was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(
        SeedError, match=rf"huge\.txt: 104857600 bytes, more than the limit of {MAX_SEED_BYTES}"
    ):
        list_seeds(tmp_path)


def test_a_seed_that_grows_past_the_limit_after_listing_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x" * 10, encoding="utf-8")
    listing = list_seeds(tmp_path, max_bytes=10)
    (tmp_path / "a.txt").write_text("x" * 11, encoding="utf-8")
    with pytest.raises(SeedError, match=r"a\.txt: more than the limit of 10 bytes"):
        list(iter_seeds(listing))


def test_a_file_name_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xff.txt")
    try:
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    except (OSError, UnicodeEncodeError):  # pragma: no cover - file systems that refuse such names
        pytest.skip("this file system refuses names that are not UTF-8")
    with pytest.raises(SeedError, match=r"bad\\udcff\.txt: the file name is not UTF-8"):
        read_seeds(tmp_path)


def test_names_with_spaces_and_non_latin_letters_are_read(tmp_path: Path) -> None:
    for name in ("گزارش نشست.txt", "تقرير  2.txt", "a b.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    found, warnings = read_seeds(tmp_path)
    assert [s.name for s in found] == ["a b.txt", "تقرير  2.txt", "گزارش نشست.txt"]
    assert found[2].path == f"{tmp_path.name}/گزارش نشست.txt" and warnings == []


def test_a_symlink_to_a_folder_outside_and_a_fifo_are_refused(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (seeds / "dir.txt").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(SeedError, match=r"dir\.txt: a symlink"):
        read_seeds(seeds)
    (seeds / "dir.txt").unlink()
    os.mkfifo(seeds / "pipe.txt")  # reading it would block the build forever
    with pytest.raises(SeedError, match=r"pipe\.txt: not a regular file"):
        read_seeds(seeds)


def test_a_symlink_that_is_not_a_txt_is_skipped_with_a_warning_and_not_followed(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "passwd").symlink_to("/etc/passwd")
    found, warnings = read_seeds(seeds)
    assert [s.name for s in found] == ["a.txt"]
    assert warnings == [f"{seeds / 'passwd'}: skipped: only *.txt files directly in {seeds} are read"]
