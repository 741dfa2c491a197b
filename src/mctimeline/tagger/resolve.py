"""Resolution: candidates to calendar days through the core, and years not written inferred.

A candidate's bounds come only from `mctimeline.calendars`; a year not written is
taken from the text (a dated «today» with its weekday, the nearest year written) or,
when the text gives none, from the given publication day.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from mctimeline import calendars
from mctimeline.names import month_name, weekday_name
from mctimeline.published import Published
from mctimeline.reconcile import describe
from mctimeline.tagger.relative import Reckoning
from mctimeline.tagger.scan import _SENTENCE_END, Candidate, Point, _Scanner
from mctimeline.tagger.years import year_near

# --- resolution ------------------------------------------------------------------------------


@dataclass
class _Resolved:
    cand: Candidate
    calendar: str
    first: tuple[int, ...]
    last: tuple[int, ...]
    precision: str
    status: str = "ok"
    note: str = ""
    start_date: str = ""
    end_date: str = ""
    explicit_year: bool = True
    weekdays: list[tuple[int, str, str]] = field(default_factory=list)  # (named, which end, word)
    reckon: Reckoning | None = None  # how to date it from a reference day, when its words do not


@lru_cache(maxsize=1 << 14)
def _coarse_span(calendar: str, year: int, month: int | None) -> tuple[dt.date, dt.date] | Exception:
    """The core's span of a year or a month, or the error it raised (remembered: a corpus names
    the same few thousand months again and again, and the core is pure)."""
    try:
        if calendar == "hijri" and not calendars.hijri_in_table(year):
            s = calendars.tabular_hijri_span(year, month)  # history's years: see _fill's note
        else:
            s = calendars.span(calendar, year, month)  # type: ignore[arg-type]
    except calendars.CalendarError as exc:
        return exc.with_traceback(None)  # kept: not the frames it was raised in
    return s.start, s.end


def _span(
    calendar: str, year: int, month: int | None = None, day: int | None = None
) -> tuple[dt.date, dt.date]:
    """(start, end) of `calendars.span(calendar, year, month, day)`, raising what it raises.

    A day is its month's first day plus (day - 1) when the month has it: the days of a
    month in every calendar are consecutive Gregorian days, so one core call per month
    serves all its days (test_tagger_spans compares this with the core day by day).
    Anything else (a day the month lacks, a month the core refuses) asks the core itself.
    """
    got = _coarse_span(calendar, year, month)
    if isinstance(got, Exception):
        if day is None:
            raise type(got)(*got.args)  # a fresh copy: re-raising one object grows its traceback
    elif day is None:
        return got
    elif month is not None and 1 <= day <= (got[1] - got[0]).days + 1:
        d = got[0] + dt.timedelta(days=day - 1)
        return d, d
    if calendar == "hijri" and not calendars.hijri_in_table(year):
        s = calendars.tabular_hijri_span(year, month, day)
    else:
        s = calendars.span(calendar, year, month, day)  # type: ignore[arg-type]
    return s.start, s.end


@lru_cache(maxsize=1)
def _reconcilable_range() -> tuple[dt.date, dt.date]:
    return calendars.reconcilable_range()


def _bounds(calendar: str, first: tuple[int, ...], last: tuple[int, ...]) -> tuple[str, str]:
    start, end = _span(calendar, *first)
    # One date (not a range): its own span gives both ends; the core is not asked twice.
    if last != first:
        end = _span(calendar, *last)[1]
    if end < start:
        raise calendars.CalendarError(f"the range ends ({end}) before it starts ({start})")
    lo, hi = _reconcilable_range()
    if start < lo or end > hi:
        days = start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"
        raise calendars.OutOfRange(
            f"{days} is outside the days an event can have "
            f"({lo.isoformat()} to {hi.isoformat()}, the days the Jalali calendar can name)"
        )
    return start.isoformat(), end.isoformat()


def _fill(r: _Resolved) -> None:
    """Compute bounds from the written date, or mark the mention invalid with the core's message."""
    try:
        r.start_date, r.end_date = _bounds(r.calendar, r.first, r.last)
    except calendars.CalendarError as exc:
        r.status, r.note, r.start_date, r.end_date = "invalid", str(exc), "", ""
        return
    if r.calendar == "hijri" and not all(calendars.hijri_in_table(p[0]) for p in (r.first, r.last)):
        r.note = f"{r.note}; {calendars.TABULAR_HIJRI_NOTE}" if r.note else calendars.TABULAR_HIJRI_NOTE


def _with(p: Point, **changes: object) -> Point:
    """A copy of `p` with `changes` (dataclasses.replace without re-running __init__)."""
    q = object.__new__(Point)
    q.__dict__.update(p.__dict__)
    q.__dict__.update(changes)
    return q


def _ends(c: Candidate) -> tuple[Point, Point]:
    """The two ends of a candidate (the same point twice for a single date)."""
    if c.p2 is not None:
        return c.p1, c.p2
    if c.p1.day_end is not None:
        return c.p1, _with(c.p1, day=c.p1.day_end, weekday=None)
    return c.p1, c.p1


def _written(p: Point, year: int | None) -> tuple[int, ...]:
    parts: tuple[int, ...] = (year or 0,)
    if p.month is not None:
        parts += (p.month,)
        if p.day is not None:
            parts += (p.day,)
    return parts


# Dates with a written year, in text order: their candidate indices and (index, resolved) pairs.
_Known = tuple[list[int], list[tuple[int, _Resolved]]]
_KnownIndex = tuple[list[int], dict[str, _Known]]


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


class _Resolver:
    def __init__(self, scanner: _Scanner, cands: list[Candidate], published: Published | None = None) -> None:
        self.s = scanner
        self.cands = cands
        self.published = published  # given, never read from the text (that needs these mentions)
        self.out: list[_Resolved | None] = [None] * len(cands)
        self.known: list[tuple[int, _Resolved]] = []
        self.todays: list[Candidate] = []
        self._ends: list[int] | None = None
        self._latest: dict[str, int] = {}
        self._known_index: _KnownIndex | None = None
        # The latest resolved mention so far that an anaphora («الشهر ذاته») or a year anaphora
        # («همان سال») can refer to, kept as resolution goes: a scan back for each made a text
        # of many unanswered anaphora quadratic.
        self._month_ref: _Resolved | None = None
        self._year_ref: _Resolved | None = None
        self._todays_index: _TodaysIndex | None = None
        self._paras: list[int] | None = None

    def text_of(self, c: Candidate) -> str:
        a, b = self.s.norm.original_span(*self.s.token_span(c.first, c.last))
        return self.s.norm.original[a:b]

    def resolve(self) -> list[_Resolved | None]:
        # 1. what the words say, with the years written
        for n, c in enumerate(self.cands):
            self.out[n] = self.explicit(c)
        # 2. missing years, anaphora, echoes (inferred from the years written, never from each other)
        self.known = [
            (k, r)
            for k, r in enumerate(self.out)
            if r is not None and r.explicit_year and r.start_date and r.calendar != "relative"
        ]
        self.todays = [
            c for c in self.cands if c.kind == "relative" and c.p1.relative == 0 and c.p1.weekday is not None
        ]
        for n, c in enumerate(self.cands):
            if self.out[n] is None:
                self.out[n] = self.implicit(n, c)
            self._remember_reference(self.out[n])
        return self.out

    def _remember_reference(self, r: _Resolved | None) -> None:
        """Make `r` the referent of the anaphora that follow it, if it can be one."""
        if r is None or r.calendar == "relative" or not r.last or not r.last[0]:
            return
        if len(r.last) >= 2:
            self._month_ref = r
        if r.start_date:
            self._year_ref = r

    def explicit(self, c: Candidate) -> _Resolved | None:
        if c.kind == "span":  # tagger/spans.py read it whole: its calendar, written ends, precision
            x = c.extra
            r = _Resolved(c, str(x["calendar"]), x["first"], x["last"], str(x["precision"]))  # type: ignore[arg-type]
            r.explicit_year = "form_status" not in x  # an inferred century lends no year
            _fill(r)
            return r
        if c.kind in ("part", "year"):
            p = c.p1
            cal = self.s.year_calendar(p.year or 0, p.marker)
            if cal is None:
                if c.kind == "part" or c.extra.get("keyword"):
                    cal = "gregorian" if self.s.lang == "en" else None
                if cal is None:
                    return None
            if c.kind == "part":
                r = _Resolved(c, cal, (p.year or 0, c.part), (p.year or 0, c.part + 3), "part-of-year")
            else:
                last = c.p2.year if c.p2 is not None and c.p2.year else p.year
                r = _Resolved(c, cal, (p.year or 0,), (last or 0,), "year")
            _fill(r)
            return r
        if c.kind != "date":
            return None
        p1, p2 = _ends(c)
        if p1.anaphora or p2.anaphora:
            return None
        year2 = p2.year
        if year2 is None:
            return None
        cal1 = p1.calendar or p2.calendar or "gregorian"
        cal2 = p2.calendar or cal1
        year1 = p1.year
        if year1 is None:
            year1 = year2
            m1, m2 = p1.month or p2.month, p2.month
            if cal1 == cal2 and m1 and m2 and m1 > m2:
                year1 = year2 - 1  # «30 December to 2 January 2025»
        q1 = _with(p1, month=p1.month or p2.month, calendar=cal1)
        r = _Resolved(c, cal1, _written(q1, year1), _written(p2, year2), "day" if p2.day else "month")
        if cal1 != cal2:
            try:
                s1 = _bounds(cal1, r.first, r.first)[0]
                s2 = _bounds(cal2, r.last, r.last)[1]
                r.start_date, r.end_date = s1, s2
            except calendars.CalendarError as exc:
                r.status, r.note = "invalid", str(exc)
        else:
            _fill(r)
        self._weekdays(r, q1, p2 if c.p2 else None)
        return r

    def _weekdays(self, r: _Resolved, p1: Point, p2: Point | None) -> None:
        if p1.weekday is not None:
            r.weekdays.append((p1.weekday, "first", p1.weekday_word))
        if p2 is not None and p2.weekday is not None:
            r.weekdays.append((p2.weekday, "last", p2.weekday_word))

    # --- years not written ---------------------------------------------------------------

    def implicit(self, n: int, c: Candidate) -> _Resolved | None:
        if c.kind == "relative":
            reckon = c.extra.get("reckon")
            if not isinstance(reckon, Reckoning):
                reckon = Reckoning("days", c.p1.relative or 0, weekday=c.p1.weekday)  # «اليوم الأربعاء»
            return _Resolved(c, "relative", (), (), reckon.precision, reckon=reckon)
        if c.kind == "echo":
            src: Candidate = c.extra["source"]  # type: ignore[assignment]
            year = int(c.extra["year"])  # type: ignore[call-overload]
            r = _Resolved(
                c, c.p1.calendar or "gregorian", (year, c.p1.month or 1), (year, c.p1.month or 1), "month"
            )
            r.explicit_year = False
            _fill(r)
            if r.status == "ok":
                r.status = "inferred"
                r.note = (
                    f"no year written: «{self.text_of(c)}» echoes «{self.text_of(src)}» earlier in the text, "
                    f"so the year is {year}"
                )
            return r
        if c.kind != "date":
            return None
        p1, p2 = _ends(c)
        if p1.anaphora or p2.anaphora:
            return self.anaphora(c)
        if p2.year_anaphora:
            return self.year_anaphora(c)
        cal = p1.calendar or p2.calendar or "gregorian"
        q1 = _with(p1, month=p1.month or p2.month, calendar=cal)
        year, reason = self.infer_year(n, c, cal, q1)
        if year is None:
            r = _Resolved(c, cal, _written(q1, None), _written(p2, None), "day" if p2.day else "month")
            r.status, r.note = "invalid", reason
            r.explicit_year = False
            if reason.endswith(_NO_REFERENCE):
                # dated later from the day the text itself pins, if it pins one; else unresolved
                r.status = "unresolved"
                r.reckon = Reckoning(
                    "yearless", direction=_direction(c), calendar=cal, month=q1.month or 1, day=q1.day,
                    month2=p2.month or 0 if c.p2 is not None or p2.day != q1.day else 0,
                    day2=p2.day if c.p2 is not None or p2.day != q1.day else None,
                )  # fmt: skip
            return r
        r = _Resolved(c, cal, _written(q1, year), _written(p2, year), "day" if p2.day else "month")
        r.explicit_year = False
        m1, m2 = q1.month, p2.month
        if m1 and m2 and m1 > m2:
            r.last = _written(p2, year + 1)
        _fill(r)
        if r.status == "ok":
            r.status, r.note = "inferred", reason
        self._weekdays(r, q1, p2 if c.p2 else None)
        return r

    def _year_in(self, r: _Resolved, calendar: str) -> int:
        if r.calendar == calendar:
            return r.first[0]
        return calendars.from_gregorian(dt.date.fromisoformat(r.start_date), calendar).year  # type: ignore[arg-type]

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
        if found is None and known and weekday is not None and p.day is not None:
            # «روز دوشنبه ۱۴ ژوئیه»: a year of the paragraph may be taken when the weekday picks it
            found, fixed_by_weekday = self._known_near(n, c, cal, self._paragraph_ends()), True
        if found is None:
            # A year written in another sentence may be any year the text recalls: it is
            # borrowed no further than the sentence (wrong years came from doing so), else
            # the reference day decides, else a year of the same paragraph, never further.
            if self.published is not None:
                return self._year_near_publication(cal, p, words, month_day, _direction(c))
            if known and not fixed_by_weekday and not _direction(c):
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
                return self._year_near_publication(cal, p, words, month_day, _direction(c))
            return None, f"no year written in «{words}» nor in its sentence; {_NO_REFERENCE}"
        return base, f"no year written; {base} from «{ref_text}» {where}"

    def _year_near_publication(
        self, cal: str, p: Point, words: str, month_day: str, direction: int = 0
    ) -> tuple[int | None, str]:
        """The year in which the day (or month) falls nearest the given publication day
        (`years.year_near`), or the last before it or first after it when the words say."""
        pub = self.published
        assert pub is not None
        year = year_near(cal, p.month or 1, p.day, pub.date, direction)
        if year is None:
            return None, f"no year written in «{words}»; {month_day} is in none of the years around {pub.day}"
        how = {0: "falls nearest", -1: "last falls before", 1: "first falls after"}[direction]
        return year, (
            f"no year written; inferred {year}: the year in which {month_day} {how} the "
            f"publication date {pub.day} ({pub.how})"
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
        return other.p1.weekday, self.text_of(other)

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

    def anaphora(self, c: Candidate) -> _Resolved | None:
        """«يوم 25 من الشهر ذاته»: the month and year of the closest preceding mention that has both."""
        p1, p2 = _ends(c)
        ref = self._month_ref
        if ref is not None:
            year, month = ref.last[0], ref.last[1]
            q1 = _with(p1, month=month, calendar=ref.calendar)
            q2 = _with(p2, month=month, calendar=ref.calendar)
            r = _Resolved(c, ref.calendar, _written(q1, year), _written(q2, year), "day")
            _fill(r)
            label = describe(ref.calendar, (year, month), ())
            antecedent = self.text_of(ref.cand)
            note = f"the {_ordinal(p2.day or 0)} of the month of the preceding «{antecedent}» ({label})"
            r.note = f"{r.note}; {note}" if r.note else note
            r.explicit_year = False
            self._weekdays(r, q1, q2 if c.p2 else None)
            return r
        return None

    def year_anaphora(self, c: Candidate) -> _Resolved | None:
        """«ژوئن همان سال»: the year of the closest preceding mention that has one."""
        p1, p2 = _ends(c)
        cal = p2.calendar or "gregorian"
        ref = self._year_ref
        if ref is not None:
            try:
                year = self._year_in(ref, cal) if ref.calendar != cal else ref.last[0]
            except calendars.CalendarError as exc:
                q1 = _with(p1, month=p1.month or p2.month, calendar=cal)
                r = _Resolved(c, cal, _written(q1, None), _written(p2, None), "day" if p2.day else "month")
                r.status, r.explicit_year = "invalid", False
                r.note = f"the year of «{self.text_of(ref.cand)}» cannot be read in this calendar: {exc}"
                return r
            q1 = _with(p1, month=p1.month or p2.month, calendar=cal)
            r = _Resolved(c, cal, _written(q1, year), _written(p2, year), "day" if p2.day else "month")
            _fill(r)
            what = describe(cal, (year, p2.month or 1), ()) if p2.day is None else describe(cal, r.last, ())
            note = (
                f"{what.rsplit(' ', 1)[0]} of the year of the preceding «{self.text_of(ref.cand)}» ({year})"
            )
            r.note = f"{r.note}; {note}" if r.note else note
            r.explicit_year = False
            self._weekdays(r, q1, p2 if c.p2 else None)
            return r
        return None


_NO_REFERENCE = "no reference date to count from"


def _direction(c: Candidate) -> int:
    """-1 «9 سبتمبر الماضي», +1 «9 سبتمبر المقبل», 0 when the words do not say."""
    d = c.extra.get("direction", 0)
    return d if isinstance(d, int) else 0


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
