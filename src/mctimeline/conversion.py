"""One day, month or year seen in all three calendars: what `mctimeline convert` prints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mctimeline import calendars
from mctimeline.calendars import CALENDARS, Calendar, CalendarDate, Span
from mctimeline.names import LANGUAGES, month_name, weekday_name

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_VALUE = re.compile(r"(?P<year>-?\d{1,4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")


@dataclass(frozen=True)
class Conversion:
    """A span of days and its first and last day written in every calendar."""

    span: Span
    ends: dict[Calendar, tuple[CalendarDate, CalendarDate]]

    @property
    def weekday(self) -> str | None:
        """The English weekday when the span is one day, else None."""
        if self.span.precision != "day":
            return None
        return weekday_name(calendars.weekday(self.span.start))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for cal, (first, last) in self.ends.items():
            out[cal] = {
                "start": first.isoformat(),
                "end": last.isoformat(),
                "months": {
                    lang: _distinct([month_name(cal, first.month, lang), month_name(cal, last.month, lang)])
                    for lang in LANGUAGES
                },
            }
        out["weekday"] = self.weekday
        out["precision"] = self.span.precision
        out["days"] = self.span.days
        return out

    def to_text(self) -> str:
        plural = "s" if self.span.days > 1 else ""
        lines = [f"precision  {self.span.precision} ({self.span.days} day{plural})"]
        for cal, (first, last) in self.ends.items():
            when = first.isoformat() if first == last else f"{first.isoformat()} .. {last.isoformat()}"
            labels = " | ".join(_label(first, last, lang) for lang in LANGUAGES)
            lines.append(f"{cal:<10} {when:<24} {labels}")
        if self.span.precision == "day":
            wd = calendars.weekday(self.span.start)
            lines.append("weekday    " + " | ".join(weekday_name(wd, lang) for lang in LANGUAGES))
        return "\n".join(lines)


def _distinct(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _label(first: CalendarDate, last: CalendarDate, lang: str) -> str:
    def one(d: CalendarDate) -> str:
        text = f"{d.day} {month_name(d.calendar, d.month, lang)} {d.year}"  # type: ignore[arg-type]
        return text.translate(_PERSIAN_DIGITS) if lang == "fa" else text

    return one(first) if first == last else f"{one(first)} – {one(last)}"


def parse_value(value: str) -> tuple[int, int | None, int | None]:
    """Split `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into year, month and day."""
    m = _VALUE.fullmatch(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    month, day = m["month"], m["day"]
    return int(m["year"]), int(month) if month else None, int(day) if day else None


def convert(value: str, calendar: Calendar = "gregorian") -> Conversion:
    """Read `value` (YYYY-MM-DD, YYYY-MM or YYYY) in `calendar` and write it in all three.

    Raises ValueError (a CalendarError for a day that does not exist or lies
    outside a supported range) with a message naming the calendar and the date.
    """
    if calendar not in CALENDARS:
        raise ValueError(f"unknown calendar {calendar!r}: use one of {', '.join(CALENDARS)}")
    year, month, day = parse_value(value)
    s = calendars.span(calendar, year, month, day)
    return Conversion(s, {cal: calendars.span_in(s, cal) for cal in CALENDARS})
