"""The feeds' validation, by concern: `lines` (bytes, line rules, the split into VEVENT blocks),
`reading` (the strict `ical` parser's reading), `models` (ical's models run once per
VEVENT shape), `members` (which feeds and which events each
carries), `vevents` (each VEVENT against events.csv), `distinct` (each distinct VEVENT block
parsed once) and `checks` (every feed's checks streamed through the helper processes).
Their public names are re-exported here.
"""

from __future__ import annotations

from mctimeline.validate.feeds.checks import CHUNK_EVENTS, FeedChecks, _FeedCheck
from mctimeline.validate.feeds.distinct import Distinct
from mctimeline.validate.feeds.lines import _TAIL, MAX_LINE_OCTETS, line_problems, split_feed
from mctimeline.validate.feeds.members import (
    _Members,
    events_by_feed,
    feed_members,
    feed_set_problems,
    feed_size_problems,
)
from mctimeline.validate.feeds.reading import _ical_problems, strict_reading
from mctimeline.validate.feeds.vevents import _VeventChecks, feed_problems

__all__ = [
    "CHUNK_EVENTS",
    "MAX_LINE_OCTETS",
    "_TAIL",
    "Distinct",
    "FeedChecks",
    "_FeedCheck",
    "_Members",
    "_VeventChecks",
    "_ical_problems",
    "events_by_feed",
    "feed_members",
    "feed_problems",
    "feed_set_problems",
    "feed_size_problems",
    "line_problems",
    "split_feed",
    "strict_reading",
]
