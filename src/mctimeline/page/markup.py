"""Text made safe for the page: HTML escapes, JSON inside <script>, bidi isolation."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from mctimeline.safetext import FORBIDDEN_IN_MARKUP, clean_text, is_clean

RTL_LANGUAGES = frozenset({"fa", "ar"})


def esc(text: str) -> str:
    """Text for HTML content or a quoted attribute: & < > " ' escaped, control characters dropped."""
    if not is_clean(text):
        text = clean_text(text)
    # Most of a page's texts (labels, dates, classes, titles) hold nothing to escape: five
    # `in` tests (C loops) cost less than html.escape's five replaces and a call.
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text, quote=True)
    return text


def script_json(value: Any) -> str:
    """JSON that is safe inside <script>: no `</script>`, `<!--`, or JS line terminators can appear.

    The escapes are JSON string escapes, so JSON.parse gives back exactly `value`; no
    character HTML forbids is written as itself.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    # Characters HTML forbids (control, surrogate, noncharacter) are written as escapes:
    # the page's bytes never hold one, and the data still reads back exactly.
    return _SUSPECT.sub(_json_escape, text)


# FORBIDDEN_IN_MARKUP's characters, found faster: its 34 noncharacters past the BMP make
# `re` try each in turn at every character of the page's data (about 100 ns a character
# of Persian text), while one range of them all is a single test. So this finds what
# FORBIDDEN_IN_MARKUP finds in the BMP and every character past it; `_json_escape` keeps
# those past it that are allowed (emoji) as they are.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]"
)


def _json_escape(m: re.Match[str]) -> str:
    found = m.group()
    if not FORBIDDEN_IN_MARKUP.match(found):
        return found  # a character past the BMP that HTML allows
    code = ord(found)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON writes a code point past the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


_QUOTED = re.compile(r"«([^«»]*)»")


def esc_isolated(text: str) -> str:
    """Escaped text whose «quoted» words are bidi-isolated.

    Diagnoses are English sentences quoting Persian or Arabic words; without isolation
    the quote's digits and punctuation join the surrounding text and are reordered.
    """
    out, pos = [], 0
    for m in _QUOTED.finditer(text):
        out.append(esc(text[pos : m.start()]))
        out.append(f"«<bdi>{esc(m.group(1))}</bdi>»")
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "auto"


def iso_span(first: str, last: str) -> str:
    return first if first == last else f"{first} – {last}"
