"""The paged timeline: past a page's worth of events, index-N.html in date order, but for the
page the timeline opens on (the busiest year's), which is index.html.

A made-up timeline of 2,500 events (no pipeline: dates drawn from a seeded generator,
given to Timeline in shuffled order) is paged 300 events a page: 9 pages, the last of
100. Every expectation is computed here from the made-up list itself (sorted by start,
end and id, cut every 300), never read back from the writer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _browser import browser, watched_page
from _builder_samples import sample_timeline
from mctimeline import ownership, page
from mctimeline.events import Event
from mctimeline.package import FileResource, descriptor
from mctimeline.timeline import Series, Timeline
from test_page import Element, parse

EVENTS = 2_500
PAGE_SIZE = 300
PAGES = 9  # 8 full pages of 300 and one of 100
SERIES = ("alpha", "beta")
STATUSES = ("confirmed", "inferred", "conflict")


def made_up_events(n: int, seed: int = 7) -> list[Event]:
    """`n` events over 1998-2021, some sharing a start day, in no particular order."""
    rng = random.Random(seed)
    first = dt.date(1998, 1, 1).toordinal()
    events = []
    for i in range(n):
        start = dt.date.fromordinal(first + rng.randrange(24 * 365))
        end = start + dt.timedelta(days=rng.choice((0, 0, 1, 2)))
        events.append(
            Event(
                event_id=f"ev-{i:04d}",
                start_date=start.isoformat(),
                end_date=end.isoformat(),
                precision="day",
                edtf=start.isoformat(),
                jalali_start="",
                jalali_end="",
                hijri_start="",
                hijri_end="",
                status=STATUSES[i % 3],  # type: ignore[arg-type]
                title=f"Made-up event {i}",
                title_en="",
                series_id=(*SERIES, "")[i % 3 if i % 5 else 2],
                edition=None,
                location="",
                source_count=1,
                language="en",
                mentions=(),
            )
        )
    rng.shuffle(events)
    return events


def in_date_order(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.start_date, e.end_date, e.event_id))


EXPECTED = in_date_order(made_up_events(EVENTS))
CHUNKS = [EXPECTED[i : i + PAGE_SIZE] for i in range(0, EVENTS, PAGE_SIZE)]


def landing() -> int:
    """The chunk index.html holds: the first holding the busiest start year (the latest of equals)."""
    counts: dict[str, int] = {}
    for e in EXPECTED:
        counts[e.start_date[:4]] = counts.get(e.start_date[:4], 0) + 1
    year = sorted(counts, key=lambda y: (counts[y], y))[-1]
    return next(n for n, chunk in enumerate(CHUNKS, 1) if any(e.start_date[:4] == year for e in chunk))


LANDING = landing()
FILES = ["index.html" if n == LANDING else f"index-{n}.html" for n in range(1, PAGES + 1)]


def first_page_of_year() -> dict[str, int]:
    """Each start year and the number of the first chunk that holds it, from the chunks alone."""
    found: dict[str, int] = {}
    for number, chunk in enumerate(CHUNKS, 1):
        for e in chunk:
            found.setdefault(e.start_date[:4], number)
    return found


def timeline() -> Timeline:
    series = tuple(Series(s, f"Series {s}", "", "") for s in SERIES)
    return Timeline(sources=(), mentions=(), events=tuple(made_up_events(EVENTS)), series=series)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[FileResource]]:
    folder = tmp_path_factory.mktemp("paged")
    return folder, page.write_pages(folder, timeline(), page_size=PAGE_SIZE)


@pytest.fixture(scope="module")
def trees(written: tuple[Path, list[FileResource]]) -> list[Element]:
    folder, _ = written
    return [parse((folder / name).read_text("utf-8")) for name in FILES]


def text_of(el: Element) -> str:
    return " ".join(el.all_text().split())


def test_the_sizes_of_the_made_up_timeline() -> None:
    assert len(CHUNKS) == PAGES and [len(c) for c in CHUNKS] == [300] * 8 + [100]
    assert LANDING > 1, "index.html is not the first page: the busiest year is later"
    assert len({e.start_date for e in EXPECTED}) < EVENTS, "some events share a start day"
    assert len(first_page_of_year()) == 24


# --- files and resources ---------------------------------------------------------------------


def test_one_file_and_one_resource_per_page(written: tuple[Path, list[FileResource]]) -> None:
    folder, resources = written
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    assert [r.path for r in resources] == FILES
    assert [r.name for r in resources] == [f"page-{n}" for n in range(1, PAGES + 1)]
    assert {(r.format, r.mediatype) for r in resources} == {("html", "text/html")}
    listed = descriptor(timeline(), (), resources)["resources"]
    assert [r["path"] for r in listed if r.get("format") == "html"] == FILES


def test_every_event_once_across_the_pages_in_date_order(trees: list[Element]) -> None:
    shown = [[a.attrs["id"] for a in tree.find_all("article", "event")] for tree in trees]
    assert shown == [[e.event_id for e in chunk] for chunk in CHUNKS]
    for number, tree in enumerate(trees, 1):
        (data,) = [s for s in tree.find_all("script") if s.attrs.get("type") == "application/json"]
        value = json.loads(data.all_text())
        assert value["page"] == {"number": number, "pages": PAGES, "total": EVENTS}


def test_each_page_shows_its_own_span_and_count(trees: list[Element]) -> None:
    for number, (tree, chunk) in enumerate(zip(trees, CHUNKS, strict=True), 1):
        first = (number - 1) * PAGE_SIZE + 1
        (head,) = tree.find_all("p", "page-span")
        span = f"{chunk[0].start_date} – {chunk[-1].start_date}"
        assert text_of(head) == (
            f"Page {number} of {PAGES}: events {first:,}–{first + len(chunk) - 1:,} of 2,500 "
            f"in date order, starting {span}."
        )
        assert text_of(tree.find_all("output")[0]) == f"Showing {len(chunk)} of {len(chunk)} events"
        (title,) = tree.find_all("head")[0].find_all("title")
        assert title.all_text() == f"mctimeline: page {number} of {PAGES}, {span}"


def test_the_filters_count_the_events_of_their_page(trees: list[Element]) -> None:
    tree, chunk = trees[1], CHUNKS[1]
    (status,) = [s for s in tree.find_all("select") if s.attrs["name"] == "status"]
    options = [text_of(o) for o in status.find_all("option")]
    counts = {s: sum(e.status == s for e in chunk) for s in STATUSES}
    assert options == [f"all ({len(chunk)})", *(f"{s} ({counts[s]})" for s in STATUSES)]


def test_previous_and_next_link_the_neighbours(trees: list[Element]) -> None:
    for number, tree in enumerate(trees, 1):
        for nav in tree.find_all("nav", "pager"):  # the one above the events and the one below
            links = {a.attrs["class"]: a.attrs["href"] for a in nav.find_all("a") if "class" in a.attrs}
            dead = {s.attrs["class"] for s in nav.find_all("span") if "aria-disabled" in s.attrs}
            expected = {
                "first": FILES[0] if number > 1 else None,
                "prev": FILES[number - 2] if number > 1 else None,
                "next": FILES[number] if number < PAGES else None,
                "last": FILES[-1] if number < PAGES else None,
            }
            assert {k: links.get(k) for k in expected} == expected
            assert dead == {k for k, v in expected.items() if v is None}
            assert text_of(nav.find_all("span", "current")[0]) == f"Page {number} of {PAGES}"
        assert len(tree.find_all("nav", "pager")) == 2


def test_the_list_of_pages_gives_every_page_with_its_span(trees: list[Element]) -> None:
    for number, tree in enumerate(trees, 1):
        (listing,) = tree.find_all("details", "page-list")
        items = listing.find_all("li")
        assert [i.find_all("a")[0].attrs["href"] for i in items] == FILES
        assert [text_of(i) for i in items] == [
            f"Page {n} {c[0].start_date} – {c[-1].start_date} ({len(c)} events)"
            for n, c in enumerate(CHUNKS, 1)
        ]
        current = [i.find_all("a")[0] for i in items if "aria-current" in i.find_all("a")[0].attrs]
        assert [a.attrs["href"] for a in current] == [FILES[number - 1]]


def test_a_long_timeline_lists_a_few_pages_from_which_any_is_near() -> None:
    from mctimeline.page.paging import jump_pages

    # Page 237 of 685: its run of ten, the tens of its hundred, the hundreds, and both ends.
    assert jump_pages(237, 685) == sorted(
        {1, 685, 236, 238, *range(230, 240), *range(200, 300, 10), *range(100, 700, 100)}
    )
    assert jump_pages(5, 9) == list(range(1, 10))  # a short timeline lists every page
    assert jump_pages(1, 1) == [1]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 20_000), st.data())
def test_any_page_is_a_few_links_from_any_other(count: int, data: st.DataObject) -> None:
    from mctimeline.page.paging import jump_pages

    here = data.draw(st.integers(1, count))
    target = data.draw(st.integers(1, count))
    digits = len(str(count))
    seen, frontier = {here}, {here}
    for _ in range(2 * digits):  # each link's list is made as that page's would be
        frontier = {n for f in frontier for n in jump_pages(f, count)} - seen
        seen |= frontier
    assert target in seen
    assert len(jump_pages(here, count)) <= 10 * digits + 5


def test_the_year_links_go_to_the_first_page_holding_the_year(trees: list[Element]) -> None:
    years = first_page_of_year()
    for number, tree in enumerate(trees, 1):
        (nav,) = tree.find_all("nav", "years")
        links = {a.all_text(): a for a in nav.find_all("a")}
        assert list(links) == sorted(years)
        for year, first in years.items():
            assert links[year].attrs["href"] == f"{FILES[first - 1]}#year-{year}"
        here = {e.start_date[:4] for e in CHUNKS[number - 1]}
        assert {y for y, a in links.items() if "here" in a.attrs.get("class", "").split()} == here
    for year, first in years.items():  # the anchor is there, on the page the link names
        sections = [s for s in trees[first - 1].find_all("section", "year") if s.attrs.get("id")]
        assert f"year-{year}" in {s.attrs["id"] for s in sections}


# --- where paging starts, and how it writes ----------------------------------------------------


def test_up_to_a_page_of_events_is_the_one_page_as_before(tmp_path: Path) -> None:
    t = sample_timeline()  # 3 events
    (resource,) = page.write_pages(tmp_path, t, page_size=3)
    assert (resource.name, resource.path) == ("page", "index.html")
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
    assert (tmp_path / "index.html").read_bytes() == page.page_bytes(t)
    assert resource == page.write_page(tmp_path, t)


def test_one_event_past_a_page_makes_a_second_page(tmp_path: Path) -> None:
    t = sample_timeline()
    resources = page.write_pages(tmp_path, t, page_size=2)
    assert [r.path for r in resources] == ["index.html", "index-2.html"]
    last = parse((tmp_path / "index-2.html").read_text("utf-8"))
    assert [a.attrs["id"] for a in last.find_all("article", "event")] == ["ev-forum"]  # the latest


def test_the_module_default_is_a_thousand_events() -> None:
    assert page.PAGE_SIZE == 1000
    pages = page.plan_pages(EXPECTED[:1] * 2001)
    assert [(p.start, p.stop) for p in pages] == [(0, 1000), (1000, 2000), (2000, 2001)]


def test_each_page_is_on_disk_before_the_next_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = page._document
    seen: list[list[str]] = []

    def spy(*args: object, **kwargs: object) -> str:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        return made(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(page, "_document", spy)
    t = dataclasses.replace(timeline(), events=tuple(EXPECTED[:700]))
    page.write_pages(tmp_path, t, page_size=PAGE_SIZE)
    assert seen == [[], ["index.html"], ["index-2.html", "index.html"]]


@settings(max_examples=80, deadline=None)
@given(n=st.integers(0, 60), size=st.integers(1, 20))
def test_the_pages_cut_the_events_into_runs_of_at_most_a_page(n: int, size: int) -> None:
    events = EXPECTED[:n]
    pages = page.plan_pages(events, size)
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert len(pages) == (n + size - 1) // size
    assert [i for p in pages for i in range(p.start, p.stop)] == list(range(n))
    assert all(0 < p.count <= size for p in pages)
    assert all(p.first_date == events[p.start].start_date for p in pages)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 400), size=st.integers(1, 120))
def test_one_pass_over_the_events_links_years_and_lands_as_walking_them(n: int, size: int) -> None:
    # A stored timeline's events are read once (page.Years) for what took a walk each.
    events = EXPECTED[:n]
    years = page.Years.of(events)
    pages = page.plan_pages(events, size, years)
    assert pages == page.plan_pages(events, size)
    first: dict[str, int] = {}
    for i, e in enumerate(events):
        first.setdefault(e.start_date[:4], i)
    linked = page.year_pages(events, pages, years)
    assert {year: p.number for year, p in linked.items()} == {y: i // size + 1 for y, i in first.items()}
    assert linked == page.year_pages(events, pages)
    counts = Counter(e.start_date[:4] for e in events)
    busiest = max(counts, key=lambda y: (counts[y], y)) if counts else ""
    assert (years.busiest, years.counts.get(busiest, 0)) == (busiest, counts[busiest])
    assert page.landing_page(events, size, years) == first.get(busiest, 0) // size + 1


def test_a_page_size_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        page.plan_pages(EXPECTED, 0)


# --- the real browser ------------------------------------------------------------------------


def test_paging_in_headless_chromium(written: tuple[Path, list[FileResource]]) -> None:
    folder, _ = written
    years = first_page_of_year()
    year, target = next((y, n) for y, n in sorted(years.items()) if n >= 4)
    with browser() as b:
        pg, requests, errors = watched_page(b, 1100, 900)
        pg.goto((folder / FILES[0]).as_uri())
        articles = pg.locator("article.event")
        assert articles.count() == PAGE_SIZE
        last_of_first = articles.last.get_attribute("id")
        assert last_of_first == CHUNKS[0][-1].event_id

        pg.locator("nav.pager a.next").first.click()
        pg.wait_for_url(f"**/{FILES[1]}")
        assert articles.first.get_attribute("id") == CHUNKS[1][0].event_id
        assert [e.event_id for e in EXPECTED].index(CHUNKS[1][0].event_id) == PAGE_SIZE

        # The filters work on the page shown: its own events, its own counts.
        pg.select_option("#filter-status", "inferred")
        inferred = sum(e.status == "inferred" for e in CHUNKS[1])
        assert pg.locator("article.event:visible").count() == inferred
        assert pg.inner_text("#shown") == f"Showing {inferred} of {PAGE_SIZE} events"

        pg.locator("nav.pager a.prev").first.click()
        pg.wait_for_url(f"**/{FILES[0]}")
        pg.locator("nav.pager a.last").first.click()
        pg.wait_for_url(f"**/{FILES[-1]}")
        assert articles.count() == len(CHUNKS[-1])
        assert articles.last.get_attribute("id") == EXPECTED[-1].event_id

        pg.locator("details.page-list summary").click()
        pg.locator("details.page-list a", has_text="Page 3").click()
        pg.wait_for_url(f"**/{FILES[2]}")
        assert articles.first.get_attribute("id") == CHUNKS[2][0].event_id

        pg.locator("nav.years a", has_text=year).click()
        pg.wait_for_url(f"**/{FILES[target - 1]}#year-{year}")
        section = pg.locator(f"section#year-{year}")
        assert section.is_visible() and section.get_attribute("data-year") == year
        box = section.locator("h2").bounding_box()
        assert box is not None and 0 <= box["y"] < 900, "the year's heading is scrolled into view"
        pg.context.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests


def test_each_page_is_noted_with_the_sha256_of_its_bytes_as_written(tmp_path: Path) -> None:
    known: dict[str, Any] = {}
    resources = page.write_pages(tmp_path, timeline(), page_size=PAGE_SIZE, known=known)
    assert sorted(known) == sorted(r.path for r in resources)
    for name, (digest, _) in known.items():
        assert ownership.folder_records(tmp_path)[name]["sha256"] == digest
    assert ownership.folder_records(tmp_path, known) == ownership.folder_records(tmp_path)
