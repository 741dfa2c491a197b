"""Relative days («أمس», «امروز», "tomorrow") and the publication day they are counted from.

`publication_day` is the one rule deciding a text's publication day: a given one
(metadata, --published) wins, else the day a dated «today» in the text pins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from mctimeline import published as published_mod
from mctimeline.lexicon import lexicon
from mctimeline.mentions import Mention, MentionStatus
from mctimeline.names import weekday_name
from mctimeline.normalize import key
from mctimeline.published import Published

_DIGIT = re.compile(r"\d")


def text_calendar(lang: str) -> str:
    """The calendar a text's «this month», «last year» count in."""
    return "jalali" if lang == "fa" else "gregorian"


@dataclass(frozen=True, slots=True)
class Reckoning:
    """How a mention is dated from a reference day (the publication day, or the day just narrated).

    kind "days": `n` days from it («أمس» -1, «أول أمس» -2, «سه روز بعد» +3); "weeks", "months",
    "years": an offset of `n` such units («دو سال پیش» -2), the day (weeks), month or year it
    lands in; "period": the week, month or year `n` away (0 this, -1 last, +1 next: «امسال»,
    «الشهر المقبل»); "weekday": the `weekday` (0 Monday) on or before the reference day
    (`direction` 0, a report's past one), before it (-1) or after it (+1); "month": the
    month `month` of `calendar` before or after it («أكتوبر الماضي»); "weekday_of_week": the
    `weekday` of the reference day's week ("this Sunday"); "few_days": some days before (`n`
    -1) or after (+1) it, no one day («قبل أيام», "in the coming days"); "day_of_month": day
    `day` of the month `n` away («15 من الشهر المقبل»); "yearless": `day` `month` (to `day2`
    `month2`) in the year that puts it nearest, or before/after by `direction` (and `n` years
    further: «سبتمبر قبل الماضي», the one before the last, is -1); "month_of_year":
    `day` `month` (to `day2` `month2`) of `calendar`'s year `n` away («يونيو من العام الماضي»,
    «۱۲ خرداد سال گذشته», "October next year"); "months_of_year": the months `month` to
    `month2` of the year `n` away («أواخر العام الماضي», «الربع الأول من العام الجاري»,
    «تابستان سال گذشته»); a "period" of a month with a `part` is that month («نهاية الشهر
    الماضي»: the words give no days); an offset with `about` («قبل نحو ثلاثة أشهر», "about two
    weeks ago") is the days around it the words can mean. `anchor` is
    "reference", "narrated" (the last single day dated before it in the text) or "bare" (the
    reference's, unless a time told before it is of another: "later in the year").
    """

    kind: str
    n: int = 0
    weekday: int | None = None
    weekday2: int | None = None  # «يومي الأحد والاثنين»: the second of two weekdays named together
    direction: int = 0
    calendar: str = "gregorian"
    month: int = 0
    day: int | None = None
    month2: int = 0
    day2: int | None = None
    anchor: str = "reference"
    today: bool = False  # a coming weekday that may be the reference day itself (read from tense)
    part: int = 0  # of a part of a year or month: its first month (1 early, 5 mid, 9 late)
    side: int = 0  # of "this" week, month or year: -1 its days before the reference day, +1 after
    eve: bool = False  # a weekday named by its night («ليلة السبت»): the evening before, and the day
    about: bool = False  # an offset said with «نحو», «حدود», "about": approximate (reckon.py `_about`)
    system: str = ""  # the calendar a period is counted in, when its words name one: «سال گذشته میلادی»

    @property
    def precision(self) -> str:
        """What its days are, dated or not: «امسال» a year, «الشهر المقبل» a month, else days."""
        if self.kind == "month_of_year":
            return "day" if self.day else "month"
        if self.kind == "months_of_year":
            return "part-of-year"
        unit = self.calendar if self.kind in ("period", "month") else self.kind
        if self.kind == "month" or unit in ("month", "months"):
            return "month"
        return "year" if unit in ("year", "years") else "day"


def _relative_bounds(
    text: str,
    mentions: list[Mention],
    published: Published | None,
    reckonings: Sequence[Reckoning | None] = (),
    lang: str = "en",
) -> list[Mention]:
    pending = [
        n for n, m in enumerate(mentions) if not m.start_date and n < len(reckonings) and reckonings[n]
    ]
    if not pending:
        return [_unresolved(m) for m in mentions]
    pub = publication_day(text, mentions, published)
    out = []
    narrated: Mention | None = None  # the last single day dated so far, in text order
    month_told: Mention | None = None  # the last single month dated so far
    told: Mention | None = None  # the last time of any length dated so far
    for n, m in enumerate(mentions):
        spec = reckonings[n] if n < len(reckonings) else None
        if spec is not None and not m.start_date and m.status in ("ok", "unresolved"):
            since = narrated
            # «في يناير 2024، والثانية بعد ستة أشهر»: months after a month told are a month
            later = month_told is not None and (narrated is None or month_told.start > narrated.start)
            if spec.kind in ("months", "years") and later:
                since = month_told
            m = _reckoned(m, spec, pub, since, lang)
            if spec.anchor == "bare" and told is not None and m.start_date and pub is not None:
                m = _bare_beside(m, spec, told, pub.date, lang)
        out.append(_unresolved(m))
        if m.start_date and m.status in ("ok", "inferred") and m.gloss_of is None:
            told = m
        if m.start_date == m.end_date != "" and m.status in ("ok", "inferred") and m.gloss_of is None:
            narrated = m  # a gloss («(۱ شوال ۱۴۴۶)») restates a day, it narrates none
        elif m.precision == "month" and m.status in ("ok", "inferred") and m.gloss_of is None:
            month_told = m
    return out


def _reckoned(
    m: Mention, spec: Reckoning, pub: Published | None, narrated: Mention | None, lang: str
) -> Mention:
    """`m` dated by `spec` from its reference day, or `unresolved` saying why it is not."""
    from mctimeline.tagger.reckon import other_reading, reckon  # the arithmetic, by unit and calendar

    if spec.anchor == "narrated":
        # «اليوم التالي», "three days later": after what was told, never after the publication
        # day (a report looks back on what it tells: counted from it, the day would be wrong)
        if narrated is None:
            note = f"«{m.text}» is counted from a day the text narrates before it, and it dates none"
            return replace(m, status="unresolved", note=note)
        day = dt.date.fromisoformat(narrated.start_date)
        which = "month" if narrated.precision == "month" else "day"
        basis = f"the {which} narrated just before it, «{narrated.text}» ({narrated.start_date})"
    elif pub is not None:
        day = pub.date
        pinned = "pinned by " if pub.basis == "text" else ""
        basis = f"the publication date {pub.day}, {pinned}{pub.how}"
    else:
        note = f"«{m.text}» is counted from a reference date, and the text has none (no publication date)"
        return replace(m, status="unresolved", note=m.note or note)  # the resolver's reason, if it gave one
    got = reckon(spec, day, lang)
    if got is None:
        return replace(m, status="unresolved", note=f"«{m.text}» cannot be counted from {basis}")
    start, end, precision, what = got
    status: MentionStatus = "inferred"
    note = f"{what}, counted from {basis}"
    if spec.anchor == "bare":  # «نهاية العام», "later in the month": the words name no year or month
        unnamed = f"the words name no {_bare_unit(spec)}: taken as the reference day's"
        note = f"{what} ({unnamed}), counted from {basis}"
    other = other_reading(spec, day, lang)
    if other:  # «رمضان من العام الماضي» in the months when Hijri and Gregorian "last year" part
        status, note = "suspect", f"{note}; {other}"
    if spec.kind == "days" and spec.weekday is not None and start.weekday() != spec.weekday:
        # «اليوم الأربعاء» in a text of a Tuesday: the words and the reference day disagree
        status = "conflict"
        note = (
            f"weekday mismatch: {note} is {start.isoformat()}, a {weekday_name(start.weekday())}, "
            f"not a {weekday_name(spec.weekday)}"
        )
    return replace(
        m,
        start_date=start.isoformat(),
        end_date=end.isoformat(),
        precision=precision,  # type: ignore[arg-type]
        status=status,
        note=note,
    )


def _bare_beside(m: Mention, spec: Reckoning, told: Mention, day: dt.date, lang: str) -> Mention:
    """A bare "the year" ("later in the year") after a time of another year (week, month) told
    before it may be of that one: `unresolved` with both, rather than the reference's, unsaid.
    Another: one that does not reach into the reference day's year (month) of the text's own
    calendar («روز یکشنبه» in Esfand and «پایان سال» are the same Jalali year, not the same
    Gregorian one)."""
    from mctimeline.tagger.reckon import reckon  # the arithmetic, by unit and calendar

    first = dt.date.fromisoformat(told.start_date)
    last = dt.date.fromisoformat(told.end_date or told.start_date)
    unit = _bare_unit(spec)
    if unit in ("year", "month"):
        period = reckon(Reckoning("period", 0, calendar=unit, system=spec.system), day, lang)
        same = period is not None and first <= period[1] and last >= period[0]
    else:
        start = dt.date.fromisoformat(m.start_date)
        same = first - dt.timedelta(days=6) <= start <= last + dt.timedelta(days=6)
    if same:
        return m
    note = (
        f"not dated: read from the reference date, «{m.text}» is {m.note}; but the {unit} "
        f"may be that of «{told.text}» ({told.start_date}), told before it"
    )
    return replace(m, start_date="", end_date="", status="unresolved", note=note)


def _bare_unit(spec: Reckoning) -> str:
    """The period a bare "the year" or "the month" names: «نهاية العام» is reckoned as months of it."""
    return "year" if spec.kind == "months_of_year" else spec.calendar


def _unresolved(m: Mention) -> Mention:
    """A mention left without bounds is `unresolved`, never `ok`: nothing was dated."""
    if m.start_date or m.status in ("unresolved", "invalid"):
        return m
    note = m.note or (
        f"«{m.text}» is counted from a reference date, and the text has none (no publication date)"
    )
    return replace(m, status="unresolved", note=note)


@lru_cache(maxsize=4096)
def _word_key(word: str) -> str:
    """`normalize.key` of a word, remembered: the first words of mentions are a small vocabulary
    (month names, year keywords, relative words), so a corpus looks up the same few again and again."""
    return key(word)


def _relative_offset(words: str) -> int | None:
    for first in words.split()[:2]:
        if not first.isalpha() and _DIGIT.search(first):  # letters alone hold no digit: not searched
            continue  # a number («۲۷»): no relative word holds a digit (test_lexicon checks)
        offset = _relative_words().get(_word_key(first))
        if offset is not None:
            return offset
    return None


@lru_cache(maxsize=1)
def _relative_words() -> dict[str, int]:
    """Key -> day offset of every relative word of fa, ar and en (the first language that has it)."""
    found: dict[str, int] = {}
    for lang in ("fa", "ar", "en"):
        for form, entries in lexicon(lang).entries.items():
            relative = [e for e in entries if e.kind == "relative"]
            if relative and form not in found:
                found[form] = relative[0].value
    return found


def publication_date(text: str, mentions: Sequence[Mention] | None = None) -> tuple[str, str] | None:
    """The day a dated «today» or the text's dateline pins, and how: ("YYYY-MM-DD", basis), or None.

    The first mention whose words begin with a word for today («امروز», «اليوم»,
    "today") and that names a resolved day (or a range starting today) gives the
    publication day: «اليوم الخميس 31 أكتوبر 2024» pins 2024-10-31. Else a dateline
    does (`_dateline`). The basis names those words and their offsets. `mentions`
    defaults to `tag(text)`.
    """
    if mentions is None:
        from mctimeline.tagger import tag  # the package's entry point, which imports this module

        mentions = tag(text)
    for m in mentions:
        if m.calendar == "relative" or not m.start_date or m.precision != "day":
            continue
        if m.status in ("invalid", "conflict"):
            continue
        if _relative_offset(m.text) == 0:
            return m.start_date, f"«{m.text}» (characters {m.start}-{m.end})"
    return _dateline(text, mentions)


_DATELINE_REACH = 200  # characters: a dateline opens the text (after a title line at most)
_DATELINE_BEFORE = tuple("-–—:|/(")
_DATELINE_AFTER = tuple("-–—(|/)")
_LINE_SENTENCE_END = frozenset(".!?؟")


def _dateline(text: str, mentions: Sequence[Mention]) -> tuple[str, str] | None:
    """The day of a dateline: a full date written with its year near the start of the text, set
    off as agencies do («طهران - 12 أكتوبر 2024 (إرنا) -», "MOSCOW, Aug. 11, 2015 (Reuters) -"),
    with no sentence before it on its line. A date inside the first sentence is not one."""
    for m in mentions:
        if m.start > _DATELINE_REACH:
            return None
        if m.calendar == "relative" or m.precision != "day" or m.status != "ok" or m.start_date != m.end_date:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        before = text[line_start : m.start].rstrip()
        if any(ch in _LINE_SENTENCE_END for ch in before):
            continue
        rest = text[m.end :]
        after = rest.lstrip(" \t")
        caps_place = before.endswith(",") and before[:-1].strip().isupper()  # "MOSCOW, Aug. 11, 2015"
        set_off_before = not before or before.endswith(_DATELINE_BEFORE) or caps_place
        set_off_after = not after or after.startswith(_DATELINE_AFTER) or after.startswith("\n")
        if set_off_before and set_off_after:
            return m.start_date, f"the dateline «{m.text}» (characters {m.start}-{m.end})"
    return None


def publication_day(
    text: str, mentions: Sequence[Mention] | None = None, given: Published | None = None
) -> Published | None:
    """The publication day of a text: the one rule, used by the tagger and by sources alike.

    A `given` day (metadata, --published) wins; without one, the day a dated «today»
    in the text pins (`publication_date`), basis "text"; else None. When the text
    pins another day than the given one, the given one's `how` says so (an archive's
    date may be the day it was filed, or wrong: the reader should know).
    """
    found = publication_date(text, mentions)
    if given is not None:
        if found is not None and found[0] != given.day:
            given = replace(given, how=f"{given.how}; the text's own {found[1]} says {found[0]}")
        return published_mod.decide(given, None)
    if found is None:
        return None
    return published_mod.decide(None, Published(found[0], "text", found[1]))
