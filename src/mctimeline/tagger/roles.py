"""A mention's role: whether its words say since, until, by, or a forecast (data/roles.toml).

«منذ عام 1995» is the start of something still going on, «تا پایان ۱۴۰۴» its end,
«بحلول عام 2030» a deadline, «تتوقع … في 2027» a forecast: events can use the role to tell
a time that happened from one announced. Empty when the words say none of these.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from mctimeline.normalize import key
from mctimeline.tagger.tokens import _SENTENCE_END

if TYPE_CHECKING:
    from mctimeline.tagger.scan import _Scanner

ROLES = ("since", "until", "by", "forecast")
_FORECAST_REACH = 12  # tokens back in the sentence a forecast word governs


@cache
def _words(lang: str) -> dict[str, dict[str, frozenset[str]]]:
    """role -> place (before, after, words) -> the keyed forms of `lang` and English."""
    data = tomllib.loads(resources.files("mctimeline").joinpath("data/roles.toml").read_text("utf-8"))
    out: dict[str, dict[str, frozenset[str]]] = {}
    for role, places in data.items():
        out[role] = {
            place: frozenset(key(f) for lg, forms in by_lang.items() if lg in (lang, "en") for f in forms)
            for place, by_lang in places.items()
        }
    return out


def _joined(toks: list[str], i: int, j: int) -> str:
    return "".join(toks[max(i, 0) : j])


def role_of(s: _Scanner, first: int, last: int) -> str:
    """The role of the mention on tokens first..last-1 (see the module docstring), or ""."""
    words = _words(s.lang)
    toks = s.toks
    # The longest run of up to three tokens right before it, then right after it.
    for role in ("by", "since", "until"):
        before = words[role].get("before", frozenset())
        if any(_joined(toks, first - k, first) in before for k in (3, 2, 1) if first - k >= 0):
            return role
        after = words[role].get("after", frozenset())
        if after and any(_joined(toks, last, last + k) in after for k in (1, 2, 3, 4)):
            return role
    forecast = words["forecast"]["words"]
    k = first - 1
    while k >= 0 and first - k <= _FORECAST_REACH and toks[k] not in _SENTENCE_END:
        t = toks[k]
        # «وتتوقع», «فيتوقع»: a clitic conjunction glued to the verb
        glued = len(t) > 3 and t[0] in "وف" and t[1:] in forecast
        if t in forecast or glued or _joined(toks, k, k + 2) in forecast:
            return "forecast"
        k -= 1
    return ""
