"""The tagger's shortcuts agree with the plain way: skipping tokens, building tokens, normalizing."""

from __future__ import annotations

import re
import sys
from itertools import accumulate
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mctimeline import lexicon as lx
from mctimeline.normalize import (
    _ARABIC_LETTERS,
    _ARABIC_WORDS,
    _PERSIAN_LETTERS,
    _PERSIAN_WORDS,
    Normalized,
    _normalize_slow,
    detect_language,
    normalize,
    tokens,
)
from mctimeline.tagger import _make_tokens, _Resolver, _Scanner, tag
from mctimeline.tagger import tokens as tokens_mod
from mctimeline.tagger.deixis import _day_of_period_at, _month_implied
from mctimeline.tagger.offsets import deictic, period_of_reference
from mctimeline.tagger.points import Candidate, Point
from mctimeline.tagger.relative import Reckoning
from mctimeline.tagger.tokens import (
    _COMMON_LETTERS,
    _TOKEN_PIECE,
    _TOKEN_PIECE_PLAIN,
    _token_lists,
    _token_lists_regex,
)


def _strings(data: Any) -> list[str]:
    """Every string in the lexicon data (forms of every kind, in every language)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


# lexicon.toml's forms, forms.toml's (with its number words), relative.toml's (deixis, roles'
# neighbours) and the holidays' names
FORMS = sorted(
    set(_strings(lx.raw()))
    | set(_strings(lx.forms_raw()))
    | set(_strings(lx.raw_relative()))
    | {w for words in lx.forms_raw()["number_words"].values() for w in words}
    | {w for h in lx.holidays() for lang in ("fa", "ar", "en") for w in h.get(lang, [])}
)
FILLER = ["و", "به", "من", "در", "في", "که", "the", "of", "نفر", "مليون", "%", "سال", "عام", "روز", "يوم"]
NUMBERS = st.integers(0, 3000).map(str) | st.sampled_from(["۲۷", "۱۴۰۴", "٢٤", "١٤٤٦", "2025", "27", "6"])
PUNCT = st.sampled_from(["(", ")", "/", "-", "–", "،", ",", ".", ":", "؟", "«", "»"])
MONTHS = sorted({name for t in lx.raw()["months"] for names in t["names"] for name in names})
DAYS = st.integers(1, 31).map(str) | st.sampled_from(["۲۷", "٢٤", "۶", "١"])
YEARS = st.sampled_from(["2025", "۱۴۰۴", "١٤٤٦", "1403", "2024م", "1446هـ", "۱۴۰۳ ه.ش"])
# A date-like run: [day] month [year], sometimes a range, so that most texts hold candidates.
DATE = st.builds(
    lambda d, m, y, d2, conn: f"{d} {conn} {d2} {m} {y}" if conn else f"{d} {m} {y}",
    DAYS | st.just(""),
    st.sampled_from(MONTHS),
    YEARS | st.just(""),
    DAYS,
    st.sampled_from(["", "تا", "إلى", "-", "to"]),
)
WORD = st.sampled_from(FORMS) | st.sampled_from(FILLER) | NUMBERS | PUNCT | DATE
SEP = st.sampled_from([" ", " ", " ", "", "\n\n", "\u200c", "\u00a0"])
TEXT = st.lists(st.tuples(WORD, SEP), max_size=40).map(lambda parts: "".join(w + s for w, s in parts))


def _scan(text: str, lang: str, every_token: bool) -> list[Any]:
    scanner = _Scanner(normalize(text), lx.lexicon(lang), lang)
    return scanner.scan(every_token=every_token)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["fa", "ar", "en"]))
def test_skipping_tokens_finds_what_trying_every_token_finds(text: str, lang: str) -> None:
    assert _scan(text, lang, every_token=False) == _scan(text, lang, every_token=True)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT | st.text())
def test_tokens_built_in_bulk_equal_the_token_regex(text: str) -> None:
    norm = normalize(text).text
    made = _make_tokens(norm)
    assert [(t.start, t.end) for t in made] == tokens(norm)
    for t in made:
        assert t.text == norm[t.start : t.end]
        assert t.space_before == (t.start > 0 and norm[t.start - 1] == " ")
        assert t.is_num == (t.text.isascii() and t.text.isdigit())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_fast_normalize_on_date_text_equals_the_reference(text: str) -> None:
    fast, slow = normalize(text), _normalize_slow(text)
    assert (fast.text, fast.offsets) == (slow.text, slow.offsets)


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
def test_tag_is_the_same_on_a_second_call(lang: str) -> None:
    # no state leaks between calls through the caches (per-token tables live in the scanner)
    text = "از ۲۷ تا ۲۹ مه ۲۰۲۵ (۶ تا ۸ خرداد ۱۴۰۴) و في 24 يونيو 2024، today"
    assert tag(text, lang) == tag(text, lang)
    assert detect_language(text) in ("fa", "ar", "en")


# --- the reference implementations the faster ones replaced ------------------------------


def _detect_language_word_by_word(text: str) -> str:
    fa = ar = latin = 0
    for word in text.split():
        letters = set(word)
        if word in _PERSIAN_WORDS:
            fa += 2
        elif word in _ARABIC_WORDS:
            ar += 2
        if letters & _PERSIAN_LETTERS:
            fa += 1
        if letters & _ARABIC_LETTERS:
            ar += 1
        if word.startswith(("ال", "وال", "بال", "لل")) and len(word) > 3:
            ar += 1
        if any("a" <= c.lower() <= "z" for c in word):
            latin += 1
    arabic_script = any("\u0600" <= c <= "\u06ff" for c in text)
    if not arabic_script or latin > 2 * (fa + ar) + 2:
        return "en"
    return "fa" if fa >= ar else "ar"


EXTRA_WORDS = ["الكتاب", "والشمس", "بالقلم", "للبيت", "ال", "پدر", "ژ", "ة", "abc", "X", "İ", "\u212a", "12"]
LANGUAGE_WORDS = st.sampled_from([*sorted(_PERSIAN_WORDS | _ARABIC_WORDS), *EXTRA_WORDS])
LANGUAGE_TEXT = st.lists(st.tuples(LANGUAGE_WORDS, SEP | st.just("\t")), max_size=25).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LANGUAGE_TEXT | TEXT | st.text())
def test_detect_language_by_regex_counts_equals_word_by_word(text: str) -> None:
    assert detect_language(text) == _detect_language_word_by_word(text)


def test_only_two_non_ascii_characters_lowercase_to_a_latin_letter() -> None:
    # detect_language's Latin class lists them: «İ» (i + combining dot) and the Kelvin sign
    odd = [
        chr(c)
        for c in range(0x110000)
        if not 0xD800 <= c < 0xE000 and not chr(c).isascii() and "a" <= chr(c).lower() <= "z"
    ]
    assert odd == ["\u0130", "\u212a"]


class _Known:
    def __init__(self, calendar: str, cand: Any) -> None:
        self.calendar = calendar
        self.cand = cand


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.sampled_from(["gregorian", "jalali", "hijri"])), min_size=1),
    st.integers(0, 60),
    st.sampled_from(["gregorian", "jalali", "hijri"]),
    st.lists(st.integers(0, 1), min_size=62, max_size=62),
)
def test_known_year_in_the_sentence_by_bisection_equals_the_list_scan(
    marks: list[tuple[int, str]], n: int, cal: str, breaks: list[int]
) -> None:
    """Candidate k spans token k; `breaks` says where sentences end: the year borrowed is the
    nearest written one in the same sentence (before first, same calendar first), as a scan finds."""
    by_index = {k: c for k, c in marks if k != n}  # the candidate itself has no written year
    ends = [0, *accumulate(breaks)]
    cands = {k: SimpleNamespace(first=k, last=k + 1) for k in range(62)}
    known = [(k, _Known(c, cands[k])) for k, c in sorted(by_index.items())]
    resolver = object.__new__(_Resolver)
    resolver.known = known  # type: ignore[assignment]
    resolver._known_index = None
    me = cands[n]
    before = [(k, r) for k, r in known if k < n and ends[k + 1] == ends[n]]
    after = [(k, r) for k, r in known if k > n and ends[k] == ends[n + 1]]
    group = list(reversed(before)) or after
    same = [x for x in group if x[1].calendar == cal]
    expected = (same or group)[0] if group else None
    assert resolver._known_near(n, me, cal, ends) == expected  # type: ignore[arg-type]


# --- readers whose cheap tests were moved first: the same answers as in their first order --------


def _day_of_period_at_first_order(s: _Scanner, i: int) -> Any:
    """deixis._day_of_period_at as it was: the ordinal's blockers tested before the month after it."""
    day, j = s.day_at(i), i + 1
    if day is None:
        named = s.match(i, "day_name")
        backs = [back for back in (1, 2) if i >= back]
        blocked = any((b := s.match(i - back, "ordinal_blocker")) is not None and b[1] == i for back in backs)
        if named is None or blocked or s.ordinal_of_noun(i):
            return None
        day, j = named[0].value, named[1]
    suffix = s.match(j, "day_suffix")
    month = period_of_reference(s, suffix[1] if suffix is not None else j, "month") or _month_implied(s, j)
    if month is None:
        return None
    n, end, system = month
    return deictic(i, end, Reckoning("day_of_month", n, day=day, system=system))


def _bare_year_range_first_order(s: _Scanner, i: int) -> Any:
    """_Scanner._bare_year_range as it was: the document and range readers before the cheap tests."""
    if s._names_a_document(i):
        return None
    first = Candidate("year", i, i + 1, Point(i, i + 1, year=s.year_at(i)), extra={"bare": True})
    opened = s._kind_before(i, "range_opener")
    cand = s._year_range(first, joined=opened)
    p2 = cand.p2
    if p2 is None or p2.year is None or p2.year - (cand.p1.year or 0) > 100:
        return None
    dash = s.toks[i + 1] in "-–" and not s._spaced[i + 1] and not s._spaced[i + 2]
    if not (opened or dash):
        return None
    nxt = s.tok(cand.last)
    if nxt is not None and (nxt in (":", "-", "–", "/") or s._cue_after(cand.last)):
        return None
    return cand


LANGS = ["fa", "ar", "en"]


def _keys(*kinds: str) -> list[str]:
    """The lexicon's keys (normalized forms) with an entry of one of `kinds`, in any language."""
    tables = [lx.lexicon(lang).entries for lang in LANGS]
    return sorted({k for table in tables for k, es in table.items() if any(e.kind in kinds for e in es)})


# What the moved tests decide: «بين 2009 و2012», «2009-2012», «القرار رقم 2009-2012» (a document's
# number), «الاجتماع الأول من الشهر المقبل» (an ordinal of a noun), «الأسبوع الثاني من الشهر الماضي»
TWO_YEARS = st.builds(
    lambda a, d, sep: f"{a}{sep}{a + d}",
    st.integers(1990, 2030),
    st.integers(-2, 120),
    st.sampled_from(["-", "–", " - ", " تا ", " حتى ", " و", " and ", " to ", "/", " "]),
)
OPENERS = st.sampled_from([*_keys("range_opener"), "در", "في", ""])
YEAR_RANGE = st.builds(lambda opener, years: f"{opener} {years}", OPENERS, TWO_YEARS)
REFERENCES = st.sampled_from([*_keys("reference"), "القرار رقم", "شماره"])
DOCUMENT = st.builds(lambda ref, years: f"{ref} {years}", REFERENCES, TWO_YEARS)
DAY_WORDS = st.sampled_from(["الأول", "الثاني", "دوم", "اول", "first", "second", *_keys("day_name")])
DAY_OF_MONTH = st.builds(
    lambda before, day, joiner, month: f"{before} {day} {joiner} {month}",
    st.sampled_from(["الاجتماع", "الاتفاق", "هفته", "the", "روز", "يوم", *_keys("ordinal_blocker")]),
    DAY_WORDS | DAYS,
    st.sampled_from(["من", "", "of"]),
    st.sampled_from(["الشهر المقبل", "الشهر الماضي", "الجاري", "ماه آینده", "ماه گذشته", "next month"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(YEAR_RANGE | DOCUMENT | DAY_OF_MONTH | WORD, SEP), max_size=20),
       st.sampled_from(LANGS))
def test_readers_with_cheap_tests_first_answer_as_before(parts: list[tuple[str, str]], lang: str) -> None:
    s = _Scanner(normalize("".join(w + sep for w, sep in parts)), lx.lexicon(lang), lang)
    for i in range(len(s.toks)):
        assert _day_of_period_at(s, i) == _day_of_period_at_first_order(s, i)
        if s.year_at(i) is not None:
            assert s._bare_year_range(i) == _bare_year_range_first_order(s, i)


# --- the tokenizer's plain letter ranges ----------------------------------------------------------

# every code point but the surrogates (which a str of text cannot hold alone)
_ALL_CHARACTERS = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_the_common_letters_are_letters_of_the_unicode_class() -> None:
    common = re.compile(f"[{_COMMON_LETTERS}]")
    letter = re.compile(r"[^\W\d_]")
    found = common.findall(_ALL_CHARACTERS)
    assert len(found) > 26 + 40 and all(letter.fullmatch(ch) for ch in found)


def test_token_pieces_with_letter_ranges_equal_the_plain_pattern_on_every_character() -> None:
    plain = re.compile(_TOKEN_PIECE_PLAIN)
    for text in (_ALL_CHARACTERS, _ALL_CHARACTERS[::-1], " ".join(_ALL_CHARACTERS[:3000])):
        assert _TOKEN_PIECE.findall(text) == plain.findall(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT | st.text() | st.text(st.sampled_from("ابپتثجچحخ دذرزژسش abcXYZ\u0640\u064b19١۲_-،.\u200c")))
def test_token_pieces_with_letter_ranges_equal_the_plain_pattern(text: str) -> None:
    assert _TOKEN_PIECE.findall(text) == re.findall(_TOKEN_PIECE_PLAIN, text)
    norm = normalize(text).text
    assert _TOKEN_PIECE.findall(norm) == re.findall(_TOKEN_PIECE_PLAIN, norm)


# --- the tokens made by marks and one split ---------------------------------------------------------

# Letters of the common ranges and others, ASCII digits and others, punctuation, spaces of several
# kinds and the mark itself: every way `_token_lists` reads a text, and every way it hands one on.
_TOKEN_CHARS = st.sampled_from([*"ابیکه zaé²ـً0159٣۴_-–.،,:/()«»%'\x00\t\n\u00a0", " ", " "])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT | st.text() | st.lists(_TOKEN_CHARS, max_size=40).map("".join))
def test_token_lists_equal_the_pieces_regex(text: str) -> None:
    assert _token_lists(text) == _token_lists_regex(text)
    norm = normalize(text).text
    assert _token_lists(norm) == _token_lists_regex(norm)


@pytest.mark.parametrize(
    "text",
    [
        "در ۱۲ مهر ۱۴۰۳، «نشست» (مسکو) برگزار شد.",
        "في 12/3/1446هـ الموافق 2024م ... وقال: نعم",
        "on may 5, 2024 the talks - which began in 2020-2021 - ended.",
    ],
)
def test_token_lists_read_normalized_news_without_the_regex(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Punctuation and digits glued to letters are read by the marks, not handed to the regex.
    norm = normalize(text).text
    expected = _token_lists_regex(norm)

    def refuse(_: str) -> None:
        raise AssertionError("handed to the regex")

    monkeypatch.setattr(tokens_mod, "_token_lists_regex", refuse)
    assert _token_lists(norm) == expected


# --- token offsets summed from the furthest end asked for, or from every 64th token's end ------------

# Texts long enough to span several blocks of 64 tokens, with and without normalize's shape.
_LONG_TEXT = st.lists(st.tuples(WORD, SEP), min_size=65, max_size=300).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LONG_TEXT | st.text() | st.lists(_TOKEN_CHARS, max_size=200).map("".join), st.data())
def test_token_ends_by_blocks_equal_the_table_of_every_end(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    for shown in (norm, Normalized(text, text, (0,), (0,))):  # the second: any spaces, the regex's ends
        reader = _Scanner(shown, lx.lexicon("fa"), "fa")
        ends = tokens_mod._token_ends(shown.text, reader.toks, reader._spaced)
        n = len(ends)
        if not n:
            continue
        asked = data.draw(st.lists(st.integers(-n, n - 1), max_size=40))  # any order: blocks fill as asked
        for k in [*asked, *range(n - 1, -1, -7)]:
            assert reader.token_end(k) == ends[k]
        for i in data.draw(st.lists(st.integers(0, n - 1), max_size=20)):
            j = data.draw(st.integers(i + 1, n))
            assert reader.token_span(i, j) == (ends[i] - len(reader.toks[i]), ends[j - 1])
        with pytest.raises(IndexError):
            reader.token_end(n)
