"""Events from a news archive: one happening reported by outlets in fa, ar and en is one event.

The corpus is tests/_news_samples.py (composed); the build is the CLI's; expected days
come from datetime (the publication day, the day before it), not from our output.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from _news_samples import MEETING_DAY, as_folder
from mctimeline.cli import main


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("news")
    out = root / "out"
    result = CliRunner().invoke(main, ["build", "--seeds", str(as_folder(root)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _event_of(package: Path, source: str, words: str) -> dict[str, str]:
    mentions = [m for m in _rows(package / "mentions.csv") if m["source_id"] == source and m["text"] == words]
    assert len(mentions) == 1, (source, words)
    (event,) = [e for e in _rows(package / "events.csv") if e["event_id"] == mentions[0]["event_id"]]
    return event


def test_the_meeting_reported_in_three_languages_is_one_event(package: Path) -> None:
    fa = _event_of(package, "irna_fa", "امروز")  # published that day
    ar = _event_of(package, "aljazeera_ar", "أمس")  # published the day after
    en = _event_of(package, "wire_en", "August 8, 2025")
    assert fa == ar == en
    assert dt.date(2025, 8, 9) - dt.timedelta(days=1) == MEETING_DAY
    assert (fa["start_date"], fa["end_date"], fa["precision"]) == (MEETING_DAY.isoformat(),) * 2 + ("day",)
    # The article printed by two agencies is the same event, with both as sources.
    assert _event_of(package, "mehr_fa", "امروز") == fa
    assert fa["source_count"] == "4"
    assert fa["location"] == "Moscow"


def test_other_talks_of_the_same_day_with_other_actors_stay_apart(package: Path) -> None:
    beijing = _event_of(package, "wire2_en", "August 8, 2025")
    moscow = _event_of(package, "wire_en", "August 8, 2025")
    assert beijing["event_id"] != moscow["event_id"] and beijing["source_count"] == "1"


@pytest.mark.parametrize(
    ("source", "words", "why"),
    [
        ("irna_fa", "سال ۲۰۱۵", "year of a number"),
        ("mehr_fa", "سال ۲۰۱۵", "year of a number"),
        ("aljazeera_ar", "عام 2006", "in passing|role since"),  # «منذ»: since, once the tagger says so
        ("wire_en", "1950", "birth year"),
    ],
)
def test_years_that_date_no_happening_stay_mentions(package: Path, source: str, words: str, why: str) -> None:
    mentions = _rows(package / "mentions.csv")
    (mention,) = [m for m in mentions if m["source_id"] == source and m["text"] == words]
    assert mention["event_id"] == ""
    (row,) = [r for r in _rows(package / "reconciliation.csv") if r["mention_id"] == mention["mention_id"]]
    assert row["kind"] == "not-a-happening"
    assert any(cause in row["diagnosis"] for cause in why.split("|"))


def test_titles_report_the_happening_never_the_dateline(package: Path) -> None:
    meeting = _event_of(package, "aljazeera_ar", "أمس")
    title = meeting["title"]
    assert 0 < len(title) <= 240 and title == title.strip()
    for dateline_word in ("صفر 1447", "الموافق", "الجزيرة", "ایرنا", "(Wire)", "MOSCOW"):
        assert dateline_word not in title
    # Its English title: the kind, both ministers as the gazetteer names them, the city.
    assert meeting["title_en"] == "Talks: Sergey Lavrov, Abbas Araghchi — Moscow" or meeting[
        "title_en"
    ] == "Talks: Abbas Araghchi, Sergey Lavrov — Moscow"
    other = _event_of(package, "wire2_en", "August 8, 2025")
    assert other["title_en"] == "Talks: Sergey Lavrov, Wang Yi"
    assert other["title"].startswith("Russian Foreign Minister Sergey Lavrov held talks")


@pytest.mark.parametrize("words", ["15 صفر 1447", "9 أغسطس 2025"])
def test_a_datelines_date_dates_the_report_not_a_happening(package: Path, words: str) -> None:
    (mention,) = [
        m for m in _rows(package / "mentions.csv") if m["source_id"] == "aljazeera_ar" and m["text"] == words
    ]
    assert mention["event_id"] == ""
    (row,) = [r for r in _rows(package / "reconciliation.csv") if r["mention_id"] == mention["mention_id"]]
    assert row["kind"] == "not-a-happening" and "dateline" in row["diagnosis"]
