"""The strict `ical` parser's reading of a feed (or of a run of its VEVENTs), as JSON for the checks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mctimeline.validate.feeds import models


def _ical_problems(path: Path, text: str) -> list[str]:
    rejection = _ical_rejection(text)
    return [] if rejection is None else [f"{path}: the strict ical parser rejects it: {rejection}"]


def _ical_rejection(text: str) -> str | None:
    """Why the `ical` package's parser rejects `text`, or None (see `strict_reading`)."""
    rejection: str | None = strict_reading(text)["rejects"]
    return rejection


def strict_reading(text: str) -> dict[str, Any]:
    """The strict `ical` parser's reading of a feed, as JSON: why it rejects it (or None),
    and, when its lines parse into components at all, what the checks need of them: the
    typed values that do not fit their VALUE parameter (the calendar's apart from its
    components') and a summary of each VEVENT ("events" None when they do not parse).

    `ical` is strict (pydantic models of RFC 5545) and did not write the feed: an
    independent reader. Its two steps are those of `IcsCalendarStream.calendar_from_ics`
    (content lines into components, then the models), taken apart so that the
    components the models are made from are also read here, not parsed a second time.
    Every content line goes through its content-line parser; the models see each VEVENT
    shape once (validate.feeds.models).
    """
    from ical.parsing.component import parse_content

    try:
        components = parse_content(text)
    except Exception as exc:  # its errors have no common base worth naming
        return {"rejects": _one_line(exc), "events": None, "calendar_errors": [], "event_errors": []}
    calendar_errors = [e for c in components for e in _typed_value_errors(c)]
    inner = [sub for c in components for sub in _walk(c) if sub is not c]
    rejects = _models_rejection(components)
    typed = [_typed_value_errors(c) for c in inner]
    return {
        "rejects": rejects,
        "events": [_vevent_summary(c, e) for c, e in zip(inner, typed, strict=True) if c.name == "vevent"],
        "calendar_errors": calendar_errors,
        "event_errors": [e for errors in typed for e in errors],
    }


def _models_rejection(components: list[Any]) -> str | None:
    """Why ical's models reject the parsed `components`, or None. The VEVENTs of a shape
    they accepted before are left out (validate.feeds.models); when they reject the rest,
    they are run again over every component, so that the message is the one of the whole."""
    from ical.calendar_stream import IcsCalendarStream

    thinned, shapes = models.for_models(components)
    try:
        IcsCalendarStream._single_calendar(IcsCalendarStream(**thinned))
    except Exception:  # its errors have no common base worth naming
        pass
    else:
        models.accepted(shapes)
        return None
    try:
        whole: dict[str, list[Any]] = {"vcalendar": []}
        for component in components:
            whole.setdefault(component.name, []).append(component.as_dict())
        IcsCalendarStream._single_calendar(IcsCalendarStream(**whole))
    except Exception as exc:  # as above
        return _one_line(exc)
    return None  # pragma: no cover - a shape the models reject alone is rejected in the whole


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _walk(component: Any) -> Iterator[Any]:
    """A parsed component and every component inside it, depth first (as icalendar's walk)."""
    yield component
    for sub in component.components:
        yield from _walk(sub)


def _params(prop: Any) -> dict[str, list[str]]:
    return {p.name.upper(): list(p.values) for p in prop.params or ()}


_DATE = re.compile(r"[0-9]{8}")
_DATE_TIME = re.compile(r"[0-9]{8}T[0-9]{6}Z?")


def _as_date(value: str) -> dt.date | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _as_date_time(value: str) -> dt.datetime | None:
    if not _DATE_TIME.fullmatch(value):
        return None
    try:
        return dt.datetime.strptime(value[:15], "%Y%m%dT%H%M%S")
    except ValueError:
        return None


def _typed_value_errors(component: Any) -> list[str]:
    """The properties of `component` itself (X- ones too) whose VALUE=DATE or DATE-TIME
    parameter their value does not fit: a reader that trusts the parameter cannot read them.
    The models check only the properties they know; this is the check for the others."""
    errors = []
    for prop in component.properties:
        if not prop.params:
            continue  # most properties: no VALUE parameter to fit
        kind = _params(prop).get("VALUE", [""])[0].upper()
        read = {"DATE": _as_date, "DATE-TIME": _as_date_time}.get(kind)
        if read is None:
            continue
        for value in prop.value.split(","):
            if read(value) is None:
                errors.append(f"{component.name.upper()}: {prop.name.upper()} {value!r} is not a {kind}")
    return errors


_TEXT_ESCAPES = re.compile(r"\\([\\;,nN])")


def _text(value: str) -> str:
    """An RFC 5545 TEXT value unescaped (§3.3.11)."""
    return _TEXT_ESCAPES.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _vevent_summary(ve: Any, errors: list[str]) -> dict[str, Any]:
    """What the checks need of a VEVENT; "errors": its own values their VALUE does not fit
    (only when there are some), which a feed holding the same block again reports too."""
    props: dict[str, list[Any]] = {}
    for prop in ve.properties:
        props.setdefault(prop.name, []).append(prop)
    uid = props.get("uid")
    status = props.get("status")
    # CATEGORIES: one property or several lines of it, each a comma-separated list.
    cats = {_text(c) for prop in props.get("categories", []) for c in re.split(r"(?<!\\),", prop.value)}
    return {
        "uid": _text(uid[0].value) if uid else "",
        "dtstamp": "dtstamp" in props,
        "DTSTART": _day_of(props.get("dtstart")),
        "DTEND": _day_of(props.get("dtend")),
        "status": _text(status[0].value) if status else "",
        "categories": sorted(cats - {""}),
        **({"errors": errors} if errors else {}),
    }


def _day_of(props: list[Any] | None) -> str:
    """An all-day date property's day (ISO), or what it is instead: missing, unreadable, timed."""
    if not props:
        return "missing"
    prop = props[0]
    all_day = _params(prop).get("VALUE") == ["DATE"]
    day = _as_date(prop.value)
    if all_day and day is not None:
        return day.isoformat()
    if all_day or (day is None and _as_date_time(prop.value) is None):
        return "unreadable"
    return "timed"
