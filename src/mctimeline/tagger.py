"""The date-mention tagger: finds date expressions in fa/ar/en text, resolves them through the core.

`tag(text)` normalizes the text (keeping offsets), tokenizes it, matches lexicon words
(data/lexicon.toml) and reads date expressions with a few small patterns over tokens:

- points: [relative] [day word] [weekday] DAY [MONTH[/MONTH] [YEAR [marker]]],
  MONTH YEAR, English MONTH DAY[, YEAR], numeric D/M/Y and Y/M/D;
- ranges: point connector point, the second end lending month and year to the first;
- YEAR-keyword YEAR («سال ۲۰۱۱»), part-of-year [keyword] YEAR («اواخر ۲۰۲۴»), a year
  with a calendar marker («2020م»), a bare year after a preposition («في 2023»);
- anaphora («يوم 25 من الشهر ذاته»), relative days («اليوم», «فردا»), a month name
  echoing a month named with its year earlier in the text («پیمان ژانویه»);
- a date right after another, inside parentheses (either orientation) or after
  «برابر با»/«الموافق», is a gloss of it (`gloss_of`).

Then missing years are inferred (status `inferred`, the note says from what), and
`mctimeline.reconcile` checks weekdays and glosses. Bounds come only from
`mctimeline.calendars`; a date the core refuses is `invalid` with the core's message.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from operator import add, or_
from types import MappingProxyType
from typing import NamedTuple

from mctimeline import calendars
from mctimeline.gcpause import paused_gc
from mctimeline.lexicon import START_KINDS, Entry, Lexicon, lexicon
from mctimeline.mentions import Mention
from mctimeline.names import month_name, weekday_name
from mctimeline.normalize import Language, Normalized, detect_language, key, normalize, tokens
from mctimeline.reconcile import Reading, WeekdayCheck, describe, reconcile

_PARENS = frozenset("()[]﴾﴿")
_COMMAS = frozenset(",،")
_SENTENCE_END = frozenset(".!?؟;؛\n")
_TIGHT = frozenset("/.:-–—_")
_REL_WORDS = {
    0: "today",
    1: "tomorrow",
    -1: "yesterday",
    2: "the day after tomorrow",
    -2: "the day before yesterday",
}
_GLOSS_SLASH = "/"
_DIGIT = re.compile(r"\d")
_NO_KINDS: Mapping[str, tuple[Entry, int]] = MappingProxyType({})
# normalize.TOKEN with the space before it, if any: a normalized text is tokens separated
# by at most one space, so these pieces tile it and their lengths give every token's end.


class Tok(NamedTuple):
    """A token of the normalized text (a named tuple: texts have thousands of them)."""

    start: int
    end: int
    text: str
    space_before: bool
    # Normalized digits are ASCII; «²» or «①» are not numbers of a date.
    is_num: bool


# The scanner keeps a text's tokens as two lists made by C-level maps over one regex pass:
# the tokens' texts (`_Scanner.toks`) and whether a space comes before each
# (`_Scanner._spaced`). No object per token: a named tuple each cost more than the rest of
# tokenizing, and the garbage collector's passes over them as much again. A number is a
# token whose text is decimal (normalize folds every decimal digit to 0-9, so "ASCII digits
# only" is str.isdecimal there). Offsets are worked out only when a mention needs them
# (`_Scanner.token_span`).
# normalize.TOKEN with the space before it, if any: a normalized text is tokens separated
# by at most one space, so these pieces tile it and their lengths give every token's end.
# Letters first: the classes are disjoint, so the order changes nothing but speed (words
# are the commonest tokens).
_TOKEN_PIECE = re.compile(r" ?(?:[^\W\d_]+|\d+|\S)")


def _make_tokens(text: str) -> list[Tok]:
    """The tokens of a normalized text (as `normalize.tokens`), as named tuples."""
    _, words, spaced = _token_lists(text)
    ends = _token_ends(text, words, spaced)
    return [Tok(e - len(t), e, t, sp, t.isdecimal()) for e, t, sp in zip(ends, words, spaced, strict=True)]


def _token_lists(text: str) -> tuple[list[str], list[str], list[bool]]:
    """The pieces of a text (each token with the space before it), the tokens' texts, and
    whether a space comes before each."""
    pieces = _TOKEN_PIECE.findall(text)
    return pieces, list(map(str.lstrip, pieces)), list(map(str.startswith, pieces, repeat(" ")))


def _token_ends(text: str, toks: list[str], spaced: list[bool]) -> Sequence[int]:
    """Where every token ends (it starts its length earlier): pieces (a token and the space
    before it, if any) tile a normalized text, so their running lengths are the tokens' ends.
    An array of machine integers: 8 bytes a token, not the 36 of a list of ints."""
    ends = array("q", accumulate(map(add, map(len, toks), spaced)))
    if ends and ends[-1] != len(text):
        return [e for _, e in tokens(text)]  # not normalize's shape (other spaces): the regex's own
    return ends


@dataclass
class Point:
    """One end of a date expression as written: any of day, month, year, weekday, relative word."""

    first: int
    last: int
    day: int | None = None
    month: int | None = None
    calendar: str | None = None
    year: int | None = None
    marker: str | None = None
    weekday: int | None = None
    weekday_word: str = ""
    relative: int | None = None
    relative_word: str = ""
    anaphora: bool = False
    year_anaphora: bool = False
    month_entry: Entry | None = None
    day_end: int | None = None
    weekday_end: int = 0


@dataclass
class Candidate:
    """A date expression found in the token stream, before resolution."""

    kind: str  # date | part | year | relative | echo
    first: int
    last: int
    p1: Point
    p2: Point | None = None
    part: int = 0
    gloss_of: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


class _Scanner:
    """Reads candidates out of the token stream of one text."""

    def __init__(self, norm: Normalized, lex: Lexicon, lang: str) -> None:
        self.norm = norm
        self.lex = lex
        self.lang = lang
        text = norm.text
        # The pieces are not kept: the tokens and their spaces give the same ends, and a long
        # text's pieces held a fifth of what tagging it took in memory.
        _, self.toks, self._spaced = _token_lists(text)
        self._n = len(self.toks)
        self._ends: Sequence[int] | None = None
        # each token's kinds table once made (see kinds())
        self._kinds: list[Mapping[str, tuple[Entry, int]] | None] = [None] * self._n
        self._cue_prefixes: tuple[str, ...] | None = None
        # (month, calendar) -> the latest candidate so far naming that month with a year, and
        # the year: what an echo («پیمان ژانویه») takes its year from, looked up, not rescanned
        # (a scan back over every earlier candidate made a text of many echoes quadratic).
        self._named_months: dict[tuple[int, str | None], tuple[Candidate, int]] = {}

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
        if i >= self._n:
            return None
        kinds = self._kinds[i]
        if kinds is None:
            kinds = self.kinds(i)
        return kinds.get(kind)

    def kinds(self, i: int) -> Mapping[str, tuple[Entry, int]]:
        """For each entry kind, its longest form starting at token i and the token after it."""
        if i >= self._n:
            return _NO_KINDS
        kinds = self._kinds[i]
        if kinds is None:
            if self.toks[i] not in self.lex.prefixes:
                # most tokens: no form begins with them (phrases would say []); no number
                # does either, since no form holds a digit (test_tagger_lexicon checks)
                kinds = _NO_KINDS
            else:
                made: dict[str, tuple[Entry, int]] = {}
                for k, entries in self.phrases(i):
                    for e in entries:
                        if e.kind not in made:
                            made[e.kind] = (e, i + k)
                kinds = made
            self._kinds[i] = kinds
        return kinds

    def is_kind(self, i: int, kind: str) -> bool:
        return self.match(i, kind) is not None

    def token_span(self, i: int, j: int) -> tuple[int, int]:
        """The normalized [start, end) of tokens i..j-1 (offsets made once, on first need)."""
        if self._ends is None:
            self._ends = _token_ends(self.norm.text, self.toks, self._spaced)
        return self._ends[i] - len(self.toks[i]), self._ends[j - 1]

    def tok(self, i: int) -> str | None:
        return self.toks[i] if 0 <= i < self._n else None

    # --- numbers -----------------------------------------------------------------------

    def _glued_number(self, i: int) -> bool:
        """A number that is part of a larger numeric token (1.5, 12:30, 021-8893, 2025/05)."""
        t, sp = self.toks[i], self._spaced
        prev, nxt = self.tok(i - 1), self.tok(i + 1)
        if prev and not sp[i] and prev in _TIGHT:
            before = self.tok(i - 2)
            if before and before.isdecimal() and not sp[i - 1] and not self._day_dash(before, prev, t):
                return True
        if nxt and not sp[i + 1] and nxt in _TIGHT:
            after = self.tok(i + 2)
            if after and after.isdecimal() and not sp[i + 2] and not self._day_dash(t, nxt, after):
                return True
        return False

    @staticmethod
    def _day_dash(a: str, dash: str, b: str) -> bool:
        """«27–29», «2020-2024»: two days or two years joined by a dash are a range, not one number."""
        short = len(a) <= 2 and len(b) <= 2
        years = len(a) == len(b) == 4 and a < b
        return dash in "-–—" and (short or years)

    def day_at(self, i: int) -> int | None:
        if not 0 <= i < self._n:
            return None
        t = self.toks[i]
        if not t.isdecimal() or len(t) > 2 or self._glued_number(i):
            return None
        value = int(t)
        return value if 1 <= value <= 31 else None

    def year_at(self, i: int) -> int | None:
        if not 0 <= i < self._n:
            return None
        t = self.toks[i]
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

    # --- points --------------------------------------------------------------------------

    def month_slot(self, i: int) -> tuple[Entry, int] | None:
        m = self.match(i, "month")
        if m is None:
            return None
        entry, j = m
        word = self.match(j, "month_word")
        if word is not None:
            j = word[1]  # «دی ماه»
        # «أكتوبر/تشرين الأول», «كانون الثاني/يناير»: one month in two naming systems.
        slash = self.tok(j)
        if slash is not None and slash == "/":
            alt = self.match(j + 1, "month")
            if alt is not None and alt[0].calendar == entry.calendar:
                j = alt[1]
        return entry, j

    def prefix(self, i: int) -> Point:
        """Relative word, day word and weekday before a date: «اليوم الخميس», «يوم غد الجمعة»."""
        p = Point(i, i)
        j = i
        for _ in range(3):
            rel = self.match(j, "relative")
            if rel is not None and p.relative is None:
                p.relative, p.relative_word = rel[0].value, self._words(j, rel[1])
                j = rel[1]
                continue
            dw = self.match(j, "day_word")
            if dw is not None:
                j = dw[1]
                continue
            break
        wd = self.match(j, "weekday")
        if wd is not None:
            p.weekday, p.weekday_word = wd[0].value, self._original_words(j, wd[1])
            j = wd[1]
            p.weekday_end = j
            t = self.tok(j)
            if t is not None and t in _COMMAS:
                j += 1
        p.last = j
        return p

    def _words(self, i: int, j: int) -> str:
        return "".join(t for t in self.toks[i:j])

    def _original_words(self, i: int, j: int) -> str:
        s, e = self.norm.original_span(*self.token_span(i, j))
        return self.norm.original[s:e]

    def point(self, i: int, allow_prefix: bool = True) -> Point | None:
        """A date point at token i (see the module docstring), or None."""
        t = self.tok(i)
        if t is not None and t.isdecimal():
            # a number begins no lexicon form (no prefix word, day name or month stands at it):
            # it is a day or nothing
            day = self.day_at(i)
            if day is None:
                return None
            p = Point(i, i)
        else:
            p = self.prefix(i) if allow_prefix else Point(i, i)
            day = self.day_at(p.last)
        j = p.last
        day_end = j + 1
        named = self.match(j, "day_name") if day is None else None
        if named is not None and self.match(named[1], "month") is not None:
            day, day_end = named[0].value, named[1]  # «اول فروردین»: a day written as a word
        if day is not None:
            p.day = day
            j = day_end
            to_month = self._to_month(j)
            month = self.month_slot(to_month)
            if month is not None:
                j = to_month
            if month is not None:
                p.month_entry = month[0]
                p.month, p.calendar = month[0].value, month[0].calendar
                j = month[1]
                ys = self.year_slot(j)
                if ys is not None:
                    p.year, p.marker, j = ys
                if month[0].year_after and p.year is None and not self._follows_ok(j, month[0]):
                    return None
                j = self._year_anaphora(p, j)
                p.last = j
                return p
            k = j
            joiner = self.match(k, "anaphora_joiner")
            if joiner is not None:
                k = joiner[1]
            ana = self.match(k, "anaphora")
            if ana is not None:
                p.anaphora = True
                p.last = ana[1]
                return p
            p.last = j
            return p  # a day alone: only the first end of a range
        month = self.month_slot(j)
        if month is not None:
            entry, k = month
            p.month_entry = entry
            p.month, p.calendar = entry.value, entry.calendar
            if entry.lang == "en":
                # English order: May 27, 2025 / May 27–29, 2025 / Jan. 17, 2025
                dot = self.tok(k)
                if dot == "." and not self._spaced[k] and self.day_at(k + 1):
                    k += 1
                d = self.day_at(k)
                if d is not None and self.year_at(k) is None:
                    p.day = d
                    k += 1
                    dash = self.connector(k, day_only=True)
                    if dash is not None and self.day_at(dash) is not None:
                        p.day_end = self.day_at(dash)  # May 27–29, 2025
                        k = dash + 1
                    t = self.tok(k)
                    if t is not None and t in _COMMAS:
                        ys = self.year_slot(k + 1)
                        if ys is not None:
                            p.year, p.marker, k = ys
                    else:
                        ys = self.year_slot(k)
                        if ys is not None:
                            p.year, p.marker, k = ys
                    p.last = k
                    return p
            ys = self.year_slot(k)
            if ys is not None:
                p.year, p.marker, k = ys
                p.last = k
                return p
            if entry.year_after:
                return None
            k2 = self._year_anaphora(p, k)
            p.last = k2
            return p  # a month alone: a range start or an echo (unless «همان سال» follows)
        if p.weekday is not None or p.relative is not None:
            p.last = p.weekday_end or j  # «اليوم الأربعاء،»: the comma is not part of it
            return p
        return None

    def _to_month(self, j: int) -> int:
        """Past what may stand between a day and its month: "27th", "of", «من شهر»."""
        t = self.tok(j)
        if t is not None and not self._spaced[j] and self.is_kind(j, "day_suffix"):
            j += 1
        for kind in ("anaphora_joiner", "month_prefix"):
            m = self.match(j, kind)
            if m is not None and self.match(m[1], "anaphora") is None:
                j = m[1]
        return j

    def _follows_ok(self, j: int, entry: Entry) -> bool:
        """After a day number, «می» is May before punctuation, the end, a connector or a listed word."""
        t = self.tok(j)
        if t is None or not (t[0].isalpha() or t.isdecimal()):
            return True
        return any(k == t for k in entry.followers) or self.match(j, "connector") is not None

    def _year_anaphora(self, p: Point, j: int) -> int:
        """«ژوئن همان سال»: mark the point and return the token after the phrase."""
        if p.year is not None:
            return j
        k = j
        joiner = self.match(k, "anaphora_joiner")
        if joiner is not None:
            k = joiner[1]
        ana = self.match(k, "year_anaphora")
        if ana is None:
            return j
        p.year_anaphora = True
        return ana[1]

    def _cue_after(self, i: int) -> bool:
        """Whether token i counts or measures the number before it («نفر», «کیلومتری», «مليون», "%")."""
        t = self.tok(i)
        if t is None or i < 0:
            return False
        if self.is_kind(i, "cue"):
            return True
        # Persian and Arabic suffixes on a unit: «کیلومتری», «نفره».
        return any(t.startswith(c) for c in self._long_cues)

    @property
    def _long_cues(self) -> tuple[str, ...]:
        if self._cue_prefixes is None:
            self._cue_prefixes = tuple(
                k
                for k, entries in self.lex.entries.items()
                if len(k) >= 4 and any(e.kind == "cue" for e in entries)
            )
        return self._cue_prefixes

    def _amount_range_after(self, i: int) -> bool:
        """«از 2000 تا 3000 نفر»: a number joined to another that counts something."""
        j = self.connector(i, day_only=True)
        t = self.tok(j) if j is not None else None
        return j is not None and t is not None and t.isdecimal() and self._cue_after(j + 1)

    # --- expressions ------------------------------------------------------------------

    def connector(self, i: int, day_only: bool) -> int | None:
        c = self.match(i, "connector")
        if c is not None:
            return c[1]
        if day_only:
            c = self.match(i, "connector_day")
            if c is not None:
                return c[1]
        return None

    def date_at(self, i: int) -> Candidate | None:
        p1 = self.point(i)
        if p1 is None:
            return None
        j = self.connector(p1.last, day_only=p1.month is None and p1.day is not None)
        if j is not None:
            p2 = self.point(j)
            if p2 is not None and self._range_ok(p1, p2):
                return Candidate("date", p1.first, p2.last, p1, p2)
        if p1.day is not None and p1.month is None and not p1.anaphora:
            return None
        if p1.month is None and not p1.anaphora:
            # A relative word with a weekday («اليوم الأربعاء») and no date.
            if p1.relative is not None and p1.weekday is not None:
                return Candidate("relative", p1.first, p1.last, p1)
            return None
        if p1.month is not None and p1.day is None and p1.year is None and not p1.year_anaphora:
            return None  # a bare month: see echo_at
        if p1.month_entry is not None and p1.month_entry.ambiguous and p1.day is None and p1.year is None:
            return None if not p1.year_anaphora else Candidate("date", p1.first, p1.last, p1)
        return Candidate("date", p1.first, p1.last, p1)

    @staticmethod
    def _range_ok(p1: Point, p2: Point) -> bool:
        if p2.month is None and not p2.anaphora:
            return False
        if p1.day is not None and p1.month is None:
            return p2.day is not None
        if p1.month is None:
            return False
        if (p1.day is None) != (p2.day is None):
            return False
        if p1.day is None:
            return p2.year is not None  # ژوئن ۲۰۲۲ تا فوریه ۲۰۲۳
        return True

    def part_at(self, i: int) -> Candidate | None:
        part = self.match(i, "part")
        if part is None:
            return None
        j = part[1]
        t = self.tok(j)
        if t is not None and t in "-–" and not self._spaced[j]:
            j += 1
        ys = self.year_slot(j)
        if ys is None:
            return None
        year, marker, k = ys
        p = Point(i, k, year=year, marker=marker)
        return Candidate(
            "part", i, k, p, part=part[0].value, extra={"keyword": self.is_kind(j, "year_keyword")}
        )

    def keyword_year_at(self, i: int) -> Candidate | None:
        if not self.is_kind(i, "year_keyword"):
            return None
        ys = self.year_slot(i)
        if ys is None:
            return None
        year, marker, k = ys
        cand = Candidate("year", i, k, Point(i, k, year=year, marker=marker), extra={"keyword": True})
        return self._year_range(cand)

    def _year_range(self, cand: Candidate) -> Candidate:
        """«از سال ۲۰۱۱ تا ۲۰۱۴», «2020-2024»: a range of whole years is one mention."""
        j = self.connector(cand.last, day_only=False)
        if j is None:
            return cand
        ys = self.year_slot(j)
        if ys is None or ys[0] <= (cand.p1.year or 0) or self._cue_after(ys[2]):
            return cand
        year, marker, k = ys
        cand.p2 = Point(j, k, year=year, marker=marker)
        cand.last = k
        return cand

    def bare_year_at(self, i: int) -> Candidate | None:
        year = self.year_at(i)
        if year is None:
            return None
        prev = self.tok(i - 1)
        if prev is not None and not self._spaced[i] and prev not in _PARENS:
            return None  # glued to a word: «ارمیا-۲۰۲۳», «إكسبو2020»
        marker = self.marker_at(i + 1)
        if marker is not None and not (self.tok(i + 1) and self.toks[i + 1] in _TIGHT):
            cand = Candidate("year", i, marker[1], Point(i, marker[1], year=year, marker=marker[0]))
            return self._year_range(cand)
        if prev is None or not self._year_context_before(i):
            return None
        cand = self._year_range(Candidate("year", i, i + 1, Point(i, i + 1, year=year), extra={"bare": True}))
        nxt = self.tok(cand.last)
        if nxt is not None and (
            nxt in (":", "-", "–", "/") or self._cue_after(cand.last) or self._amount_range_after(cand.last)
        ):
            return None  # «۲۰۲۵: تحول جهان», an amount («از 2000 تا 3000 نفر»)
        return cand

    def _year_context_before(self, i: int) -> bool:
        for back in (1, 2):
            if i - back < 0:
                break
            m = self.match(i - back, "year_context")
            if m is not None and m[1] == i:
                return True
        return False

    def numeric_at(self, i: int) -> Candidate | None:
        """D/M/Y or Y/M/D written with / - or . between numbers («۱۴۰۳/۰۳/۰۶», «27/5/2025»)."""
        toks = self.toks
        if i + 5 > len(toks):
            return None
        a, s1, b, s2, c = toks[i : i + 5]
        if not (a.isdecimal() and b.isdecimal() and c.isdecimal() and s1 == s2 and s1 in "/-."):
            return None
        sp = self._spaced
        if sp[i + 1] or sp[i + 2] or sp[i + 3] or sp[i + 4]:
            return None
        after = self.tok(i + 5)
        if after is not None and not sp[i + 5] and (after.isdecimal() or after in "/-."):
            return None
        prev = self.tok(i - 1)
        if prev is not None and not sp[i] and (prev.isdecimal() or prev in "/-.+"):
            return None
        if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
            y, m, d = int(a), int(b), int(c)
        elif len(c) == 4 and len(a) <= 2 and len(b) <= 2:
            d, m, y = int(a), int(b), int(c)
        else:
            return None
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None
        calendar = self.year_calendar(y, None)
        if calendar is None:
            return None
        k = i + 5
        marker = self.marker_at(k)
        if marker is not None:
            calendar, k = marker[0], marker[1]
        p = Point(i, k, day=d, month=m, calendar=calendar, year=y)
        return Candidate("date", i, k, p)

    def year_calendar(self, year: int, marker: str | None) -> str | None:
        """The calendar of a year written without a month: its marker, else its size and the language."""
        if marker is not None:
            return marker
        years = self.lex.years
        lo, hi = years["gregorian"]
        if lo <= year <= hi:
            return "gregorian"
        for cal in ("jalali", "hijri"):
            rng = years.get(f"{self.lang}_{cal}")
            if rng and rng[0] <= year <= rng[1]:
                return cal
        return None

    def relative_at(self, i: int) -> Candidate | None:
        rel = self.match(i, "relative")
        if rel is None:
            return None
        entry, j = rel
        prev = self.tok(i - 1)
        if prev is not None and self.is_kind(i - 1, "nowadays"):
            return None
        nxt = self.tok(j)
        if nxt is not None and (self.is_kind(j, "relative") or self.is_kind(j, "relative_blocker")):
            return None  # «أمس الأول», «اليوم التالي» (the next day)
        if entry.value != 0:
            if entry.lang == "en" and not self._verb_near(i, j, before=3, after=3):
                return None
            return Candidate("relative", i, j, Point(i, j, relative=entry.value))
        if entry.lang == "fa":
            ok = self._verb_near(i, j, before=0, after=10)
        elif entry.lang == "ar":
            ok = self._verb_near(i, j, before=6, after=2)
        else:
            ok = self._verb_near(i, j, before=3, after=3)
        if not ok:
            return None
        return Candidate("relative", i, j, Point(i, j, relative=entry.value))

    def _verb_near(self, i: int, j: int, before: int, after: int) -> bool:
        toks = self.toks
        k = i - 1
        while k >= 0 and i - k <= before and toks[k] not in _SENTENCE_END and toks[k] not in _COMMAS:
            if self._is_verb(k):
                return True
            k -= 1
        k = j
        while k < len(toks) and k - j < after and toks[k] not in _SENTENCE_END:
            if toks[k] in _COMMAS and k > j:
                break
            if self._is_verb(k):
                return True
            k += 1
        return False

    def _is_verb(self, k: int) -> bool:
        if self.is_kind(k, "verb"):
            return True
        text = self.toks[k]
        # Arabic clitics: «وقال», «فأعلن».
        return len(text) > 3 and text[0] in "وف" and self.lex.lookup(text[1:], "verb") != ()

    def echo_at(self, i: int) -> Candidate | None:
        month = self.match(i, "month")
        if month is None or not month[0].echo:
            return None
        entry, j = month
        prev, nxt = self.tok(i - 1), self.tok(j)
        if (prev is not None and prev.isdecimal()) or (nxt is not None and nxt.isdecimal()):
            return None
        named = self._named_months.get((entry.value, entry.calendar))
        if named is None:
            return None
        source, year = named
        q = Point(i, j, month=entry.value, calendar=entry.calendar, month_entry=entry)
        return Candidate("echo", i, j, q, extra={"year": year, "source": source})

    def _remember_months(self, c: Candidate) -> None:
        """Note the months `c` names with a year (its second end last: it is the nearer)."""
        for p in (c.p1, c.p2):
            if p is not None and p.month and p.year:
                self._named_months[(p.month, p.calendar)] = (c, p.year)

    # --- the whole text ------------------------------------------------------------------

    def scan(self, every_token: bool = False) -> list[Candidate]:
        """The candidates in text order; `every_token` tries the patterns at every token
        (the reference the skipping below must agree with; tests compare the two)."""
        found: list[Candidate] = []
        self._named_months = {}  # of this scan's candidates only
        toks = self.toks
        # Only a number or a token that begins a lexicon form of a START_KIND can begin a
        # date (every *_at below returns None elsewhere), so the others are skipped.
        prefixes, start_keys = self.lex.start_prefixes, self.lex.start_keys
        anchors: Iterable[int]
        if every_token:
            anchors = range(len(toks))
        else:
            anchors = compress(count(), map(or_, map(str.isdecimal, toks), map(prefixes.__contains__, toks)))
        last = len(toks) - 1
        free = 0  # the first token not inside the last candidate
        gloss_anchor: tuple[int, int] | None = None  # (candidate index, token where its gloss would start)
        for i in anchors:
            if i < free:
                continue
            if every_token:
                cand = (
                    self.part_at(i)
                    or self.keyword_year_at(i)
                    or self.date_at(i)
                    or self.numeric_at(i)
                    or self.bare_year_at(i)
                    or self.relative_at(i)
                    or self.echo_at(i)
                )
            elif toks[i].isdecimal():
                # a number begins no lexicon form: only the patterns that start with a number,
                # and of those only the ones that read a number of its size
                size = len(toks[i])
                if size <= 2:  # a day (date_at), or D of D/M/Y; never a year
                    cand = self.date_at(i) or self.numeric_at(i)
                elif size == 4:  # Y of Y/M/D or a year alone; never a day, so no date_at
                    cand = self.numeric_at(i) or self.bare_year_at(i)
                else:
                    cand = None  # no pattern reads 3 digits or 5 and more
            else:
                # a word: only the patterns whose first form it begins (numbers are not words).
                # «و», «به»: a start form is this word alone or goes on into the next token.
                word = toks[i]
                if word not in start_keys and (i == last or word + toks[i + 1] not in prefixes):
                    continue
                kinds = self.kinds(i)
                if START_KINDS.isdisjoint(kinds):
                    continue  # a prefix of a form («به» of «بهمن») that does not complete one here
                cand = (
                    ("part" in kinds and self.part_at(i))
                    or ("year_keyword" in kinds and self.keyword_year_at(i))
                    or self.date_at(i)
                    or ("relative" in kinds and self.relative_at(i))
                    or ("month" in kinds and self.echo_at(i))
                    or None
                )
            if cand is None:
                continue
            if gloss_anchor is not None and gloss_anchor[1] == cand.first and cand.kind in ("date", "year"):
                cand.gloss_of = gloss_anchor[0]
            found.append(cand)
            self._remember_months(cand)
            gloss_anchor = self._gloss_start(len(found) - 1, cand.last)
            free = cand.last
        return found

    def _gloss_start(self, index: int, j: int) -> tuple[int, int] | None:
        seen = False
        for _ in range(4):
            t = self.tok(j)
            if t is None:
                return None
            if t in _PARENS or (t == _GLOSS_SLASH and not seen):
                seen = True  # «(…)», «)…(», «1 رمضان 1446هـ/1 مارس 2025م»
                j += 1
                continue
            if t in _COMMAS:
                j += 1
                continue
            intro = self.match(j, "gloss_intro")
            if intro is not None:
                seen = True
                j = intro[1]
                continue
            break
        return (index, j) if seen else None


# --- resolution ------------------------------------------------------------------------------


@dataclass
class _Resolved:
    cand: Candidate
    calendar: str
    first: tuple[int, ...]
    last: tuple[int, ...]
    precision: str
    status: str = "ok"
    note: str = ""
    start_date: str = ""
    end_date: str = ""
    explicit_year: bool = True
    weekdays: list[tuple[int, str, str]] = field(default_factory=list)  # (named, which end, word)


@lru_cache(maxsize=1 << 14)
def _coarse_span(calendar: str, year: int, month: int | None) -> tuple[dt.date, dt.date] | Exception:
    """The core's span of a year or a month, or the error it raised (remembered: a corpus names
    the same few thousand months again and again, and the core is pure)."""
    try:
        s = calendars.span(calendar, year, month)  # type: ignore[arg-type]
    except calendars.CalendarError as exc:
        return exc.with_traceback(None)  # kept: not the frames it was raised in
    return s.start, s.end


def _span(
    calendar: str, year: int, month: int | None = None, day: int | None = None
) -> tuple[dt.date, dt.date]:
    """(start, end) of `calendars.span(calendar, year, month, day)`, raising what it raises.

    A day is its month's first day plus (day - 1) when the month has it: the days of a
    month in every calendar are consecutive Gregorian days, so one core call per month
    serves all its days (test_tagger_spans compares this with the core day by day).
    Anything else (a day the month lacks, a month the core refuses) asks the core itself.
    """
    got = _coarse_span(calendar, year, month)
    if isinstance(got, Exception):
        if day is None:
            raise type(got)(*got.args)  # a fresh copy: re-raising one object grows its traceback
    elif day is None:
        return got
    elif month is not None and 1 <= day <= (got[1] - got[0]).days + 1:
        d = got[0] + dt.timedelta(days=day - 1)
        return d, d
    s = calendars.span(calendar, year, month, day)  # type: ignore[arg-type]
    return s.start, s.end


@lru_cache(maxsize=1)
def _reconcilable_range() -> tuple[dt.date, dt.date]:
    return calendars.reconcilable_range()


def _bounds(calendar: str, first: tuple[int, ...], last: tuple[int, ...]) -> tuple[str, str]:
    start, end = _span(calendar, *first)
    # One date (not a range): its own span gives both ends; the core is not asked twice.
    if last != first:
        end = _span(calendar, *last)[1]
    if end < start:
        raise calendars.CalendarError(f"the range ends ({end}) before it starts ({start})")
    lo, hi = _reconcilable_range()
    if start < lo or end > hi:
        days = start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"
        raise calendars.OutOfRange(
            f"{days} is outside the days an event can have "
            f"({lo.isoformat()} to {hi.isoformat()}, the days the Jalali calendar can name)"
        )
    return start.isoformat(), end.isoformat()


def _fill(r: _Resolved) -> None:
    """Compute bounds from the written date, or mark the mention invalid with the core's message."""
    try:
        r.start_date, r.end_date = _bounds(r.calendar, r.first, r.last)
    except calendars.CalendarError as exc:
        r.status, r.note, r.start_date, r.end_date = "invalid", str(exc), "", ""


def _with(p: Point, **changes: object) -> Point:
    """A copy of `p` with `changes` (dataclasses.replace without re-running __init__)."""
    q = object.__new__(Point)
    q.__dict__.update(p.__dict__)
    q.__dict__.update(changes)
    return q


def _ends(c: Candidate) -> tuple[Point, Point]:
    """The two ends of a candidate (the same point twice for a single date)."""
    if c.p2 is not None:
        return c.p1, c.p2
    if c.p1.day_end is not None:
        return c.p1, _with(c.p1, day=c.p1.day_end, weekday=None)
    return c.p1, c.p1


def _written(p: Point, year: int | None) -> tuple[int, ...]:
    parts: tuple[int, ...] = (year or 0,)
    if p.month is not None:
        parts += (p.month,)
        if p.day is not None:
            parts += (p.day,)
    return parts


# Dates with a written year, in text order: their candidate indices and (index, resolved) pairs.
_Known = tuple[list[int], list[tuple[int, _Resolved]]]
_KnownIndex = tuple[list[int], dict[str, _Known]]


class _TodaysIndex(NamedTuple):
    """The «today + weekday» mentions of a text (in text order), indexed by sentence.

    A sentence is named by the number of sentence-end tokens before a token: a today
    and a date after it share a sentence when the count at the today's last token is
    the count at the date's first, and a date and a today after it when the count at
    the date's last token is the count at the today's first.
    """

    firsts: list[int]  # each today's first token
    by_last_sentence: dict[int, int]  # count at the last token -> the first today with it
    by_first_sentence: dict[int, list[int]]  # count at the first token -> the todays with it


class _Resolver:
    def __init__(self, scanner: _Scanner, cands: list[Candidate]) -> None:
        self.s = scanner
        self.cands = cands
        self.out: list[_Resolved | None] = [None] * len(cands)
        self.known: list[tuple[int, _Resolved]] = []
        self.todays: list[Candidate] = []
        self._ends: list[int] | None = None
        self._latest: dict[str, int] = {}
        self._known_index: (
            tuple[list[int], dict[str, tuple[list[int], list[tuple[int, _Resolved]]]]] | None
        ) = None
        # The latest resolved mention so far that an anaphora («الشهر ذاته») or a year anaphora
        # («همان سال») can refer to, kept as resolution goes: a scan back for each made a text
        # of many unanswered anaphora quadratic.
        self._month_ref: _Resolved | None = None
        self._year_ref: _Resolved | None = None
        self._todays_index: _TodaysIndex | None = None

    def text_of(self, c: Candidate) -> str:
        a, b = self.s.norm.original_span(*self.s.token_span(c.first, c.last))
        return self.s.norm.original[a:b]

    def resolve(self) -> list[_Resolved | None]:
        # 1. what the words say, with the years written
        for n, c in enumerate(self.cands):
            self.out[n] = self.explicit(c)
        # 2. missing years, anaphora, echoes (inferred from the years written, never from each other)
        self.known = [
            (k, r)
            for k, r in enumerate(self.out)
            if r is not None and r.explicit_year and r.start_date and r.calendar != "relative"
        ]
        self.todays = [
            c for c in self.cands if c.kind == "relative" and c.p1.relative == 0 and c.p1.weekday is not None
        ]
        for n, c in enumerate(self.cands):
            if self.out[n] is None:
                self.out[n] = self.implicit(n, c)
            self._remember_reference(self.out[n])
        return self.out

    def _remember_reference(self, r: _Resolved | None) -> None:
        """Make `r` the referent of the anaphora that follow it, if it can be one."""
        if r is None or r.calendar == "relative" or not r.last or not r.last[0]:
            return
        if len(r.last) >= 2:
            self._month_ref = r
        if r.start_date:
            self._year_ref = r

    def explicit(self, c: Candidate) -> _Resolved | None:
        if c.kind in ("part", "year"):
            p = c.p1
            cal = self.s.year_calendar(p.year or 0, p.marker)
            if cal is None:
                if c.kind == "part" or c.extra.get("keyword"):
                    cal = "gregorian" if self.s.lang == "en" else None
                if cal is None:
                    return None
            if c.kind == "part":
                r = _Resolved(c, cal, (p.year or 0, c.part), (p.year or 0, c.part + 3), "part-of-year")
            else:
                last = c.p2.year if c.p2 is not None and c.p2.year else p.year
                r = _Resolved(c, cal, (p.year or 0,), (last or 0,), "year")
            _fill(r)
            return r
        if c.kind != "date":
            return None
        p1, p2 = _ends(c)
        if p1.anaphora or p2.anaphora:
            return None
        year2 = p2.year
        if year2 is None:
            return None
        cal1 = p1.calendar or p2.calendar or "gregorian"
        cal2 = p2.calendar or cal1
        year1 = p1.year
        if year1 is None:
            year1 = year2
            m1, m2 = p1.month or p2.month, p2.month
            if cal1 == cal2 and m1 and m2 and m1 > m2:
                year1 = year2 - 1  # «30 December to 2 January 2025»
        q1 = _with(p1, month=p1.month or p2.month, calendar=cal1)
        r = _Resolved(c, cal1, _written(q1, year1), _written(p2, year2), "day" if p2.day else "month")
        if cal1 != cal2:
            try:
                s1 = _bounds(cal1, r.first, r.first)[0]
                s2 = _bounds(cal2, r.last, r.last)[1]
                r.start_date, r.end_date = s1, s2
            except calendars.CalendarError as exc:
                r.status, r.note = "invalid", str(exc)
        else:
            _fill(r)
        self._weekdays(r, q1, p2 if c.p2 else None)
        return r

    def _weekdays(self, r: _Resolved, p1: Point, p2: Point | None) -> None:
        if p1.weekday is not None:
            r.weekdays.append((p1.weekday, "first", p1.weekday_word))
        if p2 is not None and p2.weekday is not None:
            r.weekdays.append((p2.weekday, "last", p2.weekday_word))

    # --- years not written ---------------------------------------------------------------

    def implicit(self, n: int, c: Candidate) -> _Resolved | None:
        if c.kind == "relative":
            return _Resolved(c, "relative", (), (), "day")
        if c.kind == "echo":
            src: Candidate = c.extra["source"]  # type: ignore[assignment]
            year = int(c.extra["year"])  # type: ignore[call-overload]
            r = _Resolved(
                c, c.p1.calendar or "gregorian", (year, c.p1.month or 1), (year, c.p1.month or 1), "month"
            )
            r.explicit_year = False
            _fill(r)
            if r.status == "ok":
                r.status = "inferred"
                r.note = (
                    f"no year written: «{self.text_of(c)}» echoes «{self.text_of(src)}» earlier in the text, "
                    f"so the year is {year}"
                )
            return r
        if c.kind != "date":
            return None
        p1, p2 = _ends(c)
        if p1.anaphora or p2.anaphora:
            return self.anaphora(c)
        if p2.year_anaphora:
            return self.year_anaphora(c)
        cal = p1.calendar or p2.calendar or "gregorian"
        q1 = _with(p1, month=p1.month or p2.month, calendar=cal)
        year, reason = self.infer_year(n, c, cal, q1)
        if year is None:
            r = _Resolved(c, cal, _written(q1, None), _written(p2, None), "day" if p2.day else "month")
            r.status, r.note = "invalid", reason
            r.explicit_year = False
            return r
        r = _Resolved(c, cal, _written(q1, year), _written(p2, year), "day" if p2.day else "month")
        r.explicit_year = False
        m1, m2 = q1.month, p2.month
        if m1 and m2 and m1 > m2:
            r.last = _written(p2, year + 1)
        _fill(r)
        if r.status == "ok":
            r.status, r.note = "inferred", reason
        self._weekdays(r, q1, p2 if c.p2 else None)
        return r

    def _year_in(self, r: _Resolved, calendar: str) -> int:
        if r.calendar == calendar:
            return r.first[0]
        return calendars.from_gregorian(dt.date.fromisoformat(r.start_date), calendar).year  # type: ignore[arg-type]

    def infer_year(self, n: int, c: Candidate, cal: str, p: Point) -> tuple[int | None, str]:
        known = self.known
        words = self.text_of(c)
        month_day = (
            describe(cal, (0, p.month or 1, p.day), ()).rsplit(" ", 1)[0]
            if p.day
            else (month_name(cal, p.month or 1))
        )
        weekday = c.p1.weekday if c.p1.weekday is not None else None
        # (a) «اليوم الأربعاء» in the same sentence: the day of publication is that weekday.
        today = self._today_weekday(c)
        if today is not None and p.day is not None and known:
            try:
                latest = self._latest_year(cal)
            except calendars.CalendarError as exc:
                return (
                    None,
                    f"no year written in «{words}»; the years the text gives cannot be read in it: {exc}",
                )
            for year in range(latest, latest + 8):
                try:
                    day = _span(cal, year, p.month or 1, p.day)[0]
                except calendars.CalendarError:
                    continue
                if calendars.weekday(day) == today[0]:
                    return year, (
                        f"no year written; inferred {year}: «{today[1]}» in the same sentence makes the day "
                        f"of publication a {weekday_name(today[0])}, and {year} is the nearest year at or "
                        f"after {latest} (the latest year the text gives) in which {month_day} falls on a "
                        f"{weekday_name(today[0])}"
                    )
        if not known:
            return None, f"no year written in «{words}» and none in the text to infer it from"
        k, ref = self._nearest_known(n, cal)
        try:
            base = self._year_in(ref, cal)
        except calendars.CalendarError as exc:
            ref_words = self.text_of(ref.cand)
            return (
                None,
                f"no year written in «{words}»; the year of «{ref_words}» cannot be read in it: {exc}",
            )
        where = "before it" if k < n else "after it"
        ref_text = self.text_of(ref.cand)
        if weekday is not None and p.day is not None:
            for year in (base, base + 1, base - 1, base + 2, base - 2):
                try:
                    day = _span(cal, year, p.month or 1, p.day)[0]
                except calendars.CalendarError:
                    continue
                if calendars.weekday(day) == weekday:
                    how = "the year of" if year == base else f"the weekday fixes it, near {base} of"
                    return year, (
                        f"no year written; {year}: {how} «{ref_text}» {where}, and {month_day} is a "
                        f"{weekday_name(weekday)} in {year}"
                    )
        return base, f"no year written; {base} from «{ref_text}» {where}"

    def _latest_year(self, cal: str) -> int:
        """The latest year, in `cal`, of the dates with a written year (once per calendar)."""
        if cal not in self._latest:
            self._latest[cal] = max(self._year_in(r, cal) for _, r in self.known)
        return self._latest[cal]

    def _nearest_known(self, n: int, cal: str) -> tuple[int, _Resolved]:
        """The date with a written year to take a year from for candidate n: the closest before
        it in the same calendar, else the closest before it, else the first after it in the same
        calendar, else the first after it (`known` is in text order; bisected, not rescanned)."""
        if self._known_index is None:
            by_cal: dict[str, _Known] = {}
            for item in self.known:
                ks, items = by_cal.setdefault(item[1].calendar, ([], []))
                ks.append(item[0])
                items.append(item)
            self._known_index = ([k for k, _ in self.known], by_cal)
        ks, by_cal = self._known_index
        same_ks, same = by_cal.get(cal, ([], []))
        if (j := bisect_left(same_ks, n)) > 0:
            return same[j - 1]
        if (i := bisect_left(ks, n)) > 0:
            return self.known[i - 1]
        if (j := bisect_right(same_ks, n)) < len(same):
            return same[j]
        return self.known[bisect_right(ks, n)]

    def _today_weekday(self, c: Candidate) -> tuple[int, str] | None:
        """A «today + weekday» mention in the same sentence as candidate c: (weekday, its words).

        The first, in text order, of the todays before c with no sentence end between
        them and c, else of those after it: looked up in an index (`_TodaysIndex`), since
        trying every today for every date made a text of many of both quadratic.
        """
        if not self.todays:
            return None
        ends = self._sentence_ends()
        index = self._todays()
        before = bisect_left(index.firsts, c.first)  # todays[:before] begin before c
        found = index.by_last_sentence.get(ends[c.first])
        if found is None or found >= before:
            after = index.by_first_sentence.get(ends[c.last], ())
            j = bisect_left(after, before)
            found = after[j] if j < len(after) else None
        if found is None:
            return None
        other = self.todays[found]
        return other.p1.weekday, self.text_of(other)

    def _todays(self) -> _TodaysIndex:
        if self._todays_index is None:
            ends = self._sentence_ends()
            by_last: dict[int, int] = {}
            by_first: dict[int, list[int]] = {}
            for k, other in enumerate(self.todays):
                by_last.setdefault(ends[other.last], k)
                by_first.setdefault(ends[other.first], []).append(k)
            self._todays_index = _TodaysIndex([t.first for t in self.todays], by_last, by_first)
        return self._todays_index

    def _sentence_ends(self) -> list[int]:
        """How many sentence-ending tokens come before each token index (computed once)."""
        if self._ends is None:
            flags = map(_SENTENCE_END.__contains__, self.s.toks)
            self._ends = [0, *accumulate(flags)]
        return self._ends

    def anaphora(self, c: Candidate) -> _Resolved | None:
        """«يوم 25 من الشهر ذاته»: the month and year of the closest preceding mention that has both."""
        p1, p2 = _ends(c)
        ref = self._month_ref
        if ref is not None:
            year, month = ref.last[0], ref.last[1]
            q1 = _with(p1, month=month, calendar=ref.calendar)
            q2 = _with(p2, month=month, calendar=ref.calendar)
            r = _Resolved(c, ref.calendar, _written(q1, year), _written(q2, year), "day")
            _fill(r)
            label = describe(ref.calendar, (year, month), ())
            antecedent = self.text_of(ref.cand)
            note = f"the {_ordinal(p2.day or 0)} of the month of the preceding «{antecedent}» ({label})"
            r.note = f"{r.note}; {note}" if r.note else note
            r.explicit_year = False
            self._weekdays(r, q1, q2 if c.p2 else None)
            return r
        return None

    def year_anaphora(self, c: Candidate) -> _Resolved | None:
        """«ژوئن همان سال»: the year of the closest preceding mention that has one."""
        p1, p2 = _ends(c)
        cal = p2.calendar or "gregorian"
        ref = self._year_ref
        if ref is not None:
            try:
                year = self._year_in(ref, cal) if ref.calendar != cal else ref.last[0]
            except calendars.CalendarError as exc:
                q1 = _with(p1, month=p1.month or p2.month, calendar=cal)
                r = _Resolved(c, cal, _written(q1, None), _written(p2, None), "day" if p2.day else "month")
                r.status, r.explicit_year = "invalid", False
                r.note = f"the year of «{self.text_of(ref.cand)}» cannot be read in this calendar: {exc}"
                return r
            q1 = _with(p1, month=p1.month or p2.month, calendar=cal)
            r = _Resolved(c, cal, _written(q1, year), _written(p2, year), "day" if p2.day else "month")
            _fill(r)
            what = describe(cal, (year, p2.month or 1), ()) if p2.day is None else describe(cal, r.last, ())
            note = (
                f"{what.rsplit(' ', 1)[0]} of the year of the preceding «{self.text_of(ref.cand)}» ({year})"
            )
            r.note = f"{r.note}; {note}" if r.note else note
            r.explicit_year = False
            self._weekdays(r, q1, p2 if c.p2 else None)
            return r
        return None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- public API -------------------------------------------------------------------------------


def tag(text: str, lang: str = "auto") -> list[Mention]:
    """Every date mention in `text`, in text order, with offsets into `text` as given.

    Pure: no I/O, the same output for the same input; never raises on a str.
    `lang` is fa, ar, en or auto (decided by `normalize.detect_language`).
    """
    if not isinstance(text, str) or not text:
        return []
    # Left on, the collector's passes over the whole process's heap (large in a corpus
    # build) cost as much as a quarter of tagging.
    with paused_gc():
        return _tag(text, lang)


def _tag(text: str, lang: str) -> list[Mention]:
    language: Language = detect_language(text) if lang not in ("fa", "ar", "en") else lang  # type: ignore[assignment]
    norm = normalize(text)
    scanner = _Scanner(norm, lexicon(language), language)
    cands = scanner.scan()
    resolved = _Resolver(scanner, cands).resolve()
    index_of: dict[int, int] = {}
    readings: list[Reading] = []
    for n, r in enumerate(resolved):
        if r is None:
            continue
        index_of[n] = len(readings)
        readings.append(_reading(scanner, r, norm, index_of, readings))
    mentions = reconcile(readings, language)
    return _relative_bounds(text, mentions)


def _reading(
    scanner: _Scanner, r: _Resolved, norm: Normalized, index_of: dict[int, int], readings: list[Reading]
) -> Reading:
    c = r.cand
    start, end = norm.original_span(*scanner.token_span(c.first, c.last))
    gloss_of = index_of.get(c.gloss_of) if c.gloss_of is not None else None
    mention = Mention(
        start=start,
        end=end,
        text=norm.original[start:end],
        calendar=r.calendar,  # type: ignore[arg-type]
        start_date=r.start_date,
        end_date=r.end_date,
        precision=r.precision,  # type: ignore[arg-type]
        status=r.status,  # type: ignore[arg-type]
        note=r.note,
        gloss_of=gloss_of,
        written=_edtf(r),
    )
    checks = []
    if r.start_date and r.status != "invalid":
        for named, which, word in r.weekdays:
            day = r.start_date if which == "first" else r.end_date
            checks.append(WeekdayCheck(named, day, word))
    if gloss_of is not None and (r.calendar == "relative" or r.calendar == readings[gloss_of].calendar):
        mention = replace(mention, gloss_of=None)  # a gloss is in a second calendar
    return Reading(mention, r.calendar, r.first, r.last, tuple(checks))


def _edtf(r: _Resolved) -> str:
    """The written date, EDTF-style: 1403, 1403-03, 1403-03-07, or 1403-03-07/1403-03-09."""
    if r.calendar == "relative" or not r.first or not r.first[0]:
        return ""

    def one(parts: tuple[int, ...]) -> str:
        if len(parts) == 3:  # the common case, without a generator
            return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"
        return "-".join(f"{v:04d}" if n == 0 else f"{v:02d}" for n, v in enumerate(parts))

    if r.precision == "part-of-year":
        return f"{r.first[0]:04d}-{36 + (r.first[1] + 3) // 4:02d}"  # EDTF quadrimesters 37, 38, 39
    first, last = one(r.first), one(r.last)
    return first if first == last else f"{first}/{last}"


def _relative_bounds(text: str, mentions: list[Mention]) -> list[Mention]:
    if not any(m.calendar == "relative" and not m.start_date for m in mentions):
        return mentions  # nothing to pin, so no publication date to look for
    pub = publication_date(text, mentions)
    if pub is None:
        return mentions
    day = dt.date.fromisoformat(pub[0])
    out = []
    for m in mentions:
        if m.calendar == "relative" and not m.start_date:
            offset = _relative_offset(m.text)
            if offset is not None:
                d = (day + dt.timedelta(days=offset)).isoformat()
                note = f"{_REL_WORDS[offset]} of the publication date {pub[0]}, pinned by {pub[1]}"
                m = replace(m, start_date=d, end_date=d, status="inferred", note=note)
        out.append(m)
    return out


@lru_cache(maxsize=4096)
def _word_key(word: str) -> str:
    """`normalize.key` of a word, remembered: the first words of mentions are a small vocabulary
    (month names, year keywords, relative words), so a corpus looks up the same few again and again."""
    return key(word)


def _relative_offset(words: str) -> int | None:
    for first in words.split()[:2]:
        if _DIGIT.search(first):
            continue  # a number («۲۷»): no relative word holds a digit (test_lexicon checks)
        offset = _relative_words().get(_word_key(first))
        if offset is not None:
            return offset
    return None


@lru_cache(maxsize=1)
def _relative_words() -> dict[str, int]:
    """Key -> day offset of every relative word of fa, ar and en (the first language that has it)."""
    found: dict[str, int] = {}
    for lang in ("fa", "ar", "en"):
        for form, entries in lexicon(lang).entries.items():
            relative = [e for e in entries if e.kind == "relative"]
            if relative and form not in found:
                found[form] = relative[0].value
    return found


def publication_date(text: str, mentions: Sequence[Mention] | None = None) -> tuple[str, str] | None:
    """The day a dated «today» pins, and how: ("YYYY-MM-DD", basis), or None.

    The first mention whose words begin with a word for today («امروز», «اليوم»,
    "today") and that names a resolved day (or a range starting today) gives the
    publication day: «اليوم الخميس 31 أكتوبر 2024» pins 2024-10-31. The basis names
    those words and their offsets. `mentions` defaults to `tag(text)`.
    """
    if mentions is None:
        mentions = tag(text)
    for m in mentions:
        if m.calendar == "relative" or not m.start_date or m.precision != "day":
            continue
        if m.status in ("invalid", "conflict"):
            continue
        if _relative_offset(m.text) == 0:
            return m.start_date, f"«{m.text}» (characters {m.start}-{m.end})"
    return None
