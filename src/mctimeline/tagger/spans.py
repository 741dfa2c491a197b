"""Spans named whole: seasons, quarters and halves of a year, parts of a month, decades,
centuries and holidays, each with its year written.

- «زمستان ۱۴۰۱» is the Jalali year's last three months (Iran's seasons are its calendar's
  quarters); «ربيع 2012», "summer 2019" are the meteorological months, said in the note
  (a Gregorian winter runs into the next year, so it is `inferred`);
- «الربع الأول من عام 2019», «نیمه دوم سال ۱۴۰۲»: three or six months of that year;
- «۹ ماهه نخست ۱۴۰۳», «الأشهر التسعة الأولى من عام 2024», "the first nine months of 2024":
  months 1 to N of that year (or of a year named from the reference day);
- «أواخر شهر أبريل 2019», «اواسط آذر ۱۴۰۱»: the month, the note saying which part (the
  words do not say which days);
- «دهه ۱۳۷۰», «دهه هفتاد», «التسعينيات»: ten years; with the century unwritten it is the
  13xx of Jalali (Persian) or the 19xx of Gregorian (Arabic, «میلادی»), `inferred`;
- «قرن نوزدهم میلادی», «القرن الرابع عشر الهجري»: years (N-1)*100+1 to N*100;
- holidays (data/holidays.toml) with a year: «عيد الأضحى 2016» is 10 Dhu al-Hijjah of the
  Hijri year in which it falls in 2016.

A span is a `Candidate` of kind "span" whose `extra` carries its calendar, written ends and
precision, resolved through the core like any date (`resolve`), and its EDTF.
"""

from __future__ import annotations

from mctimeline.lexicon import Entry, holidays
from mctimeline.names import month_name
from mctimeline.tagger.deixis import bare_period_at, months_of_named_year, period_of_reference
from mctimeline.tagger.mixed import years_falling_in
from mctimeline.tagger.numeric import _NumericReader
from mctimeline.tagger.offsets import deictic
from mctimeline.tagger.points import Candidate, Point
from mctimeline.tagger.relative import Reckoning, text_calendar

# In the order they are tried at a token (a tuple: the order is part of the output).
_SPAN_ORDER = (
    "holiday", "season", "quarter", "half", "decade", "decade_head", "century_head", "part", "week_of_month",
)  # fmt: skip
SPAN_KINDS = frozenset(_SPAN_ORDER)
_SEASONS = ("spring", "summer", "autumn", "winter")
# The meteorological months of each season, for a Gregorian year: (first, last) month.
_GREGORIAN_SEASONS = ((3, 5), (6, 8), (9, 11), (12, 2))
_PART_WORDS = {1: "early in", 5: "in the middle of", 9: "late in"}


def _span(
    i: int,
    k: int,
    calendar: str,
    first: tuple[int, ...],
    last: tuple[int, ...],
    precision: str,
    edtf: str,
    note: str = "",
    status: str = "",
) -> Candidate:
    extra: dict[str, object] = {
        "calendar": calendar,
        "first": first,
        "last": last,
        "precision": precision,
        "edtf": edtf,
    }
    if note:
        extra["form_note"] = note
    if status:
        extra["form_status"] = status
    return Candidate("span", i, k, Point(i, k, year=first[0]), extra=extra)


def _years_edtf(first: int, last: int) -> str:
    return f"{first:04d}/{last:04d}"


class _SpanReader(_NumericReader):
    """Reads spans named whole."""

    def span_at(self, i: int) -> Candidate | None:
        kinds = self.kinds(i)
        for kind in _SPAN_ORDER:
            if kind not in kinds:
                continue
            entry, size = kinds[kind]
            found = getattr(self, f"_{kind}_at")(i, entry, i + size)
            if found is not None:
                return found  # type: ignore[no-any-return]
        return None

    def _year_after(self, j: int) -> tuple[int, str | None, int] | None:
        """YEAR [marker] after an optional «من»/"of" (and a year keyword)."""
        joiner = self.match(j, "anaphora_joiner")
        if joiner is not None:
            ys = self.year_slot(joiner[1])
            if ys is not None:
                return ys
        return self.year_slot(j)

    # --- parts of a year and of a month -------------------------------------------------

    def _season_at(self, i: int, entry: Entry, j: int) -> Candidate | None:
        ys = self._year_after(j)
        if ys is None:
            return self._season_of_named_year(i, j, entry.value)
        year, marker, k = ys
        cal = self.year_calendar(year, marker)
        s = entry.value
        season = _SEASONS[s - 1]
        if cal == "jalali":
            first, last = (year, 3 * s - 2), (year, 3 * s)
            return _span(i, k, cal, first, last, "part-of-year", f"{year:04d}-{20 + s}")
        if cal != "gregorian":
            return None
        m1, m2 = _GREGORIAN_SEASONS[s - 1]
        y2 = year + 1 if m2 < m1 else year
        note = (
            f"{season} {year} read as the meteorological months, {month_name('gregorian', m1)} to "
            f"{month_name('gregorian', m2)} {y2} (the astronomical season begins about the 21st)"
        )
        status = "inferred" if y2 != year else ""
        if status:
            note += f"; it may mean the winter that begins {year} instead"
        return _span(i, k, cal, (year, m1), (y2, m2), "part-of-year", f"{year:04d}-{20 + s}", note, status)

    def _quarter_at(self, i: int, entry: Entry, j: int) -> Candidate | None:
        return self._months_of_year(i, j, 3 * entry.value - 2, 3 * entry.value, 32 + entry.value)

    def _half_at(self, i: int, entry: Entry, j: int) -> Candidate | None:
        return self._months_of_year(i, j, 6 * entry.value - 5, 6 * entry.value, 39 + entry.value)

    def first_months_at(self, i: int) -> Candidate | None:
        """«۹ ماهه نخست ۱۴۰۳», «الأشهر التسعة الأولى من عام 2024», «أول ستة أشهر من العام
        الجاري», "the first nine months of 2024": months 1 to N of that year. The count before,
        between or after the words for months and first, as each language puts it; with no year
        after them, nothing («شش ماه اول پس از توافق» counts from something else)."""
        read = (
            self._in_order(i, ("count", "months_counted", "months_first"))
            or self._in_order(i, ("months_counted", "count", "months_first"))
            or self._in_order(i, ("months_first", "count", "months_counted"))
        )
        if read is None or not 2 <= read[0] <= 11:
            return None
        n, j = read
        ys = self._year_after(j)
        if ys is not None:
            year, marker, k = ys
            cal = self.year_calendar(year, marker)
            if cal is None:
                return None
            note = f"the first {n} months of the year, read as its months 1 to {n}"
            edtf = f"{year:04d}-01/{year:04d}-{n:02d}"
            return _span(i, k, cal, (year, 1), (year, n), "part-of-year", edtf, note)
        joiner = self.match(j, "anaphora_joiner")
        j = joiner[1] if joiner is not None else j
        named = period_of_reference(self, j, "year")  # «سال جاری», «العام الماضي», "last year"
        if named is not None:
            return months_of_named_year(i, named[1], named[0], 1, n, named[2])
        bare = bare_period_at(self, j)  # «أول ستة أشهر من العام», "the first six months of the year"
        if bare is None or bare[0] != "year":
            return None
        reckoning = Reckoning("months_of_year", 0, month=1, month2=n, system=bare[2], anchor="bare")
        return deictic(i, bare[1], reckoning)

    def _in_order(self, i: int, parts: tuple[str, ...]) -> tuple[int, int] | None:
        """The count and the token after `parts` read in this order from token i, or None."""
        n, k = 0, i
        for part in parts:
            if part == "count":
                found = self._small_count(k)
                if found is None:
                    return None
                n, k = found
                continue
            m = self.match(k, part)
            if m is None:
                return None
            k = m[1]
        return n, k

    def _small_count(self, k: int) -> tuple[int, int] | None:
        """A count of months at token k: one or two digits, or a number word («شش», «التسعة», "nine")."""
        t = self.tok(k)
        if t is not None and t.isdecimal():
            return (int(t), k + 1) if len(t) <= 2 else None
        for kind in ("count", "stretch_count"):
            m = self.match(k, kind)
            if m is not None:
                return m[0].value, m[1]
        return None

    def _season_of_named_year(self, i: int, j: int, s: int) -> Candidate | None:
        """«تابستان سال گذشته», «صيف العام الماضي», "last year's…": a season of a year named from the
        reference day, in the text's calendar (Jalali seasons are its quarters; Gregorian ones the
        meteorological months, and a winter, which runs into the next year, is left to the year)."""
        named = period_of_reference(self, j, "year")
        if named is None:
            return None
        n, k, system = named
        cal = system or text_calendar(self.lang)
        if cal == "jalali":
            return months_of_named_year(i, k, n, 3 * s - 2, 3 * s, system)
        m1, m2 = _GREGORIAN_SEASONS[s - 1]
        if cal != "gregorian" or m2 < m1:
            return None
        return months_of_named_year(i, k, n, m1, m2, system)

    def _months_of_year(self, i: int, j: int, m1: int, m2: int, code: int) -> Candidate | None:
        ys = self._year_after(j)
        if ys is None:
            named = period_of_reference(self, j, "year")  # «الربع الأول من العام الجاري»
            if named is None:
                return None
            n, k, system = named
            return months_of_named_year(i, k, n, m1, m2, system)
        year, marker, k = ys
        cal = self.year_calendar(year, marker)
        if cal is None:
            return None
        return _span(i, k, cal, (year, m1), (year, m2), "part-of-year", f"{year:04d}-{code}")

    def _part_at(self, i: int, entry: Entry, j: int) -> Candidate | None:
        """«أواخر شهر أبريل 2019», «اواسط آذر ۱۴۰۱», "mid-January": a part of a month, with its
        year or without one."""
        k = j
        t = self.tok(k)
        if t is not None and t in "-–" and not self._spaced[k]:
            k += 1  # "mid-January", as "mid-2023"
        prefix = self.match(k, "month_prefix")
        if prefix is not None:
            k = prefix[1]
        month = self.month_slot(k)
        if month is None:
            return None
        m, k = month
        note = f"{_PART_WORDS.get(entry.value, 'in part of')} the month: the words do not say which days"
        ys = self.year_slot(k)
        if ys is None:
            # «منتصف يناير», «اواسط اسفند», "mid-January": the part word makes even a name that
            # is also a common word a month; its year is the resolver's, as for a month alone
            p = Point(i, k, month=m.value, calendar=m.calendar, month_entry=m)
            return Candidate("date", i, k, p, extra={"form_note": note})
        year, marker, k = ys
        p = Point(i, k, month=m.value, calendar=m.calendar, year=year, marker=marker, month_entry=m)
        return Candidate("date", i, k, p, extra={"form_note": note})

    def _week_of_month_at(self, i: int, entry: Entry, j: int) -> Candidate | None:
        """"the first week of March", «الأسبوع الثاني من شهر مارس 2024», «هفته اول اسفند»: the
        month's days 7n-6 to 7n, with its year or without one (then the resolver's, as a month's)."""
        k = j
        prefix = self.match(k, "month_prefix")
        if prefix is not None:
            k = prefix[1]
        month = self.month_slot(k)
        if month is None:
            return None
        m, k = month
        first, last = 7 * entry.value - 6, 7 * entry.value
        ordinal = ("first", "second", "third", "fourth")[entry.value - 1]
        note = f"the {ordinal} week of the month, read as its days {first} to {last}"
        ys = self.year_slot(k)
        year, marker = (None, None) if ys is None else (ys[0], ys[1])
        k = k if ys is None else ys[2]
        p1, p2 = (
            Point(i, k, day=d, month=m.value, calendar=m.calendar, year=year, marker=marker, month_entry=m)
            for d in (first, last)
        )
        return Candidate("date", i, k, p1, p2, extra={"form_note": note})

    def month_alone_at(self, i: int) -> Candidate | None:
        """A month named with no day and no year: «في شعبان», «شهر أيلول», «آبان ماه», "in
        January". Its year is the resolver's to find (the reference day, the sentence); a name
        that is also a common word («آبان», «رجب») is a month only beside a word for month."""
        month = self.match(i, "month")
        if month is None:
            return None
        entry, j = month
        prev, nxt = self.tok(i - 1), self.tok(j)
        if (prev is not None and prev.isdecimal()) or (nxt is not None and nxt.isdecimal()):
            return None
        if entry.year_after or self.match(i, "month_not_alone"):
            return None  # «می» is also a verb prefix, «مه» fog
        first = i
        head = self._start_of_kind_before(i, "month_head")
        # «آبان ماه»: the month's form may already hold the word for month
        word = self.match(j, "month_word") or (j - 1 > i and self.match(j - 1, "month_word"))
        common = entry.ambiguous and entry.calendar != "hijri"
        slot = self.month_slot(i)
        k = slot[1] if slot is not None else j
        if head is not None:
            first = head
        elif (
            not word
            and (common or not self._kind_before(i, "year_context"))
            # «مارس من العام المقبل», «خرداد سال گذشته»: a year named after it makes it a month
            and period_of_reference(self, k, "year") is None
        ):
            return None
        p = Point(first, k, month=entry.value, calendar=entry.calendar, month_entry=entry)
        return Candidate("date", first, k, p)

    def _start_of_kind_before(self, i: int, kind: str) -> int | None:
        """The first token of a form of `kind` that ends right before token i, if any."""
        for back in (1, 2):
            m = self.match(i - back, kind) if i - back >= 0 else None
            if m is not None and m[1] == i:
                return i - back
        return None

    # --- decades and centuries -------------------------------------------------------------

    def _decade_at(self, i: int, entry: Entry, j: int) -> Candidate | None:
        """«التسعينيات» [«من القرن العشرين»|«القرن الماضي»]: ten Gregorian years."""
        tens, k = entry.value, j
        century = None
        joiner = self.match(k, "anaphora_joiner")
        head = self.match(joiner[1] if joiner else k, "century_head")
        if head is not None:
            ordinal = self.match(head[1], "day_name")
            if ordinal is not None:
                century, k = ordinal[0].value, ordinal[1]
        last = self.match(k, "last_century")
        if century is None and last is not None:
            k = last[1]
        marker = self.marker_at(k)
        if marker is not None and marker[0] == "gregorian":
            k = marker[1]
        if century is not None:
            first = (century - 1) * 100 + tens
            return _span(i, k, "gregorian", (first,), (first + 9,), "year", f"{first // 10:03d}X")
        first = 1900 + tens
        why = "«the last century», read as the 20th" if last is not None else "read as the 20th"
        note = f"the century is not written ({why}): the {first}s"
        edtf = f"{first // 10:03d}X"
        return _span(i, k, "gregorian", (first,), (first + 9,), "year", edtf, note, "inferred")

    def _decade_head_at(self, i: int, entry: Entry, j: int) -> Candidate | None:
        """«دهه ۱۳۷۰», «دهه هفتاد», «دهه ۹۰ میلادی»."""
        decade = self.match(j, "decade")
        if decade is not None:
            found = self._decade_at(j, decade[0], decade[1])
            if found is not None:
                found.first = found.p1.first = i
            return found
        t = self.tok(j)
        if t is None:
            return None
        if t.isdecimal() and len(t) in (2, 4):
            value, k = int(t), j + 1
        else:
            spelled = self.spelled_number(j)
            if spelled is None:
                return None
            value, k = spelled
        if value % 10:
            return None
        marker = self.marker_at(k)
        cal_marker = None
        if marker is not None:
            cal_marker, k = marker
        if value >= 1000:
            cal = self.year_calendar(value, cal_marker)
            if cal is None:
                return None
            return _span(i, k, cal, (value,), (value + 9,), "year", f"{value // 10:03d}X")
        if not 10 <= value <= 90:
            return None
        if cal_marker == "gregorian" or (cal_marker is None and self.lang != "fa"):
            cal, first = "gregorian", 1900 + value
        elif cal_marker in (None, "jalali"):
            cal, first = "jalali", 1300 + value
        else:
            return None
        note = f"the century is not written: read as the {first}s ({cal})"
        return _span(i, k, cal, (first,), (first + 9,), "year", f"{first // 10:03d}X", note, "inferred")

    def _century_head_at(self, i: int, entry: Entry, j: int) -> Candidate | None:
        """«قرن نوزدهم میلادی», «القرن التاسع عشر», «القرن الرابع عشر الهجري»."""
        ordinal = self.match(j, "day_name")
        if ordinal is not None:
            n, k = ordinal[0].value, ordinal[1]
        elif self.day_at(j) is not None:
            n, k = int(self.toks[j]), j + 1  # «القرن 19»
        else:
            return None
        return self._century(i, n, k)

    def century_digits_at(self, i: int) -> Candidate | None:
        """"the 19th century": a number, its ordinal suffix and the word for century."""
        suffix = self.match(i + 1, "day_suffix")
        if suffix is None or self._spaced[i + 1]:
            return None  # looked at first: most numbers have no suffix
        n = self.day_at(i)
        if n is None:
            return None
        head = self.match(suffix[1], "century_head")
        if head is None:
            return None
        return self._century(i, n, head[1])

    def decade_digits_at(self, i: int) -> Candidate | None:
        """"the 1990s": a year ending in 0 with a glued s."""
        year = self.year_at(i)
        s = self.tok(i + 1)
        if year is None or year % 10 or s not in ("s", "'s") or self._spaced[i + 1]:
            return None
        if self.year_calendar(year, None) != "gregorian":
            return None
        return _span(i, i + 2, "gregorian", (year,), (year + 9,), "year", f"{year // 10:03d}X")

    def _century(self, i: int, n: int, k: int) -> Candidate | None:
        marker = self.marker_at(k)
        note, status = "", ""
        if marker is not None:
            cal, k = marker
        elif n >= 16:
            cal = "gregorian"
        elif self.lang in ("fa", "ar"):
            cal = "jalali" if self.lang == "fa" else "hijri"
            note, status = f"no calendar written: the {n}th century read as {cal}", "inferred"
        else:
            return None
        if n > (21 if cal == "gregorian" else 15):
            return None
        first, last = (n - 1) * 100 + 1, n * 100
        return _span(i, k, cal, (first,), (last,), "year", _years_edtf(first, last), note, status)

    # --- holidays -----------------------------------------------------------------------

    def _holiday_at(self, i: int, entry: Entry, j: int) -> Candidate | None:
        """A holiday with its year («عيد الأضحى 2016», «نوروز ۱۴۰۲», "Christmas 2022"), or named from
        the reference day («عيد الأضحى المقبل», «نوروز سال آینده»: `_holiday_of_reference`)."""
        holiday = holidays()[entry.value]
        cal, month, day = holiday["calendar"], int(holiday["month"]), int(holiday["day"])
        ys = self._year_after(j)
        if ys is None:
            return _holiday_of_reference(self, i, j, cal, month, day)
        year, marker, k = ys
        year_cal = self.year_calendar(year, marker)
        notes = [str(holiday["note"])] if holiday.get("note") else []
        if year_cal == cal:
            y = year
        elif year_cal in ("gregorian", "jalali") and cal in ("hijri", "jalali"):
            # «عيد الأضحى 2016», «عاشورای ۱۴۰۲»: the one that falls in that year
            years = years_falling_in(cal, month, day, year_cal, year)
            if not years:
                return None
            y = years[0]
            name = f"{day} {month_name(cal, month)}"
            notes.append(f"the one in {year}: {name} {y}")
            if len(years) > 1:
                notes.append(f"{name} {years[1]} also falls in {year}")
        else:
            return None
        if cal == "hijri":
            notes.append("by Umm al-Qura; where it is kept the day may differ by one or two")
        edtf = f"{y:04d}-{month:02d}-{day:02d}"
        return _span(i, k, cal, (y, month, day), (y, month, day), "day", edtf, "; ".join(notes))


def _holiday_of_reference(s: _SpanReader, i: int, j: int, cal: str, month: int, day: int) -> Candidate | None:
    """«عيد الأضحى المقبل», «عيد الفطر الماضي», "last Christmas": the next or last one; «عید فطر
    امسال», "Nowruz next year": the one of that year. A holiday named with neither is left alone:
    which one it is the words do not say."""
    d = s.match(j, "direction_after")
    if d is not None and d[0].value in (-1, 1):
        reckon = Reckoning("yearless", direction=d[0].value, calendar=cal, month=month, day=day)
        return Candidate("relative", i, d[1], Point(i, d[1]), extra={"reckon": reckon})
    before = s.match(i - 1, "direction_before") if i > 0 else None
    if before is not None and before[1] == i and before[0].value in (-1, 1):  # "last Christmas"
        reckon = Reckoning("yearless", direction=before[0].value, calendar=cal, month=month, day=day)
        return Candidate("relative", i - 1, j, Point(i - 1, j), extra={"reckon": reckon})
    named = period_of_reference(s, j, "year")
    if named is None:
        return None
    n, k, system = named
    reckon = Reckoning("month_of_year", n, calendar=cal, month=month, day=day, system=system)
    return Candidate("relative", i, k, Point(i, k), extra={"reckon": reckon})
