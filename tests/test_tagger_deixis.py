"""Forms of real reports read against a reference day (tagger/deixis.py, tagger/reckon.py).

Each form was missed or misdated in a sample of real Persian, Arabic and English news (read
outside the repository); the passages here are composed in that style. Expected days come
from `datetime` arithmetic on the publication day, never from the tagger.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mctimeline.mentions import Mention
from mctimeline.tagger import tag

DAY = dt.timedelta(days=1)
THU = dt.date(2024, 10, 10)  # a Thursday
MON, TUE, WED, FRI, SAT, SUN = 0, 1, 2, 4, 5, 6


def _last(day: dt.date, weekday: int) -> dt.date:
    """The latest `weekday` on or before `day`."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _next(day: dt.date, weekday: int) -> dt.date:
    """The first `weekday` after `day`."""
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _only(text: str, lang: str, published: dt.date | None) -> Mention:
    (m,) = tag(text, lang, published=published)
    return m


def test_the_reference_day_is_a_thursday() -> None:
    assert THU.weekday() == 3


# --- a weekday with no cue word -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "weekday", "coming"),
    [
        # Persian puts the verb last: the weekday before it is the day of the report
        (
            "وزیر امور خارجه سه‌شنبه در نشست خبری مشترک با همتای روس خود در مسکو گفت.",
            "fa",
            "سه‌شنبه",
            TUE,
            False,
        ),
        ("وزیر امور خارجه سهشنبه در نشست خبری مشترک گفت.", "fa", "سهشنبه", TUE, False),  # no ZWNJ
        ("رئیس‌جمهور یکشنبه به نیویورک رفت.", "fa", "یکشنبه", SUN, False),  # «شنبه» inside: not Saturday
        # a Persian report gives what is scheduled in the present tense
        ("هیئت ایرانی دوشنبه برای دور تازه مذاکرات وارد ژنو می‌شود.", "fa", "دوشنبه", MON, True),
        ("لاوروف شنبه با همتای ایرانی خود در تهران دیدار می‌کند.", "fa", "شنبه", SAT, True),
        # English: a capitalised weekday alone names a day
        ("The minister said Tuesday that the round in Muscat was useful.", "en", "Tuesday", TUE, False),
        ("Tuesday's round of talks in Muscat was useful, the minister said.", "en", "Tuesday", TUE, False),
        ("Negotiators will meet again Sunday in Rome, a diplomat said.", "en", "Sunday", SUN, True),
        ("A second meeting is slated for Saturday in Geneva.", "en", "Saturday", SAT, True),
    ],
)
def test_a_weekday_with_no_cue_word(text: str, lang: str, words: str, weekday: int, coming: bool) -> None:
    m = _only(text, lang, THU)
    day = _next(THU, weekday) if coming else _last(THU, weekday)
    assert (m.text, m.start_date, m.end_date) == (words, day.isoformat(), day.isoformat())
    assert m.status == "inferred"


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("Russia's top diplomat will hold talks in Moscow on Thursday with his peer.", "en", "on Thursday"),
        ("سيصل وزير الخارجية الإيراني إلى موسكو يوم الخميس في زيارة رسمية تستمر يومين.", "ar", "يوم الخميس"),
        ("سيعقد الوزيران مؤتمرا صحفيا مشتركا يوم الخميس في ختام المباحثات.", "ar", "يوم الخميس"),
    ],
)
def test_a_weekday_the_tense_puts_ahead_is_today_when_published_on_that_weekday(
    text: str, lang: str, words: str
) -> None:
    # A wire story filed on a Thursday about talks "on Thursday" means that very day, not a week on.
    m = _only(text, lang, THU)
    assert (m.text, m.start_date, m.status) == (words, THU.isoformat(), "inferred")
    # Filed the day before, the same words are the next day.
    m = _only(text, lang, THU - DAY)
    assert m.start_date == THU.isoformat()


def test_an_arabic_future_verb_a_long_clause_before_the_weekday() -> None:
    text = (
        "وبحسب بيان للخارجية، سيجتمع الوزير مع نظيره الصيني، في إطار جولة آسيوية "
        "إلى ثلاث عواصم، بعد ظهر يوم الخميس لبحث الملفات الثنائية."
    )
    m = _only(text, "ar", THU - DAY)  # filed on the Wednesday: the coming Thursday
    assert (m.text, m.start_date) == ("ظهر يوم الخميس", THU.isoformat())


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("The ministers will meet again next Thursday in Geneva, a diplomat said.", "en", "next Thursday"),
        ("وسيعقد الاجتماع المقبل يوم الخميس المقبل في جنيف.", "ar", "يوم الخميس المقبل"),
    ],
)
def test_next_weekday_said_on_that_weekday_is_a_week_on(text: str, lang: str, words: str) -> None:
    m = _only(text, lang, THU)
    assert (m.text, m.start_date) == (words, (THU + 7 * DAY).isoformat())


@pytest.mark.parametrize(
    "text",
    [
        "وقال الوزير إن العلاقات بين البلدين تتعمق يومًا بعد يوم في كل المجالات.",
        "وأضاف أن التعاون يتسع عامًا بعد عام رغم العقوبات.",
    ],
)
def test_day_after_day_is_repetition_not_a_day(text: str) -> None:
    assert tag(text, "ar", published=THU) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("امام جمعه موقت تهران در خطبه‌های نماز جمعه گفت که مذاکرات ادامه دارد.", "fa"),
        ("Pilgrims gathered in the old city for Good Friday prayers, police said.", "en"),
        ("كتب: جمعة عبد الله | القاهرة", "ar"),  # a writer named Gomaa
        ("وزیر خارجه سه‌شنبه‌ها با خبرنگاران دیدار می‌کند.", "fa"),  # on Tuesdays: a habit
    ],
)
def test_a_weekday_word_that_is_a_name_or_a_habit_is_no_day(text: str, lang: str) -> None:
    assert [m.text for m in tag(text, lang, published=THU) if m.precision == "day"] == []


def test_a_weekday_glossed_by_tomorrow_is_the_coming_one() -> None:
    text = "وزارت خارجه روسیه اعلام کرد که لاوروف روز سه‌شنبه (فردا) با همتای ایرانی خود دیدار می‌کند."
    mentions = {m.text: m for m in tag(text, "fa", published=dt.date(2024, 10, 7))}  # a Monday
    assert mentions["روز سه‌شنبه"].start_date == mentions["فردا"].start_date == "2024-10-08"


def test_an_arabic_future_verb_behind_a_conjunction() -> None:
    m = _only("وستختتم الزيارة عصر الجمعة بلقاء مع الجالية.", "ar", THU)
    assert (m.text, m.start_date) == ("عصر الجمعة", _next(THU, FRI).isoformat())


def test_a_weekday_at_night() -> None:
    m = _only("وصل الوزير إلى القاهرة، ليل الأربعاء، وفق الإعلام الرسمي.", "ar", THU)
    assert (m.text, m.start_date) == ("ليل الأربعاء", _last(THU, WED).isoformat())


@pytest.mark.parametrize(("words", "weekday"), [("this Sunday", SUN), ("this Monday", MON)])
def test_this_weekday_is_the_one_of_this_week(words: str, weekday: int) -> None:
    m = _only(f"The next round will be held in Muscat {words}, the mediator said.", "en", THU)
    monday = THU - dt.timedelta(days=THU.weekday())  # an English week begins on Monday
    day = monday + dt.timedelta(days=weekday)
    assert (m.text, m.start_date, m.status) == (words, day.isoformat(), "inferred")


# --- a weekday set off after «today» ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("سخنگوی دولت امروز (پنجشنبه) در نشست خبری گفت که سفر لغو شد.", "fa", "امروز"),
        ("وأعلنت الخارجية في بيان اليوم (الخميس) أن الوزير سيصل.", "ar", "اليوم"),
        ("أعلنت وزارة الخارجية، اليوم، الخميس، أن الوزير سيزور طهران.", "ar", "اليوم، الخميس"),
        ("سخنگو در نشست خبری امروز -پنجشنبه- گفت که گفت‌وگوها ادامه دارد.", "fa", "امروز -پنجشنبه"),
    ],
)
def test_a_weekday_set_off_after_today_is_checked(text: str, lang: str, words: str) -> None:
    (m,) = tag(text, lang, published=THU)
    assert (m.text, m.start_date, m.status) == (words, THU.isoformat(), "inferred")
    (wrong,) = tag(text, lang, published=THU + DAY)  # the text says Thursday, the day is a Friday
    assert wrong.status == "conflict"


def test_the_day_on_which_is_not_today() -> None:
    text = "وكان الوزير قد تلقى اتصالا في اليوم الذي أصدر فيه الرئيس مرسوم تعيينه."
    assert tag(text, "ar", published=THU) == []


# --- a few days, in two days ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "way"),
    [
        ("التقى الوزير قبل أيام نظيره التركي في أنقرة.", "ar", "قبل أيام", -1),
        ("وكان الرئيس قد استقبل منذ أيام وفدا من البرلمان.", "ar", "منذ أيام", -1),
        ("چند روز پیش سخنگوی وزارت خارجه از این سفر خبر داد.", "fa", "چند روز پیش", -1),
        ("The envoy visited Baghdad a few days ago, officials said.", "en", "a few days ago", -1),
        ("The next round will take place in the coming days.", "en", "in the coming days", 1),
        ("ومن المقرر أن يزور الوزير الرياض خلال الأيام المقبلة.", "ar", "خلال الأيام المقبلة", 1),
        ("این سفر طی روزهای آینده انجام خواهد شد.", "fa", "طی روزهای آینده", 1),
    ],
)
def test_a_few_days_is_no_one_day(text: str, lang: str, words: str, way: int) -> None:
    m = _only(text, lang, THU)
    near, far = THU + way * DAY, THU + way * 10 * DAY
    first, last = min(near, far).isoformat(), max(near, far).isoformat()
    assert (m.text, m.start_date, m.end_date) == (words, first, last)
    assert m.start_date != m.end_date and m.status != "ok"
    assert m.note.startswith("approximate")
    assert _only(text, lang, None).status == "unresolved"


def test_in_two_days_is_counted_forward() -> None:
    m = _only("The envoy said the talks would resume in two days.", "en", THU)
    assert (m.text, m.start_date, m.status) == ("in two days", (THU + 2 * DAY).isoformat(), "inferred")


def test_in_two_years_is_not_counted() -> None:
    # "the first … in two years" looks back over them: no day
    assert tag("It was the first visit by a Saudi minister in two years.", "en", published=THU) == []


# --- a Levantine month with a direction -------------------------------------------------------


@pytest.mark.parametrize("month", ["شباط", "فبراير"])
def test_a_month_whose_name_is_also_a_word_with_last(month: str) -> None:
    m = _only(f"وفي {month} الماضي، أجرى الوزير أول زيارة رسمية له إلى دمشق.", "ar", THU)
    assert (m.text, m.start_date, m.end_date) == (f"{month} الماضي", "2024-02-01", "2024-02-29")
    assert m.status == "inferred"


def test_march_last_in_arabic() -> None:
    # «مارس» is also a verb (practised): with «الماضي» after it, it is the month
    m = _only("وكانت القمة مقررة في مارس الماضي قبل أن تؤجل.", "ar", THU)
    assert (m.text, m.start_date, m.end_date) == ("مارس الماضي", "2024-03-01", "2024-03-31")


# --- the weekend ----------------------------------------------------------------------------------

MONDAY = dt.date(2025, 4, 14)


@pytest.mark.parametrize(
    ("text", "lang", "words", "first_weekday", "coming"),
    [
        ("Negotiators met twice over the weekend in Muscat.", "en", "over the weekend", SAT, False),
        ("Talks will resume over the weekend in Rome.", "en", "over the weekend", SAT, True),
        ("The ministers are expected to meet next weekend.", "en", "next weekend", SAT, True),
        ("وعقد الوفدان جولة نهاية الأسبوع الماضي في الدوحة.", "ar", "نهاية الأسبوع الماضي", FRI, False),
        ("هیئت‌های دو کشور آخر هفته گذشته در مسقط دیدار کردند.", "fa", "آخر هفته گذشته", 3, False),
    ],
)
def test_a_weekend_is_its_two_days_never_one(
    text: str, lang: str, words: str, first_weekday: int, coming: bool
) -> None:
    m = _only(text, lang, MONDAY)
    first = _next(MONDAY, first_weekday) if coming else _last(MONDAY, first_weekday)
    assert (m.text, m.start_date, m.end_date) == (words, first.isoformat(), (first + DAY).isoformat())
    assert m.status == "inferred" and m.note.startswith("approximate")


def test_a_weekend_with_no_publication_day_is_unresolved() -> None:
    m = _only("Negotiators met twice over the weekend in Muscat.", "en", None)
    assert (m.status, m.start_date) == ("unresolved", "")


# --- a part of the day with its day word --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words", "offset"),
    [
        # no verb of reporting near: the part of the day makes the word a day, not 'nowadays'
        ("شنت الطائرات الحربية غارات مكثفة فجر اليوم على أطراف المدينة.", "ar", "فجر اليوم", 0),
        ("ومن المنتظر وصول الوفد الروسي صباح الغد إلى طهران.", "ar", "صباح الغد", 1),
        ("وتواصلت الاشتباكات عصر أمس في محيط المطار.", "ar", "عصر أمس", -1),
        ("عصر دیروز نشست کمیسیون مشترک پایان یافت.", "fa", "عصر دیروز", -1),
        ("سحرگاه امروز هواپیمای حامل هیئت در فرودگاه مهرآباد نشست.", "fa", "سحرگاه امروز", 0),
        ("Talks resumed yesterday afternoon in Vienna.", "en", "yesterday afternoon", -1),
        # Persian news's 'yesterday', and 'hours ago': the day of the report
        ("وزیر امور خارجه روز گذشته وارد مسکو شد.", "fa", "روز گذشته", -1),
        ("شامگاه دیروز نخستین دور مذاکرات پایان یافت.", "fa", "شامگاه دیروز", -1),
        ("ساعاتی پیش هواپیمای رئیس‌جمهور در فرودگاه نشست.", "fa", "ساعاتی پیش", 0),
        ("وأفاد مصدر منذ ساعات بأن الوفد غادر.", "ar", "منذ ساعات", 0),
        ("The delegation is due in Moscow this afternoon.", "en", "this afternoon", 0),
    ],
)
def test_a_part_of_the_day_with_its_day_word_is_that_day(
    text: str, lang: str, words: str, offset: int
) -> None:
    m = _only(text, lang, THU)
    day = (THU + offset * DAY).isoformat()
    assert (m.text, m.start_date, m.end_date, m.status) == (words, day, day, "inferred")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("اليوم، يواجه العالم تحديات غير مسبوقة في مجال الطاقة.", "ar"),
        ("در عصر امروز فناوری شکل دیپلماسی را تغییر داده است.", "fa"),  # 'in today's age'
    ],
)
def test_today_meaning_nowadays_is_no_date(text: str, lang: str) -> None:
    assert tag(text, lang, published=THU) == []


# --- a weekday of a named week; the Persian ezafe after a silent «ه» ------------------------------


def _week_start(day: dt.date, lang: str) -> dt.date:
    """The first day of `day`'s week: Saturday in Persian and Arabic news, Monday in English."""
    first = SAT if lang in ("fa", "ar") else MON
    return day - dt.timedelta(days=(day.weekday() - first) % 7)


@pytest.mark.parametrize("published", [dt.date(2025, 3, 10), dt.date(2025, 3, 14)])  # a Monday, a Friday
@pytest.mark.parametrize(
    ("text", "lang", "words", "weekday", "weeks"),
    [
        ("وصل الوزير إلى موسكو الخميس من الأسبوع الماضي.", "ar", "الخميس من الأسبوع الماضي", 3, -1),
        ("وزیر پنجشنبه هفته گذشته به مسکو رفت.", "fa", "پنجشنبه هفته گذشته", 3, -1),
        ("وزیر دوشنبه هفته آینده به مسکو می‌رود.", "fa", "دوشنبه هفته آینده", MON, 1),
        ("He arrived in Tehran on Thursday last week.", "en", "on Thursday last week", 3, -1),
        # the ezafe written «‌ی» after a silent «ه»
        ("پنجشنبه‌ی هفته‌ی گذشته وزیر به مسکو رفت.", "fa", "پنجشنبه‌ی هفته‌ی گذشته", 3, -1),
    ],
)
def test_a_weekday_of_a_named_week_is_in_that_week(
    published: dt.date, text: str, lang: str, words: str, weekday: int, weeks: int
) -> None:
    m = _only(text, lang, published)
    start = _week_start(published, lang) + dt.timedelta(days=7 * weeks)
    day = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
    expected = (words, day.isoformat(), day.isoformat(), "inferred")
    assert (m.text, m.start_date, m.end_date, m.status) == expected


def test_on_a_friday_last_week_s_thursday_is_not_yesterday() -> None:
    m = _only("وزیر پنجشنبه هفته گذشته به مسکو رفت.", "fa", dt.date(2025, 3, 14))
    assert m.start_date == "2025-03-06"  # the Saturday-to-Friday week before 8-14 March


def test_the_persian_ezafe_after_a_silent_he() -> None:
    last_week = _week_start(THU, "fa") - dt.timedelta(days=7)
    m = _only("وزیر امور خارجه هفته‌ی گذشته به مسکو سفر کرد.", "fa", THU)
    expected = ("هفته‌ی گذشته", last_week.isoformat(), (last_week + 6 * DAY).isoformat())
    assert (m.text, m.start_date, m.end_date) == expected
    m = _only("هیئت روسی دوشنبه‌ی آینده وارد تهران می‌شود.", "fa", THU)
    assert (m.text, m.start_date) == ("دوشنبه‌ی آینده", _next(THU, MON).isoformat())
