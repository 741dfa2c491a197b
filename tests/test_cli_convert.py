"""Tests of the `mctimeline convert` command (click's CliRunner, and `python -m mctimeline` once)."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mctimeline.cli import main


def run(*args: str) -> Result:
    # click < 8.2 mixes stderr into output unless told not to; 8.2+ always keeps result.stderr apart.
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    else:
        runner = CliRunner()
    return runner.invoke(main, ["convert", *args], catch_exceptions=False)


def stdout_json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def one_error_line(result: Result) -> str:
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mctimeline: error: ")
    return lines[0]


def test_issue_example_json() -> None:
    # Issue 2's done-when: Gregorian 2025-05-27, Hijri 1446-11-29, Tuesday.
    data = stdout_json(run("1404-03-06", "--from", "jalali", "--json"))
    assert data["gregorian"]["start"] == data["gregorian"]["end"] == "2025-05-27"
    assert data["jalali"]["start"] == data["jalali"]["end"] == "1404-03-06"
    assert data["hijri"]["start"] == data["hijri"]["end"] == "1446-11-29"
    assert data["weekday"] == "Tuesday"
    assert data["precision"] == "day"


def test_json_is_one_line() -> None:
    result = run("1404-03-06", "--from", "jalali", "--json")
    assert result.stdout.count("\n") == 1
    assert "خرداد" in result.stdout  # not \u-escaped


def test_default_calendar_is_gregorian() -> None:
    data = stdout_json(run("2025-05-27", "--json"))
    assert data["jalali"]["start"] == "1404-03-06"


def test_leap_day_1403_is_accepted() -> None:
    # 1403 is a leap year of Iran's official calendar: 30 Esfand 1403 = 2025-03-20 (eve of Nowruz 1404).
    result = run("1403-12-30", "--from", "jalali")
    assert result.exit_code == 0, result.stderr
    assert "2025-03-20" in result.stdout
    assert result.stderr == ""


def test_text_output() -> None:
    result = run("1404-03-06", "--from", "jalali")
    assert result.exit_code == 0
    assert "2025-05-27" in result.stdout
    assert "1446-11-29" in result.stdout
    assert "Tuesday" in result.stdout


def test_30_esfand_1402_is_refused() -> None:
    line = one_error_line(run("1402-12-30", "--from", "jalali"))
    assert "1402-12-30" in line
    assert "jalali" in line
    assert "not a leap year" in line


@pytest.mark.parametrize("value", ["2025/05/27", "abc", "2025-5-x", "2025-05-27T00:00", "۲۰۲۵/۰۵"])
def test_bad_values_are_refused_in_one_line(value: str) -> None:
    line = one_error_line(run(value))
    assert repr(value) in line
    assert "YYYY-MM-DD" in line


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["2025-06-31"], ["2025-06-31", "gregorian"]),
        (["1446-01-30", "--from", "hijri"], ["1446-01-30", "29 days"]),
        (["1404-13", "--from", "jalali"], ["13", "jalali"]),
        (["1342-01-01", "--from", "hijri"], ["1343-1500 AH"]),
        (["1501", "--from", "hijri"], ["1343-1500 AH"]),
        (["1924-07-31"], ["1343-1500 AH"]),
    ],
)
def test_impossible_or_unsupported_dates_are_refused_in_one_line(args: list[str], words: list[str]) -> None:
    line = one_error_line(run(*args))
    for word in words:
        assert word in line


def test_unknown_calendar_is_a_usage_error() -> None:
    result = run("2025", "--from", "julian")
    assert result.exit_code == 2
    assert "julian" in result.stderr


@pytest.mark.parametrize(
    ("args", "precision", "gregorian"),
    [
        # Khordad 1404 in Iran's official calendar.
        (["1404-03", "--from", "jalali"], "month", ("2025-05-22", "2025-06-21")),
        # Ramadan 1446 in the Umm al-Qura calendar (Eid al-Fitr on 2025-03-30).
        (["1446-09", "--from", "hijri"], "month", ("2025-03-01", "2025-03-29")),
        # Jalali 1403: Nowruz 2024-03-20 to the eve of Nowruz 2025-03-21.
        (["1403", "--from", "jalali"], "year", ("2024-03-20", "2025-03-20")),
        (["2024"], "year", ("2024-01-01", "2024-12-31")),
    ],
)
def test_months_and_years_are_intervals(args: list[str], precision: str, gregorian: tuple[str, str]) -> None:
    data = stdout_json(run(*args, "--json"))
    assert data["precision"] == precision
    assert data["weekday"] is None
    assert (data["gregorian"]["start"], data["gregorian"]["end"]) == gregorian


def test_python_dash_m_runs_the_command() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "mctimeline", "convert", "1404-03-06", "--from", "jalali", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["gregorian"]["start"], data["hijri"]["start"], data["weekday"]) == (
        "2025-05-27",
        "1446-11-29",
        "Tuesday",
    )


def test_python_dash_m_refuses_with_exit_2() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mctimeline", "convert", "1402-12-30", "--from", "jalali"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert "1402-12-30" in done.stderr


# --- hostile values: one line on stderr, exit 2, never a traceback ----------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        # Years no calendar here can name, written as no int64 could hold, negative, zero.
        (["99999999999999999999"], ["at most 4 digits", "YYYY-MM-DD"]),
        (["10000"], ["at most 4 digits"]),
        (["-99999999999999999999-01-01", "--from", "jalali"], ["at most 4 digits"]),
        (["-5"], ["gregorian year -5", "outside the supported range"]),
        (["0"], ["gregorian year 0", "outside the supported range"]),
        (["0000-01-01", "--from", "jalali"], ["jalali year 0", "outside the supported range"]),
        (["-1", "--from", "hijri"], ["Hijri year -1", "1343-1500 AH"]),
        (["9378", "--from", "jalali"], ["jalali year 9378", "outside the supported range"]),
        # Days and months that do not exist.
        (["2025-05-00"], ["0 May 2025", "31 days"]),
        (["2025-05-32"], ["32 May 2025", "31 days"]),
        (["1404-06-32", "--from", "jalali"], ["32 Shahrivar 1404", "31 days"]),
        (["2025-13"], ["month 13", "1-12"]),
        (["1446-13-01", "--from", "hijri"], ["month 13", "1-12"]),
        (["2025-00-10"], ["month 0", "1-12"]),
        # Digits a Persian or Arabic keyboard does not type; a three-digit month.
        (["２０２５"], ["YYYY-MM-DD"]),
        (["२०२५-०५-२७"], ["YYYY-MM-DD"]),
        (["2025-005-01"], ["YYYY-MM-DD"]),
        # Control characters, an unpaired surrogate (a command line that was not UTF-8).
        (["2025-05-27\x00"], ["YYYY-MM-DD", "\\x00"]),
        (["2025-05-27\udcff"], ["YYYY-MM-DD", "\\udcff"]),
        (["2025\n05"], ["YYYY-MM-DD", "\\n"]),
    ],
)
def test_hostile_values_are_refused_in_one_line(args: list[str], words: list[str]) -> None:
    value, options = args[0], args[1:]
    result = run(*options, "--", value)  # `--`: a value such as -5 is not an option
    line = one_error_line(result)
    assert "Traceback" not in result.output
    for word in words:
        assert word in line


def test_a_negative_year_without_double_dash_is_a_one_line_usage_error() -> None:
    line = one_error_line(run("-5", "--from", "jalali"))
    assert "-5" in line


def test_a_megabyte_argument_gives_a_short_line() -> None:
    value = "2025-" + "9" * 1_000_000
    line = one_error_line(run(value))
    assert len(line) < 400
    assert "1000005 characters" in line


@pytest.mark.parametrize(
    ("args", "gregorian"),
    [
        # The issue's example written with a Persian keyboard: 6 Khordad 1404 = 2025-05-27.
        (["۱۴۰۴-۰۳-۰۶", "--from", "jalali"], ("2025-05-27", "2025-05-27")),
        # Ramadan 1446 with Arabic-Indic digits (Eid al-Fitr on 2025-03-30, as above).
        (["١٤٤٦-٠٩", "--from", "hijri"], ("2025-03-01", "2025-03-29")),
        (["۲۰۲۵"], ("2025-01-01", "2025-12-31")),
    ],
)
def test_persian_and_arabic_indic_digits_are_read(args: list[str], gregorian: tuple[str, str]) -> None:
    data = stdout_json(run(*args, "--json"))
    assert (data["gregorian"]["start"], data["gregorian"]["end"]) == gregorian


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["2025", "--from", "julian"], ["'julian'", "--from"]),
        (["2025", "--from", "Jalali"], ["'Jalali'", "--from"]),
        (["2025", "--form", "jalali"], ["--form"]),
        ([], ["Missing argument", "VALUE"]),
        (["2025", "2026"], ["unexpected extra argument"]),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(args: list[str], words: list[str]) -> None:
    line = one_error_line(run(*args))
    for word in words:
        assert word in line
