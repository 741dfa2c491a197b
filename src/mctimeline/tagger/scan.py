"""Tokens and the scanner: date expressions found in a normalized text's token stream.

`_Scanner.scan` reads points ([relative] [day word] [weekday] DAY [MONTH [YEAR [marker]]],
numeric dates), ranges, year keywords, parts of years, relative days, anaphora and
echoes as `Candidate`s, before any of them is resolved to days (`resolve`).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, count, repeat
from operator import add, or_
from types import MappingProxyType
from typing import NamedTuple

from mctimeline.lexicon import START_KINDS, Entry, Lexicon
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
