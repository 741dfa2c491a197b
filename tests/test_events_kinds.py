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



def _written_kind_patterns() -> list[tuple[str, str, str, str, str]]:
    """Every kind's and demonstrative's pattern as written with its look back first: (lang, kind,
    table, the pattern, one of its stems' regex alone with what stands before it, to draw from)."""
    import re

    from mctimeline.events.kinds import _anaphora, _stem_pattern

    out = []
    for lang in ("fa", "ar", "en"):
        pointers = "|".join(re.escape(w) for w in _anaphora("demonstrative", lang))
        for kind, langs in _kinds_table()["kinds"].items():  # type: ignore[union-attr]
            stems = sorted({fold(s) for s in langs.get(lang, [])}, key=len, reverse=True)
            alts = "|".join(_stem_pattern(s) for s in stems)
            prefix = "(?:[وف]?(?:[بلک]|ال|لل|بال)?)" if lang == "ar" else ""
            for s in map(_stem_pattern, stems):
                out.append((lang, kind, "kind", rf"(?<![\w]){prefix}(?:{alts})", prefix + s))
                if pointers and langs.get("links", True):
                    then = "(?:ال|لل)?" if lang == "ar" else ""
                    pat = rf"(?<!\w)(?:{pointers}) {then}(?:{alts})"
                    out.append((lang, kind, "pointed", pat, f"(?:{pointers}) {then}{s}"))
    return out


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_kind_patterns_match_as_with_their_look_back_first(data: st.DataObject) -> None:
    """The kinds' patterns (each stem's literal, then the look back; in Arabic tried by `find_all`
    only just before a stem) and the demonstratives' find what the patterns opening with the look
    back found, in the same order, wherever the text starts (a slice may start mid-word)."""
    import re

    from mctimeline.events.kinds import _demonstrative_patterns, _pointer
    from mctimeline.gazetteer.text import find_all

    lang, kind, table, pat, stem = data.draw(st.sampled_from(_written_kind_patterns()))
    new = dict(_kind_patterns(lang) if table == "kind" else _demonstrative_patterns(lang))[kind]
    old = re.compile(pat)
    written = data.draw(st.from_regex(re.compile(stem.replace("(?!\\w)", "")), fullmatch=True))
    around = st.text(alphabet="ab سمو،, .-1الفبک", max_size=4)
    text = data.draw(around) + written + data.draw(around) + written[: data.draw(st.integers(0, 6))]
    pointer = _pointer(lang) if table == "pointed" else None
    old_pointer = re.compile(pat.split(") ", 1)[0] + ") ") if pointer is not None else None
    for start in range(len(text) + 1):
        want = [m.span() for m in old.finditer(text[start:])]
        assert [m.span() for m in find_all(new, text[start:])] == want
        if lang != "ar":
            want = [m.span() for m in old.finditer(text, start)]
            assert [m.span() for m in new.finditer(text, start)] == want
        if pointer is not None and old_pointer is not None:
            assert [m.span() for m in pointer.finditer(text, start)] == [
                m.span() for m in old_pointer.finditer(text, start)
            ]
    if lang != "ar":
        assert not new.pattern.startswith("(?<!")  # a literal first: re skips ahead by it
