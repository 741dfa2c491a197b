"""Validation of a built data package: Frictionless, a strict parse of every distinct VEVENT, cross-checks.

`validate(folder)` is the entry point. By concern: `descriptor` (datapackage.json read a
member, or an array's element, at a time), `frictionless_pass` (Frictionless's validation,
streamed), `tables` (the CSV tables and the cross-checks their schemas cannot express;
`keys`, the tables' key checks made on Frictionless's rows; `eventrows`, events.csv as the
later checks read it), `feeds` (a
subpackage: each feed's lines, the strict parse of each distinct VEVENT block, each feed's
events), `views` (the page, the plot and the TimelineJS table; `tags`, a page's balance
told fast), `pool` (helper processes that run the independent checks, the feeds' parses
and the views' markup beside the main process).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mctimeline.package import DESCRIPTOR, TABLES
from mctimeline.reading import UnsafePath, package_file, resource_files
from mctimeline.validate import pool as _pool
from mctimeline.validate.descriptor import Elements, NotPlain, members
from mctimeline.validate.early import Early
from mctimeline.validate.early import digest as early_digest
from mctimeline.validate.eventrows import EventRows
from mctimeline.validate.feeds import (
    MAX_LINE_OCTETS,
    Distinct,
    FeedChecks,
    events_by_feed,
    feed_members,
    feed_problems,
    feed_set_problems,
    feed_size_problems,
    line_problems,
    split_feed,
)
from mctimeline.validate.frictionless_pass import frictionless_problems
from mctimeline.validate.latest import latest_days
from mctimeline.validate.pool import _helpers, _Pool, _Task
from mctimeline.validate.tables import (
    _iter_table,
    _twins_checked,
    mention_status_problems,
    mention_text_problems,
)
from mctimeline.validate.views import (
    Markup,
    markup_problems,
    markup_views,
    timelinejs_cell_problems,
    view_problems,
)

__all__ = [
    "MAX_LINE_OCTETS",
    "events_by_feed",
    "feed_problems",
    "feed_set_problems",
    "feed_size_problems",
    "frictionless_problems",
    "line_problems",
    "markup_problems",
    "mention_status_problems",
    "mention_text_problems",
    "split_feed",
    "timelinejs_cell_problems",
    "validate",
    "view_problems",
]


def validate(folder: Path, *, early: Early | None = None) -> list[str]:
    """Every problem found in the data package in `folder`; empty when it is valid.

    Each problem is one line naming the file (and row, line or event) and what is wrong.
    `early`: helpers started, and views' parses begun, while the package was written
    (validate.early); its answers are taken for the views whose bytes they parsed.
    """
    desc_path = folder / DESCRIPTOR
    if not desc_path.is_file():
        return [f"{desc_path}: missing: not a data package (write one with `mctimeline build`)"]
    resources = _resources(desc_path)
    if isinstance(resources, str):
        return [resources]
    try:
        # Nothing is opened before every path is known to stay inside the package:
        # frictionless would fetch a URL, and each check reads the file it is given.
        resource_files(folder, resources)
        for table in TABLES:  # read by their names whatever the descriptor says
            package_file(folder, table.path, table.name)
    except UnsafePath as exc:
        return [str(exc)]

    problems = _descriptor_problems(desc_path, resources)
    feeds = [r for r in resources if isinstance(r, dict) and r.get("format") == "ics"]
    paths = [folder / str(r.get("path", "")) for r in feeds]
    helpers = _helpers(sum(_size(path) for path in paths)) if early is None else early.helpers
    with _Pool(helpers) if early is None else early.validating() as pool:
        # Frictionless and the strict parse of every feed (cut into runs of VEVENTs) are
        # independent tasks: on a large package helper processes make them, beside the
        # checks below; their problems still come out in the same place and order. A
        # few runs are in flight at a time, each checked as it comes back.
        frictionless_part = pool.submit({"kind": "frictionless", "desc": str(desc_path)})
        # The views' markup parses (html.parser over every page) are tasks too: made here
        # in turn, they would leave the helpers idle while the feeds' runs wait for them.
        # A view parsed while the package was written (early) is not parsed again.
        markup = {
            path: (early and early.task(path, kind))
            or pool.submit({"kind": "markup", "path": str(path), "as": kind})
            for path, kind in markup_views(folder, resources)
        }
        # A corpus's tables hold millions of rows: events.csv is kept only in the columns
        # the later checks read, in a scratch SQLite file with its index by id and the
        # feeds' VEVENT digests (validate.eventrows, validate.scratch: removed below), so
        # that memory does not grow with the events; sources.csv and mentions.csv are read
        # as they are checked.
        rest: list[str] = []  # the calendar twins' problems come first
        events = EventRows(_twins_checked(_iter_table(folder / "events.csv"), rest))
        # The feeds' VEVENTs are keyed by their events' rows, so that a block met in one
        # feed is parsed only there (validate.feeds.distinct).
        index = events
        feed_checks = FeedChecks(paths, pool, _pool.window(helpers), Distinct(events, index))
        rest += mention_text_problems(
            folder, _iter_table(folder / "sources.csv"), _iter_table(folder / "mentions.csv")
        )
        listed = [str(r.get("path", "")) for r in feeds]
        latest, unmeasured = latest_days(folder, listed)
        members = feed_members(events, listed, latest, index)
        rest += feed_set_problems(desc_path, listed, events, members)
        rest += unmeasured
        rest += feed_size_problems(folder, listed, latest)
        # The answers come in the order they are waited for here: the feeds' runs first,
        # each checked as it comes while the next ones are made, so that the helpers never
        # wait on this process (waiting first on Frictionless, the longest task, left one
        # helper idle once its few runs in flight were made); their problems are still
        # reported in the order below.
        feed_part = feed_checks.problems(members)
        views = view_problems(folder, resources, events, _answered(markup))
        problems += frictionless_part.value()
        problems += rest
        problems += feed_part
    events.close()  # its scratch file (removed by the interpreter too, should a check raise)
    return problems + views


# What the checks here read of a resource (the rest, a feed's title and description, is
# Frictionless's to check).
_READ = ("name", "path", "format")


def _resources(desc_path: Path) -> list[Any] | str:
    """The descriptor's resources, each in the keys the checks here read (`_READ`), or the
    problem that keeps it from being a data package descriptor.

    The file is read a member at a time (validate.descriptor): its sources (one a document)
    are decoded and let go, so that it is proved UTF-8 JSON without being held whole (about
    90 MB at 100,000 documents). Should it be anything else than a plain object, it is read
    whole, as before, for the same verdict in the same words.
    """
    resources: Any = None
    try:
        for name, value in members(desc_path, frozenset({"resources", "sources"})):
            if name == "resources":  # json.loads keeps a name's last value
                resources = [_slim(r) for r in value] if isinstance(value, Elements) else value
    except NotPlain:
        try:
            desc = json.loads(desc_path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return f"{desc_path}: not UTF-8 JSON: {exc}"
        resources = desc.get("resources") if isinstance(desc, dict) else None
        resources = [_slim(r) for r in resources] if isinstance(resources, list) else None
    if not isinstance(resources, list):
        return f"{desc_path}: no resources list: not a data package descriptor"
    return resources


def _slim(resource: Any) -> Any:
    return {k: resource[k] for k in _READ if k in resource} if isinstance(resource, dict) else resource


def _answered(tasks: dict[Path, _Task]) -> Markup:
    """The markup check of a view: the answer of its task, or (none made) made here."""

    def markup(path: Path, data: bytes, kind: str) -> list[str]:
        task = tasks.get(path)
        answer = None if task is None else task.value()
        if isinstance(answer, dict):
            # Begun while the package was written: its answer holds only for the bytes it parsed.
            answer = answer.get("problems") if answer.get("sha256") == early_digest(data) else None
        return markup_problems(path, data, kind) if answer is None else list(answer)

    return markup


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _descriptor_problems(desc_path: Path, resources: list[Any]) -> list[str]:
    names = {r.get("name") for r in resources if isinstance(r, dict)}
    return [
        f"{desc_path}: resource {t.name!r} ({t.path}) is missing from the descriptor"
        for t in TABLES
        if t.name not in names
    ]
