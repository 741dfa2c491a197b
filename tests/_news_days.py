"""The publication days the tagger's news-report tests count from, and the mentions read against them."""

from __future__ import annotations

import datetime as dt
from types import ModuleType

from _forms import icu_day, icu_month
from mctimeline.mentions import Mention
from mctimeline.tagger import tag

PUB = dt.date(2025, 3, 12)  # a Wednesday; 22 Esfand 1403, 12 Ramadan 1446
MID_JANUARY = dt.date(2025, 1, 14)  # a Tuesday; 25 Dey 1403
LAST_MONDAY = PUB - dt.timedelta(days=2)


def only(text: str, lang: str, published: dt.date = PUB) -> Mention:
    """The one mention `text` holds, dated from `published`."""
    (m,) = tag(text, lang, published=published)
    return m


def day_bounds(first: dt.date, last: dt.date) -> tuple[str, str]:
    return first.isoformat(), last.isoformat()


def gregorian_month(year: int, month: int) -> tuple[str, str]:
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1).isoformat(), (after - dt.timedelta(days=1)).isoformat()


def jalali_year(icu: ModuleType, year: int) -> tuple[str, str]:
    return icu_day(icu, "persian", year, 1, 1).isoformat(), icu_month(icu, "persian", year, 12)[1]
