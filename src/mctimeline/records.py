"""Frozen dataclasses with slots made, and pickled, field by field: faster than dataclasses' own ways."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def maker(cls: type[T]) -> Callable[[Sequence[Any]], T]:
    """A maker of `cls` (a frozen dataclass with slots) from its fields' values in order: what
    `cls(*values)` makes, each slot set directly by its descriptor rather than through the
    frozen `__init__`'s `object.__setattr__` a field (a third of an event's decoding, and every
    writer decodes every record it writes). Compiled once a class, one line a slot, as
    dataclasses compiles `__init__`. A class with a `__post_init__`, or no slots, is made by
    its `__init__`."""
    if hasattr(cls, "__post_init__") or not hasattr(cls, "__slots__"):
        return lambda values: cls(*values)
    return _slot_maker(cls)


def all_slots_maker(cls: type[T]) -> Callable[[Sequence[Any]], T]:
    """A maker of `cls` (a frozen dataclass with slots) from the values of all its fields in order,
    the derived ones (`init=False`) included, each set by its slot's descriptor: for a class with
    a `__post_init__`, whose caller works out what it would derive."""
    return _slot_maker(cls)


def _slot_maker(cls: type[T]) -> Callable[[Sequence[Any]], T]:
    """`cls` from every field's value in order, each set by its slot's descriptor (no `__init__`)."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    scope.update((f"set{i}", getattr(cls, name).__set__) for i, name in enumerate(names))
    # Unpacked in one step, so a tuple of the wrong length fails here, at once, as ValueError,
    # rather than (too short) when a missing slot is read or (too long) never: two branches once
    # disagreed on a class's fields this way. It is also cheaper than indexing (12 fields: 0.54x).
    unpack = "".join(f"v{i}, " for i in range(len(names))) or "()"
    lines = "".join(f"    set{i}(record, v{i})\n" for i in range(len(names)))
    exec(
        f"def make(values):\n    {unpack} = values\n    record = new(cls)\n{lines}    return record\n", scope
    )
    make: Callable[[Sequence[Any]], T] = scope["make"]
    return make


# The classes `pickled_by_fields` registered, each with its maker: a pickle names only these.
_MAKERS: dict[type, Callable[[Sequence[Any]], Any]] = {}


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Class decorator (over `@dataclass(frozen=True, slots=True)`): `cls` pickles as the tuple of
    its fields' values and is remade slot by slot, as dataclasses' own `__setstate__` remakes it
    (every field as it was, a derived one too: no `__post_init__` runs).

    A Document crosses from a worker process to the build's (corpus.local_documents) as
    pickles of some fifty such records; dataclasses' `__getstate__`/`__setstate__` read the
    fields' list and set each field in a Python loop, about 2x slower both ways than one
    `attrgetter` call and the compiled maker."""
    if not hasattr(cls, "__slots__"):
        raise TypeError(f"{cls.__name__}: not a dataclass with slots")
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    get = attrgetter(*names)
    one = len(names) == 1  # attrgetter of one name gives the value, not a tuple

    def __reduce__(self: T) -> tuple[Callable[[type, Sequence[Any]], Any], tuple[type, tuple[Any, ...]]]:
        values = get(self)
        return _remade, (cls, (values,) if one else values)

    _MAKERS[cls] = _slot_maker(cls)
    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


def _remade(cls: type, values: Sequence[Any]) -> Any:
    """A record of a registered class from its pickled values (`pickled_by_fields`)."""
    return _MAKERS[cls](values)
