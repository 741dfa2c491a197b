"""The tagger's word lists (data/lexicon.toml), compiled once into lookup tables keyed by normalized form."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from mctimeline.normalize import fold, key, tokens

# Simple word lists of lexicon.toml: table name -> entry kind. Each is {lang: [forms]}.
_FLAT_KINDS = {
    "connectors": "connector",
    "connectors_day_only": "connector_day",
    "year_keywords": "year_keyword",
    "day_words": "day_word",
    "anaphora": "anaphora",
    "year_anaphora": "year_anaphora",
    "month_words": "month_word",
    "month_prefixes": "month_prefix",
    "day_suffixes": "day_suffix",
    "anaphora_joiners": "anaphora_joiner",
    "gloss_intros": "gloss_intro",
    "year_contexts": "year_context",
    "not_date_cues": "cue",
    "nowadays_heads": "nowadays",
    "report_verbs": "verb",
    "act_verbs": "act_verb",
    "relative_blockers": "relative_blocker",
}
# The word lists of data/forms.toml (more forms, kept apart from lexicon.toml): table -> kind.
_FORM_KINDS = {
    "year_keywords": "year_keyword",
    "range_openers": "range_opener",
    "reference_words": "reference",
    "not_date_cues": "cue",
    "ordinal_blockers": "ordinal_blocker",
    "decade_heads": "decade_head",
    "century_heads": "century_head",
    "last_century": "last_century",
    "name_heads": "name_head",
    "gloss_intros": "gloss_intro",
    "month_heads": "month_head",
    "month_not_alone": "month_not_alone",
    "short_year_heads": "short_year_head",
    "ordinal_hosts": "ordinal_host",
    "months_counted": "months_counted",
    "months_first": "months_first",
}
# Numbered tables of forms.toml ({number: {lang: [forms]}}): table -> kind.
_NUMBERED_FORM_KINDS = {
    "seasons": "season", "quarters": "quarter", "halves": "half", "weeks_of_month": "week_of_month",
}  # fmt: skip
# Entry kinds that can stand first in a date expression: a part of the year, a year keyword,
# a relative word, a day word («روز», «يوم»), a weekday, a day written as a word, a month.
# tagger/spans.py adds seasons, quarters, halves, decades, centuries and holidays.
# From relative.toml: counts and units («سه روز پیش»), directions before a period ("last
# week"), words for a whole period («امسال»), offsets before a unit («قبل أسبوع»), a day
# after the narrated one («اليوم التالي») and words before a weekday («بامداد دوشنبه»).
DEIXIS_START_KINDS = frozenset(
    {"count", "unit", "dual_unit", "period", "period_word", "direction_before", "offset_before"}
    | {"narrated_day", "weekday_cue", "few", "weekend", "earlier_later", "earlier_later_in", "stretch_unit"}
    | {"within"}
)
START_KINDS = (
    frozenset({"part", "year_keyword", "relative", "day_word", "weekday", "day_name", "month"})
    | {"season", "quarter", "half", "week_of_month", "decade", "decade_head", "century_head", "holiday"}
    | {"months_first"}
    | DEIXIS_START_KINDS
)
_PARTS = {"early": 1, "mid": 5, "late": 9}
_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1, "day_after_tomorrow": 2, "day_before_yesterday": -2}


@dataclass(frozen=True)
class Entry:
    """What one normalized form means: a month, a weekday, a marker, a connector, ...

    `value` is the month number (1-12), the weekday (0 = Monday), the first month of a
    part of a year (1, 5, 9) or the day offset of a relative word (0, 1, -1).
    """

    kind: str
    lang: str
    value: int = 0
    calendar: str = ""
    ambiguous: bool = False
    year_after: bool = False
    echo: bool = False
    followers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MonthTable:
    """One naming system's twelve months (each a list of spellings), as written in the data."""

    calendar: str
    lang: str
    system: str
    names: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Lexicon:
    """Every entry readable in texts of one language, keyed by `normalize.key(form)`."""

    lang: str
    entries: dict[str, tuple[Entry, ...]]
    max_tokens: int
    years: dict[str, tuple[int, int]]

    def lookup(self, form_key: str, kind: str | None = None) -> tuple[Entry, ...]:
        found = self.entries.get(form_key, ())
        return found if kind is None else tuple(e for e in found if e.kind == kind)

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """Every prefix of every key: a joined run of tokens that is none cannot grow into a form."""
        return frozenset(k[:n] for k in self.entries for n in range(1, len(k) + 1))

    @cached_property
    def word_kinds(self) -> dict[str, dict[str, tuple[Entry, int]]]:
        """Each key's kinds as a form of one token: kind -> (its first entry, 1). Shared by every
        text (the tagger's tables for a word no longer form goes on from), so never mutated."""
        tables: dict[str, dict[str, tuple[Entry, int]]] = {}
        for k, entries in self.entries.items():
            table: dict[str, tuple[Entry, int]] = {}
            for e in entries:
                table.setdefault(e.kind, (e, 1))
            tables[k] = table
        return tables

    @cached_property
    def long_cues(self) -> tuple[str, ...]:
        """The keys of four letters or more with a cue entry, in the lexicon's order: a word
        beginning with one («کیلومتری», «نفره») counts or measures the number before it."""
        return tuple(
            k for k, entries in self.entries.items() if len(k) >= 4 and any(e.kind == "cue" for e in entries)
        )

    @cached_property
    def start_keys(self) -> frozenset[str]:
        """Every key with an entry that can begin a date expression (`START_KINDS`)."""
        return frozenset(
            k for k, entries in self.entries.items() if any(e.kind in START_KINDS for e in entries)
        )

    @cached_property
    def start_prefixes(self) -> frozenset[str]:
        """Every prefix of a key whose entries can begin a date expression (`START_KINDS`).

        A token that is not one of these, and not a number, cannot begin a date: the
        tagger skips it without trying its patterns.
        """
        return frozenset(
            k[:n]
            for k, entries in self.entries.items()
            if any(e.kind in START_KINDS for e in entries)
            for n in range(1, len(k) + 1)
        )


@cache
def raw_relative() -> dict[str, Any]:
    """The parsed relative.toml (words that date a time from a reference day)."""
    data = resources.files("mctimeline").joinpath("data/relative.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


# relative.toml's tables -> entry kind; keys are a day offset, a count, a direction, or a unit
# ("year -1": the unit in `calendar`, the offset in `value`).
_RELATIVE_TABLES = {
    "days": "relative",
    "units": "unit",
    "dual_units": "dual_unit",
    "stretch_units": "stretch_unit",
    "stretch_counts": "stretch_count",
    "periods": "period",
    "period_words": "period_word",
    "directions_after": "direction_after",
    "directions_before": "direction_before",
    "counts": "count",
    "offsets_after": "offset_after",
    "offsets_before": "offset_before",
    "narrated_days": "narrated_day",
    "few_days": "few",
    "weekends": "weekend",
    "approximately": "about",
    "earlier_later": "earlier_later",
    "earlier_later_in": "earlier_later_in",
    "month_implied": "month_implied",
    "within": "within",
}
_UNITS = ("day", "week", "month", "year")


def _relative_entries(readable: set[str]) -> Iterator[tuple[str, Entry]]:
    data = raw_relative()
    for table, kind in _RELATIVE_TABLES.items():
        for name, by_lang in data[table].items():
            unit, _, offset = name.partition(" ") if not name.lstrip("-").isdigit() else ("", "", name)
            for lg, forms in by_lang.items():
                if lg in readable:
                    for form in forms:
                        yield form, Entry(kind, lg, int(offset or 0), calendar=unit)
    for kind, table in (
        ("weekday_cue", "weekday_cues"), ("eve_cue", "eve_cues"), ("weekday_blocker", "weekday_blockers"),
        ("dated", "dated"),
        ("future", "future"), ("past", "past"), ("said", "said"),
        ("bare_article", "bare_period_articles"), ("bare_blocker", "bare_period_blockers"),
        ("complementizer", "complementizers"), ("pair_cue", "pair_cues"),
        ("weekday_link", "weekday_links"),
    ):  # fmt: skip
        for lg, forms in data[table].items():
            if lg in readable:
                for form in forms:
                    yield form, Entry(kind, lg)


@cache
def raw() -> dict[str, Any]:
    """The parsed lexicon.toml."""
    data = resources.files("mctimeline").joinpath("data/lexicon.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


@cache
def forms_raw() -> dict[str, Any]:
    """The parsed forms.toml."""
    data = resources.files("mctimeline").joinpath("data/forms.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


@cache
def definite_articles(lang: str) -> tuple[str, ...]:
    """The definite article with the clitics glued before it, normalized (forms.toml)."""
    return tuple(key(a) for a in forms_raw().get("definite_articles", {}).get(lang, []))


@cache
def holidays() -> tuple[dict[str, Any], ...]:
    """The holidays of data/holidays.toml, in its order (an entry's value is the index)."""
    data = resources.files("mctimeline").joinpath("data/holidays.toml").read_bytes()
    return tuple(tomllib.loads(data.decode("utf-8"))["holidays"])


@cache
def number_words(lang: str) -> dict[str, int]:
    """Normalized number word -> value, of the languages a text in `lang` reads (forms.toml)."""
    readable = raw()["languages"].get(lang, [lang, "en"])
    table: dict[str, int] = {}
    for lg in reversed(readable):  # the text's own language last: its words win
        for word, value in forms_raw()["number_words"].get(lg, {}).items():
            table[key(word)] = int(value)
    return table


def month_tables() -> tuple[MonthTable, ...]:
    return tuple(
        MonthTable(t["calendar"], t["lang"], t["system"], tuple(tuple(n) for n in t["names"]))
        for t in raw()["months"]
    )


def languages() -> tuple[str, ...]:
    return tuple(raw()["languages"])


# The Persian ezafe written after a silent «ه»: a ZWNJ and «ی» («هفته‌ی گذشته»), or «ی» alone.
EZAFE_YE = "\u200cی"


def _takes_ezafe_ye(form: str, not_after: list[str]) -> bool:
    """Whether a Persian form ends in a silent «ه», which takes its ezafe as «‌ی» (not «ماه», whose
    «ه» is a consonant: «ماهِ گذشته»)."""
    last = form.split()[-1] if form.split() else ""
    return last.endswith("ه") and last not in not_after


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon for texts in `lang` (fa, ar or en)."""
    data = raw()
    readable = set(data["languages"].get(lang, [lang, "en"]))
    table: dict[str, list[Entry]] = defaultdict(list)
    longest = 1

    ezafe = data["ezafe"]

    def add(form: str, entry: Entry) -> None:
        nonlocal longest
        k = key(form)
        if not k:
            return
        if entry not in table[k]:
            table[k].append(entry)
        # A form's token count bounds how far the matcher has to look ahead.
        longest = max(longest, len(tokens(fold(form))))
        if entry.lang == "fa" and entry.kind in ezafe["kinds"] and _takes_ezafe_ye(form, ezafe["not_after"]):
            add(form + EZAFE_YE, entry)  # «هفته‌ی گذشته», «پنجشنبه‌ی آینده»

    month_words = {lg: forms for lg, forms in data["month_words"].items()}
    for t in data["months"]:
        if t["lang"] not in readable or (t.get("strict_lang") and t["lang"] != lang):
            continue
        ambiguous = {key(a) for a in t.get("ambiguous", [])}
        year_after = {key(a) for a in t.get("year_after", [])}
        followers = frozenset(key(a) for a in t.get("followers", []))
        for number, forms in enumerate(t["names"], start=1):
            # «فروردین‌ماه»: the word for month glued on with a ZWNJ is part of the name.
            glued = [f + w for f in forms for w in month_words.get(t["lang"], [])]
            for form in [*forms, *glued]:
                k = key(form)
                add(
                    form,
                    Entry(
                        "month",
                        t["lang"],
                        number,
                        t["calendar"],
                        ambiguous=k in ambiguous,
                        year_after=k in year_after,
                        followers=followers if k in year_after else frozenset(),
                        echo=bool(t.get("echo")) and k not in ambiguous,
                    ),
                )
    for t in data["weekdays"]:
        if t["lang"] in readable:
            for number, forms in enumerate(t["names"]):
                for form in forms:
                    add(form, Entry("weekday", t["lang"], number))
    for calendar, by_lang in data["markers"].items():
        for lg, forms in by_lang.items():
            if lg in readable:
                for form in forms:
                    add(form, Entry("marker", lg, calendar=calendar))
    for part, by_lang in data["parts_of_year"].items():
        for lg, forms in by_lang.items():
            if lg in readable:
                for form in forms:
                    add(form, Entry("part", lg, _PARTS[part]))
    for rel, by_lang in data["relative"].items():
        for lg, forms in by_lang.items():
            if lg in readable:
                for form in forms:
                    add(form, Entry("relative", lg, _RELATIVE[rel]))
    for name, kind in _FLAT_KINDS.items():
        for lg, forms in data[name].items():
            if lg in readable:
                for form in forms:
                    add(form, Entry(kind, lg))
    for form, entry in _relative_entries(readable):
        add(form, entry)
    forms = forms_raw()
    for name, kind in _FORM_KINDS.items():
        for lg, words in forms[name].items():
            if lg in readable:
                for form in words:
                    add(form, Entry(kind, lg))
    for name, kind in _NUMBERED_FORM_KINDS.items():
        for number, by_lang in forms[name].items():
            for lg, words in by_lang.items():
                if lg in readable:
                    for form in words:
                        add(form, Entry(kind, lg, int(number)))
    for number, words in forms["decades"].items():
        if "ar" in readable:
            for form in words:
                add(form, Entry("decade", "ar", int(number)))
    for calendar, by_lang in forms["markers"].items():
        for lg, words in by_lang.items():
            if lg in readable:
                for form in words:
                    add(form, Entry("marker", lg, calendar=calendar))
    for n, holiday in enumerate(holidays()):
        for lg in readable:
            clitics = ["", *forms["holiday_clitics"].get(lg, [])]
            for form in holiday.get(lg, []):
                for clitic in clitics:
                    add(clitic + form, Entry("holiday", lg, n, holiday["calendar"]))
    day_names = [*data["day_names"].items(), *forms["day_names"].items()]
    for number, by_lang in day_names:
        for lg, forms in by_lang.items():
            if lg in readable:
                for form in forms:
                    add(form, Entry("day_name", lg, int(number)))
    years = {name: (int(lo), int(hi)) for name, (lo, hi) in data["years"].items()}
    return Lexicon(lang, {k: tuple(v) for k, v in table.items()}, longest, years)
