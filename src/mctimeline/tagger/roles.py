"""A mention's role: whether its words say since, until, by, or a forecast (data/roles.toml).

«منذ عام 1995» is the start of something still going on, «تا پایان ۱۴۰۴» its end,
«بحلول عام 2030» a deadline, «تتوقع … في 2027» a forecast: events can use the role to tell
a time that happened from one announced. Empty when the words say none of these.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from mctimeline.normalize import fold, key, tokens
from mctimeline.tagger.tokens import _SENTENCE_END

if TYPE_CHECKING:
    from mctimeline.tagger.scan import _Scanner

ROLES = ("since", "until", "by", "forecast")
_FORECAST_REACH = 12  # tokens back in the sentence a forecast word governs


class _Words(NamedTuple):
    """One language's role words, keyed as the scanner's tokens join (`normalize.key`)."""

    before: dict[str, str]  # words right before a mention -> its role
    after: dict[str, str]  # words right after it -> its role
    forecast: frozenset[str]
    forecast_heads: frozenset[str]  # the first token of each forecast phrase of two tokens
    before_tails: frozenset[str]  # every ending of a `before` key: a join no key ends with grows into none
    after_heads: frozenset[str]  # every beginning of an `after` key, likewise


@cache
def _words(lang: str) -> _Words:
    """The role words of `lang` and English (a later role wins a form two roles share: by over
    since over until, the narrower over the wider)."""
    data = tomllib.loads(resources.files("mctimeline").joinpath("data/roles.toml").read_text("utf-8"))
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for role in ("until", "since", "by"):
        for place, table in (("before", before), ("after", after)):
            for lg, forms in data[role].get(place, {}).items():
                if lg in (lang, "en"):
                    table.update((key(f), role) for f in forms)
    by_lang = data["forecast"]["words"]
    forecast = {key(f) for lg, forms in by_lang.items() if lg in (lang, "en") for f in forms}
    # «وتتوقع», «فيتوقع»: a clitic conjunction glued to the verb
    forecast |= {c + f for f in forecast for c in "وف" if not f.isascii()}
    heads = set()
    for lg, forms in by_lang.items():
        if lg in (lang, "en"):
            for f in forms:
                text = fold(f)
                spans = tokens(text)
                if len(spans) == 2:
                    heads.add(key(text[spans[0][0] : spans[0][1]]))
    tails = frozenset(k[n:] for k in before for n in range(len(k)))
    starts = frozenset(k[:n] for k in after for n in range(1, len(k) + 1))
    return _Words(before, after, frozenset(forecast), frozenset(heads), tails, starts)


def role_of(s: _Scanner, first: int, last: int) -> str:
    """The role of the mention on tokens first..last-1 (see the module docstring), or ""."""
    words = _words(s.lang)
    toks = s.toks
    # the longest run of up to three tokens right before it, then of up to four right after it
    # (a join that no key ends, or begins, with cannot grow into one: most stop at one token)
    joined, found = "", ""
    for k in range(first - 1, max(first - 4, -1), -1):
        joined = toks[k] + joined
        if joined not in words.before_tails:
            break
        found = words.before.get(joined, found)
    if found:
        return found
    joined = ""
    for k in range(last, min(last + 4, len(toks))):
        joined += toks[k]
        if joined not in words.after_heads:
            break
        found = words.after.get(joined, found)
    if found:
        return found
    return "forecast" if _forecast_before(s, words, first) else ""


def _forecast_before(s: _Scanner, words: _Words, first: int) -> bool:
    """Whether a forecast word (one token or two) stands within `_FORECAST_REACH` tokens before
    token `first`, in its sentence: a look back over those tokens alone, stopped by a sentence end
    (a table of the whole text's forecast words and sentence ends cost more, made per text)."""
    toks = s.toks
    forecast, heads = words.forecast, words.forecast_heads
    n = len(toks)
    for k in range(first - 1, max(first - 1 - _FORECAST_REACH, -1), -1):
        t = toks[k]
        if t in _SENTENCE_END:
            return False
        if t in forecast or (t in heads and k + 1 < n and t + toks[k + 1] in forecast):
            return True
    return False
