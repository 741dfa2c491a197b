"""The conference series gazetteer (data/series.toml): names, edition ordinals, titles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mctimeline.gazetteer.text import (
    _LEFT,
    _RIGHT,
    LANGS,
    FoldedText,
    _load,
    _search_order,
    _trigger,
    _words_pattern,
    bounded,
    find_all,
    fold,
    patterns_for,
)
from mctimeline.gazetteer.triggers import PATTERN_TABLES, _Held


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


@cache
def _series_patterns(lang: str) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(regex, series_id, trigger) triples, most specific first; group `n` holds the ordinal when written."""
    return tuple((pattern, sid, trigger) for pattern, sid, trigger, _ in _series_table(lang))


@cache
def _series_needs(lang: str) -> dict[int, tuple[str, ...]]:
    """Each series regex of `lang`, by its id(), → the words every match of it holds (its name's and
    its frame's, less what a slot or an Arabic proclitic changes): a clause lacking one is not tried.

    Keyed by id: a compiled pattern hashes its whole compiled code, a microsecond for a pattern
    holding the ordinals; the patterns live as long as the process (cached), so their ids do."""
    return {id(pattern): needs for pattern, _, _, needs in _series_table(lang)}


@cache
def _series_table(lang: str) -> tuple[tuple[re.Pattern[str], str, str, tuple[str, ...]], ...]:
    data = _load("series.toml")
    _, ordinal = _ordinals(lang)
    frames = data["frames"].get(lang, [])
    found: list[tuple[int, str, str, str, tuple[str, ...]]] = []
    n_slot = f"(?P<n>{ordinal})"
    for s in series_entries():
        for name in s.names.get(lang, ()):
            base = _words_pattern(name, lang, {"{n}": n_slot}).replace("(?P<pre>", "(?:")
            trigger = _trigger(name)
            own = tuple(w for w in _literal_words(name, lang) if w != trigger)  # the trigger is tried first
            if "{n}" in name:
                found.append((len(name), base, s.series_id, trigger, own))
                continue
            for frame in frames:
                pat = _words_pattern(frame, lang, {"{n}": n_slot, "{name}": base}).replace("(?P<pre>", "(?:")
                # The frame's words first: of a name's frames, those fail on them.
                needs = tuple(dict.fromkeys(_literal_words(frame, lang) + own))
                found.append((len(name) + len(frame), pat, s.series_id, trigger, needs))
            found.append((len(name), base, s.series_id, trigger, own))
    found.sort(key=lambda t: -t[0])
    return tuple((bounded(pat), sid, trigger, needs) for _, pat, sid, trigger, needs in found)


def _holds(text: str, words: tuple[str, ...]) -> bool:
    """Whether every one of `words` is in `text` (a loop: no generator for a word or two)."""
    for word in words:  # noqa: SIM110 (all() makes a generator per call, for a word or two)
        if word not in text:
            return False
    return True


def _literal_words(phrase: str, lang: str) -> tuple[str, ...]:
    """The words of a name or frame that _words_pattern matches as written: not one holding a slot,
    and an Arabic first word without the article or proclitics it may be written with."""
    words = fold(phrase).split(" ")
    out = [w for w in words if "{" not in w]
    if lang == "ar" and words and "{" not in words[0] and words[0].startswith("ال") and len(words[0]) > 2:
        out[0] = words[0][2:]
    return tuple(w for w in out if w)


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
        patterns = patterns_for("series", language, text, within)
        needs = _series_needs(language)
        for pattern, sid, trigger in patterns:
            if trigger not in text or not _holds(text, needs[id(pattern)]):
                continue
            for m in find_all(pattern, text):
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


@cache
def _loose_anaphor_patterns(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each frame's pattern without its word boundaries, and its trigger (its longest word): a
    text without it cannot match, and `in` rules it out far faster than the pattern, whose
    ordinal alternation leaves the regex engine no literal to skip ahead by."""
    frames = _load("series.toml")["anaphors"].get(lang, [])
    return tuple(
        (
            re.compile(p.pattern.removeprefix(_LEFT).removesuffix(_RIGHT)),
            _trigger(frame),
        )
        for frame, p in zip(frames, _anaphor_patterns(lang), strict=True)
    )


@cache
def _anaphor_rows(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each frame's pattern and its word (`_loose_anaphor_patterns`), in the frames' order."""
    return tuple(
        (pattern, word)
        for pattern, (_, word) in zip(_anaphor_patterns(lang), _loose_anaphor_patterns(lang), strict=True)
    )


def editions_possible(whole: str, lang: str, words: frozenset[str] | None = None) -> bool:
    """Whether `edition_in_folded` may find an edition in some slice of the folded text `whole`:
    a frame without the word boundaries around it matches the text wherever it matches a slice.
    `words`, when given, are whole's (FoldedText.words): a frame's word, which holds no space,
    is in the text only if one of them holds it, which rules most frames out without a search."""
    reach = _anaphor_reach(lang)
    held = _anaphor_words(lang).present(words) if words is not None else None
    for pattern, word in _loose_anaphor_patterns(lang):
        if held is not None and word not in held:
            continue
        # A match holds the word, at most `reach` characters after its start, and is shorter than
        # `reach`: only the stretch around each place the word stands is searched, not the rest
        # of the text from the first (the ordinals give re no literal to skip ahead by, and a
        # frame's word, «دوره», "conference", is common in a long text without an edition).
        at = whole.find(word)
        while at >= 0:
            if pattern.search(whole, max(0, at - reach), at + len(word) + reach):
                return True
            at = whole.find(word, at + 1)
    return False


@cache
def _anaphor_words(lang: str) -> _Held:
    """The frames' words (`_loose_anaphor_patterns`), and which of them each word of a text holds."""
    return _Held(frozenset(word for _, word in _loose_anaphor_patterns(lang)))


@cache
def _anaphor_reach(lang: str) -> int:
    """More characters than any anaphor frame's match holds: the frame, its longest ordinal
    (a spelled form, or up to three digits, a space and a suffix), and Arabic proclitics."""
    table, _ = _ordinals(lang)
    suffixes = [fold(s) for s in _load("series.toml")["ordinal_suffixes"].get(lang, [])]
    ordinal = max([3, *map(len, table), *(4 + len(s) for s in suffixes)])
    frames = _load("series.toml")["anaphors"].get(lang, [])
    return max((len(fold(frame)) for frame in frames), default=0) + ordinal + 8


def find_edition(clause: str, lang: str) -> int | None:
    """An edition number written with a word that points back to a series («یازدهمین دوره این مجمع»)."""
    return edition_in_folded(fold(clause), lang)


def edition_in_folded(text: str, lang: str) -> int | None:
    """find_edition on text already folded (see FoldedText)."""
    for pattern, word in _anaphor_rows(lang):
        # A match holds the frame's word (editions_possible): `in` rules most frames out faster
        # than the pattern, whose ordinals give re no literal to skip ahead by.
        if word not in text:
            continue
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


PATTERN_TABLES["series"] = _series_patterns
