"""events.scope: a sentence's words read without the regular expression's pass over each character."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mctimeline.events.scope import _words_of
from mctimeline.gazetteer import FoldedText

_WORD = re.compile(r"\w+")  # the definition: what `_words_of` stands for
# Letters of three scripts, digits of three (Persian, Arabic-Indic, ASCII), the underscore (\w but
# not str.isalnum), a combining mark and a ZWNJ (neither), punctuation glued to words.
_ALPHABET = "abcZ019_ سلامالمؤتمر۱۲٣٤\u064b\u200c،,.()«»-:؛\t\n\u00a0²½"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_a_texts_words_are_its_runs_of_word_characters(text: str) -> None:
    assert _words_of(text) == _WORD.findall(text)


def test_the_words_of_every_folded_line_of_the_seeds_are_its_runs_of_word_characters() -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text("utf-8")
        folded = FoldedText.of(text)
        start = 0
        for line in text.splitlines(keepends=True):
            piece = folded.slice(start, start + len(line))
            assert _words_of(piece) == _WORD.findall(piece), (path.name, start)
            start += len(line)
