"""Shared test settings: how long the fuzz tests run, and the figure they report.

The fuzz tests (tests/test_fuzz.py) run FUZZ_EXAMPLES inputs per property: a few
hundred on a developer's machine, many more when CI=true. The count is bounded by
examples, never by time, so no test is timed; the number of inputs actually tried is
printed in the terminal summary and written to build/fuzz-figure.txt.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
FUZZ_EXAMPLES = int(os.environ.get("MCTIMELINE_FUZZ_EXAMPLES") or (5000 if CI else 300))

# Inputs tried per fuzz property, counted by the properties themselves.
FUZZ_TRIED: Counter[str] = Counter()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FUZZ_TRIED:
        return
    total = sum(FUZZ_TRIED.values())
    detail = ", ".join(f"{name} {count}" for name, count in sorted(FUZZ_TRIED.items()))
    where = "CI" if CI else "local"
    line = f"fuzz: {total} inputs tried ({where}, up to {FUZZ_EXAMPLES} per property): {detail}"
    terminalreporter.write_sep("-", "fuzz")
    terminalreporter.write_line(line)
    figure = Path(__file__).resolve().parents[1] / "build" / "fuzz-figure.txt"
    try:
        figure.parent.mkdir(exist_ok=True)
        figure.write_text(line + "\n", encoding="utf-8")
    except OSError as exc:  # a read-only checkout still prints the figure
        terminalreporter.write_line(f"fuzz: could not write {figure}: {exc}")
