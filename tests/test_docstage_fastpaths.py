"""The per-document stage's fast paths answer as the definitions they replace, on generated text."""

from __future__ import annotations

import bisect
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mctimeline import gazetteer, sources, titles

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def sentence_around_by_scan(text: str, start: int, end: int) -> tuple[int, int]:
    """`titles.sentence_around` as first written: the stops and breaks around the date searched on each
    call (the definition `_Bounds` answers by two bisections; a property test compares them)."""
    stops = titles._stops(text)
    before = bisect.bisect_left(stops, start) - 1
    lo = stops[before] + 1 if before >= 0 else 0
    after = bisect.bisect_left(stops, end)
    hi = len(text)
    if after < len(stops):
        hi = stops[after] + (1 if text[stops[after]] in "؟?!" else 0)
    breaks = titles._breaks(text)
    k = bisect.bisect_right(breaks, (start, len(text) + 1))
    for j in range(k - 1, -1, -1):
        if breaks[j][1] <= start:
            lo = max(lo, breaks[j][1])
            break
    for j in range(max(0, k - 1), len(breaks)):
        if breaks[j][0] >= end:
            hi = min(hi, breaks[j][0])
            break
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


# Sentence marks, newlines and the white space around them (\r, \x0b, \u2028 and the no-break
# spaces are white space to str.isspace and re's \s; ZWNJ is not), digits beside a full stop or
# a colon (a decimal point, a clock), a quote before a colon, a heading's «#», letters.
_PIECES = [
    ".", "؟", "?", "!", "؛", ";", ":", "\n", " ", "\t", "\u200c", "\r", "\x0b", "\u2028", "\u00a0",
    "\u2003", "1", "2", '"', "#", "a", "b", "ab cd ef", "سلام", "در تهران", "Ab.", "12:30", "3.5",
    "\n\n", " \n ", "\u200c\n", "\t\n\u200c",
]  # fmt: skip
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.data())
def test_a_sentence_by_the_texts_bounds_is_the_one_the_scan_finds(text: str, data: st.DataObject) -> None:
    """sentence_around's two bisections of the bounds worked out once per text (titles._Bounds)
    give the sentence the scan of the stops and breaks around the date gave, for every span."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert titles.sentence_around.__wrapped__(text, start, end) == sentence_around_by_scan(text, start, end)


def test_every_span_of_the_seeds_has_the_sentence_the_scan_finds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        step = max(1, len(text) // 700)
        for start in range(0, len(text), step):
            for end in (start, start + 1, start + 7, min(len(text), start + 40)):
                expected = sentence_around_by_scan(text, start, end)
                assert titles.sentence_around.__wrapped__(text, start, end) == expected, (path, start)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_newline_runs_and_stop_marks_are_the_patterns_matches(text: str) -> None:
    """The newline runs found from each newline are _NEWLINES' matches, and the stop marks found by
    str.find are _STOP_CANDIDATES' (each pattern tried at every character before)."""
    assert titles._newline_runs(text) == [m.span() for m in titles._NEWLINES.finditer(text)]
    assert titles._stop_candidates(text) == [m.start() for m in titles._STOP_CANDIDATES.finditer(text)]


_CUE_PIECES = [
    "به گزارش ", "بگزارش", "ایرنا", "خبرگزاری ایسنا", "به نقل از ", "،", ": ", " ", "\n", "«", "»",
    "according to ", "reported by ", "Reuters", "tass", "a", "وفقا ", "نقلا عن ", "المصدر:", "حسبما افادت ",
    "افادت ", "وكالة الانباء ", "سانا", "x", "به",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=30).map("".join))
def test_outlet_cues_tried_where_a_cue_stands_are_finditers_matches(text: str) -> None:
    """sources._cue_matches tries the cue pattern only where a cue word stands: the same matches,
    in the same order, as the pattern's finditer over the whole text (overlapping cues included:
    «حسبما افادت» holds «افادت»)."""
    folded = gazetteer.fold(text)
    expected = [(m.span(), m.groupdict()) for m in sources._cue_pattern().finditer(folded)]
    assert [(m.span(), m.groupdict()) for m in sources._cue_matches(folded)] == expected
    words = gazetteer.FoldedText.of(text).words()
    assert [(m.span(), m.groupdict()) for m in sources._cue_matches(folded, words)] == expected


_EDGE_PIECES = [
    " ", "\t", "\u00a0", "\u2003", "\r", "\n", "و", "أو", "او", "and", "or", "nor", "که", "الذي",
    "اللذين", "الذين", "ثم", "which", "who", "یا", "a", "x", "سفر", ".", "،",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_EDGE_PIECES), max_size=14).map("".join), st.data())
def test_a_joiner_at_the_tail_is_where_the_tail_pattern_finds_it(text: str, data: st.DataObject) -> None:
    """titles._tail_joiner, read from the stretch's end back, is where _EDGE_TAIL matches in it, for
    a stretch that does not end in a newline (the only kind _strip_edges asks about)."""
    end = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(end, len(text)))
    if hi > end and text[hi - 1] == "\n":
        hi -= 1
    m = titles._EDGE_TAIL.search(text, end, hi)
    assert titles._tail_joiner(text, end, hi) == (m.start() if m else -1)


_DATELINE_PIECES = [
    "موسكو", "، ", " - ", " – ", " — ", "-", "/TASS/", " /", "/", ". ", "15 صفر 1447", "(الجزيرة)",
    "MOSCOW", " (Reuters) ", "December 17", "مسکو", " ", "\n", "ایرنا", "word word word word",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATELINE_PIECES), max_size=20).map("".join))
def test_a_line_without_a_dash_or_slash_has_no_dateline_and_one_with_them_keeps_its_own(text: str) -> None:
    """_dateline_end tries its patterns only on a line holding a dash or a slash, which each of
    their matches holds: the same end as trying them on every line (the seeds' lines too)."""
    _same_datelines(text)


def test_the_seeds_lines_have_the_datelines_trying_every_line_finds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        _same_datelines(path.read_text("utf-8"))


def _same_datelines(text: str) -> None:
    for start in {0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")}:
        assert titles._dateline_end.__wrapped__(text, start) == _dateline_end_every_line(text, start)


def _dateline_end_every_line(text: str, line_start: int) -> int:
    head = text[line_start : line_start + 400]
    end = -1
    for m in titles._DASH.finditer(head):
        prefix = head[: m.start()]
        if len(prefix.split()) > titles.DATELINE_WORDS:
            break
        short = all(len(piece.split()) <= 3 for piece in titles._DASH.split(prefix))
        if "(" in prefix or short or any(map(str.isdigit, prefix)):
            end = line_start + m.end()
    for m in titles._SLASHED_AGENCY.finditer(head):
        before = head[: m.start()]
        if len(before.split()) <= titles.DATELINE_WORDS and any(map(str.isdigit, before)):
            end = max(end, line_start + m.end())
        break
    return end


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["in", " ", "2025", ",", "در", "سال", "۲۰۲۲", "،", "_", "a1b", "\n"])))
def test_a_bare_clause_is_one_with_at_most_two_runs_of_letters(pieces: list[str]) -> None:
    """anchors._bare stops at the third run of letters: the same answer as counting them all."""
    from mctimeline.events import anchors
    from mctimeline.mentions import Mention

    text = "".join(pieces) + "DATE" + "".join(reversed(pieces))
    start = text.index("DATE")
    m = Mention(start, start + 4, "DATE", "gregorian", "2025-01-01", "2025-12-31", "year")
    clause = (0, len(text))
    expected = len(anchors._LETTERS.findall(text[:start] + text[start + 4 :])) <= 2
    assert anchors._bare(text, clause, m) == expected


def _cue_words() -> list[str]:
    from mctimeline.events import happenings

    tables = [table for lang in ("fa", "ar", "en") for table in happenings._cue_tables(lang)]
    return sorted({w for _, words, _ in tables for w in words})


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_cue_tables_read_from_a_texts_words_are_those_a_search_finds(data: st.DataObject) -> None:
    """happenings._cues_in reads which cue words a text holds from its words (and searches only
    those with a space): the tables its definition, a search for every word, finds."""
    from mctimeline.events import happenings

    pieces = [*_cue_words(), " ", "x", "ab", "الـ", "۱۹۹۰", "\n", "-", "در", "in"]
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))
    folded = gazetteer.FoldedText.of(text)
    for lang in ("fa", "ar", "en"):
        happenings._CUES.clear()
        happenings._CUES_HELD.clear()
        expected = happenings._cues_by_search(folded.text, lang, folded.has_latin())
        assert happenings._cues_in(folded, lang) == expected


def _frames() -> list[str]:
    from mctimeline.gazetteer.series import _load

    return sorted({f for lang in ("fa", "ar", "en") for f in _load("series.toml")["anaphors"].get(lang, [])})


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_editions_told_the_texts_words_are_those_found_without_them(data: st.DataObject) -> None:
    """gazetteer.editions_possible given the text's words skips the frames whose word none of them
    holds: the same answer as searching for every frame."""
    pieces = [*_frames(), " ", "11", "یازدهمین", "الحادي عشر", "11th", "x", "ال", "\n"]
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=10)))
    folded = gazetteer.FoldedText.of(text)
    for lang in ("fa", "ar", "en"):
        expected = gazetteer.editions_possible(folded.text, lang)
        assert gazetteer.editions_possible(folded.text, lang, folded.words()) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["fa", "ar", "en"]),
    st.frozensets(st.sampled_from(["meeting", "agreement", "statement", "visit", "talks", "conflict"])),
    st.text(max_size=30),
)
def test_a_clause_made_slot_by_slot_is_the_one_its_init_makes(
    lang: str, kinds: frozenset[str], excluded: str
) -> None:
    """models._new_clause sets every slot without `__init__`: field for field what `_Clause(...)`
    makes, its derived `links` (left out of ==) too."""
    from dataclasses import fields

    from mctimeline.events.models import _Clause, _new_clause

    values = (lang, "mcis", 11, True, "Moscow", kinds, False, excluded, ("lavrov",), "meeting")
    made, expected = _new_clause(values), _Clause(*values)
    names = [f.name for f in fields(expected)]
    assert [getattr(made, n) for n in names] == [getattr(expected, n) for n in names]
