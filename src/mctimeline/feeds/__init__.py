"""The iCalendar feeds (RFC 5545, written with icalendar): the day's happenings, one feed per series,
Persian and Arabic, and the periods apart.

A subscriber's calendar shows what happened on each day. An event known only to its
year or part of a year («in 2014», «early 2025») would lie across every day of it, and
a busy news day would show dozens of year-long items above the meeting of that day; so
those events go to `periods.ics` alone (they stay in events.csv, the page and the plot).
Month-precision events stay in the day feeds: a month is short enough to plan by («the
forum in May») and to read beside that month's days.

The modules, by concern: `specs` (which feeds, which events each carries, UIDs),
`dates` (labels and intervals of days), `vevents` (one event as a VEVENT), `folding`
(icalendar's content lines folded on their bytes), `workers`
(VEVENTs written by worker processes), `writer` (whole feeds and their files) and
`parts` (a feed too large to subscribe to, cut into parts). Their public names are
re-exported here: `from mctimeline.feeds import write_feeds` and the like.
"""

from __future__ import annotations

from mctimeline.feeds import parts
from mctimeline.feeds.dates import date_line, digits, event_dates, format_interval, labels, parse_day
from mctimeline.feeds.specs import (
    DAY_FEEDS,
    PERIOD_PRECISIONS,
    PERIODS_FEED,
    UID_DOMAIN,
    FeedSpec,
    event_id_of,
    feed_paths_of,
    feed_specs,
    uid,
)
from mctimeline.feeds.vevents import (
    FALLBACK_STAMP,
    description,
    feed_stamp,
    first_source_url,
    summary,
    vevent,
    vevent_bytes,
)
from mctimeline.feeds.workers import PARALLEL_MIN_EVENTS, WORKERS_ENV, feed_workers, written_by_workers
from mctimeline.feeds.writer import PRODID, calendar_bytes, calendar_header, feed_files, write_feeds

# Names this module had before it was a package, which callers import from here.
from mctimeline.safetext import clean_text, one_line
from mctimeline.timeline import Timeline

__all__ = [
    "DAY_FEEDS",
    "FALLBACK_STAMP",
    "PARALLEL_MIN_EVENTS",
    "PERIODS_FEED",
    "PERIOD_PRECISIONS",
    "PRODID",
    "UID_DOMAIN",
    "WORKERS_ENV",
    "FeedSpec",
    "Timeline",
    "calendar_bytes",
    "calendar_header",
    "clean_text",
    "date_line",
    "description",
    "digits",
    "event_dates",
    "event_id_of",
    "feed_files",
    "feed_paths_of",
    "feed_specs",
    "feed_stamp",
    "feed_workers",
    "first_source_url",
    "format_interval",
    "labels",
    "one_line",
    "parse_day",
    "parts",
    "summary",
    "uid",
    "vevent",
    "vevent_bytes",
    "write_feeds",
    "written_by_workers",
]
