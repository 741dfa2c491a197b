"""Counting the lines of mctimeline's own code that a call runs: work measured without a clock.

The scaling tests compare the count for a text and for four times that text; unlike
seconds, a count does not depend on the machine or on what else runs beside the tests.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import mctimeline

PACKAGE = str(Path(mctimeline.__file__).parent)
T = TypeVar("T")


def lines_run(call: Callable[[], T]) -> tuple[int, T]:
    """(lines of mctimeline's code that `call()` ran, what it returned)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        result = call()
    finally:
        sys.settrace(previous)
    return count, result
