"""Counted units read from a reference day: offsets («دو سال پیش», «سه روز بعد», «قبل أسبوع»,
"two days ago"), the last or next N units as a stretch of days («دو هفته گذشته», «الأشهر الثلاثة
الماضية», "the past two years"; ahead, "within two weeks"), and the small readers `deixis`
shares (a count, a unit, a direction after a time, a period named from the reference day, the
relative candidate itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mctimeline.lexicon import number_words
from mctimeline.tagger.points import Candidate, Point
from mctimeline.tagger.relative import Reckoning
from mctimeline.tagger.tense import future_near, opened_by_verb, past_before

if TYPE_CHECKING:
    from mctimeline.tagger.scan import _Scanner
    from mctimeline.tagger.tokens import _TokenReader

_UNIT_KINDS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}


def deictic(i: int, j: int, reckon: Reckoning) -> Candidate:
    """Tokens i..j-1 as a time counted from a reference day, `reckon` saying how."""
    return Candidate("relative", i, j, Point(i, j), extra={"reckon": reckon})


def direction_after(s: _Scanner, j: int) -> tuple[int, int] | None:
    """Last, this or next (-1, 0, +1) after a period, month, weekday or day; not «قبل الماضي»
    (-2), which only a period takes (`_period_at`)."""
    d = s.match(j, "direction_after")
    return None if d is None or abs(d[0].value) > 1 else (d[0].value, d[1])


def count_of(s: _Scanner, i: int) -> tuple[int, int] | None:
    """A count at token i: a number of one or two digits or a spelled-out one, and the token after it."""
    t = s.tok(i)
    if t is not None and t.isdecimal():
        return (int(t), i + 1) if len(t) <= 2 and not s._glued_number(i) else None
    c = s.match(i, "count")
    if c is None:
        return None
    spelled = s.spelled_number(i)  # «بیست و پنج», «خمسة وعشرين»: the whole number
    return spelled if spelled is not None and spelled[1] > c[1] else (c[0].value, c[1])


def counted_before(s: _Scanner, i: int) -> bool:
    """Whether a number ends right before token i, or a number and «و» or a dash («۱۵۰ سال پیش»
    at «سال», «بیست و پنج سال» at «پنج», "twenty-five" at "five"): a count read from i would be
    only the end of it."""
    def number(k: int) -> bool:
        t = s.tok(k)
        if t is None or k < 0:
            return False
        c = s.match(k, "count")  # "twenty" ("a", «یک» count one: "a year ago" is read at "a")
        return t.isdecimal() or t in number_words(s.lang) or (c is not None and c[0].value > 1)

    t = s.tok(i - 1) if i > 0 else None
    if t is None:
        return False
    return number(i - 1) or (t in _NUMBER_JOINERS and i >= 2 and number(i - 2))


_NUMBER_JOINERS = frozenset({"و", "-", "‐", "–"})


def unit_of(s: _Scanner, j: int, counted: bool) -> tuple[str, int, int] | None:
    """A unit at token j: (unit, how many when no count is written, the token after it)."""
    dual = s.match(j, "dual_unit")
    if dual is not None and not counted:
        return dual[0].calendar, 2, dual[1]
    unit = s.match(j, "unit")
    if unit is None or (not counted and unit[0].value != 1):
        return None
    return unit[0].calendar, 1, unit[1]


def count_at(s: _Scanner, i: int) -> Candidate | None:
    """«دو سال پیش», «سه روز بعد», "two days ago", «۳ هفته قبل»."""
    c = count_of(s, i)
    if c is None or c[0] == 0:
        return None
    u = unit_of(s, c[1], counted=True)
    if u is None:
        return None
    off = s.match(u[2], "offset_after")
    if off is None:
        d = direction_after(s, u[2])  # «دو هفته گذشته», «۳ ماه آینده»: the units up to or from it
        if d is None or d[0] == 0:
            return None
        return deictic(i, d[1], Reckoning("stretch", c[0] * d[0], calendar=u[0]))
    n = c[0] * off[0].value
    ahead = off[0].calendar == "ahead"
    if ahead and not future_near(s, i, off[1], far=True):
        return None  # «دو روز دیگر ادامه دارد»: two more days, no day
    # «سه روز بعد», "three days earlier": after or before what was just told
    anchor = "narrated" if (n > 0 and not ahead) or off[0].calendar == "narrated" else "reference"
    first = about_before(s, i)
    about = first is not None and anchor == "reference"
    reckoning = Reckoning(_UNIT_KINDS[u[0]], n, anchor=anchor, about=about)
    return deictic(first if about and first is not None else i, off[1], reckoning)


def stretch_at(s: _Scanner, i: int) -> Candidate | None:
    """«الأشهر الثلاثة الماضية», «الأسبوعين الماضيين»: the units up to or from the reference day."""
    entry, j = s.match(i, "stretch_unit")  # type: ignore[misc]
    n = entry.value
    if n == 0:
        c = s.match(j, "stretch_count") or s.match(j, "count")
        if c is None:
            return None
        n, j = c[0].value, c[1]
    d = direction_after(s, j)
    if d is None or d[0] == 0:
        return None
    return deictic(i, d[1], Reckoning("stretch", n * d[0], calendar=entry.calendar))


def within_at(s: _Scanner, i: int) -> Candidate | None:
    """«في غضون أسبوعين», «ظرف دو هفته», "within three months": the stretch from the reference day,
    when the tense looks ahead. Told of the past it is a length counted from some other day
    («سيطر الجيش على المدينة في غضون أسبوعين»), no time of its own: not read."""
    _, j = s.match(i, "within")  # type: ignore[misc]
    c = count_of(s, j)
    u = unit_of(s, c[1] if c else j, counted=c is not None)
    if u is None:
        return None
    k = u[2]
    nxt = s.tok(k)
    if nxt is not None and (s.is_kind(k, "anaphora_joiner") or s.is_kind(k, "direction_after")):
        return None  # «خلال أسبوعين من توقيعه»: from another day; «دو هفته آینده»: a stretch read whole
    if not future_near(s, i, k, far=True):
        return None
    return deictic(i, k, Reckoning("stretch", c[0] if c else u[1], calendar=u[0]))


def about_before(s: _Scanner, i: int) -> int | None:
    """The first token of an approximation word («حدود», "about", «ما يقارب») ending right before
    token i, or None."""
    for back in (1, 2, 3):
        if i - back < 0:
            break
        m = s.match(i - back, "about")
        if m is not None and m[1] == i:
            return i - back
    return None


def offset_before_at(s: _Scanner, i: int) -> Candidate | None:
    """«قبل أسبوع», «بعد يومين», «منذ ثلاثة أيام», "in two weeks"."""
    entry, j = s.match(i, "offset_before")  # type: ignore[misc]
    about = s.match(j, "about")  # «قبل نحو ثلاثة أشهر», «منذ حوالي عامين»
    if about is not None:
        j = about[1]
    c = count_of(s, j)
    u = unit_of(s, c[1] if c else j, counted=c is not None)
    if u is None:
        return None
    k = u[2]
    before = s.match(i - 1, "unit") if i > 0 else None
    if before is not None and before[1] == i and before[0].calendar == u[0]:
        return None  # «يومًا بعد يوم» (day after day): repetition, no day
    if entry.lang == "en" and (c is None or u[0] not in ("day", "week")):
        return None  # "in a year", "in two years": a span looked back over as often as ahead
    nxt = s.tok(k)
    if nxt is not None and (nxt.isdecimal() or s.is_kind(k, "weekday") or s.is_kind(k, "month")):
        return None  # «قبل يوم الأحد», «منذ عام 2015»: a date follows, not a count of units
    if s.match(k, "anaphora_joiner") is not None:
        return None  # «بعد يومين من الاجتماع»: counted from something else
    n = (c[0] if c else u[1]) * entry.value
    # «يعود الوفد بعد يومين», "returns in two days": from the reference day; after a verb of a
    # done act («بدأ في 7/2016 وانتهى بعد عامين»), after what was just narrated, as «سه روز بعد» is
    # «عقدت القمة …، والثانية بعد ستة أشهر»: an Arabic sentence a past verb opens tells one too
    told = past_before(s, i) or (s.lang == "ar" and opened_by_verb(s, i))
    anchor = "narrated" if n > 0 and told else "reference"
    return deictic(i, k, Reckoning(_UNIT_KINDS[u[0]], n, anchor=anchor, about=about is not None))


def counted_in(s: _TokenReader, j: int) -> tuple[str, int]:
    """The calendar a calendar marker at token j names for the period before it («سال گذشته
    میلادی»: the last Gregorian year in a Persian text), and the token after it; ("", j) if none."""
    marker = s.marker_at(j)
    return ("", j) if marker is None else marker


def period_of_reference(s: _TokenReader, j: int, unit: str) -> tuple[int, int, str] | None:
    """The year, month or week (`unit`) named relative to the reference day right at token j,
    after an optional «من»/"of": (n units from the reference day's, the token after the words,
    the calendar a marker after them names or "")."""
    joiner = s.match(j, "anaphora_joiner")
    k = joiner[1] if joiner is not None else j
    found: tuple[int, int] | None = None
    period = s.match(k, "period")
    if period is not None and period[0].calendar == unit:
        d = s.match(period[1], "direction_after")
        found = None if d is None else (d[0].value, d[1])
    word = s.match(k, "period_word")
    if found is None and word is not None and word[0].calendar == unit:
        found = word[0].value, word[1]
    before = s.match(k, "direction_before")
    if found is None and before is not None:
        period = s.match(before[1], "period")
        if period is not None and period[0].calendar == unit:
            found = before[0].value, period[1]
    if found is None:
        return None
    system, end = counted_in(s, found[1])
    return found[0], end, system
