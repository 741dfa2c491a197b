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
# Possessive (`*+`, `++`): each piece of a token is followed by a character it cannot
# hold, so giving characters back never makes a match; not trying is a fifth faster.
_NAME = r"[a-zA-Z][a-zA-Z0-9-]*+"
_ATTRIBUTES = rf"""(?:{_WS}++[a-zA-Z_:][-a-zA-Z0-9_:.]*+(?:="[^"]*+"|='[^']*+')?+)*+"""
# html.parser's end of raw text (HTMLParser.set_cdata_mode): the first `</name>` in ASCII
# letters of any case (its search, case-insensitive, also stops at `</ſcript>`, U+017F,
# but reads that as text: its end tags' names are ASCII).
_RAW_END = {
    "script": r"</\s*[sS][cC][rR][iI][pP][tT]\s*>",
    "style": r"</\s*[sS][tT][yY][lL][eE]\s*>",
}
# Every `<` of a page, read in one pass (`findall`), as one of: a script or style start
# tag (not `/>`), with its raw text and the end tag html.parser ends it at (`script`,
# `style`: never empty); a start tag (`open`; `empty` "/" when it ends in `/>`); an end
# tag (`end`); a comment without `--` inside, or the doctype (`other`); anything else
# (every group empty).
_TOKEN = re.compile(
    rf"""<(?:
        [sS][cC][rR][iI][pP][tT]{_ATTRIBUTES}{_WS}*+>(?P<script>(?s:.*?){_RAW_END["script"]})
      | [sS][tT][yY][lL][eE]{_ATTRIBUTES}{_WS}*+>(?P<style>(?s:.*?){_RAW_END["style"]})
      | (?P<open>{_NAME}){_ATTRIBUTES}{_WS}*+(?P<empty>/?)>
      | /(?P<end>{_NAME}){_WS}*+>
      | (?P<other>!--[^-]*+(?:-[^-]++)*+-->|![dD][oO][cC][tT][yY][pP][eE][^>]*+>)
      |
    )""",
    re.X,
)
# An ampersand that starts no complete character reference: html.parser may stop
# reading tags there (its "incomplete" branch), so such a page goes to it.
_LOOSE_AMPERSAND = re.compile(r"&(?![a-zA-Z][-.a-zA-Z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)")


def balanced(text: str) -> bool | None:
    """True when every element of `text` is closed, in order (void ones excepted); None
    when it is not, or `text` holds markup outside the subset: html.parser decides then.

    Its tokens are read by one `findall` (a loop of `find` and `match` in Python, a
    token at a time, cost ten times as much)."""
    stack: list[str] = []
    raw: list[str] = []  # the text of each script and style, with its end tag
    push, pop = stack.append, stack.pop
    for script, style, name, empty, end, other in _TOKEN.findall(text):
        if name:
            name = name.lower()
            if empty:
                if name in VOID:
                    return None  # html.parser ends it too, which closes nothing open
            elif name in _RAW_END:
                return None  # a script or style whose end tag never comes
            elif name not in VOID:
                push(name)
        elif end:
            if not stack or pop() != end.lower():
                return None
        elif script or style:
            raw.append(script or style)
        elif not other:
            return None  # a `<` that starts none of the tokens above
    if stack:
        return None
    # A loose ampersand is left alone only in raw text (none of its lookahead's
    # characters is a `<`, so it reads the same within a raw text as within the page).
    loose = len(_LOOSE_AMPERSAND.findall(text))
    if loose and loose != sum(len(_LOOSE_AMPERSAND.findall(r)) for r in raw):
        return None
    return True
