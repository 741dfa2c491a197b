"""Whole feeds: each VCALENDAR's header and bytes, and the files a build writes (cut when too large)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import icalendar

from mctimeline import __version__
from mctimeline.feeds import parts as feedparts
from mctimeline.feeds.dates import labels
from mctimeline.feeds.folding import component_bytes
from mctimeline.feeds.specs import Carriers, FeedSpec, feed_specs
from mctimeline.feeds.vevents import feed_stamp, forget, vevent_bytes
from mctimeline.feeds.workers import _vevents
from mctimeline.package import FeedFile
from mctimeline.safetext import one_line
from mctimeline.timeline import Timeline

PRODID = f"-//mctimeline//mctimeline {__version__}//EN"
_BUFFER = 1 << 20


# --- feeds as bytes -------------------------------------------------------------
# An event is in several feeds (all.ics, its series feed, …). Each VEVENT is written
# once per language (from the content lines icalendar writes, see vevents), and the
# feeds are joined from those bytes: the same bytes icalendar gives for the whole
# calendar (a test compares), without re-serializing an event for every feed that
# carries it.

_END = b"END:VCALENDAR\r\n"


def calendar_bytes(timeline: Timeline, spec: FeedSpec) -> bytes:
    """One feed's bytes: CRLF line ends, lines folded at 75 octets by icalendar."""
    stamp = feed_stamp(timeline)
    events = [vevent_bytes(e, timeline, spec.language, stamp) for e in timeline.events if spec.selects(e)]
    return _joined(spec, events)


def _joined(spec: FeedSpec, events: list[bytes]) -> bytes:
    """The feed's VCALENDAR, written by icalendar, around the VEVENT bytes it carries."""
    return calendar_header(spec)[: -len(_END)] + b"".join(events) + _END


def calendar_header(spec: FeedSpec) -> bytes:
    """The feed's VCALENDAR with its own properties and no component, written by icalendar."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # No METHOD: an iTIP PUBLISH (RFC 5546) would require an ORGANIZER we do not have.
    cal.add("name", one_line(spec.title))
    cal.add("x-wr-calname", one_line(spec.title))
    cal.add("description", one_line(spec.description))
    cal.add("x-wr-caldesc", one_line(spec.description))
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    data = component_bytes(cal)
    if not data.endswith(_END):
        raise AssertionError(f"icalendar wrote a VCALENDAR that does not end with {_END!r}")
    return data


def feed_files(timeline: Timeline, *, workers: int | None = None) -> dict[FeedSpec, bytes]:
    """Every feed's bytes, by spec (`workers`: as for `write_feeds`)."""
    specs = feed_specs(timeline)
    carriers = Carriers(specs)
    bodies: list[list[bytes]] = [[] for _ in specs]
    for event, written in _vevents(timeline, carriers, workers):
        for i in carriers.feeds(event):
            bodies[i].append(written[specs[i].language])
    return {spec: _joined(spec, body) for spec, body in zip(specs, bodies, strict=True)}


def write_feeds(folder: Path, timeline: Timeline, *, workers: int | None = None) -> list[FeedFile]:
    """Write every feed into `folder`; return their descriptions for the data package.

    Each file is written as its VEVENTs come, so memory holds a few chunks of events,
    never a whole feed. `workers`: processes writing VEVENTs (None: `feed_workers`).
    Worker processes are spawned: by default only from a script with multiprocessing's
    `if __name__ == "__main__":` guard (see `feed_workers`).
    """
    specs = feed_specs(timeline)
    spans = [feedparts.Spans() for _ in specs]
    with ExitStack() as stack:
        files = [stack.enter_context((folder / spec.path).open("wb", buffering=_BUFFER)) for spec in specs]
        for spec, out, where in zip(specs, files, spans, strict=True):
            where.head = out.write(calendar_header(spec)[: -len(_END)])
        carriers = Carriers(specs)
        for event, written in _vevents(timeline, carriers, workers):
            for i in carriers.feeds(event):
                data = written[specs[i].language]
                files[i].write(data)
                spans[i].add(len(data), event.start_date)
        for out in files:
            out.write(_END)
    forget()
    return [part for spec, where in zip(specs, spans, strict=True) for part in _cut(folder, spec, where)]


def _cut(folder: Path, spec: FeedSpec, spans: feedparts.Spans) -> list[FeedFile]:
    """The feed of `spec` as written, or, too large to subscribe to, its own file holding
    its latest events followed by its parts (mctimeline.feeds.parts)."""
    parts = feedparts.plan(spans, len(_END))
    if parts[0][0] == "":
        return [spec.feed_file()]
    specs = {
        period: dataclasses.replace(
            spec,
            path=feedparts.part_path(spec.path, period),
            name=f"{spec.name}-{period}",
            title=f"{spec.title} ({period})",
        )
        for period, _ in parts
    }
    headers = {period: calendar_header(part)[: -len(_END)] for period, part in specs.items()}
    latest = _latest_spec(spec, spans, specs[parts[0][0]].path, specs[parts[-1][0]].path)
    header = calendar_header(latest.spec)[: -len(_END)]
    feedparts.copy_parts(
        folder / spec.path, spans, parts, headers, _END, (header, feedparts.latest_indices(spans, latest.day))
    )
    return [latest.spec.feed_file(), *(specs[period].feed_file() for period, _ in parts)]


@dataclass(frozen=True)
class _Latest:
    spec: FeedSpec
    day: str


def _latest_spec(spec: FeedSpec, spans: feedparts.Spans, first: str, last: str) -> _Latest:
    """The feed's own file when it is cut into parts: its latest events that fit, from the
    day `feedparts.latest_from` gives for the header that names that day (`first`, `last`:
    the first and last parts' files, which the description names for the rest)."""
    lab = labels(spec.language)
    sizes = feedparts.day_sizes(spans)
    day = max(sizes)  # a first guess: the header's length does not depend on which day it names

    def titled(day: str) -> FeedSpec:
        return dataclasses.replace(
            spec,
            title=lab["calendar_latest"].format(title=spec.title, day=day),
            description=lab["calendar_latest_description"].format(
                description=spec.description, day=day, first=first, last=last
            ),
        )

    seen = set()
    while day not in seen:  # settles at once; a loop in case a header's folds ever differ
        seen.add(day)
        head = len(calendar_header(titled(day))) - len(_END)
        day = feedparts.latest_from(sizes, feedparts.MAX_FEED_BYTES - head - len(_END))
    return _Latest(titled(day), day)
