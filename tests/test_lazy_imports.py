"""Start-up stays light: `mctimeline --help`, `convert` and `tag` import none of the heavy writers' libraries.

Each command runs in a fresh interpreter (through click's entry point, as the console
script does) and reports which of frictionless, icalendar, pandas and dask it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("frictionless", "icalendar", "ical", "pandas", "dask", "distributed")

PROBE = f"""
import json, sys
from mctimeline.cli import main
try:
    main(sys.argv[1:], prog_name="mctimeline", standalone_mode=False)
finally:
    heavy = sorted({{name.split(".")[0] for name in sys.modules}} & set({HEAVY!r}))
    print("\\nHEAVY=" + json.dumps(heavy))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["convert", "1404-03-06", "--from", "jalali"],
        ["convert", "2025", "--json"],
        ["tag", "-", "--lang", "fa"],
        ["tag", "-", "--json"],
        ["build", "--help"],
    ],
    ids=lambda a: " ".join(a),
)
def test_command_imports_no_heavy_library(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input="از ۲۷ تا ۲۹ مه ۲۰۲۵ (۶ تا ۸ خرداد ۱۴۰۴)",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    line = [ln for ln in done.stdout.splitlines() if ln.startswith("HEAVY=")][-1]
    assert json.loads(line.removeprefix("HEAVY=")) == [], f"mctimeline {' '.join(args)} imported them"
