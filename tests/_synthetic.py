"""Synthetic corpora for tests: benchmarks/synth.py's seeded documents, written to a folder."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def write_synthetic(folder: Path, count: int, seed: int) -> Path:
    """`count` synthetic documents (the same for the same seed) written to `folder`, which is returned."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import synth
    finally:
        sys.path.remove(str(BENCHMARKS))
    synth.write_corpus(folder, count, seed=seed)
    return folder
