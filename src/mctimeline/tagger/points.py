"""Points: one end of a date expression as written, read at a token.

A point is [relative] [day word] [weekday] DAY [MONTH[/MONTH] [YEAR [marker]]], MONTH
[YEAR], or English MONTH DAY[, YEAR]; `Candidate` is a whole expression the scanner
(`scan`) makes of one or two points, before any of it is resolved to days (`resolve`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mctimeline.lexicon import Entry
from mctimeline.tagger.tokens import _COMMAS, _TokenReader

# What may join a day number to its month name and the month to its year: «14-يناير»,
# «5- آب- 2022», «3. مايو».
_DATE_SEPARATORS = frozenset("-–./")
# What `point` reads first at a word (a relative word, a word for a day, a weekday, a day written
# as a word, a month): at a word with none of these kinds it finds nothing.
POINT_START_KINDS = frozenset({"relative", "day_word", "weekday", "day_name", "month"})


@dataclass
class Point:
    """One end of a date expression as written: any of day, month, year, weekday, relative word."""

    first: int
    last: int
    day: int | None = None
    month: int | None = None
    calendar: str | None = None
    year: int | None = None
    marker: str | None = None
    weekday: int | None = None
    weekday_word: str = ""
    relative: int | None = None
    relative_word: str = ""
    anaphora: bool = False
    year_anaphora: bool = False
    month_entry: Entry | None = None
    day_end: int | None = None
    weekday_end: int = 0


@dataclass
class Candidate:
    """A date expression found in the token stream, before resolution."""

    kind: str  # date | part | year | relative | echo
    first: int
    last: int
    p1: Point
    p2: Point | None = None
    part: int = 0
    gloss_of: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


class _PointReader(_TokenReader):
    """Reads the points of a text's token stream."""

    # --- points --------------------------------------------------------------------------

    def month_slot(self, i: int) -> tuple[Entry, int] | None:
        m = self.match(i, "month")
        if m is None:
            return None
        entry, j = m
        word = self.match(j, "month_word")
        if word is not None:
            j = word[1]  # «دی ماه»
        # «أكتوبر/تشرين الأول», «كانون الثاني/يناير»: one month in two naming systems.
        slash = self.tok(j)
        if slash is not None and slash == "/":
            alt = self.match(j + 1, "month")
            if alt is not None and alt[0].calendar == entry.calendar:
                j = alt[1]
        # «12 آب (أغسطس) 2011»: the same month's other name in parentheses, part of the date when
        # it agrees (a month that does not agree is left out, to be read on its own)
        elif slash == "(":
            alt = self.match(j + 1, "month")
            if (
                alt is not None
                and alt[0].calendar == entry.calendar
                and alt[0].value == entry.value
                and self.tok(alt[1]) == ")"
            ):
                j = alt[1] + 1
        return entry, j

    def prefix(self, i: int) -> Point:
        """Relative word, day word and weekday before a date: «اليوم الخميس», «يوم غد الجمعة»."""
        p = Point(i, i)
        j = i
        for _ in range(3):
            rel = self.match(j, "relative")
            if rel is not None and p.relative is None:
                p.relative, p.relative_word = rel[0].value, self._words(j, rel[1])
                j = rel[1]
                continue
            dw = self.match(j, "day_word")
            if dw is not None:
                j = dw[1]
                continue
            break
        wd = self.match(j, "weekday")
        if wd is None and p.relative is not None:
            set_off = self._set_off_weekday(j)
            if set_off is not None:  # «امروز (شنبه)», «اليوم، الأحد»: the day's weekday, checked
                k, named, closes = set_off
                p.weekday, p.weekday_word = named.value, self._original_words(k, k + 1)
                p.weekday_end = p.last = k + 1 if not closes else j  # a mention never ends in «)»
                return p
        if wd is not None:
            p.weekday, p.weekday_word = wd[0].value, self._original_words(j, wd[1])
            j = wd[1]
            p.weekday_end = j
            t = self.tok(j)
            if t is not None and t in _COMMAS:
                j += 1
            # «روز شنبه مورخ ۱۲ مهر», «يوم الخميس الموافق 13 مارس»: the day the weekday is
            dated = self.match(j, "dated") or self.match(j, "gloss_intro")
            if dated is not None:
                j = dated[1]
        p.last = j
        return p

    def _set_off_weekday(self, j: int) -> tuple[int, Entry, bool] | None:
        """A weekday set off after a word for a day: «(شنبه)», «، الأحد», «-دوشنبه»: (its token,
        its entry, whether parentheses enclose it), or None."""
        t = self.tok(j)
        if t is None or not (t in _COMMAS or t in "(-"):
            return None
        wd = self.match(j + 1, "weekday")
        if wd is None or wd[1] != j + 2:
            return None
        if t == "(":
            return (j + 1, wd[0], True) if self.tok(j + 2) == ")" else None
        return j + 1, wd[0], False

    def point(self, i: int, allow_prefix: bool = True) -> Point | None:
        """A date point at token i (see the module docstring), or None."""
        t = self.tok(i)
        if t is not None and t.isdecimal():
            # a number begins no lexicon form (no prefix word, day name or month stands at it):
            # it is a day or nothing
            day = self.day_at(i)
            if day is None:
                return None
            p = Point(i, i)
        else:
            p = self.prefix(i) if allow_prefix else Point(i, i)
            day = self.day_at(p.last)
        j = p.last
        day_end = j + 1
        named = self.match(j, "day_name") if day is None else None
        if named is not None and self._day_name_ok(j, named[1]):
            day, day_end = named[0].value, named[1]  # «اول فروردین»: a day written as a word
        if day is not None:
            p.day = day
            j = day_end
            to_month = self._to_month(j)
            month = self.month_slot(to_month)
            if month is not None:
                j = to_month
            if month is not None:
                p.month_entry = month[0]
                p.month, p.calendar = month[0].value, month[0].calendar
                j = month[1]
                ys = self._year_after_month(j, separated=self.toks[to_month - 1] in _DATE_SEPARATORS)
                if ys is not None:
                    p.year, p.marker, j = ys
                if month[0].year_after and p.year is None and not self._follows_ok(j, month[0]):
                    return None
                j = self._year_anaphora(p, j)
                p.last = j
                return p
            k = self._past_suffix(j)  # "the 5th of the same month"
            joiner = self.match(k, "anaphora_joiner")
            if joiner is not None:
                k = joiner[1]
            ana = self.match(k, "anaphora")
            if ana is not None:
                p.anaphora = True
                p.last = ana[1]
                return p
            p.last = j
            return p  # a day alone: only the first end of a range
        month = self.month_slot(j)
        if month is not None:
            entry, k = month
            p.month_entry = entry
            p.month, p.calendar = entry.value, entry.calendar
            if entry.lang == "en":
                # English order: May 27, 2025 / May 27–29, 2025 / Jan. 17, 2025
                dot = self.tok(k)
                if dot == "." and not self._spaced[k] and self.day_at(k + 1):
                    k += 1
                d = self.day_at(k)
                if d is not None and self.year_at(k) is None:
                    p.day = d
                    k += 1
                    k = self._past_suffix(k)  # March 10th, 2025
                    dash = self.connector(k, day_only=True)
                    if dash is not None and self.day_at(dash) is not None:
                        p.day_end = self.day_at(dash)  # May 27–29, 2025
                        k = self._past_suffix(dash + 1)
                    t = self.tok(k)
                    if t is not None and t in _COMMAS:
                        ys = self.year_slot(k + 1)
                        if ys is not None:
                            p.year, p.marker, k = ys
                    else:
                        ys = self.year_slot(k)
                        if ys is not None:
                            p.year, p.marker, k = ys
                    p.last = k
                    return p
            ys = self._year_after_month(k, separated=False)
            if ys is not None:
                p.year, p.marker, k = ys
                p.last = k
                return p
            if entry.year_after:
                return None
            k2 = self._year_anaphora(p, k)
            p.last = k2
            return p  # a month alone: a range start or an echo (unless «همان سال» follows)
        if p.weekday is not None or p.relative is not None:
            p.last = p.weekday_end or j  # «اليوم الأربعاء،»: the comma is not part of it
            return p
        return None

    def _past_suffix(self, k: int) -> int:
        """The token after an ordinal suffix glued to the day before it ("10th"), else k."""
        suffix = self.match(k, "day_suffix")
        return suffix[1] if suffix is not None and not self._spaced[k] else k

    def _day_name_ok(self, i: int, j: int) -> bool:
        """A day written as a word (tokens i..j-1) is a day before a month («هفتم مارس», «الثالث من
        رجب») or «الشهر ذاته», unless it counts something else («هفته دوم مهر», «الأسبوع الأول من
        مارس», «الاجتماع الأول من مارس»)."""
        if self.match(self._to_month(j), "month") is None and not self._anaphora_at(j):
            return False
        if self.ordinal_of_noun(i):
            return False
        for back in (1, 2):
            m = self.match(i - back, "ordinal_blocker") if i - back >= 0 else None
            if m is not None and m[1] == i:
                return False
        return True

    def _anaphora_at(self, j: int) -> bool:
        """Whether «الشهر ذاته», «همان ماه» (after an optional «من») stands at token j."""
        joiner = self.match(j, "anaphora_joiner")
        return self.match(joiner[1] if joiner is not None else j, "anaphora") is not None

    def _year_after_month(self, j: int, separated: bool) -> tuple[int, str | None, int] | None:
        """The year slot after a month: right there, after a comma («مارس, 2004»), or after the
        separator that also stood between the day and the month («5- آب- 2022»)."""
        ys = self.year_slot(j)
        if ys is not None:
            return ys
        t = self.tok(j)
        if t is None or not (t in _COMMAS or (separated and t in _DATE_SEPARATORS)):
            return None
        ys = self.year_slot(j + 1)
        if ys is None or self._cue_after(ys[2]):
            return None  # «في 5 مارس، 2000 شخص»: a count, not a year
        return ys

    def _to_month(self, j: int) -> int:
        """Past what may stand between a day and its month: "27th", "of", «من شهر», a dash or a
        dot glued to the day («14-يناير», «5- آب», «3. مايو»)."""
        t = self.tok(j)
        if (
            t is not None
            and t in _DATE_SEPARATORS
            and not self._spaced[j]
            and self.match(j + 1, "month") is not None
        ):
            return j + 1
        if t is not None and not self._spaced[j] and self.is_kind(j, "day_suffix"):
            j += 1
        for kind in ("anaphora_joiner", "month_prefix"):
            m = self.match(j, kind)
            if m is not None and self.match(m[1], "anaphora") is None:
                j = m[1]
        return j

    def _follows_ok(self, j: int, entry: Entry) -> bool:
        """After a day number, «می» is May before punctuation, the end, a connector or a listed word."""
        t = self.tok(j)
        if t is None or not (t[0].isalpha() or t.isdecimal()):
            return True
        return any(k == t for k in entry.followers) or self.match(j, "connector") is not None

    def _year_anaphora(self, p: Point, j: int) -> int:
        """«ژوئن همان سال»: mark the point and return the token after the phrase."""
        if p.year is not None:
            return j
        k = j
        joiner = self.match(k, "anaphora_joiner")
        if joiner is not None:
            k = joiner[1]
        ana = self.match(k, "year_anaphora")
        if ana is None:
            return j
        p.year_anaphora = True
        return ana[1]
