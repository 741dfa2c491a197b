"""Weekdays read from a reference day: «روز شنبه», «بامداد دوشنبه», «يوم الأحد», "on Monday",
«الأحد الماضي», «دوشنبه هفته آینده», a bare weekday beside its verb, and two named together
(«يومي الأحد والاثنين», «روزهای شنبه و یکشنبه»: the two days, the second the first after the first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mctimeline.tagger.offsets import deictic, direction_after, period_of_reference
from mctimeline.tagger.points import Candidate
from mctimeline.tagger.relative import Reckoning
from mctimeline.tagger.tense import future_near, opened_by_verb, set_off_after_past
from mctimeline.tagger.tokens import _COMMAS

if TYPE_CHECKING:
    from mctimeline.tagger.scan import _Scanner


def weekday_at(s: _Scanner, i: int) -> Candidate | None:
    """«روز شنبه», «بامداد دوشنبه», «يوم الأحد», "on Monday", «الأحد الماضي», «دوشنبه آینده»."""
    j, cued = i, False
    eve = s.match(i, "eve_cue") is not None  # «ليلة السبت», «شب شنبه»
    pair = s.match(i, "pair_cue") is not None
    for kind in ("weekday_cue", "day_word"):
        m = s.match(j, kind)
        if m is not None:
            j, cued = m[1], True
    wd = s.match(j, "weekday")
    if wd is None:
        return None
    if s._kind_before(i, "weekday_link"):
        return None  # «صادف يوم الاثنين», "fell on Monday": the weekday of a date told before
    if not cued and s.tok(i - 1) == "(" and s.is_kind(i - 2, "relative"):
        return None  # «اليوم (الأحد)»: the weekday of that day, checked there (points.prefix)
    k = wd[1]
    second = _second_weekday(s, k) if pair else None  # «يومي الأحد والاثنين»
    if second is not None:
        k = second[1]
    week = period_of_reference(s, k, "week")
    if week is not None:
        # «دوشنبه هفته آینده», «الخميس من الأسبوع الماضي», "Thursday last week": that weekday of
        # that week, which is not always the last or the coming one (on a Friday, last week's
        # Thursday is eight days back)
        n, end, _ = week
        if second is not None:
            return None  # two days of a named week: left unread rather than half read
        return deictic(i, end, Reckoning("weekday_of_week", n, weekday=wd[0].value, eve=eve))
    d = direction_after(s, k)
    way, end = (d[0], d[1]) if d is not None else (0, k)
    if not cued and d is None and (wd[0].lang != s.lang or not _uncued_day(s, i, k, s.lang)):
        return None
    glossed = s.match(end + 1, "relative") if s.tok(end) == "(" else None
    if d is None and glossed is not None and s.tok(glossed[1]) == ")" and glossed[0].value:
        way = 1 if glossed[0].value > 0 else -1  # «روز سه‌شنبه (فردا)»: the day the gloss says
    elif d is None and not set_off_after_past(s, i, k) and future_near(s, i, end, far=True):
        # «سيصل الوفد يوم الأحد»: the coming Sunday, which on a Sunday is that very day; but set off
        # after a done act («وصل الوزير إلى موسكو، مساء الثلاثاء، في زيارة تستمر يومين») it is
        # that act's, whatever the clause after it holds
        way = 1
    nxt = end + 1 if s.tok(end) in _COMMAS else end
    if _date_follows(s, nxt):
        return None  # "on Friday, January 17, 2025": the weekday of the date after it
    by_tense = way == 1 and d is None and glossed is None  # not «آینده», "next", nor «(فردا)»
    weekday2 = None if second is None else second[0]
    reckoning = Reckoning(
        "weekday", weekday=wd[0].value, weekday2=weekday2, direction=way, today=by_tense, eve=eve and not pair
    )
    return deictic(i, end, reckoning)


def _second_weekday(s: _Scanner, k: int) -> tuple[int, int] | None:
    """The weekday joined by «و» at token k («والاثنين», «و یکشنبه»): (its weekday, the token after)."""
    joiner = s.match(k, "connector_day")
    if joiner is not None and s.tok(k) == "و":
        wd = s.match(joiner[1], "weekday")
        return None if wd is None else (wd[0].value, wd[1])
    t = s.tok(k)
    if t is None or len(t) < 4 or t[0] != "و":
        return None
    glued = s.lex.lookup(t[1:], "weekday")  # «والاثنين»: «و» glued to the second day
    return (glued[0].value, k + 1) if glued else None


def _uncued_day(s: _Scanner, i: int, k: int, lang: str) -> bool:
    """Whether a weekday at tokens i..k-1 with no cue word before it is a day of the report: not
    after a word that makes it a name («نماز جمعه», "Good Friday"); in English always ("said
    Thursday", "Tuesday's talks"); in Arabic (with its article) beside a verb or a future's; in Persian with
    the verb of its clause after it («وزیر خارجه سه‌شنبه در مسکو گفت»), as Persian puts it."""
    if i > 0 and s.is_kind(i - 1, "weekday_blocker"):
        return False
    if lang == "en":
        return True
    if lang == "ar":
        if s.tok(k) in _TENS:
            return False
        return (
            s._verb_near(i, k, before=4, after=2)
            or opened_by_verb(s, i)
            or set_off_after_past(s, i, k)
            or future_near(s, i, k)  # «يصل الوفد الروسي إلى طهران الخميس»: a present that schedules
        )
    return s._verb_near(i, k, before=0, after=24)



_TENS = frozenset({"عشر", "عشرة"})  # «الأحد عشر»: eleven, not Sunday


def _date_follows(s: _Scanner, j: int) -> bool:
    t = s.tok(j)
    if t is None:
        return False
    return t.isdecimal() or s.is_kind(j, "month") or s.is_kind(j, "day_name") or s.is_kind(j, "dated")
