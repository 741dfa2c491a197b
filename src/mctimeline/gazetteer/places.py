"""The places gazetteer (data/places.toml): which place a clause names, as its English name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mctimeline.gazetteer.text import (
    LANGS,
    FoldedText,
    _load,
    _name_patterns,
    _search_order,
    find_all,
    fold,
    patterns_for,
)
from mctimeline.gazetteer.triggers import PATTERN_TABLES, _Patterns


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
def _locative_cues(lang: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Folded cue words before the place (each after a space, and alone), after it, and
    one-letter proclitics: as tuples, which str.endswith and str.startswith test in one call."""
    cues = _load("places.toml")["locative"].get(lang, {})
    before = tuple(fold(c) for c in cues.get("before", []))
    after = tuple(fold(c) for c in cues.get("after", []))
    words = tuple(c for c in before if len(c) > 1)
    return (
        tuple(" " + c for c in words),
        words,
        after,
        tuple(c for c in before if len(c) == 1),
    )


def place_matches(clause: str, lang: str) -> list[tuple[int, str, bool]]:
    """Every place named in a clause: (position in the folded clause, canonical name, locative?)."""
    return places_in_folded(fold(clause), lang)


def places_in_folded(text: str, lang: str, within: FoldedText | None = None) -> list[tuple[int, str, bool]]:
    """place_matches on text already folded (see FoldedText), a slice of `within` when given."""
    return [(s, name, locative) for s, _, name, locative, _ in _place_spans(text, lang, within)]


def _place_spans(text: str, lang: str, within: FoldedText | None) -> list[tuple[int, int, str, bool, str]]:
    """places_in_folded with where each name ends and the Arabic proclitics written on it:
    (start, end, name, locative?, proclitics)."""
    out: dict[int, tuple[int, int, str, bool, str]] = {}
    taken: list[tuple[int, int]] = []
    for language in _search_order(lang):
        spaced, before, after, proclitics = _locative_cues(language)
        patterns = patterns_for("place", language, text, within)
        for pattern, name, trigger in patterns:
            if trigger not in text:
                continue
            for m in find_all(pattern, text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue  # a longer form already covers this stretch («عاصمة جمهورية بيلاروس - مينسك»)
                head = text[:s].rstrip()
                tail = text[e:].lstrip()
                locative = head.endswith(spaced) or head in before or tail.startswith(after)
                pre = m.group("pre") if "pre" in pattern.groupindex else ""
                pre = pre or ""
                locative |= any(p in pre for p in proclitics)
                taken.append((s, e))
                out[s] = (s, e, name, locative, pre)
    return [out[k] for k in sorted(out)]


# How many words may stand between a travel word and the «به», «إلى», "to" it governs (an
# Arabic verb comes before its subject: «وصل وزير الخارجية الإيراني عباس عراقجي إلى موسكو»),
# and between the place and a travel word after it («به مسکو سفر کرد», «إلى موسكو في زيارة»).
# Farther, the travel word is seldom the one the «به» hangs on («سفر او ... به مسکو پیام داد»).
DESTINATION_BEFORE_WORDS = 6
DESTINATION_AFTER_WORDS = 2
# An Arabic report opens with its verb and names its subject before the destination («وصل
# وزير الخارجية الإيراني، عباس عراقجي، اليوم الأحد، إلى موسكو»): a travel verb that opens
# the sentence governs the first «إلى» within this many words, past the subject's commas.
VSO_WORDS = 14
_SENTENCE_BREAK = re.compile(r"[.!?؟؛;\n]")


@dataclass(frozen=True)
class _DestinationCues:
    to: tuple[str, ...]  # folded words right before a place that a travel word must govern
    direct: tuple[str, ...]  # folded words right before a place that make it a destination alone
    proclitics: tuple[str, ...]  # one-letter `to` words written on the name («لموسكو»)
    travel: re.Pattern[str] | None  # a travel word at the start of a word


@cache
def _destination_cues(lang: str) -> _DestinationCues:
    tables = _load("places.toml")["destination"]
    langs = (lang,) if lang in tables else tuple(tables)
    to = {fold(w) for la in langs for w in tables[la].get("to", [])}
    direct = {fold(w) for la in langs for w in tables[la].get("direct", [])}
    stems = sorted({fold(w) for la in langs for w in tables[la].get("travel", [])}, key=len, reverse=True)
    prefix = "(?:[وف]?(?:[بل]|ال|بال|لل)?)" if lang == "ar" else ""
    travel = re.compile(rf"(?<!\w){prefix}(?:{'|'.join(map(re.escape, stems))})") if stems else None
    return _DestinationCues(
        tuple(sorted(w for w in to if len(w) > 1)),
        tuple(sorted(direct)),
        tuple(sorted(w for w in to if len(w) == 1)),
        travel,
    )


PlaceSpan = tuple[int, int, str, bool, str]  # start, end, name, marked as the scene, Arabic proclitics


def place_spans_in_folded(text: str, lang: str, within: FoldedText | None = None) -> list[PlaceSpan]:
    """Every place named in folded text, with where its name ends and the Arabic proclitics written
    on it: what `places_in_folded` and `destinations_in_folded` read, for a caller that asks both."""
    return _place_spans(text, lang, within)


def destinations_in_folded(
    text: str, lang: str, within: FoldedText | None = None, spans: list[PlaceSpan] | None = None
) -> list[tuple[int, str]]:
    """Every place folded text names as where a visit, a journey or an arrival goes, not as
    the scene: (position in the text, canonical name). A destination is a place right after a
    `direct` word of places.toml [destination] («وارد مسکو شد», «عازم مسکو», «يزور موسكو»,
    "visited Moscow"), or right after a `to` word («به», «إلى», "to") governed by a travel word
    at most DESTINATION_BEFORE_WORDS words before it («سفر دو روزه خود به مسکو», «وصل ... إلى
    طهران», "will travel to Beijing") or DESTINATION_AFTER_WORDS words after the place («به
    تهران آمده», «إلى موسكو في زيارة»). An origin («از تهران», «من موسكو», "from Moscow") is
    none, nor a place «به», «إلى», "to" name without a travel word («پیامی به مسکو»).
    `spans`, when given, are `place_spans_in_folded` of the same text."""
    cues = _destination_cues(lang)
    out = []
    for s, e, name, _locative, pre in _place_spans(text, lang, within) if spans is None else spans:
        head = text[:s].rstrip()
        last = head.rsplit(" ", 1)[-1]
        if lang == "ar" and last[:1] in ("و", "ف") and last[1:] in cues.direct:
            last = last[1:]  # «وزار موسكو», «فيزور»: a conjunction written on the verb
        if last in cues.direct or any(head.endswith(" " + c) or head == c for c in cues.direct if " " in c):
            out.append((s, name))
            continue
        cue = next((c for c in cues.to if head.endswith(" " + c) or head == c), None)
        if cue is not None:
            head = head[: len(head) - len(cue)]
        elif not any(p in pre for p in cues.proclitics):  # «زيارته لموسكو»: «ل» written on the name
            continue
        words = head.split()[-DESTINATION_BEFORE_WORDS:]
        # A travel word governs the nearest «به» after it: in «پس از سفر به پکن به تهران
        # بازگشت» the trip's word is Beijing's, and Tehran's «به» hangs on a return.
        cut = max((i + 1 for i, w in enumerate(words) if w in cues.to), default=0)
        before = " ".join(words[cut:])
        after = " ".join(text[e:].split()[: DESTINATION_AFTER_WORDS + 1])
        governed = bool(cues.travel and (cues.travel.search(before) or cues.travel.search(after)))
        if governed or (lang == "ar" and cue is not None and _verb_first(head, cues)):
            out.append((s, name))
    return out


def _verb_first(head: str, cues: _DestinationCues) -> bool:
    """Whether the sentence `head` ends in opened with a travel verb at most VSO_WORDS words
    back, with no other «إلى» between (the Arabic verb-subject-object order)."""
    opening = _SENTENCE_BREAK.split(head)[-1].split()
    if not opening or len(opening) > VSO_WORDS or any(w in cues.to for w in opening[1:]):
        return False
    return bool(cues.travel and cues.travel.fullmatch(opening[0]))


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
