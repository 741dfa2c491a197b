"""Text cells of a table made to be opened in a spreadsheet: never a formula, never raw markup.

A spreadsheet (Excel, LibreOffice Calc, Google Sheets) runs a cell that begins with
= + - @, a tab or a carriage return as a formula (OWASP: CSV injection), so a headline
«=HYPERLINK("http://…")» copied from a source would become a live link, or worse.
OWASP's rule is that no cell begins with one of these characters. The usual way to keep
to it, a leading apostrophe, does not fit timelinejs.csv: TimelineJS reads the published
sheet's CSV and shows the apostrophe on the slide. Every text column TimelineJS reads is
HTML to it (Headline and Text as markup, Display Date and Group through an HTML parser
that keeps the text), so such a cell begins instead with the HTML numeric character
reference of its first character: «&#61;HYPERLINK(…)» is text to a spreadsheet and
«=HYPERLINK(…)» on the slide.

The Frictionless tables are not made this way: they keep the source's words exactly
(see the README, "Spreadsheets").
"""

from __future__ import annotations

import html
import re

# OWASP's list: the characters a spreadsheet takes as the start of a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")


def neutral(cell: str) -> str:
    """`cell` with a formula's first character written as its HTML character reference."""
    if cell[:1] in FORMULA_STARTS:
        return f"&#{ord(cell[0])};{cell[1:]}"
    return cell


def html_text(text: str) -> str:
    """Plain text as an HTML text cell: & < > escaped (no markup survives), then `neutral`.

    Quotes are kept as they are: the cell is element content, never an attribute.
    """
    return neutral(html.escape(text, quote=False))


def formula_problem(cell: str) -> str | None:
    """Why a spreadsheet would run `cell` as a formula; None when it would not."""
    if cell[:1] in FORMULA_STARTS:
        return f"begins with {cell[0]!r}: a spreadsheet runs it as a formula"
    return None


_MARKUP = re.compile(r"[<>]")


def html_text_problem(cell: str) -> str | None:
    """Why `cell` is not what `html_text` makes of some text (raw markup, a formula); None when it is."""
    if (problem := formula_problem(cell)) is not None:
        return problem
    if html_text(html.unescape(cell)) != cell:
        what = "raw markup" if _MARKUP.search(cell) else "text not escaped as html_text escapes it"
        return f"carries {what}: TimelineJS renders it as HTML"
    return None
