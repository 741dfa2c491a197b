"""The arithmetic (tabular) Hijri calendar the core uses outside the Umm al-Qura table,
checked against ICU's islamic-civil calendar (the independent reference)."""

from __future__ import annotations

import datetime as dt
import os
from types import ModuleType

import pytest

from mctimeline import calendars

EPOCH = dt.date(1970, 1, 1)


@pytest.fixture(scope="module")
def civil() -> tuple[ModuleType, object]:
    try:
        import icu
    except ImportError as exc:  # pragma: no cover - CI has PyICU
        if os.environ.get("CI") == "true":
            pytest.fail(f"PyICU is not importable ({exc})")
        pytest.skip(f"PyICU is not importable ({exc})")
    cal = icu.Calendar.createInstance(icu.TimeZone.getGMT(), icu.Locale("en@calendar=islamic-civil"))
    assert cal.getType() == "islamic-civil"
    cal.setLenient(False)
    return icu, cal


def _icu_month(civil: tuple[ModuleType, object], year: int, month: int) -> tuple[dt.date, int]:
    icu, cal = civil
    f = icu.UCalendarDateFields
    cal.clear()  # type: ignore[attr-defined]
    cal.set(f.EXTENDED_YEAR, year)  # type: ignore[attr-defined]
    cal.set(f.MONTH, month - 1)  # type: ignore[attr-defined]
    cal.set(f.DATE, 1)  # type: ignore[attr-defined]
    first = EPOCH + dt.timedelta(days=int(cal.getTime() // 86400))  # type: ignore[attr-defined]
    return first, cal.getActualMaximum(f.DAY_OF_MONTH)  # type: ignore[attr-defined]


@pytest.mark.parametrize("years", [range(1, 61), range(1200, 1343), range(1501, 1561)])
def test_every_month_agrees_with_icu_islamic_civil(civil: tuple[ModuleType, object], years: range) -> None:
    for year in years:
        for month in range(1, 13):
            first, length = _icu_month(civil, year, month)
            s = calendars.tabular_hijri_span(year, month)
            assert (s.start, s.days) == (first, length), (year, month)


@pytest.mark.parametrize(
    ("written", "gregorian"),
    [
        ((1, 1, 1), dt.date(622, 7, 19)),  # the civil epoch: Friday 16 July 622 Julian
    ],
)
def test_days(written: tuple[int, int, int], gregorian: dt.date) -> None:
    s = calendars.tabular_hijri_span(*written)
    assert (s.start, s.end, s.precision) == (gregorian, gregorian, "day")


@pytest.mark.parametrize("written", [(1320, 7, 12), (1300, 1, 1), (1251, 12, 30), (1600, 9, 29)])
def test_days_agree_with_icu(civil: tuple[ModuleType, object], written: tuple[int, int, int]) -> None:
    first, _ = _icu_month(civil, written[0], written[1])
    s = calendars.tabular_hijri_span(*written)
    assert s.start == s.end == first + dt.timedelta(days=written[2] - 1)


def test_year_is_its_months() -> None:
    y = calendars.tabular_hijri_span(1320)
    assert y.start == calendars.tabular_hijri_span(1320, 1).start
    assert y.end == calendars.tabular_hijri_span(1320, 12).end
    assert y.days in (354, 355)


def test_errors() -> None:
    assert calendars.hijri_in_table(1400) and not calendars.hijri_in_table(1320)
    with pytest.raises(calendars.InvalidDate):
        calendars.tabular_hijri_span(1320, 2, 30)  # Safar has 29 days
    with pytest.raises(calendars.InvalidDate):
        calendars.tabular_hijri_span(1320, 13)
    with pytest.raises(calendars.OutOfRange):
        calendars.tabular_hijri_span(0)
