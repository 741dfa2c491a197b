"""Weekdays and day words (tagger/weekdays.py, tagger/tense.py): nights, commas, a future after "that"."""

from __future__ import annotations

import datetime as dt

import pytest

from _news_days import LAST_MONDAY, PUB
from _news_days import day_bounds as _days
from _news_days import only as _only
from mctimeline.tagger import tag

# --- a weekday named by its night ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("وصل وزير الخارجية إلى موسكو ليلة السبت في زيارة رسمية.", "ar", "ليلة السبت"),
        ("وزیر امور خارجه شب شنبه وارد مسکو شد.", "fa", "شب شنبه"),
    ],
)
def test_the_night_of_a_weekday_is_the_evening_before_and_the_day(text: str, lang: str, words: str) -> None:
    m = _only(text, lang)
    saturday = PUB - dt.timedelta(days=(PUB.weekday() - 5) % 7)  # the latest Saturday
    assert saturday.weekday() == 5
    assert (m.text, (m.start_date, m.end_date), m.status) == (
        words,
        _days(saturday - dt.timedelta(days=1), saturday),
        "inferred",
    )
    assert "approximate: the night before Saturday, Friday evening" in m.note


def test_a_weekday_evening_is_that_day() -> None:
    m = _only("وصل الوفد إلى طهران مساء السبت.", "ar")
    saturday = (PUB - dt.timedelta(days=(PUB.weekday() - 5) % 7)).isoformat()
    assert (m.start_date, m.end_date) == (saturday, saturday)


# --- an English day word alone, near a verb of an act that is not a verb of reporting ---------


@pytest.mark.parametrize(
    ("text", "words", "days"),
    [
        ("The nuclear talks resume tomorrow in Vienna.", "tomorrow", 1),
        ("Foreign ministers of the two countries meet tomorrow in Moscow.", "tomorrow", 1),
        ("The parliament voted yesterday to ratify the treaty.", "yesterday", -1),
    ],
)
def test_an_english_day_word_near_an_act(text: str, words: str, days: int) -> None:
    m = _only(text, "en")
    day = (PUB + dt.timedelta(days=days)).isoformat()
    assert (m.text, m.start_date, m.end_date) == (words, day, day)


@pytest.mark.parametrize(
    "text",
    [
        "Russia today is a different country from the one of the nineties.",
        "Tomorrow's leaders will inherit the agreement.",
        "The region of tomorrow will depend on the corridor.",
    ],
)
def test_an_english_day_word_heading_a_noun_phrase_is_no_date(text: str) -> None:
    assert tag(text, "en", published=PUB) == []


@pytest.mark.parametrize(
    "text",
    [
        "The summit will open on Monday in Kazan.",
        "The two ministers will meet on Monday and sign the memorandum.",
        "The delegation will travel to Tehran on Monday.",
    ],
)
def test_will_before_a_verb_of_an_act_keeps_a_weekday_ahead(text: str) -> None:
    # the verbs that make a day word a date say nothing of its tense: "will" still does
    monday = PUB + dt.timedelta(days=(0 - PUB.weekday()) % 7)
    m = _only(text, "en")
    assert (m.start_date, m.end_date) == (monday.isoformat(), monday.isoformat())


# --- an Arabic weekday set off by commas after its verb: the day of the report ------------------

THURSDAY = dt.date(2025, 3, 13)


@pytest.mark.parametrize("published", [PUB, THURSDAY])
@pytest.mark.parametrize(
    "text",
    [
        "أعلنت وزارة الخارجية الإيرانية، الأربعاء، أن الوفد الروسي سيصل إلى طهران.",
        "قال المتحدث باسم الكرملين في مؤتمر صحفي، الأربعاء، إن القمة ستعقد في موعدها.",
    ],
)
def test_an_arabic_weekday_between_commas_after_its_verb(text: str, published: dt.date) -> None:
    # the latest Wednesday on or before the publication day: the day the words were said
    wednesday = published - dt.timedelta(days=(published.weekday() - 2) % 7)
    m = _only(text, "ar", published)
    assert (m.text, m.start_date, m.end_date) == ("الأربعاء", wednesday.isoformat(), wednesday.isoformat())


def test_a_list_of_weekdays_between_commas_is_no_day() -> None:
    assert tag("تستقبل القنصلية الطلبات أيام السبت، الأحد، الاثنين، الثلاثاء.", "ar", published=PUB) == []


def test_a_weekday_set_off_after_a_done_act_is_that_acts() -> None:
    # a present after it («تستمر», «يلتقي») is of the visit it goes on to describe
    text = (
        "وصل وزير الخارجية الإيراني إلى موسكو، مساء الثلاثاء، في زيارة رسمية تستمر يومين، "
        "يلتقي خلالها نظيره الروسي."
    )
    m = _only(text, "ar")
    assert (m.text, m.start_date) == ("مساء الثلاثاء", (PUB - dt.timedelta(days=1)).isoformat())


# --- what was said: a future after «أن», "that", «که» is the words' ------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "weekday_words"),
    [
        (
            "أكد المتحدث باسم الخارجية في مؤتمره الصحفي يوم الاثنين أن الجولة المقبلة ستعقد الشهر المقبل.",
            "ar",
            "يوم الاثنين",
        ),
        ("The spokesman said on Monday that the talks will resume next month.", "en", "on Monday"),
        ("سخنگو روز دوشنبه گفت که مذاکرات ماه آینده از سر گرفته خواهد شد.", "fa", "روز دوشنبه"),
    ],
)
def test_a_future_after_that_leaves_the_day_of_saying(text: str, lang: str, weekday_words: str) -> None:
    said, _ = tag(text, lang, published=PUB)
    assert (said.text, said.start_date) == (weekday_words, LAST_MONDAY.isoformat())


def test_a_future_before_the_weekday_still_looks_ahead() -> None:
    m = _only("من المقرر أن تعقد القمة الثلاثية يوم الاثنين في طهران.", "ar")
    assert m.start_date == (PUB + dt.timedelta(days=5)).isoformat()


# --- a Persian part of the day before a weekday ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "back"),
    [
        ("رئیس‌جمهور شامگاه دوشنبه تهران را به مقصد مسکو ترک کرد.", "شامگاه دوشنبه", 2),
        ("وزیر خارجه بعد از ظهر یکشنبه وارد مسکو شد.", "بعد از ظهر یکشنبه", 3),
        ("هیئت ایرانی غروب پنجشنبه به تهران بازگشت.", "غروب پنجشنبه", 6),
    ],
)
def test_a_persian_part_of_the_day_before_a_weekday(text: str, words: str, back: int) -> None:
    m = _only(text, "fa")
    assert (m.text, m.start_date) == (words, (PUB - dt.timedelta(days=back)).isoformat())


# --- two weekdays named together ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        # PUB is a Wednesday: the last Sunday and Monday are 3 and 2 days back
        ("عقدت المحادثات في مسقط يومي الأحد والاثنين.", "ar", "يومي الأحد والاثنين", -3, -2),
        ("ستعقد الجولة المقبلة يومي الأربعاء والخميس.", "ar", "يومي الأربعاء والخميس", 0, 1),
        ("عقدت الجولة الأولى يومي الأربعاء والخميس.", "ar", "يومي الأربعاء والخميس", -7, -6),
        ("تعقد المحادثات يومي السبت والأحد المقبلين.", "ar", "يومي السبت والأحد المقبلين", 3, 4),
        ("نشست کمیسیون مشترک روزهای شنبه و یکشنبه در تهران برگزار شد.", "fa", "روزهای شنبه و یکشنبه", -4, -3),
    ],
)
def test_two_weekdays_named_together(text: str, lang: str, words: str, first: int, last: int) -> None:
    m = _only(text, lang)
    days = ((PUB + dt.timedelta(days=first)), (PUB + dt.timedelta(days=last)))
    assert (m.text, m.start_date, m.end_date) == (words, days[0].isoformat(), days[1].isoformat())
    assert days[1] - days[0] == dt.timedelta(days=1)


# --- a weekday at the very start of a text ----------------------------------------------------


def test_a_weekday_in_brackets_opening_a_text_looks_at_nothing_before_it() -> None:
    # «اليوم (الأحد)» leaves the weekday to «اليوم»; with no word before the bracket, the word
    # looked at must not wrap round to the text's last token (here «اليوم» again).
    published = dt.date(2025, 3, 11)
    text = "(الأحد) وصل الوفد الروسي إلى طهران، وقال المتحدث إن المحادثات تبدأ اليوم"
    sunday = published - dt.timedelta(days=(published.weekday() - 6) % 7)
    assert sunday.weekday() == 6 and sunday < published
    found = [(m.text, m.start_date) for m in tag(text, "ar", published=published)]
    assert found[0] == ("الأحد", sunday.isoformat())
