"""Tokens and forms: a normalized text's tokens, and the lexicon forms and numbers read at each.

`_TokenReader` is what the scanner (`scan`) stands on: which lexicon entries begin at a
token (`match`, `kinds`), a token's offsets, and the numbers a date is made of (a day, a
year, a calendar marker, YEAR [marker] after a year keyword), with the tests that keep a
number that counts or measures something out of a date.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Mapping, Sequence
from itertools import accumulate, repeat
from operator import add, ne
from types import MappingProxyType
from typing import NamedTuple

from mctimeline.lexicon import Entry, Lexicon, definite_articles
from mctimeline.normalize import Normalized, tokens

_PARENS = frozenset("()[]﴾﴿")
_COMMAS = frozenset(",،")
_SENTENCE_END = frozenset(".!?؟;؛\n")
_TIGHT = frozenset("/.:-–—_")
_GLOSS_SLASH = "/"
_NO_KINDS: Mapping[str, tuple[Entry, int]] = MappingProxyType({})


class Tok(NamedTuple):
    """A token of the normalized text (a named tuple: texts have thousands of them)."""

    start: int
    end: int
    text: str
    space_before: bool
    # Normalized digits are ASCII; «²» or «①» are not numbers of a date.
    is_num: bool


# The scanner keeps a text's tokens as two lists made by a few C-level passes (`_token_lists`):
# the tokens' texts (`_Scanner.toks`) and whether a space comes before each
# (`_Scanner._spaced`). No object per token: a named tuple each cost more than the rest of
# tokenizing, and the garbage collector's passes over them as much again. A number is a
# token whose text is decimal (normalize folds every decimal digit to 0-9, so "ASCII digits
# only" is str.isdecimal there). Offsets are worked out only when a mention needs them
# (`_Scanner.token_span`).
# normalize.TOKEN with the space before it, if any (the definition of the tokens, and the
# way `_token_lists` takes for texts it does not read itself): a normalized text is tokens separated
# by at most one space, so these pieces tile it and their lengths give every token's end.
# Letters first: the classes are disjoint, so the order changes nothing but speed (words
# are the commonest tokens). A run of letters that begins with one of the letters normalized
# Persian, Arabic and English text is written in (a-z and the Arabic script's, each of them
# [^\W\d_] too: tests check) is read by plain character ranges and only the rest of it, mostly
# none, by the Unicode class: its category lookups at the run's end, not at every letter; the
# same pieces (the run is still the longest). The tokenizer took nearly a third of the seeds'
# instructions.
_COMMON_LETTERS = "a-z\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
_TOKEN_PIECE_PLAIN = r" ?(?:[^\W\d_]+|\d+|\S)"
_TOKEN_PIECE = re.compile(f" ?(?:[{_COMMON_LETTERS}]+[^\\W\\d_]*|[^\\W\\d_]+|\\d+|\\S)")


def _make_tokens(text: str) -> list[Tok]:
    """The tokens of a normalized text (as `normalize.tokens`), as named tuples."""
    words, spaced = _token_lists(text)
    ends = _token_ends(text, words, spaced)
    return [Tok(e - len(t), e, t, sp, t.isdecimal()) for e, t, sp in zip(ends, words, spaced, strict=True)]


def _token_lists_regex(text: str) -> tuple[list[str], list[bool]]:
    """The tokens' texts and whether a space comes before each, by the pieces' regex: the
    definition `_token_lists` gives the same as, and its way for texts not of normalize's shape."""
    pieces = _TOKEN_PIECE.findall(text)
    toks = list(map(str.lstrip, pieces))
    # a piece differs from its token only by the space before it: `ne` answers from the
    # lengths (or the very same object), cheaper than asking each piece how it starts
    return toks, list(map(ne, pieces, toks))


# Marks a place between two tokens with no space between them (never in a text it is used on).
_CUT = "\x00"
# A character other than a space, a common letter or the mark, but an ASCII digit only where a
# letter stands beside it: in normalized text, punctuation (each a token of its own) and digits
# glued to a word. A class of ranges first, cheap to test at every character.
_OTHER = re.compile(
    f"[^{_CUT} {_COMMON_LETTERS}]"
    f"(?:(?<![0-9])|(?<=[{_COMMON_LETTERS}][0-9])|(?<=[0-9])(?=[{_COMMON_LETTERS}]))"
)
# A character that is a token by itself wherever it stands (not a letter, digit or space).
_ALONE = re.compile(r"[^\w\s]|_")
# A digit glued to a letter before or after it («2020م», «ه1403»): a token ends between them.
_DIGIT_LETTER = re.compile(f"[0-9](?:(?<=[{_COMMON_LETTERS}][0-9])|(?=[{_COMMON_LETTERS}]))")
_LETTER = re.compile(f"[{_COMMON_LETTERS}]")


def _cut_at_letters(m: re.Match[str]) -> str:
    """A digit of `_DIGIT_LETTER` with a mark on each side of it a letter stands."""
    text, i = m.string, m.start()
    before = _CUT if i and _LETTER.match(text, i - 1) else ""
    after = _CUT if _LETTER.match(text, i + 1) else ""
    return f"{before}{m.group()}{after}"


def _token_lists(text: str) -> tuple[list[str], list[bool]]:
    """The tokens' texts and whether a space comes before each (as `_token_lists_regex`).

    A normalized text is words one space apart; most words are one token (a run of letters or
    of digits), and the rest hold punctuation, rarely a digit glued to a letter. So the places
    where a token ends inside a word are marked first, by one C-level `str.replace` per distinct
    punctuation character (a dozen a text), and then the marked text is split at spaces and marks
    at once: a few passes over the text in C, where the regex made and stripped a piece per
    token (a third fewer instructions; CPU time 1.14x less on short texts, the same on the
    seeds' long ones: see benchmarks/README.md). A text holding anything else (a letter outside
    the common ranges, another digit or space, the mark, runs of spaces) takes the regex.
    """
    if not text or text[0] == " " or text[-1] == " " or "  " in text or _CUT in text:
        return _token_lists_regex(text)
    marked = text
    glued = False
    for ch in set(_OTHER.findall(text)):
        if "0" <= ch <= "9":
            glued = True
        elif not _ALONE.match(ch):
            return _token_lists_regex(text)  # a letter or digit of another range, another space
        else:
            marked = marked.replace(ch, f"{_CUT}{ch}{_CUT}")
    if glued:
        marked = _DIGIT_LETTER.sub(_cut_at_letters, marked)
    if _CUT not in marked:
        toks = marked.split(" ")
        spaced = [True] * len(toks)
        spaced[0] = False
        return toks, spaced
    # a mark beside a space, or beside another mark, is no place of its own
    marked = marked.replace(f" {_CUT}", " ").replace(f"{_CUT} ", " ")
    while _CUT + _CUT in marked:
        marked = marked.replace(_CUT + _CUT, _CUT)
    marked = marked.strip(_CUT)
    toks = marked.replace(_CUT, " ").split(" ")
    spaced = [True] * len(toks)
    spaced[0] = False
    # the first token after each mark has no space before it: its index is the count of the
    # tokens before the mark (those of each stretch between marks: its spaces and one)
    chunks = marked.split(_CUT)
    for i in accumulate(map(add, map(str.count, chunks[:-1], repeat(" ")), repeat(1))):
        spaced[i] = False
    return toks, spaced


def _token_ends(text: str, toks: list[str], spaced: list[bool]) -> Sequence[int]:
    """Where every token ends (it starts its length earlier): pieces (a token and the space
    before it, if any) tile a normalized text, so their running lengths are the tokens' ends.
    An array of machine integers: 8 bytes a token, not the 36 of a list of ints."""
    ends = array("q", accumulate(map(add, map(len, toks), spaced)))
    if ends and ends[-1] != len(text):
        return [e for _, e in tokens(text)]  # not normalize's shape (other spaces): the regex's own
    return ends


class _TokenReader:
    """A text's tokens and the lexicon forms and numbers read at each token."""

    def __init__(self, norm: Normalized, lex: Lexicon, lang: str) -> None:
        self.norm = norm
        self.lex = lex
        self.lang = lang
        text = norm.text
        # The pieces are not kept: the tokens and their spaces give the same ends, and a long
        # text's pieces held a fifth of what tagging it took in memory.
        self.toks, self._spaced = _token_lists(text)
        self._n = len(self.toks)
        # token offsets, worked out on first need (`token_end`): every 64th token's end, or, for
        # a text not of normalize's shape, every token's end as the regex reads them
        self._marks: list[int] | None = None
        self._ends: Sequence[int] | None = None
        # the furthest token whose end was asked for, and that end (-1 and 0: before the first)
        self._cursor = (-1, 0)
        # each token's kinds table once made (see kinds())
        self._kinds: list[Mapping[str, tuple[Entry, int]] | None] = [None] * self._n

    # --- lexicon matching ----------------------------------------------------------------

    def phrases(self, i: int) -> list[tuple[int, tuple[Entry, ...]]]:
        """(token count, entries) of every lexicon form starting at token i, longest first."""
        found = []
        joined = ""
        toks = self.toks
        prefixes = self.lex.prefixes
        for k in range(min(self.lex.max_tokens, len(toks) - i)):
            t = toks[i + k]
            if t.isdecimal() or (k and t in _PARENS):
                break
            joined += t
            if joined not in prefixes:
                break  # no form begins so: none is longer either
            entries = self.lex.entries.get(joined)
            if entries:
                found.append((k + 1, entries))
        found.reverse()
        return found

    def match(self, i: int, kind: str) -> tuple[Entry, int] | None:
        """The longest entry of `kind` starting at token i, and the token index after it."""
        if i < 0:  # a negative index would wrap round to the text's end
            return None
        try:
            kinds = self._kinds[i]
        except IndexError:  # past the end: no form (a try costs nothing when nothing is raised)
            return None
        if kinds is None:
            kinds = self.kinds(i)
        m = kinds.get(kind)
        return None if m is None else (m[0], i + m[1])

    def kinds(self, i: int) -> Mapping[str, tuple[Entry, int]]:
        """For each entry kind, its longest form starting at token i and how many tokens it has."""
        if i < 0:
            return _NO_KINDS
        try:
            kinds = self._kinds[i]
        except IndexError:
            return _NO_KINDS
        if kinds is None:
            toks, prefixes = self.toks, self.lex.prefixes
            word = toks[i]
            nxt = toks[i + 1] if i + 1 < self._n else None
            if word not in prefixes:
                # most tokens: no form begins with them (phrases would say []); no number
                # does either, since no form holds a digit (test_tagger_lexicon checks)
                kinds = _NO_KINDS
            elif nxt is None or nxt.isdecimal() or nxt in _PARENS or word + nxt not in prefixes:
                # no form goes on into the next token (as phrases would find): the word's own
                # table, made once per lexicon rather than once per occurrence
                kinds = self.lex.word_kinds.get(word, _NO_KINDS)
            else:
                made: dict[str, tuple[Entry, int]] = {}
                for k, entries in self.phrases(i):
                    for e in entries:
                        if e.kind not in made:
                            made[e.kind] = (e, k)
                kinds = made
            self._kinds[i] = kinds
        return kinds

    def is_kind(self, i: int, kind: str) -> bool:
        return self.match(i, kind) is not None

    def _kind_before(self, i: int, kind: str) -> bool:
        """Whether a form of `kind` ends right before token i."""
        for back in (1, 2):
            if i - back >= 0:
                m = self.match(i - back, kind)
                if m is not None and m[1] == i:
                    return True
        return False

    def ordinal_of_noun(self, i: int) -> bool:
        """Whether the ordinal word at token i agrees with the definite noun before it («الاجتماع
        الأول من مارس»: the first meeting of March), so names no day; a weekday or a word for the
        day before it leaves it a day («يوم الأحد الأول من مارس», «الموافق الأول من مارس»)."""
        if i < 1 or self.is_kind(i - 1, "weekday") or self._kind_before(i, "weekday"):
            return False
        return not self.is_kind(i - 1, "ordinal_host") and self.definite(i - 1)

    def definite(self, i: int) -> bool:
        """Whether token i is a word with the definite article («الاجتماع», «والمالي»)."""
        t = self.tok(i)
        articles = definite_articles(self.lang)
        return t is not None and any(t.startswith(a) and len(t) > len(a) + 1 for a in articles)

    def token_span(self, i: int, j: int) -> tuple[int, int]:
        """The normalized [start, end) of tokens i..j-1 (offsets made once, on first need)."""
        end = self.token_end(i)
        if 0 <= i < j - 1 < self._n and self._ends is None:
            # the mention's other tokens after its first: a few, summed (see token_end)
            toks = self.toks
            rest = len("".join(toks[i + 1 : j])) + self._spaced[i + 1 : j].count(True)
            return end - len(toks[i]), end + rest
        return end - len(self.toks[i]), end if j - 1 == i else self.token_end(j - 1)

    def token_end(self, k: int) -> int:
        """Where token k ends in the normalized text (as `_token_ends(...)[k]`, a negative k too).

        The furthest end asked for is remembered, and an end past it summed on from it (the
        length of the tokens joined, and the spaces counted: two passes in C); one before it is
        summed from the end of every 64th token, remembered as far as asked. A mention asks for
        two ends, and a table of every token's end cost more than all a text's mentions do (an
        array's items are set through argument parsing).
        """
        marks = self._marks
        if marks is None:
            marks = self._marks = [0]
            toks, spaced = self.toks, self._spaced
            # (joined 4,096 tokens at a time: a long text is not copied whole)
            size = sum(len("".join(toks[a : a + 4096])) for a in range(0, self._n, 4096))
            if toks and size + spaced.count(True) != len(self.norm.text):
                self._ends = _token_ends(self.norm.text, toks, spaced)  # not normalize's shape
        if self._ends is not None:
            return self._ends[k]
        n = self._n
        if k < 0:
            k += n  # as a sequence's index
        if not 0 <= k < n:
            raise IndexError("token index out of range")
        toks, spaced = self.toks, self._spaced
        cursor, at = self._cursor
        if cursor <= k:
            # forward of every end asked for so far (mentions are read in text order): summed on
            # from the furthest, so a text's ends cost one pass over it, not a block's worth each
            if cursor < k:
                at += len("".join(toks[cursor + 1 : k + 1])) + spaced[cursor + 1 : k + 1].count(True)
                self._cursor = (k, at)
            return at
        block = k >> 6
        while len(marks) <= block:
            a = (len(marks) - 1) << 6
            marks.append(marks[-1] + len("".join(toks[a : a + 64])) + spaced[a : a + 64].count(True))
        a = block << 6
        return marks[block] + len("".join(toks[a : k + 1])) + spaced[a : k + 1].count(True)

    def tok(self, i: int) -> str | None:
        if i < 0:
            return None
        try:
            return self.toks[i]
        except IndexError:
            return None

    # --- numbers -----------------------------------------------------------------------

    def _glued_number(self, i: int) -> bool:
        """A number that is part of a larger numeric token (1.5, 12:30, 021-8893, 2025/05)."""
        toks, sp, n = self.toks, self._spaced, self._n
        t = toks[i]
        # the space tests first: most numbers have a space on both sides (no token is empty)
        if i >= 1 and not sp[i]:
            prev = toks[i - 1]
            if prev in _TIGHT and i >= 2:
                before = toks[i - 2]
                if before.isdecimal() and not sp[i - 1] and not self._day_dash(before, prev, t):
                    return True
        if i + 1 < n and not sp[i + 1]:
            nxt = toks[i + 1]
            if nxt in _TIGHT and i + 2 < n:
                after = toks[i + 2]
                if after.isdecimal() and not sp[i + 2] and not self._day_dash(t, nxt, after):
                    return True
        return False

    @staticmethod
    def _day_dash(a: str, dash: str, b: str) -> bool:
        """«27–29», «2020-2024»: two days or two years joined by a dash are a range, not one number."""
        short = len(a) <= 2 and len(b) <= 2
        years = len(a) == len(b) == 4 and a < b
        return dash in "-–—" and (short or years)

    def day_at(self, i: int) -> int | None:
        if i < 0:
            return None
        try:
            t = self.toks[i]
        except IndexError:
            return None
        if not t.isdecimal() or len(t) > 2 or self._glued_number(i):
            return None
        value = int(t)
        return value if 1 <= value <= 31 else None

    def year_at(self, i: int) -> int | None:
        if i < 0:
            return None
        try:
            t = self.toks[i]
        except IndexError:
            return None
        if not t.isdecimal() or len(t) != 4 or self._glued_number(i):
            return None
        return int(t)

    def marker_at(self, i: int) -> tuple[str, int] | None:
        m = self.match(i, "marker")
        if m is None:
            return None
        entry, j = m
        return entry.calendar, j

    def year_slot(self, i: int) -> tuple[int, str | None, int] | None:
        """YEAR [marker] at i (optionally after a year keyword): (year, marker calendar, next)."""
        j = i
        kw = self.match(j, "year_keyword")
        if kw is not None:
            j = kw[1]
        year = self.year_at(j)
        if year is None:
            return None
        j += 1
        marker = self.marker_at(j)
        if marker is not None:
            return year, marker[0], marker[1]
        return year, None, j

    def _words(self, i: int, j: int) -> str:
        return "".join(self.toks[i:j])

    def _original_words(self, i: int, j: int) -> str:
        s, e = self.norm.original_span(*self.token_span(i, j))
        return self.norm.original[s:e]

    def _cue_after(self, i: int) -> bool:
        """Whether token i counts or measures the number before it («نفر», «کیلومتری», «مليون», "%")."""
        t = self.tok(i)
        if t is None or i < 0:
            return False
        if self.is_kind(i, "cue"):
            return True
        # Persian and Arabic suffixes on a unit: «کیلومتری», «نفره» (one C-level test of them all).
        return t.startswith(self.lex.long_cues)

    def _amount_range_after(self, i: int) -> bool:
        """«از 2000 تا 3000 نفر»: a number joined to another that counts something."""
        j = self.connector(i, day_only=True)
        t = self.tok(j) if j is not None else None
        return j is not None and t is not None and t.isdecimal() and self._cue_after(j + 1)

    def connector(self, i: int, day_only: bool) -> int | None:
        c = self.match(i, "connector")
        if c is not None:
            return c[1]
        if day_only:
            c = self.match(i, "connector_day")
            if c is not None:
                return c[1]
        return None
