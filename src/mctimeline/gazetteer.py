"""Gazetteers read from data: conference series with their edition ordinals, and places.

Everything is matched on *folded* text (`fold`): mctimeline.normalize's fold
(digits to ASCII, ي/ى → ی, ك → ک, alef forms → ا, ة/ۀ → ه, no diacritics, tatweel
or bidi marks, lower-case Latin, one space for any white space), with ZWNJ read
as a space and the hamza seats ئ/ؤ read as ی/و. A name's words may be
written together or apart («بین المللی», «بین‌المللی», «بینالمللی» are one name),
as PDF extraction often drops or adds the space. An Arabic name may carry the
proclitics و ف ب ل ك («للمؤتمر», «بموسكو»).

`find_series` answers which series (and which edition) a clause names;
`find_place` which place, as the canonical English name from places.toml, so that
one place written in three languages is one value; `actors_in` which people,
organisations and countries (actors.toml), as their ids. All are pure and cached.
A spelling a gazetteer lists under [ambiguous] names several of its entries and is
never matched alone («عمان»: Oman or Amman).
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from mctimeline import normalize

LANGS = ("fa", "ar", "en")

# Beyond mctimeline.normalize: hamza seats, so that «مسائل»/«مسایل» and «مؤتمر»/«موتمر» agree.
_HAMZA_SEATS = str.maketrans({"ئ": "ی", "ؤ": "و"})


@lru_cache(maxsize=8192)  # one sentence is folded for its series, place, kinds and words
def fold(text: str) -> str:
    """Text folded for gazetteer matching: mctimeline.normalize's fold, ZWNJ read as a space.

    A ZWNJ separates the parts of a word, so it counts as the optional space between
    a name's words («بین‌المللی» = «بین المللی» = «بینالمللی»). Not offset-preserving.
    """
    return normalize.fold(text.replace("\u200c", " ")).translate(_HAMZA_SEATS)


@dataclass(frozen=True)
class FoldedText:
    """A whole text folded once, from which the fold of any slice is read without folding again.

    `fold` works code point by code point, except that a run of white space becomes
    one space and a run at either edge of the input is dropped; so the fold of
    `original[lo:hi]` is the folded code points that come from [lo, hi), less a
    leading or trailing space that stands for white space. `slice(lo, hi)` equals
    `fold(original[lo:hi])` for every lo <= hi (a property test checks it), and a
    document with ~180 clauses, sentences and names to match is folded once, not 180 times.
    """

    original: str  # with ZWNJ read as a space, as fold reads it
    text: str  # fold(original)
    offsets: tuple[int, ...]  # per folded code point, the index in `original` it comes from
    _candidates: dict[tuple[str, str], tuple[Any, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def of(cls, text: str) -> FoldedText:
        spaced = text.replace("\u200c", " ")
        norm = normalize.normalize(spaced)
        return cls(spaced, norm.text.translate(_HAMZA_SEATS), tuple(norm.offsets))

    def slice(self, lo: int, hi: int) -> str:
        """fold(text[lo:hi]) for the text this was made of."""
        a = bisect.bisect_left(self.offsets, lo)
        b = bisect.bisect_left(self.offsets, hi, a)
        if a < b and self.text[a] == " " and self._blank(a):
            a += 1  # white space at the slice's start: fold drops it
        if a < b and self.text[b - 1] == " " and self._blank(b - 1):
            b -= 1  # white space at its end, only written out when a letter follows
        return self.text[a:b]

    def candidates(self, kind: str, lang: str) -> tuple[tuple[re.Pattern[str], str, str], ...]:
        """The series, place or actor patterns (`kind`) of `lang` whose trigger word is in this text.

        A slice can only match what the whole text holds the trigger of, so each of a
        document's clauses is tried against these few instead of the whole gazetteer.
        """
        if (kind, lang) not in self._candidates:
            table = _PATTERNS[kind](lang)
            self._candidates[(kind, lang)] = tuple(p for p in table if p[2] in self.text)
        return self._candidates[(kind, lang)]

    def _blank(self, index: int) -> bool:
        # A space of the folded text stands for white space when the character it comes
        # from folds to nothing alone (not one space inside a ligature's letters: «ﷺ»).
        return not fold(self.original[self.offsets[index]])


@cache
def _load(name: str) -> dict[str, Any]:
    raw = resources.files("mctimeline").joinpath(f"data/{name}").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


# --- pattern building ----------------------------------------------------------

_AR_PROCLITIC = "[وف]?[بلک]?"
_AR_ARTICLE = "[وف]?(?:[بک]?ال|لل)"
_LEFT = r"(?<![\w])"
_RIGHT = r"(?![\w])"
_SLOT = re.compile(r"(\{n\}|\{name\})")


def _words_pattern(phrase: str, lang: str, slots: dict[str, str] | None = None) -> str:
    """A regex for a phrase whose words may be written together or apart.

    `slots` maps "{n}"/"{name}" to sub-patterns. In Arabic the first word may carry
    proclitics (captured as group `pre` when it is not a slot).
    """
    words = fold(phrase).split(" ")
    parts = [_token_pattern(w, slots or {}) for w in words]
    if lang == "ar" and words and not _SLOT.match(words[0]):
        first = words[0]
        if first.startswith("ال") and len(first) > 2:
            parts[0] = f"(?P<pre>{_AR_ARTICLE})" + _token_pattern(first[2:], slots or {})
        else:
            parts[0] = f"(?P<pre>{_AR_PROCLITIC})" + parts[0]
    return " ?".join(parts)


def _token_pattern(token: str, slots: dict[str, str]) -> str:
    return "".join(
        slots.get(piece, piece) if _SLOT.fullmatch(piece) else re.escape(piece)
        for piece in _SLOT.split(token)
        if piece
    )


@dataclass(frozen=True)
class SeriesEntry:
    """A conference series: its id, display names, organizer, usual place and spellings."""

    series_id: str
    name_en: str
    name_fa: str
    name_ar: str
    organizer: str
    location: str
    names: dict[str, tuple[str, ...]]

    def row(self) -> dict[str, str]:
        """The fields of the data package's `series` resource."""
        return {
            "series_id": self.series_id,
            "name_en": self.name_en,
            "name_fa": self.name_fa,
            "name_ar": self.name_ar,
            "organizer": self.organizer,
            "location": self.location,
        }


@cache
def series_entries() -> tuple[SeriesEntry, ...]:
    """Every series of series.toml, in file order."""
    out = []
    for s in _load("series.toml")["series"]:
        out.append(
            SeriesEntry(
                series_id=s["id"],
                name_en=s["name_en"],
                name_fa=s.get("name_fa", ""),
                name_ar=s.get("name_ar", ""),
                organizer=s.get("organizer", ""),
                location=s.get("location", ""),
                names={lang: tuple(s.get(lang, ())) for lang in LANGS},
            )
        )
    return tuple(out)


def all_series() -> tuple[SeriesEntry, ...]:
    """Every series of the gazetteer (the data package's `series` rows: see SeriesEntry.row)."""
    return series_entries()


def series_by_id(series_id: str) -> SeriesEntry:
    """The series with this id; KeyError names the known ids."""
    for s in series_entries():
        if s.series_id == series_id:
            return s
    known = ", ".join(s.series_id for s in series_entries())
    raise KeyError(f"unknown series {series_id!r}: series.toml knows {known}")


@cache
def _ordinals(lang: str) -> tuple[dict[str, int], str]:
    """Folded ordinal spelling → number, and a regex alternation (longest first) matching one."""
    data = _load("series.toml")
    table: dict[str, int] = {}
    for number, forms in data["ordinals"].get(lang, {}).items():
        for form in forms:
            table[fold(form)] = int(number)
    words = sorted(table, key=len, reverse=True)
    alts = [" ?".join(re.escape(w) for w in word.split(" ")) for word in words]
    suffixes = sorted((fold(s) for s in data["ordinal_suffixes"].get(lang, [])), key=len, reverse=True)
    if suffixes:
        alts.insert(0, r"\d{1,3} ?(?:" + "|".join(re.escape(s) for s in suffixes) + ")")
    if lang == "ar":
        alts.append(r"\d{1,3}")
    return table, "(?:" + "|".join(alts) + ")"


def _ordinal_value(text: str, lang: str) -> int | None:
    table, _ = _ordinals(lang)
    folded = fold(text).replace(" ", "")
    for form, number in table.items():
        if form.replace(" ", "") == folded:
            return number
    digits = re.match(r"\d+", folded)
    return int(digits.group()) if digits else None


def _trigger(phrase: str) -> str:
    """A substring every match of the phrase contains: its longest word (Arabic article dropped).

    Tested with `in` before the regex runs, which keeps a large corpus cheap.
    """
    words = [
        w[2:] if w.startswith("ال") and len(w) > 4 else w for w in fold(_SLOT.sub(" ", phrase)).split(" ")
    ]
    return max(words, key=len) if words else ""


@cache
def _series_patterns(lang: str) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(regex, series_id, trigger) triples, most specific first; group `n` holds the ordinal when written."""
    data = _load("series.toml")
    _, ordinal = _ordinals(lang)
    frames = data["frames"].get(lang, [])
    found: list[tuple[int, str, str, str]] = []
    n_slot = f"(?P<n>{ordinal})"
    for s in series_entries():
        for name in s.names.get(lang, ()):
            base = _words_pattern(name, lang, {"{n}": n_slot}).replace("(?P<pre>", "(?:")
            trigger = _trigger(name)
            if "{n}" in name:
                found.append((len(name), base, s.series_id, trigger))
                continue
            for frame in frames:
                pat = _words_pattern(frame, lang, {"{n}": n_slot, "{name}": base}).replace("(?P<pre>", "(?:")
                found.append((len(name) + len(frame), pat, s.series_id, trigger))
            found.append((len(name), base, s.series_id, trigger))
    found.sort(key=lambda t: -t[0])
    return tuple((re.compile(_LEFT + pat + _RIGHT), sid, trigger) for _, pat, sid, trigger in found)


def find_series(clause: str, lang: str) -> tuple[str, int | None] | None:
    """The series a clause names and the edition it numbers, e.g. ("mcis", 11), or None.

    `lang` picks the spellings tried first; English ones are tried after, since a
    Persian or Arabic text may give the English name in brackets. When several
    series are named, the earliest in the clause wins; an ordinal written with the
    name wins over the bare name.
    """
    return series_in_folded(fold(clause), lang)


def series_in_folded(text: str, lang: str, within: FoldedText | None = None) -> tuple[str, int | None] | None:
    """find_series on text already folded (see FoldedText), a slice of `within` when given."""
    best: tuple[int, int, str, int | None] | None = None  # (start, -length, id, edition)
    for rank, language in enumerate(_search_order(lang)):
        patterns = within.candidates("series", language) if within else _series_patterns(language)
        for pattern, sid, trigger in patterns:
            if trigger not in text:
                continue
            for m in pattern.finditer(text):
                n = m.groupdict().get("n")
                edition = _ordinal_value(n, language) if n else None
                key = (m.start(), -(m.end() - m.start()), sid, edition)
                if best is None or key[:2] < best[:2]:
                    best = key
        if best is not None and rank == 0:
            break
    if best is None:
        return None
    return best[2], best[3]


@cache
def _anaphor_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    data = _load("series.toml")
    _, ordinal = _ordinals(lang)
    out = []
    for frame in data["anaphors"].get(lang, []):
        pat = _words_pattern(frame, lang, {"{n}": f"(?P<n>{ordinal})"}).replace("(?P<pre>", "(?:")
        out.append(re.compile(_LEFT + pat + _RIGHT))
    return tuple(out)


def find_edition(clause: str, lang: str) -> int | None:
    """An edition number written with a word that points back to a series («یازدهمین دوره این مجمع»)."""
    return edition_in_folded(fold(clause), lang)


def edition_in_folded(text: str, lang: str) -> int | None:
    """find_edition on text already folded (see FoldedText)."""
    for pattern in _anaphor_patterns(lang):
        m = pattern.search(text)
        if m:
            return _ordinal_value(m.group("n"), lang)
    return None


def ordinal_en(number: int) -> str:
    """'1st', '2nd', '11th', '13th', '22nd': the English numeral ordinal."""
    table = _load("series.toml")["english_suffix"]
    if number % 100 in (11, 12, 13):
        return f"{number}{table['default']}"
    return f"{number}{table.get(str(number % 10), table['default'])}"


def series_title_en(series_id: str, edition: int | None) -> str:
    """The English title of a series edition: "11th Moscow Conference on International Security"."""
    name = series_by_id(series_id).name_en
    return f"{ordinal_en(edition)} {name}" if edition else name


def _search_order(lang: str) -> tuple[str, ...]:
    # A text's own spellings, then English (names in Latin script, often in brackets). Persian
    # spellings are not tried on Arabic text or the reverse: «عمان» is Oman in Persian but
    # also Amman in Arabic.
    if lang not in LANGS:
        return LANGS
    return (lang, "en") if lang != "en" else ("en",)


# --- places ----------------------------------------------------------------------


@cache
def ambiguous(file: str, lang: str) -> frozenset[str]:
    """The folded spellings of `lang` that file's [ambiguous] table says name several entries."""
    return frozenset(fold(form) for form in _load(file).get("ambiguous", {}).get(lang, []))


_Patterns = tuple[tuple[re.Pattern[str], str, str], ...]


def _name_patterns(file: str, table: str, key: str, lang: str) -> _Patterns:
    """(regex, entry's `key`, trigger) for every spelling of `lang` in a gazetteer's `table`,
    longest first, an ambiguous spelling left out."""
    skip = ambiguous(file, lang)
    found: list[tuple[int, str, str, str]] = []
    for entry in _load(file)[table]:
        for form in entry.get(lang, []):
            if fold(form) not in skip:
                found.append((len(form), _words_pattern(form, lang), entry[key], _trigger(form)))
    found.sort(key=lambda t: -t[0])
    return tuple((re.compile(_LEFT + pat + _RIGHT), name, trigger) for _, pat, name, trigger in found)


@cache
def _place_patterns(lang: str) -> tuple[tuple[re.Pattern[str], str, str], ...]:
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


# --- actors: people, organisations, countries ---------------------------------------------


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
def _actor_patterns(lang: str) -> tuple[tuple[re.Pattern[str], str, str], ...]:
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
        patterns = within.candidates("actor", language) if within else _actor_patterns(language)
        for pattern, actor_id, trigger in patterns:
            if trigger not in text:
                continue
            for m in pattern.finditer(text):
                s, e = m.span()
                if not any(s < fe and fs < e for fs, fe, _ in found):
                    found.append((s, e, actor_id))
    return tuple(dict.fromkeys(actor_id for _, _, actor_id in sorted(found)))


_PATTERNS = {"series": _series_patterns, "place": _place_patterns, "actor": _actor_patterns}
