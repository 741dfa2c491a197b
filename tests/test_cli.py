"""The command line as people expect it: help with examples, --version, --quiet, errors, python -m."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import mctimeline
from mctimeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("frictionless", "icalendar", "ical", "pandas")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mctimeline", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


# --- help and version ------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example_of_itself(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout, f"`mctimeline {command} --help` shows no example"
    examples = result.stdout.split("Example", 1)[1]
    assert f"mctimeline {command}" in examples


@pytest.mark.parametrize("args", [["--help"], ["-h"], []])
def test_top_level_help_lists_the_commands_and_examples(args: list[str]) -> None:
    result = CliRunner().invoke(main, args, prog_name="mctimeline")
    assert result.exit_code in (0, 2) and "Usage: mctimeline" in result.output
    if args:
        assert result.exit_code == 0
        assert all(name in result.stdout for name in main.commands)
        assert "mctimeline convert 1404-03-06" in result.stdout.split("Examples")[1]


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = CliRunner().invoke(main, [flag])
    assert (result.exit_code, result.stdout) == (0, f"mctimeline, version {mctimeline.__version__}\n")


def test_python_dash_m_runs_the_same_command() -> None:
    done = run("--version")
    assert (done.returncode, done.stdout) == (0, f"mctimeline, version {mctimeline.__version__}\n")
    done = run("convert", "1404-03-06", "--from", "jalali", "--json")
    assert done.returncode == 0, done.stderr
    assert '"start": "2025-05-27"' in done.stdout


# --- errors: stderr, a one-line message, non-zero ----------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["convert", "1402-12-30", "--from", "jalali"], 2, "mctimeline: error: cannot convert '1402-12-30'"),
        (["tag", "no/such/file.txt"], 2, "mctimeline: error: cannot read no/such/file.txt"),
        (["validate", "no/such/folder"], 1, "datapackage.json: missing"),
        (["dictionary", "no/such/folder"], 2, "no datapackage.json here"),
        (["convert", "2025", "--from", "martian"], 2, "Invalid value for '--from'"),
        (["nonsense"], 2, "No such command 'nonsense'"),
    ],
)
def test_errors_go_to_stderr_with_a_nonzero_code(args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert message in result.stderr


def test_errors_are_on_stderr_from_python_dash_m_too() -> None:
    done = run("convert", "2025-06-31")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("mctimeline: error: ") and done.stderr.count("\n") == 1


# --- quiet ------------------------------------------------------------------------------


@pytest.fixture
def seeds_with_a_stray(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "notes.md").write_text("not a seed", encoding="utf-8")  # skipped with a warning
    return seeds


def test_build_warns_and_summarizes_without_quiet(seeds_with_a_stray: Path, tmp_path: Path) -> None:
    out = tmp_path / "datapackage"
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds_with_a_stray), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "notes.md" in result.stderr and "warning" in result.stderr
    assert result.stdout.startswith(f"wrote {out}")


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_build_prints_nothing(seeds_with_a_stray: Path, tmp_path: Path, where: str) -> None:
    out = tmp_path / "datapackage"
    args = ["build", "--seeds", str(seeds_with_a_stray), "--out", str(out)]
    args = ["--quiet", *args] if where == "before" else [*args, "-q"]
    result = CliRunner().invoke(main, args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert (out / "events.csv").is_file()
    quiet_validate = CliRunner().invoke(main, ["validate", str(out), "--quiet"])
    assert (quiet_validate.exit_code, quiet_validate.stdout, quiet_validate.stderr) == (0, "", "")


def test_quiet_keeps_errors(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bad.txt").write_bytes(b"ok \xc3(")
    result = CliRunner().invoke(main, ["-q", "build", "--seeds", str(seeds), "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "mctimeline: error:" in result.stderr and "bad.txt" in result.stderr


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_takes_quiet_after_its_name(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--quiet", "--help"])
    assert result.exit_code == 0, result.output
    assert "-q, --quiet" in result.stdout


def test_quiet_plot_writes_the_picture_and_says_nothing(tmp_path: Path) -> None:
    svg = tmp_path / "t.svg"
    result = CliRunner().invoke(main, ["plot", str(ROOT / "datapackage"), "-o", str(svg), "-q"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert svg.read_bytes().startswith(b"<")


def test_quiet_does_not_hide_what_was_asked_for() -> None:
    result = CliRunner().invoke(main, ["--quiet", "convert", "2025-05-27"])
    assert result.exit_code == 0 and "1404-03-06" in result.stdout


# --- lazy imports -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["convert", "1404-03-06", "--from", "jalali"],
        ["tag", "-", "--json"],
        ["dictionary", str(ROOT / "datapackage")],
    ],
)
def test_light_commands_do_not_import_the_heavy_libraries(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from mctimeline.cli import main\n"
        f"try:\n    main({args!r}, prog_name='mctimeline')\nexcept SystemExit:\n    pass\n"
        f"print('HEAVY', sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input="از ۲۷ مه ۲۰۲۵", capture_output=True, text=True, timeout=120
    )
    assert "HEAVY []" in done.stderr, done.stderr


# --- the Python API -------------------------------------------------------------------------


def test_the_api_names_are_documented_and_lazy() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, mctimeline; from mctimeline import convert, tag, build; "
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"
    for name in ("convert", "tag", "build", "read_resource"):
        assert getattr(mctimeline, name).__doc__, name
        assert name in mctimeline.__doc__
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        mctimeline.nope  # noqa: B018


@pytest.mark.parametrize("first", ["", "import mctimeline.builder; "])
def test_build_is_the_function_whatever_was_imported_first(first: str, tmp_path: Path) -> None:
    """`from mctimeline import build` is the build function, and it takes str paths too."""
    code = (
        f"{first}from mctimeline import build, convert, tag; "
        f"import inspect; print(list(inspect.signature(build).parameters)[:2]); "
        f"print(build({str(ROOT / 'seeds')!r}, {str(tmp_path / 'out')!r}).sources); "
        "import mctimeline.builder as module; print(module.build is build)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    seeds = len(list((ROOT / "seeds").glob("*.txt")))
    assert done.stdout.splitlines() == ["['seeds', 'out']", str(seeds), "True"]


# --- hostile numbers in options: a one-line usage error or a build, never a traceback ------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--workers", "99999999999999999999", "--engine", "dask"], ["--workers", "1<=x<=1024"]),
        (["--workers", "0"], ["--workers"]),
        (["--max-seed-bytes", "-5"], ["--max-seed-bytes"]),
        (["--max-seed-bytes", "1e9"], ["--max-seed-bytes", "'1e9'"]),
        (["--engine", "spark"], ["--engine", "'spark'"]),
    ],
)
def test_bad_build_options_are_one_line_usage_errors(
    tmp_path: Path, args: list[str], words: list[str]
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--seeds", str(ROOT / "seeds"), "--out", str(out), *args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mctimeline: error: "), result.stderr
    for word in words:
        assert word in lines[0]
    assert not out.exists()


def test_a_seed_limit_larger_than_memory_is_no_limit(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("نشست امنیتی مسکو روز ۲۷ مه ۲۰۲۵ برگزار شد.\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", "--seeds", str(seeds), "--out", str(out), "--max-seed-bytes", "99999999999999999999"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "1 sources, 1 mentions" in result.stdout
