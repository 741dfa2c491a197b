"""The SVG plot: well-formed XML, one mark per event in its series' row, placed by date; the plot command."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from _browser import artifact, browser
from _builder_samples import HOSTILE, sample_timeline
from mctimeline import plot
from mctimeline.cli import main
from mctimeline.ownership import signed_bytes
from mctimeline.safetext import one_line

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SVG = "{http://www.w3.org/2000/svg}"


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / f"{name}.csv").read_text("utf-8"), newline="")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mctimeline.builder import build

    out = tmp_path_factory.mktemp("plot") / "datapackage"
    build(SEEDS, out)
    return out


def marks(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == "event"]


def test_the_package_plot_is_xml_with_one_mark_per_event(built: Path) -> None:
    root = ET.fromstring((built / "timeline.svg").read_bytes())
    assert root.tag == f"{SVG}svg"
    events = rows(built, "events")
    assert sorted(m.get("data-event") for m in marks(root)) == sorted(e["event_id"] for e in events)


def test_each_mark_is_in_its_series_row(built: Path) -> None:
    root = ET.fromstring((built / "timeline.svg").read_bytes())
    series_of = {e["event_id"]: e["series_id"] or plot.OTHER for e in rows(built, "events")}
    for row in root.iter(f"{SVG}g"):
        if row.get("class") != "row":
            continue
        for m in marks(row):
            assert series_of[m.get("data-event")] == row.get("data-series")


def test_rows_and_years_are_labelled(built: Path) -> None:
    root = ET.fromstring((built / "timeline.svg").read_bytes())
    labels = [
        " ".join(span.text or "" for span in t)  # one <tspan> per line
        for t in root.iter(f"{SVG}text")
        if t.get("class") == "row-label"
    ]
    series = rows(built, "series")
    events = rows(built, "events")
    expected = [
        f"{s['name_en']} ({sum(e['series_id'] == s['series_id'] for e in events)})"
        for s in sorted(series, key=lambda s: s["series_id"])
    ]
    expected.append(f"{plot.OTHER_NAME} ({sum(not e['series_id'] for e in events)})")
    assert labels == expected
    years = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "year"]
    first = min(int(e["start_date"][:4]) for e in events)
    last = max(int(e["end_date"][:4]) for e in events)
    assert years == [str(y) for y in range(first, last + 1)]


def test_marks_are_placed_by_date(built: Path) -> None:
    root = ET.fromstring((built / "timeline.svg").read_bytes())
    events = {e["event_id"]: e for e in rows(built, "events")}
    placed = sorted(
        (dt.date.fromisoformat(events[m.get("data-event")]["start_date"]), float(m.get("x")))
        for m in marks(root)
    )
    # Later starts are never to the left, and a later year is strictly to the right.
    for (d1, x1), (d2, x2) in itertools.pairwise(placed):
        assert x1 <= x2
        if d2.year > d1.year:
            assert x1 < x2
    for m in marks(root):
        e = events[m.get("data-event")]
        days = (dt.date.fromisoformat(e["end_date"]) - dt.date.fromisoformat(e["start_date"])).days + 1
        if days >= 365:
            assert float(m.get("width")) > 20, "a year is a band, not a dot"


def test_the_plot_of_the_csv_is_the_plot_in_the_package(built: Path) -> None:
    drawn = plot.svg(*plot.read_package(built)).encode("utf-8")
    assert signed_bytes(drawn) == (built / "timeline.svg").read_bytes()


def test_hostile_labels_stay_well_formed_xml() -> None:
    t = sample_timeline(hostile=True)
    root = ET.fromstring(plot.svg_bytes(t))
    tooltips = ["".join(m.itertext()) for m in marks(root)]
    assert any(one_line(HOSTILE) in tip for tip in tooltips)


def test_an_event_without_titles_is_labelled_by_series_and_date() -> None:
    t = sample_timeline()
    events = tuple(dataclasses.replace(e, title="", title_en="") for e in t.events)
    root = ET.fromstring(plot.svg_bytes(dataclasses.replace(t, events=events)))
    tips = {m.get("data-event"): "".join(m.itertext()) for m in marks(root)}
    assert tips["ev-minsk"].endswith("International Conference on Eurasian Security, 2024-10-31 – 2024-11-01")


def test_an_empty_timeline_still_draws_an_axis() -> None:
    root = ET.fromstring(plot.svg([], []))
    assert marks(root) == []


def test_plot_command_writes_the_same_svg(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "plot.svg"
    result = CliRunner().invoke(main, ["plot", str(built), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (built / "timeline.svg").read_bytes()
    assert f"wrote {out}" in result.output


def test_plot_command_refuses_a_folder_that_is_no_package(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["plot", str(tmp_path), "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 1
    assert "events.csv" in result.output and "data package" in result.output
    assert not (tmp_path / "x.svg").exists()


def test_plot_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["plot", "--help"])
    assert result.exit_code == 0
    assert "mctimeline plot datapackage -o timeline.svg" in result.output


def test_the_plot_in_headless_chromium(built: Path) -> None:
    with browser() as b:
        pg = b.new_page(viewport={"width": 1000, "height": 400})
        pg.goto((built / "timeline.svg").as_uri())
        assert pg.locator("rect.event").count() == len(rows(built, "events"))
        box = pg.locator("svg").bounding_box()
        assert box is not None and box["width"] > 500
        # A full-page screenshot of a bare SVG document hangs in some Chromium builds; the
        # viewport holds the whole picture.
        pg.set_viewport_size({"width": int(box["width"]), "height": int(box["height"])})
        pg.screenshot(path=str(artifact("plot.png")))


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("0001-05-05", "9999-05-05"),
        ("9999-12-31", "9999-12-31"),
        ("0001-01-01", "0001-01-01"),
        ("1900-01-01", "2100-12-31"),
    ],
)
def test_any_span_of_years_gives_a_readable_axis(first: str, last: str) -> None:
    events = [
        plot.PlotEvent(
            f"ev-{i}", dt.date.fromisoformat(day), dt.date.fromisoformat(day), "", "day", "confirmed", day
        )
        for i, day in enumerate((first, last))
    ]
    root = ET.fromstring(plot.svg(events, []))
    years = [int(t.text or "") for t in root.iter(f"{SVG}text") if t.get("class") == "year"]
    assert 1 <= len(years) <= plot.layout.MAX_TICKS + 1
    assert years == sorted(years)
    for m in marks(root):
        assert plot.draw.LABEL_WIDTH <= float(m.get("x")) <= plot.draw.WIDTH - plot.draw.RIGHT_MARGIN


_days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@settings(max_examples=80, deadline=None)
@given(
    spans=st.lists(
        st.tuples(_days, _days, st.sampled_from(["", "a", "b", "zz"]), st.text(max_size=15)), max_size=12
    )
)
def test_any_events_give_one_mark_each_in_well_formed_xml(
    spans: list[tuple[dt.date, dt.date, str, str]],
) -> None:
    events = [
        plot.PlotEvent(f"ev-{i}", min(a, b), max(a, b), series, "day", "confirmed", label)
        for i, (a, b, series, label) in enumerate(spans)
    ]
    series = [plot.PlotSeries("a", "Series A"), plot.PlotSeries("b", "Series <B> & co")]
    root = ET.fromstring(plot.svg(events, series))
    assert sorted(m.get("data-event") for m in marks(root)) == sorted(e.event_id for e in events)
    for m in marks(root):
        assert plot.draw.LABEL_WIDTH - 0.01 <= float(m.get("x")) <= plot.draw.WIDTH - plot.draw.RIGHT_MARGIN


# --- a row too full to draw event by event ---------------------------------------------


def _crowded(n: int, first: dt.date, series: str = "") -> list[plot.PlotEvent]:
    """`n` one-day events a day apart from `first`, every seventh in conflict."""
    return [
        plot.PlotEvent(
            f"ev-{series}-{i}",
            first + dt.timedelta(days=i),
            first + dt.timedelta(days=i),
            series,
            "day",
            "conflict" if i % 7 == 0 else "confirmed",
            f"event {i}",
        )
        for i in range(n)
    ]


def counts(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == "count"]


def test_a_row_past_the_limit_is_drawn_as_counts_per_month_the_others_as_marks() -> None:
    many = _crowded(plot.layout.ROW_MAX_MARKS + 1, dt.date(2020, 1, 1))
    few = _crowded(3, dt.date(2021, 6, 1), "a")
    root = ET.fromstring(plot.svg(many + few, [plot.PlotSeries("a", "Series A")]))
    assert sorted(m.get("data-event") for m in marks(root)) == sorted(e.event_id for e in few)
    bars = counts(root)
    # 2,001 consecutive days from 1 January 2020 run to 23 June 2025: 66 months, the last one partial.
    assert len(bars) == 66
    assert sum(int(b.get("data-events")) for b in bars) == len(many)
    assert bars[0].find(f"{SVG}title").text == "2020-01: 31 events begin, 5 in conflict"  # days 0, 7, …, 28
    assert bars[-1].find(f"{SVG}title").text.startswith("2025-06: 23 events begin")
    title = root.find(f"{SVG}text").text
    assert f"({len(many) + len(few)} events)" in title and "drawn as events per month" in title
    # The fullest month fills the row's band; a bar's height is its share of that.
    band = plot.draw.DENSE_LANES * plot.draw.LANE_HEIGHT
    heights = {b.find(f"{SVG}title").text[:7]: float(b.get("height")) for b in bars}
    assert heights["2020-01"] == band  # 31 days: among the fullest
    assert heights["2020-02"] == pytest.approx(band * 29 / 31, abs=0.01)  # 2020 is a leap year


def test_counts_are_per_year_on_an_axis_of_centuries() -> None:
    many = _crowded(plot.layout.ROW_MAX_MARKS + 1, dt.date(1990, 1, 1))
    old = _crowded(1, dt.date(1700, 3, 1))  # the axis now spans three centuries
    root = ET.fromstring(plot.svg(many + old, []))
    labels = [b.find(f"{SVG}title").text.split(":")[0] for b in counts(root)]
    assert labels == ["1700", "1990", "1991", "1992", "1993", "1994", "1995"]
    assert "drawn as events per year" in root.find(f"{SVG}text").text
    assert marks(root) == []


@pytest.mark.parametrize(
    "existing",
    [b"<svg xmlns='http://www.w3.org/2000/svg'><!-- the team's hand-drawn chart --></svg>\n", b""],
    ids=["a user's svg", "an empty file"],
)
def test_plot_command_never_overwrites_a_file_it_did_not_write(
    built: Path, tmp_path: Path, existing: bytes
) -> None:
    out = tmp_path / "timeline.svg"
    out.write_bytes(existing)
    result = CliRunner().invoke(main, ["plot", str(built), "-o", str(out)])
    assert result.exit_code == 1
    assert "mctimeline did not write it" in result.stderr and len(result.stderr.splitlines()) == 1
    assert out.read_bytes() == existing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.svg"]  # no temporary file left


def test_plot_command_overwrites_its_own_svg_but_not_once_it_was_edited(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "plot.svg"
    assert CliRunner().invoke(main, ["plot", str(built), "-o", str(out)]).exit_code == 0
    assert CliRunner().invoke(main, ["plot", str(built), "-o", str(out)]).exit_code == 0
    edited = out.read_bytes().replace(b"</svg>", b"<text>our note</text></svg>")
    out.write_bytes(edited)
    result = CliRunner().invoke(main, ["plot", str(built), "-o", str(out)])
    assert result.exit_code == 1 and out.read_bytes() == edited


def test_plot_command_does_not_write_through_a_link(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("field notes\n", encoding="utf-8")
    (tmp_path / "plot.svg").symlink_to(target)
    result = CliRunner().invoke(main, ["plot", str(built), "-o", str(tmp_path / "plot.svg")])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "field notes\n"
