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


def shape(component: Any) -> bytes | None:
    """The shape of a parsed VEVENT (see the module's docstring); None for any other
    component, or a VEVENT with components inside it: those always go to the models."""
    if component.name != "vevent" or component.components:
        return None
    return shape_of_parts([part(prop) for prop in component.properties])


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
    components: list[Any], shape_of: Callable[[Any], bytes | None] = shape
) -> tuple[dict[str, list[Any]], list[bytes]]:
    """The keyword arguments of `IcsCalendarStream` for `components` (content lines parsed
    by `ical.parsing.component.parse_content`), with the VEVENTs of a shape accepted
    before, or met earlier in the same calendar, left out; and the new shapes, to pass
    to `accepted` once the models accept them. `shape_of`: `shape`, or the same read from
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
        for sub, key in zip(subs, shapes, strict=True):
            if key in _accepted or key in seen:
                continue
            seen.add(key)  # type: ignore[arg-type]
            new.append(key)  # type: ignore[arg-type]
            kept.append(sub)
        thinned = dict(component.as_dict() if not subs else _properties_only(component))
        if kept:
            thinned["vevent"] = [sub.as_dict() for sub in kept]
        by_name["vcalendar"].append(thinned)
    return by_name, new


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
