"""The seed folder: which entries are read, in which order, and how bad ones are refused."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mctimeline.cli import main
from mctimeline.package import read_csv
from mctimeline.seeds import MAX_SEED_BYTES, SeedError, iter_seeds, list_seeds, read_seeds
from mctimeline.validate import validate


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


# --- through `mctimeline build`: exit code, message, and the previous package untouched ----------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A folder holding `seeds/` (one good text) and its package `datapackage/`."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "datapackage")]
    )
    assert result.exit_code == 0, result.output
    return tmp_path


def _build(root: Path, *extra: str) -> Result:
    args = ["build", "--seeds", str(root / "seeds"), "--out", str(root / "datapackage"), *extra]
    return CliRunner().invoke(main, args)


def _huge(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(100 * 1024 * 1024)


def _symlink_outside(path: Path) -> None:
    (path.parent.parent / "outside.txt").write_text("secret", encoding="utf-8")
    path.symlink_to(path.parent.parent / "outside.txt")


FATAL = [
    (
        "utf16.txt",
        lambda p: p.write_bytes(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le")),
        "UTF-16 (BOM at byte 0)",
    ),
    ("binary.txt", lambda p: p.write_bytes(b"\x7fELF\x02\x01\x01\x00"), "a NUL byte at byte 7 (line 1)"),
    ("latin1.txt", lambda p: p.write_bytes("café\n".encode("latin-1")), "not UTF-8 at byte 3 (line 1;"),
    ("huge.txt", _huge, "104857600 bytes, more than the limit of 20000000"),
    ("link.txt", _symlink_outside, "a symlink"),
]


@pytest.mark.parametrize(("name", "make", "message"), FATAL, ids=[f[0] for f in FATAL])
def test_build_refuses_a_bad_seed_with_exit_2_and_keeps_the_package(
    built: Path, name: str, make: Callable[[Path], None], message: str
) -> None:
    before = _snapshot(built / "datapackage")
    make(built / "seeds" / name)
    result = _build(built)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert f"mctimeline: error: {built / 'seeds' / name}: {message}" in result.stderr
    assert result.stderr.rstrip().endswith("was left as it was")
    assert _snapshot(built / "datapackage") == before
    assert sorted(p.name for p in built.iterdir() if p.name != "outside.txt") == ["datapackage", "seeds"]


def test_the_size_limit_is_an_option(built: Path) -> None:
    size = (built / "seeds" / "b.txt").write_bytes((GOOD * 3).encode())
    result = _build(built, "--max-seed-bytes", "100")
    assert result.exit_code == 2
    assert f"b.txt: {size} bytes, more than the limit of 100 (split the text, or raise --max-seed-bytes)" in (
        result.stderr
    )
    assert _build(built, "--max-seed-bytes", str(size)).exit_code == 0


WARNED = [
    ("empty.txt", lambda p: p.write_bytes(b""), "skipped: empty (0 bytes), a source with no text"),
    ("blank.txt", lambda p: p.write_bytes(b" \r\n\t\n"), "skipped: only whitespace, a source with no text"),
    (
        "sub",
        lambda p: (p.mkdir(), (p / "deep.txt").write_text(GOOD, encoding="utf-8")),
        "skipped: only *.txt",
    ),
    ("notes.md", lambda p: p.write_text("# notes", encoding="utf-8"), "skipped: only *.txt"),
]


@pytest.mark.parametrize(("name", "make", "message"), WARNED, ids=[w[0] for w in WARNED])
def test_build_skips_with_a_warning_never_silently(
    built: Path, name: str, make: Callable[[Path], None], message: str
) -> None:
    make(built / "seeds" / name)
    result = _build(built)
    assert result.exit_code == 0, result.output
    assert f"mctimeline: warning: {built / 'seeds' / name}: {message}" in result.stderr
    assert result.stdout.startswith(f"wrote {built / 'datapackage'}: 1 sources, ")


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    return read_csv((folder / f"{table}.csv").read_bytes())


def test_bom_crlf_and_names_with_spaces_or_non_latin_letters_build_with_offsets_into_the_text_as_read(
    built: Path,
) -> None:
    seeds = built / "seeds"
    files = {
        "گزارش نشست.txt": codecs.BOM_UTF8
        + b"The summit opened on 27 May 2025.\r\nIt closed on 29 May 2025.\r\n",
        "تقرير 2.txt": "اجتماع\r\n\r\nعقد الاجتماع يوم 15 رمضان 1446 هـ.\r\n".encode(),
        "only numbers.txt": b"1234 5678\r\n90 12 3.14 -7 1e9\n",
    }
    for name, data in files.items():
        (seeds / name).write_bytes(data)
    result = _build(built)
    assert result.exit_code == 0, result.output
    assert "گزارش نشست.txt: starts with a UTF-8 BOM: kept as U+FEFF at offset 0" in result.stderr
    out = built / "datapackage"
    assert validate(out) == []  # the seeds sit beside the package: every mention is checked against them
    sources = {s["source_id"]: s for s in _rows(out, "sources")}
    assert set(sources) == {"a", "گزارش نشست", "تقرير 2", "only numbers"}
    texts = {Path(name).stem: data.decode("utf-8") for name, data in files.items()}
    mentions = [m for m in _rows(out, "mentions") if m["source_id"] in texts]
    for m in mentions:
        assert texts[m["source_id"]][int(m["start"]) : int(m["end"])] == m["text"]
    # Read off the texts: the BOM counts as one code point and CRLF as two.
    assert {(m["start"], m["text"]) for m in mentions if m["source_id"] == "گزارش نشست"} == {
        ("22", "27 May 2025"),
        ("49", "29 May 2025"),
    }
    assert sources["گزارش نشست"]["characters"] == str(len(texts["گزارش نشست"]))
    assert not [m for m in mentions if m["source_id"] == "only numbers" and m["status"] == "ok"]


def test_an_error_about_a_file_named_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad\nname.txt").write_bytes(b"\xff")
    with pytest.raises(SeedError, match=r"bad\\x0aname\.txt: not UTF-8 at byte 0") as info:
        read_seeds(tmp_path)
    assert "\n" not in str(info.value)


# --- reading at most the limit --------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, (1 << 20) + 3, 3 * (1 << 20)])
def test_a_seed_is_read_whole_whatever_its_size(tmp_path: Path, size: int) -> None:
    from mctimeline.seeds import read_seed

    line = b"The forum opened in Moscow on 27 May 2025.\n"  # ASCII: cut anywhere, still UTF-8
    data = (line * (size // len(line) + 1))[:size]
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    for limit in (size, size + 1, 10**20):  # 10**20: more than a read can ask for
        seed = read_seed(path, "seeds", max(limit, 1))
        assert seed.data == data
