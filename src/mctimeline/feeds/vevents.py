"""One event as a VEVENT (written by icalendar): its summary, description and properties, and its bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import icalendar
from icalendar import vCategory, vDate, vDatetime, vText, vUri
from icalendar.timezone import tzp

from mctimeline.events import Event
from mctimeline.feeds.dates import bounds, date_line, digits, labels
from mctimeline.feeds.folding import fold, fold_bytes
from mctimeline.feeds.specs import uid
from mctimeline.links import is_web_url
from mctimeline.safetext import clean_text, one_line
from mctimeline.timeline import Timeline

# Used for DTSTAMP only when no source states its publication date: a fixed, documented
# epoch keeps the bytes reproducible where the clock would not.
FALLBACK_STAMP = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def summary(event: Event, language: str) -> str:
    """SUMMARY: the title, the date in the feed's own calendar for fa/ar, the precision unless a day."""
    lab = labels(language)
    prefix = "" if event.precision == "day" else f"[{lab['precisions'][event.precision]}] "
    if language == "en":
        return one_line(prefix + (event.title_en or event.title))
    own = "jalali" if language == "fa" else "hijri"
    if not all(bounds(event, own)):  # out of the calendar's range (event_dates gives None)
        own = "gregorian"
    return one_line(f"{prefix}{date_line(event, own, language)}: {event.title}")


def description(event: Event, timeline: Timeline, language: str) -> str:
    """DESCRIPTION: the date in all three calendars, the source quotes and any conflict."""
    return _description(event, _described(event, timeline), timeline, language)


@dataclass(frozen=True)
class _Described:
    """What an event's DESCRIPTION quotes in every language, cleaned once for all of them."""

    location: str | None  # one line; None when the event has none (an empty line is one)
    quotes: tuple[tuple[str, str], ...]  # (the source and its URL as text, the words), in order
    conflicts: tuple[tuple[str, str, str, str], ...]  # (kind: diagnosis, kept, rejected, reason)
    url: str  # the first listed source's http(s) URL, "" when none


def _described(event: Event, timeline: Timeline) -> _Described:
    quotes, url = [], ""
    for source_id, words in _quoted(event, timeline):
        given = _url_of(timeline, source_id)
        if not url and is_web_url(given):
            url = given
        where = f" <{one_line(given)}>" if given else ""  # as given: text here, a link only in URL
        quotes.append((f"{one_line(source_id)}{where}", one_line(words)))
    conflicts = tuple(
        (f"{r.kind}: {one_line(r.diagnosis)}", r.kept, r.rejected, one_line(r.reason))
        for r in timeline.reconciliations_of(event.event_id)
    )
    return _Described(one_line(event.location) if event.location else None, tuple(quotes), conflicts, url)


_ORDERS = {
    "fa": ("jalali", "gregorian", "hijri"),
    "ar": ("hijri", "gregorian", "jalali"),
}


def _description(event: Event, facts: _Described, timeline: Timeline, language: str) -> str:
    lab = labels(language)
    order = _ORDERS.get(language, ("gregorian", "jalali", "hijri"))
    lines = [f"{lab[cal]}: {date_line(event, cal, language)}" for cal in order]
    lines.append(f"EDTF: {event.edtf}")
    lines.append(
        f"{lab['precision']}: {lab['precisions'][event.precision]} · "
        f"{lab['status']}: {lab['statuses'][event.status]}"
    )
    if event.series_id:
        name = _series_name(timeline, event.series_id, language)
        edition = f" ({lab['edition']} {digits(event.edition, language)})" if event.edition else ""
        lines.append(f"{lab['series']}: {name}{edition}")
    if facts.location is not None:
        lines.append(f"{lab['location']}: {facts.location}")
    lines.append(f"{lab['sources']} ({digits(event.source_count, language)}):")
    for source, words in facts.quotes:
        lines.append(f"- {source}: {lab['quote_open']}{words}{lab['quote_close']}")
    if facts.conflicts:
        lines.append(f"{lab['conflicts']}:")
        for head, kept, rejected, reason in facts.conflicts:
            readings = "; ".join(f"{lab[k]}: {v}" for k, v in (("kept", kept), ("rejected", rejected)) if v)
            lines.append("- " + " — ".join(p for p in (head, readings, reason) if p))
    return clean_text("\n".join(lines))


def _quoted(event: Event, timeline: Timeline) -> list[tuple[str, str]]:
    """(source id, words) of the event's mentions, by source and position: the order they are listed."""
    placed = [timeline.mention(ref.mention_id) for ref in event.mentions]
    return [
        (source_id, words)
        for source_id, _start, words in sorted(
            (p.source_id, p.mention.start, p.mention.text) for p in placed if p is not None
        )
    ]


def _url_of(timeline: Timeline, source_id: str) -> str:
    source = timeline.source(source_id)
    return source.url.strip() if source is not None else ""


def first_source_url(event: Event, timeline: Timeline) -> str:
    """The URL of the event's first listed source that has an http(s) one, else ""."""
    for source_id, _words in _quoted(event, timeline):
        url = _url_of(timeline, source_id)
        if is_web_url(url):
            return url
    return ""


def _series_name(timeline: Timeline, series_id: str, language: str) -> str:
    for s in timeline.series:
        if s.series_id == series_id:
            localized = {"fa": s.name_fa, "ar": s.name_ar}.get(language, "")
            return one_line(localized or s.name_en)
    return series_id


def vevent(event: Event, timeline: Timeline, language: str, stamp: dt.datetime) -> icalendar.Event:
    """One all-day VEVENT spanning the event's whole interval (DTEND exclusive).

    Each property is given as an icalendar value type that writes what `Component.add`
    would (a test compares): `add` guesses the type anew for every value, which at corpus
    scale costs as much as writing the event.
    """
    ve = icalendar.Event()
    for name, key in _shared_properties(event, stamp):
        ve[name] = _shared_value(name, key)
    facts = _described(event, timeline)
    for name, value in _own_properties(event, facts) + _language_properties(event, facts, timeline, language):
        ve[name] = value
    return ve


Properties = tuple[tuple[str, Any], ...]


def _shared_properties(event: Event, stamp: dt.datetime) -> tuple[tuple[str, Hashable], ...]:
    """(name, key) of the properties that many events' VEVENTs share: `_shared_value` makes
    each from its key, so that equal keys are equal values (and lines) made once."""
    start = dt.date.fromisoformat(event.start_date)
    end = dt.date.fromisoformat(event.end_date)
    categories = [event.series_id] if event.series_id else []
    categories += [event.precision, event.status]
    return (
        ("DTSTAMP", stamp),
        ("DTSTART", start),
        ("DTEND", end + dt.timedelta(days=1)),
        ("CATEGORIES", tuple(one_line(c) for c in categories)),
        ("STATUS", "CONFIRMED" if event.status == "confirmed" else "TENTATIVE"),
        # A news timeline never makes its subscriber busy; for an imprecise event this
        # also keeps a month or a year from looking like a booked block of days.
        ("TRANSP", "TRANSPARENT"),
    )


# Enough for every day of a century as DTSTART and as DTEND, and every set of categories:
# a few hundred bytes an entry.
_SHARED_LINES = 1 << 17
_MAKERS: dict[str, Callable[[Any], Any]] = {
    "DTSTAMP": lambda stamp: vDatetime(tzp.localize_utc(stamp)),  # RFC 5545: DTSTAMP is in UTC
    "DTSTART": lambda day: vDate(day, {"VALUE": "DATE"}),
    "DTEND": lambda day: vDate(day, {"VALUE": "DATE"}),
    "CATEGORIES": lambda names: vCategory(list(names)),
    "STATUS": vText,
    "TRANSP": vText,
}


@lru_cache(maxsize=_SHARED_LINES)
def _shared_value(name: str, key: Hashable) -> Any:
    # A VEVENT only reads its values, so events share one.
    return _MAKERS[name](key)


def _own_properties(event: Event, facts: _Described) -> Properties:
    """The properties of the event's own in every language, as icalendar values."""
    props: list[tuple[str, Any]] = [("UID", vText(uid(event.event_id)))]
    if facts.location is not None:
        props.append(("LOCATION", vText(facts.location)))
    if facts.url:
        props.append(("URL", vUri(facts.url)))  # where a calendar's reader can read the report
    return tuple(props)


def _language_properties(event: Event, facts: _Described, timeline: Timeline, language: str) -> Properties:
    """The properties written in `language`: SUMMARY and DESCRIPTION."""
    return (
        ("SUMMARY", vText(summary(event, language))),
        ("DESCRIPTION", vText(_description(event, facts, timeline, language))),
    )


# --- VEVENT bytes ----------------------------------------------------------------
# icalendar writes a component as its BEGIN line, one content line per property in the
# order of its `sorted_keys`, and its END line; each content line (escaped, folded) is
# written by `Component.content_line` from the property's name and value alone. So a
# VEVENT's bytes are joined here from lines icalendar wrote, in the order icalendar
# gives: a line many VEVENTs share (DTSTAMP, STATUS, a day, a set of categories) is
# written once, an event's own lines (UID, LOCATION, URL) once for all its languages,
# and only SUMMARY and DESCRIPTION in each language. A test compares with `to_ical`.

_WRITER = icalendar.Event()  # content_line reads nothing of the component it is called on


def _line(name: str, value: Any) -> bytes:
    """One property as icalendar writes it: folded at 75 octets, CRLF-terminated.

    icalendar writes the content line (name, parameters, escaped value); `fold` folds
    it on its bytes, as `Contentline.to_ical` would character by character. A value
    with no parameter (SUMMARY, DESCRIPTION, UID, LOCATION, URL) is its own `to_ical`
    after the name and a colon: what `Contentline.from_parts` makes of it, without the
    two `Parameters` it builds, the decoding of the value's bytes and their encoding
    again (a third of a VEVENT's time). The value's bytes are icalendar's either way.
    """
    if isinstance(value, _PLAIN) and not value.params:
        data = value.to_ical()
        # from_parts decodes the value as utf-8-sig, which drops a leading BOM, and its
        # Contentline refuses a line break: those rare values take icalendar's own way.
        if not data.startswith(_BOM) and b"\n" not in data:
            return fold_bytes(b"%s:%s" % (name.encode("utf-8"), data)) + b"\r\n"
    return fold(_WRITER.content_line(name, value)) + b"\r\n"


_BOM = "\ufeff".encode()
_PLAIN = (vText, vUri)  # the value types whose lines `_line` writes from their to_ical


@lru_cache(maxsize=_SHARED_LINES)
def _shared_line(name: str, key: Hashable) -> bytes:
    return _line(name, _shared_value(name, key))


def forget() -> None:
    """Let go of the values and lines the VEVENTs shared (`_shared_value`, `_shared_line`) once the
    feeds are written: nothing after them reads these, and a large build held them (a few hundred
    bytes an entry, 30,000 entries each at 20,000 documents) through its pages and validation."""
    _shared_line.cache_clear()
    _shared_value.cache_clear()


@lru_cache(maxsize=64)
def _order(names: tuple[str, ...]) -> tuple[str, ...]:
    """The order icalendar writes a VEVENT's properties in, for this set of names."""
    probe = icalendar.Event()
    for name in names:
        probe[name] = vText("")
    return tuple(probe.sorted_keys())


@lru_cache(maxsize=1)
def _frame() -> tuple[bytes, bytes]:
    """A VEVENT's BEGIN and END lines, as icalendar writes them around no property."""
    empty: bytes = icalendar.Event().to_ical()
    begin, end = empty.split(b"\r\n", 1)
    return begin + b"\r\n", end


def vevent_bytes(event: Event, timeline: Timeline, language: str, stamp: dt.datetime) -> bytes:
    """The VEVENT of `event` in `language`, as icalendar writes it (CRLF-terminated)."""
    return _vevent_bytes(event, timeline, (language,), stamp)[0]


def _vevent_bytes(
    event: Event, timeline: Timeline, languages: tuple[str, ...], stamp: dt.datetime
) -> tuple[bytes, ...]:
    """`vevent_bytes` in each of `languages`, the lines they share written once."""
    facts = _described(event, timeline)
    common = {name: _shared_line(name, key) for name, key in _shared_properties(event, stamp)}
    common.update((name, _line(name, value)) for name, value in _own_properties(event, facts))
    begin, end = _frame()
    written = []
    for language in languages:
        lines = dict(common)
        own = _language_properties(event, facts, timeline, language)
        lines.update((name, _line(name, value)) for name, value in own)
        written.append(b"".join((begin, *(lines[name] for name in _order(tuple(lines))), end)))
    return tuple(written)


def feed_stamp(timeline: Timeline) -> dt.datetime:
    """DTSTAMP for every VEVENT: the package's `created` day at 00:00 UTC, never the clock."""
    created = timeline.created
    if created is None:
        return FALLBACK_STAMP
    return dt.datetime(created.year, created.month, created.day, tzinfo=dt.UTC)
