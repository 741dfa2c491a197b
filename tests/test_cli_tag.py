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
