"""feeds.folding: content lines folded on their bytes, exactly as icalendar folds them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentline

from conftest import CI
from mctimeline.feeds.folding import FOLD, PIECE_OCTETS, component_bytes, fold

DATAPACKAGE = Path(__file__).resolve().parents[1] / "datapackage"


def icalendar_fold(line: str) -> bytes:
    """What icalendar writes for one content line (`Contentline.to_ical`, character by character)."""
    data: bytes = Contentline(line).to_ical()
    return data


# Persian, Arabic and English letters and digits, ZWNJ, marks, emoji (four octets, some
# joined by ZWJ or variation selectors), and what escapes put before a fold: \ ^ ; , :
ALPHABET = (
    "abc XYZ 0123 ;,:\\^\"'"
    "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ ۰۱۲۳۴۵۶۷۸۹ \u200c\u200d"
    "ءأإؤةىي ٠١٢٣٤٥٦٧٨٩ \u064b\u064e\u0650"
    "é ß € \u00a0 \u2067\u2069"
    "😀👍🏽🇮🇷 👨\u200d👩\u200d👧 ❤\ufe0f"
)
lines = st.text(alphabet=st.sampled_from(ALPHABET), max_size=600) | st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=400
)


@settings(max_examples=5000 if CI else 1000, deadline=None, derandomize=CI)
@given(st.sampled_from(["SUMMARY:", "DESCRIPTION:", "LOCATION:", "X-WR-CALNAME:", ""]), lines)
def test_fold_writes_the_bytes_icalendar_writes(name: str, value: str) -> None:
    assert fold(name + value) == icalendar_fold(name + value)


@pytest.mark.parametrize("size", [PIECE_OCTETS - 1, PIECE_OCTETS, PIECE_OCTETS + 1, 2 * PIECE_OCTETS + 1])
@pytest.mark.parametrize("filler", ["a", "ب", "😀", "\\,", "a^", "ab\\"])
def test_fold_at_the_edges_of_a_piece(size: int, filler: str) -> None:
    line = (filler * size)[:size]
    assert fold(line) == icalendar_fold(line)


@pytest.mark.parametrize("prefix", ["a" * 73, "a" * 72, "ب" * 36 + "a"])
@pytest.mark.parametrize("escape", ["\\,", "\\;", "\\n", "^n", "^'"])
def test_an_escape_is_never_cut_in_two(prefix: str, escape: str) -> None:
    line = prefix + escape + "z" * 80
    folded = fold(line)
    assert folded == icalendar_fold(line)
    assert any(escape.encode() in piece for piece in folded.split(FOLD))


@pytest.mark.parametrize("prefix", ["a" * 73, "a" * 72, "a" * 71])
@pytest.mark.parametrize("escape", ["\\\\", "^^", "\\\\\\,"])
def test_a_run_of_escape_characters_folds_as_icalendar_folds_it(prefix: str, escape: str) -> None:
    # icalendar moves only the last character of a piece: a doubled backslash at the
    # fold is cut between its two, and so is it here.
    line = prefix + escape + "z" * 80
    assert fold(line) == icalendar_fold(line)


@given(lines)
def test_every_piece_is_whole_characters_within_75_octets(value: str) -> None:
    pieces = fold("DESCRIPTION:" + value).split(FOLD)
    assert all(len(piece) <= PIECE_OCTETS for piece in pieces)
    assert "".join(piece.decode("utf-8") for piece in pieces) == "DESCRIPTION:" + value


def _unfolded(data: bytes) -> list[tuple[str, bytes]]:
    """Each content line of a feed, unfolded, with its bytes as written (folds, no CRLF)."""
    written = data.split(b"\r\n")[:-1]
    logical: list[list[bytes]] = []
    for raw in written:
        if raw.startswith(b" "):
            logical[-1].append(raw)
        else:
            logical.append([raw])
    return [(b"".join(p[:1] + [q[1:] for q in p[1:]]).decode("utf-8"), b"\r\n".join(p)) for p in logical]


@pytest.mark.parametrize("feed", sorted(p.name for p in DATAPACKAGE.glob("*.ics")))
def test_fold_rewrites_every_line_of_the_seeds_feeds(feed: str) -> None:
    data = (DATAPACKAGE / feed).read_bytes()
    written = _unfolded(data)
    assert len(written) > 10
    assert any(FOLD in line for _, line in written)  # the seeds' feeds do fold
    for line, as_written in written:
        assert fold(line) == icalendar_fold(line) == as_written


@pytest.mark.parametrize("header", [False, True])
def test_component_bytes_are_what_icalendar_writes(header: bool) -> None:
    event = icalendar.Event()
    event.add("summary", "۶ خرداد ۱۴۰۴: نشست امنیتی مسکو، با حضور هیئت‌های ۴۰ کشور و سازمان همکاری شانگهای")
    event.add("description", "Gregorian: 27 May 2025\nSources (2):\n- a; b, c \\ d ^ e: «متن منبع»" * 3)
    component: icalendar.Component = event
    if header:
        component = icalendar.Calendar()
        component.add("x-wr-calname", "رویدادهای سری نشست امنیتی مسکو (روزها و ماه‌ها) — 😀 " * 3)
        component.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
        component.add_component(event)
    assert component_bytes(component) == component.to_ical()


# Text values as a VEVENT carries them: any text (line breaks, escapes, a leading BOM too).
texts = lines | st.text(alphabet=st.sampled_from(ALPHABET + "\n\r\ufeff"), max_size=300).map(
    lambda s: s if s[:1] == "\ufeff" or not s else "\ufeff" + s
)


@settings(max_examples=3000 if CI else 600, deadline=None, derandomize=CI)
@given(st.sampled_from(["SUMMARY", "DESCRIPTION", "LOCATION", "UID"]), texts)
def test_a_property_line_is_the_one_icalendar_writes(name: str, text: str) -> None:
    # vevents._line writes a value with no parameter as its to_ical after the name.
    from mctimeline.feeds.vevents import _line

    value = icalendar.vText(text)
    expected = icalendar_fold(icalendar.Event().content_line(name, value)) + b"\r\n"
    assert _line(name, value) == expected


@pytest.mark.parametrize(
    "url", ["https://example.org/a,b;c", "\ufeffhttps://example.org/x", "http://x/" + "ق" * 90]
)
def test_a_url_line_is_the_one_icalendar_writes(url: str) -> None:
    from mctimeline.feeds.vevents import _line

    value = icalendar.vUri(url)
    assert _line("URL", value) == icalendar_fold(icalendar.Event().content_line("URL", value)) + b"\r\n"
