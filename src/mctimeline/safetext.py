"""Text fit for every file mctimeline writes: XML, HTML, iCalendar and CSV alike.

Source texts are read as they are, so they can hold characters that a view must not:
XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates, U+FFFE and
U+FFFF (an SVG holding one is ill-formed and a browser stops drawing it there); HTML
makes every control character and every noncharacter a parse error. Bidi embeddings,
overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the implicit marks can make a
date read differently. All of these are dropped where text enters a written file, by
the one table below; ZWNJ and ZWJ are kept because Persian spelling needs them. Line
breaks of any kind become LF, a tab a space.

Dropped, not replaced with U+FFFD: the characters carry no words, a replacement mark in
every quote would only show that the source file had them (its bytes are kept, and its
SHA-256 recorded), and the rule is the one control characters always followed here.
"""

from __future__ import annotations

import re
import unicodedata

_KEEP_FORMAT = {"\u200c", "\u200d"}
# Line breaks besides LF and CR (str.splitlines breaks at them too): VT, FF, the
# information separators and NEL. A form feed between two pages of a PDF's text must
# not join the last word of one page to the first of the next.
_LINE_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85")


def is_noncharacter(code: int) -> bool:
    """U+FDD0-U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...)."""
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


class _Safe(dict[int, int | str | None]):
    """A str.translate table deciding each character once: keep, drop, or replace."""

    def __missing__(self, code: int) -> int | str | None:
        ch = chr(code)
        category = unicodedata.category(ch)
        result: int | str | None = code
        if ch == "\t":
            result = " "
        elif category in ("Zl", "Zp") or ch in _LINE_BREAKS:
            result = "\n"
        elif ch != "\n" and (
            category in ("Cc", "Cs") or (category == "Cf" and ch not in _KEEP_FORMAT) or is_noncharacter(code)
        ):
            result = None
        self[code] = result
        return result


_SAFE = _Safe()


def is_clean(text: str) -> bool:
    """Whether `clean_text` leaves `text` as it is, told without its table.

    Everything the table drops or replaces (controls, CR, tab, line and paragraph
    separators, format characters, surrogates, noncharacters) is unprintable to
    `str.isprintable`, a loop in C; so printable text, once LF, ZWNJ and ZWJ are set
    aside, is clean. Private-use characters and non-ASCII spaces are unprintable too
    yet kept: such text merely takes the table's path.
    """
    if text.isprintable():
        return True
    # What the table keeps though unprintable: LF (a description's line breaks), ZWNJ and
    # ZWJ (Persian words). Three replaces, each a C loop: str.translate with a table looks
    # up every character of non-ASCII text in a dict.
    return text.replace("\n", " ").replace("\u200c", " ").replace("\u200d", " ").isprintable()


def clean_text(text: str) -> str:
    """Text without control, format (but ZWNJ/ZWJ) or noncharacters; line ends as LF, tabs as spaces."""
    if is_clean(text):
        return text  # most text: the table looks up every character, at about 47 ns each
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_SAFE)


def one_line(text: str) -> str:
    """Clean text with its whitespace runs (newlines included) collapsed to single spaces."""
    return " ".join(clean_text(text).split())


# What a written view (SVG or HTML page) must never hold: controls but tab, LF and CR,
# surrogates and noncharacters. Validation looks for them with this.
FORBIDDEN_IN_MARKUP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)
