"""normalize's character folding by replacement equals translating through the fold table."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mctimeline.normalize import _TABLE, _translate

# Characters of every kind the table treats differently: Persian and Arabic letters and their
# variants, digits of several scripts, marks, joiners, bidi controls, spaces, capitals,
# presentation forms (some fold to several characters), and anything else.
SPECIAL = st.sampled_from(
    list("يىكةۀەھأإآٱٲٳیکهاپچژگ۰۱۲۹٠١٩0123456789")
    + list("\u064b\u0650\u0670\u0640\u200c\u200d\u200e\u202b\u2067\ufeff")
    + list("\u00a0\n\t\r\u2003 ABCZİ\u212aÅ«»،؛؟.-–")
    + list("\ufb8a\ufefb\ufdfa\ufe8e\u0130\u2460²")
)
TEXT = st.lists(SPECIAL | st.characters(), max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_translate_by_replacement_equals_str_translate(text: str) -> None:
    assert _translate(text) == text.translate(_TABLE)
