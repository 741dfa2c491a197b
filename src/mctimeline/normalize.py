"""Text normalization for matching (digits, letters, marks, spaces), with offsets back to the original.

The tagger matches words on a normalized copy of the text and reports spans in the
original. `normalize(text)` returns that copy together with, for every normalized
code point, the index of the original code point it came from; `Normalized.original_span`
turns a normalized [start, end) into the original [start, end) that starts at the first
original character of the first token and ends after the last original character of
the last token (trailing diacritics and tatweel included, trailing spaces, joiners and
bidi controls excluded).

What is folded, and why:
- every decimal digit (Persian ۰-۹, Arabic-Indic ٠-٩, Latin, others) -> Latin 0-9;
- Arabic ي ى and Persian ی -> ی; ك -> ک; ة ۀ ە -> ه; ھ -> ه; alef forms أ إ آ ٱ -> ا,
  so that one lexicon spelling matches every common variant («أبريل», «إبريل», «ابريل»);
- tatweel (ـ) and harakat/Quranic marks are dropped; so are ZWNJ, ZWJ, LRM, RLM and the
  bidi embedding/isolate controls (ZWNJ missing or present then reads the same; the
  lexicon treats a space inside a phrase as optional, which covers ZWNJ-as-space);
- every whitespace run (newlines, blank lines, NBSP, tabs) -> one space;
- Arabic presentation forms are decomposed (NFKC), Latin letters lowercased.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Language = Literal["fa", "ar", "en"]

# Characters removed outright: tatweel, zero-width joiners, direction marks and controls.
_REMOVED = frozenset(
    "\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c"
)
_FOLD = {
    "ي": "ی",
    "ى": "ی",
    "ك": "ک",
    "ة": "ه",
    "ۀ": "ه",
    "ە": "ه",
    "ھ": "ه",
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "\u00a0": " ",
}


def _is_mark(ch: str) -> bool:
    """Harakat, Quranic annotation marks and other combining marks: dropped, but kept inside spans."""
    return unicodedata.category(ch) in ("Mn", "Me") or ch == "\u0640"


def is_removable(ch: str) -> bool:
    """True for characters the normalized text drops (marks, tatweel, joiners, bidi controls)."""
    return ch in _REMOVED or _is_mark(ch)


def _fold_char(ch: str) -> str:
    if ch in _FOLD:
        return _FOLD[ch]
    if "0" <= ch <= "9" or ch.isascii():
        return ch.lower()
    if ch.isdecimal():
        return str(unicodedata.decimal(ch))
    code = ord(ch)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed != ch:
            return "".join(_fold_char(c) for c in decomposed if not is_removable(c))
    if ch.isspace():
        return " "
    return ch.lower()


@dataclass(frozen=True)
class Normalized:
    """A normalized copy of `original` and, per normalized code point, its original index."""

    original: str
    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the normalized [start, end) (end > start)."""
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1
        original = self.original
        # A word's trailing harakat or tatweel belong to it («غداً»); joiners and spaces do not.
        while o_end < len(original) and _is_mark(original[o_end]):
            o_end += 1
        return o_start, o_end


def normalize(text: str) -> Normalized:
    """Normalize `text` for matching; see the module docstring for what is folded."""
    out: list[str] = []
    offsets: list[int] = []
    space_pending = -1
    for i, ch in enumerate(text):
        if ch in _REMOVED or _is_mark(ch):
            continue
        folded = _fold_char(ch)
        if not folded:
            continue
        if folded == " " or folded.isspace():
            if space_pending < 0:
                space_pending = i
            continue
        if space_pending >= 0:
            if out:
                out.append(" ")
                offsets.append(space_pending)
            space_pending = -1
        for c in folded:
            out.append(c)
            offsets.append(i)
    return Normalized(text, "".join(out), tuple(offsets))


def fold(text: str) -> str:
    """Just the normalized string (for lexicon entries and comparisons)."""
    return normalize(text).text


# Letters found in one of the two scripts' orthographies and not the other.
_PERSIAN_LETTERS = frozenset("پچژگکی")
_ARABIC_LETTERS = frozenset("ةيكىأإؤ")
_PERSIAN_WORDS = frozenset(
    {"در", "از", "به", "با", "که", "این", "را", "است", "شد", "خود", "برای", "روز", "آن"}
)
_ARABIC_WORDS = frozenset({"في", "من", "إلى", "على", "أن", "التي", "الذي", "عن", "هذا", "يوم", "قد", "مع"})


def detect_language(text: str) -> Language:
    """fa, ar or en, by counting words with script-specific letters and common function words.

    Persian-only letters (پ چ ژ گ and Persian ک ی) count for fa, Arabic-only ones
    (ة ي ك ى أ إ ؤ) and words with the article «ال» for ar; frequent function words of
    each language count twice, which decides texts typed with the other script's ی/ک.
    A text with no Arabic-script letters (or mostly Latin words) is en; a tie is fa.
    """
    fa = ar = latin = 0
    for word in text.split():
        letters = set(word)
        if word in _PERSIAN_WORDS:
            fa += 2
        elif word in _ARABIC_WORDS:
            ar += 2
        if letters & _PERSIAN_LETTERS:
            fa += 1
        if letters & _ARABIC_LETTERS:
            ar += 1
        if word.startswith(("ال", "وال", "بال", "لل")) and len(word) > 3:
            ar += 1
        if any("a" <= c.lower() <= "z" for c in word):
            latin += 1
    arabic_script = any("\u0600" <= c <= "\u06ff" for c in text)
    if not arabic_script or latin > 2 * (fa + ar) + 2:
        return "en"
    return "fa" if fa >= ar else "ar"


# A token is a run of digits, a run of letters, or one other non-space character.
TOKEN = re.compile(r"\d+|[^\W\d_]+|\S")


def tokens(normalized: str) -> list[tuple[int, int]]:
    """The [start, end) of every token of a normalized text."""
    return [m.span() for m in TOKEN.finditer(normalized)]


def key(phrase: str) -> str:
    """The lookup key of a word or phrase: its normalized tokens joined without spaces."""
    folded = fold(phrase)
    return "".join(folded[s:e] for s, e in tokens(folded))
