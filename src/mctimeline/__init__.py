"""mctimeline: a timeline of dated events from Persian, Arabic and English news texts.

The Python API mirrors the command line. Each name is imported on first use, so
`import mctimeline` stays cheap (no frictionless, icalendar or pandas until needed):

    from mctimeline import convert, tag, build

convert(value, calendar="gregorian") -> Conversion
    A day (YYYY-MM-DD), month (YYYY-MM) or year (YYYY) written in `calendar`
    ("gregorian", "jalali" or "hijri"), as the interval it covers in all three
    calendars. Raises ValueError for a day that does not exist.

        convert("1404-01-01", "jalali").to_json()["gregorian"]["start"]   # '2025-03-21' (Nowruz)

tag(text, lang="auto", published=None) -> list[Mention]
    Every date mention in `text`, with code-point offsets (text[m.start:m.end] == m.text),
    its calendar, Gregorian bounds, precision and status. Pure; never raises on a str.
    `published` (a date or "2015-08-11") dates «أمس», «امروز» and days without a year.

        [(m.text, m.start_date, m.end_date) for m in tag("از ۲۷ تا ۲۹ مه ۲۰۲۵")]

build(seeds, out) -> BuildSummary
    The data package (CSV tables, datapackage.json, .ics feeds) of the *.txt texts in
    the folder `seeds` (and its metadata.csv), or of a corpus.jsonl / corpus.csv file,
    validated and swapped into `out` atomically. Raises BuildError
    and leaves `out` as it was when no valid package can be written.

        build(Path("seeds"), Path("datapackage")).events   # the number of events

read_resource(folder, name) -> pandas.DataFrame
    A table of a built package with the dtypes its schema declares (needs pandas).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Each API name and where it lives. No submodule is named like an API function (the build
# lives in `builder`), so importing a submodule never shadows a function here.
_API = {
    "convert": ("mctimeline.conversion", "convert"),
    "tag": ("mctimeline.tagger", "tag"),
    "build": ("mctimeline.builder", "build"),
    "read_resource": ("mctimeline.load", "read_resource"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    try:
        module, attr = _API[name]
    except KeyError:
        raise AttributeError(f"module 'mctimeline' has no attribute {name!r}") from None
    return getattr(import_module(module), attr)


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
