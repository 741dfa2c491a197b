"""The date-mention tagger: finds date expressions in fa/ar/en text, resolves them through the core.

`tag(text)` normalizes the text (keeping offsets), tokenizes it, matches lexicon words
(data/lexicon.toml) and reads date expressions with a few small patterns over tokens:

- points: [relative] [day word] [weekday] DAY [MONTH[/MONTH] [YEAR [marker]]],
  MONTH YEAR, English MONTH DAY[, YEAR], numeric D/M/Y and Y/M/D;
- ranges: point connector point, the second end lending month and year to the first;
- YEAR-keyword YEAR («سال ۲۰۱۱»), part-of-year [keyword] YEAR («اواخر ۲۰۲۴»), a year
  with a calendar marker («2020م»), a bare year after a preposition («في 2023»);
- a day or month followed by a year named from the reference day («يونيو من العام الماضي»,
  «۱۲ خرداد سال گذشته», "October next year"): that year of the month's calendar; a part of
  such a year («أواخر العام الماضي», "early next year");
- anaphora («يوم 25 من الشهر ذاته»), relative days («اليوم», «فردا»), a month name
  echoing a month named with its year earlier in the text («پیمان ژانویه»);
- a date right after another, inside parentheses (either orientation) or after
  «برابر با»/«الموافق», is a gloss of it (`gloss_of`);
- numeric dates in any digits and spacing, months as M/Y or Y/M, two-digit years
  (`suspect`), days and years written as words (`numeric`, `points`; words in
  data/forms.toml); seasons, quarters, halves, parts of a month, decades, centuries and
  holidays with their year (`spans`, data/holidays.toml); a month of one calendar with a
  year of another (`mixed`).

Then missing years are inferred (status `inferred`, the note says from what), and
`mctimeline.reconcile` checks weekdays and glosses. Bounds come only from
`mctimeline.calendars`; a date the core refuses is `invalid` with the core's message.

By concern: `tokens` (tokens, and the lexicon forms and numbers read at each), `points`
(one end of a date as written), `numeric` (numeric dates, numbers as words), `spans`
(spans named whole), `mixed` (mixed calendars), `scan` (the scanner's patterns), `deixis`,
`offsets` and `weekdays` (times named from a reference day), `tense`, `resolve` (candidates to
days, years not written), `relative` (relative days and the publication day); this module
is the entry point (`tag`) and turns resolved candidates into mentions.
"""

from __future__ import annotations

import datetime as dt

from mctimeline import published as published_mod
from mctimeline.gcpause import paused_gc
from mctimeline.lexicon import lexicon
from mctimeline.mentions import Mention
from mctimeline.normalize import Language, Normalized, detect_language, normalize
from mctimeline.published import Published
from mctimeline.reconcile import Reading, WeekdayCheck, new_reading, reconcile
from mctimeline.records import maker
from mctimeline.tagger.days import _span
from mctimeline.tagger.relative import _relative_bounds, publication_date, publication_day
from mctimeline.tagger.resolve import _Resolved, _Resolver
from mctimeline.tagger.roles import role_of
from mctimeline.tagger.scan import Tok, _make_tokens, _Scanner

__all__ = [
    "PublishedArg",
    "Tok",
    "_Resolver",
    "_Scanner",
    "_make_tokens",
    "_span",
    "publication_date",
    "publication_day",
    "tag",
]


# --- public API -------------------------------------------------------------------------------


PublishedArg = str | dt.date | Published | None


def tag(text: str, lang: str = "auto", published: PublishedArg = None) -> list[Mention]:
    """Every date mention in `text`, in text order, with offsets into `text` as given.

    Pure: no I/O, the same output for the same input; never raises on a str.
    `lang` is fa, ar, en or auto (decided by `normalize.detect_language`).
    `published` is the day the text was published (a date, an ISO 8601 string such
    as "2015-08-11" or "2015-08-11T09:30+03:00", or a Published); relative days
    («أمس», «امروز») are counted from it and a day written without a year («14 يوليو»)
    takes the year that puts it nearest to it. Without it a day the text itself dates
    as «today» is used, if any; each such mention's note says which (ValueError: a
    `published` that is not ISO 8601).
    """
    pub = published if isinstance(published, Published) else published_mod.given(published)
    if not isinstance(text, str) or not text:
        return []
    # Left on, the collector's passes over the whole process's heap (large in a corpus
    # build) cost as much as a quarter of tagging.
    with paused_gc():
        return _tag(text, lang, pub)


def _tag(text: str, lang: str, published: Published | None = None) -> list[Mention]:
    language: Language = detect_language(text) if lang not in ("fa", "ar", "en") else lang  # type: ignore[assignment]
    norm = normalize(text)
    scanner = _Scanner(norm, lexicon(language), language)
    cands = scanner.scan()
    resolved = _Resolver(scanner, cands, published).resolve()
    index_of: dict[int, int] = {}
    readings: list[Reading] = []
    reckonings = []  # how each reading is dated from a reference day, if it is
    for n, r in enumerate(resolved):
        if r is None:
            continue
        index_of[n] = len(readings)
        readings.append(_reading(scanner, r, norm, index_of, readings))
        reckonings.append(r.reckon)
    mentions = reconcile(readings, language)
    return _relative_bounds(text, mentions, published, reckonings, language)


# A Mention made from its fields' values in order (see `_reading`).
_new_mention = maker(Mention)


def _reading(
    scanner: _Scanner, r: _Resolved, norm: Normalized, index_of: dict[int, int], readings: list[Reading]
) -> Reading:
    c = r.cand
    start, end = norm.original_span(*scanner.token_span(c.first, c.last))
    gloss_of = index_of.get(c.gloss_of) if c.gloss_of is not None else None
    if gloss_of is not None and (r.calendar == "relative" or r.calendar == readings[gloss_of].calendar):
        gloss_of = None  # a gloss is in a second calendar
    note, status = r.note, r.status
    form_note, form_status = c.extra.get("form_note"), c.extra.get("form_status")
    if form_note:
        # what the form itself says (tagger/mixed.py, tagger/forms.py): the status only worsens
        note = f"{note}; {form_note}" if note else str(form_note)
        status = str(form_status) if form_status and status in ("ok", "inferred") else status
    # made once, with its final fields (a `replace` per change cost more than the rest of it), slot
    # by slot: the frozen `__init__` sets each field through object.__setattr__, a few times what
    # the slots' own descriptors cost. The values are in Mention's field order.
    mention = _new_mention(
        (
            start,
            end,
            norm.original[start:end],
            r.calendar,
            r.start_date,
            r.end_date,
            r.precision,
            status,
            note,
            gloss_of,
            _edtf(r),
            role_of(scanner, c.first, c.last),
        )
    )
    checks = []
    if r.start_date and r.status != "invalid":
        for named, which, word in r.weekdays:
            day = r.start_date if which == "first" else r.end_date
            checks.append(WeekdayCheck(named, day, word))
    return new_reading((mention, r.calendar, r.first, r.last, tuple(checks)))


_EDTF_FORMATS = ("", "%04d", "%04d-%02d", "%04d-%02d-%02d")


def _edtf(r: _Resolved) -> str:
    """The written date, EDTF-style: 1403, 1403-03, 1403-03-07, or 1403-03-07/1403-03-09."""
    if r.calendar == "relative" or not r.first or not r.first[0]:
        return ""
    if "edtf" in r.cand.extra:  # a span named whole (tagger/spans.py): a season, a decade, ...
        return str(r.cand.extra["edtf"])
    if r.precision == "part-of-year":
        return f"{r.first[0]:04d}-{36 + (r.first[1] + 3) // 4:02d}"  # EDTF quadrimesters 37, 38, 39
    first, last = _edtf_end(r.first), _edtf_end(r.last)
    return first if first == last else f"{first}/{last}"


def _edtf_end(parts: tuple[int, ...]) -> str:
    """One end of `_edtf`: 1403, 1403-03 or 1403-03-07 (a module function, not a closure made
    again for every mention)."""
    if 1 <= len(parts) <= 3:  # one %-format: half what formatting each part costs
        return _EDTF_FORMATS[len(parts)] % parts
    return "-".join(f"{v:04d}" if n == 0 else f"{v:02d}" for n, v in enumerate(parts))
