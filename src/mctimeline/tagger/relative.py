"""Relative days («أمس», «امروز», "tomorrow") and the publication day they are counted from.

`publication_day` is the one rule deciding a text's publication day: a given one
(metadata, --published) wins, else the day a dated «today» in the text pins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from mctimeline import published as published_mod
from mctimeline.lexicon import lexicon
from mctimeline.mentions import Mention
from mctimeline.normalize import key
from mctimeline.published import Published

_REL_WORDS = {
    0: "today",
    1: "tomorrow",
    -1: "yesterday",
    2: "the day after tomorrow",
    -2: "the day before yesterday",
}
_DIGIT = re.compile(r"\d")


def _relative_bounds(text: str, mentions: list[Mention], published: Published | None) -> list[Mention]:
    if not any(m.calendar == "relative" and not m.start_date for m in mentions):
        return mentions  # nothing to pin, so no publication date to look for
    pub = publication_day(text, mentions, published)
    if pub is None:
        return [_unresolved(m) for m in mentions]
    day = pub.date
    out = []
    for m in mentions:
        if m.calendar == "relative" and not m.start_date:
            offset = _relative_offset(m.text)
            if offset is not None:
                d = (day + dt.timedelta(days=offset)).isoformat()
                pinned = "pinned by " if pub.basis == "text" else ""
                note = f"{_REL_WORDS[offset]} of the publication date {pub.day}, {pinned}{pub.how}"
                m = replace(m, start_date=d, end_date=d, status="inferred", note=note)
        out.append(_unresolved(m))
    return out


def _unresolved(m: Mention) -> Mention:
    """A relative mention left without bounds is `unresolved`, never `ok`: nothing was dated."""
    if m.calendar != "relative" or m.start_date or m.status == "unresolved":
        return m
    note = m.note or (
        f"«{m.text}» is counted from a reference date, and the text has none (no publication date)"
    )
    return replace(m, status="unresolved", note=note)


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
        from mctimeline.tagger import tag  # the package's entry point, which imports this module

        mentions = tag(text)
    for m in mentions:
        if m.calendar == "relative" or not m.start_date or m.precision != "day":
            continue
        if m.status in ("invalid", "conflict"):
            continue
        if _relative_offset(m.text) == 0:
            return m.start_date, f"«{m.text}» (characters {m.start}-{m.end})"
    return None


def publication_day(
    text: str, mentions: Sequence[Mention] | None = None, given: Published | None = None
) -> Published | None:
    """The publication day of a text: the one rule, used by the tagger and by sources alike.

    A `given` day (metadata, --published) wins; without one, the day a dated «today»
    in the text pins (`publication_date`), basis "text"; else None. When the text
    pins another day than the given one, the given one's `how` says so (an archive's
    date may be the day it was filed, or wrong: the reader should know).
    """
    found = publication_date(text, mentions)
    if given is not None:
        if found is not None and found[0] != given.day:
            given = replace(given, how=f"{given.how}; the text's own {found[1]} says {found[0]}")
        return published_mod.decide(given, None)
    if found is None:
        return None
    return published_mod.decide(None, Published(found[0], "text", found[1]))
