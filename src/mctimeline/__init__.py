"""mctimeline: a timeline of dated events from Persian, Arabic and English news texts.

The Python API mirrors the command line. Each name is imported on first use, so
`import mctimeline` stays cheap (no frictionless, icalendar or pandas until needed):

    from mctimeline import convert, tag, build

convert(value, calendar="gregorian") -> Conversion
    A day (YYYY-MM-DD), month (YYYY-MM) or year (YYYY) written in `calendar`
    ("gregorian", "jalali" or "hijri"), as the interval it covers in all three
    calendars. Raises ValueError for a day that does not exist.

        convert("1404-03-06", "jalali").to_json()["gregorian"]["start"]   # '2025-05-27'

tag(text, lang="auto") -> list[Mention]
    Every date mention in `text`, with code-point offsets (text[m.start:m.end] == m.text),
    its calendar, Gregorian bounds, precision and status. Pure; never raises on a str.

        [(m.text, m.start_date, m.end_date) for m in tag("از ۲۷ تا ۲۹ مه ۲۰۲۵")]

build(seeds, out) -> BuildSummary
    The data package (CSV tables, datapackage.json, .ics feeds) of the *.txt texts in
    the folder `seeds`, validated and swapped into `out` atomically. Raises BuildError
    and leaves `out` as it was when no valid package can be written.

        build(Path("seeds"), Path("datapackage")).events   # the number of events

read_resource(folder, name) -> pandas.DataFrame
    A table of a built package with the dtypes its schema declares (needs pandas).
"""

from __future__ import annotations

import inspect
import sys
import types
from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "convert": ("mctimeline.conversion", "convert"),
    "tag": ("mctimeline.tagger", "tag"),
    "build": ("mctimeline.build", "build"),
    "read_resource": ("mctimeline.load", "read_resource"),
}

__all__ = ["__version__", *_API]


class _FunctionModule(types.ModuleType):
    """A submodule that, called, runs its function of the same name.

    `build` is both a function and the module `mctimeline.build`. Importing that module
    sets the package's attribute `build` to it (Python does so for every submodule), and
    `from mctimeline import build` reads that attribute; so the module itself must be
    callable for `build(seeds, out)` to work whatever was imported first, while
    `mctimeline.build.write_timeline` and the like keep working.
    """

    def _function(self) -> Any:
        return getattr(self, self.__name__.rpartition(".")[2])

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._function()(*args, **kwargs)

    @property
    def __signature__(self) -> inspect.Signature:
        return inspect.signature(self._function())


class _Package(types.ModuleType):
    """The package: submodules named like an API function become callable when imported."""

    def __setattr__(self, name: str, value: Any) -> None:
        if _API.get(name, ("", ""))[0] == f"{__name__}.{name}" and type(value) is types.ModuleType:
            value.__class__ = _FunctionModule
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    try:
        module, attr = _API[name]
    except KeyError:
        raise AttributeError(f"module 'mctimeline' has no attribute {name!r}") from None
    loaded = import_module(module)
    return loaded if module == f"{__name__}.{name}" else getattr(loaded, attr)


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
