"""Reconciliation of tagged mentions: weekdays, glosses in a second calendar, same-writer slips.

Pure functions over `Reading`s (a Mention plus the date as written). Reconciliation
never rewrites a mention's bounds: it sets `status` and explains in `note`.

- A weekday that is not the weekday of its day -> `conflict`, the note names the real one.
  For a Hijri date in a Persian text, a weekday one or two days later is accepted with a
  note (Iran's lunar months often begin a day or two after Umm al-Qura's).
- A gloss (`gloss_of`) is converted through the core and compared with what it glosses.
  A different day -> the gloss is `conflict`, with a diagnosis: its year number is off by
  N in its own calendar, or it is the exact gloss of the glossed date N years earlier or
  later, or it is N days off. A Hijri side in a Persian text within ±2 days is `ok` with
  a note saying the tolerance was used.
- After a gloss whose year is off, every other date of the same text written in the
  gloss's calendar is `suspect` (same writer, same calendar, maybe the same slip); the
  note gives the reading as written and the reading with the slip undone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mctimeline import calendars
from mctimeline.mentions import Mention
from mctimeline.names import month_name, weekday_name
from mctimeline.records import maker

TOLERANCE_DAYS = 2
_WORDS = {1: "one", 2: "two", 3: "three"}


@dataclass(frozen=True)
class WeekdayCheck:
    """A weekday name written beside one day of a mention: the weekday it names and the day."""

    named: int
    day: str
    word: str


@dataclass(frozen=True, slots=True)
class Reading:
    """A mention and the date as written in its calendar: (y,), (y, m) or (y, m, d) at each end."""

    mention: Mention
    calendar: str
    first: tuple[int, ...] = ()
    last: tuple[int, ...] = ()
    weekdays: tuple[WeekdayCheck, ...] = ()

    @property
    def resolved(self) -> bool:
        return bool(self.mention.start_date) and self.mention.status != "invalid"


# A Reading from its fields' values in order, made slot by slot (see `_with_mention`; the tagger makes
# every reading so).
new_reading = maker(Reading)


# --- describing dates ---------------------------------------------------------------


def describe(calendar: str, first: tuple[int, ...], last: tuple[int, ...]) -> str:
    """«7–9 Khordad 1403», «30 April – 2 May 2024», «Khordad 1403», «1403» (English month names)."""
    if not first:
        return ""
    if calendar not in calendars.CALENDARS:
        return ""

    def one(parts: tuple[int, ...], with_year: bool = True) -> str:
        words = []
        if len(parts) == 3:
            words.append(str(parts[2]))
        if len(parts) >= 2:
            words.append(month_name(calendar, parts[1]))
        if with_year:
            words.append(str(parts[0]))
        return " ".join(words)

    if not last or last == first:
        return one(first)
    if len(first) == 3 and len(last) == 3 and first[:2] == last[:2]:
        return f"{first[2]}–{last[2]} {month_name(calendar, first[1])} {first[0]}"
    if first[0] == last[0] and len(first) >= 2:
        return f"{one(first, with_year=False)} – {one(last)}"
    return f"{one(first)} – {one(last)}"


def _in(calendar: str, mention: Mention) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A resolved mention's first and last day written in `calendar`."""
    s = calendars.from_gregorian(dt.date.fromisoformat(mention.start_date), calendar)  # type: ignore[arg-type]
    if mention.end_date == mention.start_date:
        return (s.year, s.month, s.day), (s.year, s.month, s.day)
    e = calendars.from_gregorian(dt.date.fromisoformat(mention.end_date), calendar)  # type: ignore[arg-type]
    return (s.year, s.month, s.day), (e.year, e.month, e.day)


def _bounds(calendar: str, first: tuple[int, ...], last: tuple[int, ...]) -> tuple[str, str]:
    first_span = calendars.span(calendar, *first)  # type: ignore[arg-type]
    start = first_span.start
    end = first_span.end if last == first else calendars.span(calendar, *last).end  # type: ignore[arg-type]
    return start.isoformat(), end.isoformat()


def _shift(parts: tuple[int, ...], years: int) -> tuple[int, ...]:
    return (parts[0] + years, *parts[1:])


def _years(n: int, calendar: str) -> str:
    unit = "Hijri year" if calendar == "hijri" else "year"
    count = _WORDS.get(abs(n), str(abs(n)))
    return f"{count} {unit}{'' if abs(n) == 1 else 's'} {'early' if n < 0 else 'late'}"


def _add_note(mention: Mention, note: str) -> str:
    return f"{mention.note}; {note}" if mention.note else note


# --- weekdays -------------------------------------------------------------------------


def _weekday_lang(lang: str) -> str:
    return lang if lang in ("fa", "ar") else "en"


def check_weekdays(reading: Reading, lang: str) -> Mention:
    """The mention with a conflict if a written weekday is not the weekday of its day."""
    m = reading.mention
    if m.status == "invalid":
        return m
    problems = []
    notes = []
    for w in reading.weekdays:
        if not w.day:
            continue
        day = dt.date.fromisoformat(w.day)
        real = calendars.weekday(day)
        if real == w.named:
            continue
        label = describe(reading.calendar, *_day_parts(reading, w.day))
        if lang == "fa" and reading.calendar == "hijri":
            later = [
                k for k in range(1, TOLERANCE_DAYS + 1) if calendars.weekday(day + dt.timedelta(k)) == w.named
            ]
            if later:
                notes.append(
                    f"Hijri date in a Persian text: by Umm al-Qura {label} is {day.isoformat()}, a "
                    f"{weekday_name(real)}; the {weekday_name(w.named)} written is {later[0]} day(s) later, "
                    f"within the ±{TOLERANCE_DAYS}-day tolerance for Iran's lunar months, which often begin "
                    "a day or two after Umm al-Qura's"
                )
                continue
        wl = _weekday_lang(lang)
        problems.append(
            f"weekday mismatch: {label} is a {weekday_name(real)} ({weekday_name(real, wl)}), "  # type: ignore[arg-type]
            f"not a {weekday_name(w.named)} ({w.word})"
        )
    if problems:
        return replace(m, status="conflict", note=_add_note(m, "; ".join(problems)))
    if notes:
        return replace(m, note=_add_note(m, "; ".join(notes)))
    return m


def _day_parts(reading: Reading, iso: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    if reading.calendar not in calendars.CALENDARS:
        d = dt.date.fromisoformat(iso)
        return (d.year, d.month, d.day), ()
    c = calendars.from_gregorian(dt.date.fromisoformat(iso), reading.calendar)  # type: ignore[arg-type]
    return (c.year, c.month, c.day), ()


# --- glosses ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slip:
    """A conflicting gloss whose year number is off by `years` in `calendar`."""

    gloss: int
    calendar: str
    years: int


def compare_gloss(gloss: Reading, anchor: Reading, lang: str) -> tuple[Mention, Slip | None]:
    """The gloss with its status and note after comparing it with the date it glosses."""
    g, a = gloss.mention, anchor.mention
    if not (gloss.resolved and anchor.resolved) or len(gloss.first) != len(anchor.first):
        return g, None
    if (g.start_date, g.end_date) == (a.start_date, a.end_date):
        return g, None
    g_start, a_start = dt.date.fromisoformat(g.start_date), dt.date.fromisoformat(a.start_date)
    g_end, a_end = dt.date.fromisoformat(g.end_date), dt.date.fromisoformat(a.end_date)
    off_start, off_end = (g_start - a_start).days, (g_end - a_end).days
    written = describe(gloss.calendar, gloss.first, gloss.last)
    glossed = describe(anchor.calendar, anchor.first, anchor.last)
    hijri_side = "hijri" in (gloss.calendar, anchor.calendar)
    if lang == "fa" and hijri_side and abs(off_start) <= TOLERANCE_DAYS and abs(off_end) <= TOLERANCE_DAYS:
        hijri, other = (gloss, anchor) if gloss.calendar == "hijri" else (anchor, gloss)
        h = hijri.mention
        gap = abs(off_start)
        rel = (
            "before"
            if (dt.date.fromisoformat(h.start_date) < dt.date.fromisoformat(other.mention.start_date))
            else "after"
        )
        note = (
            f"Hijri date in a Persian text: by Umm al-Qura {describe('hijri', hijri.first, hijri.last)} is "
            f"{_range(h)}, {_WORDS.get(gap, str(gap))} day{'' if gap == 1 else 's'} {rel} "
            f"{describe(other.calendar, other.first, other.last)} ({_range(other.mention)}); within the "
            f"±{TOLERANCE_DAYS}-day tolerance for Iran's lunar months, which often begin a day or two after "
            "Umm al-Qura's"
        )
        return replace(g, note=_add_note(g, note)), None
    if gloss.calendar not in calendars.CALENDARS:
        return g, None
    if any(r.calendar == "hijri" and not calendars.hijri_in_table(r.first[0]) for r in (gloss, anchor)):
        return _tabular_gloss(g, a, off_start, off_end, written, glossed)
    correct_first, correct_last = _in(gloss.calendar, a)
    n = len(gloss.first)
    correct_first, correct_last = correct_first[:n], correct_last[:n]
    correct = describe(gloss.calendar, correct_first, correct_last)
    slip_years = correct_first[0] - gloss.first[0]
    diagnosis = ""
    slip: Slip | None = None
    same_days = gloss.first[1:] == correct_first[1:] and gloss.last[1:] == correct_last[1:]
    if same_days and slip_years:
        diagnosis = (
            f"the gloss is {_years(-slip_years, gloss.calendar)}: {written} is {_range(g)}, "
            f"while {glossed} is {correct}"
        )
    else:
        for k in (-1, 1, -2, 2):
            try:
                shifted = _bounds(anchor.calendar, _shift(anchor.first, k), _shift(anchor.last, k))
            except (calendars.CalendarError, ValueError):
                continue
            if shifted == (g.start_date, g.end_date):
                earlier = describe(anchor.calendar, _shift(anchor.first, k), _shift(anchor.last, k))
                diagnosis = (
                    f"the gloss is exactly {_years(k, anchor.calendar)}: {written} is {_range(g)} "
                    f"(the gloss of {earlier}), while {glossed} is {correct} ({_range(a)})"
                )
                break
    if diagnosis and slip_years:
        slip = Slip(-1, gloss.calendar, slip_years)
    if not diagnosis:
        days = _WORDS.get(abs(off_start), str(abs(off_start)))
        diagnosis = (
            f"the gloss is {days} day{'' if abs(off_start) == 1 else 's'} "
            f"{'early' if off_start < 0 else 'late'}: {written} is {_range(g)}, while {glossed} is "
            f"{correct} ({_range(a)})"
        )
    return replace(g, status="conflict", note=_add_note(g, diagnosis)), slip


def _tabular_gloss(
    g: Mention, a: Mention, off_start: int, off_end: int, written: str, glossed: str
) -> tuple[Mention, Slip | None]:
    """A gloss of (or by) a Hijri date outside the Umm al-Qura table, which the core reads with
    the arithmetic calendar: a day or two apart is that calendar's own error, not a conflict."""
    if abs(off_start) <= TOLERANCE_DAYS and abs(off_end) <= TOLERANCE_DAYS:
        gap = abs(off_start)
        note = (
            f"{written} is {_range(g)} and {glossed} is {_range(a)}: {_WORDS.get(gap, str(gap))} day"
            f"{'' if gap == 1 else 's'} apart, within the arithmetic Hijri calendar's "
            f"±{TOLERANCE_DAYS}-day error"
        )
        return replace(g, note=_add_note(g, note)), None
    days = _WORDS.get(abs(off_start), str(abs(off_start)))
    way = "early" if off_start < 0 else "late"
    diagnosis = (
        f"the gloss is {days} day{'' if abs(off_start) == 1 else 's'} {way}: "
        f"{written} is {_range(g)}, while {glossed} is {_range(a)}"
    )
    return replace(g, status="conflict", note=_add_note(g, diagnosis)), None


def _slip_words(slip: Slip) -> str:
    unit = "Hijri-year" if slip.calendar == "hijri" else "year"
    return f"{_WORDS.get(abs(slip.years), str(abs(slip.years)))}-{unit}"


def _range(m: Mention) -> str:
    return m.start_date if m.start_date == m.end_date else f"{m.start_date}..{m.end_date}"


def suspect_note(reading: Reading, gloss: Reading, slip: Slip) -> str | None:
    """The alternative reading of a date that may share a gloss's year slip, or None."""
    m = reading.mention
    try:
        alt = _bounds(reading.calendar, _shift(reading.first, slip.years), _shift(reading.last, slip.years))
    except (calendars.CalendarError, ValueError):
        return None
    written = describe(reading.calendar, reading.first, reading.last)
    shifted = describe(reading.calendar, _shift(reading.first, slip.years), _shift(reading.last, slip.years))
    alt_range = alt[0] if alt[0] == alt[1] else f"{alt[0]}..{alt[1]}"
    return (
        f"same writer and calendar as the conflicting gloss «{gloss.mention.text}»: "
        f"{written} is {_range(m)}; "
        f"if it shares the gloss's {_slip_words(slip)} slip, "
        f"{shifted} = {alt_range}"
    )


def _with_mention(reading: Reading, mention: Mention) -> Reading:
    """`reading` with `mention` (the same object when the mention did not change), made slot by
    slot: `dataclasses.replace` reads the fields' list and goes through the frozen `__init__`,
    and every gloss of a text is remade."""
    if mention is reading.mention:
        return reading
    return new_reading((mention, reading.calendar, reading.first, reading.last, reading.weekdays))


# --- everything -----------------------------------------------------------------------------


def reconcile(readings: Sequence[Reading], lang: str) -> list[Mention]:
    """The mentions after weekday checks, gloss comparisons and same-writer suspects."""
    current = [_with_mention(r, check_weekdays(r, lang)) if r.weekdays else r for r in readings]
    slips: list[Slip] = []
    for i, r in enumerate(current):
        j = r.mention.gloss_of
        if j is None or not 0 <= j < len(current):
            continue
        if r.mention.status == "conflict":
            continue
        mention, slip = compare_gloss(r, current[j], lang)
        current[i] = _with_mention(r, mention)
        if slip is not None:
            slips.append(replace(slip, gloss=i))
    verified = {
        x.mention.gloss_of for x in current if x.mention.gloss_of is not None and x.mention.status == "ok"
    }
    # Each date takes the note of the first slip (in text order) of its calendar that gives one.
    # Date by date rather than slip by slip, so that many glosses do not rescan the whole text.
    by_calendar: dict[str, list[Slip]] = {}
    for slip in slips:
        by_calendar.setdefault(slip.calendar, []).append(slip)
    for i, r in enumerate(current):
        m = r.mention
        if r.calendar not in by_calendar or m.status != "ok" or not r.resolved:
            continue
        if m.gloss_of is not None:
            continue  # a gloss that agrees with what it glosses is checked, not suspect
        if i in verified:
            continue  # a date whose gloss agrees with it has been checked
        for slip in by_calendar[r.calendar]:
            if slip.gloss == i:
                continue
            note = suspect_note(r, current[slip.gloss], slip)
            if note:
                current[i] = replace(r, mention=replace(m, status="suspect", note=_add_note(m, note)))
                break
    return [r.mention for r in current]
