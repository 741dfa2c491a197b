"""mctimeline: a timeline of dated events from Persian, Arabic and English news texts.

The Python API mirrors the command line; each name is imported on first use so that
`import mctimeline` stays cheap:

    from mctimeline import convert, tag, build
    convert("1404-03-06", "jalali").to_json()["gregorian"]   # {'start': '2025-05-27', ...}
    [m.text for m in tag("از ۲۷ تا ۲۹ مه ۲۰۲۵")]             # ['۲۷ تا ۲۹ مه ۲۰۲۵']
    build(Path("seeds"), Path("datapackage"))                 # writes the data package
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "convert": ("mctimeline.conversion", "convert"),
    "tag": ("mctimeline.tagger", "tag"),
    "build": ("mctimeline.build", "build"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    try:
        module, attr = _API[name]
    except KeyError:
        raise AttributeError(f"module 'mctimeline' has no attribute {name!r}") from None
    return getattr(import_module(module), attr)
