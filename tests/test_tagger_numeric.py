"""Numeric dates, days and years written as words, year ranges, and numbers that are not
dates (tagger/numeric.py, tagger/points.py, tagger/scan.py; words in data/forms.toml).

Passages are composed in the style of news reports; expected days come from `datetime`
and ICU (tests/_forms.py), never from the tagger.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _forms import assert_one_day, dated, icu_day
from _forms import icu as _icu_fixture

icu = _icu_fixture  # ICU, the independent reference (a fixture)


@pytest.mark.parametrize(
    ("text", "lang", "words", "kind", "written"),
    [
        # spaced separators, Arabic-Indic digits and a glued Hijri marker
        ("صدر التعميم في ٣ /٧ /١٤٤٣هـ عن الوزارة.", "ar", "٣ /٧ /١٤٤٣هـ", "islamic-umalqura", (1443, 7, 3)),
        ("این بخشنامه در تاریخ ۱۴۰۲/۰۵/۱۰ ابلاغ شد.", "fa", "۱۴۰۲/۰۵/۱۰", "persian", (1402, 5, 10)),
        ("این بخشنامه روز ۱۴۰۲ / ۰۵ / ۱۰ ابلاغ شد.", "fa", "۱۴۰۲ / ۰۵ / ۱۰", "persian", (1402, 5, 10)),
        ("أعلنت الشركة نتائجها في 15/3/2025.", "ar", "15/3/2025", "gregorian", (2025, 3, 15)),
        ("وصل الوفد 14-يناير 2020 إلى بغداد.", "ar", "14-يناير 2020", "gregorian", (2020, 1, 14)),
        ("وقع الانفجار في 5- آب- 2022 قرب المرفأ.", "ar", "5- آب- 2022", "gregorian", (2022, 8, 5)),
        ("افتتح المعرض في 3. مايو 2019 بالقاهرة.", "ar", "3. مايو 2019", "gregorian", (2019, 5, 3)),
        ("وقع الاتفاق في 3 مارس، 2004 بين الطرفين.", "ar", "3 مارس، 2004", "gregorian", (2004, 3, 3)),
        # month first only because 21 cannot be a month
        ("أفادت الوثيقة المؤرخة 09/21/2018 بذلك.", "ar", "09/21/2018", "gregorian", (2018, 9, 21)),
    ],
)
def test_numeric_and_separated_days(
    icu: ModuleType, text: str, lang: str, words: str, kind: str, written: tuple[int, int, int]
) -> None:
    assert_one_day(icu, text, lang, words, kind, written)


@pytest.mark.parametrize(
    ("text", "lang", "words", "year", "month"),
    [
        ("بدأ تنفيذ المشروع في 7/2016 وانتهى بعد عامين.", "ar", "7/2016", 2016, 7),
        ("بدأ تنفيذ المشروع في 2016.7 وانتهى بعد عامين.", "ar", "2016.7", 2016, 7),
        ("وقع الاتفاق في مارس, 2004 بين الطرفين.", "ar", "مارس, 2004", 2004, 3),
    ],
)
def test_numeric_months(text: str, lang: str, words: str, year: int, month: int) -> None:
    (m,) = dated(text, lang)
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
    assert (m.text, m.start_date, m.end_date, m.precision, m.status) == (
        words,
        dt.date(year, month, 1).isoformat(),
        last,
        "month",
        "ok",
    )


def test_two_digit_year_is_flagged_not_confident() -> None:
    (m,) = dated("نشرت الصحيفة التقرير في 21/09/18 على موقعها.", "ar")
    assert m.start_date == dt.date(2018, 9, 21).isoformat()
    assert m.status == "suspect" and "two-digit year" in m.note and "1918" in m.note


def test_ambiguous_english_order_is_flagged() -> None:
    (m,) = dated("The filing dated 03/04/2018 was released on Monday.", "en")
    assert m.start_date == dt.date(2018, 3, 4).isoformat()  # month first, as US news writes
    assert m.status == "suspect" and "day first" in m.note


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        ("The two ministers met in Istanbul on 27/01/2024.", "27/01/2024", dt.date(2024, 1, 27)),
        ("The accord signed on 13.05.2019 entered into force.", "13.05.2019", dt.date(2019, 5, 13)),
        ("A joint statement dated 1/31/2020 followed.", "1/31/2020", dt.date(2020, 1, 31)),
    ],
)
def test_english_numeric_date_whose_first_number_is_no_month(text: str, words: str, day: dt.date) -> None:
    # before: "27/01/2024" in English text was read month first, found no month 27, and was dropped
    (m,) = dated(text, "en")
    assert (m.text, m.start_date, m.end_date, m.status) == (words, day.isoformat(), day.isoformat(), "ok")


@pytest.mark.parametrize(
    "text",
    [
        "صدر القرار رقم 7/2016 عن الوزارة.",
        "بلغ الإنتاج 2016.7 مليون برميل يوميا.",
        "للاستعلام اتصلوا على 021-8893-2233 طوال اليوم.",
        "شارك أكثر من 2000 إلى 3000 متظاهر في المسيرة.",
        "حضر من 2010 إلى 2013 شخصا الندوة.",
        "انتهى السباق في الساعة 12.30.45 بتوقيت مكة.",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert dated(text, "ar") == []


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        ("شغل المنصب بين 2009-2012 قبل استقالته.", "ar", "2009-2012", 2009, 2012),
        ("شغل المنصب 2009-2012 قبل استقالته.", "ar", "2009-2012", 2009, 2012),
        ("عمل في الشركة من 2010 حتى 2013 ثم غادرها.", "ar", "2010 حتى 2013", 2010, 2013),
        ("او در سال‌های ۱۹۵۳ - ۱۹۶۱ وزیر بود.", "fa", "سال\u200cهای ۱۹۵۳ - ۱۹۶۱", 1953, 1961),
        ("او از ۱۹۵۳ تا ۱۹۶۱ وزیر بود.", "fa", "۱۹۵۳ تا ۱۹۶۱", 1953, 1961),
    ],
)
def test_year_ranges_are_one_range(text: str, lang: str, words: str, first: int, last: int) -> None:
    (m,) = dated(text, lang)
    assert (m.text, m.start_date, m.end_date, m.precision) == (
        words,
        dt.date(first, 1, 1).isoformat(),
        dt.date(last, 12, 31).isoformat(),
        "year",
    )


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last", "precision"),
    [
        (
            "Prices rose sharply in the 1990s, analysts said.",
            "en",
            "1990s",
            (1990, 1, 1),
            (1999, 12, 31),
            "year",
        ),
        (
            "Growth slowed in the first quarter of 2019.",
            "en",
            "first quarter of 2019",
            (2019, 1, 1),
            (2019, 3, 31),
            "part-of-year",
        ),
        (
            "The mosque was built in the 19th century.",
            "en",
            "19th century",
            (1801, 1, 1),
            (1900, 12, 31),
            "year",
        ),
        ("بني المسجد في القرن 19 ورمم لاحقا.", "ar", "القرن 19", (1801, 1, 1), (1900, 12, 31), "year"),
        (
            "They met again in spring 2012 in Geneva.",
            "en",
            "spring 2012",
            (2012, 3, 1),
            (2012, 5, 31),
            "part-of-year",
        ),
        (
            "The talks began in March, 2004 in Vienna.",
            "en",
            "March, 2004",
            (2004, 3, 1),
            (2004, 3, 31),
            "month",
        ),
        (
            "The war lasted between 2014 and 2016, officials said.",
            "en",
            "2014 and 2016",
            (2014, 1, 1),
            (2016, 12, 31),
            "year",
        ),
        ("استمرت الحرب بين 2014 و2016 في البلاد.", "ar", "2014 و2016", (2014, 1, 1), (2016, 12, 31), "year"),
    ],
)
def test_english_and_more_ranges(
    text: str, lang: str, words: str, first: tuple[int, int, int], last: tuple[int, int, int], precision: str
) -> None:
    (m,) = dated(text, lang)
    assert (m.text, m.start_date, m.end_date, m.precision) == (
        words,
        dt.date(*first).isoformat(),
        dt.date(*last).isoformat(),
        precision,
    )


def test_a_list_of_counts_after_between_is_not_a_range() -> None:
    assert dated("شارك بين 2000 و3000 متظاهر في المسيرة.", "ar") == []


@pytest.mark.parametrize(
    ("text", "lang", "words", "kind", "written"),
    [
        ("این نشست در هفتم مارس ۲۰۱۸ در ژنو برگزار شد.", "fa", "هفتم مارس ۲۰۱۸", "gregorian", (2018, 3, 7)),
        (
            "قرارداد در بیست‌وپنجم ژوئیه ۲۰۱۹ امضا شد.",
            "fa",
            "بیست\u200cوپنجم ژوئیه ۲۰۱۹",
            "gregorian",
            (2019, 7, 25),
        ),
        ("او در چهار آبان ۱۴۰۰ درگذشت.", "fa", "چهار آبان ۱۴۰۰", "persian", (1400, 8, 4)),
        ("سه نفر در دو مهر ۱۴۰۱ بازداشت شدند.", "fa", "دو مهر ۱۴۰۱", "persian", (1401, 7, 2)),
        (
            "بدأت الدورة في الثالث من رجب 1445 هـ.",
            "ar",
            "الثالث من رجب 1445 هـ",
            "islamic-umalqura",
            (1445, 7, 3),
        ),
        (
            "اندلعت الاحتجاجات في الحادي عشر من آذار 2014 في المدينة.",
            "ar",
            "الحادي عشر من آذار 2014",
            "gregorian",
            (2014, 3, 11),
        ),
        (
            "أغلقت المعابر في الثامن والعشرين من أكتوبر 2023 بعد القصف.",
            "ar",
            "الثامن والعشرين من أكتوبر 2023",
            "gregorian",
            (2023, 10, 28),
        ),
    ],
)
def test_days_written_as_words(
    icu: ModuleType, text: str, lang: str, words: str, kind: str, written: tuple[int, int, int]
) -> None:
    assert_one_day(icu, text, lang, words, kind, written)


@pytest.mark.parametrize(
    ("text", "lang", "words", "kind", "week"),
    [
        ("عقد الاجتماع في الأسبوع الأول من مارس 2014 في المدينة.", "ar", "الأسبوع الأول من مارس 2014",
         ("gregorian", 2014, 3), 1),
        ("مسابقات در هفته دوم مهر ۱۴۰۲ برگزار شد.", "fa", "هفته دوم مهر ۱۴۰۲", ("persian", 1402, 7), 2),
    ],
)  # fmt: skip
def test_an_ordinal_of_a_week_is_not_a_day(
    icu: ModuleType, text: str, lang: str, words: str, kind: tuple[str, int, int], week: int
) -> None:
    # the ordinal counts weeks, not days: the week's seven days (tagger/spans.py), never day 1 or 2
    (m,) = dated(text, lang)
    first, last = (icu_day(icu, *kind, d) for d in (7 * week - 6, 7 * week))
    assert (m.text, m.start_date, m.end_date) == (words, first.isoformat(), last.isoformat())


@pytest.mark.parametrize(
    ("text", "lang", "words", "kind", "year"),
    [
        ("این قانون در سال دو هزار و نوزده تصویب شد.", "fa", "سال دو هزار و نوزده", "gregorian", 2019),
        ("انطلق المهرجان في عام ألفين وعشرين وسط الجائحة.", "ar", "عام ألفين وعشرين", "gregorian", 2020),
        (
            "في عام ألف وتسعمائة وثمانية وأربعين هاجرت العائلة.",
            "ar",
            "عام ألف وتسعمائة وثمانية وأربعين",
            "gregorian",
            1948,
        ),
        (
            "او در سال هزار و سیصد و پنجاه و هفت به دنیا آمد.",
            "fa",
            "سال هزار و سیصد و پنجاه و هفت",
            "persian",
            1357,
        ),
    ],
)
def test_years_written_as_words(
    icu: ModuleType, text: str, lang: str, words: str, kind: str, year: int
) -> None:
    (m,) = dated(text, lang)
    if kind == "gregorian":
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        first = icu_day(icu, kind, year, 1, 1)
        last = icu_day(icu, kind, year + 1, 1, 1) - dt.timedelta(days=1)
    got = (m.text, m.start_date, m.end_date, m.precision)
    assert got == (words, first.isoformat(), last.isoformat(), "year")


def test_a_count_after_the_year_word_is_not_a_year() -> None:
    assert dated("او سال دو بار به سفر می‌رفت.", "fa") == []


@pytest.mark.parametrize(
    ("text", "words", "first", "last"),
    [
        ("این طرح در سال ۹۸ اجرا شد.", "سال ۹۸", 1398, 1398),
        ("این طرح در سال ۰۲ اجرا شد.", "سال ۰۲", 1402, 1402),
        ("این طرح در سال‌های ۹۴ تا ۹۵ اجرا شد.", "سال\u200cهای ۹۴ تا ۹۵", 1394, 1395),
    ],
)
def test_two_digit_persian_years_after_the_year_word(
    icu: ModuleType, text: str, words: str, first: int, last: int
) -> None:
    (m,) = dated(text, "fa")
    start = icu_day(icu, "persian", first, 1, 1)
    end = icu_day(icu, "persian", last + 1, 1, 1) - dt.timedelta(days=1)
    assert (m.text, m.start_date, m.end_date, m.status) == (
        words,
        start.isoformat(),
        end.isoformat(),
        "inferred",
    )
    assert "two-digit year" in m.note


def test_a_count_after_the_year_word_with_two_digits_is_not_a_year() -> None:
    assert dated("این شرکت در سال ۲۰ نفر را استخدام کرد.", "fa") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("او ۵ سال در زندان بود و در ۳۰ سالگی آزاد شد و هر هفته با خانواده ملاقات داشت.", "fa"),
        ("يعمل منذ 15 عاما في الشركة، ويزورها كل أسبوع.", "ar"),
        ("He spent 5 years in prison and was freed at 30, visiting every week.", "en"),
        ("تجمع در خیابان ۱۷ شهریور برگزار شد.", "fa"),
        ("تجمع المحتجون في ميدان 30 يونيو بالقاهرة.", "ar"),
        ("قال قيادي في تحالف 14 آذار إن الحكومة فشلت.", "ar"),
        ("استضافت قطر كأس العالم 2022 بنجاح.", "ar"),
        ("أطلقت المملكة رؤية 2030 قبل سنوات.", "ar"),
    ],
)
def test_not_dates(text: str, lang: str) -> None:
    assert dated(text, lang) == []


def test_a_year_of_a_numbered_reference_keeps_its_year_and_says_so() -> None:
    (m,) = dated("صدر القرار رقم 1747 لعام 2007 عن مجلس الأمن.", "ar")
    assert (m.text, m.start_date, m.end_date) == ("لعام 2007", "2007-01-01", "2007-12-31")
    assert "numbered reference" in m.note and "رقم 1747" in m.note


def test_a_day_after_a_name_head_with_its_year_is_a_date() -> None:
    (m,) = dated("قال قيادي في 14 آذار 2005 إن الحكومة فشلت.", "ar")
    assert m.start_date == dt.date(2005, 3, 14).isoformat()


_DIGITS = {"ascii": "0123456789", "arabic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}


@settings(max_examples=200, deadline=None)
@given(
    st.dates(dt.date(1950, 1, 1), dt.date(2075, 12, 31)),
    st.sampled_from(["/", "-"]),
    st.sampled_from(["", " "]),
    st.sampled_from(["", " "]),
    st.sampled_from(sorted(_DIGITS)),
    st.booleans(),
)
def test_any_day_month_year_in_any_digits_and_spacing_is_that_day(
    day: dt.date, sep: str, before: str, after: str, digits: str, padded: bool
) -> None:
    fmt = "{:02d}" if padded else "{}"
    written = f"{before}{sep}{after}".join([fmt.format(day.day), fmt.format(day.month), str(day.year)])
    written = written.translate(str.maketrans("0123456789", _DIGITS[digits]))
    found = dated(f"أعلنت الوزارة في {written} عن خطتها الجديدة.", "ar")
    assert [(m.text, m.start_date, m.end_date) for m in found] == [
        (written, day.isoformat(), day.isoformat())
    ]


@settings(max_examples=150, deadline=None)
# Jalali 1304-1428: a Persian text's years of 1430 and more are Hijri (lexicon.toml's [years])
@given(st.dates(dt.date(1925, 3, 21), dt.date(2050, 3, 20)), st.sampled_from(["/", "-"]), st.booleans())
def test_any_jalali_year_month_day_is_that_day(icu: ModuleType, day: dt.date, sep: str, spaced: bool) -> None:
    cal = icu.Calendar.createInstance(icu.TimeZone.getGMT(), icu.Locale("en@calendar=persian"))
    cal.setTime((day - dt.date(1970, 1, 1)).days * 86400.0)
    f = icu.UCalendarDateFields
    y, m, d = cal.get(f.EXTENDED_YEAR), cal.get(f.MONTH) + 1, cal.get(f.DATE)
    joiner = f" {sep} " if spaced else sep
    written = joiner.join([str(y), f"{m:02d}", f"{d:02d}"]).translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    )
    found = dated(f"این بخشنامه در تاریخ {written} ابلاغ شد.", "fa")
    assert [(mm.text, mm.start_date) for mm in found] == [(written, day.isoformat())]


# Numbers spelled out by the test itself (not read from the tagger's data), for the
# properties below.
_FA_UNITS = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
_FA_TEENS = ["ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]
_FA_TENS = ["", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
_FA_HUNDREDS = ["", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]
_AR_UNITS = ["", "واحد", "اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
_AR_TENS = ["", "عشرة", "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"]
_AR_HUNDREDS = [
    "",
    "مائة",
    "مائتين",
    "ثلاثمائة",
    "أربعمائة",
    "خمسمائة",
    "ستمائة",
    "سبعمائة",
    "ثمانمائة",
    "تسعمائة",
]


def _fa_below_100(n: int) -> list[str]:
    if n < 10:
        return [_FA_UNITS[n]] if n else []
    if n < 20:
        return [_FA_TEENS[n - 10]]
    return [_FA_TENS[n // 10], *([_FA_UNITS[n % 10]] if n % 10 else [])]


def _fa_number(n: int) -> str:
    parts = []
    if n >= 1000:
        parts.append("هزار" if n // 1000 == 1 else f"{_FA_UNITS[n // 1000]} هزار")
    if n % 1000 >= 100:
        parts.append(_FA_HUNDREDS[n % 1000 // 100])
    parts += _fa_below_100(n % 100)
    return " و ".join(parts)


def _fa_ordinal(n: int) -> str:
    words = _fa_number(n)
    if words.endswith("سه"):
        return words[:-2] + "سوم"
    if words.endswith("سی"):
        return words + "\u200cام"
    return "یکم" if n == 1 else words + "م"


def _ar_number(n: int) -> str:
    parts = []
    if n >= 1000:
        parts.append("ألف" if n // 1000 == 1 else "ألفين")
    if n % 1000 >= 100:
        parts.append(_AR_HUNDREDS[n % 1000 // 100])
    rest = n % 100
    if 10 < rest < 20:
        parts.append("أحد عشر" if rest == 11 else "اثنا عشر" if rest == 12 else f"{_AR_UNITS[rest - 10]} عشر")
    elif rest:
        below = [w for w in (_AR_UNITS[rest % 10], _AR_TENS[rest // 10]) if w]
        parts.append(" و".join(below))
    return " و".join(parts)


@settings(max_examples=120, deadline=None)
@given(st.integers(1900, 2099))
def test_any_gregorian_year_spelled_in_arabic(year: int) -> None:
    words = _ar_number(year)
    found = dated(f"وفي عام {words} أعلنت الحكومة خطتها.", "ar")
    expected = (f"عام {words}", dt.date(year, 1, 1).isoformat(), dt.date(year, 12, 31).isoformat())
    assert [(m.text, m.start_date, m.end_date) for m in found] == [expected]


@settings(max_examples=120, deadline=None)
@given(st.integers(1300, 1429))
def test_any_jalali_year_spelled_in_persian(icu: ModuleType, year: int) -> None:
    words = _fa_number(year)
    found = dated(f"این قانون در سال {words} تصویب شد.", "fa")
    first = icu_day(icu, "persian", year, 1, 1)
    last = icu_day(icu, "persian", year + 1, 1, 1) - dt.timedelta(days=1)
    assert [(m.text, m.start_date, m.end_date) for m in found] == [
        (f"سال {words}", first.isoformat(), last.isoformat())
    ]


@pytest.mark.parametrize("day", range(1, 31))
def test_every_persian_ordinal_day(icu: ModuleType, day: int) -> None:
    words = _fa_ordinal(day)
    (m,) = dated(f"این نشست روز {words} مهر ۱۴۰۲ برگزار شد.", "fa")
    assert m.start_date == icu_day(icu, "persian", 1402, 7, day).isoformat(), words


@pytest.mark.parametrize(
    ("text", "words", "year"),
    [
        ("او در انتخابات ۷۶ به نامزد اصلاح‌طلب رأی داد.", "۷۶", 1376),
        ("در اعتراضات ۹۸ صدها نفر بازداشت شدند.", "۹۸", 1398),
    ],
)
def test_a_two_digit_persian_year_after_an_event_word(
    icu: ModuleType, text: str, words: str, year: int
) -> None:
    (m,) = dated(text, "fa")
    first = icu_day(icu, "persian", year, 1, 1)
    last = icu_day(icu, "persian", year + 1, 1, 1) - dt.timedelta(days=1)
    assert (m.text, m.start_date, m.end_date, m.status) == (
        words,
        first.isoformat(),
        last.isoformat(),
        "inferred",
    )


def test_a_count_after_an_event_word_is_not_a_year() -> None:
    assert dated("انتخابات ۱۲ نفر را برگزید.", "fa") == []
