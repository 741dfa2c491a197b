"""A yearless day after a verb of a done act is the last one before publication, and an Arabic
weekday in a verb-first sentence is a day of the report (tagger/deixis.py).

Composed passages in the style of news on Iran–Russia diplomacy (never copied); expected days
from datetime.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mctimeline.tagger import tag

PUBLISHED = dt.date(2025, 10, 2)  # a Thursday, late in the year: the nearest 17 January is next year's
LAST_17_JANUARY = dt.date(PUBLISHED.year, 1, 17)


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("The partnership treaty was signed on January 17 in the Kremlin.", "en", "January 17"),
        ("The parliament ratified the accord on January 17 after a short debate.", "en", "January 17"),
        ("ووقع الرئيسان معاهدة الشراكة في موسكو في 17 يناير عقب محادثات مطولة.", "ar", "17 يناير"),
        ("وفي 17 يناير، وقع الرئيسان معاهدة الشراكة في الكرملين.", "ar", "17 يناير"),
    ],
)
def test_a_done_act_dates_the_last_day_before_publication(text: str, lang: str, words: str) -> None:
    (m,) = tag(text, lang, published=PUBLISHED.isoformat())
    assert m.text == words
    assert (m.start_date, m.status) == (LAST_17_JANUARY.isoformat(), "inferred")
    assert "done act" in m.note


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The two presidents will sign the treaty on January 17 in Moscow.", "en"),
        ("وقال المتحدث إن الرئيسين سيوقعان المعاهدة في 17 يناير في موسكو.", "ar"),
    ],
)
def test_a_future_act_still_dates_the_coming_day(text: str, lang: str) -> None:
    (m,) = tag(text, lang, published=PUBLISHED.isoformat())
    assert m.start_date == LAST_17_JANUARY.replace(year=PUBLISHED.year + 1).isoformat()


def test_with_no_verb_before_it_the_nearest_day_stands() -> None:
    (m,) = tag(
        "The envoys discussed the January 17 ceremony at length.", "en", published=PUBLISHED.isoformat()
    )
    assert m.start_date == LAST_17_JANUARY.replace(year=PUBLISHED.year + 1).isoformat()


def _last(weekday: int, ref: dt.date) -> dt.date:
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


@pytest.mark.parametrize(
    ("text", "words", "weekday"),
    [
        # The verb opens the sentence, its subject (with commas) stands between it and the day.
        (
            "وصل رئيس الوزراء العراقي على رأس وفد اقتصادي إلى أنقرة الثلاثاء لتوقيع اتفاقيات تجارية.",
            "الثلاثاء",
            1,
        ),
        ("وصل وزير النفط الكويتي سعد البراك إلى بكين، الأحد، في جولة آسيوية.", "الأحد", 6),
    ],
)
def test_an_arabic_weekday_in_a_verb_first_sentence_is_a_day(text: str, words: str, weekday: int) -> None:
    (m,) = tag(text, "ar", published=PUBLISHED.isoformat())
    assert m.text == words and m.start_date == _last(weekday, PUBLISHED).isoformat()


def test_eleven_is_not_sunday() -> None:
    assert (
        tag("وقال المسؤول إن الأعضاء الأحد عشر اجتمعوا في القاعة.", "ar", published=PUBLISHED.isoformat())
        == []
    )


def test_a_headline_line_ends_a_sentence_for_the_verb_first_rule() -> None:
    # The headline above has no stop: its line break ends it, and the lead opens with its verb.
    headline = "وزير الخارجية الإيراني يصل إلى روسيا"
    text = f"{headline}\n\nوصل عباس عراقجي وزير الخارجية الإيراني إلى موسكو، الأحد، لبحث التطورات."
    (m,) = tag(text, "ar", published=PUBLISHED.isoformat())
    assert m.text == "الأحد" and m.start_date == _last(6, PUBLISHED).isoformat()


def test_days_earlier_count_back_from_the_day_just_told_days_ago_from_publication() -> None:
    text = "The envoys' note, dated September 29, followed a board vote held three days earlier. "
    text += "The board met three days ago."
    letter, earlier, ago = tag(text, "en", published=PUBLISHED.isoformat())
    told = dt.date.fromisoformat(letter.start_date)
    assert told == dt.date(PUBLISHED.year, 9, 29)
    assert (earlier.text, earlier.start_date) == (
        "three days earlier",
        (told - dt.timedelta(days=3)).isoformat(),
    )
    assert (ago.text, ago.start_date) == ("three days ago", (PUBLISHED - dt.timedelta(days=3)).isoformat())


def test_days_earlier_with_no_day_told_before_is_unresolved() -> None:
    (m,) = tag("The council had voted three days earlier.", "en", published=PUBLISHED.isoformat())
    assert m.status == "unresolved"


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("وكان مجلس الاتحاد قد صادق اليوم في جلسة عامة على معاهدة الشراكة.", "ar", "اليوم"),
        ("مجلس شورای اسلامی امروز لایحه معاهده همکاری با روسیه را تصویب کرد.", "fa", "امروز"),
        ("The upper house today ratified the partnership treaty with Iran.", "en", "today"),
    ],
)
def test_a_bare_today_beside_a_ratification_verb_is_the_publication_day(
    text: str, lang: str, words: str
) -> None:
    (m,) = tag(text, lang, published=PUBLISHED.isoformat())
    assert (m.text, m.start_date) == (words, PUBLISHED.isoformat())


def test_a_done_act_on_the_publication_day_is_that_day() -> None:
    (m,) = tag(
        "The partnership treaty was signed on January 17 in the Kremlin.", "en", published="2025-01-17"
    )
    assert m.start_date == LAST_17_JANUARY.isoformat()


def test_a_slipped_weekday_beside_a_day_of_the_publication_week_keeps_that_week() -> None:
    # 2 October 2025 is a Thursday; the text says Wednesday. The day stays the report's own (2025,
    # flagged), never moved to 2024, in which 2 October was a Wednesday. «وزارت» is no Arabic «زارت».
    text = "وزارت خارجه روسیه روز چهارشنبه، ۲ اکتبر، اعلام کرد معاهده لازم‌الاجرا شده است. "
    text += "این سند در ۱۶ ژانویه ۲۰۲۵ امضا شد."
    first, _ = tag(text, "fa", published=PUBLISHED.isoformat())
    assert dt.date(2024, 10, 2).weekday() == 2 and PUBLISHED.weekday() == 3
    assert (first.start_date, first.status) == (PUBLISHED.isoformat(), "conflict")
    assert "weekday" in first.note


def test_a_weekday_far_after_its_future_verb_is_the_coming_one() -> None:
    # Monday 14 July: "said Monday" is that day; the meeting "will" be on the coming Tuesday.
    monday = dt.date(2025, 7, 14)
    text = (
        "A ministry official said Monday that the trade minister of Kazakhstan will sit down with her "
        "Uzbek counterpart at the close of the regional economic forum in Astana Tuesday."
    )
    said, meeting = tag(text, "en", published=monday.isoformat())
    assert said.start_date == monday.isoformat()
    assert meeting.start_date == (monday + dt.timedelta(days=1)).isoformat()


def test_ahead_of_a_weekday_is_the_coming_one() -> None:
    friday = dt.date(2025, 1, 17)
    (m,) = tag(
        "The delegation flew home ahead of Monday's vote in parliament.", "en", published=friday.isoformat()
    )
    assert m.start_date == (friday + dt.timedelta(days=3)).isoformat()


def test_a_passive_yet_to_come_is_no_done_act() -> None:
    # "due to be held … on May 23": published on 20 May, the coming 23 May, not last year's.
    published = dt.date(2014, 5, 20)
    text = "A regional water summit is due to be held in Tashkent on May 23, organisers said."
    (m,) = tag(text, "en", published=published.isoformat())
    assert m.start_date == dt.date(2014, 5, 23).isoformat()


def test_an_arabic_weekday_after_a_present_verb_first_is_the_coming_one() -> None:
    # «يصل ... الثلاثاء» on a Saturday: a report gives what is scheduled in the present (as
    # Persian does), so the coming Tuesday; the verb-first rule itself reads done acts only.
    text = "يصل وفد تجاري صيني كبير إلى الرياض، الثلاثاء، في زيارة تستمر ثلاثة أيام."
    (m,) = tag(text, "ar", published="2025-02-22")
    assert dt.date(2025, 2, 22).weekday() == 5 and dt.date(2025, 2, 25).weekday() == 1
    assert (m.text, m.start_date, m.status) == ("الثلاثاء", "2025-02-25", "inferred")
