"""The core's vocabulary: calendar names, a date written in one calendar, a span of Gregorian days, errors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

Calendar = Literal["gregorian", "jalali", "hijri"]
CALENDARS: tuple[Calendar, ...] = get_args(Calendar)
Precision = Literal["day", "month", "year"]


class CalendarError(ValueError):
    """A date that the core cannot convert: invalid, or outside a supported range."""


class InvalidDate(CalendarError):
    """A year, month or day that does not exist in its calendar."""


class OutOfRange(CalendarError):
    """A date outside the range a calendar's table or algorithm supports."""


@dataclass(frozen=True, order=True)
class CalendarDate:
    """A day written in one calendar: year, month (1-12) and day of month."""

    calendar: Calendar
    year: int
    month: int
    day: int

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True)
class Span:
    """An inclusive range of Gregorian days and how precisely it was named."""

    start: dt.date
    end: dt.date
    precision: Precision

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1
