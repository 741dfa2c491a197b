"""The kinds of happening a clause names (data/kinds.toml) and the words that end a range."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from mctimeline import gazetteer
from mctimeline.gazetteer.text import find_all, first_match, led_by, look_back_after_literal
from mctimeline.gazetteer.triggers import _Held


@cache
def _kinds_table() -> dict[str, object]:
    raw = resources.files("mctimeline").joinpath("data/kinds.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


_BOUNDARY = r"(?<![\w])"  # what a kind's pattern asks of the character before it
_AR_PREFIX = "(?:[وف]?(?:[بلک]|ال|لل|بال)?)"  # proclitics an Arabic stem may carry
# _AR_PREFIX matches at most 4 letters: gazetteer.text._PROCLITIC_REACH, which find_all relies on.


def _stem_pattern(stem: str) -> str:
    """A stem's regex: its words with an optional space between; a final "$" asks for a whole word."""
    whole = stem.endswith("$")
    body = " ?".join(re.escape(w) for w in stem.removesuffix("$").split(" "))
    return body + r"(?!\w)" if whole else body


@cache
def _stem_alternatives(lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each kind of `lang` with its stems' regexes, the longest first (the order re tries them)."""
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    out = []
    for kind, langs in kinds.items():
        stems = sorted({gazetteer.fold(s) for s in langs.get(lang, [])}, key=len, reverse=True)
        if stems:
            out.append((kind, tuple(_stem_pattern(s) for s in stems)))
    return tuple(out)


@cache
def _kind_patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each kind's pattern: `_BOUNDARY`, in Arabic `_AR_PREFIX`, then one of its stems.

    Written so that re does not try it at every character: each stem opens with its literal and
    checks the boundary after it (`look_back_after_literal`), which gives re the stems' first
    letters to skip ahead by; an Arabic pattern, which opens with optional proclitics, is tried by
    `find_all` only just before where one of its stems stands (`led_by` its loose pattern).
    """
    out = []
    for kind, alts in _stem_alternatives(lang):
        if lang == "ar":
            pattern = re.compile(rf"{_BOUNDARY}{_AR_PREFIX}(?:{'|'.join(alts)})")
            out.append((kind, led_by(pattern, _loose(lang)[kind])))
        else:
            out.append((kind, re.compile(f"(?:{'|'.join(look_back_after_literal(a) for a in alts)})")))
    return tuple(out)


@cache
def _loose(lang: str) -> dict[str, re.Pattern[str]]:
    """Each kind's stems without the boundary and the proclitics: a literal first, which re finds
    fast; a match of the kind's pattern holds a match of it at most 4 letters in."""
    return {kind: re.compile(f"(?:{'|'.join(alts)})") for kind, alts in _stem_alternatives(lang)}


@cache
def _linking_kinds() -> frozenset[str]:
    """Kinds that can tell two dates name one happening (not `links = false`, i.e. not statements)."""
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    return frozenset(kind for kind, table in kinds.items() if table.get("links", True))


@cache
def heading_kinds() -> tuple[str, ...]:
    """Kinds that title a clause that names them whatever kind stands nearer (`heads = true`)."""
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    return tuple(kind for kind, table in kinds.items() if table.get("heads", False))


@cache
def families(kinds: frozenset[str]) -> frozenset[str]:
    """The kinds and the families (data/kinds.toml [families]) they belong to: «talks» and
    «meeting» both give «encounter»."""
    table = _kinds_table()["families"]
    assert isinstance(table, dict)
    return kinds | {family for family, members in table.items() if kinds & set(members)}


_KindPatterns = tuple[tuple[str, re.Pattern[str]], ...]


def _kinds(folded: str, lang: str, among: _KindPatterns | None = None) -> frozenset[str]:
    """The kinds of happening named in folded text (one shared frozenset per combination).

    `among`, when given, are the only patterns tried: those of `kind_rows_in` of a folded
    text that `folded` is a slice of.
    """
    patterns = _kind_patterns(lang) if among is None else among
    if not patterns:
        return _NONE
    found = []
    for kind, pattern in patterns:
        # first_match: an Arabic pattern tried only just before its stems (_kind_patterns).
        if first_match(pattern, folded) is not None:
            found.append(kind)
    return _interned(frozenset(found)) if found else _NONE


_NONE: frozenset[str] = frozenset()


_KindRows = tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]


def kind_rows_in(whole: str, lang: str, words: frozenset[str] | None = None) -> _KindRows:
    """The kind patterns of `lang` that may match some slice of the folded text `whole`, each
    with the longest words of its stems that `whole` holds.

    A pattern's stems without the word boundary before them match a text wherever the
    pattern matches a slice of it; one search of the whole text per kind rules out, for
    each of its sentences and clauses, the kinds it never names.

    Every match of a kind's pattern writes out each word of its stem, so a slice of `whole`
    holding none of these words names none of that kind (`kinds_in_slice`).
    """
    # One look at each distinct word (`words`, when given, are whole's: FoldedText.words).
    held = _stem_words(lang).present(frozenset(whole.split(" ")) if words is None else words)
    return tuple(
        (kind, pattern, tuple(w for w in stem_words if w in held))
        for kind, pattern, loose, stem_words, reach in _loose_kinds(lang)
        if _names(whole, loose, stem_words, reach, held)
    )


def kinds_in_slice(folded: str, lang: str, rows: _KindRows) -> frozenset[str]:
    """`_kinds(folded, lang, among)` for a slice `folded` of the text `rows` were read from
    (`kind_rows_in`): only the kinds one of whose held words the slice holds are searched
    (a few substring tests rule most out faster than a regular expression's pass)."""
    among = []
    for kind, pattern, held in rows:
        for word in held:
            if word in folded:
                among.append((kind, pattern))
                break
    return _kinds(folded, lang, tuple(among)) if among else _NONE


def _names(whole: str, loose: re.Pattern[str], words: tuple[str, ...], reach: int, held: set[str]) -> bool:
    """Whether the loose pattern matches `whole`: searched from where the first of its stems'
    longest words (those `held` by the text's words) stands, less the longest stem (`reach`),
    as a match holds its stem's word."""
    first = min((whole.find(word) for word in words if word in held), default=-1)
    return first >= 0 and loose.search(whole, max(0, first - reach)) is not None


@cache
def _stem_words(lang: str) -> _Held:
    """The longest words of every kind's stems, and which of them each word of a text holds."""
    return _Held(frozenset(word for _, _, _, words, _ in _loose_kinds(lang) for word in words))


@cache
def _loose_kinds(lang: str) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str], tuple[str, ...], int], ...]:
    """Each kind's pattern, without the boundary and the optional proclitics (a literal first,
    which re finds fast), the longest word of each of its stems (a text holds one of these
    wherever the pattern matches, and `in` rules most kinds out faster than the regex), and
    the length of its longest stem."""
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    out = []
    for kind, pattern in _kind_patterns(lang):
        stems = {gazetteer.fold(s).removesuffix("$") for s in kinds[kind].get(lang, [])}
        words = tuple(sorted({max(stem.split(" "), key=len) for stem in stems}))
        out.append((kind, pattern, _loose(lang)[kind], words, max(map(len, stems))))
    return tuple(out)


@cache
def _interned(kinds: frozenset[str]) -> frozenset[str]:
    # A handful of distinct combinations: a million anchors share them instead of owning one each.
    return kinds


def nearest_kind(folded: str, lang: str, start: int, end: int, among: _KindPatterns | None = None) -> str:
    """The kind whose word stands nearest the date at folded[start:end] ("" when none): what a
    clause naming several is about at that date («… agreements reached at the summits, among
    them the leaders' meeting on 12 December in Ashgabat» is a meeting that day). A tie goes
    to the kinds' title order."""
    order = _kinds_table()["title_order"]
    assert isinstance(order, list)
    best: tuple[int, int, str] | None = None
    for kind, pattern in _kind_patterns(lang) if among is None else among:
        for m in find_all(pattern, folded):
            gap = start - m.end() if m.end() <= start else max(0, m.start() - end)
            rank = order.index(kind) if kind in order else len(order)
            if best is None or (gap, rank) < best[:2]:
                best = (gap, rank, kind)
    return best[2] if best else ""


@cache
def kind_title_en(kinds: frozenset[str]) -> str:
    """The English word that heads the title of an event of these kinds ("" for none)."""
    order = _kinds_table()["title_order"]
    table = _kinds_table()["kinds"]
    assert isinstance(order, list) and isinstance(table, dict)
    for kind in order:
        if kind in kinds:
            return str(table[kind].get("title_en", ""))
    return ""


@cache
def _range_end_words(lang: str) -> tuple[str, ...]:
    table = _kinds_table()["range_end"]
    assert isinstance(table, dict)
    return tuple(gazetteer.fold(w) for w in table.get(lang, []))


@cache
def _anaphora(table: str, lang: str) -> tuple[str, ...]:
    words = _kinds_table()["anaphora"]
    assert isinstance(words, dict)
    return tuple(sorted({gazetteer.fold(w) for w in words[table].get(lang, [])}, key=len, reverse=True))


@cache
def _demonstrative_patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    pointers = _pointers(lang)
    if not pointers:
        return ()
    prefix = "(?:ال|لل)?" if lang == "ar" else ""
    out = []
    for kind, langs in kinds.items():
        stems = sorted({gazetteer.fold(s) for s in langs.get(lang, [])}, key=len, reverse=True)
        if stems and langs.get("links", True):
            alts = "|".join(_stem_pattern(s) for s in stems)
            out.append((kind, re.compile(rf"{pointers} {prefix}(?:{alts})")))
    return tuple(out)


@cache
def _pointer(lang: str) -> re.Pattern[str] | None:
    """What every demonstrative pattern of `lang` opens with: a pointer and a space."""
    pointers = _pointers(lang)
    return re.compile(f"{pointers} ") if pointers else None


@cache
def _pointers(lang: str) -> str:
    """`(?<!\\w)` and one of the demonstratives of `lang` ("" for none), written with the look
    back after each one's literal (`look_back_after_literal`): re skips ahead by their letters."""
    words = _anaphora("demonstrative", lang)
    return f"(?:{'|'.join(look_back_after_literal(re.escape(w)) for w in words)})" if words else ""


@cache
def _pointer_words(lang: str) -> tuple[str, ...]:
    """Each demonstrative and the space after it, which every match of `_pointer` writes out."""
    return tuple(w + " " for w in _anaphora("demonstrative", lang))


def _holds_pointer(folded: str, lang: str) -> bool:
    """Whether folded text may match `_pointer`: a few substring tests before a search that opens
    with a look back, which re tries at every character."""
    for word in _pointer_words(lang):  # noqa: SIM110 (any() makes a generator per call)
        if word in folded:
            return True
    return False


def may_point(folded: str, lang: str) -> bool:
    """Whether `pointed_kinds_at` of folded text may find a kind: whether it holds a pointer's
    word and the space after it (`pointed_kinds_at` answers none for a text that does not)."""
    return _pointer(lang) is not None and _holds_pointer(folded, lang)


def pointed_kinds(folded: str, lang: str) -> frozenset[str]:
    """The kinds of happening folded text points back to with a demonstrative («این نشست»,
    «هذا الاجتماع», "this meeting"): a happening an earlier sentence named."""
    return frozenset(kind for kind, pattern in _demonstrative_patterns(lang) if pattern.search(folded))


def pointed_kinds_at(
    folded: str, lang: str, start: int, end: int, among: _KindPatterns | None = None
) -> frozenset[str]:
    """`pointed_kinds` of folded text whose date is at folded[start:end], kept only when no
    other happening word stands between the pointer and the date: in «این پیمان جایگزین
    قرارداد سال ۲۰۰۱ می‌شود» the year is the other agreement's, not the treaty pointed at."""
    pointer = _pointer(lang)
    if not may_point(folded, lang) or pointer is None or not pointer.search(folded):
        return frozenset()  # every pattern opens with a pointer: one search rules them all out
    found = set()
    for kind, pattern in _demonstrative_patterns(lang):
        for m in pattern.finditer(folded):
            between = folded[m.end() : start] if m.end() <= start else folded[end : m.start()]
            if m.start() < end and m.end() > start:
                between = ""  # the pointer overlaps the date's words
            if not _kinds(between, lang, among):
                found.add(kind)
                break
    return frozenset(found)


@cache
def _subject_pattern(lang: str) -> re.Pattern[str] | None:
    words = _anaphora("subject", lang)
    if not words:
        return None
    alts = "|".join(re.escape(w) for w in words)
    return re.compile(rf"^[\W_]*(?:{alts})(?!\w)")


def opens_with_anaphor(folded: str, lang: str) -> bool:
    """Whether a folded sentence opens with a word whose referent an earlier sentence named
    («وی افزود», «وقال إن», "He said"): its subject is who that sentence named."""
    pattern = _subject_pattern(lang)
    return bool(pattern and pattern.match(folded))
