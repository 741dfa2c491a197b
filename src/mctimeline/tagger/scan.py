"""The scanner: date expressions found in a normalized text's token stream.

`_Scanner.scan` reads points (`points`: [relative] [day word] [weekday] DAY [MONTH [YEAR
[marker]]]), numeric dates, ranges, year keywords, parts of years, relative days, anaphora
and echoes as `Candidate`s, before any of them is resolved to days (`resolve`). Tokens and
the lexicon forms and numbers read at each are `tokens`.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress, count
from operator import or_

from mctimeline.lexicon import START_KINDS, Lexicon
from mctimeline.normalize import Normalized
from mctimeline.tagger.deixis import (
    deixis_at,
    part_of_period_at,
    with_direction,
    with_weekday_after,
)
from mctimeline.tagger.mixed import mixed_calendar
from mctimeline.tagger.points import _DATE_SEPARATORS, POINT_START_KINDS, Candidate, Point
from mctimeline.tagger.spans import SPAN_KINDS, _SpanReader
from mctimeline.tagger.tokens import (
    _COMMAS,
    _GLOSS_SLASH,
    _PARENS,
    _SENTENCE_END,
    _TIGHT,
    Tok,
    _make_tokens,
)

__all__ = ["_SENTENCE_END", "Candidate", "Point", "Tok", "_Scanner", "_make_tokens"]

# The kinds a first word of «الأشهر التسعة الأولى», «شش ماه اول», "first nine months" has.
_FIRST_MONTHS_KINDS = frozenset({"count", "stretch_count", "months_counted", "months_first"})


class _Scanner(_SpanReader):
    """Reads candidates out of the token stream of one text."""

    def __init__(self, norm: Normalized, lex: Lexicon, lang: str) -> None:
        super().__init__(norm, lex, lang)
        # (month, calendar) -> the latest candidate so far naming that month with a year, and
        # the year: what an echo («پیمان ژانویه») takes its year from, looked up, not rescanned
        # (a scan back over every earlier candidate made a text of many echoes quadratic).
        self._named_months: dict[tuple[int, str | None], tuple[Candidate, int]] = {}

    # --- expressions ------------------------------------------------------------------

    def date_at(self, i: int) -> Candidate | None:
        p1 = self.point(i)
        if p1 is None:
            return None
        j = self.connector(p1.last, day_only=p1.month is None and p1.day is not None)
        if j is not None:
            p2 = self.point(j)
            if p2 is not None and self._range_ok(p1, p2):
                return Candidate("date", p1.first, p2.last, p1, p2)
        if p1.day is not None and p1.month is None and not p1.anaphora:
            return None
        if p1.month is None and not p1.anaphora:
            # A relative word with a weekday («اليوم الأربعاء») and no date.
            if p1.relative is not None and p1.weekday is not None:
                return Candidate("relative", p1.first, p1.last, p1)
            return None
        if p1.month is not None and p1.day is None and p1.year is None and not p1.year_anaphora:
            return None  # a bare month: see echo_at
        if p1.month_entry is not None and p1.month_entry.ambiguous and p1.day is None and p1.year is None:
            return None if not p1.year_anaphora else Candidate("date", p1.first, p1.last, p1)
        return Candidate("date", p1.first, p1.last, p1)

    @staticmethod
    def _range_ok(p1: Point, p2: Point) -> bool:
        if p2.month is None and not p2.anaphora:
            return False
        if p1.day is not None and p1.month is None:
            return p2.day is not None
        if p1.month is None:
            return False
        if (p1.day is None) != (p2.day is None):
            return False
        if p1.day is None:
            return p2.year is not None  # ژوئن ۲۰۲۲ تا فوریه ۲۰۲۳
        return True

    def part_at(self, i: int) -> Candidate | None:
        part = self.match(i, "part")
        if part is None:
            return None
        j = part[1]
        t = self.tok(j)
        if t is not None and t in "-–" and not self._spaced[j]:
            j += 1
        ys = self.year_slot(j)
        if ys is None:
            return part_of_period_at(self, i, j, part[0].value)  # «أواخر العام الماضي»
        year, marker, k = ys
        p = Point(i, k, year=year, marker=marker)
        return Candidate(
            "part", i, k, p, part=part[0].value, extra={"keyword": self.is_kind(j, "year_keyword")}
        )

    def keyword_year_at(self, i: int) -> Candidate | None:
        kw = self.match(i, "year_keyword")
        if kw is None:
            return None
        ys = self.year_slot(i) or self.spelled_year(kw[1])  # «سال دو هزار و نوزده»
        extra: dict[str, object] = {"keyword": True}
        if ys is None:
            ys = self.short_jalali_year(kw[1])  # «سال ۹۴»
            if ys is None:
                return None
            extra.update(short=True, form_status="inferred")
        year, marker, k = ys
        cand = self._year_range(Candidate("year", i, k, Point(i, k, year=year, marker=marker), extra=extra))
        if extra.get("short"):
            last = cand.p2.year if cand.p2 is not None else year
            span = str(year) if last == year else f"{year}-{last}"
            extra["form_note"] = f"a two-digit year: read as Jalali {span}, the century not written"
        return cand

    def _year_range(self, cand: Candidate, joined: bool = False) -> Candidate:
        """«از سال ۲۰۱۱ تا ۲۰۱۴», «2020-2024»: a range of whole years is one mention; `joined`:
        after «بين»/"between", «و»/"and" joins the two ends too."""
        j = self.connector(cand.last, day_only=joined)
        if j is None:
            return cand
        ys = self.year_slot(j)
        if ys is None and cand.extra.get("short"):
            ys = self.short_jalali_year(j)  # «سال‌های ۹۴ تا ۹۵»
        if ys is None or ys[0] <= (cand.p1.year or 0) or self._cue_after(ys[2]):
            return cand
        year, marker, k = ys
        cand.p2 = Point(j, k, year=year, marker=marker)
        cand.last = k
        return cand

    def bare_year_at(self, i: int) -> Candidate | None:
        year = self.year_at(i)
        if year is None:
            return None
        prev = self.tok(i - 1)
        if prev is not None and not self._spaced[i] and prev not in _PARENS:
            return None  # glued to a word: «ارمیا-۲۰۲۳», «إكسبو2020»
        marker = self.marker_at(i + 1)
        if marker is not None and not (self.tok(i + 1) and self.toks[i + 1] in _TIGHT):
            cand = Candidate("year", i, marker[1], Point(i, marker[1], year=year, marker=marker[0]))
            return self._year_range(cand)
        if prev is None or not self._kind_before(i, "year_context"):
            return self._bare_year_range(i)
        cand = self._year_range(Candidate("year", i, i + 1, Point(i, i + 1, year=year), extra={"bare": True}))
        nxt = self.tok(cand.last)
        if nxt is not None and (
            nxt in (":", "-", "–", "/") or self._cue_after(cand.last) or self._amount_range_after(cand.last)
        ):
            return None  # «۲۰۲۵: تحول جهان», an amount («از 2000 تا 3000 نفر»)
        return cand

    def _bare_year_range(self, i: int) -> Candidate | None:
        """Two years joined as a range with no preposition a year needs: after a word that opens
        a range («من 2010 حتى 2013», «بين 2009 و2012»), or glued by a dash («2009-2012»)."""
        # the two cheap tests first: most years stand alone (a second end needs tokens i+1, i+2)
        opened = self._kind_before(i, "range_opener")
        toks, spaced = self.toks, self._spaced
        dash = i + 2 < self._n and toks[i + 1] in "-–" and not spaced[i + 1] and not spaced[i + 2]
        if not (opened or dash) or self._names_a_document(i):
            return None
        first = Candidate("year", i, i + 1, Point(i, i + 1, year=self.year_at(i)), extra={"bare": True})
        cand = self._year_range(first, joined=opened)
        p2 = cand.p2
        if p2 is None or p2.year is None or p2.year - (cand.p1.year or 0) > 100:
            return None
        nxt = self.tok(cand.last)
        if nxt is not None and (nxt in (":", "-", "–", "/") or self._cue_after(cand.last)):
            return None
        return cand

    def relative_at(self, i: int) -> Candidate | None:
        rel = self.match(i, "relative")
        if rel is None:
            return None
        entry, j = rel
        prev = self.tok(i - 1)
        if prev is not None and self.is_kind(i - 1, "nowadays"):
            return None
        nxt = self.tok(j)
        if nxt is not None and (self.is_kind(j, "relative") or self.is_kind(j, "relative_blocker")):
            return None  # «أمس الأول», «اليوم التالي» (the next day)
        if entry.value != 0 or j - i > 1:
            # a day other than today, or today named with a part of it («فجر اليوم», "this
            # morning"), cannot be 'nowadays': no verb needed (but an English word alone, which
            # also heads noun phrases: "yesterday's talks")
            if j - i == 1 and entry.lang == "en" and not self._verb_near(i, j, before=3, after=3):
                return None
            return Candidate("relative", i, j, Point(i, j, relative=entry.value))
        if entry.lang == "fa":
            ok = self._verb_near(i, j, before=0, after=10)
        elif entry.lang == "ar":
            ok = self._verb_near(i, j, before=6, after=2)
        else:
            ok = self._verb_near(i, j, before=3, after=3)
        if not ok:
            return None
        return Candidate("relative", i, j, Point(i, j, relative=entry.value))

    def _verb_near(self, i: int, j: int, before: int, after: int) -> bool:
        toks = self.toks
        k = i - 1
        while k >= 0 and i - k <= before and toks[k] not in _SENTENCE_END and toks[k] not in _COMMAS:
            if self._is_verb(k) or self.is_kind(k, "act_verb"):
                return True
            k -= 1
        k = j
        while k < len(toks) and k - j < after and toks[k] not in _SENTENCE_END:
            if toks[k] in _COMMAS and k > j:
                break
            if self._is_verb(k) or self.is_kind(k, "act_verb"):
                return True
            k += 1
        return False

    def _is_verb(self, k: int) -> bool:
        if self.is_kind(k, "verb"):
            return True
        text = self.toks[k]
        # Arabic clitics: «وقال», «فأعلن».
        return len(text) > 3 and text[0] in "وف" and self.lex.lookup(text[1:], "verb") != ()

    def echo_at(self, i: int) -> Candidate | None:
        month = self.match(i, "month")
        if month is None or not month[0].echo:
            return None
        entry, j = month
        prev, nxt = self.tok(i - 1), self.tok(j)
        if (prev is not None and prev.isdecimal()) or (nxt is not None and nxt.isdecimal()):
            return None
        named = self._named_months.get((entry.value, entry.calendar))
        if named is None:
            return None
        source, year = named
        q = Point(i, j, month=entry.value, calendar=entry.calendar, month_entry=entry)
        return Candidate("echo", i, j, q, extra={"year": year, "source": source})

    def _remember_months(self, c: Candidate) -> None:
        """Note the months `c` names with a year (its second end last: it is the nearer)."""
        for p in (c.p1, c.p2):
            if p is not None and p.month and p.year:
                self._named_months[(p.month, p.calendar)] = (c, p.year)

    # --- the whole text ------------------------------------------------------------------

    def scan(self, every_token: bool = False) -> list[Candidate]:
        """The candidates in text order; `every_token` tries the patterns at every token
        (the reference the skipping below must agree with; tests compare the two)."""
        found: list[Candidate] = []
        self._named_months = {}  # of this scan's candidates only
        toks = self.toks
        # Only a number or a token that begins a lexicon form of a START_KIND can begin a
        # date (every *_at below returns None elsewhere), so the others are skipped.
        prefixes, start_keys = self.lex.start_prefixes, self.lex.start_keys
        anchors: Iterable[int]
        if every_token:
            anchors = range(len(toks))
        else:
            anchors = compress(count(), map(or_, map(str.isdecimal, toks), map(prefixes.__contains__, toks)))
        last = len(toks) - 1
        free = 0  # the first token not inside the last candidate
        gloss_anchor: tuple[int, int] | None = None  # (candidate index, token where its gloss would start)
        for i in anchors:
            if i < free:
                continue
            if every_token:
                cand = (
                    self.first_months_at(i)
                    or self.part_at(i)
                    or self.keyword_year_at(i)
                    or self.date_at(i)
                    or self.numeric_at(i)
                    or self.century_digits_at(i)
                    or self.short_year_at(i)
                    or self.decade_digits_at(i)
                    or self.bare_year_at(i)
                    or self.relative_at(i)
                    or deixis_at(self, i)
                    or self.echo_at(i)
                    or self.span_at(i)
                    or self.month_alone_at(i)
                )
            elif toks[i].isdecimal():
                # a number begins no lexicon form: only the patterns that start with a number,
                # and of those only the ones that read a number of its size
                size = len(toks[i])
                if size <= 2:  # a day (date_at), or D of D/M/Y; never a year
                    after = self.kinds(i + 1)
                    if not after and self.tok(i + 1) not in _DATE_SEPARATORS:
                        # a count («۱۲ کشور»): every pattern but short_year_at (which reads the
                        # word before) needs a lexicon form or a separator next
                        cand = self.short_year_at(i)
                    else:
                        cand = ("months_counted" in after and self.first_months_at(i)) or self.date_at(i)
                        cand = cand or self.numeric_at(i) or self.century_digits_at(i)
                        cand = cand or self.short_year_at(i) or deixis_at(self, i)
                elif size == 4:  # Y of Y/M/D or a year alone; never a day, so no date_at
                    nxt = self.tok(i + 1)  # a numeric date needs a separator next, a decade its «s»
                    cand = (
                        (nxt in _DATE_SEPARATORS and self.numeric_at(i))
                        or (nxt in ("s", "'s") and self.decade_digits_at(i))
                        or self.bare_year_at(i)
                    )
                else:
                    cand = None  # no pattern reads 3 digits or 5 and more
            else:
                # a word: only the patterns whose first form it begins (numbers are not words).
                # «و», «به»: a start form is this word alone or goes on into the next token.
                word = toks[i]
                if word not in start_keys and (i == last or word + toks[i + 1] not in prefixes):
                    continue
                kinds = self.kinds(i)
                if START_KINDS.isdisjoint(kinds):
                    continue  # a prefix of a form («به» of «بهمن») that does not complete one here
                # «قبل», "last", «آغاز», «منذ»: no point begins at them, so no date_at
                dates = not POINT_START_KINDS.isdisjoint(kinds)
                cand = (
                    (not _FIRST_MONTHS_KINDS.isdisjoint(kinds) and self.first_months_at(i))
                    or ("part" in kinds and self.part_at(i))
                    or ("year_keyword" in kinds and self.keyword_year_at(i))
                    or (dates and self.date_at(i))
                    or ("relative" in kinds and self.relative_at(i))
                    or deixis_at(self, i)
                    or ("month" in kinds and self.echo_at(i))
                    or (not SPAN_KINDS.isdisjoint(kinds) and self.span_at(i))
                    or ("month" in kinds and self.month_alone_at(i))
                    or None
                )
            if cand is None:
                continue
            if cand.first < free:
                # it reached back into the candidate before for a word that made it a date
                # («۲۷ همان ماه خرداد»: «ماه» is already the anaphora's): that word is spent
                continue
            if self._in_a_name(cand):
                free = cand.last  # «خیابان ۱۷ شهریور»: a street, not a day; its words are done
                continue
            mixed_calendar(cand, self.lex.years, self.lang)
            cand = with_weekday_after(self, with_direction(self, cand))  # «9 سبتمبر الماضي», «... شنبه»
            if gloss_anchor is not None and gloss_anchor[1] == cand.first and cand.kind in ("date", "year"):
                cand.gloss_of = gloss_anchor[0]
            found.append(cand)
            self._remember_months(cand)
            gloss_anchor = self._gloss_start(len(found) - 1, cand.last)
            free = cand.last
        return found

    def _in_a_name(self, c: Candidate) -> bool:
        """A yearless day and month right after a name's head word: part of a proper name
        («ميدان 30 يونيو»). A year of a numbered document («القرار رقم 1747 لعام 2007») stays a
        mention, noted as the year of a reference."""
        if c.kind == "year" and c.first >= 2 and self.toks[c.first - 1].isdecimal():
            if self._kind_before(c.first - 1, "reference"):
                a, b = self.token_span(c.first - 2, c.first)
                words = self.norm.original[slice(*self.norm.original_span(a, b))]
                c.extra["form_note"] = f"the year of a numbered reference («{words}»), not of an event"
            return False
        if c.kind != "date" or c.p2 is not None or c.p1.year is not None or c.p1.day is None:
            return False
        return self._kind_before(c.first, "name_head")

    def _gloss_start(self, index: int, j: int) -> tuple[int, int] | None:
        seen = False
        for _ in range(4):
            t = self.tok(j)
            if t is None:
                return None
            if t in _PARENS or (t == _GLOSS_SLASH and not seen):
                seen = True  # «(…)», «)…(», «1 رمضان 1446هـ/1 مارس 2025م»
                j += 1
                continue
            if t in _COMMAS:
                j += 1
                continue
            intro = self.match(j, "gloss_intro")
            if intro is not None:
                seen = True
                j = intro[1]
                continue
            break
        return (index, j) if seen else None
