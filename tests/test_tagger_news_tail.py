"""Forms of the long tail of real reports, dated from the publication day: a part of a month
with no year («منتصف يناير», «اواسط اسفند», "mid-January"), a month or day the tense puts
ahead while it still runs («سيوقع … أواخر يناير» on 14 January), an offset said with «نحو»,
«حدود», "about", a weekday named by its night («ليلة السبت», «شب شنبه»), a holiday after
"last" or "next", and a few more ways to say "in recent days".

Read apart, these were unread (the part word made no month of a bare name), a year off (a
coming January counted from the next one), or a confident day the words do not give (an
"about" dropped, a night given as the day after it). The passages are composed in the style
of such reports; expected days come from `datetime` and ICU (tests/_forms.py), never from
the tagger.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from _forms import icu as _icu_fixture
from _forms import icu_day, icu_month
from mctimeline.mentions import Mention
from mctimeline.tagger import tag

icu = _icu_fixture  # ICU, the independent reference (a fixture)

PUB = dt.date(2025, 3, 12)  # a Wednesday; 22 Esfand 1403
MID_JANUARY = dt.date(2025, 1, 14)  # a Tuesday; 25 Dey 1403


def _only(text: str, lang: str, published: dt.date = PUB) -> Mention:
    (m,) = tag(text, lang, published=published)
    return m


def _days(first: dt.date, last: dt.date) -> tuple[str, str]:
    return first.isoformat(), last.isoformat()


def _gregorian_month(year: int, month: int) -> tuple[str, str]:
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1).isoformat(), (after - dt.timedelta(days=1)).isoformat()


def test_the_publication_days_lie_where_the_expectations_assume(icu: ModuleType) -> None:
    assert PUB.weekday() == 2 and MID_JANUARY.weekday() == 1
    assert icu_day(icu, "persian", 1403, 12, 1) <= PUB < icu_day(icu, "persian", 1404, 1, 1)
    assert icu_day(icu, "persian", 1403, 10, 1) <= MID_JANUARY < icu_day(icu, "persian", 1403, 11, 1)


# --- a part of a month with no year ---------------------------------------------------------

GREGORIAN_PARTS = [
    (
        "وقّع الطرفان الاتفاق في منتصف يناير خلال زيارة الرئيس إلى موسكو.",
        "ar",
        "منتصف يناير",
        (2025, 1),
        "middle",
    ),
    ("وصل الوفد الروسي إلى طهران أواخر فبراير لبحث ملف الطاقة.", "ar", "أواخر فبراير", (2025, 2), "late"),
    (
        "The treaty was signed in mid-January during the president's visit.",
        "en",
        "mid-January",
        (2025, 1),
        "middle",
    ),
    (
        "The delegation arrived in Tehran in late February for energy talks.",
        "en",
        "late February",
        (2025, 2),
        "late",
    ),
    # the words say the next April: not the one nearest, which is also the next here
    ("ستعقد القمة المقبلة أواخر أبريل المقبل في كازان.", "ar", "أواخر أبريل المقبل", (2025, 4), "late"),
    # a done act, so the last January, not a coming one
    (
        "وكان الطرفان قد اتفقا في منتصف يناير الماضي على جدول المفاوضات.",
        "ar",
        "منتصف يناير الماضي",
        (2025, 1),
        "middle",
    ),
]


@pytest.mark.parametrize(("text", "lang", "words", "month", "part"), GREGORIAN_PARTS)
def test_a_part_of_a_gregorian_month_without_a_year(
    text: str, lang: str, words: str, month: tuple[int, int], part: str
) -> None:
    m = _only(text, lang)
    assert (m.text, (m.start_date, m.end_date), m.precision, m.status) == (
        words,
        _gregorian_month(*month),
        "month",
        "inferred",
    )
    assert f"{part}" in m.note and "the words do not say which days" in m.note
    assert "no year written" in m.note


@pytest.mark.parametrize(
    ("text", "words", "year", "month"),
    [
        ("این سند اواسط اسفند در حاشیه نشست وزیران امضا شد.", "اواسط اسفند", 1403, 12),
        # Aban 1403 ended in November 2024; Aban 1404 begins in October 2025: the first is nearer
        ("هیئت ایرانی اوایل آبان برای گفت‌وگو به مسکو رفت.", "اوایل آبان", 1403, 8),
    ],
)
def test_a_part_of_a_jalali_month_without_a_year(
    icu: ModuleType, text: str, words: str, year: int, month: int
) -> None:
    m = _only(text, "fa")
    assert (m.text, (m.start_date, m.end_date), m.precision, m.status) == (
        words,
        icu_month(icu, "persian", year, month),
        "month",
        "inferred",
    )


def test_a_part_word_alone_is_no_month() -> None:
    # «نیمه» before a word that is not a month: nothing to date
    assert tag("این طرح در نیمه راه متوقف شد.", "fa", published=PUB) == []


# --- the tense puts it ahead, and the month or day still runs --------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "bounds", "role"),
    [
        # on 14 January, "by the end of January" is this month's end, still to come
        (
            "يعتزم البلدان توقيع الاتفاقية بحلول نهاية يناير.",
            "ar",
            "نهاية يناير",
            _gregorian_month(2025, 1),
            "by",
        ),
        (
            "Both sides plan to sign the treaty by the end of January.",
            "en",
            "end of January",
            _gregorian_month(2025, 1),
            "by",
        ),
        ("ستعقد الجولة المقبلة من المحادثات في يناير في مسقط.", "ar", "يناير", _gregorian_month(2025, 1), ""),
        (
            "ستعقد الجولة المقبلة من المحادثات في 20 يناير في مسقط.",
            "ar",
            "20 يناير",
            _days(dt.date(2025, 1, 20), dt.date(2025, 1, 20)),
            "",
        ),
        # the 10th has passed: the coming one is next year's
        (
            "ستعقد الجولة المقبلة من المحادثات في 10 يناير في مسقط.",
            "ar",
            "10 يناير",
            _days(dt.date(2026, 1, 10), dt.date(2026, 1, 10)),
            "",
        ),
        # «المقبل» said in January: the next January, not this one
        ("ستعقد الجولة المقبلة في يناير المقبل.", "ar", "يناير المقبل", _gregorian_month(2026, 1), ""),
    ],
)
def test_a_coming_month_or_day_that_still_runs(
    text: str, lang: str, words: str, bounds: tuple[str, str], role: str
) -> None:
    m = _only(text, lang, MID_JANUARY)
    assert (m.text, (m.start_date, m.end_date), m.status, m.role) == (words, bounds, "inferred", role)


def test_a_jalali_month_that_still_runs(icu: ModuleType) -> None:
    m = _only("این قرارداد تا پایان دی به امضا خواهد رسید.", "fa", MID_JANUARY)
    assert (m.text, (m.start_date, m.end_date), m.role) == (
        "پایان دی",
        icu_month(icu, "persian", 1403, 10),
        "until",
    )


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Talks between the two sides continued until the end of February.", "until"),
        ("Trade between the two countries has grown since the beginning of 2024.", "since"),
    ],
)
def test_a_role_word_before_the_part_word(text: str, role: str) -> None:
    (m,) = [m for m in tag(text, "en", published=PUB) if m.start_date]
    assert m.role == role


# --- an offset said with "about" --------------------------------------------------------------

WEEKS_AGO = [
    ("انطلقت المحادثات قبل نحو أسبوعين في جنيف.", "ar", "قبل نحو أسبوعين"),
    ("این قرارداد حدود دو هفته پیش امضا شد.", "fa", "حدود دو هفته پیش"),
    ("The talks began about two weeks ago in Geneva.", "en", "about two weeks ago"),
]


@pytest.mark.parametrize(("text", "lang", "words"), WEEKS_AGO)
def test_about_two_weeks_ago_is_the_days_around_it(text: str, lang: str, words: str) -> None:
    m = _only(text, lang)
    centre = PUB - dt.timedelta(weeks=2)
    bounds = _days(centre - dt.timedelta(days=3), centre + dt.timedelta(days=3))
    assert (m.text, (m.start_date, m.end_date), m.status) == (words, bounds, "inferred")
    assert m.note.startswith("approximate: about 2 weeks before")


def test_about_ten_days_ago() -> None:
    m = _only("این قرارداد تقریباً ۱۰ روز پیش امضا شد.", "fa")
    centre = PUB - dt.timedelta(days=10)
    assert (m.start_date, m.end_date) == _days(centre - dt.timedelta(days=2), centre + dt.timedelta(days=2))


@pytest.mark.parametrize(
    ("text", "lang", "words", "bounds", "precision"),
    [
        # three months before March: December; about it, November to January
        (
            "انطلقت المحادثات قبل حوالي ثلاثة أشهر في جنيف.",
            "ar",
            "قبل حوالي ثلاثة أشهر",
            (_gregorian_month(2024, 11)[0], _gregorian_month(2025, 1)[1]),
            "month",
        ),
        # about a month ago is never this month
        (
            "The talks began nearly a month ago in Geneva.",
            "en",
            "nearly a month ago",
            (_gregorian_month(2025, 1)[0], _gregorian_month(2025, 2)[1]),
            "month",
        ),
        (
            "انطلقت المحادثات منذ نحو عامين في جنيف.",
            "ar",
            "منذ نحو عامين",
            (dt.date(2022, 1, 1).isoformat(), dt.date(2024, 12, 31).isoformat()),
            "year",
        ),
    ],
)
def test_about_some_months_or_years_ago(
    text: str, lang: str, words: str, bounds: tuple[str, str], precision: str
) -> None:
    m = _only(text, lang)
    assert (m.text, (m.start_date, m.end_date), m.precision, m.status) == (
        words,
        bounds,
        precision,
        "inferred",
    )
    assert m.note.startswith("approximate: about")


def test_about_three_jalali_months_ago(icu: ModuleType) -> None:
    m = _only("این قرارداد حدود سه ماه قبل امضا شد.", "fa")  # Esfand 1403: Aban to Dey
    assert (m.start_date, m.end_date) == (
        icu_month(icu, "persian", 1403, 8)[0],
        icu_month(icu, "persian", 1403, 10)[1],
    )


@pytest.mark.parametrize(
    ("text", "lang", "words", "days"),
    [
        ("The talks began two weeks ago in Geneva.", "en", "two weeks ago", 14),
        # «نحو» is also 'towards': before a place it says nothing of the count
        ("توجه الوفد نحو موسكو قبل أسبوع.", "ar", "قبل أسبوع", 7),
    ],
)
def test_an_offset_without_about_is_one_day(text: str, lang: str, words: str, days: int) -> None:
    m = _only(text, lang)
    day = (PUB - dt.timedelta(days=days)).isoformat()
    assert (m.text, m.start_date, m.end_date) == (words, day, day)
    assert "approximate" not in m.note


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


# --- a holiday after last or next; recent days ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        (
            "The two ministers last met in person last Christmas in Geneva.",
            "last Christmas",
            dt.date(2024, 12, 25),
        ),
        (
            "A new round of talks may follow next Christmas, the envoy said.",
            "next Christmas",
            dt.date(2025, 12, 25),
        ),
    ],
)
def test_last_or_next_christmas(text: str, words: str, day: dt.date) -> None:
    m = _only(text, "en")
    assert (m.text, m.start_date, m.end_date, m.status) == (
        words,
        day.isoformat(),
        day.isoformat(),
        "inferred",
    )


def test_last_nowruz(icu: ModuleType) -> None:
    m = _only("The envoy visited Tehran last Nowruz.", "en")
    day = icu_day(icu, "persian", 1403, 1, 1).isoformat()  # the last 1 Farvardin before March 12
    assert (m.text, m.start_date) == ("last Nowruz", day)


def test_christmas_with_neither_is_left_alone() -> None:
    assert tag("The ministers met at Christmas in Geneva.", "en", published=PUB) == []


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("جرت اتصالات مكثفة بين الجانبين خلال الأيام القليلة الماضية.", "ar", "خلال الأيام القليلة الماضية"),
        ("مذاکرات دو طرف طی روزهای گذشته ادامه داشت.", "fa", "طی روزهای گذشته"),
    ],
)
def test_recent_days_are_a_few_days_before(text: str, lang: str, words: str) -> None:
    m = _only(text, lang)
    bounds = _days(PUB - dt.timedelta(days=10), PUB - dt.timedelta(days=1))
    assert (m.text, (m.start_date, m.end_date), m.status) == (words, bounds, "inferred")
    assert m.note.startswith("approximate: a few days before")


# --- earlier or later in this week, month or year; earlier today -----------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        ("Earlier this month, the two sides signed a memorandum on grain.", "en", "Earlier this month",
         dt.date(2025, 3, 1), PUB - dt.timedelta(days=1)),
        ("عقد الاجتماع الثلاثي في وقت سابق من هذا الشهر في أنقرة.", "ar", "في وقت سابق من هذا الشهر",
         dt.date(2025, 3, 1), PUB - dt.timedelta(days=1)),
        ("وكان الوزير قد زار موسكو في وقت سابق من العام الجاري.", "ar", "في وقت سابق من العام الجاري",
         dt.date(2025, 1, 1), PUB - dt.timedelta(days=1)),
        # an English week begins on Monday: this one ends on Sunday 16 March
        ("The talks will resume later this week in Geneva.", "en", "later this week",
         PUB + dt.timedelta(days=1), PUB + dt.timedelta(days=6 - PUB.weekday())),
        ("ستعقد الجولة الثانية في وقت لاحق من الشهر الجاري.", "ar", "في وقت لاحق من الشهر الجاري",
         PUB + dt.timedelta(days=1), dt.date(2025, 3, 31)),
    ],
)  # fmt: skip
def test_earlier_or_later_in_this_period(
    text: str, lang: str, words: str, first: dt.date, last: dt.date
) -> None:
    m = _only(text, lang)
    assert (m.text, (m.start_date, m.end_date), m.status) == (words, _days(first, last), "inferred")
    assert "the words give no one day" in m.note


def test_earlier_in_last_year_is_just_last_year() -> None:
    # only this period has a side of the reference day
    m = _only("Earlier last year the talks stalled over sanctions.", "en")
    assert (m.text, m.start_date, m.end_date) == ("last year", "2024-01-01", "2024-12-31")


def test_earlier_today_in_arabic() -> None:
    m = _only("أعلنت الخارجية في وقت سابق اليوم أن الوفد وصل إلى طهران.", "ar")
    assert (m.text, m.start_date, m.end_date) == ("في وقت سابق اليوم", PUB.isoformat(), PUB.isoformat())


# --- a day of the current month with «الشهر» left out; this week's end; "this past" ----------


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        ("انعقدت القمة الثلاثية في 3 الجاري بمشاركة وزراء الخارجية.", "3 الجاري", 3),
        ("وكان الرئيسان قد التقيا في الخامس من الجاري على هامش المنتدى.", "الخامس من الجاري", 5),
    ],
)
def test_a_day_of_the_current_month_left_unnamed(text: str, words: str, day: int) -> None:
    m = _only(text, "ar")
    assert (m.text, m.start_date, m.end_date) == (words, f"2025-03-{day:02d}", f"2025-03-{day:02d}")


def test_the_current_school_year_is_no_month() -> None:
    assert tag("بدأ العام الدراسي الجاري بتأخير.", "ar", published=PUB) == []


def test_the_end_of_the_current_week_is_this_weeks_weekend() -> None:
    # an Arabic weekend is read as Friday and Saturday; this week's is still to come on a Wednesday
    m = _only("تنتهي المهلة الممنوحة للأطراف نهاية الأسبوع الجاري.", "ar")
    friday = PUB + dt.timedelta(days=(4 - PUB.weekday()) % 7)
    saturday = friday + dt.timedelta(days=1)
    assert (m.text, (m.start_date, m.end_date)) == ("نهاية الأسبوع الجاري", _days(friday, saturday))


@pytest.mark.parametrize(
    ("text", "words", "first", "last"),
    [
        ("The talks took place in Muscat this past weekend.", "this past weekend", 5, 6),
        ("The ministers spoke by phone this past Sunday.", "this past Sunday", 6, 6),
    ],
)
def test_this_past(text: str, words: str, first: int, last: int) -> None:
    monday = PUB - dt.timedelta(days=PUB.weekday() + 7)  # of last week
    m = _only(text, "en")
    bounds = _days(monday + dt.timedelta(days=first), monday + dt.timedelta(days=last))
    assert (m.text, (m.start_date, m.end_date)) == (words, bounds)


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


# --- "earlier in the week", «في وقت لاحق من الشهر»: the bare period is this one ------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        # weeks from Monday in English, from Saturday in Arabic (as "this week" is read)
        ("The two ministers spoke by phone earlier in the week.", "en", "earlier in the week", 10, 11),
        ("The agreement is due to be signed later in the month.", "en", "later in the month", 13, 31),
        ("وصل المبعوث إلى دمشق في وقت سابق من الأسبوع.", "ar", "في وقت سابق من الأسبوع", 8, 11),
    ],
)
def test_earlier_or_later_in_the_bare_period(text: str, lang: str, words: str, first: int, last: int) -> None:
    m = _only(text, lang)
    bounds = _days(PUB.replace(day=first), PUB.replace(day=last))
    assert (m.text, (m.start_date, m.end_date)) == (words, bounds)


def test_later_in_the_bare_year_in_arabic() -> None:
    m = _only("يتوقع أن تستأنف المفاوضات في وقت لاحق من العام.", "ar")
    assert (m.text, m.start_date, m.end_date) == ("في وقت لاحق من العام", "2025-03-13", "2025-12-31")


def test_later_in_the_year_after_another_year_is_not_dated() -> None:
    # the year may be 2019's as well as the publication's: no confident date
    text = "Talks on the corridor began in March 2019. Later in the year, the two sides signed a memorandum."
    told, later = tag(text, "en", published=PUB)
    assert (told.start_date, later.text, later.start_date, later.status) == (
        "2019-03-01", "Later in the year", "", "unresolved"
    )
    assert "March 2019" in later.note


def test_later_in_the_year_with_a_year_is_no_side_of_the_reference_day() -> None:
    (m,) = tag("The deal was signed later in the year 2019.", "en", published=PUB)
    assert (m.start_date, m.end_date) == ("2019-01-01", "2019-12-31")


# --- a week of a month: its days 7n-6 to 7n ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last", "status"),
    [
        ("The envoy reached Tehran in the first week of March.", "en", "first week of March", (2025, 3, 1),
         (2025, 3, 7), "inferred"),
        ("Talks are planned for the second week of April 2025.", "en", "second week of April 2025",
         (2025, 4, 8), (2025, 4, 14), "ok"),
        ("عقدت القمة الثلاثية في الأسبوع الثاني من يناير 2024.", "ar", "الأسبوع الثاني من يناير 2024",
         (2024, 1, 8), (2024, 1, 14), "ok"),
        ("تعقد القمة في الأسبوع الثالث من شهر أبريل المقبل.", "ar", "الأسبوع الثالث من شهر أبريل المقبل",
         (2025, 4, 15), (2025, 4, 21), "inferred"),
    ],
)  # fmt: skip
def test_a_week_of_a_gregorian_month(
    text: str, lang: str, words: str, first: tuple[int, int, int], last: tuple[int, int, int], status: str
) -> None:
    m = _only(text, lang)
    bounds = _days(dt.date(*first), dt.date(*last))
    assert (m.text, (m.start_date, m.end_date), m.status) == (words, bounds, status)
    assert "week of the month, read as its days" in m.note


@pytest.mark.parametrize(
    ("text", "words", "jalali", "days"),
    [
        ("هیئت ایرانی در هفته اول اسفند وارد مسکو شد.", "هفته اول اسفند", (1403, 12), (1, 7)),
        ("هیئت ایرانی در نخستین هفته اسفند وارد مسکو شد.", "نخستین هفته اسفند", (1403, 12), (1, 7)),
        ("نشست بعدی در هفته دوم فروردین ۱۴۰۴ برگزار می‌شود.", "هفته دوم فروردین ۱۴۰۴", (1404, 1), (8, 14)),
    ],
)
def test_a_week_of_a_jalali_month(
    text: str, words: str, jalali: tuple[int, int], days: tuple[int, int], icu: ModuleType
) -> None:
    m = _only(text, "fa")
    first, last = (icu_day(icu, "persian", *jalali, d) for d in days)
    assert (m.text, (m.start_date, m.end_date)) == (words, _days(first, last))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The first week of talks ended without a deal.", "en"),
        ("انتهى الأسبوع الأول من المفاوضات دون اتفاق.", "ar"),
        ("هفته اول مذاکرات بدون توافق به پایان رسید.", "fa"),
    ],
)
def test_a_first_week_of_something_else_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=PUB) == []


# --- the last or next N units: a stretch of days up to or from the reference day ------------------


def _months_back(day: dt.date, n: int) -> dt.date:
    """The same day of the month n months earlier (n < 0: later), kept within the month."""
    y, m = divmod(day.year * 12 + day.month - 1 - n, 12)
    nxt = dt.date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1)
    return dt.date(y, m + 1, min(day.day, (nxt - dt.timedelta(days=1)).day))


@pytest.mark.parametrize(
    ("text", "lang", "words", "unit", "n"),
    [
        # read before as "next week" and as the 3rd of last month: wrong days
        ("قرارداد همکاری ظرف دو هفته آینده امضا می‌شود.", "fa", "دو هفته آینده", "week", 2),
        ("صادرات غیرنفتی در سه ماه گذشته دو برابر شد.", "fa", "سه ماه گذشته", "month", -3),
        ("حجم مبادلات دو کشور در دو سال اخیر افزایش یافت.", "fa", "دو سال اخیر", "year", -2),
        ("تصاعد التوتر على الحدود خلال الأسبوعين الماضيين.", "ar", "الأسبوعين الماضيين", "week", -2),
        ("تضاعف التبادل التجاري خلال الأشهر الثلاثة الماضية.", "ar", "الأشهر الثلاثة الماضية", "month", -3),
        ("يلتقي الوزيران خلال الأيام الثلاثة المقبلة في الدوحة.", "ar", "الأيام الثلاثة المقبلة", "day", 3),
        ("Trade between the two has doubled over the past two years.", "en", "past two years", "year", -2),
        ("The memorandum is expected to be signed in the next two weeks.", "en", "next two weeks", "week", 2),
    ],
)
def test_the_last_or_next_n_units(text: str, lang: str, words: str, unit: str, n: int) -> None:
    if unit in ("day", "week"):
        far = PUB + dt.timedelta(days=n * (7 if unit == "week" else 1))
    else:
        far = _months_back(PUB, -n * (12 if unit == "year" else 1))
    m = _only(text, lang)
    assert (m.text, (m.start_date, m.end_date)) == (words, _days(min(far, PUB), max(far, PUB)))


def test_months_back_helper() -> None:
    assert _months_back(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert _months_back(dt.date(2025, 3, 12), 3) == dt.date(2024, 12, 12)
    assert _months_back(dt.date(2025, 3, 12), -3) == dt.date(2025, 6, 12)


# --- an Arabic report gives what is scheduled in the present tense -----------------------------

# 30 November lies 102 days before PUB and 263 days after it: only the tense makes it the coming one
LAST_30_NOVEMBER = dt.date(2024, 11, 30)
NEXT_30_NOVEMBER = dt.date(2025, 11, 30)


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        (
            "يتوجه وزير الخارجية إلى موسكو في 30 نوفمبر لإجراء محادثات مع نظيره الروسي.",
            "30 نوفمبر",
            NEXT_30_NOVEMBER,
        ),
        ("تنطلق أعمال المنتدى في 30 نوفمبر بمشاركة وفود من أربعين دولة.", "30 نوفمبر", NEXT_30_NOVEMBER),
        # the past tense of the same verb: the last one
        (
            "توجه وزير الخارجية إلى موسكو في 30 نوفمبر لإجراء محادثات مع نظيره الروسي.",
            "30 نوفمبر",
            LAST_30_NOVEMBER,
        ),
        # PUB is a Wednesday: the coming Thursday is the next day, the last one a week before it
        ("يلتقي الوزيران الخميس في موسكو لبحث الملف النووي.", "الخميس", PUB + dt.timedelta(days=1)),
        ("التقى الوزيران الخميس في موسكو لبحث الملف النووي.", "الخميس", PUB - dt.timedelta(days=6)),
        (
            "تعقد اللجنة المشتركة اجتماعها بعد ظهر يوم الاثنين في طهران.",
            "ظهر يوم الاثنين",
            PUB + dt.timedelta(days=5),
        ),
    ],
)
def test_an_arabic_present_tense_schedules(text: str, words: str, day: dt.date) -> None:
    assert LAST_30_NOVEMBER.weekday() == 5 and (PUB - LAST_30_NOVEMBER).days == 102
    assert (PUB + dt.timedelta(days=5)).weekday() == 0 and (PUB + dt.timedelta(days=1)).weekday() == 3
    m = _only(text, "ar")
    iso = day.isoformat()
    assert (m.text, m.start_date, m.end_date, m.status) == (words, iso, iso, "inferred")


# --- a day written as a word, of «الشهر ذاته» ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "day"),
    [
        (
            "وصل الوفد الإيراني إلى موسكو في 3 مارس 2024 وغادرها في الخامس من الشهر ذاته.",
            "ar",
            "الخامس من الشهر ذاته",
            dt.date(2024, 3, 5),
        ),
        (
            "بدأت المحادثات في 3 مارس 2024 واستمرت حتى الحادي عشر من الشهر نفسه.",
            "ar",
            "الحادي عشر من الشهر نفسه",
            dt.date(2024, 3, 11),
        ),
        (
            "The delegation reached Moscow on March 3, 2024 and flew home on the 5th of the same month.",
            "en",
            "5th of the same month",
            dt.date(2024, 3, 5),
        ),
    ],
)
def test_a_day_of_the_same_month(text: str, lang: str, words: str, day: dt.date) -> None:
    first, second = tag(text, lang, published=PUB)
    assert first.start_date == "2024-03-03"
    assert (second.text, second.start_date, second.end_date, second.status) == (
        words,
        day.isoformat(),
        day.isoformat(),
        "ok",
    )


def test_a_persian_day_word_of_the_same_month(icu: ModuleType) -> None:
    text = "هیئت روز ۳ مهر ۱۴۰۲ وارد مسکو شد و پنجم همان ماه به تهران بازگشت."
    first, second = tag(text, "fa", published=PUB)
    assert first.start_date == icu_day(icu, "persian", 1402, 7, 3).isoformat()
    fifth = icu_day(icu, "persian", 1402, 7, 5).isoformat()
    assert (second.text, second.start_date) == ("پنجم همان ماه", fifth)


# --- an Arabic ordinal after a definite noun is that noun's ---------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "first", "last"),
    [
        # the first meeting of March, not 1 March: the month is all the words give
        ("وعقد الاجتماع الأول من مارس 2024 في موسكو.", "مارس 2024", "2024-03-01", "2024-03-31"),
        ("يعقد المنتدى الثالث من أبريل 2026 في قازان.", "أبريل 2026", "2026-04-01", "2026-04-30"),
        # a preposition, a weekday or «الموافق» before it: a day
        ("عقد الاجتماع في الأول من مارس 2024 في موسكو.", "الأول من مارس 2024", "2024-03-01", "2024-03-01"),
        (
            "عقد الاجتماع يوم الأحد الأول من مارس 2026 في موسكو.",
            "يوم الأحد الأول من مارس 2026",
            "2026-03-01",
            "2026-03-01",
        ),
        (
            "عقد الاجتماع يوم الجمعة الموافق الأول من مارس 2024.",
            "يوم الجمعة الموافق الأول من مارس 2024",
            "2024-03-01",
            "2024-03-01",
        ),
    ],
)
def test_an_ordinal_after_a_definite_noun(text: str, words: str, first: str, last: str) -> None:
    assert dt.date(2026, 3, 1).weekday() == 6 and dt.date(2024, 3, 1).weekday() == 4  # Sunday, Friday
    (m,) = tag(text, "ar", published=PUB)
    assert (m.text, m.start_date, m.end_date, m.status) == (words, first, last, "ok")


def test_an_ordinal_of_a_noun_is_no_day_of_the_same_month() -> None:
    text = "وصل الوفد في 3 مارس 2024 وعقد الاجتماع الأول من الشهر ذاته."
    assert [m.text for m in tag(text, "ar", published=PUB)] == ["3 مارس 2024"]


# --- a part of the bare year or month: this one, unless another was told ----------------------

BARE_PARTS = [
    ("ارتفعت أسعار الوقود بنسبة 5% منذ مطلع العام.", "ar", "مطلع العام", "since", (1, 4)),
    ("من المتوقع أن تكتمل المرحلة الأولى من المشروع بحلول نهاية العام.", "ar", "نهاية العام", "by", (9, 12)),
    ("Fuel prices have risen 5% since the start of the year.", "en", "start of the year", "since", (1, 4)),
    ("The first phase should be complete by the end of the year.", "en", "end of the year", "by", (9, 12)),
]


@pytest.mark.parametrize(("text", "lang", "words", "role", "months"), BARE_PARTS)
def test_a_part_of_the_bare_year_is_this_years(
    text: str, lang: str, words: str, role: str, months: tuple[int, int]
) -> None:
    m = _only(text, lang)
    assert (m.text, m.role, m.status) == (words, role, "inferred")
    assert (m.start_date, m.end_date) == (
        _gregorian_month(2025, months[0])[0],
        _gregorian_month(2025, months[1])[1],
    )
    assert "the words name no year" in m.note


def test_a_part_of_the_bare_jalali_year(icu: ModuleType) -> None:
    # PUB is in Esfand 1403: the end of this year is Azar to Esfand 1403
    m = _only("به گفته وزیر، این خط لوله تا پایان سال به بهره‌برداری می‌رسد.", "fa")
    assert (m.text, m.role) == ("پایان سال", "until")
    azar, esfand = icu_month(icu, "persian", 1403, 9), icu_month(icu, "persian", 1403, 12)
    assert (m.start_date, m.end_date) == (azar[0], esfand[1])


def test_the_end_of_the_bare_month() -> None:
    m = _only("The committee will report by the end of the month.", "en")
    bounds = (m.start_date, m.end_date)
    assert (m.text, bounds, m.precision) == ("end of the month", _gregorian_month(2025, 3), "month")


@pytest.mark.parametrize(
    "text",
    [
        # the year told before it is another: it may be that one's end
        "وقعت الحكومة الاتفاق في عام 2019، وفي نهاية العام بدأ تنفيذه.",
        "Talks began in March 2024 and were expected to end by the end of the year.",
    ],
)
def test_a_part_of_the_bare_year_after_another_year_is_not_dated(text: str) -> None:
    lang = "en" if text[0].isascii() else "ar"
    first, second = tag(text, lang, published=PUB)
    assert first.status == "ok" and (second.status, second.start_date) == ("unresolved", "")
    assert "may be that of" in second.note


def test_a_part_of_the_bare_year_after_the_same_year_is_dated() -> None:
    text = "بدأت المفاوضات في مارس 2025، ومن المتوقع أن تنتهي بحلول نهاية العام."
    _, second = tag(text, "ar", published=PUB)
    assert (second.start_date, second.end_date, second.status) == ("2025-09-01", "2025-12-31", "inferred")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("من المتوقع أن تكتمل المرحلة الأولى بحلول نهاية العام المالي.", "ar"),
        ("انتهت الامتحانات مع نهاية العام الدراسي.", "ar"),
        ("این طرح تا پایان سال تحصیلی تکمیل می‌شود.", "fa"),
        ("The plan runs to the end of the fiscal year.", "en"),
    ],
)
def test_the_end_of_another_kind_of_year_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=PUB) == []


# --- within N units, ahead; an English future before its participle ----------------------------

TWO_WEEKS_ON = PUB + dt.timedelta(weeks=2)
THREE_MONTHS_ON = dt.date(2025, 6, 12)  # PUB's day of the month, three months on
LAST_MONDAY = PUB - dt.timedelta(days=2)


@pytest.mark.parametrize(
    ("text", "lang", "words", "last"),
    [
        ("يتوقع أن يتم توقيع الاتفاق في غضون أسبوعين.", "ar", "في غضون أسبوعين", TWO_WEEKS_ON),
        ("سيتم تشغيل المحطة خلال ثلاثة أشهر، بحسب وزير الطاقة.", "ar", "خلال ثلاثة أشهر", THREE_MONTHS_ON),
        ("هیئت روسی ظرف دو هفته به تهران خواهد آمد.", "fa", "ظرف دو هفته", TWO_WEEKS_ON),
        ("The deal will be signed within three months.", "en", "within three months", THREE_MONTHS_ON),
    ],
)
def test_within_n_units_ahead(text: str, lang: str, words: str, last: dt.date) -> None:
    m = _only(text, lang)
    bounds = (PUB.isoformat(), last.isoformat())
    assert (m.text, (m.start_date, m.end_date), m.status) == (words, bounds, "inferred")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # told of the past, a length from another day
        ("سيطر الجيش على المدينة في غضون أسبوعين.", "ar"),
        ("ارتش ظرف دو هفته شهر را تصرف کرد.", "fa"),
        ("The army took the city within two weeks.", "en"),
        # counted from something else
        ("سيتم التوقيع خلال أسبوعين من انتهاء المفاوضات.", "ar"),
    ],
)
def test_within_n_units_told_of_the_past_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=PUB) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The agreement will be signed on Monday in Moscow.", dt.date(2025, 3, 17)),
        ("The agreement is expected to be signed on Monday.", dt.date(2025, 3, 17)),
        ("The agreement was signed on Monday in Moscow.", LAST_MONDAY),
        # the future is another act's, set off by commas
        ("Officials said the deal, which will be signed in Moscow, was agreed on Monday.", LAST_MONDAY),
    ],
)
def test_an_english_future_before_its_participle(text: str, day: dt.date) -> None:
    assert day.weekday() == 0
    m = _only(text, "en")
    assert (m.start_date, m.status) == (day.isoformat(), "inferred")


def test_what_is_expected_in_arabic_is_ahead() -> None:
    m = _only("من المتوقع أن يصل الوفد الروسي إلى طهران الخميس.", "ar")
    assert (m.text, m.start_date) == ("الخميس", (PUB + dt.timedelta(days=1)).isoformat())


# --- a count written as words; a number before the unit --------------------------------------


def _jalali_year(icu: ModuleType, year: int) -> tuple[str, str]:
    return icu_day(icu, "persian", year, 1, 1).isoformat(), icu_month(icu, "persian", year, 12)[1]


@pytest.mark.parametrize(
    ("text", "words", "years"),
    [
        ("این قرارداد بیست سال پیش در مسکو امضا شده بود.", "بیست سال پیش", 20),
        ("این قرارداد سی و پنج سال پیش در مسکو امضا شد.", "سی و پنج سال پیش", 35),
    ],
)
def test_a_persian_count_of_tens(icu: ModuleType, text: str, words: str, years: int) -> None:
    m = _only(text, "fa")  # PUB is in 1403
    assert (m.text, (m.start_date, m.end_date)) == (words, _jalali_year(icu, 1403 - years))


@pytest.mark.parametrize(
    ("text", "lang", "words", "year"),
    [
        ("وقعت الاتفاقية الأولى بين البلدين قبل خمسة وعشرين عاما.", "ar", "قبل خمسة وعشرين عاما", 2000),
        ("The first treaty between them was signed twenty years ago.", "en", "twenty years ago", 2005),
    ],
)
def test_a_count_of_tens(text: str, lang: str, words: str, year: int) -> None:
    m = _only(text, lang)
    assert (m.text, m.start_date, m.end_date) == (words, f"{year}-01-01", f"{year}-12-31")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # read from the unit these were "last year" or "five years ago"
        ("این بنای تاریخی ۱۵۰ سال پیش ساخته شد.", "fa"),
        ("The bridge was built 150 years ago.", "en"),
        ("The treaty was signed twenty-five years ago.", "en"),
    ],
)
def test_a_count_not_read_whole_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=PUB) == []


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


# --- the first N months of a year -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "n"),
    [
        ("Bilateral trade rose 12% in the first nine months of 2024.", "en", "first nine months of 2024", 9),
        ("ارتفعت التجارة في الأشهر التسعة الأولى من عام 2024.", "ar", "الأشهر التسعة الأولى من عام 2024", 9),
        ("بلغت الصادرات في أول ستة أشهر من 2024 نحو ملياري دولار.", "ar", "أول ستة أشهر من 2024", 6),
    ],
)
def test_the_first_months_of_a_gregorian_year(text: str, lang: str, words: str, n: int) -> None:
    m = _only(text, lang)
    assert (m.text, m.status, m.precision) == (words, "ok", "part-of-year")
    assert (m.start_date, m.end_date) == ("2024-01-01", _gregorian_month(2024, n)[1])


@pytest.mark.parametrize(
    ("text", "words", "n"),
    [
        ("حجم مبادلات تجاری دو کشور در ۹ ماهه نخست ۱۴۰۳ افزایش یافت.", "۹ ماهه نخست ۱۴۰۳", 9),
        # read before as «اول سال ۱۴۰۳», early 1403 (its first four months), marked ok
        ("صادرات در شش ماه اول سال ۱۴۰۳ به دو میلیارد دلار رسید.", "شش ماه اول سال ۱۴۰۳", 6),
    ],
)
def test_the_first_months_of_a_jalali_year(icu: ModuleType, text: str, words: str, n: int) -> None:
    m = _only(text, "fa")
    assert (m.text, m.status) == (words, "ok")
    bounds = (_jalali_year(icu, 1403)[0], icu_month(icu, "persian", 1403, n)[1])
    assert (m.start_date, m.end_date) == bounds


@pytest.mark.parametrize(
    ("text", "lang", "words", "last"),
    [
        ("ارتفعت التجارة في الأشهر التسعة الأولى من العام الجاري.", "ar", "التسعة الأولى من العام الجاري", 9),
        ("Trade grew in the first six months of the year.", "en", "first six months of the year", 6),
    ],
)
def test_the_first_months_of_a_year_named_from_the_reference_day(
    text: str, lang: str, words: str, last: int
) -> None:
    m = _only(text, lang)
    bounds = ("2025-01-01", _gregorian_month(2025, last)[1])
    assert (m.status, m.start_date, m.end_date) == ("inferred", *bounds)
    assert m.text.endswith(words)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("در شش ماه اول پس از توافق، تجارت دو کشور افزایش یافت.", "fa"),
        ("The first six months after the deal were the hardest.", "en"),
    ],
)
def test_the_first_months_of_something_else_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=PUB) == []


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


# --- a yearless range of days takes the tense and direction as one day does ---------------------

# PUB is 12 March 2025: the October before lies 141 days back, the one after 224 days ahead
OCTOBER_BEFORE, OCTOBER_AFTER = ("2024-10-22", "2024-10-24"), ("2025-10-22", "2025-10-24")


@pytest.mark.parametrize(
    ("text", "lang", "bounds"),
    [
        ("ستعقد القمة من 22 إلى 24 أكتوبر في قازان.", "ar", OCTOBER_AFTER),
        ("تعقد القمة في الفترة من 22 إلى 24 أكتوبر المقبل.", "ar", OCTOBER_AFTER),
        ("The summit will be held from 22 to 24 October in Kazan.", "en", OCTOBER_AFTER),
        ("عقدت القمة من 22 إلى 24 أكتوبر في قازان.", "ar", OCTOBER_BEFORE),
        ("The summit was held from 22 to 24 October in Kazan.", "en", OCTOBER_BEFORE),
    ],
)
def test_a_yearless_range_of_days_takes_the_tense(text: str, lang: str, bounds: tuple[str, str]) -> None:
    assert (dt.date(2025, 10, 22) - PUB).days == 224 and (PUB - dt.date(2024, 10, 22)).days == 141
    m = _only(text, lang)
    assert ((m.start_date, m.end_date), m.status) == (bounds, "inferred")


def test_a_jalali_yearless_range_ahead(icu: ModuleType) -> None:
    m = _only("این نشست از ۲۲ تا ۲۴ مهر در قزان برگزار خواهد شد.", "fa")
    first, last = icu_day(icu, "persian", 1404, 7, 22), icu_day(icu, "persian", 1404, 7, 24)
    assert (m.start_date, m.end_date) == (first.isoformat(), last.isoformat())


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


# --- what is timetabled in the present; «دیگر» ahead ----------------------------------------------

NEXT_FRIDAY = PUB + dt.timedelta(days=2)
NEXT_SATURDAY = NEXT_FRIDAY + dt.timedelta(days=1)
IN_THREE_DAYS = PUB + dt.timedelta(days=3)
NEW_YEAR = dt.date(2026, 1, 1)
WEEK = dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("text", "lang", "words", "first", "last"),
    [
        ("The ceasefire ends at midnight on Friday.", "en", "on Friday", NEXT_FRIDAY, NEXT_FRIDAY),
        ("تنتهي الهدنة منتصف ليل الجمعة بحسب الوسطاء.", "ar", "ليل الجمعة", NEXT_FRIDAY, NEXT_FRIDAY),
        # Friday and Saturday, the Arabic weekend, of this week
        ("تستمر المحادثات في مسقط حتى نهاية الأسبوع.", "ar", "نهاية الأسبوع", NEXT_FRIDAY, NEXT_SATURDAY),
        ("The new tariff takes effect on January 1.", "en", "January 1", NEW_YEAR, NEW_YEAR),
        ("هیئت روسی سه روز دیگر وارد تهران می‌شود.", "fa", "سه روز دیگر", IN_THREE_DAYS, IN_THREE_DAYS),
    ],
)
def test_what_is_timetabled_looks_ahead(
    text: str, lang: str, words: str, first: dt.date, last: dt.date
) -> None:
    assert NEXT_FRIDAY.weekday() == 4
    m = _only(text, lang)
    assert (m.text, m.start_date, m.end_date) == (words, first.isoformat(), last.isoformat())


@pytest.mark.parametrize(
    ("text", "lang", "words", "day"),
    [
        # the past tense keeps the last ones
        ("The ceasefire ended at midnight on Friday.", "en", "on Friday", NEXT_FRIDAY - WEEK),
        ("استمرت المحادثات حتى نهاية الأسبوع.", "ar", "نهاية الأسبوع", NEXT_FRIDAY - WEEK),
    ],
)
def test_what_was_timetabled_looks_back(text: str, lang: str, words: str, day: dt.date) -> None:
    m = _only(text, lang)
    assert (m.text, m.start_date) == (words, day.isoformat())


def test_two_more_days_is_no_day() -> None:
    assert tag("مذاکرات دو روز دیگر ادامه دارد.", "fa", published=PUB) == []


def test_a_weekday_set_off_after_a_done_act_is_that_acts() -> None:
    # a present after it («تستمر», «يلتقي») is of the visit it goes on to describe
    text = (
        "وصل وزير الخارجية الإيراني إلى موسكو، مساء الثلاثاء، في زيارة رسمية تستمر يومين، "
        "يلتقي خلالها نظيره الروسي."
    )
    m = _only(text, "ar")
    assert (m.text, m.start_date) == ("مساء الثلاثاء", (PUB - dt.timedelta(days=1)).isoformat())


def test_a_few_days_before_something_else_is_no_date() -> None:
    text = "زار لافروف طهران في أكتوبر 2024، قبل أيام من قمة بريكس في قازان."
    assert [m.text for m in tag(text, "ar", published=PUB)] == ["أكتوبر 2024"]


def test_an_arabic_dual_future() -> None:
    m = _only("وقال المتحدث إن الوزيرين سيلتقيان الخميس في موسكو.", "ar")
    assert (m.text, m.start_date) == ("الخميس", (PUB + dt.timedelta(days=1)).isoformat())


def test_a_bare_jalali_year_after_a_day_of_the_same_jalali_year(icu: ModuleType) -> None:
    # «روز یکشنبه» is 9 March 2025, in 1403 as PUB is: the same year, though not the same Gregorian one
    text = "رئیس مجلس روز یکشنبه گفت که این طرح تا پایان سال در صحن علنی بررسی خواهد شد."
    sunday, end = tag(text, "fa", published=PUB)
    assert sunday.start_date == (PUB - dt.timedelta(days=3)).isoformat()
    azar, esfand = icu_month(icu, "persian", 1403, 9), icu_month(icu, "persian", 1403, 12)
    assert (end.text, end.start_date, end.end_date) == ("پایان سال", azar[0], esfand[1])
    assert end.status == "inferred"
