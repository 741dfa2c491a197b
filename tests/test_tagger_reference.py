"""Dating against a reference day: relative days, years not written, and honest statuses.

Passages are composed in the style of agency reports; expected days come from `datetime`
arithmetic on the publication day (and the core's own conversions for other calendars),
never from the tagger.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mctimeline import calendars
from mctimeline.mentions import Mention
from mctimeline.tagger import tag
from mctimeline.tagger.reckon import reckon
from mctimeline.tagger.relative import Reckoning
from mctimeline.tagger.years import year_near

PUB = dt.date(2015, 8, 11)  # a Tuesday
DAY = dt.timedelta(days=1)


def _by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def test_the_publication_day_is_a_tuesday() -> None:
    assert PUB.weekday() == 1


# --- years not written -------------------------------------------------------------------------

# A report that recalls an old year in its first paragraph and then names a day without one.
RECALL = (
    "وكانت الجولة الأولى من المحادثات قد عقدت في جنيف عام 2013 دون نتائج تذكر.\n"
    "وأعلن المتحدث أن الجولة المقبلة ستعقد في 9 سبتمبر في مسقط."
)


def test_a_year_of_another_paragraph_is_not_borrowed() -> None:
    m = _by_text(tag(RECALL))["9 سبتمبر"]
    # before: 2013-09-09 marked inferred from «عام 2013»; a wrong year is the worst bug
    assert "2013" not in m.start_date
    assert (m.start_date, m.status) == ("", "unresolved")


def test_with_a_publication_day_the_yearless_day_is_the_nearest_occurrence() -> None:
    m = _by_text(tag(RECALL, published=PUB))["9 سبتمبر"]
    assert (m.start_date, m.status) == (dt.date(PUB.year, 9, 9).isoformat(), "inferred")
    assert "publication date 2015-08-11" in m.note


def test_a_year_in_the_same_sentence_is_borrowed() -> None:
    text = "وصل الوفد في 3 مارس ثم وقع الاتفاق في 12 أبريل 2014 بحضور الوزراء."
    m = _by_text(tag(text, published=PUB))["3 مارس"]
    assert (m.start_date, m.status) == ("2014-03-03", "inferred")


def test_the_text_s_own_dated_today_dates_a_yearless_day_of_another_paragraph() -> None:
    text = (
        "قال وزير الخارجية اليوم الخميس 31 أكتوبر 2024 إن بلاده مستعدة للحوار.\n"
        "وكان الوزير قد التقى نظيره في 3 سبتمبر في الرياض."
    )
    m = _by_text(tag(text))["3 سبتمبر"]
    ref = dt.date(2024, 10, 31)
    nearest = min((dt.date(y, 9, 3) for y in (2023, 2024, 2025)), key=lambda d: abs((d - ref).days))
    assert (m.start_date, m.status) == (nearest.isoformat(), "inferred")
    assert "pinned by" in m.note


def test_a_jalali_yearless_day_is_nearest_the_publication_day_in_its_own_calendar() -> None:
    text = "به گزارش ایرنا، نشست بعدی کمیسیون مشترک ۱۸ آبان در تهران برگزار می‌شود."
    (m,) = tag(text, published=PUB)
    jalali_pub = calendars.from_gregorian(PUB, "jalali")
    expected = calendars.span("jalali", jalali_pub.year, 8, 18).start  # Aban 18 of this Jalali year
    assert (m.start_date, m.status) == (expected.isoformat(), "inferred")


@given(
    st.dates(dt.date(1950, 1, 1), dt.date(2080, 12, 31)),
    st.integers(1, 12),
    st.integers(1, 28),
    st.sampled_from([-1, 0, 1]),
)
def test_year_near_picks_the_occurrence_the_direction_asks_for(
    ref: dt.date, month: int, day: int, way: int
) -> None:
    year = year_near("gregorian", month, day, ref, way)
    assert year is not None
    got = dt.date(year, month, day)
    others = [dt.date(y, month, day) for y in (year - 1, year + 1)]
    if way < 0:
        assert got < ref and all(o >= ref or o < got for o in others)
    elif way > 0:
        assert got > ref and all(o <= ref or o > got for o in others)
    else:
        assert all(abs((got - ref).days) <= abs((o - ref).days) for o in others)


# --- relative days -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "offset"),
    [
        ("قال الوزير أول أمس إن المفاوضات مستمرة.", "أول أمس", -2),
        ("وزیر خارجه پریروز در نشست خبری گفت مذاکرات ادامه دارد.", "پریروز", -2),
        ("The minister said yesterday that talks would resume.", "yesterday", -1),
    ],
)
def test_relative_days_read_whole(text: str, words: str, offset: int) -> None:
    m = _by_text(tag(text, published=PUB))[words]
    assert (m.start_date, m.status) == ((PUB + offset * DAY).isoformat(), "inferred")


# --- deictic days and nights, read whole ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "offset"),
    [
        ("وقال المتحدث باسم الوزارة أول من أمس إن الوفد وصل إلى جنيف.", "أول من أمس", -2),
        ("وصل وزير الخارجية إلى الدوحة البارحة في زيارة رسمية.", "البارحة", -1),
        ("أعلنت وزارة الداخلية الليلة عن إجراءات أمنية جديدة.", "الليلة", 0),
        ("به گزارش ایرنا، وزیر امور خارجه امشب وارد ژنو می‌شود.", "امشب", 0),
        ("به گزارش ایسنا، هیئت روسی دیشب وارد تهران شد.", "دیشب", -1),
        ("وزیر خارجه پس‌فردا به مسکو سفر می‌کند و گفت مذاکرات ادامه دارد.", "پس‌فردا", 2),
        ("Rescue teams arrived tonight, officials said.", "tonight", 0),
    ],
)
def test_deictic_days_and_nights(text: str, words: str, offset: int) -> None:
    m = _by_text(tag(text, published=PUB))[words]
    assert (m.calendar, m.start_date, m.end_date, m.status) == (
        "relative",
        (PUB + offset * DAY).isoformat(),
        (PUB + offset * DAY).isoformat(),
        "inferred",
    )
    assert "2015-08-11" in m.note


# --- weekdays against the reference day ----------------------------------------------------------


def _weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


@pytest.mark.parametrize(
    ("text", "words", "weekday", "way"),
    [
        ("به گزارش ایرنا، رئیس‌جمهور روز دوشنبه وارد نیویورک شد.", "روز دوشنبه", 0, 0),
        ("به گزارش تسنیم، بامداد شنبه زمین‌لرزه‌ای استان کرمان را لرزاند.", "بامداد شنبه", 5, 0),
        ("أعلن الوزير يوم الأحد أن الوفد سيصل قريبا.", "يوم الأحد", 6, 0),
        ("وأعلن الجيش الأحد أن العملية انتهت.", "الأحد", 6, 0),
        ("The minister said on Monday that talks would resume.", "on Monday", 0, 0),
        ("سيصل الوفد إلى الرياض الأحد المقبل لاستكمال المباحثات.", "الأحد المقبل", 6, 1),
        ("هیئت ایرانی دوشنبه آینده عازم مسکو می‌شود.", "دوشنبه آینده", 0, 1),
        ("Talks will resume next Friday in Muscat.", "next Friday", 4, 1),
        ("والتقى الوزير نظيره الثلاثاء الماضي في عمان.", "الثلاثاء الماضي", 1, -1),
        ("Officials met last Tuesday in Geneva.", "last Tuesday", 1, -1),
    ],
)
def test_a_weekday_is_the_one_around_the_reference_day(text: str, words: str, weekday: int, way: int) -> None:
    if way == 0:  # a report looks back: the latest such day, the publication day itself included
        expected = _weekday_on_or_before(PUB, weekday)
    elif way > 0:  # the coming one, after the publication day
        expected = _weekday_on_or_before(PUB + 7 * DAY, weekday)
        expected = expected if expected > PUB else expected + 7 * DAY
    else:  # the last one before it
        expected = _weekday_on_or_before(PUB - DAY, weekday)
    assert expected.weekday() == weekday
    m = _by_text(tag(text, published=PUB))[words]
    assert (m.start_date, m.end_date, m.status) == (expected.isoformat(), expected.isoformat(), "inferred")


def test_the_publication_day_s_own_weekday_is_that_day() -> None:
    (m,) = tag("وأعلن الجيش الثلاثاء أن العملية انتهت.", published=PUB)  # PUB is a Tuesday
    assert m.start_date == PUB.isoformat()


def test_a_weekday_before_a_date_stays_the_date_s_weekday() -> None:
    found = tag("The treaty, signed on Friday, January 17, 2025, has no defence clause.", published=PUB)
    assert [m.text for m in found] == ["Friday, January 17, 2025"]


# --- this, next and last week, month and year ----------------------------------------------------


def _jalali_year(day: dt.date) -> int:
    return calendars.from_gregorian(day, "jalali").year


def _jalali_year_span(year: int) -> tuple[str, str]:
    s = calendars.span("jalali", year)
    return s.start.isoformat(), s.end.isoformat()


SATURDAY_WEEK = PUB - dt.timedelta(days=(PUB.weekday() - 5) % 7)  # the Saturday that starts PUB's week
MONDAY_WEEK = PUB - dt.timedelta(days=PUB.weekday())


@pytest.mark.parametrize(
    ("text", "words", "bounds"),
    [
        ("وقال الوزير الأسبوع الماضي إن المفاوضات مستمرة.", "الأسبوع الماضي",
         (SATURDAY_WEEK - 7 * DAY, SATURDAY_WEEK - DAY)),
        ("به گزارش ایرنا، وزیر خارجه هفته گذشته با همتای روس خود دیدار کرد.", "هفته گذشته",
         (SATURDAY_WEEK - 7 * DAY, SATURDAY_WEEK - DAY)),
        ("وزیر خارجه این هفته به مسکو سفر می‌کند.", "این هفته", (SATURDAY_WEEK, SATURDAY_WEEK + 6 * DAY)),
        ("يزور وزير الخارجية موسكو هذا الأسبوع.", "هذا الأسبوع", (SATURDAY_WEEK, SATURDAY_WEEK + 6 * DAY)),
        ("The minister will visit Moscow next week, his office said.", "next week",
         (MONDAY_WEEK + 7 * DAY, MONDAY_WEEK + 13 * DAY)),
        ("ستجرى الانتخابات البرلمانية العام المقبل وفق الدستور.", "العام المقبل",
         (dt.date(PUB.year + 1, 1, 1), dt.date(PUB.year + 1, 12, 31))),
        ("وارتفع معدل التضخم خلال العام الجاري إلى مستويات قياسية.", "العام الجاري",
         (dt.date(PUB.year, 1, 1), dt.date(PUB.year, 12, 31))),
        ("وأعلنت الشركة الشهر الماضي عن أرباح قياسية.", "الشهر الماضي",
         (dt.date(PUB.year, PUB.month - 1, 1), dt.date(PUB.year, PUB.month, 1) - DAY)),
        ("تعقد القمة العربية في 15 من الشهر المقبل في الرياض.", "15 من الشهر المقبل",
         (dt.date(PUB.year, PUB.month + 1, 15), dt.date(PUB.year, PUB.month + 1, 15))),
        ("وكانت الجولة الأولى قد عقدت في الرابع من الشهر الجاري في مسقط.", "الرابع من الشهر الجاري",
         (dt.date(PUB.year, PUB.month, 4), dt.date(PUB.year, PUB.month, 4))),
        ("وتسلم السفير مهامه في الخامس عشر من الشهر الماضي.", "الخامس عشر من الشهر الماضي",
         (dt.date(PUB.year, PUB.month - 1, 15), dt.date(PUB.year, PUB.month - 1, 15))),
        ("زار الوزير موسكو في أكتوبر الماضي والتقى بوتين.", "أكتوبر الماضي",
         (dt.date(PUB.year - 1, 10, 1), dt.date(PUB.year - 1, 10, 31))),
        ("وصل الوفد في 9 سبتمبر الماضي إلى جنيف.", "9 سبتمبر الماضي",
         (dt.date(PUB.year - 1, 9, 9), dt.date(PUB.year - 1, 9, 9))),
        ("ويبدأ العام الدراسي في 9 سبتمبر المقبل.", "9 سبتمبر المقبل",
         (dt.date(PUB.year, 9, 9), dt.date(PUB.year, 9, 9))),
    ],
)  # fmt: skip
def test_this_next_and_last_week_month_and_year(
    text: str, words: str, bounds: tuple[dt.date, dt.date]
) -> None:
    m = _by_text(tag(text, published=PUB))[words]
    assert (m.start_date, m.end_date, m.status) == (bounds[0].isoformat(), bounds[1].isoformat(), "inferred")


@pytest.mark.parametrize(("words", "years_back"), [("امسال", 0), ("پارسال", 1), ("سال آینده", -1)])
def test_persian_years_are_jalali_years(words: str, years_back: int) -> None:
    text = f"به گزارش ایرنا، {words} انتخابات شوراها برگزار می‌شود."
    m = _by_text(tag(text, published=PUB))[words]
    assert (m.start_date, m.end_date) == _jalali_year_span(_jalali_year(PUB) - years_back)


# --- offsets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "days"),
    [
        ("قبل أسبوع وصل الوفد الروسي إلى دمشق.", "قبل أسبوع", -7),
        ("وصل الوفد قبل ثلاثة أيام إلى القاهرة.", "قبل ثلاثة أيام", -3),
        ("ويعود الوفد بعد يومين إلى القاهرة.", "بعد يومين", 2),
        ("The talks ended two days ago in Vienna.", "two days ago", -2),
        ("به گزارش ایرنا، هیئت روسی سه روز پیش وارد تهران شد.", "سه روز پیش", -3),
    ],
)
def test_offsets_from_the_publication_day(text: str, words: str, days: int) -> None:
    m = _by_text(tag(text, published=PUB))[words]
    assert (m.start_date, m.status) == ((PUB + days * DAY).isoformat(), "inferred")


def test_years_ago_in_persian_are_jalali_years() -> None:
    m = _by_text(tag("وزیر دو سال پیش در همین نشست گفت که توافق نزدیک است.", published=PUB))["دو سال پیش"]
    assert (m.start_date, m.end_date, m.precision) == (*_jalali_year_span(_jalali_year(PUB) - 2), "year")


@pytest.mark.parametrize(
    ("text", "words", "narrated", "days"),
    [
        ("وصل الوفد إلى جنيف في 3 مارس 2015، وفي اليوم التالي التقى المبعوث الأممي.", "اليوم التالي",
         dt.date(2015, 3, 3), 1),
        ("هیئت ایرانی ۱۲ مهر ۱۳۹۴ وارد مسکو شد و سه روز بعد به تهران بازگشت.", "سه روز بعد",
         calendars.span("jalali", 1394, 7, 12).start, 3),
        ("The delegation arrived on March 3, 2015 and met the envoy the following day.", "following day",
         dt.date(2015, 3, 3), 1),
    ],
)  # fmt: skip
def test_offsets_from_the_day_just_narrated(text: str, words: str, narrated: dt.date, days: int) -> None:
    for published in (None, PUB):  # the narrated day decides, whatever the publication day
        m = _by_text(tag(text, published=published))[words]
        assert (m.start_date, m.status) == ((narrated + days * DAY).isoformat(), "inferred")
        assert "narrated" in m.note


@pytest.mark.parametrize("published", [None, PUB])
def test_the_next_day_with_nothing_narrated_is_unresolved(published: dt.date | None) -> None:
    # never counted from the publication day: a report tells what came before it
    (m,) = tag("مدتها 20 عاما، وفي اليوم التالي غادر.", published=published)
    assert (m.text, m.start_date, m.status) == ("اليوم التالي", "", "unresolved")
    (later,) = tag("The minister arrived three days later, officials said.", published=published)
    assert (later.text, later.start_date, later.status) == ("three days later", "", "unresolved")


def test_without_a_reference_day_each_form_is_unresolved_never_ok() -> None:
    text = "وقال الوزير الأسبوع الماضي إن الوفد وصل قبل ثلاثة أيام، وسيعود الأحد المقبل."
    found = tag(text)
    assert [m.text for m in found] == ["الأسبوع الماضي", "قبل ثلاثة أيام", "الأحد المقبل"]
    assert {(m.start_date, m.status) for m in found} == {("", "unresolved")}


# --- a weekday beside a date, wherever it stands -------------------------------------------------

MEHR_12_1403 = calendars.span("jalali", 1403, 7, 12).start
WEEKDAY_NAMES = {  # Monday first, as datetime counts
    "fa": ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"],
    "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        # before the date (as before), after «مورخ», right after it, after a comma ending the clause
        ("جلسه شورا روز {wd} ۱۲ مهر ۱۴۰۳ برگزار شد.", "روز {wd} ۱۲ مهر ۱۴۰۳", MEHR_12_1403),
        ("جلسه شورا روز {wd} مورخ ۱۲ مهر ۱۴۰۳ برگزار شد.", "روز {wd} مورخ ۱۲ مهر ۱۴۰۳", MEHR_12_1403),
        ("نشست بعدی ۱۲ مهر ۱۴۰۳ {wd} برگزار شد.", "۱۲ مهر ۱۴۰۳ {wd}", MEHR_12_1403),
        # after «الموافق», «برابر با»: the day the weekday is, as Arabic news writes it
        ("وصل الوفد إلى موسكو يوم {wd} الموافق 13 مارس 2025 في زيارة رسمية.",
         "يوم {wd} الموافق 13 مارس 2025", dt.date(2025, 3, 13)),
        ("جلسه شورا روز {wd} برابر با ۱۲ مهر ۱۴۰۳ برگزار شد.", "روز {wd} برابر با ۱۲ مهر ۱۴۰۳", MEHR_12_1403),
        ("وصل الوفد إلى جنيف في 3 مارس 2015، {wd}.", "3 مارس 2015، {wd}", dt.date(2015, 3, 3)),
        ("The treaty was signed on January 17, 2025 ({wd}) in Moscow.", "January 17, 2025",
         dt.date(2025, 1, 17)),
    ],
)  # fmt: skip
def test_a_weekday_beside_a_date_is_checked_wherever_it_stands(text: str, words: str, day: dt.date) -> None:
    lang = "en" if text.isascii() else ("fa" if "شد" in text else "ar")
    names = WEEKDAY_NAMES[lang]
    right, wrong = names[day.weekday()], names[(day.weekday() + 2) % 7]
    (ok,) = [m for m in tag(text.format(wd=right)) if m.start_date]
    assert (ok.text, ok.start_date, ok.status) == (words.format(wd=right), day.isoformat(), "ok")
    (bad,) = [m for m in tag(text.format(wd=wrong)) if m.start_date]
    assert (bad.text, bad.start_date, bad.status) == (words.format(wd=wrong), day.isoformat(), "conflict")
    assert "weekday mismatch" in bad.note


def test_a_today_whose_weekday_is_not_the_publication_day_s_is_a_conflict() -> None:
    text = "قالت وزارة الدفاع، اليوم {wd}، إن القوات تقدمت."
    (right,) = tag(text.format(wd="الثلاثاء"), published=PUB)  # PUB is a Tuesday
    assert (right.start_date, right.status) == (PUB.isoformat(), "inferred")
    (wrong,) = tag(text.format(wd="الأربعاء"), published=PUB)
    assert (wrong.start_date, wrong.status) == (PUB.isoformat(), "conflict")
    assert "Tuesday" in wrong.note and "Wednesday" in wrong.note


# --- tense -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "month", "day"),
    [
        ("الجولة المقبلة ستعقد في 2 أبريل في مسقط.", "2 أبريل", 4, 2),
        ("The commission will meet on 2 April in Muscat.", "2 April", 4, 2),
    ],
)
def test_a_yearless_day_in_the_future_tense_is_the_coming_one(
    text: str, words: str, month: int, day: int
) -> None:
    m = _by_text(tag(text, published=PUB))[words]
    coming = dt.date(PUB.year, month, day)
    coming = coming if coming > PUB else dt.date(PUB.year + 1, month, day)
    around = [dt.date(y, month, day) for y in (PUB.year - 1, PUB.year, PUB.year + 1)]
    nearest = min(around, key=lambda d: abs(d - PUB))
    assert coming != nearest  # the tense decides here, not the distance
    assert (m.start_date, m.status) == (coming.isoformat(), "inferred")
    assert "future" in m.note
    # in the past tense, the nearest
    past = _by_text(tag("The commission met on 2 April in Muscat.", published=PUB))["2 April"]
    assert past.start_date == dt.date(PUB.year, 4, 2).isoformat() == nearest.isoformat()


def test_a_jalali_yearless_day_in_the_future_tense() -> None:
    text = "نشست بعدی کمیسیون ۱۵ فروردین در تهران برگزار خواهد شد."
    (m,) = tag(text, published=PUB)
    jy = calendars.from_gregorian(PUB, "jalali").year
    this_year = calendars.span("jalali", jy, 1, 15).start
    coming = this_year if this_year > PUB else calendars.span("jalali", jy + 1, 1, 15).start
    assert (m.start_date, m.status) == (coming.isoformat(), "inferred")


def test_a_weekday_in_the_future_tense_is_the_coming_one() -> None:
    (m,) = tag("سيصل الوفد يوم الأحد إلى الرياض.", published=PUB)
    sunday = PUB + dt.timedelta(days=(6 - PUB.weekday()) % 7 or 7)
    assert (m.start_date, m.status) == (sunday.isoformat(), "inferred")


# --- the text's own dateline -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dateline", "words", "offset"),
    [
        ("طهران - 12 أكتوبر 2024 (إرنا) - أعلن وزير الخارجية أمس أن المفاوضات مستمرة.",
         dt.date(2024, 10, 12), "أمس", -1),
        ("MOSCOW, Aug. 11, 2015 (Reuters) - Russian Foreign Minister Sergei Lavrov said yesterday that talks "
         "would go on.", dt.date(2015, 8, 11), "yesterday", -1),
        ("تهران - ۱۲ مهر ۱۴۰۳ - وزیر امور خارجه دیروز وارد مسکو شد.", MEHR_12_1403, "دیروز", -1),
    ],
)  # fmt: skip
def test_without_a_publication_day_the_dateline_is_the_reference(
    text: str, dateline: dt.date, words: str, offset: int
) -> None:
    m = _by_text(tag(text))[words]
    assert (m.start_date, m.status) == ((dateline + offset * DAY).isoformat(), "inferred")
    assert "dateline" in m.note


def test_a_date_inside_the_first_sentence_is_no_dateline() -> None:
    m = _by_text(tag("في 12 أكتوبر 2024 أعلن الوزير أمس أن المفاوضات مستمرة."))["أمس"]
    assert (m.start_date, m.status) == ("", "unresolved")


# --- invariants of the counting (tagger/reckon.py) -------------------------------------------------


@given(
    st.dates(dt.date(1950, 1, 1), dt.date(2080, 12, 31)),
    st.integers(0, 6),
    st.sampled_from([-1, 0, 1]),
)
def test_a_reckoned_weekday_has_its_weekday_and_lies_within_a_week(
    ref: dt.date, weekday: int, way: int
) -> None:
    got = reckon(Reckoning("weekday", weekday=weekday, direction=way), ref, "ar")
    assert got is not None
    day = got[0]
    assert day == got[1] and day.weekday() == weekday
    if way < 0:
        assert 1 <= (ref - day).days <= 7
    elif way > 0:
        assert 1 <= (day - ref).days <= 7
    else:
        assert 0 <= (ref - day).days <= 6


@given(
    st.dates(dt.date(1950, 1, 1), dt.date(2080, 12, 31)),
    st.sampled_from(["week", "month", "year"]),
    st.integers(-3, 3),
    st.sampled_from(["fa", "ar", "en"]),
)
def test_a_reckoned_period_holds_the_reference_day_shifted(
    ref: dt.date, unit: str, n: int, lang: str
) -> None:
    this = reckon(Reckoning("period", 0, calendar=unit), ref, lang)
    other = reckon(Reckoning("period", n, calendar=unit), ref, lang)
    assert this is not None and other is not None
    assert this[0] <= ref <= this[1]  # this week, month or year holds the reference day
    if unit == "week":
        assert (this[1] - this[0]).days == 6 and this[0].weekday() == (5 if lang != "en" else 0)
        assert (other[0] - this[0]).days == 7 * n
    # the periods follow each other without gap or overlap
    if n > 0:
        assert other[0] > this[1]
    elif n < 0:
        assert other[1] < this[0]
    else:
        assert other == this


def test_an_ordinal_that_counts_weeks_is_not_a_day_of_the_month() -> None:
    # «الأسبوع الأول من الشهر المقبل»: the first week of next month, never its first day
    (m,) = tag("ويعقد الاجتماع الوزاري في الأسبوع الأول من الشهر المقبل.", "ar", published=PUB)
    first = dt.date(PUB.year, PUB.month + 1, 1)
    assert m.start_date == first.isoformat() and m.end_date != first.isoformat()


def test_a_persian_day_word_of_next_month_is_a_day_of_the_next_jalali_month() -> None:
    icu = pytest.importorskip("icu")
    from _forms import icu_day

    (m,) = tag("نشست بعدی کمیسیون مشترک در پنجم ماه آینده در تهران برگزار می‌شود.", "fa", published=PUB)
    # PUB is in Mordad 1394: the next month is Shahrivar (6), its fifth day
    day = icu_day(icu, "persian", 1394, 6, 5)
    assert (m.text, m.start_date, m.end_date) == ("پنجم ماه آینده", day.isoformat(), day.isoformat())
