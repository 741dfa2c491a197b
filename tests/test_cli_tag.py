"""`mctimeline tag`: JSON Lines and the table, files and stdin, the issue's Done-when commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mctimeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED_002 = ROOT / "seeds" / "002_b675c6c5154daf2b.txt"
SEED_004 = ROOT / "seeds" / "004_092f7c7818d12c39.txt"


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _seed_text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def test_seed_004_may_range_gloss_conflict_and_no_title() -> None:
    result = CliRunner().invoke(main, ["tag", str(SEED_004), "--json"])
    assert result.exit_code == 0, result.output
    mentions = _json_lines(result.output)
    text = _seed_text(SEED_004)
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]
    (may,) = [m for m in mentions if m["text"] == "۲۷ تا ۲۹ مه ۲۰۲۵"]
    assert (may["start_date"], may["end_date"], may["status"]) == ("2025-05-27", "2025-05-29", "ok")
    (gloss,) = [m for m in mentions if m["gloss_of"] is not None]
    assert gloss["text"] == "7 تا 9 خرداد \n\n1403"
    assert mentions[gloss["gloss_of"]] == may
    assert gloss["status"] == "conflict" and "one year early" in gloss["note"]
    title = text.index("۲۰۲۵: تحول جهان")
    assert not [m for m in mentions if m["start"] < title + 15 and title < m["end"]]


def test_seed_002_yearless_june_range_is_inferred_with_a_reason() -> None:
    result = CliRunner().invoke(main, ["tag", str(SEED_002), "--json"])
    assert result.exit_code == 0, result.output
    (june,) = [m for m in _json_lines(result.output) if m["text"] == "23 إلى 24 يونيو"]
    assert (june["start_date"], june["end_date"], june["status"]) == ("2021-06-23", "2021-06-24", "inferred")
    assert "Wednesday" in june["note"]


def test_json_lines_have_the_contract_fields_first() -> None:
    result = CliRunner().invoke(main, ["tag", "-", "--json"], input="از ۲۷ تا ۲۹ مه ۲۰۲۵ (۶ تا ۸ خرداد ۱۴۰۴)")
    assert result.exit_code == 0, result.output
    first, second = _json_lines(result.output)
    assert list(first)[:9] == [
        "start",
        "end",
        "text",
        "calendar",
        "start_date",
        "end_date",
        "precision",
        "status",
        "note",
    ]
    assert (first["start"], first["end"], first["text"]) == (3, 3 + 16, "۲۷ تا ۲۹ مه ۲۰۲۵")
    assert second["gloss_of"] == 0 and second["calendar"] == "jalali"
    assert "\\u" not in result.output, "non-ASCII is written as is"


def test_stdin_is_the_default_and_the_table_is_readable() -> None:
    result = CliRunner().invoke(main, ["tag"], input="عقد المؤتمر في 26 - 27 أكتوبر 2023.\n")
    assert result.exit_code == 0, result.output
    assert "2023-10-26..2023-10-27" in result.output and "«26 - 27 أكتوبر 2023»" in result.output


def test_no_mentions() -> None:
    result = CliRunner().invoke(main, ["tag", "-"], input="بیش از ۱۲۵ هیئت از ۱۰۰ کشور\n")
    assert result.exit_code == 0 and "no date mentions" in result.output


def test_crlf_offsets_match_the_file(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("سطر اول\r\n\r\nدر ۱۵ اوت ۲۰۲۳ برگزار شد\r\n".encode())
    result = CliRunner().invoke(main, ["tag", str(path), "--json"])
    (m,) = _json_lines(result.output)
    assert path.read_bytes().decode("utf-8")[m["start"] : m["end"]] == "۱۵ اوت ۲۰۲۳"


def test_lang_option() -> None:
    result = CliRunner().invoke(main, ["tag", "-", "--json", "--lang", "fa"], input="در ۱۴۰۳ آغاز شد")
    (m,) = _json_lines(result.output)
    assert m["calendar"] == "jalali"


def test_not_utf8_names_the_file_and_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"abc " + "é".encode("latin-1"))
    result = CliRunner().invoke(main, ["tag", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and "byte 4" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["tag", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "cannot read" in result.output


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_has_an_example(flag: str) -> None:
    result = CliRunner().invoke(main, ["tag", flag])
    assert result.exit_code == 0 and "mctimeline tag seeds/" in result.output


def test_published_dates_yesterday_and_says_it_was_given(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("التقى وزير الخارجية الروسي نظيره السعودي أمس في موسكو.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["tag", str(report), "--published", "2015-08-11T09:30+03:00"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "published 2015-08-11 (given)"
    assert "2015-08-10" in lines[1] and "«أمس»" in lines[1]
    as_json = CliRunner().invoke(main, ["tag", str(report), "--json", "--published", "2015-08-11"])
    (m,) = _json_lines(as_json.output)
    assert (m["start_date"], m["status"]) == ("2015-08-10", "inferred")


def test_published_that_is_not_iso_is_a_one_line_error(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("وصل الوفد أمس إلى موسكو.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["tag", str(report), "--published", "11/08/2015"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "--published" in result.output and "ISO 8601" in result.output


# --- hostile input: one line on stderr, exit 2, never a traceback -----------------------------

# Each is bytes a user could hand `tag` by mistake; the words name the file, byte and line.
HOSTILE_FILES = [
    # Latin-1 «é» on the third line: byte 0xE9 followed by a space is not a UTF-8 sequence.
    ("latin1.txt", "خبر\nنشست امنیتی\n".encode() + "Café de Flore".encode("latin-1"), ["byte", "line 3"]),
    ("utf16.txt", "نشست ۲۷ مه ۲۰۲۵".encode("utf-16"), ["UTF-16", "BOM at byte 0"]),
    ("utf32.txt", "نشست ۲۷ مه ۲۰۲۵".encode("utf-32"), ["UTF-32"]),
    ("nul.txt", "نشست\n۲۷ مه".encode() + b"\x00\x01", ["NUL", "line 2"]),
    ("truncated.txt", "نشست ۲۷ مه ۲۰۲۵".encode()[:-1], ["not UTF-8", "line 1"]),
]


def _one_error_line(result: object, code: int = 2) -> str:
    from click.testing import Result

    assert isinstance(result, Result)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mctimeline: error: ")
    return lines[0]


@pytest.mark.parametrize(("name", "data", "words"), HOSTILE_FILES, ids=[f[0] for f in HOSTILE_FILES])
def test_a_file_that_is_not_utf8_text_is_refused_in_one_line(
    tmp_path: Path, name: str, data: bytes, words: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    line = _one_error_line(CliRunner().invoke(main, ["tag", str(path)]))
    assert str(path) in line
    for word in words:
        assert word in line


@pytest.mark.parametrize(("name", "data", "words"), HOSTILE_FILES, ids=[f[0] for f in HOSTILE_FILES])
def test_standard_input_that_is_not_utf8_text_is_refused_in_one_line(
    name: str, data: bytes, words: list[str]
) -> None:
    line = _one_error_line(CliRunner().invoke(main, ["tag", "-"], input=data))
    assert "standard input" in line
    for word in words:
        assert word in line


def test_the_byte_and_line_are_those_of_the_file(tmp_path: Path) -> None:
    data = "سطر اول\r\nسطر دوم\r\n".encode() + b"\xff"
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    line = _one_error_line(CliRunner().invoke(main, ["tag", str(path)]))
    bad = data.index(b"\xff")
    assert f"byte {bad} (line 3;" in line


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("missing.txt", ["cannot read", "missing.txt", "No such file"]),
        (".", ["cannot read", "directory"]),  # a folder given as FILE
    ],
)
def test_a_missing_file_or_a_folder_is_refused_in_one_line(
    tmp_path: Path, target: str, words: list[str]
) -> None:
    line = _one_error_line(CliRunner().invoke(main, ["tag", str(tmp_path / target)]))
    for word in words:
        assert word in line


def test_an_unknown_language_is_a_one_line_usage_error() -> None:
    line = _one_error_line(CliRunner().invoke(main, ["tag", "--lang", "ku", "-"], input="۱۴۰۴"))
    assert "'ku'" in line and "--lang" in line


@pytest.mark.parametrize("text", ["", "   \n\t\r\n", "\ufeff"])
def test_empty_input_warns_and_finds_nothing(text: str) -> None:
    result = CliRunner().invoke(main, ["tag", "-"], input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "no date mentions\n"
    assert "mctimeline: warning: standard input: no text" in result.stderr
    assert "Traceback" not in result.output
    quiet = CliRunner().invoke(main, ["--quiet", "tag", "-", "--json"], input=text.encode("utf-8"))
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")


# Numbers no calendar can name, days and months that do not exist, and digits of two
# scripts: the text is tagged (what cannot be a date is invalid or not a mention), never
# a crash. Each line is news-style text written for this test.
HOSTILE_TEXTS = [
    "رقم ۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹ میلادی در گزارش آمده است.",
    "The figure 99999999999999999999 AD appears in the report, as does 31 June 99999.",
    "نشست در ۳۲ مه ۲۰۲۵ و ۰ فروردین ۱۴۰۴ و ۱۴۰۴/۱۳/۴۰ برگزار شد.",
    "المؤتمر في ١٤٤٦/١٣/٠٠ هـ و ٩٩٩٩٩ هـ و 0 محرم 1446 هـ.",
    "The meeting on 0000-00-00, on 5 May 0001 and in 10000 AD or -5 AD was recorded.",
    "نشست در ۱۴۰4/0۳/۰۶ و ٢٧ مه ۲۰۲۵ برگزار شد.",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_numbers_in_the_text_are_tagged_without_a_crash(text: str) -> None:
    result = CliRunner().invoke(main, ["tag", "-", "--json"], input=text)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0, result.output
    for m in _json_lines(result.stdout):
        assert text[m["start"] : m["end"]] == m["text"]
        if m["status"] == "ok":  # an ok mention names real days
            assert m["start_date"] and m["end_date"] and m["start_date"] <= m["end_date"]
