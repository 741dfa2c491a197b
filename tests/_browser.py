"""Headless Debian Chromium driven by playwright, for the page and plot tests (skips unless CI=true)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "build" / "artifacts"
# No network, no updates, no sandbox (containers): the page must render from the file alone.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"{reason}; CI must run the browser tests (.ci/run installs chromium, pip the test extra)"
        )
    pytest.skip(reason)


def chromium_path() -> str:
    found = str(CHROMIUM) if CHROMIUM.is_file() else shutil.which("chromium")
    if not found:
        _missing("no chromium at /usr/bin/chromium (Debian: apt-get install chromium)")
    return str(found)


@contextmanager
def browser() -> Iterator[Any]:
    """A launched headless Chromium (playwright Browser); skipped when absent, except under CI=true."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def artifact(name: str) -> Path:
    """Where a screenshot goes: build/artifacts/ under the repository (kept by CI, ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def watched_page(b: Any, width: int, height: int) -> tuple[Any, list[str], list[str]]:
    """A new page of `b` at this viewport, with the URLs it requests and the errors it reports."""
    context = b.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return pg, requests, errors
