"""Lexicon facts the tagger's shortcuts rely on."""

from __future__ import annotations

import pytest

from mctimeline.lexicon import lexicon


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
def test_no_form_holds_a_digit(lang: str) -> None:
    # the scanner treats "begins a lexicon form" and "is a number" as exclusive
    keys = lexicon(lang).entries
    assert keys
    assert [k for k in keys if any(ch.isdecimal() for ch in k)] == []
