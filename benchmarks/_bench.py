"""Shared by the benchmark scripts: timing, rows of figures with their peer's, and the printed table."""

from __future__ import annotations

import argparse
import gc
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "benchmarks") not in sys.path:  # so `import synth` works from any working directory
    sys.path.insert(0, str(ROOT / "benchmarks"))


@dataclass(frozen=True)
class Row:
    """One figure, its peer's figure measured in the same run, and the target for their ratio.

    Both figures are rates (higher is better: days/s, characters/s, events/s) unless
    `lower_is_better` (seconds, bytes); the ratio is always 'how many times better we are'.
    """

    name: str
    ours: float
    unit: str
    peer_name: str = ""
    peer: float | None = None
    target: float | None = None  # the ratio issue 7 asks for, if any
    lower_is_better: bool = False
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.peer is None or self.peer == 0 or self.ours == 0:
            return None
        return self.peer / self.ours if self.lower_is_better else self.ours / self.peer

    @property
    def verdict(self) -> str:
        if self.target is None or self.ratio is None:
            return ""
        return "met" if self.ratio >= self.target else "NOT met"


def best_seconds(fn: Callable[[], object], repeat: int = 5, min_time: float = 0.2) -> float:
    """The best wall time of one call of `fn` over `repeat` rounds (each at least `min_time` long)."""
    fn()  # warm caches and lazy tables outside the measurement
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time or number >= 1 << 20:
            break
        number *= 2
    best = elapsed / number
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat - 1):
            start = time.perf_counter()
            for _ in range(number):
                fn()
            best = min(best, (time.perf_counter() - start) / number)
    finally:
        if gc_was:
            gc.enable()
    return best


def human(value: float) -> str:
    """A figure with three significant digits and an SI suffix: 1.23 M, 456 k, 78.9."""
    for factor, suffix in ((1e9, " G"), (1e6, " M"), (1e3, " k")):
        if abs(value) >= factor:
            return f"{value / factor:.3g}{suffix}"
    if abs(value) >= 1 or value == 0:
        return f"{value:.3g}"
    for factor, suffix in ((1e-3, " m"), (1e-6, " µ"), (1e-9, " n")):
        if abs(value) >= factor:
            return f"{value / factor:.3g}{suffix}"
    return f"{value:.3g}"


def print_table(title: str, rows: list[Row], notes: list[str] = ()) -> None:  # type: ignore[assignment]
    header = ("benchmark", "ours", "unit", "peer", "peer figure", "ratio", "target", "")
    lines = [header]
    for row in rows:
        lines.append(
            (
                row.name,
                human(row.ours),
                row.unit,
                row.peer_name,
                human(row.peer) if row.peer is not None else "",
                f"{row.ratio:.3g}×" if row.ratio is not None else "",
                f"≥ {row.target:.3g}×" if row.target is not None else "",
                row.verdict,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    print(f"\n## {title}")
    print(f"(python {platform.python_version()}, {platform.machine()}, {platform.system()})")
    for i, line in enumerate(lines):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * width for width in widths).rstrip())
    for row in rows:
        if row.note:
            print(f"  * {row.name}: {row.note}")
    for note in notes:
        print(f"  * {note}")


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds (what CI runs)")
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic inputs (default 1)")
    return p
