"""Scope: one source's sentences and clauses while its mentions are described, each read once."""

from __future__ import annotations

import hashlib
import re
import sys
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from mctimeline import gazetteer, titles
from mctimeline.events.context import lead_end
from mctimeline.events.kinds import (
    _KindPatterns,
    _KindRows,
    kind_rows_in,
    kinds_in_slice,
    opens_with_anaphor,
)
from mctimeline.events.models import _ANAPHOR_CHAIN

# Precompiled: `re.findall(pattern, …)` looks its pattern up in re's cache on every call.
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")  # a sentence's words that two reports of one happening share
_WORD = re.compile(r"\w+")
_SHA1 = hashlib.sha1()  # empty: copied for each sentence's hash


class Scope:
    """One source while its mentions are described: its text, and what its anchors share.

    Neighbouring dates share sentences, and each looks at its clause and the sentences
    before it; the series, place and context of a span are pure functions of the text,
    so they are found once per source rather than once per date.

    It also numbers the source's content words as met, so that a sentence's words become
    the bits of one int: only anchors of one source compare words (rule 5), so numbers
    need only agree within a source; an int of a few dozen bytes replaces a set of a
    hundred strings per anchor.
    """

    def __init__(self, text: str, folded: gazetteer.FoldedText, lang: str, title: str = "") -> None:
        self.text, self.folded, self.lang, self._title = text, folded, lang, title
        self._reported: dict[tuple[int, int], tuple[str, ...]] = {}
        self.numbers: dict[str, int] = {}
        self.sentences: dict[tuple[int, int], int] = {}
        self._previous: dict[int, tuple[int, int] | None] = {}
        self._places: dict[tuple[int, int, bool], str] = {}
        self._all_places: dict[tuple[int, int], list[tuple[int, str, bool]]] = {}
        self._destinations: dict[tuple[int, int], list[tuple[int, str]]] = {}
        self._series: dict[tuple[int, int], tuple[str, int | None] | None] = {}
        self._actors: dict[tuple[int, int], tuple[str, ...]] = {}
        self._said: dict[tuple[int, int], int] = {}
        self._sentences: dict[tuple[int, int], int] = {}
        self._kinds: dict[tuple[int, int], frozenset[str]] = {}
        self._named: dict[tuple[int, int, str], bool] = {}
        self._among: dict[str, _KindRows] = {}
        self._marked: dict[tuple[int, int], list[tuple[int, str]]] = {}
        self._titles: dict[tuple[int, int], str] = {}
        self._place_spans: dict[tuple[int, int], list[gazetteer.PlaceSpan]] = {}
        self._word_lists: dict[tuple[int, int], list[str]] = {}

    # Read when a date first asks: a text whose dates are all dropped (_dropped) asks for none.
    @cached_property
    def title_actors(self) -> tuple[str, ...]:
        if not self._title:
            return ()
        return tuple(sys.intern(a) for a in gazetteer.actors_in(self._title, self.lang))

    @cached_property
    def lead_end(self) -> int:
        return lead_end(self.text)

    @cached_property
    def kind_rows(self) -> _KindRows:
        """The kind patterns some slice of the text may match, each with its stems' words the text holds."""
        return kind_rows_in(self.folded.text, self.lang, self.folded.words())

    @cached_property
    def kind_patterns(self) -> _KindPatterns:
        """The kind patterns some slice of the text may match."""
        return tuple((kind, pattern) for kind, pattern, _ in self.kind_rows)

    @cached_property
    def editions(self) -> bool:
        return gazetteer.editions_possible(self.folded.text, self.lang, self.folded.words())

    @cached_property
    def _triggers(self) -> dict[str, tuple[str, ...]]:
        return {kind: self.folded.triggers(kind, self.lang) for kind in ("place", "actor", "series")}

    def _may_name(self, kind: str, folded: str) -> bool:
        """Whether folded text (a slice of the source's) holds a trigger word of the `kind`
        gazetteer: most clauses and sentences hold none, and are answered without asking it."""
        for trigger in self._triggers[kind]:  # noqa: SIM110 (any() makes a generator per call)
            if trigger in folded:
                return True
        return False

    def _words(self, lo: int, hi: int) -> list[str]:
        """The words (\\w+) of the fold of text[lo:hi]: a sentence's, read for its words' bits and
        for what it says."""
        found = self._word_lists.get((lo, hi))
        if found is None:
            found = self._word_lists[(lo, hi)] = _words_of(self.folded.slice(lo, hi))
        return found

    def bits(self, sentence: tuple[int, int]) -> int:
        if sentence not in self.sentences:
            mask = 0
            numbers = self.numbers
            # Words of three letters or more, without digits: what two clauses about one happening
            # share. A run of letters lies within a word (\\w+): a word of letters alone is one,
            # one of decimal digits alone holds none.
            for word in self._words(*sentence):
                if len(word) < 3:
                    continue
                if word.isalpha():
                    mask |= 1 << numbers.setdefault(word, len(numbers))
                elif not word.isdecimal():
                    for run in _CONTENT_WORD.findall(word):
                        mask |= 1 << numbers.setdefault(run, len(numbers))
            self.sentences[sentence] = mask
        return self.sentences[sentence]

    def kinds(self, lo: int, hi: int) -> frozenset[str]:
        """The kinds of happening text[lo:hi] names (events.kinds._kinds of its fold)."""
        found = self._kinds.get((lo, hi))
        if found is None:
            folded = self.folded.slice(lo, hi)
            found = self._kinds[(lo, hi)] = kinds_in_slice(folded, self.lang, self.kind_rows)
        return found

    def names_kind(self, lo: int, hi: int, kind: str) -> bool:
        """Whether text[lo:hi] names `kind`: `kind in self.kinds(lo, hi)`, asking only its pattern
        when the other kinds of the span are not known yet."""
        found = self._kinds.get((lo, hi))
        if found is not None:
            return kind in found
        named = self._named.get((lo, hi, kind))
        if named is None:
            among = self._among.get(kind)
            if among is None:
                among = self._among[kind] = tuple(row for row in self.kind_rows if row[0] == kind)
            named = self._named[(lo, hi, kind)] = bool(among) and bool(
                kinds_in_slice(self.folded.slice(lo, hi), self.lang, among)
            )
        return named

    def context(self, sentence: tuple[int, int], back: int) -> list[tuple[int, int]]:
        """The date's sentence and up to `back` sentences before it, nearest first."""
        spans = [sentence]
        for _ in range(back):
            start = spans[-1][0]
            if start not in self._previous:
                self._previous[start] = titles.previous_sentence(self.text, start)
            prev = self._previous[start]
            if prev is None:
                break
            spans.append(prev)
        return spans

    def place(self, lo: int, hi: int, locative_only: bool) -> str:
        key = (lo, hi, locative_only)
        if key not in self._places:
            # As gazetteer.place_in_folded: the first place marked as the scene, else the first named.
            matches = self.places(lo, hi)
            marked = [name for _, name, locative in matches if locative]
            found = marked[0] if marked else ("" if locative_only or not matches else matches[0][1])
            self._places[key] = found
        return self._places[key]

    def marked(self, lo: int, hi: int) -> list[tuple[int, str]]:
        """The places text[lo:hi] marks as the scene: (position in its fold, name)."""
        found = self._marked.get((lo, hi))
        if found is None:
            found = [(pos, name) for pos, name, locative in self.places(lo, hi) if locative]
            self._marked[(lo, hi)] = found
        return found

    def title(self, lo: int, hi: int) -> str:
        """text[lo:hi] with its white space collapsed: the title of every date it reports."""
        found = self._titles.get((lo, hi))
        if found is None:
            found = self._titles[(lo, hi)] = titles.collapse(self.text[lo:hi])
        return found

    def destinations(self, lo: int, hi: int) -> list[tuple[int, str]]:
        """Every place text[lo:hi] names as a destination: (position in its fold, name)."""
        if (lo, hi) not in self._destinations:  # a sentence is read for each of its dates
            spans = self.place_spans(lo, hi)
            self._destinations[(lo, hi)] = (
                gazetteer.destinations_in_folded(
                    self.folded.slice(lo, hi), self.lang, within=self.folded, spans=spans
                )
                if spans
                else []
            )
        return self._destinations[(lo, hi)]

    def place_spans(self, lo: int, hi: int) -> list[gazetteer.PlaceSpan]:
        """The places text[lo:hi] names, read once for its places and its destinations."""
        found = self._place_spans.get((lo, hi))
        if found is None:
            folded = self.folded.slice(lo, hi)
            found = (
                gazetteer.place_spans_in_folded(folded, self.lang, within=self.folded)
                if self._may_name("place", folded)
                else []
            )
            self._place_spans[(lo, hi)] = found
        return found

    def places(self, lo: int, hi: int) -> list[tuple[int, str, bool]]:
        """Every place named in text[lo:hi]: (position in its fold, name, marked as the scene)."""
        if (lo, hi) not in self._all_places:
            spans = self.place_spans(lo, hi)
            self._all_places[(lo, hi)] = [(s, name, marked) for s, _, name, marked, _ in spans]
        return self._all_places[(lo, hi)]

    def actors(self, lo: int, hi: int) -> tuple[str, ...]:
        """The actors named in text[lo:hi] (ids, each once, first-seen order)."""
        if (lo, hi) not in self._actors:
            folded = self.folded.slice(lo, hi)
            self._actors[(lo, hi)] = (
                tuple(
                    sys.intern(a) for a in gazetteer.actors_in_folded(folded, self.lang, within=self.folded)
                )
                if self._may_name("actor", folded)
                else ()
            )
        return self._actors[(lo, hi)]

    def reported_actors(self, sentence: tuple[int, int], depth: int = _ANAPHOR_CHAIN) -> tuple[str, ...]:
        """The actors of a sentence: those it names, after those of the sentence before when it
        opens with a word pointing back to them («وی افزود», «وقال إن», "He said"), along a
        chain of such sentences at most `depth` long."""
        if sentence not in self._reported:
            own = self.actors(*sentence)
            found = own
            if depth > 0 and opens_with_anaphor(self.folded.slice(*sentence), self.lang):
                before = self.context(sentence, 1)[1:]
                if before:
                    found = tuple(dict.fromkeys(self.reported_actors(before[0], depth - 1) + own))
            self._reported[sentence] = found
        return self._reported[sentence]

    def sentence_number(self, span: tuple[int, int]) -> int:
        """The sentence text[span] numbered in the order sentences are met (an anchor keeps this)."""
        return self._sentences.setdefault(span, len(self._sentences))

    def said(self, lo: int, hi: int) -> int:
        """What the sentence text[lo:hi] says, hashed: two outlets printing one report share it.

        64 bits as an int (36 bytes held, not the 65 of 16 hex digits): only compared.
        """
        if (lo, hi) not in self._said:
            words = " ".join(self._words(lo, hi))
            digest = _SHA1.copy()  # hashlib.sha1() looks its algorithm up by name on every call
            digest.update(words.encode("utf-8"))
            self._said[(lo, hi)] = int.from_bytes(digest.digest()[:8], "big")
        return self._said[(lo, hi)]

    def series(self, lo: int, hi: int) -> tuple[str, int | None] | None:
        if (lo, hi) not in self._series:
            folded = self.folded.slice(lo, hi)
            self._series[(lo, hi)] = (
                gazetteer.series_in_folded(folded, self.lang, self.folded)
                if self._may_name("series", folded)
                else None
            )
        return self._series[(lo, hi)]


def _words_of(folded: str) -> list[str]:
    """`_WORD.findall(folded)`: a match of \\w+ never holds a space, and a space-separated piece of
    letters and digits alone (str.isalnum: \\w but "_") is one whole; only the other pieces (a word
    with a comma or a bracket on it) are searched. Most pieces are whole words: a split and a test
    each cost less than the regular expression's pass over every character."""
    out = []
    for piece in folded.split(" "):
        if piece.isalnum():
            out.append(piece)
        elif piece:
            out += _WORD.findall(piece)
    return out


@dataclass(frozen=True)
class Spans:
    """The spans of a text's dates (glosses and relative days left out), to ask which begin where.

    Sorted once per text and bisected: a list of the other spans made for every mention
    and scanned made a text of many dates quadratic (a 1 MB text: minutes).
    """

    starts: tuple[int, ...]  # sorted
    spans: frozenset[tuple[int, int]]

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> Spans:
        spans = list(spans)
        return cls(tuple(sorted(start for start, _ in spans)), frozenset(spans))

    def other_begins(self, lo: int, hi: int, own: tuple[int, int]) -> bool:
        """Whether a span other than `own` begins in [lo, hi)."""
        n = bisect_left(self.starts, hi) - bisect_left(self.starts, lo)
        if own in self.spans and lo <= own[0] < hi:
            n -= 1
        return n > 0


NO_SPANS = Spans((), frozenset())
