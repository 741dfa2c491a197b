"""A page's elements closed in order, and only its writer's: told fast for markup html.parser reads plainly.

`balanced(text)` is True only when html.parser, as `validate.views._html_check` drives it,
would find every element closed in order and no tag the page writer never writes
(`tag_problem`, `SCRIPTS`); None means "not sure" and html.parser reads the page (so a
page with a problem, and any markup outside the subset below, is read by html.parser,
which words the problem). The subset is the markup our page writer uses: start tags with
lower- or upper-case names, attributes among WRITTEN spelled as the writer spells them,
with quoted values or none (an `href` only relative, with no `:` or `&`, or
http(s)), `>` or `/>`; end tags; comments without `--` inside; the doctype; the raw text
of `script` and `style` up to the end tag html.parser looks for; text without `<` and
with only complete character references (`&name;`, `&#N;`, `&#xH;`). On such a page
html.parser meets the same start and end tags in the same order (its tokenizer's
branches for anything else are the ones the subset leaves out), so the verdicts agree;
the tests compare them on the pages a build writes and on broken copies of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

# Elements HTML writes with no end tag.
VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")
)
# What the page writer (page/, browse.py, plot/'s inline SVG) writes, and so all a page
# may hold: its elements, their attributes (as the writer spells them; html.parser and
# browsers read them in any case) besides data-*, and its scripts in order, each with its
# attributes (html.parser's pairs). An element or attribute the writer never writes (an
# iframe, object, embed, base, link, img, a style or srcdoc attribute, meta's http-equiv)
# is active content a reader's browser would run or fetch: the page is rebuilt.
ELEMENTS = frozenset(
    (
        "a",
        "article",
        "bdi",
        "blockquote",
        "body",
        "button",
        "code",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "footer",
        "form",
        "g",
        "h1",
        "h2",
        "h3",
        "h4",
        "head",
        "header",
        "html",
        "input",
        "label",
        "li",
        "line",
        "main",
        "meta",
        "nav",
        "ol",
        "option",
        "output",
        "p",
        "rect",
        "script",
        "section",
        "select",
        "span",
        "strong",
        "style",
        "summary",
        "svg",
        "text",
        "title",
        "tspan",
        "ul",
    )
)
WRITTEN = frozenset(
    (
        "aria-current",
        "aria-disabled",
        "aria-label",
        "aria-labelledby",
        "autocomplete",
        "charset",
        "class",
        "content",
        "dir",
        "fill",
        "fill-opacity",
        "font-family",
        "font-size",
        "font-weight",
        "for",
        "height",
        "href",
        "id",
        "lang",
        "max",
        "min",
        "name",
        "placeholder",
        "rel",
        "role",
        "rx",
        "stroke",
        "stroke-width",
        "text-anchor",
        "title",
        "type",
        "value",
        "viewBox",
        "width",
        "x",
        "x1",
        "x2",
        "xmlns",
        "y",
        "y1",
        "y2",
    )
)
_ATTRIBUTE_NAMES = frozenset(a.lower() for a in WRITTEN)
SCRIPTS: tuple[tuple[tuple[str, str | None], ...], ...] = (
    (("type", "application/json"), ("id", "timeline-data")),  # the page's data: JSON
    (),  # the app (browse.JS)
)
# The only schemes of the links the writer makes (links.is_web_url); any other (javascript:,
# data:, vbscript:) would run or hold what a click gives.
URL_SCHEMES = frozenset(("http", "https"))
# A URL's scheme as a browser reads it: ASCII whitespace and controls dropped, any case.
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_DROPPED = re.compile(r"[\x00-\x20]")


def tag_problem(tag: str, attrs: Sequence[tuple[str, str | None]]) -> str:
    """Why a start tag (as html.parser gives it: names in lower case, values unescaped) is
    none the page writer writes, or "". Scripts are counted by the caller (SCRIPTS)."""
    if tag not in ELEMENTS:
        return f"<{tag}>, an element the page writer never writes"
    for name, value in attrs:
        if name.startswith("on"):
            return f"<{tag} {name}=…>, an event-handler attribute"
        if name not in _ATTRIBUTE_NAMES and not name.startswith("data-"):
            return f"<{tag} {name}=…>, an attribute the page writer never writes"
        if name == "href" and value:
            scheme = _SCHEME.match(_URL_DROPPED.sub("", value))
            if scheme and scheme.group(1).lower() not in URL_SCHEMES:
                return f'<{tag} href="{scheme.group(1).lower()}:…">, a link the page writer never makes'
    return ""


def data_problem(data: str) -> str:
    """Why the text of the page's data script is not JSON, or ""."""
    try:
        json.loads(data)
    except ValueError as exc:
        return f"the data script (timeline-data) is not JSON: {exc}"
    return ""


# html.parser's whitespace inside a tag is \s; only the ASCII whitespace a tag name ends
# at (html.parser reads \v or a no-break space as part of the name) is in the subset.
_WS = r"[ \t\n\r\f]"
# Possessive (`*+`, `++`): each piece of a token is followed by a character it cannot
# hold, so giving characters back never makes a match; not trying is a fifth faster.
_NAME = r"[a-zA-Z][a-zA-Z0-9-]*+"
_ATTRIBUTES = rf"""(?:{_WS}++[a-zA-Z_:][-a-zA-Z0-9_:.]*+(?:="[^"]*+"|='[^']*+')?+)*+"""


# The attributes of the subset: the writer's names, and an href whose scheme is http(s) or
# none (no `:`; no `&`, which could spell one). Any other falls to html.parser.
def _trie(words: frozenset[str]) -> str:
    """A pattern of exactly `words` (none empty) as a trie: `re` tries a plain alternation's
    words one by one at each attribute, a trie's first letters once."""
    heads: dict[str, set[str]] = {}
    for w in words:
        heads.setdefault(w[0], set()).add(w[1:])
    branches = []
    for head, rests in sorted(heads.items()):
        if len(rests) == 1:
            branches.append(re.escape(head + rests.pop()))
            continue
        tail = _trie(frozenset(r for r in rests if r))
        branches.append(re.escape(head) + (f"{tail}?" if "" in rests else tail))
    return f"(?:{'|'.join(branches)})"


_WRITTEN_NAMES = _trie(WRITTEN - {"href"})
_WRITTEN_ATTRIBUTES = (
    rf"""(?:{_WS}++(?:(?:(?:{_WRITTEN_NAMES})|data-[a-z0-9-]++)(?![-a-zA-Z0-9_:.])(?:="[^"]*+"|='[^']*+')?+"""
    r"""|href="(?:[hH][tT][tT][pP][sS]?+://[^"]*+|[^":&]*+)"))*+"""
)
# SCRIPTS' attributes as the writer writes them.
_SCRIPT_ATTRIBUTES = tuple("".join(f' {n}="{v}"' for n, v in attrs) for attrs in SCRIPTS)
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
        [sS][cC][rR][iI][pP][tT](?P<script_attributes>{_ATTRIBUTES}){_WS}*+>(?P<script>(?s:.*?){_RAW_END["script"]})
      | [sS][tT][yY][lL][eE]{_WRITTEN_ATTRIBUTES}{_WS}*+>(?P<style>(?s:.*?){_RAW_END["style"]})
      | (?P<open>{_NAME}){_WRITTEN_ATTRIBUTES}{_WS}*+(?P<empty>/?)>
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
    """True when every element of `text` is closed, in order (void ones excepted), each
    tag is one the writer writes and the scripts are SCRIPTS, the first's text JSON; None
    when not, or `text` holds markup outside the subset: html.parser decides then.

    Its tokens are read by one `findall` (a loop of `find` and `match` in Python, a
    token at a time, cost ten times as much)."""
    stack: list[str] = []
    raw: list[str] = []  # the text of each script and style, with its end tag
    scripts: list[str] = []  # each script's attributes
    data = ""  # the first script's text
    push, pop = stack.append, stack.pop
    for script_attributes, script, style, name, empty, end, other in _TOKEN.findall(text):
        if name:
            name = name.lower()
            if name not in ELEMENTS:
                return None
            if name in _RAW_END:
                # A script or style whose end tag never comes, or `<script/>`: html.parser
                # reads no raw text after it, a browser does (and runs it).
                return None
            if empty:
                if name in VOID:
                    return None  # html.parser ends it too, which closes nothing open
            elif name not in VOID:
                push(name)
        elif end:
            if not stack or pop() != end.lower():
                return None
        elif script:
            raw.append(script)
            scripts.append(script_attributes)
            if len(scripts) == 1:
                data = script[: script.rindex("<")]  # its end tag holds the last `<`
        elif style:
            raw.append(style)
        elif not other:
            return None  # a `<` that starts none of the tokens above
    if stack or tuple(scripts) != _SCRIPT_ATTRIBUTES or data_problem(data):
        return None
    # A loose ampersand is left alone only in raw text (none of its lookahead's
    # characters is a `<`, so it reads the same within a raw text as within the page).
    loose = len(_LOOSE_AMPERSAND.findall(text))
    if loose and loose != sum(len(_LOOSE_AMPERSAND.findall(r)) for r in raw):
        return None
    return True
