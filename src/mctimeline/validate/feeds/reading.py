"""The strict `ical` parser's reading of a feed (or of a run of its VEVENTs), as JSON for the checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mctimeline.validate.feeds import contentlines, models
from mctimeline.validate.feeds.contentlines import Line


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
    Every distinct content line goes through its content-line parser
    (validate.feeds.contentlines); the models see each VEVENT shape once
    (validate.feeds.models).
    """
    try:
        parsed = contentlines.parse(text)
    except Exception as exc:  # its errors have no common base worth naming
        return {"rejects": _one_line(exc), "events": None, "calendar_errors": [], "event_errors": []}
    components = parsed.components
    calendar_errors = [e for c in components for e in _typed_value_errors(c.name, parsed.of(c))]
    inner = [sub for c in components for sub in _walk(c) if sub is not c]

    def shape_of(component: Any) -> models.Keys | None:
        if component.name != "vevent" or component.components:
            return None
        return models.keys_of(parsed.of(component))

    rejects = _models_rejection(components, shape_of)
    typed = [_typed_value_errors(c.name, parsed.of(c)) for c in inner]
    return {
        "rejects": rejects,
        "events": [
            _vevent_summary(parsed.of(c), e) for c, e in zip(inner, typed, strict=True) if c.name == "vevent"
        ],
        "calendar_errors": calendar_errors,
        "event_errors": [e for errors in typed for e in errors],
    }


def _models_rejection(components: list[Any], shape_of: Callable[[Any], models.Keys | None]) -> str | None:
    """Why ical's models reject the parsed `components`, or None. The VEVENTs of a shape
    they accepted before are left out (validate.feeds.models); when they reject the rest,
    they are run again over every component, so that the message is the one of the whole."""
    from ical.calendar_stream import IcsCalendarStream

    thinned, shapes = models.for_models(components, shape_of)
    try:
        IcsCalendarStream._single_calendar(IcsCalendarStream(**contentlines.copied(thinned)))
    except Exception:  # its errors have no common base worth naming
        pass
    else:
        models.accepted(shapes)
        return None
    try:
        whole: dict[str, list[Any]] = {"vcalendar": []}
        for component in components:
            whole.setdefault(component.name, []).append(component.as_dict())
        IcsCalendarStream._single_calendar(IcsCalendarStream(**contentlines.copied(whole)))
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


def _typed_value_errors(name: str, lines: list[Line]) -> list[str]:
    """The properties of a component itself (X- ones too) whose VALUE=DATE or DATE-TIME
    parameter their value does not fit: a reader that trusts the parameter cannot read them.
    The models check only the properties they know; this is the check for the others."""
    name = name.upper()
    return [f"{name}: {ln.name.upper()} {value!r} is not a {ln.kind}" for ln in lines for value in ln.unfit]


def _vevent_summary(lines: list[Line], errors: list[str]) -> dict[str, Any]:
    """What the checks need of a VEVENT; "errors": its own values their VALUE does not fit
    (only when there are some), which a feed holding the same block again reports too."""
    first: dict[str, Line] = {}
    categories: set[str] = set()
    for line in lines:
        first.setdefault(line.name, line)
        categories |= line.categories
    uid, status = first.get("uid"), first.get("status")
    start, end = first.get("dtstart"), first.get("dtend")
    return {
        "uid": uid.text if uid else "",
        "dtstamp": "dtstamp" in first,
        "DTSTART": start.day if start else "missing",
        "DTEND": end.day if end else "missing",
        "status": status.text if status else "",
        "categories": sorted(categories - {""}),
        **({"errors": errors} if errors else {}),
    }
