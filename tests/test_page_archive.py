"""The page of a news archive: where it opens, the date range, search, outlet and language
filters, and the mentions that made no event, proved in headless Chromium on 2,000 events.

A made-up archive (no pipeline: a seeded generator writes sources, mentions and events,
given to Timeline in shuffled order): a few stray old years (1063, 1800: what misread
dates look like), news spread over 2016-2022, a busy 2023 and a thinner 2024. Paged a
thousand events a page, it has two pages and the busy year starts on the second. Every
expectation is computed here from the made-up records, never read back from the writer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter
from pathlib import Path

import pytest

from _browser import artifact, browser, watched_page
from mctimeline import browse, page
from mctimeline.events import Event, MentionRef
from mctimeline.mentions import Mention
from mctimeline.package import FileResource
from mctimeline.page import Years
from mctimeline.sources import Source
from mctimeline.timeline import PlacedMention, Timeline
from test_page import parse

EVENTS = 2_000
UNPLACED = 37
OUTLETS = ("IRNA", "TASS", "Al Mayadeen", "")  # "" for a source that names no outlet
LANGS = ("fa", "ar", "en")
# Titles as the sources write them; «کازان» (Persian kaf) is what search for «كازان» must find.
TITLES = {
    "fa": ("دیدار وزیران خارجه در کازان", "نشست امنیتی در تهران برگزار شد", "امضای سند همکاری در مسکو"),
    "ar": ("لقاء وزيري الخارجية في موسكو", "انعقاد الاجتماع الأمني في طهران", "توقيع مذكرة تفاهم في مينسك"),
    "en": ("Foreign ministers meet in Kazan", "Security talks held in Tehran", "Trade deal signed in Moscow"),
}
# The words of a mention: only quotes hold «خرداد» and «Dhu al-Hijjah», so finding them is quote search.
QUOTES = {"fa": ("۷ خرداد", "۱۲ مهر"), "ar": ("5 ذو الحجة", "12 رجب"), "en": ("7 May", "12 October")}


def made_up_sources() -> list[Source]:
    return [
        Source(
            source_id=f"src-{i:02d}",
            path=f"archive/src-{i:02d}.txt",
            language=LANGS[i % 3],
            sha256="0" * 64,
            characters=1000,
            headline=f"Report {i}",
            outlet=OUTLETS[i % 4],
            agencies=(),
            published="2023-06-01",
            published_basis="metadata",
        )
        for i in range(24)
    ]


def _start(rng: random.Random, i: int) -> dt.date:
    if i < 6:
        return dt.date((1063, 1800)[i % 2], 1, 1)  # stray old years
    if i < 1206:
        return dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))
    if i < 1906:
        return dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(365))
    return dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))


def made_up_archive(seed: int = 16) -> tuple[list[Source], list[PlacedMention], list[Event]]:
    rng = random.Random(seed)
    sources = made_up_sources()
    mentions: list[PlacedMention] = []
    events: list[Event] = []
    for i in range(EVENTS):
        start = _start(rng, i)
        end = start + dt.timedelta(days=rng.choice((0, 0, 0, 2)))
        cited = rng.sample(sources, rng.choice((1, 1, 2)))
        refs = []
        for k, s in enumerate(cited):
            words = QUOTES[s.language][rng.randrange(2)]
            first, last = start.isoformat(), end.isoformat()
            m = Mention(10 * i, 10 * i + len(words), words, "gregorian", first, last, "day")
            mid = f"{s.source_id}:{m.start}-{m.end}"
            mentions.append(PlacedMention(mid, s.source_id, m, f"ev-{i:04d}"))
            refs.append(MentionRef(mid, s.source_id, k))
        lang = cited[0].language
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
                status="confirmed",
                title=TITLES[lang][rng.randrange(3)],
                title_en="",
                series_id="",
                edition=None,
                location="",
                source_count=len(cited),
                language=lang,
                mentions=tuple(refs),
            )
        )
    for j in range(UNPLACED):
        s = sources[j % len(sources)]
        m = Mention(900_000 + j, 900_005 + j, "امسال", "relative", "", "", "year", "suspect", "no year read")
        mentions.append(PlacedMention(f"{s.source_id}:{m.start}-{m.end}", s.source_id, m, ""))
    rng.shuffle(events)
    rng.shuffle(mentions)
    return sources, mentions, events


SOURCES, MENTIONS, MADE_UP = made_up_archive()
BY_DATE = sorted(MADE_UP, key=lambda e: (e.start_date, e.end_date, e.event_id))
OUTLET_OF = {s.source_id: s.outlet or browse.NO_OUTLET for s in SOURCES}
LANG_OF = {s.source_id: s.language for s in SOURCES}
QUOTES_OF = {e.event_id: [m.mention.text for m in MENTIONS if m.event_id == e.event_id] for e in MADE_UP}
YEARS = Counter(e.start_date[:4] for e in MADE_UP)
BUSIEST = max(YEARS, key=lambda y: (YEARS[y], y))
FIRST_OF_BUSIEST = next(i for i, e in enumerate(BY_DATE) if e.start_date[:4] == BUSIEST)
PAGE_OF_BUSIEST = FIRST_OF_BUSIEST // page.PAGE_SIZE + 1
ON_LANDING = BY_DATE[(PAGE_OF_BUSIEST - 1) * page.PAGE_SIZE : PAGE_OF_BUSIEST * page.PAGE_SIZE]


def timeline() -> Timeline:
    return Timeline(sources=tuple(SOURCES), mentions=tuple(MENTIONS), events=tuple(MADE_UP))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[FileResource]]:
    folder = tmp_path_factory.mktemp("archive")
    return folder, page.write_pages(folder, timeline())


def test_the_made_up_archive() -> None:
    assert len(MADE_UP) == EVENTS and BUSIEST == "2023" and YEARS["1063"] == 3
    assert PAGE_OF_BUSIEST == 2, "the busy year starts on the second of two pages"


@pytest.mark.parametrize(
    ("starts", "year"),
    [
        ((), ""),
        (("2023-01-02", "1063-01-01", "2023-05-05"), "2023"),
        (("2019-01-02", "2024-01-01"), "2024"),  # equal counts: the latest
        (("1800-01-01", "1800-02-01", "2025-03-01"), "1800"),  # the most, however old
    ],
)
def test_the_busiest_year(starts: tuple[str, ...], year: str) -> None:
    events = [dataclasses.replace(BY_DATE[0], start_date=s, end_date=s) for s in starts]
    assert Years.of(events).busiest == year


def test_index_html_is_the_page_holding_the_busiest_year(written: tuple[Path, list[FileResource]]) -> None:
    folder, resources = written
    assert [r.path for r in resources] == ["index-1.html", "index.html"]
    assert sorted(p.name for p in folder.iterdir()) == ["index-1.html", "index.html"]
    tree = parse((folder / "index.html").read_text("utf-8"))
    assert [a.attrs["id"] for a in tree.find_all("article", "event")] == [e.event_id for e in ON_LANDING]
    (main,) = tree.find_all("main")
    assert main.attrs["data-open-year"] == BUSIEST
    other = parse((folder / "index-1.html").read_text("utf-8"))
    assert "data-open-year" not in other.find_all("main")[0].attrs


def test_the_mentions_that_made_no_event_are_listed_once(written: tuple[Path, list[FileResource]]) -> None:
    folder, _ = written
    landing = (folder / "index.html").read_text("utf-8")
    assert landing.count('class="unplaced-mention"') == UNPLACED
    other = (folder / "index-1.html").read_text("utf-8")
    assert 'class="unplaced-mention"' not in other
    assert f'<a href="index.html#unplaced">{UNPLACED} mentions</a> made no event' in other


def test_the_pages_are_deterministic(tmp_path: Path) -> None:
    reordered = Timeline(
        sources=tuple(SOURCES[::-1]), mentions=tuple(MENTIONS[::-1]), events=tuple(MADE_UP[::-1])
    )
    for name, t in (("a", timeline()), ("b", reordered)):
        (tmp_path / name).mkdir()
        page.write_pages(tmp_path / name, t)
    for name in ("index.html", "index-1.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


# --- the real browser ------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Search's folding as the README states it: Arabic letter forms read as Persian, lower case."""
    return text.translate(str.maketrans({"ك": "ک", "ي": "ی", "ى": "ی"})).lower()


def overlaps(e: Event, first: str, last: str) -> bool:
    return e.end_date >= first and e.start_date <= last


def shown_ids(pg: object) -> list[str]:
    return [a.get_attribute("id") for a in pg.locator("article.event:visible").all()]  # type: ignore[attr-defined]


def test_the_archive_in_headless_chromium(written: tuple[Path, list[FileResource]]) -> None:
    folder, _ = written
    width, height = 1100, 900
    with browser() as b:
        pg, requests, errors = watched_page(b, width, height)
        pg.goto((folder / "index.html").as_uri())
        pg.wait_for_load_state("load")
        everything = f"Showing {len(ON_LANDING)} of {len(ON_LANDING)} events"
        assert pg.inner_text("#shown") == everything

        # It opens on the busiest year: its heading below the filter bar, inside the window.
        heading = pg.locator(f'section.year[data-year="{BUSIEST}"] h2').bounding_box()
        form = pg.locator("#filters").bounding_box()
        assert heading is not None and form is not None
        assert form["y"] + form["height"] <= heading["y"] < height
        first = pg.locator(f"#{ON_LANDING[FIRST_OF_BUSIEST % page.PAGE_SIZE].event_id}").bounding_box()
        assert first is not None and 0 <= first["y"] < height, "the busy year's first event is in view"
        assert "Opens on 2023, the year with the most events" in pg.inner_text("p.opening")

        # A date range: events overlapping March 2023.
        pg.fill("#filter-from", "2023-03-01")
        pg.fill("#filter-to", "2023-03-31")
        march = [e.event_id for e in ON_LANDING if overlaps(e, "2023-03-01", "2023-03-31")]
        assert 0 < len(march) < len(ON_LANDING)
        assert shown_ids(pg) == march
        assert pg.inner_text("#shown") == f"Showing {len(march)} of {len(ON_LANDING)} events"
        pg.click("#filter-reset")
        pg.wait_for_function(f"document.getElementById('shown').textContent === {everything!r}")

        # Search in titles, written with the Arabic kaf: finds the Persian «کازان» titles.
        pg.fill("#filter-text", "كازان")
        kazan = [e.event_id for e in ON_LANDING if "کازان" in e.title]
        assert kazan and shown_ids(pg) == kazan
        # Search in quotes only: «خرداد» is in no title.
        pg.fill("#filter-text", "خرداد")
        khordad = [e.event_id for e in ON_LANDING if any("خرداد" in q for q in QUOTES_OF[e.event_id])]
        assert khordad and shown_ids(pg) == khordad
        pg.fill("#filter-text", "KAZAN")
        assert shown_ids(pg) == [e.event_id for e in ON_LANDING if "kazan" in _fold(e.title)]
        pg.fill("#filter-text", "")

        # The outlet and language filters: an event matches when any of its sources does.
        pg.select_option("#filter-outlet", label=f"TASS ({_count_outlet('TASS')})")
        tass = [e.event_id for e in ON_LANDING if "TASS" in {OUTLET_OF[r.source_id] for r in e.mentions}]
        assert tass and shown_ids(pg) == tass
        pg.select_option("#filter-outlet", "")
        pg.select_option("#filter-language", "ar")
        arabic = [e.event_id for e in ON_LANDING if "ar" in {LANG_OF[r.source_id] for r in e.mentions}]
        assert arabic and shown_ids(pg) == arabic
        # Filters combine: Arabic sources, March 2023.
        pg.fill("#filter-from", "2023-03-01")
        pg.fill("#filter-to", "2023-03-31")
        assert shown_ids(pg) == [i for i in arabic if i in march]
        pg.click("#filter-reset")
        pg.wait_for_function(f"document.getElementById('shown').textContent === {everything!r}")

        # The mentions that made no event: counted, and listed on asking.
        summary = pg.locator("details.unplaced summary")
        assert summary.inner_text() == f"{UNPLACED} mentions made no event"
        assert pg.locator("li.unplaced-mention:visible").count() == 0
        summary.click()
        assert pg.locator("li.unplaced-mention:visible").count() == UNPLACED
        pg.screenshot(path=str(artifact("archive.png")))

        # The other page: its own events, a link back to where the list is.
        pg.goto((folder / "index-1.html").as_uri())
        pg.wait_for_load_state("load")
        assert pg.locator("article.event").count() == page.PAGE_SIZE
        assert pg.locator("article.event").first.get_attribute("id") == BY_DATE[0].event_id
        pg.locator("p.unplaced-count a").click()
        pg.wait_for_url("**/index.html#unplaced")
        pg.context.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests


def _count_outlet(outlet: str) -> int:
    return sum(1 for e in ON_LANDING if outlet in {OUTLET_OF[r.source_id] for r in e.mentions})
