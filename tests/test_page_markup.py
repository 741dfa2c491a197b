"""page.markup: the fast paths of esc and script_json write what the plain rules write."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _texts import mixed_texts
from mctimeline.page.markup import esc, script_json
from mctimeline.safetext import FORBIDDEN_IN_MARKUP, clean_text


def plain_esc(text: str) -> str:
    """esc as a rule: cleaned, then every & < > " ' escaped."""
    return html.escape(clean_text(text), quote=True)


def plain_script_json(value: Any) -> str:
    """script_json as a rule: JSON, the five script escapes, then every character HTML forbids escaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(raw, escaped)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")

    def escape(m: re.Match[str]) -> str:
        utf16 = m.group().encode("utf-16-be", "surrogatepass")
        return "".join(f"\\u{utf16[i] << 8 | utf16[i + 1]:04x}" for i in range(0, len(utf16), 2))

    return FORBIDDEN_IN_MARKUP.sub(escape, text)


TEXTS = mixed_texts("<>&\"'«»", max_size=60)


@settings(max_examples=1000, deadline=None)
@given(TEXTS)
def test_esc_is_the_plain_rule(text: str) -> None:
    assert esc(text) == plain_esc(text)


@pytest.mark.parametrize(
    "text", ["confirmed", "2025-05-27", "۶ خرداد ۱۴۰۴", "هیئت\u200cهای", "a & b", "<b>", "it's \"x\"", ""]
)
def test_esc_on_a_page_s_usual_texts(text: str) -> None:
    assert esc(text) == plain_esc(text)


VALUES = st.recursive(
    st.none() | st.integers() | TEXTS, lambda inner: st.lists(inner) | st.dictionaries(TEXTS, inner)
)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_script_json_is_the_plain_rule(value: Any) -> None:
    # (Read back, a lone high surrogate escaped just before a lone low one would be one
    # character: JSON's rule, not the page's, so not asserted here.)
    text = script_json(value)
    assert text == plain_script_json(value)
    assert not FORBIDDEN_IN_MARKUP.search(text)


@pytest.mark.parametrize("ch", ["😀", "\U0001fffd", "\U000e0001", "\U0010fffd", "\U0001fffe", "\U0010ffff"])
def test_script_json_keeps_what_html_allows_past_the_bmp_and_escapes_the_rest(ch: str) -> None:
    text = script_json({"t": ch})
    assert (ch in text) == (FORBIDDEN_IN_MARKUP.search(ch) is None)
    assert json.loads(text) == {"t": ch}
