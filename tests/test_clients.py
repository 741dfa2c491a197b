"""Every feed of a fresh build imported by real calendar clients: icalendar, ical (strict) and calcurse.

test_build checks that ics, icalendar and ical see the same UIDs; here each client must also
see every event on the days events.csv gives it (all-day, DTEND exclusive) with its summary,
and Debian's calcurse (a C client, `calcurse -i`) must import every event and show it on
exactly those days.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from mctimeline.load import read_descriptor
from mctimeline.package import read_csv

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SERIES_FEED = re.compile(r"series-(?P<id>.+)\.ics")
# The README's rule: a day's feeds leave out what is known only to a year or part of one;
# periods.ics holds exactly those.
PERIODS = {"year", "part-of-year"}

Day = dt.date
Span = tuple[Day, Day]  # first and last day, inclusive


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mctimeline.builder import build

    out = tmp_path_factory.mktemp("clients") / "datapackage"
    build(SEEDS, out)
    return out


def feed_paths(pkg: Path) -> list[Path]:
    resources = read_descriptor(pkg)["resources"]
    paths = [pkg / r["path"] for r in resources if r.get("format") == "ics"]
    assert sorted(p.name for p in paths) == sorted(p.name for p in pkg.glob("*.ics"))
    assert {"all.ics", "fa.ics", "ar.ics"} <= {p.name for p in paths}
    return paths


def expected_spans(pkg: Path, feed: Path) -> Counter[Span]:
    """The (first, last) days of the events the feed must hold, from events.csv."""
    match = SERIES_FEED.fullmatch(feed.name)
    periods = feed.name == "periods.ics"
    events = read_csv((pkg / "events.csv").read_bytes())
    return Counter(
        (Day.fromisoformat(e["start_date"]), Day.fromisoformat(e["end_date"]))
        for e in events
        if (match is None or e["series_id"] == match["id"]) and (e["precision"] in PERIODS) == periods
    )


def as_day(value: object) -> Day:
    assert isinstance(value, Day) and not isinstance(value, dt.datetime), f"not an all-day date: {value!r}"
    return value


# --- Python clients ----------------------------------------------------------------------


def icalendar_events(data: bytes) -> dict[str, tuple[Day, Day, str]]:
    cal = icalendar.Calendar.from_ical(data)
    assert [err for c in cal.walk() for err in c.errors] == []
    return {
        str(e["UID"]): (
            as_day(e.decoded("DTSTART")),
            as_day(e.decoded("DTEND")) - dt.timedelta(days=1),
            str(e["SUMMARY"]),
        )
        for e in cal.walk("VEVENT")
    }


def ical_events(data: bytes) -> dict[str, tuple[Day, Day, str]]:
    cal = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return {
        e.uid: (as_day(e.dtstart), as_day(e.dtend) - dt.timedelta(days=1), e.summary or "")
        for e in cal.events
    }


def test_icalendar_and_ical_see_every_event_on_its_days(pkg: Path) -> None:
    for feed in feed_paths(pkg):
        data = feed.read_bytes()
        by_icalendar, by_ical = icalendar_events(data), ical_events(data)
        assert by_icalendar == by_ical, feed.name
        spans = Counter((start, end) for start, end, _ in by_icalendar.values())
        assert spans == expected_spans(pkg, feed), feed.name
        assert all(summary.strip() for _, _, summary in by_icalendar.values()), feed.name


# --- calcurse ---------------------------------------------------------------------------

# calcurse 4.x `apts` lines for all-day events: "MM/DD/YYYY [1] {1D -> MM/DD/YYYY} >NOTE summary";
# a multi-day event is a daily repetition up to its last day; the note is the DESCRIPTION.
APTS_EVENT = re.compile(
    r"(?P<start>\d\d/\d\d/\d{4}) \[1\] "
    r"(?:\{1D -> (?P<until>\d\d/\d\d/\d{4})\} )?(?:>[0-9a-f]+ )?(?P<summary>.*)"
)
IMPORT_REPORT = re.compile(
    r"(?P<apps>\d+) apps? / (?P<events>\d+) events? / \d+ todos? / (?P<skipped>\d+) skipped"
)


def calcurse() -> str:
    """The calcurse binary; skip without it, but fail under CI (which installs it)."""
    path = shutil.which("calcurse")
    if path is not None:
        return path
    problem = "calcurse is not installed (Debian: apt-get install calcurse)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {problem}")
    pytest.skip(problem)


def mdy(text: str) -> Day:
    return dt.datetime.strptime(text, "%m/%d/%Y").date()


def import_into(calcurse_bin: str, feed: Path, folder: Path) -> str:
    folder.mkdir()
    done = subprocess.run(
        [calcurse_bin, "-D", str(folder), "-i", str(feed)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8"},
    )
    assert done.returncode == 0, f"{feed.name}: calcurse -i failed: {done.stderr}"
    return done.stdout


def test_calcurse_imports_every_event_of_every_feed(pkg: Path, tmp_path: Path) -> None:
    binary = calcurse()
    for feed in feed_paths(pkg):
        expected = expected_spans(pkg, feed)
        report = IMPORT_REPORT.search(import_into(binary, feed, tmp_path / feed.stem))
        assert report, feed.name
        counts = (int(report["apps"]), int(report["events"]), int(report["skipped"]))
        assert counts == (0, sum(expected.values()), 0), feed.name
        lines = (tmp_path / feed.stem / "apts").read_text(encoding="utf-8").splitlines()
        parsed = [APTS_EVENT.fullmatch(line) for line in lines]
        assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m]
        spans = Counter(
            (mdy(m["start"]), mdy(m["until"]) if m["until"] else mdy(m["start"])) for m in parsed if m
        )
        assert spans == expected, feed.name
        summaries = sorted(m["summary"] for m in parsed if m)
        assert summaries == sorted(s for _, _, s in icalendar_events(feed.read_bytes()).values())


def test_calcurse_shows_each_event_on_its_days_and_not_the_day_after(pkg: Path, tmp_path: Path) -> None:
    """`calcurse -Q` for the first day, the last day and the day after every event of all.ics."""
    binary = calcurse()
    feed = pkg / "all.ics"
    import_into(binary, feed, tmp_path / "all")
    spans = expected_spans(pkg, feed)
    query = [binary, "-D", str(tmp_path / "all"), "-Q", "--filter-type", "cal"]
    days = sorted({d for start, end in spans for d in (start, end, end + dt.timedelta(days=1))})
    for day in days:
        done = subprocess.run(
            [*query, "--from", day.strftime("%m/%d/%Y"), "--days", "1"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8"},
        )
        assert done.returncode == 0, done.stderr
        shown = sum(1 for line in done.stdout.splitlines() if line.startswith(" * "))
        covering = sum(n for (start, end), n in spans.items() if start <= day <= end)
        assert shown == covering, f"{day}: calcurse shows {shown} events, events.csv has {covering}"


def test_calcurse_shows_a_day_its_happenings_not_the_years_around_it(pkg: Path, tmp_path: Path) -> None:
    """On the first day of every year-long event, all.ics in calcurse shows no year-long item;
    periods.ics shows them all there."""
    binary = calcurse()
    events = read_csv((pkg / "events.csv").read_bytes())
    years = [e for e in events if e["precision"] in PERIODS]
    assert years and any(e["precision"] not in PERIODS for e in events), "the seeds hold both kinds"
    import_into(binary, pkg / "all.ics", tmp_path / "all")
    import_into(binary, pkg / "periods.ics", tmp_path / "periods")
    for e in years:
        day = Day.fromisoformat(e["start_date"]).strftime("%m/%d/%Y")
        for folder, want in (("all", 0), ("periods", None)):
            query = ["-Q", "--filter-type", "cal", "--from", day, "--days", "1"]
            done = subprocess.run(
                [binary, "-D", str(tmp_path / folder), *query],
                capture_output=True,
                text=True,
                timeout=60,
                env={**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8"},
            )
            assert done.returncode == 0, done.stderr
            shown = [line for line in done.stdout.splitlines() if line.startswith(" * ")]
            coarse = [line for line in shown if line.startswith((" * [year]", " * [part of the year]"))]
            if want == 0:
                assert coarse == [], f"{day}: all.ics shows {coarse}"
            else:
                covering = sum(1 for o in years if o["start_date"] <= e["start_date"] <= o["end_date"])
                assert len(coarse) == len(shown) == covering, f"{day}: periods.ics shows {shown}"
