"""events.kinds: the kinds a clause names, found by the loose patterns first, are those each pattern finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mctimeline.events.kinds import (
    _kind_patterns,
    _kinds,
    _kinds_table,
    kind_rows_in,
    kinds_in_slice,
)
from mctimeline.gazetteer import FoldedText, fold
from mctimeline.normalize import detect_language


def kind_patterns_in(whole: str, lang: str, words: frozenset[str] | None = None) -> tuple:
    """The (kind, pattern) pairs of `kind_rows_in`: what `_kinds` is given as `among`."""
    return tuple((kind, pattern) for kind, pattern, _ in kind_rows_in(whole, lang, words))


def _each_pattern(folded: str, lang: str) -> frozenset[str]:
    return frozenset(kind for kind, pattern in _kind_patterns(lang) if pattern.search(folded))


def _stems(lang: str) -> list[str]:
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    return sorted({fold(s).removesuffix("$") for table in kinds.values() for s in table.get(lang, [])})


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_kinds_of_words_run_together_are_those_each_pattern_finds(lang: str, data: st.DataObject) -> None:
    """Stems, proclitics and pieces of stems run together or apart: where a proclitic or another
    kind's word stands before a stem, the kind is still found."""
    stems = _stems(lang)
    piece = st.sampled_from(stems).flatmap(
        lambda s: st.sampled_from([s, s[: max(1, len(s) // 2)], s[len(s) // 2 :]])
    )
    glue = st.sampled_from(["", " ", "و", "ال", "ب", "s", "ing", "، "])
    parts = data.draw(st.lists(st.tuples(glue, piece), min_size=1, max_size=6))
    folded = "".join(g + p for g, p in parts)
    among = kind_patterns_in(folded, lang)
    assert _kinds(folded, lang) == _each_pattern(folded, lang)
    assert _kinds(folded, lang, among) == _each_pattern(folded, lang)
    # Any slice, even one cut mid-word: the kinds searched by the words a slice holds are those
    # searched among the patterns the whole text may match.
    rows = kind_rows_in(folded, lang)
    for lo in range(0, len(folded), 4):
        for hi in (lo + 5, len(folded)):
            assert kinds_in_slice(folded[lo:hi], lang, rows) == _kinds(folded[lo:hi], lang, among)


def test_kinds_of_every_stretch_of_the_seeds_are_those_each_pattern_finds() -> None:
    named = 0
    for path in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt")):
        text = path.read_text("utf-8")
        lang = detect_language(text)
        folded = FoldedText.of(text)
        among = kind_patterns_in(folded.text, lang)
        rows = kind_rows_in(folded.text, lang, folded.words())
        assert tuple((kind, pattern) for kind, pattern, _ in rows) == among
        for lo in range(0, len(text), 53):
            for width in (30, 120, 300):
                piece = folded.slice(lo, min(len(text), lo + width))
                expected = _each_pattern(piece, lang)
                assert _kinds(piece, lang, among) == expected
                assert kinds_in_slice(piece, lang, rows) == expected  # by the stems' words it holds
                named += bool(expected)
    assert named > 100


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
def test_a_text_that_is_one_stem_may_name_its_kind(lang: str) -> None:
    """kind_patterns_in keeps the kind of every stem written alone or after other words
    (a stem whose longest word is not its first is found from before that word)."""
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    for kind, table in kinds.items():
        for stem in table.get(lang, []):
            for text in (fold(stem.removesuffix("$")), "x " + fold(stem.removesuffix("$"))):
                assert kind in dict(kind_patterns_in(text, lang)), (kind, stem)


def _each_pointed(folded: str, lang: str, start: int, end: int) -> frozenset[str]:
    """pointed_kinds_at as every demonstrative pattern finds it, without the pointer's search first."""
    from mctimeline.events.kinds import _demonstrative_patterns

    found = set()
    for kind, pattern in _demonstrative_patterns(lang):
        for m in pattern.finditer(folded):
            between = folded[m.end() : start] if m.end() <= start else folded[end : m.start()]
            if m.start() < end and m.end() > start:
                between = ""
            if not _kinds(between, lang):
                found.add(kind)
                break
    return frozenset(found)


@pytest.mark.parametrize(
    ("text", "lang", "date"),
    [
        ("این نشست که در روزهای ۲۷ تا ۲۹ مه برگزار شد", "fa", "۲۷ تا ۲۹ مه"),
        ("نشست که در روزهای ۲۷ تا ۲۹ مه برگزار شد", "fa", "۲۷ تا ۲۹ مه"),
        ("وقد عقد هذا الاجتماع في 15 أغسطس", "ar", "15 أغسطس"),
        ("this meeting took place on 12 May", "en", "12 May"),
        ("the meeting took place on 12 May", "en", "12 May"),
        ("این پیمان جایگزین قرارداد سال ۲۰۰۱ می‌شود", "fa", "۲۰۰۱"),
    ],
)
def test_a_clause_points_back_only_with_a_pointer_before_a_kind(text: str, lang: str, date: str) -> None:
    """The one search for a pointer that rules every demonstrative pattern out changes nothing."""
    from mctimeline.events.kinds import pointed_kinds_at

    folded = fold(text)
    start = folded.index(fold(date))
    end = start + len(fold(date))
    found = pointed_kinds_at(folded, lang, start, end)
    assert found == _each_pointed(folded, lang, start, end)
    has_pointer = any(fold(p) + " " in folded for p in ("این", "هذا", "this"))
    assert bool(found) <= has_pointer


def test_kind_patterns_of_a_text_read_from_its_folded_words_are_those_read_from_it() -> None:
    for path in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt")):
        text = path.read_text("utf-8")
        lang = detect_language(text)
        folded = FoldedText.of(text)
        assert folded.words() == frozenset(folded.text.split(" "))
        assert kind_patterns_in(folded.text, lang, folded.words()) == kind_patterns_in(folded.text, lang)


def test_whether_a_span_names_a_kind_is_whether_the_kind_is_among_its_kinds() -> None:
    """Scope.names_kind, which asks only the kind's pattern on a span holding one of its words,
    answers as `kind in Scope.kinds(lo, hi)` does (each asked of its own Scope: no answer shared)."""
    from mctimeline.events.kinds import _kinds_table
    from mctimeline.events.scope import Scope

    kinds = list(_kinds_table()["kinds"])  # type: ignore[arg-type]
    named = 0
    for path in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt")):
        text = path.read_text("utf-8")
        lang = detect_language(text)
        asked, told = Scope(text, FoldedText.of(text), lang), Scope(text, FoldedText.of(text), lang)
        for lo in range(0, len(text), 59):
            for width in (25, 90, 260):
                hi = min(len(text), lo + width)
                found = told.kinds(lo, hi)
                for kind in kinds:
                    assert asked.names_kind(lo, hi, kind) == (kind in found), (path.name, lo, hi, kind)
                named += bool(found)
    assert named > 50
