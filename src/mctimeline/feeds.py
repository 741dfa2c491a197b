"""The iCalendar feeds (RFC 5545, written with icalendar): the day's happenings, one feed per series,
Persian and Arabic, and the periods apart.

A subscriber's calendar shows what happened on each day. An event known only to its
year or part of a year («in 2014», «early 2025») would lie across every day of it, and
a busy news day would show dozens of year-long items above the meeting of that day; so
those events go to `periods.ics` alone (they stay in events.csv, the page and the plot).
Month-precision events stay in the day feeds: a month is short enough to plan by («the
forum in May») and to read beside that month's days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import re
import sys
import tomllib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import icalendar
from icalendar import vCategory, vDate, vDatetime, vText, vUri
from icalendar.timezone import tzp

from mctimeline import __version__, calendars, feedparts
from mctimeline.calendars import CalendarDate
from mctimeline.events import Event, Reconciliation
from mctimeline.links import is_web_url
from mctimeline.names import month_name
from mctimeline.package import FeedFile
from mctimeline.safetext import clean_text, one_line
from mctimeline.sources import Source
from mctimeline.timeline import PlacedMention, Series, Timeline

PRODID = f"-//mctimeline//mctimeline {__version__}//EN"
UID_DOMAIN = "mctimeline"
# Used for DTSTAMP only when no source states its publication date: a fixed, documented
# epoch keeps the bytes reproducible where the clock would not.
FALLBACK_STAMP = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_SERIES_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
# Precisions too coarse for a day's calendar: their events are in PERIODS_FEED only.
PERIOD_PRECISIONS = frozenset({"year", "part-of-year"})
PERIODS_FEED = "periods.ics"
DAY_FEEDS = ("all.ics", "fa.ics", "ar.ics")


def feed_paths_of(precision: str, series_id: str) -> tuple[str, ...]:
    """The feeds that carry an event of this precision and series (validate reads the same rule)."""
    if precision in PERIOD_PRECISIONS:
        return (PERIODS_FEED,)
    return (*DAY_FEEDS, f"series-{series_id}.ics") if series_id else DAY_FEEDS


def uid(event_id: str) -> str:
    """The VEVENT UID of an event: stable because event ids are."""
    return f"{event_id}@{UID_DOMAIN}"


def event_id_of(uid_value: str) -> str:
    """The event id a UID was made from (the inverse of `uid`)."""
    suffix = f"@{UID_DOMAIN}"
    return uid_value[: -len(suffix)] if uid_value.endswith(suffix) else uid_value


# --- labels and dates ---------------------------------------------------------


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


def digits(number: int, language: str) -> str:
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


def format_interval(first: CalendarDate, last: CalendarDate, language: str) -> str:
    """An inclusive interval of days in their own calendar, as a reader of `language` writes it.

    Whole months and whole years are named as such (Khordad 1404, 2025) rather than by
    their first and last days.
    """
    lab = labels(language)
    cal = first.calendar
    era = lab[f"era_{cal}"]

    def n(x: int) -> str:
        return digits(x, language)

    def month(d: CalendarDate) -> str:
        return month_name(cal, d.month, language)  # type: ignore[arg-type]

    whole_months = first.day == 1 and last.day == calendars.month_length(cal, last.year, last.month)
    if whole_months:
        if first.year == last.year and first.month == 1 and last.month == 12:
            return f"{n(first.year)}{era}"
        if (first.year, first.month) == (last.year, last.month):
            return f"{month(first)} {n(first.year)}{era}"
        if first.year == last.year:
            return f"{month(first)}{lab['range']}{month(last)} {n(first.year)}{era}"
        return f"{month(first)} {n(first.year)}{lab['range']}{month(last)} {n(last.year)}{era}"
    if first == last:
        return f"{n(first.day)} {month(first)} {n(first.year)}{era}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{n(first.day)}{lab['day_range']}{n(last.day)} {month(first)} {n(first.year)}{era}"
    if first.year == last.year:
        return f"{n(first.day)} {month(first)}{lab['range']}{n(last.day)} {month(last)} {n(first.year)}{era}"
    return (
        f"{n(first.day)} {month(first)} {n(first.year)}{era}{lab['range']}"
        f"{n(last.day)} {month(last)} {n(last.year)}{era}"
    )


def event_dates(event: Event) -> dict[str, tuple[CalendarDate, CalendarDate] | None]:
    """The event's first and last day in each calendar, from its own fields (None: out of range)."""
    return dict(
        _spans(
            event.start_date,
            event.end_date,
            event.jalali_start,
            event.jalali_end,
            event.hijri_start,
            event.hijri_end,
        )
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


_CALENDAR_INDEX = {"gregorian": 0, "jalali": 1, "hijri": 2}  # as _spans orders them


def date_line(event: Event, calendar: str, language: str) -> str:
    """The event's dates in one calendar, as `language` writes them; a note when out of range."""
    bounds = (event.start_date, event.end_date, event.jalali_start, event.jalali_end)
    span = _spans(*bounds, event.hijri_start, event.hijri_end)[_CALENDAR_INDEX[calendar]][1]
    if span is None:
        return labels(language)["hijri_out_of_range"]
    return _interval_words(span[0], span[1], language)


@lru_cache(maxsize=4096)
def _interval_words(first: CalendarDate, last: CalendarDate, language: str) -> str:
    # Cached: a VEVENT's SUMMARY repeats a date of its DESCRIPTION, and events share days.
    return format_interval(first, last, language)


# --- events -------------------------------------------------------------------


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its file, resource name, language, titles and which events it carries."""

    path: str
    name: str
    language: str
    title: str
    description: str
    series_id: str | None = None  # None: every event of its kind
    periods: bool = False  # True: the year and part-of-year events; False: the rest

    def selects(self, event: Event) -> bool:
        if (event.precision in PERIOD_PRECISIONS) != self.periods:
            return False
        return self.series_id is None or event.series_id == self.series_id

    def feed_file(self) -> FeedFile:
        return FeedFile(self.name, self.path, self.title, self.description)


def summary(event: Event, language: str) -> str:
    """SUMMARY: the title, the date in the feed's own calendar for fa/ar, the precision unless a day."""
    lab = labels(language)
    prefix = "" if event.precision == "day" else f"[{lab['precisions'][event.precision]}] "
    if language == "en":
        return one_line(prefix + (event.title_en or event.title))
    own = "jalali" if language == "fa" else "hijri"
    if event_dates(event)[own] is None:
        own = "gregorian"
    return one_line(f"{prefix}{date_line(event, own, language)}: {event.title}")


def description(event: Event, timeline: Timeline, language: str) -> str:
    """DESCRIPTION: the date in all three calendars, the source quotes and any conflict."""
    lab = labels(language)
    order = ("gregorian", "jalali", "hijri")
    if language == "fa":
        order = ("jalali", "gregorian", "hijri")
    elif language == "ar":
        order = ("hijri", "gregorian", "jalali")
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
    if event.location:
        lines.append(f"{lab['location']}: {one_line(event.location)}")
    lines.append(f"{lab['sources']} ({digits(event.source_count, language)}):")
    for source_id, words in _quoted(event, timeline):
        url = _url_of(timeline, source_id)
        where = f" <{one_line(url)}>" if url else ""  # as given: text here, a link only in URL
        lines.append(
            f"- {one_line(source_id)}{where}: {lab['quote_open']}{one_line(words)}{lab['quote_close']}"
        )
    recs = timeline.reconciliations_of(event.event_id)
    if recs:
        lines.append(f"{lab['conflicts']}:")
        for r in recs:
            readings = "; ".join(
                f"{lab[k]}: {v}" for k, v in (("kept", r.kept), ("rejected", r.rejected)) if v
            )
            parts = [f"{r.kind}: {one_line(r.diagnosis)}", readings, one_line(r.reason)]
            lines.append("- " + " — ".join(p for p in parts if p))
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
    return _vevent(_common_properties(event, stamp, timeline), event, timeline, language)


def _common_properties(
    event: Event, stamp: dt.datetime, timeline: Timeline | None = None
) -> tuple[tuple[str, Any], ...]:
    """The properties an event's VEVENT has in every language, as icalendar values."""
    start = dt.date.fromisoformat(event.start_date)
    end = dt.date.fromisoformat(event.end_date)
    props: list[tuple[str, Any]] = [
        ("UID", vText(uid(event.event_id))),
        ("DTSTAMP", vDatetime(tzp.localize_utc(stamp))),  # RFC 5545: DTSTAMP is in UTC
        ("DTSTART", vDate(start, {"VALUE": "DATE"})),
        ("DTEND", vDate(end + dt.timedelta(days=1), {"VALUE": "DATE"})),
    ]
    if event.location:
        props.append(("LOCATION", vText(one_line(event.location))))
    categories = [event.series_id] if event.series_id else []
    categories += [event.precision, event.status]
    props.append(("CATEGORIES", vCategory([one_line(c) for c in categories])))
    props.append(("STATUS", vText("CONFIRMED" if event.status == "confirmed" else "TENTATIVE")))
    # A news timeline never makes its subscriber busy; for an imprecise event this also
    # keeps a month or a year from looking like a booked block of days.
    props.append(("TRANSP", vText("TRANSPARENT")))
    url = first_source_url(event, timeline) if timeline is not None else ""
    if url:
        props.append(("URL", vUri(url)))  # where a calendar's reader can read the report
    return tuple(props)


def _vevent(
    common: tuple[tuple[str, Any], ...], event: Event, timeline: Timeline, language: str
) -> icalendar.Event:
    ve = icalendar.Event()
    for name, value in common:
        ve[name] = value
    ve["SUMMARY"] = vText(summary(event, language))
    ve["DESCRIPTION"] = vText(description(event, timeline, language))
    return ve


# --- feeds as bytes -------------------------------------------------------------
# An event is in several feeds (all.ics, its series feed, …). icalendar writes each
# VEVENT once per language, and the feeds are joined from those bytes: the same bytes
# icalendar gives for the whole calendar (a test compares), without re-serializing an
# event for every feed that carries it.


def vevent_bytes(event: Event, timeline: Timeline, language: str, stamp: dt.datetime) -> bytes:
    """The VEVENT of `event` in `language`, as icalendar writes it (CRLF-terminated)."""
    data: bytes = vevent(event, timeline, language, stamp).to_ical()
    return data


def _vevent_bytes(
    event: Event, timeline: Timeline, languages: tuple[str, ...], stamp: dt.datetime
) -> tuple[bytes, ...]:
    """`vevent_bytes` in each of `languages`, the properties they share made once."""
    # The shared icalendar values go into several VEVENTs; icalendar only reads them.
    common = _common_properties(event, stamp, timeline)
    return tuple(_vevent(common, event, timeline, lang).to_ical() for lang in languages)


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
    data: bytes = cal.to_ical()
    if not data.endswith(_END):
        raise AssertionError(f"icalendar wrote a VCALENDAR that does not end with {_END!r}")
    return data


def feed_stamp(timeline: Timeline) -> dt.datetime:
    """DTSTAMP for every VEVENT: the package's `created` day at 00:00 UTC, never the clock."""
    created = timeline.created
    if created is None:
        return FALLBACK_STAMP
    return dt.datetime(created.year, created.month, created.day, tzinfo=dt.UTC)


def feed_specs(timeline: Timeline) -> list[FeedSpec]:
    """The feeds of a timeline: all, fa, ar and one per series for the events of a day or a
    month, and periods.ics for those of a year or part of one (see the module's docstring).

    A feed with no event is not written: RFC 5545 requires at least one component.
    """
    en, fa, ar = labels("en"), labels("fa"), labels("ar")
    days = [e for e in timeline.events if e.precision not in PERIOD_PRECISIONS]
    specs = []
    if days:
        specs = [
            FeedSpec("all.ics", "feed-all", "en", en["calendar_all"], en["calendar_all_description"]),
            FeedSpec("fa.ics", "feed-fa", "fa", fa["calendar_all"], fa["calendar_all_description"]),
            FeedSpec("ar.ics", "feed-ar", "ar", ar["calendar_all"], ar["calendar_all_description"]),
        ]
    used = sorted({e.series_id for e in days if e.series_id})
    names = {s.series_id: s.name_en for s in timeline.series}
    for series_id in used:
        if not _SERIES_ID.fullmatch(series_id):
            raise ValueError(
                f"series id {series_id!r} cannot name a feed file: use lowercase letters, digits and '-'"
            )
        name = names.get(series_id, series_id)
        specs.append(
            FeedSpec(
                f"series-{series_id}.ics",
                f"feed-series-{series_id}",
                "en",
                en["calendar_series"].format(name=name),
                en["calendar_series_description"].format(name=name),
                series_id,
            )
        )
    if len(days) < len(timeline.events):
        specs.append(
            FeedSpec(
                PERIODS_FEED,
                "feed-periods",
                "en",
                en["calendar_periods"],
                en["calendar_periods_description"],
                periods=True,
            )
        )
    return specs


def feed_files(timeline: Timeline, *, workers: int | None = None) -> dict[FeedSpec, bytes]:
    """Every feed's bytes, by spec (`workers`: as for `write_feeds`)."""
    specs = feed_specs(timeline)
    bodies: list[list[bytes]] = [[] for _ in specs]
    for event, written in _vevents(timeline, specs, workers):
        for spec, body in zip(specs, bodies, strict=True):
            if spec.selects(event):
                body.append(written[spec.language])
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
        for event, written in _vevents(timeline, specs, workers):
            for spec, out, where in zip(specs, files, spans, strict=True):
                if spec.selects(event):
                    out.write(written[spec.language])
                    where.add(len(written[spec.language]), event.start_date)
        for out in files:
            out.write(_END)
    return [part for spec, where in zip(specs, spans, strict=True) for part in _cut(folder, spec, where)]


def _cut(folder: Path, spec: FeedSpec, spans: feedparts.Spans) -> list[FeedFile]:
    """The feed of `spec` as written, or, too large to subscribe to, its own file holding
    its latest events followed by its parts (feedparts)."""
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


# --- VEVENTs in worker processes -------------------------------------------------
# icalendar spends most of a VEVENT's time folding lines character by character; that
# is its own work and stays its own, so a large timeline's VEVENTs are written by
# several processes instead. Each gets chunks of events with only the records their
# descriptions read, and the chunks come back in order: the bytes are the serial ones.

_BUFFER = 1 << 20
# Below this, starting the workers (each imports icalendar) costs more than they save.
PARALLEL_MIN_EVENTS = 3000
_CHUNK_EVENTS = 250
WORKERS_ENV = "MCTIMELINE_FEED_WORKERS"


def feed_workers(event_count: int) -> int:
    """How many processes write the VEVENTs of `event_count` events: 1 means this one.

    Every core this process may run on, for a timeline of at least PARALLEL_MIN_EVENTS
    written from a script that workers can import (`_main_is_guarded`); the environment
    variable MCTIMELINE_FEED_WORKERS sets the number instead.
    """
    if multiprocessing.current_process().daemon:
        return 1  # a daemonic process (a pool's worker) may not start processes
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            raise ValueError(f"{WORKERS_ENV} must be a whole number, not {configured!r}") from None
    if event_count < PARALLEL_MIN_EVENTS or not _main_is_guarded():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_MAIN_GUARD = re.compile(r"""__name__\s*==\s*['"]__main__['"]""")


def _main_is_guarded() -> bool:
    """Whether a spawned worker can import the running script without redoing its work.

    A spawned process imports the script it was started from; one without the
    `if __name__ == "__main__":` guard would build the whole timeline again in every
    worker before failing, so such a script gets no workers.
    """
    main = sys.modules.get("__main__")
    if getattr(getattr(main, "__spec__", None), "name", "").endswith("__main__"):
        return True  # `python -m package`: multiprocessing does not import its __main__
    path = getattr(main, "__file__", None)
    if path is None:
        return True  # an interactive session or `python -c`: nothing to import
    try:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _MAIN_GUARD.search(source) is not None


def _languages(specs: list[FeedSpec], event: Event) -> tuple[str, ...]:
    """The languages the feeds carrying `event` are in, each once."""
    return tuple(dict.fromkeys(spec.language for spec in specs if spec.selects(event)))


Written = Iterator[tuple[Event, dict[str, bytes]]]


def _vevents(timeline: Timeline, specs: list[FeedSpec], workers: int | None) -> Written:
    """Each event, in timeline order, with its VEVENT bytes in each language its feeds need."""
    if not specs:
        return
    stamp = feed_stamp(timeline)
    events = timeline.events
    count = feed_workers(len(events)) if workers is None else max(1, workers)
    done = 0
    if count > 1 and len(events) > _CHUNK_EVENTS:
        try:
            for item in _parallel_vevents(timeline, specs, stamp, count):
                yield item
                done += 1
        except (BrokenProcessPool, OSError, NotImplementedError):
            # No workers to be had (no working semaphores, a limit on processes), or one
            # died before answering, e.g. spawned from a script without the
            # `if __name__ == "__main__":` guard that multiprocessing requires: write
            # the rest here, from where the workers stopped. A real error in an event
            # is raised again here.
            pass
    for event in events[done:]:
        languages = _languages(specs, event)
        yield event, dict(zip(languages, _vevent_bytes(event, timeline, languages, stamp), strict=True))


@dataclass(frozen=True)
class _Chunk:
    """Consecutive events and all that their VEVENTs read, small enough to send to a worker."""

    events: tuple[Event, ...]
    languages: tuple[tuple[str, ...], ...]  # per event
    mentions: tuple[PlacedMention, ...]
    reconciliations: tuple[Reconciliation, ...]
    series: tuple[Series, ...]
    stamp: dt.datetime
    sources: tuple[Source, ...] = ()  # those of the mentions that have a URL (the rest add nothing)


def _chunk(
    timeline: Timeline, specs: list[FeedSpec], events: tuple[Event, ...], stamp: dt.datetime
) -> _Chunk:
    placed = (timeline.mention(ref.mention_id) for event in events for ref in event.mentions)
    mentions = tuple({p.mention_id: p for p in placed if p is not None}.values())
    sources = (timeline.source(source_id) for source_id in dict.fromkeys(p.source_id for p in mentions))
    return _Chunk(
        events,
        tuple(_languages(specs, event) for event in events),
        mentions,
        tuple(r for event in events for r in timeline.reconciliations_of(event.event_id)),
        timeline.series,
        stamp,
        tuple(s for s in sources if s is not None and s.url),
    )


def _write_chunk(chunk: _Chunk) -> list[tuple[bytes, ...]]:
    """In a worker: each event's VEVENT bytes in its languages, in the chunk's order."""
    # The descriptions read mentions, reconciliations and series through a Timeline.
    context = Timeline(chunk.sources, chunk.mentions, (), chunk.reconciliations, chunk.series)
    return [
        _vevent_bytes(event, context, langs, chunk.stamp)
        for event, langs in zip(chunk.events, chunk.languages, strict=True)
    ]


def _parallel_vevents(timeline: Timeline, specs: list[FeedSpec], stamp: dt.datetime, workers: int) -> Written:
    events = timeline.events
    starts = range(0, len(events), _CHUNK_EVENTS)
    # spawn: a fresh interpreter per worker, safe whatever threads this process runs
    # (fork is not). At most two chunks per worker are in flight, so memory stays flat.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[tuple[tuple[Event, ...], Future[list[tuple[bytes, ...]]]]] = deque()
        for start in starts:
            part = events[start : start + _CHUNK_EVENTS]
            pending.append((part, pool.submit(_write_chunk, _chunk(timeline, specs, part, stamp))))
            if len(pending) > 2 * workers:
                yield from _answered(specs, *pending.popleft())
        while pending:
            yield from _answered(specs, *pending.popleft())


def _answered(
    specs: list[FeedSpec], events: tuple[Event, ...], future: Future[list[tuple[bytes, ...]]]
) -> Written:
    for event, data in zip(events, future.result(), strict=True):
        yield event, dict(zip(_languages(specs, event), data, strict=True))
