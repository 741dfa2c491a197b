"""Only happenings are events: which resolved mentions date something that happened.

A mention stays in mentions.csv but makes no event, with a `not-a-happening` row in
reconciliation.csv saying why, when:

1. **its role is not a happening's**: the tagger marked it since, until, by or
   forecast («منذ 2006», «تا سال ۱۴۱۰», «بحلول عام 2030», "is expected in 2026"):
   it bounds a state or dates what is expected. A day-precise until right after a
   range word («حتى يوم 25») is the end of a range, and stays (rule 6 of
   mctimeline.events);
2. **it is a number's year**: a year right after a numbering word, a number and at most two
   words («القرار رقم 1747 لعام 2007», «قطعنامه ۲۲۳۱ سال ۲۰۱۵», "Resolution 2231 (2015)");
3. **it is a birth year or an age**: right after a birth word and at most two words
   («متولد سال ۱۳۴۰», «من مواليد عام 1960», "born in 1960"), or followed by an age
   word («۶۵ ساله», "years old");
4. **it is in a dateline** («موسكو، 15 صفر 1447 (الموافق 9 أغسطس 2025) (الجزيرة) -»):
   it dates the report, not what the report tells (mctimeline.titles.dateline_end);
5. **it is a bare year in passing**: year-precise, and its clause names no kind of
   happening (data/kinds.toml, statements aside) and no series («نزدیکی تهران و مسکو
   پس از سال ۲۰۲۲»);
6. **it begins after its text was published**: at publication it had not happened, so the
   text schedules or expects it («سيلتقي ... غدًا الأربعاء», "will review it on April 16"),
   however the tagger read its role. A text of unknown publication day is not judged;
7. **it ends a since-clause that names no happening**: a since-word opens its clause a few
   words before it, with no pause between, and those words name no kind of happening
   ("since coming to power in July", «منذ توليه منصبه في يوليو», «از زمان روی کار آمدن در
   تیر»): the tagger's role sees only the words right before a date. A since-clause that
   names one ("since Russia's invasion of Ukraine in February 2022", «از زمان آغاز جنگ
   اوکراین در سال ۲۰۲۲») dates that happening, and stays;
8. **it follows a deadline phrase** longer than the tagger's role reads ("by the end of
   January", «بحلول نهاية العام», data/roles.toml [by] `phrases`): a by-reference.

A gloss follows what it glosses. The words are data (data/kinds.toml,
[not_happening]), matched on folded text.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from mctimeline import gazetteer, titles
from mctimeline.events.kinds import _kinds, _kinds_table, _linking_kinds
from mctimeline.gazetteer.triggers import _Held
from mctimeline.mentions import Mention

NOT_A_HAPPENING = "not-a-happening"
_ROLES = {
    "since": "a since-reference: it says from when a state holds",
    "until": "an until-reference: it says until when a state holds",
    "by": "a by-reference: it says by when something is due",
    "forecast": "a forecast: it dates what is expected, not what happened",
}
_LOOK = 48  # characters before the date searched for a numbering or birth word


@cache
def _words(table: str, lang: str) -> tuple[str, ...]:
    cues = _kinds_table()["not_happening"]
    assert isinstance(cues, dict)
    return tuple(sorted({gazetteer.fold(w) for w in cues[table].get(lang, [])}, key=len, reverse=True))


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


@cache
def _number_before(lang: str) -> re.Pattern[str]:
    # The marker, a number (1747, 2231/1, ۱۲-۳), then at most two short words or a bracket.
    prefix = "(?:[وف]?(?:[بل]|ال)?)" if lang == "ar" else ""
    return re.compile(
        rf"(?<!\w){prefix}(?:{_alternatives(_words('number', lang))})\s*\d[\d/.\-]*\s*"
        r"(?:\(\s*|(?:[^\s\d]+\s*){0,2})$"
    )


@cache
def _birth_before(lang: str) -> re.Pattern[str]:
    prefix = "(?:[وف]?(?:ال)?)" if lang == "ar" else ""
    return re.compile(
        rf"(?<!\w){prefix}(?:{_alternatives(_words('birth', lang))})(?:\s+[^\s\d]+){{0,2}}\s*\(?\s*$"
    )


@cache
def _age_after(lang: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{_alternatives(_words('age_after', lang))})(?!\w)")


def role_reason(m: Mention, ends_range: bool) -> str:
    """Why the tagger's role keeps `m` from dating a happening ("" when it does not)."""
    role = getattr(m, "role", "")
    if role not in _ROLES or (role == "until" and ends_range):
        return ""
    return f"«{m.text}» is {_ROLES[role]} (role {role})"


def words_reason(m: Mention, folded: gazetteer.FoldedText, lang: str) -> str:
    """Why the words around `m` make it a number's year, a birth year or an age ("" when they do not)."""
    before = ""  # the words before the date, read only when a table held asks for them
    for language in _languages(lang):
        held = _cues_in(folded, language)
        if not before and ("number" in held or "birth" in held):
            before = folded.slice(max(0, m.start - _LOOK), m.start)
        if (
            m.precision == "year"
            and "number" in held
            and _may_hold(before, _words("number", language))
            and _number_before(language).search(before)
        ):
            return f"«{m.text}» is the year of a number (a resolution's, a law's), not a happening's"
        birth = "birth" in held and _may_hold(before, _words("birth", language))
        if birth and _birth_before(language).search(before):
            return f"«{m.text}» is a birth year"
        if (
            m.text[-1:].isdigit()
            and "age_after" in held
            and _age_after(language).search(folded.slice(m.end, m.end + 24))
        ):
            return f"«{m.text}» is an age"
    return ""


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds one of a cue table's words, which every match of its pattern writes out
    (a table without words: always): a few substring tests rule out a search that opens with a
    look back, which re tries at every character."""
    if not words:
        return True
    for word in words:  # noqa: SIM110 (any() makes a generator per call)
        if word in text:
            return True
    return False


@cache
def _languages(lang: str) -> tuple[str, ...]:
    """The text's language, then English: the cue tables a date's words are read with."""
    return tuple(dict.fromkeys((lang, "en")))


def dateline_reason(m: Mention, text: str) -> str:
    """Why `m`, written in a wire's dateline, dates the report rather than a happening ("" when not)."""
    if titles.dateline_end(text, m.start) >= m.end:
        return f"«{m.text}» is in the dateline: it dates the report, not a happening"
    return ""


def published_reason(m: Mention, published: str) -> str:
    """Why `m`, beginning after its text's publication day, dates no happening ("" when it does not)."""
    if not published or not m.start_date or m.start_date <= published[:10]:
        return ""
    return f"«{m.text}» begins after the text was published ({published[:10]}): it is scheduled or expected"


_SINCE_WORDS = 6  # words a since-clause may hold between its since-word and its date


@cache
def _roles_table() -> dict[str, Any]:
    """data/roles.toml, read once for the since-clauses and the deadline phrases."""
    return tomllib.loads(resources.files("mctimeline").joinpath("data/roles.toml").read_text("utf-8"))


@cache
def _since_words(lang: str) -> tuple[str, ...]:
    table = _roles_table()
    return tuple(
        sorted({gazetteer.fold(w) for w in table["since"]["before"].get(lang, [])}, key=len, reverse=True)
    )


@cache
def _by_words(lang: str) -> tuple[str, ...]:
    phrases = _roles_table()["by"].get("phrases", {}).get(lang, [])
    return tuple(sorted({gazetteer.fold(w) for w in phrases}, key=len, reverse=True))


_CUES_KEPT = 16  # a few texts' answers: a text's dates ask for the same ones
_CUES: dict[tuple[str, str], frozenset[str]] = {}
_CUES_HELD: dict[str, set[str]] = {}  # a folded text's cue words (`_cue_words`)


def _cues_in(folded: gazetteer.FoldedText, lang: str) -> frozenset[str]:
    """The cue tables of `lang` (number, birth, age_after, since, by) whose patterns may match a
    slice of the folded text: each pattern holds one of its table's words as written, and most
    texts hold none, so their dates' words are not searched (a table without words is always
    searched: its pattern may match without one). `_cues_by_search` of the text, read from the
    cue words its words hold (`_cue_words`) rather than by a search of the text for each."""
    key = (folded.text, lang)
    found = _CUES.get(key)
    if found is None:
        if len(_CUES) >= _CUES_KEPT:
            _CUES.clear()
        # A Persian or Arabic text holds no Latin letter, so none of the English words: not looked for.
        latin = folded.has_latin()
        held = _CUES_HELD.get(folded.text)  # the text's dates read it with two languages' tables
        if held is None:
            if len(_CUES_HELD) >= _CUES_KEPT:
                _CUES_HELD.clear()
            held = _CUES_HELD[folded.text] = _cue_words().present(folded.words())
        whole = folded.text
        found = _CUES[key] = frozenset(
            name
            for name, words, all_latin in _cue_tables(lang)
            if not words
            or ((latin or not all_latin) and any(w in held if " " not in w else w in whole for w in words))
        )
    return found


def _cues_by_search(whole: str, lang: str, latin: bool) -> frozenset[str]:
    """`_cues_in` by its definition: each cue word searched for in the folded text `whole`;
    `latin`: whether it holds a Latin letter."""
    return frozenset(
        name
        for name, words, all_latin in _cue_tables(lang)
        if not words or ((latin or not all_latin) and any(w in whole for w in words))
    )


@cache
def _cue_words() -> _Held:
    """The cue words of every language without a space, and which of them each word of a text
    holds: a word without a space is in a folded text exactly when one of its words holds it."""
    words = (w for lang in gazetteer.LANGS for _, table, _ in _cue_tables(lang) for w in table)
    return _Held(frozenset(w for w in words if " " not in w))


_LATIN = re.compile("[a-z]")  # folded text: Latin is lower case


@cache
def _cue_tables(lang: str) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """(name, folded words, whether each word holds a Latin letter) of the cue tables of `lang`."""
    tables = {
        "number": _words("number", lang),
        "birth": _words("birth", lang),
        "age_after": _words("age_after", lang),
        "since": _since_words(lang),
        "by": _by_words(lang),
    }
    return tuple((name, words, all(_LATIN.search(w) for w in words)) for name, words in tables.items())


@cache
def _since_clause(lang: str) -> re.Pattern[str]:
    words = _since_words(lang)
    # the since-word, then up to _SINCE_WORDS words with no comma, stop or other pause between
    word = r"\s+[^\s,،.؛;:!?()«»\"]+"
    return re.compile(rf"(?<!\w)(?:{_alternatives(tuple(words))})(?:{word}){{1,{_SINCE_WORDS}}}\s*$")


@cache
def _by_phrase(lang: str) -> re.Pattern[str]:
    words = _by_words(lang)
    return re.compile(rf"(?<!\w)(?:{_alternatives(words)})\s*$") if words else re.compile(r"(?!)")


def by_reason(m: Mention, folded: gazetteer.FoldedText, lang: str) -> str:
    """Why `m`, right after a deadline phrase ("by the end of", «بحلول نهاية»), dates no happening."""
    if getattr(m, "role", "") == "by":
        return ""
    if "by" not in _cues_in(folded, lang):
        return ""
    before = folded.slice(max(0, m.start - _LOOK), m.start)
    if _may_hold(before, _by_words(lang)) and _by_phrase(lang).search(before):
        return f"«{m.text}» is {_ROLES['by']} (a deadline phrase stands before it)"
    return ""


def since_reason(m: Mention, folded: gazetteer.FoldedText, lang: str) -> str:
    """Why `m` ends a since-clause whose since-word stands words before it ("" when it does not)."""
    if getattr(m, "role", "") == "since":
        return ""
    if "since" not in _cues_in(folded, lang):
        return ""
    before = folded.slice(max(0, m.start - 2 * _LOOK), m.start)
    found = _since_clause(lang).search(before) if _may_hold(before, _since_words(lang)) else None
    # "since Russia's invasion of Ukraine in February 2022": the clause names a happening, and
    # the date is that happening's; "since coming to power in July" names none, only a state's start.
    if found and not _kinds(found.group(0), lang) & _linking_kinds():
        return f"«{m.text}» is {_ROLES['since']} (a since-clause opens before it)"
    return ""


def passing_reason(m: Mention, clause_kinds: frozenset[str], series_id: str) -> str:
    """Why a bare year is mentioned in passing ("" when its clause names a happening or a series)."""
    if m.precision != "year" or clause_kinds or series_id:
        return ""
    return f"«{m.text}» is a bare year mentioned in passing: its clause names no happening"
