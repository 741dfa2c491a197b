"""A text's publication day: how a given one is read, and which one a source has.

News dates what it reports from the day it is published («أمس», «امروز», «14 يوليو»
with no year), so that day is part of a text's input. It is either given (metadata, an
option, an argument: `basis` "metadata") or read from the text itself by the tagger
(a dated «today»: `basis` "text"). `decide` is the one rule between the two: a given
day wins, the text's is the fallback. No module but this one parses a given day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Basis = Literal["metadata", "text"]
BASES: tuple[Basis, ...] = ("metadata", "text")

# YYYY-MM-DD, optionally a time and a UTC offset (Z or ±HH:MM). The day is the date
# as written: the local date where the text was published, never converted to UTC.
_ISO = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:T(?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(?P<offset>Z|[+-]\d{2}:\d{2}))?"
)


@dataclass(frozen=True, slots=True)
class Published:
    """The publication day of a text and where it comes from."""

    day: str  # YYYY-MM-DD
    basis: Basis
    how: str  # in words, for notes: "given as the publication date", "«اليوم …» (characters 0-20)"

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.day)


def parse_day(value: str | dt.date | dt.datetime) -> str:
    """The publication day of an ISO 8601 value as YYYY-MM-DD; ValueError says what is wrong.

    A date, or a date-time with a UTC offset ("2015-08-11T09:30+03:00"): the day is the
    local date written (2015-08-11 there, though it is 06:30 UTC). A date-time without
    an offset is refused: the day it means is not known for sure.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("a date-time needs a UTC offset (e.g. +03:00) to say which day it is")
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    text = value.strip()
    match = _ISO.fullmatch(text)
    if match is None:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.]+", text):
            raise ValueError(f"{value!r}: a date-time needs a UTC offset (e.g. {text}+03:00 or {text}Z)")
        raise ValueError(f"{value!r} is not ISO 8601 (YYYY-MM-DD, or YYYY-MM-DDTHH:MM+03:00)")
    try:
        day = dt.date.fromisoformat(match["day"])
        if match["time"]:
            dt.datetime.fromisoformat(f"{match['day']}T{match['time']}{_offset(match['offset'])}")
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date and time: {exc}") from None
    return day.isoformat()


def _offset(offset: str) -> str:
    if offset == "Z":
        return "+00:00"
    if int(offset[1:3]) > 23:
        raise ValueError(f"UTC offset {offset} is out of range")
    return offset


def given(
    value: str | dt.date | dt.datetime | None, how: str = "given as the publication date"
) -> Published | None:
    """A given publication day (None, "" or a blank cell: unknown); ValueError when not ISO 8601."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return Published(parse_day(value), "metadata", how)


IN_METADATA = "given in the metadata"


def decide(given_day: Published | None, from_text: Published | None) -> Published | None:
    """The one rule: a given day wins over the text's own; either may be absent."""
    return given_day if given_day is not None else from_text
