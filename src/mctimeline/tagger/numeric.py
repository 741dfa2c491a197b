"""Numeric dates: numbers joined by / - or . in any digits and spacing.

- D/M/Y and Y/M/D («27/5/2025», «۱۴۰۲/۰۵/۱۰», «٣ /٧ /١٤٤٣هـ» with a calendar marker);
- M/Y and Y/M, a month («7/2016», «2016.7», «2016-07»);
- D/M/YY with a two-digit year («21/09/18»): read as 20YY and marked `suspect`, since the
  century and the order (YY/MM/DD) cannot be told from the numbers;
- English numbers are month first when the day cannot be a month (09/21/2018) and are
  `suspect` when both orders give a day; Arabic and Persian ones are day first, month
  first only when the second number cannot be a month.

A number after a word naming a document («القرار رقم 7/2016») is not a date.
"""

from __future__ import annotations

from mctimeline.lexicon import number_words
from mctimeline.tagger.points import Candidate, Point, _PointReader

_SEPARATORS = frozenset("/-.")


class _NumericReader(_PointReader):
    """Reads numeric dates."""

    def year_calendar(self, year: int, marker: str | None) -> str | None:
        """The calendar of a year written without a month: its marker, else its size and the language."""
        if marker is not None:
            return marker
        years = self.lex.years
        lo, hi = years["gregorian"]
        if lo <= year <= hi:
            return "gregorian"
        for cal in ("jalali", "hijri"):
            rng = years.get(f"{self.lang}_{cal}")
            if rng and rng[0] <= year <= rng[1]:
                return cal
        return None

    def _calendar_at(self, year: int, k: int) -> tuple[str | None, int]:
        """The calendar of a numeric date whose numbers end before token k, and where it ends:
        a calendar marker at k (taken into the date), else the calendar of the year's size."""
        marker = self.marker_at(k)
        if marker is not None:
            return marker
        return self.year_calendar(year, None), k

    def _number_run(self, i: int, count: int) -> tuple[list[str], str, int] | None:
        """`count` numbers from token i joined by one separator, and the token after them.

        Spaces around / and - are allowed («٣ /٧ /١٤٤٣هـ»); a dot only glued («2016.7»).
        """
        toks, sp = self.toks, self._spaced
        if not toks[i].isdecimal():
            return None  # «أيار-0»: a word first (the every-token scan tries words too)
        nums, sep, k = [toks[i]], "", i + 1
        for _ in range(count - 1):
            if k + 1 >= self._n:
                return None
            s, b = toks[k], toks[k + 1]
            if s not in _SEPARATORS or not b.isdecimal() or (sep and s != sep):
                return None
            if s == "." and (sp[k] or sp[k + 1]):
                return None
            sep = s
            nums.append(b)
            k += 2
        return nums, sep, k

    def _run_is_whole(self, i: int, k: int) -> bool:
        """No number or separator glued on either side: «1.5.2020.3» is not a date."""
        sp = self._spaced
        after = self.tok(k)
        glued = after is not None and not sp[k] and (after.isdecimal() or after in _SEPARATORS)
        # a full stop ends the sentence; a dot before a number goes on («1.5.2020.3»)
        if glued and not (after == "." and (k + 1 >= self._n or not self.toks[k + 1].isdecimal())):
            return False
        prev = self.tok(i - 1)
        if prev is not None and not sp[i] and (prev.isdecimal() or prev in "/-.+"):
            return False
        return not self._names_a_document(i)

    def _names_a_document(self, i: int) -> bool:
        for back in (1, 2):
            m = self.match(i - back, "reference") if i - back >= 0 else None
            if m is not None and m[1] == i:
                return True
        return False

    def numeric_at(self, i: int) -> Candidate | None:
        return self._day_numeric(i) or self._month_numeric(i)

    def _day_numeric(self, i: int) -> Candidate | None:
        """D/M/Y, Y/M/D or D/M/YY."""
        run = self._number_run(i, 3)
        if run is None:
            return None
        (a, b, c), _, k = run
        if not self._run_is_whole(i, k):
            return None
        notes: list[str] = []
        if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
            y, m, d = int(a), int(b), int(c)
        elif len(a) <= 2 and len(b) <= 2 and len(c) in (2, 4):
            y, m, d = int(c), int(b), int(a)
            if (self.lang == "en" and d <= 12) or (m > 12 and d <= 12 and len(c) == 4):
                # month first: English when the first number can be a month ("27/01/2024" is
                # day first in any language), or a second number that cannot be a month (with
                # a four-digit year only: «12.30.45» is a time)
                m, d = d, m
            if self.lang == "en" and m <= 12 and d <= 12 and m != d:
                notes.append(f"{a}/{b}/{c} is read month first (English); day first: day {a} of month {b}")
            if len(c) == 2:
                if self.lang == "fa":
                    return None  # a Persian two-digit year is Jalali or Gregorian: not told here
                y = 2000 + y
                note = f"two-digit year {c} read as {y}; it could be {y - 100}"
                if 1 <= int(b) <= 12 and 1 <= int(c) <= 31:
                    note += f", or the numbers could be year/month/day (20{a}-{b}-{c})"
                notes.append(note)
        else:
            return None
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None
        calendar, k = self._calendar_at(y, k)
        if calendar is None:
            return None
        extra: dict[str, object] = {"form_status": "suspect", "form_note": "; ".join(notes)} if notes else {}
        return Candidate("date", i, k, Point(i, k, day=d, month=m, calendar=calendar, year=y), extra=extra)

    def _month_numeric(self, i: int) -> Candidate | None:
        """M/Y («7/2016») or Y/M («2016.7», «2016/07», «2016-07»): a month."""
        run = self._number_run(i, 2)
        if run is None:
            return None
        (a, b), sep, k = run
        if self._spaced[i + 1] or self._spaced[i + 2] or not self._run_is_whole(i, k):
            return None
        if len(a) <= 2 and len(b) == 4 and sep == "/":
            m, y = int(a), int(b)
        elif len(a) == 4 and len(b) <= 2:
            y, m = int(a), int(b)
        else:
            return None
        if not 1 <= m <= 12 or self._cue_after(k):
            return None  # «2016.7 مليون»: an amount
        calendar, k = self._calendar_at(y, k)
        if calendar is None:
            return None
        return Candidate("date", i, k, Point(i, k, month=m, calendar=calendar, year=y))

    # --- numbers written as words -------------------------------------------------------

    def spelled_number(self, i: int) -> tuple[int, int] | None:
        """A number written as words at token i («دو هزار و نوزده», «ألفين وعشرين») and the
        token after it; None if no number word stands there."""
        words = number_words(self.lang)
        total = current = 0
        end = None
        k = i
        while k < self._n:
            t = self.toks[k]
            if t == "و" and k > i:
                k += 1
                continue
            value = words.get(t)
            if value is None and k > i and len(t) > 1 and t[0] == "و":
                value = words.get(t[1:])  # «وعشرين»
            if value is None:
                break
            if value == 1000:
                total += (current or 1) * 1000
                current = 0
            else:
                current += value
            k += 1
            end = k
        return None if end is None else (total + current, end)

    def spelled_year(self, i: int) -> tuple[int, str | None, int] | None:
        """A year written as words at token i (after a year keyword), with its marker."""
        got = self.spelled_number(i)
        if got is None or got[0] < 1000:
            return None
        year, k = got
        marker = self.marker_at(k)
        if marker is not None:
            return year, marker[0], marker[1]
        if self.year_calendar(year, None) is None:
            return None
        return year, None, k

    def short_jalali_year(self, i: int) -> tuple[int, str | None, int] | None:
        """A two-digit Persian year after a year keyword («سال ۹۴», «سال‌های ۹۴ تا ۹۵»): Jalali,
        1400-1429 for 00-29 and 1330-1399 for 30-99 (the tagger's Jalali years); the century is
        not written, so the caller marks it inferred."""
        if self.lang != "fa" or i >= self._n:
            return None
        t = self.toks[i]
        if not t.isdecimal() or len(t) != 2 or self._glued_number(i) or self._cue_after(i + 1):
            return None
        if self.match(i + 1, "month") is not None or self.marker_at(i + 1) is not None:
            return None  # «سال ۱۵ خرداد», «سال ۹۰ میلادی»: not a Jalali year of two digits
        yy = int(t)
        return (1400 + yy if yy < 30 else 1300 + yy), None, i + 1

    def short_year_at(self, i: int) -> Candidate | None:
        """«انتخابات ۷۶»: a two-digit Persian year after a word for an event known by its year."""
        head = self.match(i - 1, "short_year_head") if i > 0 else None
        if head is None or head[1] != i:
            return None
        ys = self.short_jalali_year(i)
        if ys is None:
            return None
        year, _, k = ys
        note = f"a two-digit year: read as Jalali {year}, the century not written"
        extra: dict[str, object] = {"keyword": True, "form_status": "inferred", "form_note": note}
        return Candidate("year", i, k, Point(i, k, year=year), extra=extra)
