"""Display names of months and weekdays in English, Persian and Arabic, read from data."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Literal

Language = Literal["en", "fa", "ar"]
LANGUAGES: tuple[Language, ...] = ("en", "fa", "ar")


@cache
def _table() -> dict[str, list[dict[str, str]]]:
    raw = resources.files("mctimeline").joinpath("data/calendar_names.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def month_name(calendar: str, month: int, language: Language = "en") -> str:
    """The preferred name of `month` (1-12) of `calendar` in `language`."""
    months = _table()[calendar]
    if not 1 <= month <= len(months):
        raise ValueError(f"month must be 1-{len(months)}, got {month}")
    return months[month - 1][language]


def weekday_name(weekday: int, language: Language = "en") -> str:
    """The name of an ISO weekday index as Python counts it (0 = Monday)."""
    return _table()["weekday"][weekday][language]
