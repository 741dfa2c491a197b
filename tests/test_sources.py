"""Sources: identity, exact-byte digest, language, headline, outlet and agencies, publication date."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _seed_mentions import corpus, seed
from mctimeline.mentions import Mention
from mctimeline.seeds import Meta
from mctimeline.sources import (
    HEADLINE_CHARS,
    headline,
    outlets_in,
    publication_date,
    read_source,
    source_from_bytes,
    source_from_text,
)

ROOT = Path(__file__).resolve().parents[1]

# (seed, language, outlet, agencies) — read from the texts: «به گزارش آران نیوز به نقل از تسنیم»,
# «به نوشته اسپوتنیک», «بيان نقلته وكالة "تاس"», «المصدر: تاس»; seed 004 only talks about
# «راشاتودی، اسپوتنیک و تاس» without citing them.
SEED_FACTS = [
    ("000", "fa", "Aran News", ("Tasnim", "Sputnik")),
    ("001", "fa", "Aran News", ("Sputnik",)),
    ("002", "ar", "", ("TASS",)),
    ("003", "ar", "", ("TASS",)),
    ("004", "fa", "", ()),
]


@pytest.mark.parametrize(("name", "language", "outlet", "agencies"), SEED_FACTS)
def test_seed_sources(name: str, language: str, outlet: str, agencies: tuple[str, ...]) -> None:
    path, data, text = seed(name)
    source = source_from_bytes(path, data, text)
    assert source.source_id == Path(path).stem
    assert source.path == path
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.characters == len(text)
    assert source.language == language
    assert source.outlet == outlet
    assert source.agencies == agencies


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000", "دعوت روسیه از آمریکا و کشورهای اروپایی برای حضور در مسکو"),
        ("001", "نکات مهم یازدهمین کنفرانس امنیت بین المللی در مسکو"),  # «## » removed
        ("002", "الدفاع الروسية: انطلاق أعمال مؤتمر موسكو التاسع للأمن الدولى"),
    ],
)
def test_headline(name: str, expected: str) -> None:
    _, _, text = seed(name)
    assert headline(text) == expected


def test_read_source_records_the_path_relative_to_root() -> None:
    path = next((ROOT / "seeds").glob("000_*.txt"))
    source = read_source(path, ROOT)
    assert source.path == f"seeds/{path.name}"
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_read_source_outside_root_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("متن", encoding="utf-8")
    with pytest.raises(ValueError, match="not under"):
        read_source(path, ROOT)


def test_text_and_bytes_agree_and_crlf_is_kept() -> None:
    data = "## عنوان\r\nبه گزارش ایرنا، متن.\r\n".encode()
    a = source_from_bytes("seeds/x.txt", data)
    b = source_from_text("seeds/x.txt", data.decode("utf-8"))
    assert a == b
    assert a.sha256 == hashlib.sha256(data).hexdigest()
    assert a.characters == len(data.decode("utf-8"))  # \r counted: offsets are into the file as it is
    assert a.headline == "عنوان" and a.outlet == "IRNA"


@pytest.mark.parametrize(
    ("text", "outlet", "agencies"),
    [
        ("به گزارش خبرگزاری فارس، وزیر گفت", "Fars", ()),
        ("فارس بزرگترین استان است", "", ()),  # an ordinary word, no cue: not an outlet
        ("ذكرت وكالة سبوتنيك أن الوزير", "", ("Sputnik",)),
        ("according to Reuters, the talks", "", ("Reuters",)),
        ("رسانه‌های روسی مانند راشاتودی و تاس", "", ()),
    ],
)
def test_outlets_in(text: str, outlet: str, agencies: tuple[str, ...]) -> None:
    assert outlets_in(text) == (outlet, agencies)


def test_publication_date_from_a_dated_today() -> None:
    # Seed 003: «اليوم الخميس 31 أكتوبر/تشرين الأول ... 2024»: today is Thursday 31 October 2024.
    source = next(s for s, _, _ in corpus(("003",)))
    assert (source.published, source.published_basis) == ("2024-10-31", "text")
    assert "اليوم" in source.published_note


AR_WIRE = "لافروف يلتقي الجبير\nالتقى وزير الخارجية الروسي نظيره السعودي أمس في موسكو.\n"


def test_metadata_wins_over_what_the_text_says() -> None:
    meta = Meta("2015-08-11", "https://example.org/1", outlet="Reuters", title="لقاء موسكو", language="fa")
    source = source_from_text("news/ar.txt", AR_WIRE, (), meta)
    assert (source.published, source.published_basis, source.published_note) == (
        "2015-08-11",
        "metadata",
        "given in the metadata",
    )
    assert (source.url, source.outlet, source.title, source.language) == (
        "https://example.org/1",
        "Reuters",
        "لقاء موسكو",
        "fa",  # given, though the text reads as Arabic: the archive knows better
    )
    assert source.headline == "لافروف يلتقي الجبير"  # what the text says stays beside it


def test_without_metadata_the_title_is_the_headline_and_the_language_detected() -> None:
    source = source_from_text("news/ar.txt", AR_WIRE)
    assert (source.title, source.language, source.url, source.published, source.published_basis) == (
        "لافروف يلتقي الجبير",
        "ar",
        "",
        "",
        "",
    )


def test_no_publication_date_without_a_dated_today() -> None:
    text = "قالت الوزارة اليوم إن المؤتمر سيعقد"
    undated = Mention(12, 17, "اليوم", "relative", "", "", "day")
    assert publication_date(text, [undated]) == ("", "")


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("آب ی\n#\t،x"), max_size=600))
def test_a_headline_is_the_first_line_cut_to_its_length_at_a_word(text: str) -> None:
    got = headline(text)
    lines = [" ".join(ln.strip().lstrip("#").split()) for ln in text.splitlines()]
    first = next((ln for ln in lines if ln), "")
    assert len(got) <= HEADLINE_CHARS
    if len(first) <= HEADLINE_CHARS:
        assert got == first
    else:
        assert got.endswith("…") and first.startswith(got[:-1])
