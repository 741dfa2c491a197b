"""ical's content-line parse of a feed, each distinct line parsed once; what the checks read of a line.

A feed's VEVENTs repeat most of their lines (BEGIN and END, DTSTAMP, a day's DTSTART and
DTEND, STATUS, TRANSP, a set of CATEGORIES): of the 58,789 lines of twelve yearly feeds
of a 2,000-document package, 18,770 are distinct. ical's line parser
(`ParsedProperty.from_ics`) reads a line from its text alone, so each distinct line is
parsed once per feed (or run of VEVENTs) and the components of its lines share that
reading: the tree is equal to the one `ical.parsing.component.parse_content` builds.
ical's models may rewrite a property's parameters in place: what they are given is
`copied` first, each property a copy of its own (made only for the VEVENTs the models
see: most of a feed's shapes were seen before). Anything this parse does not take (a
line ical rejects, an END that closes another component, one too many) is parsed again
by `parse_content` itself, so that a feed is rejected with ical's own message.

What the checks read of a property (its part of a VEVENT's shape, its VALUE parameter
and the values that do not fit it, its day, its unescaped text) is read once per
distinct line too, from ical's reading of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

# models imports neither ical nor this module at import: its names are read here once (an
# import statement in a function costs about a microsecond each time, and a feed's
# distinct lines are read by the hundred thousand).
from mctimeline.validate.feeds.models import _text_fields, part, undated

_DATE = re.compile(r"[0-9]{8}")
_DATE_TIME = re.compile(r"[0-9]{8}T[0-9]{6}Z?")
_TEXT_ESCAPES = re.compile(r"\\([\\;,nN])")
_UNESCAPED_COMMA = re.compile(r"(?<!\\),")


@dataclass(frozen=True, slots=True)
class Line:
    """What the checks read of one property (of one distinct content line)."""

    name: str  # as ical names it (lower case)
    part: str  # its part of a VEVENT's shape (validate.feeds.models)
    kind: str  # its VALUE parameter, upper case; "" without one
    unfit: tuple[str, ...]  # its values that a VALUE of DATE or DATE-TIME does not fit
    day: str  # DTSTART, DTEND: its day (ISO), or missing, unreadable, timed; else ""
    text: str  # UID, STATUS: its value unescaped; else ""
    categories: frozenset[str]  # CATEGORIES: its values unescaped; else empty
    bare: str = ""  # DTSTART, DTEND: its part of a shape without the days (models.undated)


@dataclass(frozen=True)
class Parsed:
    """The components ical's parse gives, and per component (by id) its properties' Lines."""

    components: list[Any]
    lines: dict[int, list[Line]]

    def of(self, component: Any) -> list[Line]:
        return self.lines[id(component)]


def parse(text: str) -> Parsed:
    """The components of `text` as ical's content-line parser reads them (see the module's
    docstring); raises what `ical.parsing.component.parse_content` raises on it."""
    from ical.parsing.component import ParsedComponent, parse_content, unfolded_lines

    # A distinct line: ical's reading, and ours (None for BEGIN and END).
    read: dict[str, tuple[Any, Line | None]] = {}
    stream = ParsedComponent(name="stream")
    stack: list[tuple[Any, list[Line]]] = [(stream, [])]  # the open components, with their Lines
    lines: dict[int, list[Line]] = {id(stream): stack[0][1]}
    props, found = stream.properties, stack[0][1]  # the innermost open component's
    crlf = _crlf_only(text)
    plain = crlf and _CONTROL.search(text) is None  # no line holds a character ical rejects
    try:
        for content in _unfolded(text) if crlf else unfolded_lines(text):
            if not content:
                continue  # as parse_contentlines skips it
            known = read.get(content)
            if known is None:
                known = read[content] = reading(content, plain)
            prop, line = known
            if line is not None:
                props.append(prop)
                found.append(line)
            elif prop.name == "begin":
                component = ParsedComponent(name=prop.value.lower())
                props, found = component.properties, []
                lines[id(component)] = found
                stack.append((component, found))
            else:
                component = stack.pop()[0]
                if prop.value.lower() != component.name or not stack:
                    raise ValueError(content)
                parent, found = stack[-1]
                parent.components.append(component)
                props = parent.properties
    except Exception:  # ical's own parse says why, in its words
        components = parse_content(text)
        every = _everything(components)
        return Parsed(components, {id(c): [line_of(p) for p in c.properties] for c in every})
    return Parsed(stream.components, lines)


# A line `NAME:value` with a plain name and no parameter (SUMMARY, DESCRIPTION, UID, most
# lines of a feed), or with one parameter `;PNAME=pvalue` (DTSTART;VALUE=DATE): ical's
# `_parse_line` finds the colon (or the semicolon) as the first delimiter, takes the name
# (whose upper case its name rule accepts), the parameter's name (which its rule takes as
# written: upper case only) and its unquoted value up to the colon (no quote, which it
# rejects, no caret, which it decodes), and the rest as the value, which it rejects only
# for a control character (`RE_CONTROL_CHARS`, looked for in the whole text at once):
# read here to the same ParsedProperty (the tests compare the two readings).
_PLAIN = re.compile(r'([A-Za-z0-9-]+)(?:;([A-Z0-9-]+)=([^",;:^]*))?:')
# ical's RE_CONTROL_CHARS less CR and LF, which in a text of CRLF lines only end lines.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def reading(content: str, plain: bool) -> tuple[Any, Line | None]:
    """ical's reading of one unfolded content line and ours (None for BEGIN and END);
    `plain`: the text it comes from holds no control character ical rejects (but the
    CRLFs that end its lines)."""
    ParsedProperty, ParsedPropertyParameter = _ical_property()

    found = _PLAIN.match(content) if plain else None
    if found is None:
        prop = ParsedProperty.from_ics(content)
    else:
        name, param, value = found.group(1).lower(), found.group(2), found.group(3)
        params = None if param is None else [ParsedPropertyParameter(param, [value])]
        prop = ParsedProperty(name, content[found.end() :], params)
        if params is None and name in _unread_text():
            return prop, _plain_text(name)  # as `line_of` reads it, without its steps
    return prop, None if prop.name in ("begin", "end") else line_of(prop)


@cache
def _ical_property() -> tuple[Any, Any]:
    """ical's ParsedProperty and ParsedPropertyParameter (ical is imported when first needed)."""
    from ical.parsing.property import ParsedProperty, ParsedPropertyParameter

    return ParsedProperty, ParsedPropertyParameter


def _crlf_only(text: str) -> bool:
    """Every CR and LF of `text` is a CRLF, and no line begins with "|" (which ical's FOLD,
    `\\r?\\n[ |\\t]`, takes for a fold): then `_unfolded` reads it as `unfolded_lines` does."""
    crlf = text.count("\r\n")
    return text.count("\r") == crlf and text.count("\n") == crlf and "\r\n|" not in text


def _unfolded(text: str) -> list[str]:
    """ical's `unfolded_lines` of a text whose line ends are all CRLF (`_crlf_only`): its
    folds are CRLF and a space or tab (removing one makes no other), its lines split at
    CRLF; by str methods, five times as fast as its regular expressions."""
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def _everything(components: list[Any]) -> Iterator[Any]:
    for component in components:
        yield component
        yield from _everything(component.components)


def copied(value: Any) -> Any:
    """`value` (the keyword arguments of ical's models: dicts and lists of parsed
    properties) with each property a copy of its own, equal to it: ical's models may
    change a property's parameters, and the parse shares one property between the
    components of its line (and may meet the same line again later)."""
    from ical.parsing.property import ParsedProperty

    if isinstance(value, dict):
        return {key: copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) if type(item) is ParsedProperty else copied(item) for item in value]
    return _copy(value) if isinstance(value, ParsedProperty) else value


def _copy(prop: Any) -> Any:
    """A property of its own, equal to `prop`."""
    from ical.parsing.property import ParsedProperty, ParsedPropertyParameter

    if prop.params is None:
        return ParsedProperty(prop.name, prop.value)
    return ParsedProperty(
        prop.name, prop.value, [ParsedPropertyParameter(p.name, list(p.values)) for p in prop.params]
    )


# The properties whose values the checks read (validate.feeds.reading).
_READ = frozenset({"uid", "status", "categories", "dtstart", "dtend"})


def line_of(prop: Any) -> Line:
    """What the checks read of a parsed property."""
    name = prop.name
    if not prop.params and name in _text_fields():
        if name not in _READ:
            return _plain_text(name)  # SUMMARY, DESCRIPTION, LOCATION: nothing read of the value
        if name == "uid":  # one a VEVENT: its unescaped value is all `read_line` reads of it
            return Line(name, _plain_text(name).part, "", (), "", text_value(prop.value), frozenset())
    return read_line(prop)


def read_line(prop: Any) -> Line:
    """`line_of` read in full, whatever the property."""
    name, value = prop.name, prop.value
    params = _params(prop) if prop.params else {}
    kind = params.get("VALUE", [""])[0].upper()
    read = _TYPED.get(kind)
    unfit = () if read is None else tuple(v for v in value.split(",") if read(v) is None)
    day = _day(params.get("VALUE") == ["DATE"], value) if name in ("dtstart", "dtend") else ""
    categories: frozenset[str] = frozenset()
    if name == "categories":  # one property or several lines of it, each a comma-separated list
        categories = frozenset(text_value(c) for c in _UNESCAPED_COMMA.split(value))
    plain = text_value(value) if name in ("uid", "status") else ""
    bare = undated(prop) if name in ("dtstart", "dtend") else ""
    return Line(name, part(prop), kind, unfit, day, plain, categories, bare)


@cache
def _unread_text() -> frozenset[str]:
    """The plain TEXT properties whose values the checks do not read (`line_of`)."""
    return _text_fields() - _READ


@cache
def _plain_text(name: str) -> Line:
    """What `line_of` reads of any plain TEXT property `name` without parameters whose
    value the checks do not read: its part of a shape leaves the value out."""
    ParsedProperty = _ical_property()[0]

    return Line(name, part(ParsedProperty(name, "")), "", (), "", "", frozenset())


def _params(prop: Any) -> dict[str, list[str]]:
    return {p.name.upper(): list(p.values) for p in prop.params or ()}


def as_date(value: str) -> dt.date | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def as_date_time(value: str) -> dt.datetime | None:
    if not _DATE_TIME.fullmatch(value):
        return None
    try:
        return dt.datetime.strptime(value[:15], "%Y%m%dT%H%M%S")
    except ValueError:
        return None


# A VALUE parameter's reader of each value: None where it does not fit.
_TYPED = {"DATE": as_date, "DATE-TIME": as_date_time}


def _day(all_day: bool, value: str) -> str:
    """An all-day date property's day (ISO), or what it is instead: unreadable, timed."""
    day = as_date(value)
    if all_day and day is not None:
        return day.isoformat()
    if all_day or (day is None and as_date_time(value) is None):
        return "unreadable"
    return "timed"


def text_value(value: str) -> str:
    """An RFC 5545 TEXT value unescaped (§3.3.11)."""
    if "\\" not in value:
        return value
    return _TEXT_ESCAPES.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
