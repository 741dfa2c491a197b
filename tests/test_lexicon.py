"""The tagger's lexicon: complete month and weekday tables, no ambiguous forms, every kind present."""

from __future__ import annotations

from collections import defaultdict

import pytest

from mctimeline import lexicon as lx
from mctimeline.names import month_name, weekday_name
from mctimeline.normalize import key

TABLES = lx.month_tables()
LANGS = ("fa", "ar", "en")


@pytest.mark.parametrize("table", TABLES, ids=[f"{t.calendar}-{t.lang}-{t.system}" for t in TABLES])
def test_every_month_table_has_twelve_months(table: lx.MonthTable) -> None:
    assert len(table.names) == 12
    assert all(table.names)


def test_no_form_names_two_months_of_one_calendar_in_one_language() -> None:
    seen: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for t in TABLES:
        for number, forms in enumerate(t.names, start=1):
            for form in forms:
                seen[(t.calendar, t.lang, key(form))].add(number)
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not clashes, clashes


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_reads_every_month_of_each_calendar(lang: str) -> None:
    months = defaultdict(set)
    for entries in lx.lexicon(lang).entries.values():
        for e in entries:
            if e.kind == "month" and e.lang == lang:
                months[e.calendar].add(e.value)
    for calendar in ("gregorian", "jalali", "hijri"):
        assert months[calendar] == set(range(1, 13)), (lang, calendar)


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
@pytest.mark.parametrize("calendar", ["gregorian", "jalali", "hijri"])
def test_display_names_are_recognised(lang: str, calendar: str) -> None:
    """Every name mctimeline prints (calendar_names.toml) is read back as the same month."""
    lex = lx.lexicon(lang)
    for month in range(1, 13):
        found = lex.lookup(key(month_name(calendar, month, lang)), "month")  # type: ignore[arg-type]
        assert any(e.calendar == calendar and e.value == month for e in found), (calendar, month, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_weekday_display_names_are_recognised(lang: str) -> None:
    lex = lx.lexicon(lang)
    for day in range(7):
        found = lex.lookup(key(weekday_name(day, lang)), "weekday")  # type: ignore[arg-type]
        assert [e.value for e in found] == [day], (lang, day)


@pytest.mark.parametrize(
    ("lang", "form", "kind", "value"),
    [
        ("fa", "اواخر", "part", 9),
        ("ar", "منتصف", "part", 5),
        ("en", "early", "part", 1),
        ("ar", "غداً", "relative", 1),
        ("fa", "دیروز", "relative", -1),
        ("ar", "اليوم", "relative", 0),
        ("fa", "تا", "connector", 0),
        ("ar", "وحتى", "connector", 0),
        ("fa", "سال", "year_keyword", 0),
        ("ar", "الشهر ذاته", "anaphora", 0),
        ("fa", "همان سال", "year_anaphora", 0),
        ("ar", "الموافق", "gloss_intro", 0),
        ("fa", "میلیارد", "cue", 0),
        ("fa", "ذی‌الحجه", "month", 12),
        ("ar", "ذي الحجة", "month", 12),
        ("ar", "كانون الثاني", "month", 1),
        ("ar", "آب", "month", 8),
        ("fa", "آبان", "month", 8),
    ],
)
def test_known_entries(lang: str, form: str, kind: str, value: int) -> None:
    assert value in [e.value for e in lx.lexicon(lang).lookup(key(form), kind)]


@pytest.mark.parametrize(
    ("lang", "form"),
    [("fa", "آذر"), ("ar", "آذار")],
)
def test_jalali_azar_and_levantine_adhar_differ(lang: str, form: str) -> None:
    found = lx.lexicon(lang).lookup(key(form), "month")
    expected = ("jalali", 9) if form == "آذر" else ("gregorian", 3)
    assert {(e.calendar, e.value) for e in found} == {expected}


def test_levantine_names_are_not_read_in_persian() -> None:
    # «آب» is 'water' in Persian: only Arabic texts read it as August.
    assert lx.lexicon("fa").lookup(key("آب"), "month") == ()


def test_may_as_verb_prefix_needs_a_year() -> None:
    (entry,) = lx.lexicon("fa").lookup(key("می"), "month")
    assert entry.year_after and entry.ambiguous and not entry.echo


@pytest.mark.parametrize("calendar", ["gregorian", "jalali", "hijri"])
def test_every_calendar_has_markers(calendar: str) -> None:
    assert lx.raw()["markers"][calendar]


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
def test_no_relative_word_holds_a_digit(lang: str) -> None:
    # tagger._relative_offset skips words with a digit without looking them up
    relative = [
        k for k, entries in lx.lexicon(lang).entries.items() if any(e.kind == "relative" for e in entries)
    ]
    assert relative
    assert not [k for k in relative if any(c.isdecimal() for c in k)]


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
def test_start_prefixes_cover_every_start_form(lang: str) -> None:
    lex = lx.lexicon(lang)
    for k, entries in lex.entries.items():
        assert all(k[:n] in lex.prefixes for n in range(1, len(k) + 1))
        if any(e.kind in lx.START_KINDS for e in entries):
            assert all(k[:n] in lex.start_prefixes for n in range(1, len(k) + 1))
