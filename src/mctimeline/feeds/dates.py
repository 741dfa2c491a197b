"""The words and dates a feed prints: labels by language, digits, and intervals of days in each calendar."""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from mctimeline import calendars
from mctimeline.calendars import CalendarDate
from mctimeline.events import Event
from mctimeline.names import month_name


@cache
def _labels() -> dict[str, dict[str, Any]]:
    raw = resources.files("mctimeline").joinpath("data/feed_labels.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def labels(language: str) -> dict[str, Any]:
    """The feed words of `language` (en, fa, ar)."""
    try:
        return _labels()[language]
    except KeyError:
        raise ValueError(
            f"no feed labels for language {language!r}: add a table to feed_labels.toml"
        ) from None


@lru_cache(maxsize=4096)
def digits(number: int, language: str) -> str:
    # Cached: a feed writes the same years, days and counts in every event's dates.
    return str(number).translate(_digit_table(language))


@cache
def _digit_table(language: str) -> dict[int, int]:
    return str.maketrans("0123456789", labels(language)["digits"])


def parse_day(calendar: calendars.Calendar, value: str) -> CalendarDate | None:
    """A YYYY-MM-DD string of `calendar` as a date; None when empty."""
    if not value:
        return None
    year, month, day = (int(x) for x in value.split("-"))
    return CalendarDate(calendar, year, month, day)


Day = tuple[int, int, int]  # year, month, day of a calendar: a CalendarDate without making one


def _ymd(value: str) -> Day | None:
    """`parse_day`'s year, month and day (None when empty)."""
    if not value:
        return None
    year, month, day = value.split("-")
    return int(year), int(month), int(day)


def iso_day(value: str) -> str:
    """A non-empty YYYY-MM-DD string as `parse_day(...).isoformat()` writes it, without the date."""
    year, month, day = value.split("-")
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def format_interval(first: CalendarDate, last: CalendarDate, language: str) -> str:
    """An inclusive interval of days in their own calendar, as a reader of `language` writes it.

    Whole months and whole years are named as such (Khordad 1404, 2025) rather than by
    their first and last days.
    """
    a, b = (first.year, first.month, first.day), (last.year, last.month, last.day)
    return _interval_words(first.calendar, a, b, language)


@lru_cache(maxsize=16)
def _words(cal: str, language: str) -> tuple[str, str, str, tuple[str, ...]]:
    """The era, the two range marks and the twelve month names of `cal` in `language`:
    looked up once a calendar and language, not at every interval."""
    lab = labels(language)
    months = tuple(month_name(cal, m, language) for m in range(1, 13))  # type: ignore[arg-type]
    return lab[f"era_{cal}"], lab["range"], lab["day_range"], months


def _interval_words(cal: calendars.Calendar, first: Day, last: Day, language: str) -> str:
    era, to, day_to, names = _words(cal, language)
    (y1, m1, d1), (y2, m2, d2) = first, last
    whole_months = d1 == 1 and d2 == calendars.month_length(cal, y2, m2)
    if not (0 < m1 <= 12 and 0 < m2 <= 12):  # month_name's error, as when it named each month
        month_name(cal, m1 if not 0 < m1 <= 12 else m2, language)  # type: ignore[arg-type]
    month1, month2 = names[m1 - 1], names[m2 - 1]

    def n(x: int) -> str:
        return digits(x, language)

    if whole_months:
        if y1 == y2 and m1 == 1 and m2 == 12:
            return f"{n(y1)}{era}"
        if (y1, m1) == (y2, m2):
            return f"{month1} {n(y1)}{era}"
        if y1 == y2:
            return f"{month1}{to}{month2} {n(y1)}{era}"
        return f"{month1} {n(y1)}{to}{month2} {n(y2)}{era}"
    if first == last:
        return f"{n(d1)} {month1} {n(y1)}{era}"
    if (y1, m1) == (y2, m2):
        return f"{n(d1)}{day_to}{n(d2)} {month1} {n(y1)}{era}"
    if y1 == y2:
        return f"{n(d1)} {month1}{to}{n(d2)} {month2} {n(y1)}{era}"
    return f"{n(d1)} {month1} {n(y1)}{era}{to}{n(d2)} {month2} {n(y2)}{era}"


def event_dates(event: Event) -> dict[str, tuple[CalendarDate, CalendarDate] | None]:
    """The event's first and last day in each calendar, from its own fields (None: out of range)."""
    return dict(_spans(*all_bounds(event)))


def all_bounds(event: Event) -> tuple[str, str, str, str, str, str]:
    """`bounds` of the event in the Gregorian, Jalali and Hijri calendars, in that order, as one key."""
    return (
        event.start_date,
        event.end_date,
        event.jalali_start,
        event.jalali_end,
        event.hijri_start,
        event.hijri_end,
    )


@lru_cache(maxsize=256)
def _spans(*bounds: str) -> tuple[tuple[str, tuple[CalendarDate, CalendarDate] | None], ...]:
    # Cached: a feed asks for an event's dates several times, and every feed asks again.
    out = []
    for i, cal in enumerate(("gregorian", "jalali", "hijri")):
        a = parse_day(cal, bounds[2 * i])  # type: ignore[arg-type]
        b = parse_day(cal, bounds[2 * i + 1])  # type: ignore[arg-type]
        out.append((cal, (a, b) if a is not None and b is not None else None))
    return tuple(out)


def bounds(event: Event, calendar: str) -> tuple[str, str]:
    """The event's first and last day in `calendar` as its fields give them (YYYY-MM-DD; "" when
    out of range): what `event_dates` reads, without making the dates."""
    if calendar == "gregorian":
        return event.start_date, event.end_date
    if calendar == "jalali":
        return event.jalali_start, event.jalali_end
    if calendar == "hijri":
        return event.hijri_start, event.hijri_end
    raise ValueError(f"no calendar {calendar!r}")


def date_line(event: Event, calendar: str, language: str) -> str:
    """The event's dates in one calendar, as `language` writes them; a note when out of range."""
    return _date_words(calendar, *bounds(event, calendar), language)


def date_words(calendar: str, first: str, last: str, language: str) -> str:
    """`date_line` of an event whose first and last day in `calendar` are `first` and `last`
    (its `bounds`)."""
    return _date_words(calendar, first, last, language)


@lru_cache(maxsize=8192)
def _date_words(calendar: str, first: str, last: str, language: str) -> str:
    # Cached by the strings themselves: a VEVENT's SUMMARY repeats a date of its
    # DESCRIPTION, the page and the feeds write the same dates, and events share days.
    a, b = _ymd(first), _ymd(last)
    if a is None or b is None:
        return labels(language)["hijri_out_of_range"]
    return _interval_words(calendar, a, b, language)  # type: ignore[arg-type]
