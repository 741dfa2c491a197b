"""ical's pydantic models over parsed components, each VEVENT shape they accepted before not run again.

The models' verdict on a VEVENT does not depend on the values of its TEXT properties
that carry no parameter (SUMMARY, DESCRIPTION, LOCATION, UID, CATEGORIES …): ical reads
such a value by unescaping it (`ical.types.text.TextEncoder`), which accepts every
string, and no validator of the model looks at it. So a VEVENT is reduced to its
*shape*: every property's name, parameters and value in order, but those TEXT values
left out. The models run once per shape: a VEVENT whose shape they accepted before
(in this process) is accepted again without running them. The fields read as TEXT are
taken from ical's own Event model, not listed here, so that a new version of ical that
types a field otherwise makes its values part of the shape again.

A VEVENT's days are apart from its shape too, when it holds nothing but DTSTART, DTEND
and properties no validator of the Event model reads together with them (`_BESIDE_DAYS`:
TEXT, CATEGORIES, STATUS, TRANSP, DTSTAMP, in the shape as before): the model
reads each property alone, and only its validators after that read DTSTART and DTEND
together (their types, their time zones; with RRULE, RDATE, EXDATE or DURATION, none of
which is beside them here). Such a VEVENT is accepted when its shape without the days
was accepted and its *dates* (DTSTART, DTEND, DTSTAMP and UID alone, in its order, the
values of the first three whole) were: the models read that small VEVENT exactly as
they read those properties and run every validator over it. The feeds of a
2,000-document package hold 14,040 shapes, 11,653 dates and three shapes without the
days; the models read the small VEVENT in a third of the time of a whole one. A test
pins the Event model's validators, so that a new version of ical that adds one is read
again before it is trusted here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from typing import Any

# Shapes remembered, at 16 bytes of digest each (about 100 bytes with the set's own
# overhead): the memory stays flat whatever the size of the feeds; past it the memo
# starts again, which costs time, never a check.
MAX_SHAPES = 1 << 16
_accepted: set[bytes] = set()


@cache
def _text_fields() -> frozenset[str]:
    """The properties ical's Event model reads as plain TEXT (no validator of their own)."""
    from ical.event import Event
    from ical.types.data_types import get_field_type_info

    return frozenset(
        (field.alias or name).lower()
        for name, field in Event.model_fields.items()
        if get_field_type_info(field.annotation).annotation is str and not field.metadata
    )


# The properties beside DTSTART and DTEND in a VEVENT whose days are apart from its shape.
_BESIDE_DAYS = frozenset(
    {"summary", "description", "location", "uid", "categories", "status", "transp", "dtstamp"}
)
_DATES = frozenset({"dtstart", "dtend", "dtstamp", "uid"})  # the properties of its dates

Keys = tuple[bytes, bytes | None]  # a VEVENT's shape, and its dates' (None: in the shape)


def shape(component: Any) -> Keys | None:
    """The keys of a parsed VEVENT (see the module's docstring): its shape, and its dates'
    key when its days are apart from the shape; None for any other component, or a
    VEVENT with components inside it: those always go to the models."""
    from mctimeline.validate.feeds.contentlines import read_line

    if component.name != "vevent" or component.components:
        return None
    return keys_of([read_line(prop) for prop in component.properties])


def keys_of(lines: list[Any]) -> Keys:
    """The keys of a VEVENT from what was read of its properties, in order (the `name`,
    `part` and `bare` of each contentlines.Line)."""
    if not all(line.name in _BESIDE_DAYS or line.bare for line in lines):
        return shape_of_parts([line.part for line in lines]), None
    apart = [line.bare or line.part for line in lines]
    dates = ["dates", *(line.part for line in lines if line.name in _DATES)]
    return shape_of_parts(apart), shape_of_parts(dates)


def undated(prop: Any) -> str:
    """A DTSTART's or DTEND's part of a shape without its value (a tuple of four, unlike
    any part)."""
    return repr((prop.name, [(p.name, list(p.values)) for p in prop.params or ()], None, "dates"))


def part(prop: Any) -> str:
    """A parsed property's part of a VEVENT's shape: its name, parameters and value, the
    value left out when it is plain TEXT without parameters."""
    params = [(p.name, list(p.values)) for p in prop.params or ()]
    plain_text = prop.name in _text_fields() and not params
    return repr((prop.name, params, None if plain_text else prop.value))


def shape_of_parts(parts: list[str]) -> bytes:
    """The shape of a VEVENT from its properties' parts, in order (a part's repr holds no
    line break, so the joined parts read back as the same list)."""
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=16).digest()


def for_models(
    components: list[Any], shape_of: Callable[[Any], Keys | None] = shape
) -> tuple[dict[str, list[Any]], list[bytes]]:
    """The keyword arguments of `IcsCalendarStream` for `components` (content lines parsed
    by `ical.parsing.component.parse_content`), with the VEVENTs of a shape accepted
    before, or met earlier in the same calendar, left out (a VEVENT whose shape is known
    but not its dates gives the models its dates alone); and the new keys, to pass to
    `accepted` once the models accept them. `shape_of`: `shape`, or the same read from
    what was kept of each line (validate.feeds.contentlines).

    Only a VCALENDAR whose components are all plain VEVENTs is thinned: a VTIMEZONE
    (whose TZIDs the models propagate into the events) or anything else makes every
    component go to the models.
    """
    by_name: dict[str, list[Any]] = {"vcalendar": []}
    new: list[bytes] = []
    for component in components:
        subs = component.components
        shapes = [shape_of(sub) for sub in subs]
        if component.name != "vcalendar" or None in shapes:
            by_name.setdefault(component.name, []).append(component.as_dict())
            continue
        kept = []
        seen: set[bytes] = set()
        for sub, keys in zip(subs, shapes, strict=True):
            key, dates = keys  # type: ignore[misc]
            if key in _accepted or key in seen:
                if dates is None or dates in _accepted or dates in seen:
                    continue
                sub = _dates_of(sub)
            else:
                seen.add(key)
                new.append(key)
            if dates is not None:
                seen.add(dates)
                new.append(dates)
            kept.append(sub)
        thinned = dict(component.as_dict() if not subs else _properties_only(component))
        if kept:
            thinned["vevent"] = [sub.as_dict() for sub in kept]
        by_name["vcalendar"].append(thinned)
    return by_name, new


def _dates_of(vevent: Any) -> Any:
    """A VEVENT of `vevent`'s dates alone (see the module's docstring)."""
    from ical.parsing.component import ParsedComponent

    return ParsedComponent(name=vevent.name, properties=[p for p in vevent.properties if p.name in _DATES])


def _properties_only(component: Any) -> dict[str, Any]:
    """`component.as_dict()` without its components (a NAME property, RFC 7986, overrides
    the component's name there too)."""
    out: dict[str, list[Any]] = {}
    for prop in component.properties:
        out.setdefault(prop.name, []).append(prop)
    return {"name": component.name, **out}


def accepted(shapes: list[bytes]) -> None:
    """Remember shapes the models accepted (a calendar holding them parsed without error)."""
    learn(shapes)
    if _told is not None and len(_told) + len(shapes) <= MAX_SHAPES:
        _told.extend(shapes)


def learn(shapes: list[bytes]) -> None:
    """Remember shapes that the same models accepted in another process (validate.pool): the
    helper processes that parse a package's feeds tell each other the shapes each accepted."""
    if len(_accepted) + len(shapes) > MAX_SHAPES:
        _accepted.clear()
    _accepted.update(shapes)


# The shapes accepted here since they were last told (`told`), in a helper process only.
_told: list[bytes] | None = None


def tell() -> None:
    """From now on, keep the shapes accepted here until `told` hands them over."""
    global _told
    _told = [] if _told is None else _told


def told() -> list[bytes]:
    """The shapes accepted here since the last call (see `tell`)."""
    if _told is None:
        return []
    out = list(_told)
    _told.clear()
    return out
