"""The seed texts are kept byte for byte: offsets in the data package point into them."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "seeds"


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.txt"))}


def test_seeds_match_the_shared_originals() -> None:
    if not SHARED.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI runs with ../shared beside the clone, but {SHARED} is missing")
        pytest.skip(f"{SHARED} is not beside this checkout")
    shared = _digests(SHARED)
    assert shared, f"no seed texts in {SHARED}"
    assert _digests(ROOT / "seeds") == shared


def test_seeds_are_utf8_text() -> None:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        path.read_bytes().decode("utf-8")  # raises with the byte offset if not
