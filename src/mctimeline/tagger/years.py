"""Years not written: the year a day or month written without one takes, and from where.

`_YearInference` (the resolver's part that infers years) takes it, in order, from a year
written in the same sentence, from a «today + weekday» of the sentence with the weekday,
from the reference day (`year_near`), or, with no reference day, from the same paragraph;
never from another paragraph, where a text recalls other times. Without any it is left
for the day the text itself pins, else `unresolved`.

News names a day without its year when it is within months of publication, before or
after it: «14 يوليو» in a text of 2015-08-11 is 2015-07-14, in one of 2015-01-05 it is
2014-07-14 (the nearer). «الماضي»/«گذشته»/"last" after it asks for the latest one before
the reference day, «المقبل»/«آینده»/"next" for the first one after it.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from mctimeline import calendars
from mctimeline.names import month_name, weekday_name
from mctimeline.published import Published
from mctimeline.reconcile import describe
from mctimeline.tagger.days import _span
from mctimeline.tagger.points import Candidate, Point
from mctimeline.tagger.roles import role_of
from mctimeline.tagger.tokens import _SENTENCE_END

if TYPE_CHECKING:
    from mctimeline.tagger.resolve import _KnownIndex, _Resolved
    from mctimeline.tagger.scan import _Scanner


def _bounds(cal: str, year: int, month: int, day: int | None) -> tuple[dt.date, dt.date] | None:
    try:
        return _span(cal, year, month, day)
    except calendars.CalendarError:
        return None


_DONE = -2  # `_way` for a done act: the nearest occurrence on or before the publication day
# `_way` for an act the tense puts ahead (no word says "next"): the nearest occurrence that has
# not ended by the publication day. «سيوقع الاتفاق أواخر يناير» on 14 January is this January's
# end, still to come; «يناير المقبل», said then, is next year's, and keeps direction +1.
_AHEAD = 2
NEWS_DAYS = 7  # a day this near the publication day is the report's own week, whatever its weekday


def _weekday_year(
    cal: str, p: Point, year: int, weekday: int | None, ref: dt.date, direction: int
) -> int | None:
    """The year next to `year` in which day `p` falls on the written `weekday`, when it does not
    in `year`, still within a year of `ref` and on the side the words allow; else None."""
    if weekday is None or p.day is None:
        return None
    here = _bounds(cal, year, p.month or 1, p.day)
    if here is None or calendars.weekday(here[0]) == weekday:
        return None
    for other in (year - 1, year + 1):
        span = _bounds(cal, other, p.month or 1, p.day)
        if span is None or calendars.weekday(span[0]) != weekday or abs((span[0] - ref).days) > 366:
            continue
        if (direction in (-1, _DONE) and span[0] > ref) or (direction in (1, _AHEAD) and span[1] < ref):
            continue
        return other
    return None


def year_near(cal: str, month: int, day: int | None, ref: dt.date, direction: int = 0) -> int | None:
    """The year, in `cal`, of the occurrence of `day` `month` (or the month) for reference day `ref`.

    direction 0: the occurrence nearest `ref` (one that holds `ref` is nearest; a tie goes
    to the earlier: reports look back); -1: the latest that ends before `ref`; +1: the
    first that starts after it. None when the calendar cannot name the years around `ref`.
    """
    try:
        base = calendars.from_gregorian(ref, cal).year  # type: ignore[arg-type]
    except calendars.CalendarError:
        return None
    best: tuple[int, int] | None = None
    for year in (base - 2, base - 1, base, base + 1, base + 2):
        span = _bounds(cal, year, month, day)
        if span is None:
            continue
        first, last = span
        if direction < 0:
            if last >= ref:
                continue
            distance = (ref - last).days
        elif direction > 0:
            if first <= ref:
                continue
            distance = (first - ref).days
        else:
            distance = 0 if first <= ref <= last else min(abs((first - ref).days), abs((last - ref).days))
        if best is None or distance < best[1]:
            best = (year, distance)
    return None if best is None else best[0]


class _TodaysIndex(NamedTuple):
    """The «today + weekday» mentions of a text (in text order), indexed by sentence.

    A sentence is named by the number of sentence-end tokens before a token: a today
    and a date after it share a sentence when the count at the today's last token is
    the count at the date's first, and a date and a today after it when the count at
    the date's last token is the count at the today's first.
    """

    firsts: list[int]  # each today's first token
    by_last_sentence: dict[int, int]  # count at the last token -> the first today with it
    by_first_sentence: dict[int, list[int]]  # count at the first token -> the todays with it


class _YearInference:
    """The years not written of a text's dates (mixed into the resolver, which holds its state)."""

    s: _Scanner
    published: Published | None
    known: list[tuple[int, _Resolved]]
    todays: list[Candidate]
    _ends: list[int] | None
    _paras: list[int] | None
    _latest: dict[str, int]
    _known_index: _KnownIndex | None
    _todays_index: _TodaysIndex | None

    def text_of(self, c: Candidate) -> str:
        a, b = self.s.norm.original_span(*self.s.token_span(c.first, c.last))
        return self.s.norm.original[a:b]

    def _year_in(self, r: _Resolved, calendar: str) -> int:
        if r.calendar == calendar:
            return r.first[0]
        return calendars.from_gregorian(dt.date.fromisoformat(r.start_date), calendar).year  # type: ignore[arg-type]

    def _way(self, c: Candidate) -> tuple[int, str]:
        """`_direction`, and why when not the words beside the date: -1 for a day the text counts
        since («منذ يوليو», "since July"), which began in the past whatever the tense says."""
        d = _direction(c)
        if (d == 0 or c.extra.get("tense")) and role_of(self.s, c.first, c.last) == "since":
            return -1, " (counted since: a past day)"
        if c.extra.get("past") and d == 0:
            return _DONE, " (the verb before it tells of a done act)"
        if c.extra.get("tense") and d == 1:
            return _AHEAD, " (the words around it speak of the future)"
        return d, ""

    def infer_year(self, n: int, c: Candidate, cal: str, p: Point) -> tuple[int | None, str]:
        known = self.known
        words = self.text_of(c)
        month_day = (
            describe(cal, (0, p.month or 1, p.day), ()).rsplit(" ", 1)[0]
            if p.day
            else (month_name(cal, p.month or 1))
        )
        weekday = c.p1.weekday if c.p1.weekday is not None else None
        # (a) «اليوم الأربعاء» in the same sentence: the day of publication is that weekday.
        today = self._today_weekday(c)
        if today is not None and p.day is not None and known:
            try:
                latest = self._latest_year(cal)
            except calendars.CalendarError as exc:
                return (
                    None,
                    f"no year written in «{words}»; the years the text gives cannot be read in it: {exc}",
                )
            for year in range(latest, latest + 8):
                try:
                    day = _span(cal, year, p.month or 1, p.day)[0]
                except calendars.CalendarError:
                    continue
                if calendars.weekday(day) == today[0]:
                    return year, (
                        f"no year written; inferred {year}: «{today[1]}» in the same sentence makes the day "
                        f"of publication a {weekday_name(today[0])}, and {year} is the nearest year at or "
                        f"after {latest} (the latest year the text gives) in which {month_day} falls on a "
                        f"{weekday_name(today[0])}"
                    )
        found = self._known_near(n, c, cal, self._sentence_ends()) if known else None
        fixed_by_weekday = False
        own_week = self._beside_publication(cal, p)
        if found is None and known and weekday is not None and p.day is not None and not own_week:
            # «روز دوشنبه ۱۴ ژوئیه»: a year of the paragraph may be taken when the weekday picks it
            found, fixed_by_weekday = self._known_near(n, c, cal, self._paragraph_ends()), True
        if found is None:
            # A year written in another sentence may be any year the text recalls: it is
            # borrowed no further than the sentence (wrong years came from doing so), else
            # the reference day decides, else a year of the same paragraph, never further.
            if self.published is not None:
                return self._year_near_publication(cal, p, words, month_day, *self._way(c), weekday, own_week)
            if known and not fixed_by_weekday and (not _direction(c) or c.extra.get("tense")):
                found = self._known_near(n, c, cal, self._paragraph_ends())
        if found is None:
            return None, f"no year written in «{words}» nor in its paragraph; {_NO_REFERENCE}"
        k, ref = found
        try:
            base = self._year_in(ref, cal)
        except calendars.CalendarError as exc:
            ref_words = self.text_of(ref.cand)
            return (
                None,
                f"no year written in «{words}»; the year of «{ref_words}» cannot be read in it: {exc}",
            )
        where = "before it" if k < n else "after it"
        ref_text = self.text_of(ref.cand)
        if weekday is not None and p.day is not None:
            for year in (base, base + 1, base - 1, base + 2, base - 2):
                try:
                    day = _span(cal, year, p.month or 1, p.day)[0]
                except calendars.CalendarError:
                    continue
                if calendars.weekday(day) == weekday:
                    how = "the year of" if year == base else f"the weekday fixes it, near {base} of"
                    return year, (
                        f"no year written; {year}: {how} «{ref_text}» {where}, and {month_day} is a "
                        f"{weekday_name(weekday)} in {year}"
                    )
        if fixed_by_weekday:  # the weekday picked none: the paragraph's year is not borrowed
            if self.published is not None:
                return self._year_near_publication(cal, p, words, month_day, *self._way(c), weekday, own_week)
            return None, f"no year written in «{words}» nor in its sentence; {_NO_REFERENCE}"
        return base, f"no year written; {base} from «{ref_text}» {where}"

    def _beside_publication(self, cal: str, p: Point) -> bool:
        """Whether the day falls within NEWS_DAYS of the publication day in the year nearest it:
        a report of its own days («روز چهارشنبه، ۲ اکتبر» on 2 October) whose weekday is a slip
        is dated there and flagged, never moved to another year where the weekday fits."""
        pub = self.published
        if pub is None or p.day is None:
            return False
        year = year_near(cal, p.month or 1, p.day, pub.date)
        span = _bounds(cal, year, p.month or 1, p.day) if year is not None else None
        return span is not None and abs((span[0] - pub.date).days) <= NEWS_DAYS

    def _year_near_publication(
        self,
        cal: str,
        p: Point,
        words: str,
        month_day: str,
        direction: int,
        why: str,
        weekday: int | None = None,
        own_week: bool = False,
    ) -> tuple[int | None, str]:
        """The year in which the day (or month) falls nearest the given publication day
        (`years.year_near`), or the last before it or first after it when the words say."""
        pub = self.published
        assert pub is not None
        year = year_near(cal, p.month or 1, p.day, pub.date, 0 if direction in (_DONE, _AHEAD) else direction)
        span = _bounds(cal, year, p.month or 1, p.day) if year is not None else None
        if direction == _DONE and span is not None and span[0] > pub.date:
            year = year_near(cal, p.month or 1, p.day, pub.date, -1)  # a done act is on or before the day
        if direction == _AHEAD and span is not None and span[1] < pub.date:
            year = year_near(cal, p.month or 1, p.day, pub.date, 1)  # a coming one ends on or after it
        if year is None:
            return None, f"no year written in «{words}»; {month_day} is in none of the years around {pub.day}"
        fixed = None if own_week else _weekday_year(cal, p, year, weekday, pub.date, direction)
        if fixed is not None:  # «الجمعة 14 مارس»: of the two years around the day, the one it fits
            return fixed, (
                f"no year written; inferred {fixed}: {month_day} is a {weekday_name(weekday or 0)} in "
                f"{fixed}, not in {year}, the year in which it falls nearest the publication date "
                f"{pub.day} ({pub.how}){why}"
            )
        how = {
            0: "falls nearest",
            -1: "last falls before",
            1: "first falls after",
            _DONE: "falls nearest, on or before,",
            _AHEAD: "falls nearest, on or after,",
        }[direction]
        return year, (
            f"no year written; inferred {year}: the year in which {month_day} {how} the "
            f"publication date {pub.day} ({pub.how}){why}"
        )

    def _known_near(self, n: int, c: Candidate, cal: str, ends: list[int]) -> tuple[int, _Resolved] | None:
        """The date with a written year nearest candidate n in its own sentence (`ends` counts
        sentence ends before each token) or paragraph (`ends` counts line ends): the nearest
        before it, of the same calendar if any there is, else the nearest after it, or None."""
        ks = self._known_ks()
        i = bisect_left(ks, n)
        before = []
        for k in range(i - 1, -1, -1):
            item = self.known[k]
            if ends[item[1].cand.last] != ends[c.first]:
                break
            before.append(item)
        after = []
        for k in range(i, len(ks)):
            item = self.known[k]
            if ends[item[1].cand.first] != ends[c.last]:
                break
            after.append(item)
        for group in (before, after):
            same = [x for x in group if x[1].calendar == cal]
            if group:
                return (same or group)[0]
        return None

    def _known_ks(self) -> list[int]:
        if self._known_index is None:
            self._known_index = ([k for k, _ in self.known], {})
        return self._known_index[0]

    def _latest_year(self, cal: str) -> int:
        """The latest year, in `cal`, of the dates with a written year (once per calendar)."""
        if cal not in self._latest:
            self._latest[cal] = max(self._year_in(r, cal) for _, r in self.known)
        return self._latest[cal]

    def _today_weekday(self, c: Candidate) -> tuple[int, str] | None:
        """A «today + weekday» mention in the same sentence as candidate c: (weekday, its words).

        The first, in text order, of the todays before c with no sentence end between
        them and c, else of those after it: looked up in an index (`_TodaysIndex`), since
        trying every today for every date made a text of many of both quadratic.
        """
        if not self.todays:
            return None
        ends = self._sentence_ends()
        index = self._todays()
        before = bisect_left(index.firsts, c.first)  # todays[:before] begin before c
        found = index.by_last_sentence.get(ends[c.first])
        if found is None or found >= before:
            after = index.by_first_sentence.get(ends[c.last], ())
            j = bisect_left(after, before)
            found = after[j] if j < len(after) else None
        if found is None:
            return None
        other = self.todays[found]
        weekday = other.p1.weekday  # a today of `todays` names its weekday
        return None if weekday is None else (weekday, self.text_of(other))

    def _todays(self) -> _TodaysIndex:
        if self._todays_index is None:
            ends = self._sentence_ends()
            by_last: dict[int, int] = {}
            by_first: dict[int, list[int]] = {}
            for k, other in enumerate(self.todays):
                by_last.setdefault(ends[other.last], k)
                by_first.setdefault(ends[other.first], []).append(k)
            self._todays_index = _TodaysIndex([t.first for t in self.todays], by_last, by_first)
        return self._todays_index

    def _paragraph_ends(self) -> list[int]:
        """How many line ends of the original text come before each token index (computed once;
        normalizing made them spaces)."""
        if self._paras is None:
            original = self.s.norm.original
            breaks = [k for k, ch in enumerate(original) if ch == "\n"]
            paras = []  # paras[t]: line ends before token t begins (and all of them after the last)
            for i in range(len(self.s.toks)):
                start = self.s.norm.original_span(*self.s.token_span(i, i + 1))[0]
                paras.append(bisect_left(breaks, start))
            self._paras = [*paras, len(breaks)]
        return self._paras

    def _sentence_ends(self) -> list[int]:
        """How many sentence-ending tokens come before each token index (computed once)."""
        if self._ends is None:
            flags = map(_SENTENCE_END.__contains__, self.s.toks)
            self._ends = [0, *accumulate(flags)]
        return self._ends


_NO_REFERENCE = "no reference date to count from"


def _direction(c: Candidate) -> int:
    """-1 «9 سبتمبر الماضي», +1 «9 سبتمبر المقبل», 0 when the words do not say."""
    d = c.extra.get("direction", 0)
    return d if isinstance(d, int) else 0
