"""One day, month or year seen in all three calendars: what `mctimeline convert` prints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mctimeline import calendars
from mctimeline.calendars import CALENDARS, Calendar, CalendarDate, Span
from mctimeline.names import LANGUAGES, month_name, weekday_name

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# Digits are ASCII, Persian (U+06F0-U+06F9) or Arabic-Indic (U+0660-U+0669), as a Persian or
# Arabic keyboard types them; `\d` would also take fullwidth, Devanagari or mathematical digits.
_DIGIT = "[0-9\u06f0-\u06f9\u0660-\u0669]"
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
_VALUE = re.compile(
    rf"(?P<year>-?{_DIGIT}{{1,4}})(?:-(?P<month>{_DIGIT}{{1,2}})(?:-(?P<day>{_DIGIT}{{1,2}}))?)?"
)
_LONG_YEAR = re.compile(rf"-?{_DIGIT}{{5,}}(?:-.*)?", re.DOTALL)
_SHOWN_CHARACTERS = 40


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


def shown_value(value: str) -> str:
    """`value` quoted for a one-line message, cut short when long (an argument can be megabytes)."""
    if len(value) <= _SHOWN_CHARACTERS:
        return repr(value)
    return f"{value[: _SHOWN_CHARACTERS - 10]!r}… ({len(value)} characters)"


def parse_value(value: str) -> tuple[int, int | None, int | None]:
    """Split `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into year, month and day.

    Digits may be ASCII, Persian or Arabic-Indic. A year has at most four digits: no
    calendar here names a later one, and a longer number is refused as written rather
    than turned into an integer of any size.
    """
    text = value.strip()
    m = _VALUE.fullmatch(text)
    if not m:
        why = "a year has at most 4 digits; " if _LONG_YEAR.fullmatch(text) else ""
        raise ValueError(f"{shown_value(value)} is not a date: {why}write YYYY-MM-DD, YYYY-MM or YYYY")
    month, day = m["month"], m["day"]
    return (
        _number(m["year"]),
        _number(month) if month else None,
        _number(day) if day else None,
    )


def _number(digits: str) -> int:
    return int(digits.translate(_TO_ASCII))


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
