"""The date-mention tagger: each grammar form, each trap, year inference, invariants on any text.

Expected bounds come from outside the code: Python's datetime for Gregorian days and
weekdays, and published equivalences for the other calendars (Nowruz 1403 fell on
20 March 2024 and Nowruz 1404 on 21 March 2025; Saudi Arabia announced 1 Ramadan 1446
for 1 March 2025 and 1 Shawwal 1446 for 30 March 2025; the day of Arafat, 9 Dhu
al-Hijja 1445, was 15 June 2024; the README's 6 Khordad 1404 = 27 May 2025).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _linecount import lines_run
from mctimeline.mentions import Mention
from mctimeline.tagger import publication_date, tag

ZWNJ = "\u200c"


def _one(text: str, lang: str = "auto") -> Mention:
    found = tag(text, lang)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


# (text, the mention's words, start_date, end_date, precision, calendar)
FORMS = [
    # day-month-year in every calendar and script
    ("در ۱۵ اوت ۲۰۲۳ برگزار شد", "۱۵ اوت ۲۰۲۳", "2023-08-15", "2023-08-15", "day", "gregorian"),
    ("عقد في ١٢ نوفمبـــر 2024،", "١٢ نوفمبـــر 2024", "2024-11-12", "2024-11-12", "day", "gregorian"),
    ("روز ۶ خرداد ۱۴۰۴ آغاز شد", "روز ۶ خرداد ۱۴۰۴", "2025-05-27", "2025-05-27", "day", "jalali"),
    ("در ۱۲ فروردین ۱۴۰۳ ه.ش بود", "۱۲ فروردین ۱۴۰۳ ه.ش", "2024-03-31", "2024-03-31", "day", "jalali"),
    ("يبدأ الصيام في 1 رمضان 1446هـ", "1 رمضان 1446هـ", "2025-03-01", "2025-03-01", "day", "hijri"),
    ("در ۱ شوال ۱۴۴۶ هجری قمری", "۱ شوال ۱۴۴۶ هجری قمری", "2025-03-30", "2025-03-30", "day", "hijri"),
    ("يقفون بعرفة في 9 ذو الحجة 1445 هـ", "9 ذو الحجة 1445 هـ", "2024-06-15", "2024-06-15", "day", "hijri"),
    ("on 9 Dhu al-Hijjah 1445 AH", "9 Dhu al-Hijjah 1445 AH", "2024-06-15", "2024-06-15", "day", "hijri"),
    (
        "signed on Friday, January 17, 2025.",
        "Friday, January 17, 2025",
        "2025-01-17",
        "2025-01-17",
        "day",
        "gregorian",
    ),
    (
        "في 3 كانون الأول 2024 م في الكويت",
        "3 كانون الأول 2024 م",
        "2024-12-03",
        "2024-12-03",
        "day",
        "gregorian",
    ),
    (
        "في 26 أكتوبر/تشرين الأول 2023،",
        "26 أكتوبر/تشرين الأول 2023",
        "2023-10-26",
        "2023-10-26",
        "day",
        "gregorian",
    ),
    ("در ۲۵ دی ماه ۱۴۰۲ گذشت", "۲۵ دی ماه ۱۴۰۲", "2024-01-15", "2024-01-15", "day", "jalali"),
    ("عید اول فروردین ۱۴۰۴ است", "اول فروردین ۱۴۰۴", "2025-03-21", "2025-03-21", "day", "jalali"),
    ("قرارداد در ۱۴۰۲/۱۲/۱۵ امضا شد", "۱۴۰۲/۱۲/۱۵", "2024-03-05", "2024-03-05", "day", "jalali"),
    ("يعقد في 15/3/2025 في الرياض", "15/3/2025", "2025-03-15", "2025-03-15", "day", "gregorian"),
    ("signed on Jan. 17, 2025, and", "Jan. 17, 2025", "2025-01-17", "2025-01-17", "day", "gregorian"),
    # an ordinal suffix on the day keeps the year with it
    ("signed on March 10th, 2025, in", "March 10th, 2025", "2025-03-10", "2025-03-10", "day", "gregorian"),
    ("closed on the 27th of May 2025.", "27th of May 2025", "2025-05-27", "2025-05-27", "day", "gregorian"),
    ("عقد في 15 من شهر مارس 2024 في", "15 من شهر مارس 2024", "2024-03-15", "2024-03-15", "day", "gregorian"),
    ("جلسه ۲۹ فروردین‌ماه ۱۴۰۳ بود", "۲۹ فروردین‌ماه ۱۴۰۳", "2024-04-17", "2024-04-17", "day", "jalali"),
    ("في الأول من يناير 2025 دخل", "الأول من يناير 2025", "2025-01-01", "2025-01-01", "day", "gregorian"),
    # «می» is May only beside a year
    ("کنفرانس مسکو در می۲۰۲۵ برگزار می‌شود", "می۲۰۲۵", "2025-05-01", "2025-05-31", "month", "gregorian"),
    ("هیئت روز ۲۷ می ۲۰۲۵ رسید", "روز ۲۷ می ۲۰۲۵", "2025-05-27", "2025-05-27", "day", "gregorian"),
    # month-year, year, part of a year
    ("در مارس ۲۰۲۵ گفت", "مارس ۲۰۲۵", "2025-03-01", "2025-03-31", "month", "gregorian"),
    ("خلال رمضان 1446 ارتفعت", "رمضان 1446", "2025-03-01", "2025-03-29", "month", "hijri"),
    ("ستعقد في شباط 2025.", "شباط 2025", "2025-02-01", "2025-02-28", "month", "gregorian"),
    ("از سال ۲۰۱۱ هر سال", "سال ۲۰۱۱", "2011-01-01", "2011-12-31", "year", "gregorian"),
    ("منذ عام 2014، تشارك", "عام 2014", "2014-01-01", "2014-12-31", "year", "gregorian"),
    ("دورة عام 2020م ألغيت", "عام 2020م", "2020-01-01", "2020-12-31", "year", "gregorian"),
    ("در سال ۱۴۰۲ هجری شمسی", "سال ۱۴۰۲ هجری شمسی", "2023-03-21", "2024-03-19", "year", "jalali"),
    ("اجرای آن در ۱۴۰۳ آغاز شد", "۱۴۰۳", "2024-03-20", "2025-03-20", "year", "jalali"),
    ("In 2023, the forum grew", "2023", "2023-01-01", "2023-12-31", "year", "gregorian"),
    ("در اواخر ۲۰۲۴ وارد شد", "اواخر ۲۰۲۴", "2024-09-01", "2024-12-31", "part-of-year", "gregorian"),
    ("في منتصف 2023، لكن", "منتصف 2023", "2023-05-01", "2023-08-31", "part-of-year", "gregorian"),
    ("إلى أواخر عام 2024،", "أواخر عام 2024", "2024-09-01", "2024-12-31", "part-of-year", "gregorian"),
    ("held in mid-2023.", "mid-2023", "2023-05-01", "2023-08-31", "part-of-year", "gregorian"),
    # the middle third of Jalali 1403: 1 Mordad (2024-07-22) to 30 Aban (2024-11-20)
    ("از اواسط سال ۱۴۰۳ آغاز", "اواسط سال ۱۴۰۳", "2024-07-22", "2024-11-20", "part-of-year", "jalali"),
    # ranges
    ("از سال ۲۰۱۱ تا ۲۰۱۴ ادامه یافت", "سال ۲۰۱۱ تا ۲۰۱۴", "2011-01-01", "2014-12-31", "year", "gregorian"),
    ("وفي 2020-2024 ارتفع الإنتاج", "2020-2024", "2020-01-01", "2024-12-31", "year", "gregorian"),
    ("از ۲۷ تا ۲۹ مه ۲۰۲۵ در مسکو", "۲۷ تا ۲۹ مه ۲۰۲۵", "2025-05-27", "2025-05-29", "day", "gregorian"),
    (
        "في الفترة من 23 إلى 24 يونيو 2021 بمشاركة",
        "23 إلى 24 يونيو 2021",
        "2021-06-23",
        "2021-06-24",
        "day",
        "gregorian",
    ),
    ("عقد في 26 - 27 أكتوبر 2023.", "26 - 27 أكتوبر 2023", "2023-10-26", "2023-10-27", "day", "gregorian"),
    ("held on 27–29 May 2025, with", "27–29 May 2025", "2025-05-27", "2025-05-29", "day", "gregorian"),
    ("held on May 27–29, 2025 in", "May 27–29, 2025", "2025-05-27", "2025-05-29", "day", "gregorian"),
    ("held on May 27th–29th, 2025 in", "May 27th–29th, 2025", "2025-05-27", "2025-05-29", "day", "gregorian"),
    (
        "از ۳۰ آوریل تا ۲ مه ۲۰۲۴ در آستانه",
        "۳۰ آوریل تا ۲ مه ۲۰۲۴",
        "2024-04-30",
        "2024-05-02",
        "day",
        "gregorian",
    ),
    (
        "من 1 يناير إلى 31 ديسمبر 2024.",
        "1 يناير إلى 31 ديسمبر 2024",
        "2024-01-01",
        "2024-12-31",
        "day",
        "gregorian",
    ),
    (
        "from 30 December to 2 January 2025",
        "30 December to 2 January 2025",
        "2024-12-30",
        "2025-01-02",
        "day",
        "gregorian",
    ),
    (
        "از ژوئن ۲۰۲۲ تا فوریه ۲۰۲۳ اجرا شد",
        "ژوئن ۲۰۲۲ تا فوریه ۲۰۲۳",
        "2022-06-01",
        "2023-02-28",
        "month",
        "gregorian",
    ),
    (
        "on 12 and 13 March 2024 in Geneva",
        "12 and 13 March 2024",
        "2024-03-12",
        "2024-03-13",
        "day",
        "gregorian",
    ),
    (
        "ابتداءً من اليوم الخميس 31 أكتوبر/تشرين الأول وحتى يوم غد الجمعة 1 نوفمبر/تشرين الثاني 2024، يقدم",
        "اليوم الخميس 31 أكتوبر/تشرين الأول وحتى يوم غد الجمعة 1 نوفمبر/تشرين الثاني 2024",
        "2024-10-31",
        "2024-11-01",
        "day",
        "gregorian",
    ),
    # layout: blank lines, extra spaces, ZWNJ missing or as a space
    ("ستنطلق في 15\n\nأغسطس  2025 في", "15\n\nأغسطس  2025", "2025-08-15", "2025-08-15", "day", "gregorian"),
    ("روز سهشنبه ۶ خرداد ۱۴۰۴ رفت", "روز سهشنبه ۶ خرداد ۱۴۰۴", "2025-05-27", "2025-05-27", "day", "jalali"),
    ("پنج شنبه ۲۴ آبان ۱۴۰۳ اعلام کرد", "پنج شنبه ۲۴ آبان ۱۴۰۳", "2024-11-14", "2024-11-14", "day", "jalali"),
]


@pytest.mark.parametrize(
    ("text", "words", "start", "end", "precision", "calendar"), FORMS, ids=[f[1] for f in FORMS]
)
def test_forms(text: str, words: str, start: str, end: str, precision: str, calendar: str) -> None:
    m = _one(text)
    assert (m.text, m.start_date, m.end_date, m.precision, m.calendar) == (
        words,
        start,
        end,
        precision,
        calendar,
    )
    assert text[m.start : m.end] == words
    assert m.status == "ok", m.note


def test_gregorian_bounds_agree_with_datetime() -> None:
    m = _one("برگزاری از ۲۷ تا ۲۹ مه ۲۰۲۵ در مسکو")
    days = (dt.date.fromisoformat(m.end_date) - dt.date.fromisoformat(m.start_date)).days + 1
    assert days == 3


TRAPS = [
    "اتحادیه اروپا ۸۰۰ میلیارد یورو برای بازسازی اختصاص داد.",
    "حجم تجارت حدود ۴ تا ۵ میلیارد دلار در سال است.",
    "بیش از ۱۲۵ هیئت از ۱۰۰ کشور حضور دارند.",
    "شمار جان‌باختگان به ۲۰ می رسد و امدادگران می گویند",
    "همایش نظامی-فناوری ارمیا-۲۰۲۳ در حومه مسکو برگزار شد.",
    "گزارشی با عنوان »۲۰۲۵: تحول جهان« منتشر شد.",
    "گزارشی با عنوان «۲۰۲۵: سال تحول» معرفی شد.",
    "در سال‌های اخیر روسیه فهرستی منتشر کرده است.",
    "جهان امروز در یکی از پیچیده‌ترین مقاطع خود قرار دارد.",
    "در سایه تحولات پیچیده امروز مسکو میزبان نشست است.",
    "أطلقت المملكة رؤية 2030 واستضافت دبي معرض إكسبو 2020.",
    "بمشاركة أكثر من 600 ضيف من 100 دولة.",
    "ويتضمن جدول الأعمال: 1. الأمن الإقليمي؛ 2. قرار مجلس الأمن رقم 2231.",
    "يرجى الاتصال على الرقم 0097145551234.",
    "با شماره ۰۲۱-۸۸۹۳۰۱۲۵ تماس بگیرید.",
    "نرخ مالیات ۱۰ درصد تعیین شد و ۲۵٪ افزایش یافت.",
    "قرار است هر 5 سال یک بار بازنگری شود.",
    "مدتها 20 عاما، وغادر بعدها إلى القاهرة.",  # «اليوم التالي» is now a mention: test_tagger_reference
    "Saudi Arabia's Vision 2030 and the G20 pledged $4 billion.",
    "The world of today may need more.",
    "اول اینکه در ماه مه باران آمد.",
    "از 2000 تا 3000 نفر در مراسم بودند و در ۱۵۰۰ کیلومتری مرز.",
    "فاز الفريق في المباراة بعد أن سجل 3 أهداف.",
]


@pytest.mark.parametrize("text", TRAPS)
def test_traps_are_not_dates(text: str) -> None:
    assert tag(text) == []


def test_a_report_title_in_seed_004_is_not_a_date() -> None:
    text = "به شرکت‌کنندگان خارجی گزارشی با عنوان »۲۰۲۵: تحول جهان« ارائه خواهد شد."
    assert tag(text, "fa") == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("قال المتحدث باسم الكرملين اليوم إن موسكو مستعدة", "اليوم"),
        ("بعد أن أجرى الرئيسان أمس اتصالا", "أمس"),
        ("وزیر دفاع دیروز در جمع خبرنگاران گفت", "دیروز"),
        ("وزير الخارجية سيتوجه غداً إلى مينسك", "غداً"),
        ("قالت وزارة الدفاع الروسية، اليوم الأربعاء، إن", "اليوم الأربعاء"),
    ],
)
def test_relative_days(text: str, words: str) -> None:
    m = _one(text)
    assert (m.text, m.calendar, m.start_date, m.status) == (words, "relative", "", "unresolved")


def test_tomorrow_is_pinned_by_a_dated_today() -> None:
    text = "قالت وزارة الخارجية، اليوم الخميس 31 أكتوبر 2024، إن الوزير سيتوجه غداً إلى مينسك."
    today, tomorrow = tag(text)
    assert (today.start_date, today.status) == ("2024-10-31", "ok")
    assert (tomorrow.text, tomorrow.start_date, tomorrow.status) == ("غداً", "2024-11-01", "inferred")
    assert "2024-10-31" in tomorrow.note
    assert publication_date(text) == ("2024-10-31", f"«{today.text}» (characters {today.start}-{today.end})")


def test_no_publication_date_without_a_dated_today() -> None:
    assert publication_date("قالت الوزارة اليوم الأربعاء إن المؤتمر يبدأ") is None


# --- years not written ------------------------------------------------------------------


def test_yearless_range_after_today_and_a_weekday() -> None:
    """Seed 002's pattern: «today, Wednesday» and a yearless 23-24 June, with 2020 elsewhere."""
    text = (
        "قالت الوزارة، اليوم الأربعاء، إن المؤتمر ينعقد في الفترة من 23 إلى 24 يونيو.\n"
        "يذكر في 23 أبريل 2020م، عقد المؤتمر الثامن."
    )
    _, june, april = tag(text)
    # 23 June 2020 is a Tuesday and 23 June 2021 a Wednesday (datetime)
    assert dt.date(2020, 6, 23).weekday() == 1 and dt.date(2021, 6, 23).weekday() == 2
    assert (june.text, june.start_date, june.end_date, june.status) == (
        "23 إلى 24 يونيو",
        "2021-06-23",
        "2021-06-24",
        "inferred",
    )
    assert "Wednesday" in june.note and "2020" in june.note
    assert april.status == "ok"


def test_yearless_date_takes_the_year_a_weekday_fixes() -> None:
    text = "دور پیشین در مارس ۲۰۲۵ بود. دور بعدی روز دوشنبه ۱۴ ژوئیه برگزار می‌شود."
    _, july = tag(text)
    assert dt.date(2025, 7, 14).weekday() == 0
    assert (july.start_date, july.status) == ("2025-07-14", "inferred")
    assert "Monday" in july.note


def test_yearless_date_takes_the_nearest_year_of_its_calendar() -> None:
    text = "نخستین کاروان در ۲۵ ذی‌القعده ۱۴۴۵ ه.ق وارد شد و بازگشت از ۱۵ ذی‌الحجه آغاز می‌شود."
    _, later = tag(text)
    assert later.calendar == "hijri" and later.status == "inferred"
    assert "1445" in later.note
    # 9 Dhu al-Hijja 1445 = 2024-06-15, so the 15th is six days later
    assert later.start_date == "2024-06-21"


def test_month_echo_takes_the_year_of_the_same_month_named_before() -> None:
    text = f"در ژانویه ۲۰۲۵ پوتین و رئیس{ZWNJ}جمهور توافق کردند. پیمان ژانویه هیچ بند دفاعی ندارد."
    _, echo = tag(text)
    assert (echo.text, echo.start_date, echo.end_date, echo.status) == (
        "ژانویه",
        "2025-01-01",
        "2025-01-31",
        "inferred",
    )


def test_a_bare_month_without_an_antecedent_is_not_a_date() -> None:
    assert tag("پیمان ژانویه هیچ بند دفاعی ندارد.") == []


def test_yearless_date_with_no_year_in_the_text_says_so() -> None:
    m = _one("الجولة المقبلة ستعقد في 2 أبريل في مسقط.")
    # not invalid (the day is real), not dated: nothing to count from
    assert (m.start_date, m.status) == ("", "unresolved")
    assert "no year" in m.note and "no reference date" in m.note


@pytest.mark.parametrize(
    ("text", "words", "start"),
    [
        ("عقد في 23 أبريل 2020م واستمر حتى يوم 25 من الشهر ذاته.", "يوم 25 من الشهر ذاته", "2020-04-25"),
        ("نخستین دور ۱۲ آوریل ۲۰۲۵ برگزار شد و دور دوم ۱۹ همان ماه در رم.", "۱۹ همان ماه", "2025-04-19"),
        ("تورم در می ۲۰۲۴ به اوج رسید و نرخ بهره در ژوئن همان سال کاهش یافت.", "ژوئن همان سال", "2024-06-01"),
    ],
)
def test_anaphora(text: str, words: str, start: str) -> None:
    _, m = tag(text)
    assert (m.text, m.start_date, m.status) == (words, start, "ok")
    assert "preceding" in m.note


def test_a_month_word_spent_on_an_anaphora_does_not_start_another_mention() -> None:
    # «ماه» closes «۲۷ همان ماه»; «خرداد» after it, without a month word of its own, is not
    # a month alone (found by hypothesis: the two mentions overlapped on «ماه»)
    text = "گفت‌وگوها ۱۵ مه ۲۰۲۵ در مسقط آغاز شد و ۲۷ همان ماه خرداد در رم ادامه یافت."
    mentions = tag(text, "fa")
    assert [(m.text, m.start_date) for m in mentions] == [
        ("۱۵ مه ۲۰۲۵", dt.date(2025, 5, 15).isoformat()),
        ("۲۷ همان ماه", dt.date(2025, 5, 27).isoformat()),
    ]


# --- glosses, weekdays and invalid days -----------------------------------------------------


def test_gloss_in_mirrored_parentheses() -> None:
    text = "این نشست در روزهای ۲۷ تا ۲۹ مه ۲۰۲۵ )۶ تا ۸ خرداد \n\n۱۴۰۴( برگزار می‌شود."
    may, gloss = tag(text)
    assert gloss.text == "۶ تا ۸ خرداد \n\n۱۴۰۴" and gloss.gloss_of == 0
    assert (gloss.start_date, gloss.end_date, gloss.status) == (may.start_date, may.end_date, "ok")


def test_gloss_after_a_slash_and_after_al_muwafiq() -> None:
    _, g = tag("صدر القرار في 1 رمضان 1446هـ/1 مارس 2025م.")
    assert (g.text, g.gloss_of, g.status) == ("1 مارس 2025م", 0, "ok")
    _, g = tag("أعلنت المحكمة أن يوم السبت 1 رمضان 1446هـ، الموافق 1 مارس 2025م، هو أول أيام الصيام.")
    assert (g.text, g.gloss_of, g.status) == ("1 مارس 2025م", 0, "ok")


def test_two_dates_of_one_calendar_are_not_a_gloss() -> None:
    _, second = tag("مراسم در ۲۷ مه ۲۰۲۵ (۲۸ مه ۲۰۲۵) برگزار شد.")
    assert second.gloss_of is None


def test_two_days_either_way() -> None:
    text = "امروز سه‌شنبه ۶ خرداد ۱۴۰۴ است و پس‌فردا نشست آغاز می‌شود."
    _, later = tag(text)
    assert (later.text, later.start_date, later.status) == ("پس‌فردا", "2025-05-29", "inferred")


def test_gloss_one_year_early_is_a_conflict_with_a_diagnosis() -> None:
    text = (
        "این نشست در روزهای ۲۷ تا ۲۹ مه ۲۰۲۵ )7 تا 9 خرداد \n\n1403( برگزار می‌شود. "
        "پوتین در 9 اردیبهشت 1403 گفت."
    )
    _, gloss, other = tag(text)
    assert gloss.status == "conflict" and gloss.gloss_of == 0
    assert (gloss.start_date, gloss.end_date) == ("2024-05-27", "2024-05-29")  # bounds as written
    assert "one year early" in gloss.note and "1404" in gloss.note
    assert other.status == "suspect" and other.start_date == "2024-04-28"
    assert "1404" in other.note


@pytest.mark.parametrize(
    ("text", "real"),
    [
        ("روز چهارشنبه ۱۵ اوت ۲۰۲۳ آغاز شد", "Tuesday"),
        ("سيصل يوم الأحد 12 مارس 2024 في زيارة", "Tuesday"),
    ],
)
def test_wrong_weekday_is_a_conflict(text: str, real: str) -> None:
    m = _one(text)
    assert m.status == "conflict" and real in m.note


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("مهلت تا ۳۰ اسفند ۱۴۰۲ تمدید شد", "29 days"),
        ("عقد في 30 محرم 1446هـ بمقر", "29 days"),
        ("دخلت حيز التنفيذ في 31 يونيو 2024،", "30 days"),
    ],
)
def test_invalid_days_keep_the_words_and_say_why(text: str, why: str) -> None:
    m = _one(text)
    assert (m.status, m.start_date, m.end_date) == ("invalid", "", "")
    assert why in m.note


def test_written_field_gives_the_date_in_its_own_calendar() -> None:
    m = _one("از ۶ تا ۸ خرداد ۱۴۰۴ در مسکو")
    assert m.written == "1404-03-06/1404-03-08"
    assert m.to_json()["written"] == m.written


def test_language_argument_overrides_detection() -> None:
    # A bare 14xx after «در» is a Jalali year in Persian only.
    assert _one("در ۱۴۰۳ آغاز شد", "fa").calendar == "jalali"


# --- invariants --------------------------------------------------------------------------------

PIECES = [
    "۲۷",
    "۲۹",
    "31",
    "30",
    "1",
    " تا ",
    " إلى ",
    " - ",
    "مه",
    "می",
    "۲۰۲۵",
    "2024",
    "1403",
    "1446",
    "9999",
    "خرداد",
    "يونيو",
    "أكتوبر/تشرين الأول",
    "اليوم",
    "الأربعاء",
    "روز",
    "سه‌شنبه",
    "همان ماه",
    "الشهر ذاته",
    "من",
    "(",
    ")",
    "هـ",
    "ه.ش",
    "اواخر",
    "عام",
    "سال",
    "mid-",
    "May",
    "Friday,",
    "برابر با",
    "\n\n",
    "ـ",
    "\u200c",
    "\u200f",
    "،",
    ".",
    ":",
    "/",
    "میلیارد",
]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(), st.lists(st.sampled_from(PIECES)).map(" ".join)),
    st.sampled_from(["auto", "fa", "ar", "en"]),
)
def test_invariants_on_any_text(text: str, lang: str) -> None:
    mentions = tag(text, lang)
    last_end = 0
    for i, m in enumerate(mentions):
        assert text[m.start : m.end] == m.text
        assert m.start < m.end
        assert m.start >= last_end, "mentions are sorted and do not overlap"
        last_end = m.end
        assert m.text == m.text.strip()
        assert m.text[0] not in "()" and m.text[-1] not in "()"
        assert bool(m.start_date) == bool(m.end_date)
        if m.start_date:
            assert m.start_date <= m.end_date
        else:
            assert m.status in ("invalid", "unresolved")  # never `ok` without a day
        if m.status != "ok":
            assert m.note
        if m.gloss_of is not None:
            assert 0 <= m.gloss_of < i
    assert tag(text, lang) == mentions, "deterministic"


def _lines_run(text: str) -> int:
    """Lines of mctimeline run to tag `text`: a measure of work that no load on the machine moves."""
    return lines_run(lambda: tag(text))[0]


def test_not_quadratic() -> None:
    unit = "در ۱۵ اوت ۲۰۲۳ و روز سه‌شنبه ۶ خرداد ۱۴۰۴ و ۲۷ تا ۲۹ مه ۲۰۲۵ )7 تا 9 خرداد 1403( و ۱۵ اسفند. "
    assert len(tag(unit * 400)) == 400 * 5  # also warms the caches, so both counts below are steady
    small, big = _lines_run(unit * 50), _lines_run(unit * 400)
    # Linear work gives about 8x for eight times the text; a quadratic pass would give about 64x.
    assert big < 10 * small, f"eight times the text ran {big / small:.1f} times as many lines"
