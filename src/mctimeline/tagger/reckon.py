"""Counting from a reference day: the days, weeks, months and years relative words name.

Pure arithmetic over `datetime` and the core (`mctimeline.calendars`): a month or a
year is the one of the text's own calendar (Persian texts count Jalali months and
years, «امسال» is this Jalali year; Arabic and English texts Gregorian ones), and a
week begins on Saturday in Persian and Arabic texts, on Monday in English ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from mctimeline import calendars
from mctimeline.names import month_name, weekday_name
from mctimeline.tagger.relative import Reckoning, text_calendar
from mctimeline.tagger.years import year_near

_DAY_WORDS = {
    0: "today",
    1: "tomorrow",
    -1: "yesterday",
    2: "the day after tomorrow",
    -2: "the day before yesterday",
}
_FEW = 10  # days: the farthest «a few days» reaches, for its bounds
_PART_WORDS = {1: "early in", 5: "in the middle of", 9: "late in"}  # a part's first month
# The first of a weekend's two days (0 Monday): Saturday in English, Friday in Arabic (most
# Arab states), Thursday in Persian (Iran's Thursday-Friday).
_WEEKEND_START = {"en": 5, "ar": 4, "fa": 3}
_SATURDAY = 5
_MONDAY = 0

Reckoned = tuple[dt.date, dt.date, str, str]  # first day, last day, precision, what it is (for the note)


def _month_add(cal: str, year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _span(cal: str, year: int, month: int | None = None, day: int | None = None) -> tuple[dt.date, dt.date]:
    s = calendars.span(cal, year, month, day)  # type: ignore[arg-type]
    return s.start, s.end


def _ago(n: int, unit: str) -> str:
    if n == 0:
        return f"this {unit}"
    many = f"{abs(n)} {unit}{'s' if abs(n) != 1 else ''}"
    return f"{many} before" if n < 0 else f"{many} after"


def _which_year(n: int) -> str:
    return {0: "this year", -1: "last year", 1: "next year"}.get(n) or _ago(n, "year")


def reckon(spec: Reckoning, ref: dt.date, lang: str) -> Reckoned | None:
    """The days `spec` names, counted from `ref`; None when the core cannot name them."""
    try:
        return _reckon(spec, ref, lang)
    except (calendars.CalendarError, OverflowError, ValueError):
        return None


def _reckon(spec: Reckoning, ref: dt.date, lang: str) -> Reckoned | None:
    kind, n = spec.kind, spec.n
    if spec.about and n and kind in _UNITS_OF:
        return _about(spec, ref, lang)
    if spec.eve:
        return _eve(spec, ref, lang)
    if spec.side and kind == "period":
        return _side_of(spec, ref, lang)
    if kind == "stretch":
        return _stretch(spec, ref)
    if kind == "days":
        d = ref + dt.timedelta(days=n)
        word = _DAY_WORDS.get(n) if spec.anchor == "reference" else None
        return d, d, "day", word or _ago(n, "day")
    if kind == "weeks":
        d = ref + dt.timedelta(days=7 * n)
        return d, d, "day", _ago(n, "week")
    if kind == "few_days":
        # «قبل أيام», "in the coming days": no one day; the days such words can mean, said so
        if n < 0:
            near, far, way = ref - dt.timedelta(days=_FEW), ref - dt.timedelta(days=1), "before"
        else:
            near, far, way = ref + dt.timedelta(days=1), ref + dt.timedelta(days=_FEW), "after"
        return near, far, "day", f"approximate: a few days {way}, no one day (bounds: 1 to {_FEW} days {way})"
    if kind == "weekend":
        first_day = _WEEKEND_START.get(lang, _WEEKEND_START["en"])
        back = (ref.weekday() - first_day) % 7  # days since the latest weekend began
        start = ref - dt.timedelta(days=back)
        # n -1 "last weekend", 0 "over the weekend" (a report looks back): the latest, which is
        # the one under way on a weekend day; 2 (a verb of the future): the one under way, else
        # the coming one; 1 "next weekend": the coming one.
        if n == 1 or (n == 2 and back > 1):
            start += dt.timedelta(days=7)
        what = {-1: "the last", 0: "the latest", 1: "the next", 2: "the coming"}[n] + " weekend"
        days = f"{weekday_name(first_day)} to {weekday_name((first_day + 1) % 7)}"
        note = f"approximate: {what} ({days}, as news in this language mostly keeps it)"
        return start, start + dt.timedelta(days=1), "day", note
    if kind == "weekday_of_week":  # "this Sunday", «الخميس من الأسبوع الماضي»: of the week n away
        assert spec.weekday is not None
        start_day = _SATURDAY if lang in ("fa", "ar") else _MONDAY
        first = ref - dt.timedelta(days=(ref.weekday() - start_day) % 7) + dt.timedelta(days=7 * n)
        d = first + dt.timedelta(days=(spec.weekday - start_day) % 7)
        which = {0: "this week", -1: "last week", 1: "next week"}.get(n) or _ago(n, "week")
        what = f"the {weekday_name(spec.weekday)} of {which} (weeks from {weekday_name(start_day)})"
        return d, d, "day", what
    if kind == "weekday" and spec.weekday2 is not None:
        return _two_weekdays(spec, ref)
    if kind == "weekday":
        assert spec.weekday is not None
        back = (ref.weekday() - spec.weekday) % 7
        if spec.direction > 0 and spec.today:
            d = ref + dt.timedelta(days=(spec.weekday - ref.weekday()) % 7)
            how = "the coming {} (the tense looks ahead), on or after"
        elif spec.direction > 0:
            d = ref + dt.timedelta(days=(spec.weekday - ref.weekday() - 1) % 7 + 1)
            how = "the coming {}"
        elif spec.direction < 0:
            d = ref - dt.timedelta(days=back or 7)
            how = "the last {} before"
        else:
            d = ref - dt.timedelta(days=back)
            how = "the latest {} (a report looks back), on or before"
        return d, d, "day", how.format(weekday_name(spec.weekday))
    cal = spec.system or text_calendar(lang)
    here = calendars.from_gregorian(ref, cal)  # type: ignore[arg-type]
    if kind == "period":
        unit = spec.calendar  # week, month or year
        if unit == "week":
            start_day = _SATURDAY if lang in ("fa", "ar") else _MONDAY
            first = ref - dt.timedelta(days=(ref.weekday() - start_day) % 7) + dt.timedelta(days=7 * n)
            what = f"{_ago(n, 'week')} (weeks from {weekday_name(start_day)})"
            return first, first + dt.timedelta(days=6), "day", what
        if unit == "month":
            y, m = _month_add(cal, here.year, here.month, n)
            a, b = _span(cal, y, m)
            what = f"{_ago(n, 'month')} ({month_name(cal, m)} {y})"
            if spec.part:  # «نهاية الشهر الماضي»: the month, and that the words give no days
                what = f"{what}; {_PART_WORDS[spec.part]} the month: the words do not say which days"
            return a, b, "month", what
        a, b = _span(cal, here.year + n, None)
        return a, b, "year", f"{_ago(n, 'year')} ({cal} {here.year + n})"
    if kind in ("months", "years"):
        if kind == "months":
            y, m = _month_add(cal, here.year, here.month, n)
            a, b = _span(cal, y, m)
            return a, b, "month", f"{_ago(n, 'month')} ({month_name(cal, m)} {y})"
        a, b = _span(cal, here.year + n)
        return a, b, "year", f"{_ago(n, 'year')} ({cal} {here.year + n})"
    if kind == "day_of_month":
        y, m = _month_add(cal, here.year, here.month, n)
        a, b = _span(cal, y, m, spec.day)
        return a, b, "day", f"day {spec.day} of {month_name(cal, m)} {y}, {_ago(n, 'month')}"
    if kind == "months_of_year":  # «أواخر العام الماضي», «الربع الأول من العام الجاري»
        named = here.year + n
        a, b = _span(cal, named, spec.month)[0], _span(cal, named, spec.month2)[1]
        months = f"{month_name(cal, spec.month)} to {month_name(cal, spec.month2)}"
        return a, b, "part-of-year", f"{months} of {_which_year(n)} ({cal} {named})"
    if kind == "month_of_year":
        named, _ = month_of_year_years(spec, ref, lang)
        a, b = _days_in(spec, named)
        counted = spec.system or text_calendar(lang)
        what = f"in {_which_year(n)} ({spec.calendar} {named})"
        if counted != spec.calendar:  # «رمضان من العام الماضي»: the year is the text's
            target = calendars.from_gregorian(ref, counted).year + n  # type: ignore[arg-type]
            what = (
                f"in {_which_year(n)} ({counted} {target}), in which "
                f"{month_name(spec.calendar, spec.month)} {spec.calendar} {named} begins"
            )
        return a, b, "day" if spec.day else "month", what
    if kind in ("month", "yearless"):
        year = year_near(spec.calendar, spec.month, spec.day, ref, spec.direction)
        if year is None:
            return None
        year += spec.n  # «سبتمبر قبل الماضي»: n -1, the one before the last
        a, b = _days_in(spec, year)
        way = {-1: "the last one before", 1: "the first one after", 0: "the one nearest"}[spec.direction]
        if spec.n:
            way = f"{way}, then {-spec.n} year{'s' if spec.n < -1 else ''} further back (before the last)"
        what = f"no year written; inferred {year} ({spec.calendar}), {way}"
        return a, b, "day" if spec.day else "month", what
    return None


def _eve(spec: Reckoning, ref: dt.date, lang: str) -> Reckoned | None:
    """«ليلة السبت», «شب شنبه»: the night that leads to the weekday, which Arabic and Persian name
    after it (Friday evening into Saturday); some reports mean the weekday's own evening, so the
    two days, the note saying why."""
    got = _reckon(replace(spec, eve=False), ref, lang)
    if got is None:
        return None
    day, _, _, what = got
    before = day - dt.timedelta(days=1)
    night = f"the night before {weekday_name(day.weekday())}, {weekday_name(before.weekday())} evening"
    return before, day, "day", f"approximate: {night} into it (or that day's own evening); {what}"


def _side_of(spec: Reckoning, ref: dt.date, lang: str) -> Reckoned | None:
    """"earlier this month", «في وقت لاحق من هذا العام»: the days of the period on one side of the
    reference day (the day itself when the period has none there)."""
    got = _reckon(replace(spec, side=0), ref, lang)
    if got is None:
        return None
    a, b, _, what = got
    if spec.side < 0:
        first, last, side = a, max(a, ref - dt.timedelta(days=1)), "before"
    else:
        first, last, side = min(b, ref + dt.timedelta(days=1)), b, "after"
    return first, last, "day", f"{what}, its days {side} the reference day: the words give no one day"


def _stretch(spec: Reckoning, ref: dt.date) -> Reckoned:
    """«دو هفته گذشته», "the next three months": the n units up to (n < 0) or from the reference
    day, counted on the Gregorian days (a month back from 31 March is the last day of February)."""
    n, unit = spec.n, spec.calendar
    if unit in ("day", "week"):
        far = ref + dt.timedelta(days=n * (7 if unit == "week" else 1))
    else:
        y, m = _month_add("gregorian", ref.year, ref.month, n * (12 if unit == "year" else 1))
        last = calendars.span("gregorian", y, m).end.day
        far = dt.date(y, m, min(ref.day, last))
    many = f"{abs(n)} {unit}{'s' if abs(n) != 1 else ''}"
    if n < 0:
        return far, ref, "day", f"the last {many} up to the reference day"
    return ref, far, "day", f"the next {many} from the reference day"


_UNITS_OF = {"days": "day", "weeks": "week", "months": "month", "years": "year"}


def _about(spec: Reckoning, ref: dt.date, lang: str) -> Reckoned:
    """«حدود دو هفته پیش», «قبل نحو ثلاثة أشهر», "about a year ago": not one day but the days
    the words can mean. Days and weeks: the day counted, a fifth of the count (at least a day)
    or half a week either side; months and years: the one counted and its neighbours, never
    reaching the reference day's own month or year (that would be no time ago at all)."""
    n, unit = spec.n, _UNITS_OF[spec.kind]
    way = "before" if n < 0 else "after"
    count = f"{abs(n)} {unit}{'s' if abs(n) != 1 else ''}"
    if unit in ("day", "week"):
        centre = ref + dt.timedelta(days=n * (7 if unit == "week" else 1))
        half = 3 if unit == "week" else max(1, abs(n) // 5)
        a, b = centre - dt.timedelta(days=half), centre + dt.timedelta(days=half)
        bounds = f"{half} day{'s' if half != 1 else ''} either side"
        return a, b, "day", f"approximate: about {count} {way} (bounds: {bounds})"
    near, far = (min(n + 1, -1), n - 1) if n < 0 else (max(n - 1, 1), n + 1)
    lo, hi = min(near, far), max(near, far)
    cal = spec.system or text_calendar(lang)
    here = calendars.from_gregorian(ref, cal)  # type: ignore[arg-type]
    if unit == "month":
        y1, m1 = _month_add(cal, here.year, here.month, lo)
        y2, m2 = _month_add(cal, here.year, here.month, hi)
        a, b = _span(cal, y1, m1)[0], _span(cal, y2, m2)[1]
        span = f"{month_name(cal, m1)} {y1} to {month_name(cal, m2)} {y2}"
        return a, b, "month", f"approximate: about {count} {way} (bounds: {span})"
    a, b = _span(cal, here.year + lo)[0], _span(cal, here.year + hi)[1]
    span = f"{cal} {here.year + lo} to {here.year + hi}"
    return a, b, "year", f"approximate: about {count} {way} (bounds: {span})"


def _days_in(spec: Reckoning, year: int) -> tuple[dt.date, dt.date]:
    """The days of `spec`'s day or month (to its second day or month, in the next year if that
    month comes earlier: «28 ديسمبر إلى 2 يناير») in `year` of its calendar."""
    a, b = _span(spec.calendar, year, spec.month, spec.day)
    if spec.month2:
        year2 = year + 1 if spec.month2 < spec.month else year
        b = _span(spec.calendar, year2, spec.month2, spec.day2)[1]
    return a, b


def month_of_year_years(spec: Reckoning, ref: dt.date, lang: str) -> tuple[int, int | None]:
    """The year of `spec.calendar` in which a "month_of_year" falls, and the other reading.

    «last year» is counted in the text's calendar (or the one its words name): a Hijri month
    in an Arabic text («رمضان من العام الماضي») is the one that begins in last Gregorian year,
    as «رمضان 2021» is the one of 2021. Counted in the month's own calendar instead, the year
    may differ: the second value is that year when it does, else None."""
    counted = spec.system or text_calendar(lang)
    own = calendars.from_gregorian(ref, spec.calendar).year + spec.n  # type: ignore[arg-type]
    if counted == spec.calendar:
        return own, None
    target = calendars.from_gregorian(ref, counted).year + spec.n  # type: ignore[arg-type]
    for year in range(own - 2, own + 3):
        try:
            first = calendars.span(spec.calendar, year, spec.month, spec.day).start  # type: ignore[arg-type]
        except calendars.CalendarError:
            continue
        if calendars.from_gregorian(first, counted).year == target:  # type: ignore[arg-type]
            return year, (own if own != year else None)
    return own, None


def other_reading(spec: Reckoning, ref: dt.date, lang: str) -> str:
    """What a "month_of_year" would be if its year were counted in the month's own calendar,
    when that differs (a note for a `suspect` mention), else ""."""
    if spec.kind != "month_of_year":
        return ""
    try:
        _, own = month_of_year_years(spec, ref, lang)
        if own is None:
            return ""
        a, b = _days_in(spec, own)
    except (calendars.CalendarError, OverflowError, ValueError):
        return ""
    days = a.isoformat() if a == b else f"{a.isoformat()} to {b.isoformat()}"
    which = _which_year(spec.n)
    return f"counted in the {spec.calendar} calendar, {which} would be {spec.calendar} {own}: {days}"


def _two_weekdays(spec: Reckoning, ref: dt.date) -> tuple[dt.date, dt.date, str, str]:
    """«يومي الأحد والاثنين», «روزهای شنبه و یکشنبه»: the first weekday and the next second one
    after it. Ahead, the pair begins on or after the reference day; else it ends on or before it
    (the last, «الماضيين», strictly before), so a report never puts half of it to come."""
    assert spec.weekday is not None and spec.weekday2 is not None
    gap = (spec.weekday2 - spec.weekday) % 7 or 7
    names = f"{weekday_name(spec.weekday)} and {weekday_name(spec.weekday2)}"
    if spec.direction > 0:
        ahead = (spec.weekday - ref.weekday()) % 7
        first = ref + dt.timedelta(days=ahead if spec.today else (ahead or 7))
        what = f"the next {names}"
        if spec.today:
            what = f"the coming {names} (the tense looks ahead), on or after"
        return first, first + dt.timedelta(days=gap), "day", what
    back = (ref.weekday() - spec.weekday2) % 7
    last = ref - dt.timedelta(days=(back or 7) if spec.direction < 0 else back)
    what = f"the latest {names} (a report looks back), on or before"
    if spec.direction < 0:
        what = f"the last {names} before"
    return last - dt.timedelta(days=gap), last, "day", what
