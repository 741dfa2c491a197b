"""Spreadsheet-safe text cells: no formula, no raw markup, the same text to an HTML reader."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mctimeline.sheetcells import FORMULA_STARTS, formula_problem, html_text, html_text_problem, neutral

# OWASP, "CSV Injection": the characters a cell must not begin with.
OWASP_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_the_formula_starts_are_owasps() -> None:
    assert frozenset(OWASP_STARTS) == FORMULA_STARTS


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # The decimal code points (HTML numeric character references): = is U+003D (61),
        # + U+002B (43), - U+002D (45), @ U+0040 (64), TAB U+0009, CR U+000D.
        ('=HYPERLINK("http://khabar-fori/fa/1404")', '&#61;HYPERLINK("http://khabar-fori/fa/1404")'),
        ("+۹۸ ۲۱ ۸۸۰۰ ۰۰۰۰ شمارهٔ تماس", "&#43;۹۸ ۲۱ ۸۸۰۰ ۰۰۰۰ شمارهٔ تماس"),
        ("-۵ درصد رشد", "&#45;۵ درصد رشد"),
        ("@IRNA_fa گزارش داد", "&#64;IRNA_fa گزارش داد"),
        ("\tcmd", "&#9;cmd"),
        ("\rcmd", "&#13;cmd"),
        ("نشست ۲۷ مه ۲۰۲۵ = آغاز", "نشست ۲۷ مه ۲۰۲۵ = آغاز"),  # not at the start: no formula
        ("", ""),
        ("'=already quoted", "'=already quoted"),
    ],
)
def test_neutral_writes_a_formulas_first_character_as_a_reference(cell: str, expected: str) -> None:
    assert neutral(cell) == expected
    assert formula_problem(neutral(cell)) is None
    assert html.unescape(neutral(cell)) == cell  # what an HTML reader (TimelineJS) shows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<img src=x onerror=alert(1)> همایش امنیت", "&lt;img src=x onerror=alert(1)&gt; همایش امنیت"),
        ('=HYPERLINK("http://x/y") نشست', '&#61;HYPERLINK("http://x/y") نشست'),
        ("R&D <b>", "R&amp;D &lt;b&gt;"),
        ("&#61;x", "&amp;#61;x"),  # a reference in the source is the source's text, shown as written
    ],
)
def test_html_text_escapes_markup_and_neutralises(text: str, expected: str) -> None:
    assert html_text(text) == expected
    assert html_text_problem(expected) is None


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ("<img src=x onerror=alert(1)>", "raw markup"),
        ("مجمع <b>امنیتی</b>", "raw markup"),
        ("R&D", "not escaped"),  # a bare & is not what html_text writes
        ("&#60;script&#62;", "not escaped"),  # markup spelt in references
        ("=SUM(1)", "formula"),
        ("@cmd", "formula"),
    ],
)
def test_html_text_problem_finds_what_html_text_never_writes(cell: str, why: str) -> None:
    problem = html_text_problem(cell)
    assert problem is not None and why in problem


@given(st.text())
def test_html_text_is_safe_and_shows_the_text(text: str) -> None:
    cell = html_text(text)
    assert cell[:1] not in FORMULA_STARTS
    assert "<" not in cell and ">" not in cell
    assert html.unescape(cell) == text
    assert html_text_problem(cell) is None
