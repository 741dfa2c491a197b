"""The places gazetteer (data/places.toml): which place a clause names, as its English name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from mctimeline.gazetteer.text import (
    LANGS,
    PATTERN_TABLES,
    FoldedText,
    _load,
    _name_patterns,
    _Patterns,
    _search_order,
    fold,
)


@dataclass(frozen=True)
class Place:
    """A place of places.toml: its canonical English name, its country and its spellings."""

    name: str
    country: str  # English name of its country ("" where contested)
    names: dict[str, tuple[str, ...]]


@cache
def place_entries() -> tuple[Place, ...]:
    """Every place of places.toml, in file order."""
    return tuple(
        Place(p["name"], p.get("country", ""), {lang: tuple(p.get(lang, ())) for lang in LANGS})
        for p in _load("places.toml")["place"]
    )


def place_by_name(name: str) -> Place:
    """The place with this canonical name (an event's `location`); KeyError when there is none."""
    for p in place_entries():
        if p.name == name:
            return p
    raise KeyError(f"unknown place {name!r}: see data/places.toml")


def places_named(spelling: str, lang: str) -> tuple[str, ...]:
    """Every place a spelling of `lang` may name, ambiguous ones included (find_place gives none
    for «طرابلس»; this gives both Tripolis, for a caller that can tell them apart)."""
    folded = fold(spelling)
    return tuple(p.name for p in place_entries() if any(fold(f) == folded for f in p.names.get(lang, ())))


@cache
def _place_patterns(lang: str) -> _Patterns:
    return _name_patterns("places.toml", "place", "name", lang)


@cache
def _locative_cues(lang: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Folded cue words before the place, after it, and one-letter proclitics."""
    cues = _load("places.toml")["locative"].get(lang, {})
    before = tuple(fold(c) for c in cues.get("before", []))
    after = tuple(fold(c) for c in cues.get("after", []))
    return (
        tuple(c for c in before if len(c) > 1),
        after,
        tuple(c for c in before if len(c) == 1),
    )


def place_matches(clause: str, lang: str) -> list[tuple[int, str, bool]]:
    """Every place named in a clause: (position in the folded clause, canonical name, locative?)."""
    return places_in_folded(fold(clause), lang)


def places_in_folded(text: str, lang: str, within: FoldedText | None = None) -> list[tuple[int, str, bool]]:
    """place_matches on text already folded (see FoldedText), a slice of `within` when given."""
    out: dict[int, tuple[int, str, bool]] = {}
    taken: list[tuple[int, int]] = []
    for language in _search_order(lang):
        before, after, proclitics = _locative_cues(language)
        patterns = within.candidates("place", language) if within else _place_patterns(language)
        for pattern, name, trigger in patterns:
            if trigger not in text:
                continue
            for m in pattern.finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue  # a longer form already covers this stretch («عاصمة جمهورية بيلاروس - مينسك»)
                head = text[:s].rstrip()
                tail = text[e:].lstrip()
                locative = any(head.endswith(" " + c) or head == c for c in before)
                locative |= any(tail.startswith(c) for c in after)
                pre = m.groupdict().get("pre") or ""
                locative |= any(p in pre for p in proclitics)
                taken.append((s, e))
                out[s] = (s, name, locative)
    return [out[k] for k in sorted(out)]


def find_place(clause: str, lang: str, *, locative_only: bool = False) -> str | None:
    """The place a clause names, as its canonical English name (e.g. "Moscow"), or None.

    A place marked as the scene («در مسکو», «في مينسك», «مسکو میزبان») wins over
    one merely named («مسکو اعلام کرد»); with `locative_only` only a marked one is
    returned, which is what a caller wants when it looks beyond the date's clause.
    """
    return place_in_folded(fold(clause), lang, locative_only=locative_only)


def place_in_folded(
    text: str, lang: str, *, locative_only: bool = False, within: FoldedText | None = None
) -> str | None:
    """find_place on text already folded (see FoldedText), a slice of `within` when given."""
    matches = places_in_folded(text, lang, within)
    marked = [name for _, name, locative in matches if locative]
    if marked:
        return marked[0]
    if locative_only or not matches:
        return None
    return matches[0][1]


PATTERN_TABLES["place"] = _place_patterns
