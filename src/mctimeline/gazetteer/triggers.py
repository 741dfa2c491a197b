"""Trigger words: which words of a folded text can start a gazetteer's or a kind's match."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import cache
from typing import ClassVar

# A gazetteer's patterns: (compiled pattern, key, trigger word), in the table's order.
_Patterns = tuple[tuple[re.Pattern[str], str, str], ...]


_LATIN_LETTER = re.compile("[a-z]")  # folded text: Latin is lower case


@cache
def _all_latin(kind: str, lang: str) -> bool:
    """Whether every trigger of the table holds a Latin letter: then a text without one holds
    none of them, and the English spellings tried on a Persian or Arabic text cost nothing."""
    return all(_LATIN_LETTER.search(trigger) for _, _, trigger in PATTERN_TABLES[kind](lang))


class _Held:
    """Trigger words (those of one language's pattern tables, all kinds: `of`; or any others,
    such as events.kinds' stems), and which of them each word of a text holds.

    A trigger holds no space, so it is in a folded text exactly when it is in one of the
    text's space-separated words; what a word holds is worked out once per process and
    remembered, as the words of news repeat from text to text. Testing every trigger of
    the table against each text (`trigger in text`, a thousand scans of the whole text)
    was a third of the per-document stage.

    A text's words are asked about by half a dozen tables (places, actors and series of two
    languages, the kinds' stems, the cue words of events.happenings and sources): they are
    looked up once, for the triggers of every table made (`_AnyHeld`), and each table takes
    its own from what they hold.
    """

    _made: ClassVar[dict[str, _Held]] = {}
    _every: ClassVar[set[str]] = set()  # the triggers of every table made
    _generation: ClassVar[int] = 0  # how many times a table brought triggers not among them
    _any: ClassVar[_AnyHeld | None] = None  # the union's lookups, made again when it grows
    # The words last asked about, the triggers they hold, and the generation of the union read.
    _last: ClassVar[tuple[frozenset[str] | None, set[str], int]] = (None, set(), -1)
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, triggers: frozenset[str]) -> None:
        self.triggers = triggers
        with _Held._lock:
            if not triggers <= _Held._every:
                _Held._every |= triggers
                _Held._generation += 1
            self.generation = _Held._generation  # a union of this generation or later holds them

    @classmethod
    def of(cls, lang: str) -> _Held:
        if lang not in cls._made:
            tables = [PATTERN_TABLES[kind](lang) for kind in sorted(PATTERN_TABLES)]
            cls._made[lang] = cls(frozenset(t for table in tables for _, _, t in table))
        return cls._made[lang]

    def present(self, words: frozenset[str]) -> set[str]:
        """The triggers found in `words` (the distinct words of a folded text)."""
        asked, found, generation = _Held._last  # one read: another thread may set it meanwhile
        if words is not asked or generation < self.generation:
            union = _Held._any
            if union is None or union.generation < self.generation:
                with _Held._lock:
                    union = _Held._any = _AnyHeld(frozenset(_Held._every), _Held._generation)
            found = union.present(words)
            _Held._last = (words, found, union.generation)
        return found & self.triggers


class _AnyHeld:
    """The triggers of every `_Held` table, and which of them each word holds (remembered)."""

    MEMO = 1 << 16  # words remembered before the memo starts again

    def __init__(self, triggers: frozenset[str], generation: int) -> None:
        self.triggers = triggers
        self.generation = generation
        self.lengths = sorted({len(t) for t in triggers})
        self.memo: dict[str, frozenset[str]] = {}  # a word holding triggers → them
        self.barren: set[str] = set()  # words holding none: most of a text's

    def present(self, words: frozenset[str]) -> set[str]:
        """The triggers found in `words` (the distinct words of a folded text)."""
        memo, barren = self.memo, self.barren
        if len(memo) + len(barren) > self.MEMO:
            memo.clear()
            barren.clear()
        found: set[str] = set()
        # One set difference leaves the few words that hold a trigger and those not met before.
        for word in words - barren:
            held = memo.get(word)
            if held is None:
                held = self._held(word)
                if not held:
                    barren.add(word)
                    continue
                memo[word] = held
            found |= held
        return found

    def _held(self, word: str) -> frozenset[str]:
        n = len(word)
        return frozenset(
            word[i : i + size]
            for size in self.lengths
            if size <= n
            for i in range(n - size + 1)
            if word[i : i + size] in self.triggers
        )


class _Triggers:
    """One pattern table, and where each trigger's patterns stand in it: a text's few triggers
    pick them out without a pass over the whole table."""

    _made: ClassVar[dict[tuple[str, str], _Triggers]] = {}

    def __init__(self, table: _Patterns) -> None:
        self.table = table
        at: dict[str, list[int]] = {}
        for i, (_, _, trigger) in enumerate(table):
            at.setdefault(trigger, []).append(i)
        self.at = {trigger: tuple(rows) for trigger, rows in at.items()}

    @classmethod
    def of(cls, kind: str, lang: str) -> _Triggers:
        if (kind, lang) not in cls._made:
            cls._made[(kind, lang)] = cls(PATTERN_TABLES[kind](lang))
        return cls._made[(kind, lang)]

    def patterns(self, found: set[str]) -> _Patterns:
        """The patterns of the table whose trigger is in `found`, in the table's order."""
        at = self.at
        rows = sorted(i for trigger in found if trigger in at for i in at[trigger])
        return tuple(self.table[i] for i in rows)


# Each gazetteer's pattern table by kind ("series", "place", "actor"), registered by its
# module when mctimeline.gazetteer is imported: FoldedText.candidates reads them here.
PATTERN_TABLES: dict[str, Callable[[str], _Patterns]] = {}
