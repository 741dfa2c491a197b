"""The timeline page: structure read back with html.parser, then the real page in headless Chromium."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _browser import artifact, browser, watched_page
from _builder_samples import HOSTILE, sample_timeline
from mctimeline import page
from mctimeline.browse import NO_OUTLET
from mctimeline.timeline import Timeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# Everything that could end the data script, open an element or split a JS string.
ATTACK = '</script><script>alert(1)</script><img src=x onerror="alert(2)">\u2028&amp;<!--'
EXTERNAL = re.compile(r"^\s*(https?:|//|data:|javascript:)", re.IGNORECASE)


@dataclasses.dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = dataclasses.field(default_factory=list)

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and (
                cls is None or cls in child.attrs.get("class", "").split()
            ):
                found.append(child)
            found += child.find_all(tag, cls)
        return found

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)


VOID = {"meta", "link", "br", "img", "input", "hr", "source", "area", "base", "col", "embed", "wbr"}


class Tree(HTMLParser):
    """A minimal DOM: every element with its attributes and direct text (text order kept per node)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        # Text goes into a text child so that all_text() keeps document order.
        self.stack[-1].children.append(Element("#text", {}, data))


def parse(text: str) -> Element:
    tree = Tree()
    tree.feed(text)
    tree.close()
    return tree.root


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / f"{name}.csv").read_text("utf-8"), newline="")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mctimeline.builder import build

    out = tmp_path_factory.mktemp("page") / "datapackage"
    build(SEEDS, out)
    return out


def hostile_timeline() -> Timeline:
    t = sample_timeline(hostile=True)
    events = tuple(
        dataclasses.replace(e, title=ATTACK, title_en=ATTACK, location=ATTACK)
        if e.event_id == "ev-forum"
        else e
        for e in t.events
    )
    return dataclasses.replace(t, events=events)


# --- structure -------------------------------------------------------------------------------


def test_one_event_element_per_events_row_in_order(built: Path) -> None:
    root = parse((built / "index.html").read_text("utf-8"))
    articles = root.find_all("article", "event")
    events = rows(built, "events")
    assert [a.attrs["id"] for a in articles] == [e["event_id"] for e in events]
    for a, e in zip(articles, events, strict=True):
        assert (a.attrs["data-start"], a.attrs["data-end"]) == (e["start_date"], e["end_date"])
        assert a.attrs["data-precision"] == e["precision"]
        assert a.attrs["data-status"] == e["status"]
        assert a.attrs["data-series"] == (e["series_id"] or page.NO_SERIES)


def test_the_seeds_fit_on_one_page(built: Path) -> None:
    assert len(rows(built, "events")) <= page.PAGE_SIZE
    assert sorted(p.name for p in built.glob("index*.html")) == ["index.html"]
    desc = json.loads((built / "datapackage.json").read_text("utf-8"))
    assert [r["name"] for r in desc["resources"] if r.get("format") == "html"] == ["page"]
    root = parse((built / "index.html").read_text("utf-8"))
    assert not root.find_all("nav"), "one page has no page or year navigation"


def dates_of(article: Element) -> dict[str, Element]:
    """An event card's <dd> per calendar, by the <dt> naming it."""
    (dl,) = article.find_all("dl", "dates")
    pairs = [c for c in dl.children if c.tag in ("dt", "dd")]
    assert [c.tag for c in pairs] == ["dt", "dd"] * 3
    return {dt.all_text(): dd for dt, dd in zip(pairs[::2], pairs[1::2], strict=True)}


def test_each_event_shows_its_three_calendars_from_events_csv(built: Path) -> None:
    root = parse((built / "index.html").read_text("utf-8"))
    by_id = {e["event_id"]: e for e in rows(built, "events")}
    for a in root.find_all("article", "event"):
        e = by_id[a.attrs["id"]]
        boxes = dates_of(a)
        assert list(boxes) == ["Gregorian", "Jalali", "Hijri"]
        for (name, box), first, last in zip(
            boxes.items(),
            (e["start_date"], e["jalali_start"], e["hijri_start"]),
            (e["end_date"], e["jalali_end"], e["hijri_end"]),
            strict=True,
        ):
            if not first:
                assert "missing" in box.attrs["class"] and box.all_text() == "outside the Umm al-Qura table"
                continue
            (iso,) = box.find_all("code")
            assert iso.all_text() == (first if first == last else f"{first} – {last}")
            (native,) = box.find_all("bdi")
            lang = {"Gregorian": "en", "Jalali": "fa", "Hijri": "ar"}[name]
            # The Gregorian date is in the page's own language (the bdi's default direction, auto).
            assert native.attrs.get("lang", "en") == lang
            assert native.attrs.get("dir", "auto") == ("auto" if lang == "en" else "rtl")
            english = box.find_all("span")
            assert len(english) == (lang != "en") and all("lang" not in s.attrs for s in english)


def test_titles_are_marked_with_language_and_direction(built: Path) -> None:
    root = parse((built / "index.html").read_text("utf-8"))
    events = {e["event_id"]: e for e in rows(built, "events")}
    for a in root.find_all("article", "event"):
        (h3,) = a.find_all("h3")
        assert h3.attrs["lang"] in {"fa", "ar", "en"}
        # The heading is its own bidi paragraph: dir rtl, or auto (as a bdi) for the others.
        assert h3.attrs["dir"] == ("rtl" if h3.attrs["lang"] in {"fa", "ar"} else "auto")
        assert " ".join(h3.all_text().split()) == " ".join(events[a.attrs["id"]]["title"].split())
        title_en = events[a.attrs["id"]]["title_en"]
        assert [p.all_text() for p in a.find_all("p", "title-en")] == ([title_en] if title_en else [])
        assert all(p.find_all("bdi") for p in a.find_all("p", "title-en")), "isolated in its line"


def test_each_card_says_status_precision_place_and_edtf(built: Path) -> None:
    root = parse((built / "index.html").read_text("utf-8"))
    events = {e["event_id"]: e for e in rows(built, "events")}
    names = {s["series_id"]: s["name_en"] for s in rows(built, "series")}
    for a in root.find_all("article", "event"):
        e = events[a.attrs["id"]]
        (badges,) = a.find_all("p", "badges")
        words = [s.all_text() for s in badges.find_all("span")]
        edition = f" · edition {e['edition']}" if e["edition"] else ""
        series = [names[e["series_id"]] + edition] if e["series_id"] else []
        place = [e["location"]] if e["location"] else []
        assert words == [e["status"], e["precision"], *series, *place, e["edtf"]]


def test_conflicts_are_shown_on_their_event(built: Path) -> None:
    root = parse((built / "index.html").read_text("utf-8"))
    recs = [r for r in rows(built, "reconciliation") if r["event_id"]]
    assert recs, "the seeds have conflicts"
    shown = {
        (a.attrs["id"], li.attrs["data-reconciliation"])
        for a in root.find_all("article", "event")
        for li in a.find_all("li", "conflict")
    }
    assert shown == {(r["event_id"], r["reconciliation_id"]) for r in recs}


def test_quotes_carry_the_mentions_words_source_and_offsets(built: Path) -> None:
    root = parse((built / "index.html").read_text("utf-8"))
    mentions = {(m["source_id"], m["start"], m["end"]): m for m in rows(built, "mentions") if m["event_id"]}
    languages = {s["source_id"]: s["language"] for s in rows(built, "sources")}
    seen = set()
    cite = re.compile(r"(\S+) · characters ([0-9]+)–([0-9]+) · (\S+) · (\S+)")
    for a in root.find_all("article", "event"):
        (details,) = a.find_all("details")
        for li in details.find_all("ul")[0].children:
            (quote,) = li.find_all("blockquote")
            where, *note = li.find_all("p")
            source, start, end, calendar, status = cite.fullmatch(where.all_text()).groups()  # type: ignore[union-attr]
            m = mentions[(source, start, end)]
            assert (m["event_id"], m["calendar"], m["status"]) == (a.attrs["id"], calendar, status)
            assert quote.all_text() == m["text"]
            assert [n.attrs["class"] for n in note] == (["note"] if m["note"] else [])
            assert quote.attrs["lang"] == languages[source]
            assert quote.attrs["dir"] == ("rtl" if languages[source] in {"fa", "ar"} else "auto")
            seen.add((source, start, end))
    assert seen == set(mentions)


def test_each_source_is_named_once_and_every_quote_links_to_it(built: Path) -> None:
    text = (built / "index.html").read_text("utf-8")
    root = parse(text)
    (cited,) = root.find_all("section", "cited")
    entries = {li.attrs["id"]: li for li in cited.find_all("li")}
    sources = rows(built, "sources")
    assert len(entries) == len(sources)  # every seed is quoted by some event
    for s in sources:
        (entry,) = [li for li in entries.values() if li.find_all("code")[0].all_text() == s["source_id"]]
        assert " ".join(s["headline"].split()) in entry.all_text()
        assert text.count(html.escape(s["headline"], quote=True)) == 1  # not once per quote
    quotes = [d for a in root.find_all("article", "event") for d in a.find_all("details")]
    links = [a.attrs["href"] for d in quotes for a in d.find_all("a")]
    assert links and all(link.startswith("#") and link[1:] in entries for link in links)


def test_no_external_resources(built: Path) -> None:
    text = (built / "index.html").read_text("utf-8")
    root = parse(text)
    for el in root.find_all():
        for attr in ("src", "href", "xlink:href", "action", "poster", "srcset"):
            if attr in el.attrs:
                assert not EXTERNAL.match(el.attrs[attr]), f"<{el.tag} {attr}={el.attrs[attr]!r}>"
    assert not root.find_all("link") and not root.find_all("iframe") and not root.find_all("img")
    assert all("src" not in s.attrs for s in root.find_all("script"))
    assert "@import" not in text and "url(" not in text


def test_embedded_data_names_the_series_and_outlets_the_cards_number(built: Path) -> None:
    root = parse((built / "index.html").read_text("utf-8"))
    (data,) = [s for s in root.find_all("script") if s.attrs.get("type") == "application/json"]
    value = json.loads(data.all_text())
    assert "events" not in value, "each event's data is on its card, said once"
    outlets = {s["source_id"]: s["outlet"] or NO_OUTLET for s in rows(built, "sources")}
    mentions = rows(built, "mentions")
    assert value["outlets"] == sorted({outlets[m["source_id"]] for m in mentions if m["event_id"]})
    for a in root.find_all("article", "event"):
        cited = {outlets[m["source_id"]] for m in mentions if m["event_id"] == a.attrs["id"]}
        named = [value["outlets"][int(n) - 1] for n in a.attrs["data-outlets"].split()]
        assert named == sorted(cited)
    in_events = {e["series_id"] for e in rows(built, "events") if e["series_id"]}
    assert {s["id"] for s in value["series"]} >= in_events


def test_hostile_text_is_escaped_everywhere() -> None:
    t = hostile_timeline()
    text = page.page(t)
    root = parse(text)
    scripts = root.find_all("script")
    assert len(scripts) == 2, "no title may open or close a script"
    assert not root.find_all("img")
    assert "</script><script>alert" not in text and "\u2028" not in text
    json.loads(next(s for s in scripts if s.attrs.get("type") == "application/json").all_text())
    forum = next(a for a in root.find_all("article", "event") if a.attrs["id"] == "ev-forum")
    (h3,) = forum.find_all("h3")
    assert h3.all_text() == page.one_line(ATTACK)
    assert [p.all_text() for p in forum.find_all("p", "title-en")] == [page.one_line(ATTACK)]


def test_a_hostile_outlet_is_escaped_in_its_filter_and_the_data() -> None:
    t = hostile_timeline()
    sources = tuple(dataclasses.replace(s, outlet=ATTACK) for s in t.sources)
    text = page.page(dataclasses.replace(t, sources=sources))
    root = parse(text)
    assert len(root.find_all("script")) == 2 and not root.find_all("img")
    (outlet,) = [s for s in root.find_all("select") if s.attrs["name"] == "outlet"]
    labels = [o.all_text() for o in outlet.find_all("option")]
    assert labels[1].startswith(page.one_line(ATTACK)), labels
    (data,) = [s for s in root.find_all("script") if s.attrs.get("type") == "application/json"]
    assert json.loads(data.all_text())["outlets"] == [page.one_line(ATTACK)]


def test_bidi_overrides_and_controls_from_a_source_never_reach_the_markup() -> None:
    text = page.page(sample_timeline(hostile=True))
    root = parse(text)
    forum = next(a for a in root.find_all("article", "event") if a.attrs["id"] == "ev-forum")
    (h3,) = forum.find_all("h3")
    assert h3.all_text() == page.one_line(HOSTILE)
    markup = text.split('<script type="application/json"')[0]
    assert not {"\u202e", "\u2066", "\u2069", "\x07"} & set(markup)
    assert "\u200c" in h3.all_text(), "ZWNJ is part of Persian spelling and stays"


def test_script_json_round_trips_and_hides_markup() -> None:
    value = {"t": ATTACK + "\u2029>"}
    encoded = page.script_json(value)
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == value


def test_an_event_without_title_shows_its_date_and_series() -> None:
    t = sample_timeline()
    events = [dataclasses.replace(e, title="", title_en="") for e in t.events]
    root = parse(page.page(dataclasses.replace(t, events=tuple(events))))
    titles = {a.attrs["id"]: a.find_all("h3")[0] for a in root.find_all("article", "event")}
    assert (
        titles["ev-minsk"].all_text()
        == "31 October – 1 November 2024 · International Conference on Eurasian Security"
    )
    assert titles["ev-january"].all_text() == "January 2025 · no series"
    assert "fallback" in titles["ev-minsk"].attrs["class"]


def test_the_page_is_deterministic() -> None:
    t = sample_timeline()
    reordered = Timeline(
        sources=t.sources[::-1],
        mentions=t.mentions[::-1],
        events=t.events[::-1],
        reconciliations=t.reconciliations,
        series=t.series,
    )
    assert page.page_bytes(t) == page.page_bytes(reordered)


def test_an_empty_timeline_gives_a_page() -> None:
    root = parse(page.page(Timeline(sources=(), mentions=(), events=())))
    assert root.find_all("article") == []
    assert root.find_all("output")[0].all_text() == "Showing 0 of 0 events"


# --- the real browser ------------------------------------------------------------------------


def test_the_page_in_headless_chromium(built: Path) -> None:
    events = rows(built, "events")
    series_id = max(
        {e["series_id"] for e in events if e["series_id"]},
        key=lambda s: (sum(e["series_id"] == s for e in events), s),
    )
    in_series = sum(e["series_id"] == series_id for e in events)
    years = sum(e["precision"] == "year" for e in events)
    mentions = {m["mention_id"]: m for m in rows(built, "mentions")}
    with browser() as b:
        pg, requests, errors = watched_page(b, 1100, 1400)
        pg.goto((built / "index.html").as_uri())
        visible = pg.locator("article.event:visible")
        assert visible.count() == len(events)
        assert pg.inner_text("#shown") == f"Showing {len(events)} of {len(events)} events"

        pg.select_option("#filter-series", series_id)
        assert visible.count() == in_series < len(events)
        assert {a.get_attribute("data-series") for a in visible.all()} == {series_id}
        assert pg.inner_text("#shown") == f"Showing {in_series} of {len(events)} events"
        assert pg.locator(".overview rect.event:not(.dimmed)").count() == in_series

        pg.select_option("#filter-series", "")
        pg.select_option("#filter-precision", "year")
        assert visible.count() == years
        pg.select_option("#filter-precision", "")
        assert visible.count() == len(events)

        first = pg.locator("article.event").first
        quote = first.locator("details blockquote").first
        assert not quote.is_visible()
        first.locator("details summary").click()
        assert quote.is_visible()
        source, start, end = re.match(  # type: ignore[union-attr]
            r"(\S+) · characters ([0-9]+)–([0-9]+)", first.locator("details li > p").first.inner_text()
        ).groups()
        key = (source, start, end)
        (mention,) = [m for m in mentions.values() if (m["source_id"], m["start"], m["end"]) == key]
        assert quote.inner_text() == mention["text"]

        # Right-to-left titles, dates and quotes are laid out right to left.
        for rtl in (
            pg.locator("article h3[dir=rtl]").first,
            pg.locator(".dates bdi[lang=fa]").first,
            first.locator("blockquote").first,
        ):
            want = "rtl" if rtl.get_attribute("dir") == "rtl" else "ltr"
            assert rtl.evaluate("el => getComputedStyle(el).direction") == want
        # The three calendars side by side, each label above its date.
        boxes = [
            first.locator(f".dates {tag}").nth(i).bounding_box() for tag in ("dt", "dd") for i in range(3)
        ]
        assert all(b is not None for b in boxes)
        assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]  # type: ignore[index]
        assert all(boxes[i]["y"] < boxes[i + 3]["y"] for i in range(3))  # type: ignore[index]
        assert abs(boxes[0]["x"] - boxes[3]["x"]) < 1  # type: ignore[index]
        # A mark of the overview is coloured by its status and gets its card's words as a tooltip.
        mark = pg.locator(".overview rect.event").first
        card = pg.locator(f'[id="{mark.get_attribute("data-event")}"]')
        colour = {
            "confirmed": "rgb(43, 108, 176)",
            "inferred": "rgb(183, 121, 31)",
            "conflict": "rgb(197, 48, 48)",
        }
        assert mark.evaluate("el => getComputedStyle(el).fill") == colour[card.get_attribute("data-status")]
        mark.dispatch_event("mouseenter")
        tip = mark.locator("title").text_content()
        assert tip.startswith(card.locator(".dates code").first.inner_text()), tip
        assert tip.endswith(card.locator("h3").inner_text()), tip

        pg.screenshot(path=str(artifact("timeline.png")), full_page=True)
        pg.context.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests


# --- validation knows the views ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("index.html", '<article class="event', '<article class="gone'),
        ("timeline.svg", '<rect class="event"', '<rect class="gone"'),
        ("timelinejs.csv", "\n", "\n2000,"),  # the first row's Year is no event's
    ],
)
def test_a_view_out_of_step_with_events_csv_is_invalid(
    built: Path, tmp_path: Path, file: str, old: str, new: str
) -> None:
    from mctimeline.validate import validate

    copy = tmp_path / "datapackage"
    shutil.copytree(built, copy)
    text = (copy / file).read_text("utf-8")
    (copy / file).write_text(text.replace(old, new, 1), "utf-8")
    problems = validate(copy)
    assert any(p.startswith(f"{copy / file}:") and "rebuild" in p for p in problems), problems


# --- the browser helper's policy -----------------------------------------------------------------


def test_a_missing_browser_skips_locally_but_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    import _browser

    monkeypatch.setattr(_browser, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setattr(_browser.shutil, "which", lambda _name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run"):
        _browser.chromium_path()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="no chromium"):
        _browser.chromium_path()


# --- invariants -----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(title=st.text(min_size=0, max_size=40), title_en=st.text(max_size=20))
def test_any_title_is_shown_as_text(title: str, title_en: str) -> None:
    t = sample_timeline()
    events = tuple(
        dataclasses.replace(e, title=title, title_en=title_en) if e.event_id == "ev-forum" else e
        for e in t.events
    )
    text = page.page(dataclasses.replace(t, events=events))
    root = parse(text)
    assert len(root.find_all("article", "event")) == 3
    assert len(root.find_all("script")) == 2
    json.loads(next(s for s in root.find_all("script") if s.attrs.get("type")).all_text())
    forum = next(a for a in root.find_all("article", "event") if a.attrs["id"] == "ev-forum")
    (h3,) = forum.find_all("h3")
    shown = page.one_line(title)
    assert h3.all_text() == (shown or h3.all_text())
    if not shown:
        assert "fallback" in h3.attrs["class"]
