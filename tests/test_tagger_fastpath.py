"""The tagger's shortcuts agree with the plain way: skipping tokens, building tokens, normalizing."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mctimeline import lexicon as lx
from mctimeline.normalize import _normalize_slow, detect_language, normalize, tokens
from mctimeline.tagger import _make_tokens, _Scanner, tag


def _strings(data: Any) -> list[str]:
    """Every string in the lexicon data (forms of every kind, in every language)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


FORMS = sorted(set(_strings(lx.raw())))
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
