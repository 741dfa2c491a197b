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
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, cached_property
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
    """A normalized copy of `original` and, per normalized code point, its original index.

    The index map is stored as segments (runs where normalized and original indices
    advance together): `seg_starts[k]` is the normalized index where segment k begins
    and `seg_origins[k]` the original index it maps to. `offsets` expands them.
    """

    original: str
    text: str
    seg_starts: tuple[int, ...]
    seg_origins: tuple[int, ...]

    @cached_property
    def offsets(self) -> tuple[int, ...]:
        """The original index of every normalized code point."""
        out: list[int] = []
        starts, origins = self.seg_starts, self.seg_origins
        n = len(self.text)
        for k, (s, o) in enumerate(zip(starts, origins, strict=True)):
            e = starts[k + 1] if k + 1 < len(starts) else n
            out.extend(range(o, o + e - s))
        return tuple(out)

    def origin(self, index: int) -> int:
        """The original index of normalized code point `index`."""
        k = bisect_right(self.seg_starts, index) - 1
        return self.seg_origins[k] + index - self.seg_starts[k]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the normalized [start, end) (end > start)."""
        o_start = self.origin(start)
        o_end = self.origin(end - 1) + 1
        original = self.original
        # A word's trailing harakat or tatweel belong to it («غداً»); joiners and spaces do not.
        while o_end < len(original) and _is_mark(original[o_end]):
            o_end += 1
        return o_start, o_end


def _segments(offsets: list[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Compress a full offset list into segments (see `Normalized`)."""
    starts: list[int] = []
    origins: list[int] = []
    prev = -2
    for j, o in enumerate(offsets):
        if o != prev + 1:
            starts.append(j)
            origins.append(o)
        prev = o
    return tuple(starts), tuple(origins)


def _normalize_slow(text: str) -> Normalized:
    """The reference algorithm, one code point at a time (used when the fast path cannot be)."""
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
    return Normalized(text, "".join(out), *_segments(offsets))


# Stands for a removed character in the translated text, so that it keeps the original's length.
_GONE = "\uffff"


_TABLE_LIMIT = 1 << 16


class _FoldTable(dict[int, str]):
    """str.translate table built on demand: each code point's fold, one entry per distinct character.

    A removed character maps to `_GONE`, a space of any kind to " ", anything else to its
    fold (a longer fold makes the translated text longer, which sends `normalize` to the
    slow path).
    """

    def __missing__(self, code: int) -> str:
        if len(self) >= _TABLE_LIMIT:
            self.clear()  # bounded memory whatever the input (real texts use a few hundred characters)
        ch = chr(code)
        if ch in _REMOVED or _is_mark(ch):
            value = _GONE
        else:
            folded = _fold_char(ch)
            if not folded:
                value = _GONE
            elif folded == " " or folded.isspace():
                value = " "
            else:
                value = folded
        self[code] = value
        return value


_TABLE = _FoldTable()
# Runs of removed characters and spaces that do not map one to one: a removed character,
# two or more in a row, or a space at either end (dropped). The definition `_irregular_spans`
# is tested against; it tries a match at every space, so is not the one run.
_IRREGULAR = re.compile(f"[ {_GONE}](?:[ {_GONE}]+|(?<={_GONE})|(?<=\\A )|(?=\\Z))")
_RUN = re.compile("  +")  # a literal start: the engine skips to "  " (most spaces stand alone)
# A removed character standing alone (neither neighbour a space or another removed character).
# It begins with a literal, which the engine finds without stopping at every space.
_LONE_GONE = re.compile(f"{_GONE}(?<![ {_GONE}]{_GONE})(?![ {_GONE}])")


def _irregular_spans(translated: str) -> list[tuple[int, int]]:
    """The spans `_IRREGULAR.finditer(translated)` gives: every run of removed characters and
    spaces two or more long, a lone removed character, and a lone space at either end. Found
    without the regex stopping at every space (it began a match attempt at each, a third of
    normalizing the seeds): the runs two or more long are the runs of spaces, found by a literal
    "  " search, once each removed character is read as a space; the lone removed characters
    by a literal search for them."""
    n = len(translated)
    if _GONE in translated:
        spaced = translated.replace(_GONE, " ")
        spans = [m.span() for m in _RUN.finditer(spaced)]
        spans += [m.span() for m in _LONE_GONE.finditer(translated)]
        spans.sort()  # two sorted lists of disjoint spans
    else:
        spaced = translated
        spans = [m.span() for m in _RUN.finditer(translated)]
    # a lone space at either end (a lone removed character there is found above)
    if translated.startswith(" ") and not spaced.startswith("  "):
        spans.insert(0, (0, 1))
    if n > 1 and translated.endswith(" ") and not spaced.endswith("  "):
        spans.append((n - 1, n))
    return spans


# Where to look for characters that fold to themselves; the common ones of these scripts.
_IDENTITY_RANGES = ((0x20, 0x7F), (0xA0, 0x100), (0x600, 0x700), (0x2010, 0x2030))


@cache
def _folding() -> re.Pattern[str]:
    """Any character not known to fold to itself (the known ones: those of `_IDENTITY_RANGES`
    whose fold, asked of the fold table once, is the character itself)."""
    same = (chr(c) for lo, hi in _IDENTITY_RANGES for c in range(lo, hi) if _TABLE[c] == chr(c))
    return re.compile("[^" + "".join(map(re.escape, same)) + "]")


def _translate(text: str) -> str:
    """`text.translate(_TABLE)`, made by one `str.replace` per distinct character that changes.

    A text holds a few dozen distinct characters that fold (digits, ي ك ة, ZWNJ, newlines,
    capitals); replacing each in one C-level pass is several times faster than translating
    code point by code point. Exact: every character outside the regex's class folds to
    itself, and each fold is a fixed point of the table (checked; else plain translate), so
    no replacement's result is changed again by a later one.
    """
    folding = _folding()
    out = text
    pos = 0
    while (m := folding.search(out, pos)) is not None:
        ch = m.group()
        f = _TABLE[ord(ch)]
        if f == ch:  # a rare character that folds to itself: the rest in one sweep
            rest = set(folding.findall(out, m.end()))
            return _replace_each(out, rest) if rest else out
        if len(f) != 1 or (f != _GONE and _TABLE[ord(f)] != f):
            return text.translate(_TABLE)  # a multi-character fold, or not a fixed point
        out = out.replace(ch, f)
        pos = m.start()
    return out


def _replace_each(text: str, chars: set[str]) -> str:
    for ch in chars:
        f = _TABLE[ord(ch)]
        if f == ch:
            continue
        if len(f) != 1 or (f != _GONE and _TABLE[ord(f)] != f):
            return text.translate(_TABLE)  # see _translate: applied to a prefix-folded text, still the same
        text = text.replace(ch, f)
    return text


# The last text normalized and its Normalized: the per-document stage normalizes a text for the
# tagger and then for its FoldedText, the same str object when it holds no ZWNJ (str.replace
# returns the text itself when there is nothing to replace).
_last: tuple[str, Normalized] | None = None


def normalize(text: str) -> Normalized:
    """Normalize `text` for matching; see the module docstring for what is folded."""
    global _last
    last = _last  # one read: another thread may replace it
    if last is not None and last[0] is text:
        return last[1]
    found = _normalize(text)
    _last = (text, found)
    return found


def _normalize(text: str) -> Normalized:
    if _GONE in text:
        return _normalize_slow(text)
    translated = _translate(text)
    n = len(translated)
    if n != len(text):
        return _normalize_slow(text)  # a code point folded to several (ligatures, «İ»)
    spans = _irregular_spans(translated)
    if not spans and n:
        return Normalized(text, translated, (0,), (0,))  # one space between words, none at the ends
    starts = [0]
    origins = [0]
    # The normalized text is built from the pieces between the irregular spans (and the one
    # space an inner span stands for), joined once: the text had every removed character
    # replaced and every run of spaces halved until none was left, a full copy of the text
    # per pass (a fifth of normalizing the seeds). The segments are made as `_segments` would
    # make them (a new one only where the offsets jump), so no pass tidies them afterwards.
    pieces: list[str] = []
    out_len = 0  # normalized code points produced before the current original position
    pos = 0
    for a, b in spans:
        pieces.append(translated[pos:a])
        out_len += a - pos
        pos = b
        if b == n:
            break  # a span at the end is dropped, and no segment begins after it
        # a span inside stands for one space, if it holds any (out_len is 0 only at the start,
        # where a span is dropped: the character before an inner span is kept)
        space = translated.find(" ", a, b) if out_len else -1
        if space >= 0:
            # that space maps to the run's first space: a segment of its own unless it is the
            # run's first character (whose segment goes on from the text before it)
            if space != a:
                starts.append(out_len)
                origins.append(space)
            pieces.append(" ")
            out_len += 1
            if b == space + 1:
                continue  # the text after the run goes on from that space's segment
        if out_len == starts[-1]:
            origins[-1] = b  # a span at the start: the text begins after it
        else:
            starts.append(out_len)
            origins.append(b)
    pieces.append(translated[pos:])
    folded = "".join(pieces)
    if not folded:
        return Normalized(text, "", (), ())
    return Normalized(text, folded, tuple(starts), tuple(origins))


def fold(text: str) -> str:
    """Just the normalized string (for lexicon entries and comparisons)."""
    return normalize(text).text


# Letters found in one of the two scripts' orthographies and not the other. Arabic-form
# «ي» and «ك» are not among Arabic's: Persian agencies publishing from Arabic keyboards and
# systems write them for «ی» and «ک» throughout, so they tell nothing about the language.
_PERSIAN_LETTERS = frozenset("پچژگکی")
_ARABIC_LETTERS = frozenset("ةىأإؤ")
# Persian function words, also as written with Arabic-form «ي»/«ك» (none is an Arabic word).
_PERSIAN_WORDS = frozenset(
    {"در", "از", "به", "با", "که", "این", "را", "است", "شد", "خود", "برای", "روز", "آن"}
    | {"كه", "اين", "براي"}
)
_ARABIC_WORDS = frozenset({"في", "من", "إلى", "على", "أن", "التي", "الذي", "عن", "هذا", "يوم", "قد", "مع"})


# A word holding at least one such letter: from its first such letter to the word's end,
# so each word counts once.
_PERSIAN_LETTER_WORD = re.compile(r"[پچژگکی]\S*")
_ARABIC_LETTER_WORD = re.compile(r"[ةىأإؤ]\S*")
_ARTICLES = ("ال", "وال", "بال", "لل")
# Characters whose lowercase begins with a-z: ASCII letters, «İ» (i + dot), the Kelvin sign.
_LATIN_WORD = re.compile(r"[A-Za-z\u0130\u212a]\S*")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def detect_language(text: str) -> Language:
    """fa, ar or en, by counting words with script-specific letters and common function words.

    Persian-only letters (پ چ ژ گ and Persian ک ی) count for fa, Arabic-only ones
    (ة ى أ إ ؤ) and words with the article «ال» for ar; frequent function words of
    each language count twice. Arabic-form ي and ك count for neither: Persian is often
    written with them, and Arabic is told by its other letters, article and words.
    A text with no Arabic-script letters (or mostly Latin words) is en; a tie is fa.
    Words are whitespace-separated; letters are counted by one regex pass each, function
    words by one C-level membership map over the words each (cheaper than counting every
    distinct word, which only the rare article count below needs).
    """
    if not _ARABIC_SCRIPT.search(text):
        return "en"
    words = text.split()
    fa = 2 * sum(map(_PERSIAN_WORDS.__contains__, words)) + len(_PERSIAN_LETTER_WORD.findall(text))
    ar = 2 * sum(map(_ARABIC_WORDS.__contains__, words)) + len(_ARABIC_LETTER_WORD.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    # The words with an article only add to ar, and there are at most as many as «ل»s (each
    # holds one): when the answer is the same whatever they add, they are not counted.
    if latin <= 2 * (fa + ar) + 2:
        if fa < ar:
            return "ar"
        if fa >= ar + text.count("ل"):
            return "fa"
    ar += sum(1 for w in words if len(w) > 3 and w.startswith(_ARTICLES))
    if latin > 2 * (fa + ar) + 2:
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
