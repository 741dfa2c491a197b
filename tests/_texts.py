"""A hypothesis strategy of text as sources hold it: three languages among what text hygiene must handle."""

from __future__ import annotations

from hypothesis import strategies as st

# Letters and digits of fa/ar/en, emoji; what safetext's table changes (controls, CR, tab,
# line and paragraph separators, bidi and other format characters, noncharacters in and past
# the BMP, lone surrogates); what it keeps though unprintable (LF, ZWNJ, ZWJ, NBSP, private use).
ALPHABET = (
    "ab ۱۲ سلام عربي é 😀 \n\r\t\x00\x0b\x0c\x1c\x1f\x7f\x85\x9f\u2028\u2029\u200b\u200c\u200d"
    "\u200e\u200f\u202b\u2067\u2069\ufeff\ufdd0\ufffe\uffff\U0001fffe\U0001ffff\U0010ffff"
    "\ud800\udfff\u00a0\ue000\U000e0001"
)


def mixed_texts(extra: str = "", max_size: int = 80) -> st.SearchStrategy[str]:
    """Text drawn from ALPHABET (and `extra`), or from any code point."""
    return st.text(alphabet=st.sampled_from(ALPHABET + extra), max_size=max_size) | st.text(max_size=max_size)
