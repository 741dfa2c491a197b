"""The actors gazetteer (data/actors.toml): the people, organisations and countries a text names."""

from __future__ import annotations

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
class Actor:
    """Someone a news text names as acting: a person, an organisation or a country."""

    actor_id: str
    kind: str  # person | organisation | country
    name_en: str
    name_fa: str
    name_ar: str
    country: str  # a person's or organisation's country, as an actor id ("" when none)
    role: str  # in English, e.g. "President of Russia" ("" when none)
    names: dict[str, tuple[str, ...]]


ACTOR_KINDS = ("person", "organisation", "country")


@cache
def actor_entries() -> tuple[Actor, ...]:
    """Every actor of actors.toml, in file order."""
    return tuple(
        Actor(
            actor_id=a["id"],
            kind=a["kind"],
            name_en=a["name_en"],
            name_fa=a["name_fa"],
            name_ar=a["name_ar"],
            country=a.get("country", ""),
            role=a.get("role", ""),
            names={lang: tuple(a.get(lang, ())) for lang in LANGS},
        )
        for a in _load("actors.toml")["actor"]
    )


def actor_by_id(actor_id: str) -> Actor:
    """The actor with this id; KeyError when there is none."""
    for a in actor_entries():
        if a.actor_id == actor_id:
            return a
    raise KeyError(f"unknown actor {actor_id!r}: see data/actors.toml")


@cache
def _actor_patterns(lang: str) -> _Patterns:
    return _name_patterns("actors.toml", "actor", "id", lang)


def actors_in(text: str, lang: str) -> tuple[str, ...]:
    """The ids of the actors a text names, each once, in the order they are first named.

    `lang` picks the spellings tried first, then English as for places. Where spellings
    overlap the longest wins: «شورای امنیت روسیه» is Russia's Security Council, not the
    UN's, and «اوپک پلاس» is OPEC+, not OPEC.
    """
    return actors_in_folded(fold(text), lang)


def actors_in_folded(text: str, lang: str, within: FoldedText | None = None) -> tuple[str, ...]:
    """actors_in on text already folded (see FoldedText), a slice of `within` when given."""
    found: list[tuple[int, int, str]] = []
    for language in _search_order(lang):
        patterns = patterns_for("actor", language, text, within)
        for pattern, actor_id, trigger in patterns:
            if trigger not in text:
                continue
            for m in find_all(pattern, text):
                s, e = m.span()
                if not any(s < fe and fs < e for fs, fe, _ in found):
                    found.append((s, e, actor_id))
    return tuple(dict.fromkeys(actor_id for _, _, actor_id in sorted(found)))


PATTERN_TABLES["actor"] = _actor_patterns
