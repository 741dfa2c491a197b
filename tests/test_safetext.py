"""Characters XML and HTML forbid never reach the SVG or the page (safetext)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from _texts import mixed_texts
from mctimeline.cli import main
from mctimeline.page import script_json
from mctimeline.safetext import _SAFE, FORBIDDEN_IN_MARKUP, clean_text, is_clean, is_noncharacter, one_line

# The noncharacters as Unicode lists them (chapter 23.7): U+FDD0..U+FDEF and the last two
# code points of each of the 17 planes, 66 in all.
NONCHARACTERS = [*range(0xFDD0, 0xFDF0), *(p * 0x10000 + k for p in range(17) for k in (0xFFFE, 0xFFFF))]


def xml_char(code: int) -> bool:
    """The Char production of XML 1.0 (fifth edition), section 2.2."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def test_the_noncharacters_are_the_66_unicode_lists() -> None:
    assert len(NONCHARACTERS) == 66
    assert [c for c in range(0x110000) if is_noncharacter(c)] == NONCHARACTERS


def test_nothing_xml_forbids_or_html_calls_a_parse_error_survives_clean_text() -> None:
    everything = "".join(chr(c) for c in range(0x110000))
    kept = clean_text(everything)
    assert all(xml_char(ord(ch)) for ch in kept)
    assert not FORBIDDEN_IN_MARKUP.search(kept)
    assert not any(0x7F <= ord(ch) <= 0x9F or is_noncharacter(ord(ch)) for ch in kept)
    assert "\r" not in kept and "\t" not in kept  # CR is a line end (LF), a tab a space


@pytest.mark.parametrize(
    "code",
    [0x0, 0x1, 0x8, 0xE, 0x1F, 0x7F, 0x80, 0x9F, 0xD800, 0xDFFF, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE],
)
def test_the_pattern_finds_each_forbidden_code_point(code: int) -> None:
    assert FORBIDDEN_IN_MARKUP.fullmatch(chr(code))
    assert clean_text(f"a{chr(code)}b") == "ab"


@pytest.mark.parametrize(
    "ch", ["\t", "\n", " ", "\u200c", "\u200d", "\ufffd", "\ufdcf", "\ufdf0", "\U0001fffd"]
)
def test_the_pattern_leaves_allowed_characters(ch: str) -> None:
    assert not FORBIDDEN_IN_MARKUP.search(ch)


@pytest.mark.parametrize(
    "brk", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\r\n", "\r"]
)
def test_a_line_break_of_any_kind_keeps_the_words_apart(brk: str) -> None:
    # A PDF's text has a form feed between pages: dropping it would glue two words together.
    assert one_line(f"پایان صفحه{brk}آغاز") == "پایان صفحه آغاز"
    assert clean_text(f"a{brk}b") == "a\nb"


@pytest.mark.parametrize("value", ["\ufffe", "a\uffffb", "\U0001fffe", "\x01\x7f\x9f", "\ud800", "\ufdd0"])
def test_the_page_data_escapes_forbidden_characters_and_reads_back_exactly(value: str) -> None:
    text = script_json({"title": value})
    assert not FORBIDDEN_IN_MARKUP.search(text)
    assert json.loads(text) == {"title": value}


# --- the fast path: text clean_text would leave as it is --------------------------------------


def _by_the_table(text: str) -> str:
    """clean_text without its fast path: every character through the table."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_SAFE)


def test_every_character_told_clean_is_one_the_table_keeps() -> None:
    # Exhaustive: is_clean may call clean text dirty (the table then runs), never the reverse.
    assert all(_SAFE[code] == code for code in range(0x110000) if is_clean(chr(code)))


@pytest.mark.parametrize(
    "text",
    [
        *("", "confirmed", "۶ خرداد ۱۴۰۴", "هیئت\u200cهای", "a\nb", "👨\u200d👩", "\u00a0"),
        *("\ue000", "a\tb", "a\r\nb", "\u200fب"),
    ],
)
def test_clean_text_is_the_table_on_common_text(text: str) -> None:
    assert clean_text(text) == _by_the_table(text)


@settings(max_examples=2000, deadline=None)
@given(mixed_texts())
def test_clean_text_is_the_table_on_any_text(text: str) -> None:
    assert clean_text(text) == _by_the_table(text)
    if is_clean(text):
        assert _by_the_table(text) == text


# --- end to end: a build of texts holding them ------------------------------------------------

FA = (
    "# نشست\ufffe امنیتی تهران\uffff با حضور وزیران منطقه\n\n"
    "به گزارش خبرگزاری ایرنا، نشست امنیتی منطقه‌ای\ufdd0 روز ۱۲ مهر ۱۴۰۳ در تهران\x01 برگزار شد "
    "و وزیران خارجه\U0001fffe کشورهای همسایه در آن شرکت کردند.\x0b"
    "دور بعدی این\x7f نشست در ۲۰ آبان ۱۴۰۳ در مسقط\x85 برگزار خواهد شد.\n"
)
AR = (
    "وزير الخارجية\ufffe يشارك في مؤتمر\uffff الأمن الإقليمي\n\n"
    "أعلنت وزارة الخارجية\x08 أن المؤتمر الدولي للأمن الإقليمي\ufdef سيعقد في 31 أكتوبر 2024 "
    "في العاصمة\x1f مسقط، بمشاركة\x9f وفود من عشرين دولة.\x0c"
    "وانطلقت الدورة السابقة في 5 نوفمبر 2023\U0010ffff بحضور الوزراء.\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("chars")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "100_fa.txt").write_text(FA, encoding="utf-8")
    (seeds / "101_ar.txt").write_text(AR, encoding="utf-8")
    out = root / "datapackage"
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_texts_dated_events_and_kept_their_bytes(built: Path) -> None:
    events = (built / "events.csv").read_text("utf-8")
    assert events.count("\n") - 1 >= 3  # the texts' dates made events, so they are on the page and plot
    sources = (built / "sources.csv").read_text("utf-8")
    assert "\ufffe" in sources  # the table keeps the headline as the text has it


def test_the_svg_is_well_formed_and_holds_no_forbidden_character(built: Path) -> None:
    data = (built / "timeline.svg").read_bytes()
    root = ET.fromstring(data)  # a real XML parser: raises on U+FFFE, U+FFFF or a control
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(root.findall(".//{http://www.w3.org/2000/svg}rect[@class='event']")) >= 3
    assert not FORBIDDEN_IN_MARKUP.search(data.decode("utf-8"))


def test_the_page_holds_no_forbidden_character_and_its_data_reads_back(built: Path) -> None:
    text = (built / "index.html").read_text("utf-8")
    assert not FORBIDDEN_IN_MARKUP.search(text)
    assert "نشست امنیتی تهران با حضور وزیران منطقه" in text  # the headline, cleaned
    (data,) = re.findall(r'<script type="application/json" id="timeline-data">(.*?)</script>', text)
    json.loads(data)
    # The titles as events.csv has them (exact) are shown cleaned on their cards.
    titles = [row["title"] for row in csv.DictReader(io.StringIO((built / "events.csv").read_text("utf-8")))]
    assert any("\ufdd0" in t or "\x01" in t for t in titles)
    for t in filter(None, map(clean_text, map(one_line, titles))):
        assert f">{html.escape(t, quote=True)}</h3>" in text


def test_the_built_package_validates(built: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(built)])
    assert (result.exit_code, result.stdout) == (0, "valid\n"), result.output


@pytest.mark.parametrize(
    ("name", "old", "new", "problem"),
    [
        ("timeline.svg", "</title>", "\ufffe</title>", "U+FFFE, a character XML and HTML forbid"),
        ("timeline.svg", "</title>", "\ufffe</title>", "timeline.svg: not well-formed XML: line "),
        ("index.html", "</h3>", "\uffff</h3>", "U+FFFF, a character XML and HTML forbid"),
        ("index.html", "</h3>", "", "index.html: not well-formed HTML: line "),
    ],
)
def test_validate_flags_a_tampered_view(
    built: Path, tmp_path: Path, name: str, old: str, new: str, problem: str
) -> None:
    copy = tmp_path / "datapackage"
    shutil.copytree(built, copy)
    view = copy / name
    text = view.read_text("utf-8")
    assert old in text
    view.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(copy)])
    assert result.exit_code == 1
    assert problem in result.stderr, result.stderr


def test_the_svg_draws_every_mark_in_headless_chromium(built: Path) -> None:
    # Chromium stops drawing an SVG at its first ill-formed character and shows an error bar.
    from _browser import browser

    events = (built / "events.csv").read_text("utf-8").count("\n") - 1
    with browser() as b:
        pg = b.new_page(viewport={"width": 1000, "height": 400})
        pg.goto((built / "timeline.svg").as_uri())
        assert pg.locator("parsererror").count() == 0
        assert pg.locator("rect.event").count() == events
