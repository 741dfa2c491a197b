"""validate.tags tells a balanced page fast only where html.parser would find it balanced: on
the pages a build writes, and on broken or unusual copies of them, the two never disagree."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import pytest

from _builder_samples import sample_timeline
from mctimeline.validate import tags, views

GOOD_PAGE = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>t</title>\n'
    "<style>a>b{}</style>\n</head>\n<body>\n"
    "<!-- a comment -> here -->\n"
    "<p class='x' dir=\"auto\">نشست &amp; <bdi>۱۲ مهر ۱۴۰۳</bdi> &#1234; &#x1F;</p>\n"
    '<svg><rect x="1"/></svg>\n<INPUT type="date">\n'
    '<script type="application/json" id="timeline-data">{"a":"\\u003c"}</script>\n'
    "<script>if (1 < 2 && 3) {}</script>\n</body>\n</html>\n"
)


def _html_parser(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """html.parser's verdict alone (the fast path turned off)."""
    with monkeypatch.context() as m:
        m.setattr(tags, "balanced", lambda text: None)
        return views._html_check(text)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    from mctimeline import page
    from mctimeline.builder import write_timeline

    out = tmp_path_factory.mktemp("pkg") / "datapackage"
    with pytest.MonkeyPatch.context() as m:
        m.setattr(page, "write_pages", functools.partial(page.write_pages, page_size=2))
        write_timeline(sample_timeline(), out)
    return [p.read_text("utf-8") for p in sorted(out.glob("*.html"))]


def test_the_pages_a_build_writes_take_the_fast_path(
    written: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert written
    for text in [*written, GOOD_PAGE]:
        assert tags.balanced(text) is True
        assert _html_parser(text, monkeypatch) == ("", "")


# Edits of a page at its n-th match of a pattern: each breaks it, or leaves it in markup
# html.parser reads otherwise than plain tags, or is harmless.
_EDITS: list[tuple[str, str, Callable[[re.Match[str]], str]]] = [
    ("an end tag removed", r"</[a-z0-9]+>", lambda m: ""),
    ("a start tag removed", r"<(?!/|!)[a-z0-9]+[^>]*>", lambda m: ""),
    ("an end tag renamed", r"</([a-z0-9]+)>", lambda m: "</span>"),
    ("an end tag in capitals", r"</[a-z0-9]+>", lambda m: m.group().upper()),
    ("a void element closed", r"<meta[^>]*>", lambda m: m.group()[:-1] + "/>"),
    ("a void end tag", r"</p>", lambda m: "</br></p>"),
    ("an empty element", r"<bdi>", lambda m: "<bdi/><bdi>"),
    ("a loose <", r"</bdi>", lambda m: "a < b" + m.group()),
    ("a bare <", r"</bdi>", lambda m: "<" + m.group()),
    ("a broken reference", r"</bdi>", lambda m: "&#;" + m.group()),
    ("a hex reference cut", r"</bdi>", lambda m: "&#xg" + m.group()),
    ("an unended reference", r"</bdi>", lambda m: "&amp" + m.group()),
    # html.parser reads the rest of the page as text from there (no «;» after it).
    ("a hex reference cut, late", r"</body>", lambda m: "<p>&#xg</p>" + m.group()),
    ("a reference cut at the end", r"</html>\n", lambda m: m.group() + "&#"),
    ("a vertical tab in a tag", r"<bdi", lambda m: "<bdi\x0b"),
    ("an unquoted attribute", r'class="', lambda m: "data-x=1 " + m.group()),
    ("a spaced attribute", r'class="', lambda m: 'data-x = "1" ' + m.group()),
    ("-- inside a comment", r"<!--", lambda m: "<!-- -- x -->"),
    ("a comment left open", r"</body>", lambda m: "<!-- " + m.group()),
    ("a script left open", r"</script>", lambda m: ""),
    ("a style end in another case", r"</style>", lambda m: "</STYLE >"),
    ("a processing instruction", r"<body>", lambda m: m.group() + "<?x y?>"),
    ("a CDATA section", r"<body>", lambda m: m.group() + "<![CDATA[<p>]]>"),
    ("a bogus end tag", r"</bdi>", lambda m: "</ bdi>" + m.group()),
    ("an end tag with junk", r"</p>", lambda m: '</p x=">">'),
    # Raw text, read with its start tag in one token (validate.tags._TOKEN).
    ("markup inside a script", r"</script>", lambda m: "<p></div>a < b &x" + m.group()),
    ("a loose ampersand in a script's attribute", r"<script", lambda m: m.group() + ' data-x="&"'),
    ("a loose ampersand beside a script", r"<script", lambda m: "& " + m.group()),
    ("a script end in a comment first", r"<script", lambda m: "<!-- </script> -->" + m.group()),
    ("a script start in a comment", r"<body>", lambda m: m.group() + "<!-- <script> -->"),
    ("an empty script", r"<body>", lambda m: m.group() + "<script/>"),
    ("a script with nothing in it", r"<body>", lambda m: m.group() + "<SCRIPT></script >"),
    ("a long s in a script's name", r"<body>", lambda m: m.group() + "<\u017fcript>&</\u017fcript>"),
    ("a script end with a long s", r"</script>", lambda m: "</\u017fcript>"),
    ("a long s before a script's end", r"</script>", lambda m: "</\u017fcript>" + m.group()),
    ("a name that begins with script", r"<body>", lambda m: m.group() + "<script-x><p></script-x>"),
]
# Markup the writer never writes (tags.tag_problem, SCRIPTS): html.parser tells each.
_HOSTILE_EDITS: list[tuple[str, str, Callable[[re.Match[str]], str]]] = [
    ("an event handler", r"<(p|li|span|a) ", lambda m: m.group() + 'onclick="x" '),
    ("a javascript link", r'href="', lambda m: m.group() + "javascript:"),
    ("a scheme spelt by a reference", r'href="', lambda m: m.group() + "javascript&#58;"),
    ("a scheme after a space", r'href="', lambda m: m.group() + " data:"),
    ("an iframe", r"<p>", lambda m: m.group() + "<iframe></iframe>"),
    ("a third script", r"</body>", lambda m: "<script></script>" + m.group()),
    ("a script's attribute changed", r'id="timeline-data"', lambda m: 'id="timeline-x"'),
    ("the data not JSON", r'"timeline-data">', lambda m: m.group() + "{"),
]
_HOSTILE = {what for what, _, _ in _HOSTILE_EDITS}
_EDITS += _HOSTILE_EDITS


@pytest.mark.parametrize(("what", "pattern", "edit"), _EDITS, ids=[e[0] for e in _EDITS])
def test_fast_never_says_balanced_where_html_parser_does_not(
    written: list[str],
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    pattern: str,
    edit: Callable[[re.Match[str]], str],
) -> None:
    edited = 0
    for text in [GOOD_PAGE, *written[:2]]:
        found = list(re.finditer(pattern, text))
        for m in found[:: max(1, len(found) // 7)]:  # a few places in each page
            copy = text[: m.start()] + edit(m) + text[m.end() :]
            fast, slow = tags.balanced(copy), _html_parser(copy, monkeypatch)
            assert fast in (True, None)
            if what in _HOSTILE:
                assert fast is None and slow[1], (what, copy[max(0, m.start() - 80) : m.start() + 80])
            if fast:
                assert slow == ("", ""), (what, copy[max(0, m.start() - 80) : m.start() + 80])
            edited += 1
    assert edited


def test_a_broken_page_is_worded_by_html_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = GOOD_PAGE.replace("</bdi>", "", 1)
    assert tags.balanced(broken) is None
    assert views._html_check(broken) == _html_parser(broken, monkeypatch) != ("", "")


def test_the_forbidden_characters_are_found_in_bytes_exactly_as_in_text() -> None:
    from mctimeline.safetext import FORBIDDEN_IN_MARKUP

    differ = [
        cp
        for cp in range(0x110000)
        if not 0xD800 <= cp <= 0xDFFF  # no UTF-8
        and bool(FORBIDDEN_IN_MARKUP.search(chr(cp))) != views._forbidden_in(f"a\u00b7{chr(cp)}b".encode())
    ]
    assert differ == []


def test_the_allow_lists_are_the_page_writers_markup() -> None:
    """ELEMENTS and WRITTEN are exactly the elements and attributes the writer's strings
    spell (page/, browse.py, plot/): one it starts writing must be added there, or every
    page it writes fails validation; one it stops writing is taken out."""
    import ast
    from pathlib import Path

    import mctimeline

    src = Path(mctimeline.__file__).parent
    elements, attributes = set(), set()
    writers = [*sorted((src / "page").glob("*.py")), src / "browse.py", *sorted((src / "plot").glob("*.py"))]
    for path in writers:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value.startswith("<?xml"):
                    continue  # the standalone SVG's declaration: no element
                elements |= {m.lower() for m in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s>/])", node.value)}
                attributes |= set(re.findall(r"""[\s"]([a-zA-Z][-a-zA-Z0-9]*)=["\\]""", node.value))
    assert elements == tags.ELEMENTS
    assert {a for a in attributes if not a.startswith("data-")} == tags.WRITTEN
