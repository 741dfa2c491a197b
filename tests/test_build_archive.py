"""Building from a real archive's shapes: a folder with metadata.csv, corpus.jsonl, corpus.csv.

The three texts are agency reports as archives hold them: their day of publication is
in the metadata, not in the text, and what they report is dated from it («أمس»,
«امروز», "yesterday", a day without its year). Expected days come from datetime.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from _archive_samples import META, TEXTS, as_csv, as_folder, as_jsonl
from mctimeline.cli import main
from mctimeline.package import read_csv

PUBLISHED_AR = dt.date(2015, 8, 11)


def _build(seeds: Path, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _without_sources_record(descriptor: bytes) -> dict[str, object]:
    """The descriptor but for the size and SHA-256 of sources.csv (whose paths differ) in its manifest."""
    desc = json.loads(descriptor)
    for value in desc.values():
        if isinstance(value, dict) and isinstance(value.get("files"), dict):
            value["files"].pop("sources.csv", None)
    return desc


def _without_path(sources_csv: bytes) -> list[dict[str, str]]:
    return [{k: v for k, v in row.items() if k != "path"} for row in read_csv(sources_csv)]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("archive")
    return {
        "folder": _build(as_folder(root), root / "from-folder"),
        "jsonl": _build(as_jsonl(root), root / "from-jsonl"),
        "csv": _build(as_csv(root), root / "from-csv"),
    }


def test_folder_jsonl_and_csv_give_the_same_package_but_for_the_inputs_paths(
    packages: dict[str, Path],
) -> None:
    folder = _files(packages["folder"])
    for kind in ("jsonl", "csv"):
        other = _files(packages[kind])
        assert other.keys() == folder.keys()
        for name in folder:
            if name == "sources.csv":
                assert _without_path(other[name]) == _without_path(folder[name])
            elif name == "datapackage.json":
                assert _without_sources_record(other[name]) == _without_sources_record(folder[name])
            else:
                assert other[name] == folder[name], f"{kind}: {name} differs"
    paths = {kind: [r["path"] for r in read_csv(_files(p)["sources.csv"])] for kind, p in packages.items()}
    assert paths["folder"] == [f"news/{n}.txt" for n in sorted(TEXTS)]
    assert paths["jsonl"] == [f"corpus.jsonl#{n}" for n in sorted(TEXTS)]


def test_yesterday_in_a_text_published_2015_08_11_is_2015_08_10(packages: dict[str, Path]) -> None:
    pkg = packages["folder"]
    mentions = read_csv((pkg / "mentions.csv").read_bytes())
    (yesterday,) = [m for m in mentions if m["source_id"] == "ar_lavrov" and m["text"] == "أمس"]
    expected = (PUBLISHED_AR - dt.timedelta(days=1)).isoformat()
    assert (yesterday["start_date"], yesterday["end_date"]) == (expected, expected)
    assert yesterday["status"] == "inferred"
    assert "given in the metadata" in yesterday["note"]
    text = TEXTS["ar_lavrov"]
    assert text[int(yesterday["start"]) : int(yesterday["end"])] == "أمس"
    events = {e["event_id"]: e for e in read_csv((pkg / "events.csv").read_bytes())}
    assert events[yesterday["event_id"]]["start_date"] == expected


def test_the_other_reports_are_dated_from_their_own_days(packages: dict[str, Path]) -> None:
    rows = read_csv((packages["csv"] / "mentions.csv").read_bytes())
    mentions = {(m["source_id"], m["text"]): m for m in rows}
    assert mentions[("fa_bishkek", "امروز")]["start_date"] == "2019-06-13"
    en_day = dt.date(2015, 8, 20)
    assert mentions[("en_geneva", "yesterday")]["start_date"] == (en_day - dt.timedelta(days=1)).isoformat()
    # July 14 without a year, in a report of 20 August 2015: the July before it
    assert mentions[("en_geneva", "July 14")]["start_date"] == dt.date(en_day.year, 7, 14).isoformat()


def test_sources_say_where_each_text_came_from(packages: dict[str, Path]) -> None:
    rows = {r["source_id"]: r for r in read_csv((packages["jsonl"] / "sources.csv").read_bytes())}
    ar, fa, en = rows["ar_lavrov"], rows["fa_bishkek"], rows["en_geneva"]
    assert (ar["published"], ar["published_basis"], ar["url"], ar["outlet"], ar["title"]) == (
        "2015-08-11",  # the local day written, whatever the offset
        "metadata",
        META["ar_lavrov"]["url"],
        "Reuters Arabic",
        "لافروف والجبير في موسكو",
    )
    assert ar["headline"] == "لافروف يلتقي الجبير في موسكو"
    # no title given: the headline; no language given: detected (Persian, though typed with ي/ك)
    assert (fa["title"], fa["language"]) == ("سفر رئيس جمهور به بيشكك", "fa")
    assert en["url"] == "javascript:alert(1)"  # kept as given in the table; never made a link


def test_the_package_validates(packages: dict[str, Path]) -> None:
    for pkg in packages.values():
        result = CliRunner().invoke(main, ["validate", str(pkg)])
        assert result.exit_code == 0, result.output


# --- bad input: exit 2, one line naming the file and line, nothing written ----------------------


def _refused(seeds: Path, out: Path) -> str:
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert not out.exists()  # nothing written
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")]  # nor left over
    assert result.stdout == "" and result.stderr.count("\n") == 1
    return result.stderr


def test_a_metadata_row_for_a_missing_file_stops_the_build(tmp_path: Path) -> None:
    folder = as_folder(tmp_path)
    with (folder / "metadata.csv").open("a", encoding="utf-8") as f:
        f.write("gone.txt,2015-08-12,,,,\n")
    message = _refused(folder, tmp_path / "out")
    assert f"{folder / 'metadata.csv'}, line 5: file 'gone.txt' is not a *.txt text" in message


def test_a_jsonl_line_without_text_stops_the_build_late_in_the_file(tmp_path: Path) -> None:
    path = as_jsonl(tmp_path)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "late", "title": "no text"}) + "\n")
    message = _refused(path, tmp_path / "out")
    assert f"{path}, line 4: no text" in message


def test_a_csv_corpus_with_a_duplicate_id_stops_the_build(tmp_path: Path) -> None:
    path = as_csv(tmp_path)
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(["ar_lavrov", "نص آخر", "", "", "", "", ""])
    message = _refused(path, tmp_path / "out")
    assert "line " in message and "id 'ar_lavrov' is taken already" in message


def test_a_file_that_is_neither_a_folder_nor_a_corpus_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("just a text", encoding="utf-8")
    assert "neither a folder of seed texts nor a corpus file" in _refused(notes, tmp_path / "out")


def test_build_help_shows_the_formats_with_an_example() -> None:
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "metadata.csv" in result.output and "corpus.jsonl" in result.output
    assert '{"id":' in result.output


# --- where each text came from, in the feeds and on the page ------------------------------------


def test_feed_events_carry_the_first_source_s_url_and_list_every_source(
    packages: dict[str, Path],
) -> None:
    import icalendar

    feed = icalendar.Calendar.from_ical((packages["jsonl"] / "all.ics").read_bytes())
    by_uid = {str(ve["UID"]): ve for ve in feed.walk("VEVENT")}
    mentions = read_csv((packages["jsonl"] / "mentions.csv").read_bytes())
    urls = {}
    for m in mentions:
        ve = next(v for uid, v in by_uid.items() if uid.startswith(m["event_id"]))
        urls[m["source_id"]] = (str(ve.get("URL", "")), str(ve["DESCRIPTION"]))
    lavrov_url, lavrov_description = urls["ar_lavrov"]
    assert lavrov_url == META["ar_lavrov"]["url"]
    assert f"ar_lavrov <{META['ar_lavrov']['url']}>" in lavrov_description
    geneva_url, geneva_description = urls["en_geneva"]
    assert geneva_url == ""  # javascript: is never a URL property
    assert "javascript:alert(1)" in geneva_description  # but the description says what was given


def test_the_page_links_http_sources_only(packages: dict[str, Path]) -> None:
    page = (packages["csv"] / "index.html").read_text(encoding="utf-8")
    assert f'href="{META["ar_lavrov"]["url"]}"' in page
    assert f'href="{META["fa_bishkek"]["url"]}"' in page
    assert 'href="javascript' not in page.lower()
    assert '<span class="url" dir="ltr">javascript:alert(1)</span>' in page
