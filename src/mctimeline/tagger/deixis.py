"""Times named from a reference day, read in the token stream (words in data/relative.toml).

`deixis_at` reads, at one token, what the date patterns of `scan` do not:

- offsets and stretches of counted units (tagger/offsets.py): «دو سال پیش», «سه روز بعد»,
  «قبل أسبوع», "two days ago", «دو هفته گذشته», «الأشهر الثلاثة الماضية», "the past two years";
- this, next and last week, month and year («هفته گذشته», «العام الجاري», "next month",
  «امسال», «پارسال»), and day D of one («15 من الشهر المقبل»);
- a weekday alone, with a word before it that makes it a day («روز شنبه», «بامداد دوشنبه»,
  "on Monday") or a direction («الأحد الماضي», "next Friday"), or in Arabic beside a verb or
  in a sentence a past verb opens («وصل الوزير، على رأس وفد، إلى موسكو، الأحد»);
- a month with a direction («أكتوبر الماضي», "last October");
- the day after or before the one just narrated («اليوم التالي», "the following day").

Each is a "relative" `Candidate` whose `extra["reckon"]` (a `relative.Reckoning`) says how
its days are counted; `with_direction` marks a yearless date followed by «الماضي»/«المقبل»,
near a word of the future, or after a verb of a done act («وقع ... في 17 يناير», "was signed
on January 17": `extra["past"]`, never a day to come).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mctimeline.lexicon import Entry
from mctimeline.tagger.offsets import (
    count_at,
    count_of,
    counted_before,
    counted_in,
    deictic,
    direction_after,
    offset_before_at,
    period_of_reference,
    stretch_at,
    unit_of,
    within_at,
)
from mctimeline.tagger.points import Candidate
from mctimeline.tagger.relative import Reckoning
from mctimeline.tagger.tense import (
    future_near,
    past_after,
    past_before,
    past_verb_first,
)
from mctimeline.tagger.tokens import _COMMAS, _SENTENCE_END, _TokenReader
from mctimeline.tagger.weekdays import weekday_at

if TYPE_CHECKING:
    from mctimeline.tagger.scan import _Scanner

_CLAUSE_ENDS = _SENTENCE_END | _COMMAS
# «۳ روز», «15 من الشهر», «۱۵ ماه آینده», "the 23rd of last month"
_AFTER_A_NUMBER = frozenset({"unit", "period", "anaphora_joiner", "day_suffix", "month_implied"})


def deixis_at(s: _Scanner, i: int) -> Candidate | None:
    """A time named from a reference day starting at token i (see the module docstring), or None."""
    t = s.tok(i)
    if t is None:
        return None
    if t.isdecimal():
        # most numbers are followed by no unit, joiner or period: one look at the next token
        after = s.kinds(i + 1)
        if not after or _AFTER_A_NUMBER.isdisjoint(after):
            return None
        return count_at(s, i) or _day_of_period_at(s, i)
    kinds = s.kinds(i)
    if not kinds:
        return None
    cand = _deixis_of(s, i, kinds)
    reckoning = cand.extra["reckon"] if cand is not None else None
    if isinstance(reckoning, Reckoning) and reckoning.kind in _COUNTED and counted_before(s, i):
        return None  # «۱۵۰ سال پیش» read at «سال» is no «سال پیش» (last year)
    return cand


# Readings that a number before them would make part of a larger count.
_COUNTED = frozenset({"period", "days", "weeks", "months", "years", "stretch"})


def _deixis_of(s: _Scanner, i: int, kinds: Mapping[str, tuple[Entry, int]]) -> Candidate | None:
    return (
        ("few" in kinds and _few_at(s, i))
        or (("earlier_later" in kinds or "earlier_later_in" in kinds) and _earlier_later_at(s, i))
        or ("weekend" in kinds and _weekend_at(s, i))
        or ("narrated_day" in kinds and _narrated_at(s, i))
        or ("period_word" in kinds and _period_word_at(s, i))
        or ("direction_before" in kinds and _before_at(s, i))
        or ("period" in kinds and _period_at(s, i))
        or ("count" in kinds and count_at(s, i))
        or ("stretch_unit" in kinds and stretch_at(s, i))
        or ("offset_before" in kinds and offset_before_at(s, i))
        or ("within" in kinds and within_at(s, i))
        or (("weekday" in kinds or "weekday_cue" in kinds or "day_word" in kinds) and weekday_at(s, i))
        or ("month" in kinds and _month_at(s, i))
        or ("day_name" in kinds and _day_of_period_at(s, i))
        or None
    )


def _weekend_at(s: _Scanner, i: int) -> Candidate | None:
    """"over the weekend", «نهاية الأسبوع الماضي», «آخر هفته گذشته»: the weekend before, of or after."""
    entry, j = s.match(i, "weekend")  # type: ignore[misc]
    n = entry.value
    if n == 0 and future_near(s, i, j, far=True):
        n = 2  # "talks will resume over the weekend": the coming one (or the one under way)
    return deictic(i, j, Reckoning("weekend", n))


def _earlier_later_at(s: _Scanner, i: int) -> Candidate | None:
    """"earlier this month", «في وقت سابق من هذا العام», "later this week": the days of this period
    before (or after) the reference day. Only this one: "earlier last year" says no side of a day."""
    bare = _earlier_in_the_period_at(s, i)
    if bare is not None:
        return bare
    matched = s.match(i, "earlier_later")
    if matched is None:
        return None
    entry, j = matched
    for unit in ("week", "month", "year"):
        named = period_of_reference(s, j, unit)
        if named is not None:
            n, k, system = named
            if n != 0:
                return None
            return deictic(i, k, Reckoning("period", 0, calendar=unit, side=entry.value, system=system))
    return None


def _earlier_in_the_period_at(s: _Scanner, i: int) -> Candidate | None:
    """"earlier in the week", «في وقت لاحق من الشهر»: the bare period is this one, unless a
    direction, a number or a month follows it (then it is another, or no side of a day)."""
    matched = s.match(i, "earlier_later_in")
    if matched is None:
        return None
    entry, j = matched
    period = s.match(j, "period")
    if period is None or period[0].calendar not in ("week", "month", "year"):
        return None
    k = period[1]
    nxt = s.tok(k)
    if nxt is not None and (nxt.isdecimal() or direction_after(s, k) is not None or s.is_kind(k, "month")):
        return None
    reckoning = Reckoning("period", 0, calendar=period[0].calendar, side=entry.value, anchor="bare")
    return deictic(i, k, reckoning)


def _narrated_at(s: _Scanner, i: int) -> Candidate | None:
    entry, j = s.match(i, "narrated_day")  # type: ignore[misc]
    return deictic(i, j, Reckoning("days", entry.value, anchor="narrated"))


def _few_at(s: _Scanner, i: int) -> Candidate | None:
    """«قبل أيام», «چند روز پیش», "in the coming days": some days before or after, no one day."""
    entry, j = s.match(i, "few")  # type: ignore[misc]
    if s.is_kind(j, "anaphora_joiner"):
        return None  # «قبل أيام من قمة بريكس»: days before something else, not before the report
    return deictic(i, j, Reckoning("few_days", entry.value))


def _period_word_at(s: _Scanner, i: int) -> Candidate | None:
    entry, j = s.match(i, "period_word")  # type: ignore[misc]
    system, end = counted_in(s, j)
    return deictic(i, end, Reckoning("period", entry.value, calendar=entry.calendar, system=system))


def _period_at(s: _Scanner, i: int) -> Candidate | None:
    """«هفته گذشته», «العام الجاري», «الشهر المقبل», «العام قبل الماضي»."""
    entry, j = s.match(i, "period")  # type: ignore[misc]
    d = s.match(j, "direction_after")
    if d is None:
        return None
    system, end = counted_in(s, d[1])
    return deictic(i, end, Reckoning("period", d[0].value, calendar=entry.calendar, system=system))


def _before_at(s: _Scanner, i: int) -> Candidate | None:
    """"last week", "next month", «این هفته», "next Monday", "last October"."""
    entry, j = s.match(i, "direction_before")  # type: ignore[misc]
    way = entry.value
    period = s.match(j, "period")
    if period is not None:
        system, end = counted_in(s, period[1])
        return deictic(i, end, Reckoning("period", way, calendar=period[0].calendar, system=system))
    c = count_of(s, j) if way else None  # "the past two years", "the next three months"
    u = unit_of(s, c[1], counted=True) if c is not None and c[0] > 0 else None
    if c is not None and u is not None:
        return deictic(i, u[2], Reckoning("stretch", c[0] * way, calendar=u[0]))
    wd = s.match(j, "weekday")
    if wd is not None and entry.lang == "en":
        # "this Sunday": the Sunday of this week, before or after the reference day
        kind = "weekday_of_week" if way == 0 else "weekday"
        return deictic(i, wd[1], Reckoning(kind, weekday=wd[0].value, direction=way))
    month = s.match(j, "month")
    if month is not None and way and entry.lang == "en" and not month[0].ambiguous:
        m = month[0]
        return deictic(i, month[1], Reckoning("month", direction=way, calendar=m.calendar, month=m.value))
    return None


def _month_at(s: _Scanner, i: int) -> Candidate | None:
    """«أكتوبر الماضي», «آبان ماه گذشته»: the month before or after the reference day;
    «سبتمبر قبل الماضي»: the one before the last (a year further back); «مارس الجاري»: this
    year's."""
    slot = s.month_slot(i)
    if slot is None:
        return None
    entry, j = slot
    if entry.ambiguous and (s.lang != "ar" or entry.calendar != "gregorian"):
        return None  # «مهر گذشته»: a Persian month name is a word too; «شباط الماضي» is a month
    d = s.match(j, "direction_after")
    if d is None:
        return None
    if d[0].value == 0:  # «مارس الجاري», «اسفندماه جاری»: the month of this year
        return deictic(i, d[1], Reckoning("month_of_year", 0, calendar=entry.calendar, month=entry.value))
    way, back = (-1, -1) if d[0].value == -2 else (d[0].value, 0)
    reckon = Reckoning("month", back, direction=way, calendar=entry.calendar, month=entry.value)
    return deictic(i, d[1], reckon)


def _day_of_period_at(s: _Scanner, i: int) -> Candidate | None:
    """«15 من الشهر المقبل», «۱۰ ماه آینده»: day D of the month before, of or after the reference day."""
    day, j = s.day_at(i), i + 1
    named = None
    if day is None:  # «الرابع من الشهر الجاري»: a day written as a word, unless it counts weeks
        named = s.match(i, "day_name")
        if named is None:
            return None
        day, j = named[0].value, named[1]
    suffix = s.match(j, "day_suffix")  # "the 23rd of last month"
    month = period_of_reference(s, suffix[1] if suffix is not None else j, "month") or _month_implied(s, j)
    if month is None:
        return None
    # only now, the month found (most day words have none after them), whether the word is a day
    if named is not None and (s._kind_before(i, "ordinal_blocker") or s.ordinal_of_noun(i)):
        return None
    n, end, system = month
    return deictic(i, end, Reckoning("day_of_month", n, day=day, system=system))


def _month_implied(s: _Scanner, j: int) -> tuple[int, int, str] | None:
    """«في 3 الجاري», «الخامس من الجاري»: the month left out after a day, as `period_of_reference`."""
    joiner = s.match(j, "anaphora_joiner")
    implied = s.match(joiner[1] if joiner is not None else j, "month_implied")
    return None if implied is None else (implied[0].value, implied[1], "")


def months_of_named_year(i: int, k: int, n: int, m1: int, m2: int, system: str) -> Candidate:
    """Tokens i..k-1: months m1 to m2 of the year n from the reference day's («أواخر العام الماضي»)."""
    return deictic(i, k, Reckoning("months_of_year", n, month=m1, month2=m2, system=system))


def part_of_period_at(s: _TokenReader, i: int, j: int, part: int) -> Candidate | None:
    """A part of a year or month named from the reference day, its part word at i and the rest
    at j: «أواخر العام الماضي», «اوایل سال آینده», "early next year" (the part of that year);
    «نهاية الشهر الماضي», "the end of last month" (that month, its note saying the words give
    no days)."""
    for unit in ("year", "month"):
        named = period_of_reference(s, j, unit)
        if named is not None:
            n, k, system = named
            if unit == "year":
                return months_of_named_year(i, k, n, part, part + 3, system)
            return deictic(i, k, Reckoning("period", n, calendar=unit, part=part, system=system))
    bare = bare_period_at(s, j)
    if bare is None:
        return None
    unit, k, system = bare
    if unit == "year":  # «منذ مطلع العام», "by the end of the year", «تا پایان سال»
        reckoning = Reckoning("months_of_year", 0, month=part, month2=part + 3, system=system, anchor="bare")
        return deictic(i, k, reckoning)
    return deictic(i, k, Reckoning("period", 0, calendar=unit, part=part, system=system, anchor="bare"))


def bare_period_at(s: _TokenReader, j: int) -> tuple[str, int, str] | None:
    """The bare year or month at token j ("the year", «العام», «سال»), which after a part word is
    this one unless a time told before it is of another (`relative._bare_beside`): (its unit, the
    token after it, the calendar a marker after it names). None if a word after it makes it
    another («نهاية العام المالي», «پایان سال تحصیلی») or another form reads it («العام 2019»)."""
    article = s.match(j, "bare_article")
    period = s.match(article[1] if article is not None else j, "period")
    if period is None or period[0].calendar not in ("year", "month"):
        return None
    system, k = counted_in(s, period[1])
    nxt = s.tok(k)
    if nxt is not None and (
        nxt.isdecimal()
        or s.is_kind(k, "direction_after")
        or s.is_kind(k, "month")
        or s.is_kind(k, "bare_blocker")
        or s.is_kind(k, "year_anaphora")
        or s.definite(k)  # an Arabic adjective after it: «العام المالي», «السنة الدراسية»
    ):
        return None
    return period[0].calendar, k, system


def with_direction(s: _Scanner, cand: Candidate) -> Candidate:
    """A date without a year followed by «الماضي», «گذشته», «المقبل»: the last before the reference
    day or the first after it (`extra["direction"]`), the word part of the mention. Followed by a
    year named from the reference day («يونيو من العام الماضي», «۱۲ خرداد سال گذشته», "June next
    year"), it is in that year (`extra["year_of_reference"]`: how many years from the reference
    day's; `extra["year_system"]`: the calendar its words name, if any), the words part of the
    mention: the year is not left to be guessed."""
    if cand.kind != "date" or cand.p1.year is not None or (cand.p2 is not None and cand.p2.year is not None):
        return cand
    if cand.p1.anaphora or cand.p1.year_anaphora:
        return cand
    if cand.p1.month is not None or (cand.p2 is not None and cand.p2.month is not None):
        named_year = period_of_reference(s, cand.last, "year")  # «5 إلى 7 أكتوبر من العام المقبل» too
        if named_year is not None:
            cand.extra["year_of_reference"], cand.last, cand.extra["year_system"] = named_year
            return cand
    if cand.p1.month is None and (cand.p2 is None or cand.p2.month is None):
        return cand  # «22 إلى 24 أكتوبر المقبل»: the month of the range's second end serves
    before_last = s.match(cand.last, "direction_after")
    if before_last is not None and before_last[0].value == -2:
        cand.extra["before_last"], cand.last = True, before_last[1]  # «9 سبتمبر قبل الماضي»
        return cand
    d = direction_after(s, cand.last)
    if d is not None and d[0] == 0:  # «15 مارس الجاري»: in this year
        cand.extra["year_of_reference"], cand.last, cand.extra["year_system"] = 0, d[1], ""
        return cand
    if d is None:
        if future_near(s, cand.first, cand.last):
            cand.extra["direction"] = 1  # «ستعقد في 2 أبريل»: the coming 2 April, not the nearest
            cand.extra["tense"] = True
        elif (
            past_before(s, cand.first)
            or (s.lang == "ar" and past_verb_first(s, cand.first, cand.last))
            or past_after(s, cand.last)
        ):
            cand.extra["past"] = True  # "was signed on January 17": not a 17 January to come
        return cand
    cand.extra["direction"] = d[0]
    cand.last = d[1]
    return cand


def with_weekday_after(s: _Scanner, cand: Candidate) -> Candidate:
    """A weekday written after the day it names («۱۲ مهر ۱۴۰۳ شنبه», «3 مارس 2015، الثلاثاء.»)
    joins the mention and is checked against that day, as one before it is; one in parentheses
    ("January 17, 2025 (Friday)") is checked and left out of the span.

    Right after the date, in parentheses, or after a comma when the clause ends with it (a
    weekday after a comma that goes on is the start of another clause)."""
    end = cand.p2 if cand.p2 is not None else cand.p1
    if cand.kind != "date" or end.day is None or end.weekday is not None or cand.p1.day_end is not None:
        return cand
    j = cand.last
    t = s.tok(j)
    opened = t == "("
    comma = t is not None and t in _COMMAS
    if opened or comma:
        j += 1
    dw = s.match(j, "day_word")
    k = dw[1] if dw is not None else j
    wd = s.match(k, "weekday")
    if wd is None:
        return cand
    last = wd[1]
    after = s.tok(last)
    if opened:
        if after != ")":
            return cand
        last = cand.last  # checked, but the span stays the date: a mention never ends in «)»
    elif comma and after is not None and after not in _CLAUSE_ENDS:
        return cand
    elif not comma and s.match(last, "direction_after") is not None:
        return cand  # «9 سبتمبر الأحد المقبل»: another day
    end.weekday, end.weekday_word = wd[0].value, s._original_words(k, wd[1])
    cand.last = last
    return cand
