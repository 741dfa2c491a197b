"""The kinds of happening a clause names (data/kinds.toml) and the words that end a range."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from mctimeline import gazetteer


@cache
def _kinds_table() -> dict[str, object]:
    raw = resources.files("mctimeline").joinpath("data/kinds.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


@cache
def _kind_patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    out = []
    for kind, langs in kinds.items():
        stems = sorted({gazetteer.fold(s) for s in langs.get(lang, [])}, key=len, reverse=True)
        if not stems:
            continue
        alts = "|".join(" ?".join(re.escape(w) for w in s.split(" ")) for s in stems)
        prefix = "(?:[وف]?(?:[بلک]|ال|لل|بال)?)" if lang == "ar" else ""
        out.append((kind, re.compile(rf"(?<![\w]){prefix}(?:{alts})")))
    return tuple(out)


@cache
def _linking_kinds() -> frozenset[str]:
    """Kinds that can tell two dates name one happening (not `links = false`, i.e. not statements)."""
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    return frozenset(kind for kind, table in kinds.items() if table.get("links", True))


def _kinds(folded: str, lang: str) -> frozenset[str]:
    """The kinds of happening named in folded text (one shared frozenset per combination)."""
    return _interned(frozenset(kind for kind, pattern in _kind_patterns(lang) if pattern.search(folded)))


@cache
def _interned(kinds: frozenset[str]) -> frozenset[str]:
    # A handful of distinct combinations: a million anchors share them instead of owning one each.
    return kinds


@cache
def kind_title_en(kinds: frozenset[str]) -> str:
    """The English word that heads the title of an event of these kinds ("" for none)."""
    order = _kinds_table()["title_order"]
    table = _kinds_table()["kinds"]
    assert isinstance(order, list) and isinstance(table, dict)
    for kind in order:
        if kind in kinds:
            return str(table[kind].get("title_en", ""))
    return ""


@cache
def _range_end_words(lang: str) -> tuple[str, ...]:
    table = _kinds_table()["range_end"]
    assert isinstance(table, dict)
    return tuple(gazetteer.fold(w) for w in table.get(lang, []))
