"""The cyclic garbage collector paused, or kept off what is alive, for long runs."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """CPython's cyclic garbage collector paused, and resumed only if it was on.

    Tagging, the build's pipeline and writers, and a parse of a feed make many objects
    and no reference cycles (a 1,000-document build leaves under 200 objects to collect),
    while every full pass of the collector walks every live object: in a corpus build,
    millions. Memory is still freed by reference counting; a caller's own gc.disable()
    stands.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def frozen_gc() -> Iterator[None]:
    """What is alive now kept out of the collector's passes, until the block ends.

    For a run that collects often while a large, long-lived set of objects (imports,
    library caches) stays alive: each pass then walks only what came since. Unfrozen on
    exit only if nothing was frozen before: a caller that freezes for itself (a validation
    helper after each task) keeps its own freeze, which gc offers no way to undo in part.
    """
    own = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if own:
            gc.unfreeze()
