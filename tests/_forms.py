"""Helpers of the tests of the tagger's long tail of forms (test_tagger_numeric, _mixed,
_periods): expected days come from `datetime` and ICU, never from the tagger."""

from __future__ import annotations

import datetime as dt
import os
from types import ModuleType

import pytest

from mctimeline.mentions import Mention
from mctimeline.tagger import tag

EPOCH = dt.date(1970, 1, 1)


def dated(text: str, lang: str) -> list[Mention]:
    return [m for m in tag(text, lang) if m.calendar != "relative"]


@pytest.fixture(scope="module")
def icu() -> ModuleType:
    try:
        import icu as module
    except ImportError as exc:  # pragma: no cover - CI has PyICU
        if os.environ.get("CI") == "true":
            pytest.fail(f"PyICU is not importable ({exc})")
        pytest.skip(f"PyICU is not importable ({exc})")
    return module


def icu_day(icu: ModuleType, kind: str, year: int, month: int, day: int) -> dt.date:
    cal = icu.Calendar.createInstance(icu.TimeZone.getGMT(), icu.Locale(f"en@calendar={kind}"))
    assert cal.getType() == kind
    cal.setLenient(False)
    f = icu.UCalendarDateFields
    cal.clear()
    cal.set(f.EXTENDED_YEAR, year)
    cal.set(f.MONTH, month - 1)
    cal.set(f.DATE, day)
    return EPOCH + dt.timedelta(days=int(cal.getTime() // 86400))


def icu_month(icu: ModuleType, kind: str, year: int, month: int) -> tuple[str, str]:
    first = icu_day(icu, kind, year, month, 1)
    nxt = icu_day(icu, kind, year + month // 12, month % 12 + 1, 1)
    return first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat()


def jalali_months(icu: ModuleType, year: int, m1: int, year2: int, m2: int) -> tuple[str, str]:
    first = icu_day(icu, "persian", year, m1, 1)
    after = icu_day(icu, "persian", year2 + m2 // 12, m2 % 12 + 1, 1)
    return first.isoformat(), (after - dt.timedelta(days=1)).isoformat()


def gregorian_days(first: tuple[int, int, int], last: tuple[int, int, int]) -> tuple[str, str]:
    return dt.date(*first).isoformat(), dt.date(*last).isoformat()


def assert_one_day(
    icu: ModuleType, text: str, lang: str, words: str, kind: str, written: tuple[int, int, int]
) -> Mention:
    """`text` holds one dated mention, `words`, the day `written` in ICU's calendar `kind`, read `ok`."""
    (m,) = dated(text, lang)
    day = dt.date(*written) if kind == "gregorian" else icu_day(icu, kind, *written)
    assert (m.text, m.start_date, m.end_date, m.precision, m.status) == (
        words,
        day.isoformat(),
        day.isoformat(),
        "day",
        "ok",
    )
    return m
