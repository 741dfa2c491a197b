"""Clauses around a date: the sentence it stands in, a short title from it, and the English series title.

A *sentence* runs between hard stops: . ؟ ? ! ؛ ; and a colon (not one inside a
straight-quoted title such as "الأمن الأوراسي: الحقائق"), and between paragraphs.
PDF extraction wraps lines mid-sentence and often puts a blank line after every
line, so a line break only ends a sentence when the line before it is a heading
(markdown «#», or much shorter than the text's full line, its 90th-percentile length: a
news subheading without a stop above a long paragraph) — a wrapped line simply continues.

A *title* is the part of the sentence around the date: the sentence is cut at
soft stops (comma «،» «,», and the relative words «که», «الذي», «التي», "which")
into pieces, the piece holding the date is taken and, while it is very short,
widened by its neighbours; then, if still long, trimmed to at most TITLE_WORDS
words (and TITLE_CHARS characters) besides the date's own words, balanced around the
date. White space is collapsed; a paragraph is never returned whole.

A *dateline* opens a wire's paragraph: a city, a date, an agency, up to a dash
(«موسكو، 15 صفر 1447 (الموافق 9 أغسطس 2025) (الجزيرة) -», «مسکو - ایرنا -»,
"MOSCOW (Reuters) -"): at most DATELINE_WORDS words before the dash, holding a
bracket or a digit or made of pieces of at most three words; or a city and a date
before an agency written between slashes ("MOSCOW, December 17. /TASS/."). A title never begins
inside one: it begins after it.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from mctimeline.gazetteer import find_series, series_title_en
from mctimeline.mentions import Mention

TITLE_WORDS = 12  # words around the date a title keeps at most
TITLE_CHARS = 240  # and characters around the date, however long its words
_MIN_WORDS = 6  # a piece shorter than this borrows from its neighbours
DATELINE_WORDS = 14  # the most words a dateline holds before its dash

_HARD = frozenset(".؟?!؛;")
_ALWAYS_HARD = _HARD - {"."}
_HARD_OR_COLON = _HARD | {":"}
# A sentence's soft breaks: its commas, and its relative words with white space (or nothing) on
# both sides. Each is found by str.find (_soft_breaks), which skips ahead in C: one alternation
# of them all gave re no first character to skip ahead by, and it tried every character.
_SOFT_MARKS = "،,"
_RELATIVE_WORDS = ("که", "الذي", "التي", "الذين", "which", "who")
_RELATIVE = re.compile("(?:" + "|".join(map(re.escape, _RELATIVE_WORDS)) + r")(?!\S)")
_NEWLINES = re.compile(r"[ \t\u200c]*\n[\s]*")
_NON_BLANK = re.compile(r"\S")
_NEWLINE = re.compile("\n")
_STOP_MARKS = "".join(sorted(_HARD)) + ":"
_STOP_CANDIDATES = re.compile("[" + re.escape(_STOP_MARKS) + "]")  # what _stop_candidates finds
_EDGE_PUNCT = " \t\n\u200c،,:؛;.-–—«»\"'()[]"
_DASH = re.compile(r"\s[-–—]\s")
_SLASHED_AGENCY = re.compile(r"\s/[^\s/][^/\n]{0,30}/\.?[ \t]+")  # "MOSCOW, December 17. /TASS/."
_LETTER = re.compile(r"[^\W\d_]")
# A clock time beside a bare date does not make it a sentence ("April 8, 2025 at 12:29 pm").
_CLOCK = re.compile(r"(?i)(?:\bat\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\b\.?)?")
_JOINERS = "که|الذي|التي|الذين|اللذين|which|who|و|and|أو|or|یا|ثم"
_EDGE_HEAD = re.compile(rf"(?:{_JOINERS})\s+")
_EDGE_TAIL = re.compile(rf"\s(?:{_JOINERS})$")  # what _tail_joiner finds
_JOINER_SET = frozenset(_JOINERS.split("|"))
_JOINER_REACH = 1 + max(map(len, _JOINER_SET))  # a joiner and the white space before it


@lru_cache(maxsize=16)
def _breaks(text: str) -> tuple[tuple[int, int], ...]:
    """Newline runs that end a sentence: (start, end) offsets."""
    lengths = sorted(n for n in map(len, map(str.strip, text.split("\n"))) if n)
    # The full width of the text's lines: a wrapped line is about as long (PDF), a heading or a
    # subheading without a stop is much shorter than the paragraphs around it (news)
    typical = lengths[(9 * len(lengths)) // 10] if lengths else 0
    out = []
    starts = _line_starts(text)
    for start, end in _newline_runs(text):
        before = text[starts[bisect.bisect_right(starts, start) - 1] : start].strip()
        # An empty line before, a heading, or a complete line: a real paragraph break.
        heading = before.startswith("#") or len(before) < 0.6 * typical
        if not before or heading or before[-1] in _HARD_OR_COLON:
            out.append((start, end))
    return tuple(out)


def _newline_runs(text: str) -> list[tuple[int, int]]:
    """The spans of `_NEWLINES.finditer(text)`, found from each newline rather than by trying the
    pattern, which opens with a repeat, at every character: a run is the newline, the spaces, tabs
    and ZWNJ before it back to where the last run ended, and the white space after it."""
    out = []
    n = len(text)
    end = 0  # where the last run ended: the next one cannot begin before it
    q = text.find("\n")
    while q >= 0:
        start = q
        while start > end and text[start - 1] in " \t\u200c":
            start -= 1
        end = q + 1
        while end < n and text[end].isspace():  # re's \s is str.isspace
            end += 1
        out.append((start, end))
        q = text.find("\n", end)
    return out


def _is_hard(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _HARD:
        decimal_point = (
            ch == "." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        )
        return not decimal_point
    if ch == ":":
        if 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            return False  # a clock time, "12:29 pm"
        line_start = text.rfind("\n", 0, i) + 1
        return text.count('"', line_start, i) % 2 == 0  # not inside a "quoted title: subtitle"
    return False


@lru_cache(maxsize=16)
def _stops(text: str) -> tuple[int, ...]:
    """Offsets of the hard stops of a text, in order."""
    # The stops other than a full stop and a colon are hard wherever they stand: _is_hard is
    # asked only about those two (a text's stops are found once, but a long text has thousands).
    return tuple(i for i in _stop_candidates(text) if text[i] in _ALWAYS_HARD or _is_hard(text, i))


def _stop_candidates(text: str) -> list[int]:
    """Where `_STOP_CANDIDATES` matches, in order: each mark found by str.find, which skips ahead
    in C where the character class is tried at every character (twice as slow on news)."""
    out = []
    for mark in _STOP_MARKS:
        i = text.find(mark)
        while i >= 0:
            out.append(i)
            i = text.find(mark, i + 1)
    out.sort()
    return out


class _Bounds:
    """A text's sentence bounds, worked out once per text (`_bounds`) and shared by its dates.

    A sentence around text[start:end] begins after the last hard stop before `start` or the
    last sentence-ending newline run that ends at or before it, whichever is later, and ends
    at the first hard stop at or after `end` (after it when it is «؟», "?" or "!") or the first
    newline run that begins there, whichever is earlier. Both kinds of bound are merged into
    one sorted list each way, so a date's sentence is two bisections (`sentence_around`).
    """

    __slots__ = ("lefts", "right_ends", "right_keys")

    def __init__(self, text: str) -> None:
        stops = _stops(text)
        breaks = _breaks(text)
        # Where a sentence may begin: after a stop, at a break's end; 0 stands for the text's start.
        self.lefts = sorted({0, *(s + 1 for s in stops), *(b for _, b in breaks)})
        # Where a sentence ends, by the first position at or after a date's end that bounds it: a
        # stop at s (s, or s + 1 for «؟?!»), a break starting at b (b). A stop never stands in a
        # break (white space and newlines), so each key is one bound's.
        rights = sorted(
            [(s, s + (1 if text[s] in "؟?!" else 0)) for s in stops] + [(a, a) for a, _ in breaks]
        )
        self.right_keys = [k for k, _ in rights]
        self.right_ends = [e for _, e in rights]


@lru_cache(maxsize=16)
def _bounds(text: str) -> _Bounds:
    return _Bounds(text)


# A document's dates ask for their sentence, clause and dateline several times each (from
# the clause, the report, the context before a date); a few documents' answers are kept.
@lru_cache(maxsize=128)
def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence that holds text[start:end] (see the module docstring)."""
    bounds = _bounds(text)
    lefts = bounds.lefts
    lo = lefts[bisect.bisect_right(lefts, start) - 1]
    after = bisect.bisect_left(bounds.right_keys, end)
    hi = bounds.right_ends[after] if after < len(bounds.right_ends) else len(text)
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def previous_sentence(text: str, start: int) -> tuple[int, int] | None:
    """The sentence before the one that starts at or contains `start`, or None at the top."""
    s_lo, _ = sentence_around(text, start, start)
    i = s_lo - 1
    while i >= 0 and (text[i].isspace() or _is_hard(text, i)):
        i -= 1
    if i < 0:
        return None
    return sentence_around(text, i, i + 1)


# A date's dateline is asked for by its exclusion, its clause and its report, at its start.
@lru_cache(maxsize=128)
def dateline_end(text: str, pos: int) -> int:
    """Where the body begins after the dateline that opens the line holding `pos`; -1 when none."""
    starts = _line_starts(text)
    return _dateline_end(text, starts[bisect.bisect_right(starts, pos) - 1])


@lru_cache(maxsize=16)
def _line_starts(text: str) -> tuple[int, ...]:
    """Where each line of a text begins: `text.rfind("\n", 0, pos) + 1` by bisection, as every date
    asks for its line's dateline several times (a reverse scan of a long line each time)."""
    return (0, *(m.end() for m in _NEWLINE.finditer(text)))


@lru_cache(maxsize=64)
def _dateline_end(text: str, line_start: int) -> int:
    head = text[line_start : line_start + 400]
    end = -1
    # Every match holds a dash, or a slash: most lines hold neither, and the patterns, which open
    # with \s, are not tried at each of their characters.
    dashes = "-" in head or "–" in head or "—" in head
    for m in _DASH.finditer(head) if dashes else ():
        prefix = head[: m.start()]
        if len(prefix.split()) > DATELINE_WORDS:
            break
        short = all(len(piece.split()) <= 3 for piece in _DASH.split(prefix))
        if "(" in prefix or short or any(map(str.isdigit, prefix)):
            end = line_start + m.end()
    for m in _SLASHED_AGENCY.finditer(head) if "/" in head else ():
        # A city and a date, then the agency between slashes: a dateline with no dash.
        if len(head[: m.start()].split()) <= DATELINE_WORDS and any(map(str.isdigit, head[: m.start()])):
            end = max(end, line_start + m.end())
        break
    return end


# A sentence is cut into pieces for each of its dates' clause and piece: once per sentence.
@lru_cache(maxsize=256)
def _pieces(text: str, lo: int, hi: int) -> tuple[tuple[int, int], ...]:
    out = []
    cur = lo
    for start, end in _soft_breaks(text, lo, hi):
        out.append((cur, start))
        cur = end  # after a comma; at a relative word, which opens the next piece
    out.append((cur, hi))
    # \S is str.isspace's complement: a piece with more than white space, found without a copy.
    return tuple((a, b) for a, b in out if _NON_BLANK.search(text, a, b))


def _soft_breaks(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The soft breaks of text[lo:hi] in order, as (start, where the next piece starts): a comma's
    end, a relative word's start. A relative word counts with white space (or nothing) on both
    sides, as (?<!\\S) sees even before `lo` and (?!\\S) nothing after `hi`; its letters hold no
    comma, and no other relative word between white space, so no two breaks overlap: they are
    the matches of one pattern with a look back (tests/test_titles.py compares the two)."""
    found = []
    for mark in _SOFT_MARKS:
        at = text.find(mark, lo, hi)
        while at >= 0:
            found.append((at, at + 1))
            at = text.find(mark, at + 1, hi)
    for word in _RELATIVE_WORDS:
        at = text.find(word, lo, hi)
        while at >= 0:
            end = at + len(word)
            if (end == hi or text[end].isspace()) and (at == 0 or text[at - 1].isspace()):
                found.append((at, at))
            at = text.find(word, at + 1, hi)
    found.sort()
    return found


def _words(s: str) -> list[str]:
    return s.split()


@lru_cache(maxsize=64)  # a date's place asks for it twice (its destination, the one beside it)
def piece_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the stretch of text[start:end]'s sentence between the clause breaks around it
    (a comma, a relative word): unlike clause_around, never widened to a neighbour nor trimmed."""
    inside = [(a, b) for a, b in _pieces(text, *sentence_around(text, start, end)) if a < end and b > start]
    return (min(inside[0][0], start), max(inside[-1][1], end)) if inside else (start, end)


@lru_cache(maxsize=64)
def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the short clause around text[start:end] from which a title is made."""
    lo, hi = sentence_around(text, start, end)
    pieces = _pieces(text, lo, hi)
    if not pieces:  # nothing but white space and punctuation around
        return start, end
    inside = [i for i, (a, b) in enumerate(pieces) if a < end and b > start] or [
        min(range(len(pieces)), key=lambda i: abs(pieces[i][0] - start))
    ]
    first, last = inside[0], inside[-1]
    limit = TITLE_WORDS + len(_words(text[start:end]))

    def size(f: int, la: int) -> int:
        return len(_words(text[pieces[f][0] : pieces[la][1]]))

    # The words of pieces first..last, each span counted once: a span widened to is not split again.
    n = size(first, last)
    while n < _MIN_WORDS:
        if first > 0 and (wider := size(first - 1, last)) <= limit:
            first, n = first - 1, wider
        elif last < len(pieces) - 1 and (wider := size(first, last + 1)) <= limit:
            last, n = last + 1, wider
        else:
            break
    if (
        first > 0
        and _RELATIVE.match(text, pieces[first][0])
        and len(_words(text[slice(*pieces[first - 1])])) <= 3
    ):
        first -= 1  # «این نشست | که در ...»: the relative clause needs its head noun
        n = -1  # the pieces' words not counted
    c_lo, c_hi = min(pieces[first][0], start), max(pieces[last][1], end)
    counted = n >= 0 and c_lo == pieces[first][0] and c_hi == pieces[last][1]  # text[c_lo:c_hi] is the span
    if (n if counted else len(_words(text[c_lo:c_hi]))) > limit:
        c_lo, c_hi = _trim(text, c_lo, c_hi, start, end)
    c_lo, c_hi = _bound(text, c_lo, c_hi, start, end)
    body = dateline_end(text, start)
    if c_lo < body <= start:
        c_lo = body  # the clause, not the wire's city, date and agency before it
    return _strip_edges(text, c_lo, c_hi, start, end)


def _bound(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """At most TITLE_CHARS characters besides the date's: twelve words of a text with few spaces
    can be the whole text, and every event of it would carry it."""
    if (start - lo) + (hi - end) <= TITLE_CHARS:
        return lo, hi
    before = min(start - lo, max(2 * TITLE_CHARS // 3, TITLE_CHARS - (hi - end)))
    after = TITLE_CHARS - before
    new_lo, new_hi = start - before, min(hi, end + after)
    # At a space when there is one in the outer half of the room, else mid-word.
    space = text.find(" ", new_lo, start - before // 2)
    if space >= 0:
        new_lo = space + 1
    space = text.rfind(" ", end + after // 2, new_hi)
    if space >= 0:
        new_hi = space
    return new_lo, new_hi


def _trim(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """Keep the date and at most TITLE_WORDS words around it."""
    # The words (runs of \\S, str.split's) of the two stretches counted and cut by str.split and
    # str.rsplit: a match object a word (finditer) cost a clause of fifty words more than its title.
    head, tail = text[lo:start], text[end:hi]
    n_head, n_tail = len(head.split()), len(tail.split())
    # Two thirds before the date: the subject (and in Persian the series name) comes first.
    n_before = min(n_head, max(2 * TITLE_WORDS // 3, TITLE_WORDS - n_tail))
    n_after = min(n_tail, TITLE_WORDS - n_before)
    new_lo = start - len(_last_words(head, n_before)) if n_before else start
    new_hi = end + len(_first_words(tail, n_after)) if n_after else end
    return new_lo, new_hi


def _last_words(s: str, n: int) -> str:
    """The end of `s` from the start of its n-th word from the end (n >= 1, at most its words)."""
    kept = s.rsplit(None, n)  # the words cut off stay joined in kept[0], which `s` starts with
    rest = s[len(kept[0]) :] if len(kept) > n else s
    return rest.lstrip()


def _first_words(s: str, n: int) -> str:
    """The start of `s` up to the end of its n-th word (n >= 1, at most its words)."""
    kept = s.split(None, n)  # the words after the n-th stay joined in kept[-1], which `s` ends with
    rest = s[: len(s) - len(kept[-1])] if len(kept) > n else s
    return rest.rstrip()


def _strip_edges(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """Without punctuation at either edge, a relative word or conjunction it opens with, or a
    conjunction it ends on («که قرار است …», «التي وقّعها …», «… در عشق آباد و»): what the
    cut left of the sentence around them, which a title reads wrong."""
    while True:
        while lo < start and text[lo] in _EDGE_PUNCT:
            lo += 1
        while hi > end and text[hi - 1] in _EDGE_PUNCT:
            hi -= 1
        head = _EDGE_HEAD.match(text, lo, start)
        tail = _tail_joiner(text, end, hi)
        if not head and tail < 0:
            return lo, hi
        lo, hi = head.end() if head else lo, tail if tail >= 0 else hi


def _tail_joiner(text: str, end: int, hi: int) -> int:
    """Where `_EDGE_TAIL.search(text, end, hi)` matches (-1: nowhere), for a stretch that does not end
    in a newline (_strip_edges took it off): white space, then a joiner ending at `hi`. A joiner
    holds no white space, so it can only be the last word; read from `hi` back rather than by
    trying the pattern, which opens with \\s, at every character."""
    if hi <= end or text[hi - 1].isspace():
        return -1
    word = text[max(end, hi - _JOINER_REACH) : hi].rsplit(None, 1)[-1]
    at = hi - len(word) - 1
    return at if at >= end and word in _JOINER_SET and text[at].isspace() else -1


def collapse(s: str) -> str:
    """White space (including ZWNJ-free line breaks) collapsed to single spaces."""
    # str.split's white space is re's \s (both are str.isspace), and it splits four times faster.
    return " ".join(s.split())


def report_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of what reports the happening dated at text[start:end]: its sentence, after any
    dateline, when it has at most TITLE_CHARS characters; else the clause around the date."""
    lo, hi = sentence_around(text, start, end)
    body = dateline_end(text, start)
    if lo < body <= start:
        lo = body
    lo, hi = _strip_edges(text, lo, hi, start, end)
    around = text[lo:start] + text[end:hi]
    if ":" in around:  # a clock time holds a colon: without one there is none to take out
        around = _CLOCK.sub("", around)
    if not _LETTER.search(around):
        return _told_after(text, lo, hi)  # a bare date (a dated heading): what follows tells it
    if hi - lo <= TITLE_CHARS:
        return lo, hi
    return clause_around(text, start, end)


def _told_after(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The sentence after a bare date at text[lo:hi], its first TITLE_CHARS characters at a word
    boundary; the date itself when nothing follows."""
    i = hi
    while i < len(text) and (text[i].isspace() or _is_hard(text, i)):
        i += 1
    if i >= len(text):
        return lo, hi
    n_lo, n_hi = sentence_around(text, i, i + 1)
    if n_hi - n_lo > TITLE_CHARS:
        space = text.rfind(" ", n_lo, n_lo + TITLE_CHARS)
        n_hi = space if space > n_lo else n_lo + TITLE_CHARS
    return n_lo, n_hi


def title_for(text: str, mention: Mention) -> str:
    """A short title in the text's language: the clause around the mention, white space collapsed."""
    lo, hi = clause_around(text, mention.start, mention.end)
    return collapse(text[lo:hi])


def title_en_for(clause: str, lang: str) -> str:
    """The English title where the series gazetteer names the event in `clause`, else ""."""
    found = find_series(clause, lang)
    if found is None:
        return ""
    return series_title_en(*found)
