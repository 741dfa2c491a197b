"""Folded text and the patterns every gazetteer is matched with (see mctimeline.gazetteer)."""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import chain
from typing import Any

from mctimeline import normalize
from mctimeline.gazetteer.triggers import (
    _LATIN_LETTER,
    _all_latin,
    _Held,
    _Patterns,
    _Triggers,
)

LANGS = ("fa", "ar", "en")


def _seat_hamzas(text: str) -> str:
    """Beyond mctimeline.normalize: hamza seats, so that «مسائل»/«مسایل» and «مؤتمر»/«موتمر» agree.

    Two str.replace, not str.translate: translate looks every character up in its table, a
    thousand times slower (266 µs for a 2,350-character text, a tenth of tagging it).
    """
    return text.replace("ئ", "ی").replace("ؤ", "و")


@lru_cache(maxsize=8192)  # one sentence is folded for its series, place, kinds and words
def fold(text: str) -> str:
    """Text folded for gazetteer matching: mctimeline.normalize's fold, ZWNJ read as a space.

    A ZWNJ separates the parts of a word, so it counts as the optional space between
    a name's words («بین‌المللی» = «بین المللی» = «بینالمللی»). Not offset-preserving.
    """
    return _seat_hamzas(normalize.fold(text.replace("\u200c", " ")))


_SLICES_KEPT = 4096  # a few documents' worth of sentences and clauses


@dataclass(frozen=True)
class FoldedText:
    """A whole text folded once, from which the fold of any slice is read without folding again.

    `fold` works code point by code point, except that a run of white space becomes
    one space and a run at either edge of the input is dropped; so the fold of
    `original[lo:hi]` is the folded code points that come from [lo, hi), less a
    leading or trailing space that stands for white space. `slice(lo, hi)` equals
    `fold(original[lo:hi])` for every lo <= hi (a property test checks it), and a
    document with ~180 clauses, sentences and names to match is folded once, not 180 times.
    """

    original: str  # with ZWNJ read as a space, as fold reads it
    text: str  # fold(original)
    offsets: tuple[int, ...]  # per folded code point, the index in `original` it comes from
    _candidates: dict[tuple[str, str], tuple[Any, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _present: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _latin: list[bool] = field(default_factory=list, init=False, repr=False, compare=False)
    _words: list[frozenset[str]] = field(default_factory=list, init=False, repr=False, compare=False)
    # A date's sentence and clause are sliced by every describer (kinds, places, actors, series,
    # words): a few thousand distinct spans a document, each asked for several times.
    _slices: dict[tuple[int, int], str] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, text: str) -> FoldedText:
        spaced = text.replace("\u200c", " ")
        norm = normalize.normalize(spaced)
        return cls(spaced, _seat_hamzas(norm.text), tuple(norm.offsets))

    def slice(self, lo: int, hi: int) -> str:
        """fold(text[lo:hi]) for the text this was made of."""
        found = self._slices.get((lo, hi))
        if found is None:
            found = self._slice(lo, hi)
            if len(self._slices) >= _SLICES_KEPT:
                self._slices.clear()  # a text of megabytes: the memory stays bounded
            self._slices[(lo, hi)] = found
        return found

    def _slice(self, lo: int, hi: int) -> str:
        a = bisect.bisect_left(self.offsets, lo)
        b = bisect.bisect_left(self.offsets, hi, a)
        if a < b and self.text[a] == " " and self._blank(a):
            a += 1  # white space at the slice's start: fold drops it
        if a < b and self.text[b - 1] == " " and self._blank(b - 1):
            b -= 1  # white space at its end, only written out when a letter follows
        return self.text[a:b]

    def candidates(self, kind: str, lang: str, within: str | None = None) -> _Patterns:
        """The series, place or actor patterns (`kind`) of `lang` whose trigger word is in this text,
        and in `within` (a slice of it) when given, in the table's order.

        A slice can only match what the whole text holds the trigger of, so each of a
        document's clauses is tried against these few instead of the whole gazetteer;
        and most clauses hold none of the few distinct triggers, which one test each rules out.
        """
        table = self._candidates.get((kind, lang))
        if table is None:
            table = self._table(kind, lang)
        found, rows = table
        if within is None or not found:
            return found
        present = [row for row in rows if row[0] in within]
        if len(present) == len(rows):
            return found
        if not present:
            return ()
        if len(present) == 1:
            return present[0][2]
        # Each trigger's patterns merged back into the table's order.
        return tuple(found[i] for i in sorted(chain.from_iterable(row[1] for row in present)))

    def triggers(self, kind: str, lang: str) -> tuple[str, ...]:
        """The distinct trigger words of the `kind` patterns tried on a text of `lang` (its own
        spellings, then English) that this whole text holds: a slice of it holding none of them
        names nothing of that kind, and need not be matched at all."""
        found = (t for language in _search_order(lang) for t in self._kind_triggers(kind, language))
        return tuple(dict.fromkeys(found))

    def _kind_triggers(self, kind: str, lang: str) -> list[str]:
        """The distinct triggers of `candidates(kind, lang)`, in the order their first patterns
        stand: read from the text's triggers without making the candidates, which a text whose
        slices hold none of them never asks for."""
        if _all_latin(kind, lang) and not self.has_latin():
            return []
        at = _Triggers.of(kind, lang).at
        return sorted((t for t in self._triggers(lang) if t in at), key=lambda t: at[t][0])

    def _table(self, kind: str, lang: str) -> tuple[_Patterns, tuple[_TriggerRow, ...]]:
        """`candidates` of the whole text, and each of their distinct triggers with where its
        patterns stand in them and the patterns."""
        found = _candidates_of(kind, lang, self._triggers, self.has_latin)
        at: dict[str, list[int]] = {}
        for i, p in enumerate(found):
            at.setdefault(p[2], []).append(i)
        rows = tuple((trigger, tuple(ix), tuple(found[i] for i in ix)) for trigger, ix in at.items())
        self._candidates[(kind, lang)] = (found, rows)
        return found, rows

    def has_latin(self) -> bool:
        """Whether the folded text holds a Latin letter (one scan for the three tables and the
        cue tables of events.happenings)."""
        if not self._latin:
            self._latin.append(bool(_LATIN_LETTER.search(self.text)))
        return self._latin[0]

    def _triggers(self, lang: str) -> set[str]:
        """The triggers of `lang`'s tables (every kind's) in the folded text: its words are
        looked up once for the three tables."""
        if lang not in self._present:
            self._present[lang] = _Held.of(lang).present(self.words())
        return self._present[lang]

    def words(self) -> frozenset[str]:
        """The distinct space-separated words of the folded text (split once for every table)."""
        if not self._words:
            self._words.append(frozenset(self.text.split(" ")))
        return self._words[0]

    def _blank(self, index: int) -> bool:
        # A space of the folded text stands for white space when the character it comes
        # from folds to nothing alone (not one space inside a ligature's letters: «ﷺ»).
        return not fold(self.original[self.offsets[index]])


def patterns_for(kind: str, lang: str, folded: str, within: FoldedText | None) -> _Patterns:
    """The patterns to try on `folded`: `within.candidates` when it is a slice of `within`, else
    `candidates_in`."""
    return within.candidates(kind, lang, folded) if within else candidates_in(kind, lang, folded)


def candidates_in(kind: str, lang: str, folded: str) -> _Patterns:
    """The series, place or actor patterns (`kind`) of `lang` whose trigger word is in the folded
    text `folded`, in the table's order: those of the whole table that can match it."""
    return _candidates_of(
        kind,
        lang,
        lambda la: _Held.of(la).present(frozenset(folded.split(" "))),
        lambda: bool(_LATIN_LETTER.search(folded)),
    )


def _candidates_of(
    kind: str, lang: str, triggers: Callable[[str], set[str]], has_latin: Callable[[], bool]
) -> _Patterns:
    """`candidates_in` of a text whose triggers of a language `triggers` gives, and whether it
    holds a Latin letter `has_latin`, each asked only when needed."""
    if _all_latin(kind, lang) and not has_latin():
        return ()  # a Persian or Arabic text
    return _Triggers.of(kind, lang).patterns(triggers(lang))


@cache
def _load(name: str) -> dict[str, Any]:
    raw = resources.files("mctimeline").joinpath(f"data/{name}").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


# --- pattern building ----------------------------------------------------------

_AR_PROCLITIC = "[وف]?[بلک]?"
_AR_ARTICLE = "[وف]?(?:[بک]?ال|لل)"
_LEFT = r"(?<![\w])"
_RIGHT = r"(?![\w])"
_SLOT = re.compile(r"(\{n\}|\{name\})")


def _words_pattern(phrase: str, lang: str, slots: dict[str, str] | None = None) -> str:
    """A regex for a phrase whose words may be written together or apart.

    `slots` maps "{n}"/"{name}" to sub-patterns. In Arabic the first word may carry
    proclitics (captured as group `pre` when it is not a slot).
    """
    words = fold(phrase).split(" ")
    parts = [_token_pattern(w, slots or {}) for w in words]
    if lang == "ar" and words and not _SLOT.match(words[0]):
        first = words[0]
        if first.startswith("ال") and len(first) > 2:
            parts[0] = f"(?P<pre>{_AR_ARTICLE})" + _token_pattern(first[2:], slots or {})
        else:
            parts[0] = f"(?P<pre>{_AR_PROCLITIC})" + parts[0]
    return " ?".join(parts)


def _token_pattern(token: str, slots: dict[str, str]) -> str:
    return "".join(
        slots.get(piece, piece) if _SLOT.fullmatch(piece) else re.escape(piece)
        for piece in _SLOT.split(token)
        if piece
    )


def _trigger(phrase: str) -> str:
    """A substring every match of the phrase contains: its longest word (Arabic article dropped).

    Tested with `in` before the regex runs, which keeps a large corpus cheap.
    """
    words = [
        w[2:] if w.startswith("ال") and len(w) > 4 else w for w in fold(_SLOT.sub(" ", phrase)).split(" ")
    ]
    return max(words, key=len) if words else ""


def _search_order(lang: str) -> tuple[str, ...]:
    # A text's own spellings, then English (names in Latin script, often in brackets). Persian
    # spellings are not tried on Arabic text or the reverse: «عمان» is Oman in Persian but
    # also Amman in Arabic.
    if lang not in LANGS:
        return LANGS
    return (lang, "en") if lang != "en" else ("en",)


@cache
def ambiguous(file: str, lang: str) -> frozenset[str]:
    """The folded spellings of `lang` that file's [ambiguous] table says name several entries."""
    return frozenset(fold(form) for form in _load(file).get("ambiguous", {}).get(lang, []))


_TriggerRow = tuple[str, tuple[int, ...], _Patterns]  # a trigger, where its patterns stand, the patterns


def _name_patterns(file: str, table: str, key: str, lang: str) -> _Patterns:
    """(regex, entry's `key`, trigger) for every spelling of `lang` in a gazetteer's `table`,
    longest first, an ambiguous spelling left out."""
    skip = ambiguous(file, lang)
    found: list[tuple[int, str, str, str]] = []
    for entry in _load(file)[table]:
        for form in entry.get(lang, []):
            if fold(form) not in skip:
                found.append((len(form), _words_pattern(form, lang), entry[key], _trigger(form)))
    found.sort(key=lambda t: -t[0])
    return tuple((bounded(pat), name, trigger) for _, pat, name, trigger in found)


_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_QUANTIFIERS = frozenset("?*+{")


def bounded(pat: str) -> re.Pattern[str]:
    """`_LEFT + pat + _RIGHT` compiled, with the look back checked after the literal `pat` opens
    with, when it opens with one: a pattern opening with a look back leaves re no literal to
    skip ahead by, and it is tried at every character of the text searched.

    After a literal L matched at p, `(?<!\\wL)` fails exactly when a word character stands at
    p - 1 (text[p:p + len(L)] is L), and holds at the text's start: `(?<!\\w)` before L.
    """
    compiled = re.compile(look_back_after_literal(pat) + _RIGHT)
    if _literal_length(pat) <= 0:
        for pre in _PROCLITIC_GROUPS:
            if pat.startswith(pre) and _literal_length(pat[len(pre) :]) > 0:
                # An Arabic name opens with its optional proclitics: its literal stands at most
                # _PROCLITIC_REACH characters after the start of a match (`find_all`).
                led_by(compiled, pat[len(pre) : len(pre) + _literal_length(pat[len(pre) :])])
    return compiled


def look_back_after_literal(pat: str) -> str:
    """`_LEFT + pat`, written with the look back after the literal L that `pat` opens with when
    it opens with one: `L(?<!\\wL)` and the rest (see `bounded`)."""
    n = _literal_length(pat)
    if n <= 0:
        return _LEFT + pat
    return f"{pat[:n]}(?<!\\w{pat[:n]}){pat[n:]}"


def _literal_length(pat: str) -> int:
    """How many characters `pat` opens with that match themselves, once each."""
    n = 0
    while n < len(pat) and pat[n] not in _SPECIAL:
        n += 1
    if n < len(pat) and pat[n] in _QUANTIFIERS:
        n -= 1  # the quantifier repeats the literal's last character
    return n


# The optional Arabic proclitics a name's pattern opens with (_words_pattern; the series' without
# a group name), and the most characters they match.
_PROCLITIC_GROUPS = tuple(
    f"({group}{pre})" for pre in (_AR_PROCLITIC, _AR_ARTICLE) for group in ("?P<pre>", "?:")
)
_PROCLITIC_REACH = 4
# Patterns opening with proclitics, by id(): (the pattern, kept so that its id is not reused; what
# every match holds within _PROCLITIC_REACH characters of its start: a literal, or a pattern).
_LED: dict[int, tuple[re.Pattern[str], str | re.Pattern[str]]] = {}


def led_by(pattern: re.Pattern[str], lead: str | re.Pattern[str]) -> re.Pattern[str]:
    """`pattern`, which `find_all` tries only where `lead` (a string or a pattern without a
    look back) matches and up to _PROCLITIC_REACH characters before: every match of `pattern`
    starting at p holds a match of `lead` at some q in [p, p + _PROCLITIC_REACH]."""
    _LED[id(pattern)] = (pattern, lead)
    return pattern


def find_all(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern of `bounded` or `led_by`: one opening with Arabic
    proclitics is tried only where its literal stands, up to _PROCLITIC_REACH characters before
    it (re would try it at every character: it opens with a look back and optional letters)."""
    led = _LED.get(id(pattern))
    if led is None:
        return pattern.finditer(text)
    return _led_matches(pattern, led[1], text)


def first_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`next(find_all(pattern, text), None)`: a pattern not led by a literal is searched, without the
    iterator finditer makes."""
    led = _LED.get(id(pattern))
    if led is None:
        return pattern.search(text)
    return next(_led_matches(pattern, led[1], text), None)


def _led_matches(pattern: re.Pattern[str], lead: str | re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """finditer's matches, leftmost first and not overlapping: a match starting at p holds `lead`
    at some q in [p, p + _PROCLITIC_REACH], so the starts are tried in order over those ranges."""
    pos = 0  # where the next match may start
    q = _next_lead(lead, text, 0)
    while q >= 0:
        for p in range(max(pos, q - _PROCLITIC_REACH), q + 1):
            m = pattern.match(text, p)  # the look back sees the text before p, as in finditer
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = q + 1
        q = _next_lead(lead, text, pos)


def _next_lead(lead: str | re.Pattern[str], text: str, pos: int) -> int:
    """Where `lead` first stands in text from pos (-1: nowhere)."""
    if isinstance(lead, str):
        return text.find(lead, pos)
    m = lead.search(text, pos)
    return -1 if m is None else m.start()
