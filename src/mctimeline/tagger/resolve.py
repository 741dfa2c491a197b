"""Resolution: candidates to calendar days through the core (`days`), years not written (`years`).

A candidate's bounds come only from `mctimeline.calendars`; a year not written is inferred
by `years._YearInference` (the same sentence, a weekday, the reference day, the paragraph).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mctimeline import calendars
from mctimeline.published import Published
from mctimeline.reconcile import describe
from mctimeline.tagger.days import _bounds
from mctimeline.tagger.relative import Reckoning
from mctimeline.tagger.scan import Candidate, Point, _Scanner
from mctimeline.tagger.years import _NO_REFERENCE, _direction, _TodaysIndex, _YearInference

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
    if p.month is None:
        return (year or 0,)
    if p.day is None:
        return (year or 0, p.month)
    return (year or 0, p.month, p.day)  # one tuple, not three grown one part at a time


# Dates with a written year, in text order: their candidate indices and (index, resolved) pairs.
_Known = tuple[list[int], list[tuple[int, _Resolved]]]
_KnownIndex = tuple[list[int], dict[str, _Known]]


class _Resolver(_YearInference):
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
        # (only its month and day are read, and its weekday: a first end with its month is itself)
        q1 = p1 if p1.month else _with(p1, month=p2.month, calendar=cal1)
        r = _Resolved(c, cal1, _written(q1, year1), _written(p2, year2), "day" if p2.day else "month")
        if cal1 != cal2:
            try:
                s2 = _bounds(cal2, r.last, r.last)[1]
                if p1.year is None:
                    # The year is written once, in the second end's calendar: lent as it is to
                    # the first end's month it would name another era («خرداد تا مه ۲۰۲۵» in
                    # Jalali 2025, the 27th century). The first end is read in the year of its
                    # own calendar that holds the range's end, and says so.
                    year1 = calendars.from_gregorian(dt.date.fromisoformat(s2), cal1).year  # type: ignore[arg-type]
                    r.first = _written(q1, year1)
                    r.status = "inferred"
                    r.note = (
                        f"the ends are in two calendars ({cal1}, {cal2}) and the year is written "
                        f"only at the end: the first end is read in {cal1} year {year1}, which holds the end"
                    )
                s1 = _bounds(cal1, r.first, r.first)[0]
                if s2 < s1:
                    raise calendars.CalendarError(f"the range ends ({s2}) before it starts ({s1})")
                r.start_date, r.end_date = s1, s2
            except calendars.CalendarError as exc:
                r.status, r.note, r.start_date, r.end_date = "invalid", str(exc), "", ""
        else:
            _fill(r)
        self._weekdays(r, q1, p2 if c.p2 else None)
        return r

    def _weekdays(self, r: _Resolved, p1: Point, p2: Point | None) -> None:
        if p1.weekday is not None:
            r.weekdays.append((p1.weekday, "first", p1.weekday_word))
        if p2 is not None and p2.weekday is not None:
            r.weekdays.append((p2.weekday, "last", p2.weekday_word))

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
        if "year_of_reference" in c.extra or "before_last" in c.extra:
            # «يونيو من العام الماضي»: in the year named; «9 سبتمبر قبل الماضي»: the one before
            # the last. Both dated from the reference day, never from a year of the text.
            named = "year_of_reference" in c.extra
            reckon = Reckoning(
                "month_of_year" if named else "yearless",
                int(c.extra["year_of_reference"]) if named else -1,  # type: ignore[call-overload]
                direction=0 if named else -1, calendar=cal, month=q1.month or 1, day=q1.day,
                system=str(c.extra.get("year_system", "")),
                month2=p2.month or 0 if c.p2 is not None else 0, day2=p2.day if c.p2 is not None else None,
            )  # fmt: skip
            return _Resolved(c, "relative", (), (), reckon.precision, reckon=reckon)
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


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
