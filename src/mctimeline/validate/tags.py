"""A page's elements closed in order, told fast for the markup html.parser reads without surprises.

`balanced(text)` is True only when html.parser, as `validate.views._html_error` drives it,
would find every element closed in order; None means "not sure" and html.parser reads
the page (so a page with a problem, and any markup outside the subset below, is read by
html.parser, which words the problem). The subset is the markup our page writer uses:
start tags with lower- or upper-case names, attributes named plainly with quoted values
or none, `>` or `/>`; end tags; comments without `--` inside; the doctype; the raw text
of `script` and `style` up to the end tag html.parser looks for; text without `<` and
with only complete character references (`&name;`, `&#N;`, `&#xH;`). On such a page
html.parser meets the same start and end tags in the same order (its tokenizer's
branches for anything else are the ones the subset leaves out), so the verdicts agree;
the tests compare them on the pages a build writes and on broken copies of them.
"""

from __future__ import annotations

import re

# Elements HTML writes with no end tag.
VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")
)
# html.parser's whitespace inside a tag is \s; only the ASCII whitespace a tag name ends
# at (html.parser reads \v or a no-break space as part of the name) is in the subset.
_WS = r"[ \t\n\r\f]"
_TOKEN = re.compile(
    rf"""<(?:
        (?P<open>[a-zA-Z][a-zA-Z0-9-]*)
            (?:{_WS}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*"|='[^']*')?)*
            {_WS}*(?P<empty>/?)>
      | /(?P<end>[a-zA-Z][a-zA-Z0-9-]*){_WS}*>
      | !--[^-]*(?:-[^-]+)*-->
      | ![dD][oO][cC][tT][yY][pP][eE][^>]*>
    )""",
    re.X,
)
# html.parser's end of raw text (HTMLParser.set_cdata_mode).
_RAW_END = {name: re.compile(rf"</\s*{name}\s*>", re.I) for name in ("script", "style")}
# An ampersand that starts no complete character reference: html.parser may stop
# reading tags there (its "incomplete" branch), so such a page goes to it.
_LOOSE_AMPERSAND = re.compile(r"&(?![a-zA-Z][-.a-zA-Z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)")


def balanced(text: str) -> bool | None:
    """True when every element of `text` is closed, in order (void ones excepted); None
    when it is not, or `text` holds markup outside the subset: html.parser decides then."""
    stack: list[str] = []
    raw: list[tuple[int, int]] = []  # the spans of script and style text
    find, match = text.find, _TOKEN.match
    pos = 0
    while (lt := find("<", pos)) >= 0:
        token = match(text, lt)
        if token is None:
            return None
        pos = token.end()
        name = token.group("open")
        if name is not None:
            name = name.lower()
            if token.group("empty"):
                if name in VOID:
                    return None  # html.parser ends it too, which closes nothing open
                continue
            if name in _RAW_END:
                close = _RAW_END[name].search(text, pos)
                if close is None:
                    return None
                raw.append((pos, close.start()))
                pos = close.end()
            elif name not in VOID:
                stack.append(name)
            continue
        end = token.group("end")
        if end is not None and (not stack or stack.pop() != end.lower()):
            return None
    if stack:
        return None
    for loose in _LOOSE_AMPERSAND.finditer(text):
        if not any(a <= loose.start() < b for a, b in raw):
            return None
    return True
