"""What a date's happening is read with: its place, its actors, and a year or month two texts name.

Composed news passages; the mentions are made by hand at the words' offsets, with their
bounds from datetime, so that each rule of mctimeline.events is tested apart from the tagger.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mctimeline.events import Event, assemble, mention_id
from mctimeline.mentions import Mention
from mctimeline.sources import source_from_text

DAY = dt.date(2025, 8, 8)


def _at(text: str, words: str, first: dt.date, last: dt.date, precision: str, **kw: str) -> Mention:
    start = text.index(words)
    calendar = kw.pop("calendar", "gregorian")
    return Mention(
        start, start + len(words), words, calendar, first.isoformat(), last.isoformat(), precision, **kw
    )


def _day(text: str, words: str, day: dt.date = DAY, **kw: str) -> Mention:
    return _at(text, words, day, day, "day", **kw)


def _year(text: str, words: str, year: int, **kw: str) -> Mention:
    return _at(text, words, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", **kw)


def _month(text: str, words: str, year: int, month: int) -> Mention:
    last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
    return _at(text, words, dt.date(year, month, 1), last, "month")


def _build(*docs: tuple[str, str, list[Mention]]) -> tuple[list[Event], list, dict[str, str]]:
    return assemble([(source_from_text(f"seeds/{name}.txt", text), text, ms) for name, text, ms in docs])


def _event(events: list[Event], event_of: dict[str, str], name: str, m: Mention) -> Event:
    (event,) = [e for e in events if e.event_id == event_of[mention_id(name, m)]]
    return event


# --- 1. the place is the scene of the happening's own sentence ------------------------------

# The sentence before names another city, where something else happened.
ANKARA_FA = (
    "لاوروف روز دوشنبه در آنکارا با هاکان فیدان دیدار کرد. "
    "عراقچی روز ۸ اوت ۲۰۲۵ با لاوروف گفت‌وگو کرد."
)
ANKARA_AR = (
    "كان لافروف في أنقرة مطلع الأسبوع. "
    "ووقع الجانبان يوم 8 أغسطس 2025 في طهران مذكرة تفاهم."
)
ANKARA_EN = (
    "Lavrov spent Monday in Ankara with Hakan Fidan. "
    "On August 8, 2025, Lavrov held talks with Abbas Araghchi."
)


@pytest.mark.parametrize(
    ("text", "words", "place"),
    [(ANKARA_FA, "۸ اوت ۲۰۲۵", ""), (ANKARA_AR, "8 أغسطس 2025", "Tehran"), (ANKARA_EN, "August 8, 2025", "")],
)
def test_a_city_of_the_sentence_before_is_not_the_happenings_place(text: str, words: str, place: str) -> None:
    m = _day(text, words)
    events, _, event_of = _build(("p", text, [m]))
    event = _event(events, event_of, "p", m)
    assert event.location == place
    assert "Ankara" not in event.title_en and "آنکارا" not in event.title and "أنقرة" not in event.title


def test_two_reports_merge_when_a_city_named_before_no_longer_sets_them_apart() -> None:
    moscow = (
        "Russian Foreign Minister Sergey Lavrov held talks with Abbas Araghchi in Moscow on August 8, 2025."
    )
    fa, en = _day(ANKARA_FA, "۸ اوت ۲۰۲۵"), _day(moscow, "August 8, 2025")
    events, _, event_of = _build(("fa", ANKARA_FA, [fa]), ("en", moscow, [en]))
    talks = _event(events, event_of, "fa", fa)
    assert talks == _event(events, event_of, "en", en)
    assert (talks.source_count, talks.location, talks.start_date) == (2, "Moscow", DAY.isoformat())


# «این نشست» points back to the gathering Moscow hosts, two sentences before: its scene.
HOSTED = (
    "مسکو میزبان یکی از بزرگ‌ترین گردهمایی‌های امنیتی جهان است. "
    "این جمع شامل دبیران شوراهای امنیت و وزیران است. "
    "این نشست که در روزهای ۲۷ تا ۲۹ مه ۲۰۲۵ برگزار می‌شود، ده‌ها هیئت را گرد هم می‌آورد."
)
# «این نشست» points back to a meeting; the sentence before tells of an agreement elsewhere.
ELSEWHERE = "در تهران توافقی میان دو شرکت امضا شد. این نشست در ۲۷ مه ۲۰۲۵ برگزار شد."


def test_a_clause_that_points_back_to_a_meeting_takes_the_scene_named_for_it() -> None:
    m = _at(HOSTED, "۲۷ تا ۲۹ مه ۲۰۲۵", dt.date(2025, 5, 27), dt.date(2025, 5, 29), "day")
    events, _, event_of = _build(("h", HOSTED, [m]))
    assert _event(events, event_of, "h", m).location == "Moscow"
    other = _day(ELSEWHERE, "۲۷ مه ۲۰۲۵", dt.date(2025, 5, 27))
    events, _, event_of = _build(("e", ELSEWHERE, [other]))
    assert _event(events, event_of, "e", other).location == ""



# «این پیمان» points back to the treaty signed in Moscow, but the year is the older accord's.
REPLACED_FA = (
    "پیمان همکاری جامع راهبردی روز جمعه ۲۸ دی ۱۴۰۳ در مسکو امضا شد. "
    "این پیمان جایگزین قرارداد همکاری سال ۲۰۰۱ می‌شود که برای بیست سال تمدید شده بود."
)
REPLACED_AR = (
    "وقّع الرئيسان معاهدة الشراكة الاستراتيجية الشاملة في موسكو يوم الجمعة 17 يناير 2025. "
    "وتحل هذه المعاهدة محل اتفاقية عام 2001 التي مُددت مرتين."
)


@pytest.mark.parametrize(("text", "words"), [(REPLACED_FA, "سال ۲۰۰۱"), (REPLACED_AR, "عام 2001")])
def test_a_date_of_another_happening_named_after_the_pointer_does_not_take_its_scene(
    text: str, words: str
) -> None:
    m = _at(text, words, dt.date(2001, 1, 1), dt.date(2001, 12, 31), "year")
    events, _, event_of = _build(("r", text, [m]))
    assert _event(events, event_of, "r", m).location == ""

# --- 3. actors: a sentence that points back, and the article's title --------------------------

LEAD = "گزارش روز\nیادداشتی کوتاه از خبرنگار ما.\n"  # a headline and a lead that name nobody
SAID_FA = LEAD + "عراقچی در مسکو با لاوروف دیدار کرد. وی گفت گفتگوهای ۸ اوت ۲۰۲۵ سازنده بود."
SAID_AR = (
    "تقرير اليوم\nمتابعة من مراسلنا.\n"
    "استقبل وزير الخارجية الروسي سيرغي لافروف نظيره الإيراني عباس عراقجي في موسكو. "
    "وقال إن محادثات 8 أغسطس 2025 كانت مثمرة."
)
SAID_EN = (
    "Daily report\nA note from our correspondent.\n"
    "Russian Foreign Minister Sergey Lavrov met Iran's Abbas Araghchi in Moscow. "
    "He said the talks of August 8, 2025 were useful."
)
WANG_EN = (
    "Daily report\nA note from our correspondent.\n"
    "Lavrov also spoke with Chinese Foreign Minister Wang Yi by phone. "
    "He said their talks on August 8, 2025 went well."
)
UNNAMED_EN = (
    "Daily report\nA note from our correspondent.\n"
    "Lavrov met Araghchi in Moscow. Talks on August 8, 2025 were useful, officials said."
)


def test_a_sentence_led_by_a_pronoun_inherits_the_actors_named_before_it() -> None:
    fa, ar, en = _day(SAID_FA, "۸ اوت ۲۰۲۵"), _day(SAID_AR, "8 أغسطس 2025"), _day(SAID_EN, "August 8, 2025")
    wang = _day(WANG_EN, "August 8, 2025")
    events, _, event_of = _build(
        ("fa", SAID_FA, [fa]), ("ar", SAID_AR, [ar]), ("en", SAID_EN, [en]), ("wang", WANG_EN, [wang])
    )
    talks = _event(events, event_of, "fa", fa)
    assert talks == _event(events, event_of, "ar", ar) == _event(events, event_of, "en", en)
    assert talks.source_count == 3
    assert "Sergey Lavrov" in talks.title_en and "Abbas Araghchi" in talks.title_en
    # «He» after a sentence naming Lavrov and Wang Yi: other talks of that day.
    assert _event(events, event_of, "wang", wang).event_id != talks.event_id


def test_a_sentence_that_names_nobody_and_points_nowhere_borrows_no_actors() -> None:
    en, unnamed = _day(SAID_EN, "August 8, 2025"), _day(UNNAMED_EN, "August 8, 2025")
    events, _, event_of = _build(("en", SAID_EN, [en]), ("unnamed", UNNAMED_EN, [unnamed]))
    assert _event(events, event_of, "en", en) != _event(events, event_of, "unnamed", unnamed)


TITLED_FA = "دیدار عراقچی و لاوروف در مسکو\nوزیران خارجه دو کشور امروز گفتگو کردند.\n"
DEEP_FA = (
    "دیدار عراقچی و لاوروف در مسکو\nوزیران خارجه دو کشور گفتگو کردند.\n"
    "پیش از این، روند همکاری‌ها بررسی شده بود.\nگفتگوهای ۸ اوت ۲۰۲۵ سازنده بود.\n"
)


def test_the_titles_actors_stand_for_the_news_of_the_day_but_not_deeper_in_the_text() -> None:
    today = _day(TITLED_FA, "امروز", calendar="relative", status="inferred")
    deep = _day(DEEP_FA, "۸ اوت ۲۰۲۵")
    en = _day(SAID_EN, "August 8, 2025")
    events, _, event_of = _build(
        ("titled", TITLED_FA, [today]), ("deep", DEEP_FA, [deep]), ("en", SAID_EN, [en])
    )
    talks = _event(events, event_of, "en", en)
    assert _event(events, event_of, "titled", today) == talks and talks.source_count == 2
    assert _event(events, event_of, "deep", deep) != talks


# --- 2. a happening dated by its year or month in two texts -----------------------------------

DEAL_FA = "روسیه و ایران در سال ۲۰۲۲ یک توافق نفتی امضا کردند."
DEAL_AR = "ووقعت روسيا وإيران اتفاقا نفطيا في عام 2022 بحسب المصادر."
DEAL_EN_2023 = "Russia and Iran signed an oil agreement in 2023."
DEAL_CHINA = "China and Iran signed an oil agreement in 2022."
SINCE_AR = "وتتعاون روسيا وإيران في قطاع النفط منذ عام 2022 بموجب اتفاق."
PASSING_FA = "روابط روسیه و ایران در سال ۲۰۲۲ گرم‌تر شد."
PASSING_AR = "وتحسنت العلاقات بين روسيا وإيران في عام 2022."


def test_a_past_year_named_in_two_texts_is_one_happening_when_kind_and_actors_agree() -> None:
    fa, ar = _year(DEAL_FA, "سال ۲۰۲۲", 2022), _year(DEAL_AR, "عام 2022", 2022)
    later = _year(DEAL_EN_2023, "2023", 2023)
    china = _year(DEAL_CHINA, "2022", 2022)
    since = _year(SINCE_AR, "عام 2022", 2022, role="since")
    docs = [
        ("fa", DEAL_FA, [fa]),
        ("ar", DEAL_AR, [ar]),
        ("later", DEAL_EN_2023, [later]),
        ("china", DEAL_CHINA, [china]),
        ("since", SINCE_AR, [since]),
    ]
    events, recs, event_of = _build(*docs)
    deal = _event(events, event_of, "fa", fa)
    assert deal == _event(events, event_of, "ar", ar)
    assert (deal.source_count, deal.edtf, deal.title_en) == (2, "2022", "Agreement: Russia, Iran")
    assert _event(events, event_of, "later", later).event_id != deal.event_id  # another year
    assert _event(events, event_of, "china", china).event_id != deal.event_id  # other actors
    # A since-year is no happening: it joins nothing, and says why.
    assert mention_id("since", since) not in event_of
    assert [r.kind for r in recs if r.mention_id == mention_id("since", since)] == ["not-a-happening"]
    # The event and its id do not depend on the order of the texts.
    again, _, again_of = _build(*reversed(docs))
    assert _event(again, again_of, "ar", ar) == deal


def test_a_year_in_passing_stays_no_happening_even_when_two_texts_name_it() -> None:
    fa, ar = _year(PASSING_FA, "سال ۲۰۲۲", 2022), _year(PASSING_AR, "عام 2022", 2022)
    events, recs, event_of = _build(("fa", PASSING_FA, [fa]), ("ar", PASSING_AR, [ar]))
    assert events == [] and event_of == {}
    assert sorted(r.kind for r in recs) == ["not-a-happening", "not-a-happening"]


SIGNED_FA = (
    "روسیه و ایران روز ۱۷ ژانویه ۲۰۲۵ پیمان مشارکت راهبردی را در مسکو امضا کردند. "
    "پیمان ژانویه ۲۰۲۵ میان روسیه و ایران بیست سال اعتبار دارد."
)
SIGNED_EN = "Russia and Iran signed a strategic partnership treaty in January 2025."
SIGNED_AR = "ووقعت روسيا وإيران معاهدة شراكة استراتيجية في يناير 2025."


def test_a_month_two_texts_name_never_turns_the_day_its_echo_joined_into_a_month() -> None:
    day = _day(SIGNED_FA, "۱۷ ژانویه ۲۰۲۵", dt.date(2025, 1, 17))
    echo = _month(SIGNED_FA, "ژانویه ۲۰۲۵ میان", 2025, 1)
    en, ar = _month(SIGNED_EN, "January 2025", 2025, 1), _month(SIGNED_AR, "يناير 2025", 2025, 1)
    events, recs, event_of = _build(
        ("fa", SIGNED_FA, [day, echo]), ("en", SIGNED_EN, [en]), ("ar", SIGNED_AR, [ar])
    )
    signing = _event(events, event_of, "fa", day)
    assert _event(events, event_of, "fa", echo) == signing and signing.edtf == "2025-01-17"
    # The month the two other texts name holds that one signing day: it joins it as support
    # (rule 8), and the event keeps its day.
    assert _event(events, event_of, "en", en) == _event(events, event_of, "ar", ar) == signing
    assert (len(events), signing.source_count, signing.precision) == (1, 3, "day")
    assert sorted(r.kind for r in recs) == ["period-joined", "period-joined"]


# --- faults found on real news, each in a composed passage -----------------------------------

# One outlet's talks are another's meeting or visit: one encounter of the same two ministers.
VISIT_EN = "Iranian Foreign Minister Abbas Araghchi will pay a working visit to Moscow on August 8, 2025."
MEETING_EN = "Sergey Lavrov and Abbas Araghchi gave a joint news conference in Moscow on August 8, 2025."
TALKS_AR = "وأجرى وزير الخارجية الروسي سيرغي لافروف محادثات مع عباس عراقجي يوم 8 أغسطس 2025."
WAR_EN = "Russia and Iran condemned the attack on August 8, 2025."


def test_talks_a_meeting_and_a_visit_of_the_same_ministers_on_one_day_are_one_encounter() -> None:
    visit, meeting = _day(VISIT_EN, "August 8, 2025"), _day(MEETING_EN, "August 8, 2025")
    talks, war = _day(TALKS_AR, "8 أغسطس 2025"), _day(WAR_EN, "August 8, 2025")
    events, _, event_of = _build(
        ("visit", VISIT_EN, [visit]), ("meeting", MEETING_EN, [meeting]), ("talks", TALKS_AR, [talks]),
        ("war", WAR_EN, [war]),
    )
    encounter = _event(events, event_of, "talks", talks)
    assert encounter == _event(events, event_of, "visit", visit)
    assert encounter == _event(events, event_of, "meeting", meeting)
    assert encounter.source_count == 3 and encounter.location == "Moscow"
    # A conflict is no encounter, though the day and the countries are the same.
    assert _event(events, event_of, "war", war) != encounter


# One sentence dates two meetings, each in its own city.
TWO_CITIES = (
    "وبحث الوزيران نتائج لقاءي الرئيسين في 12 ديسمبر 2024 في عشق آباد وفي 1 سبتمبر 2024 في تيانجين."
)


@pytest.mark.parametrize(("words", "day", "place"), [
    ("12 ديسمبر 2024", dt.date(2024, 12, 12), "Ashgabat"),
    ("1 سبتمبر 2024", dt.date(2024, 9, 1), "Tianjin"),
])
def test_each_date_takes_the_scene_named_beside_it(words: str, day: dt.date, place: str) -> None:
    m = _day(TWO_CITIES, words, day)
    events, _, event_of = _build(("p", TWO_CITIES, [m]))
    assert _event(events, event_of, "p", m).location == place


def test_a_year_fronting_its_sentence_dates_the_happening_the_sentence_reports() -> None:
    text = "In 2024, the treaty between Russia and Iran was signed in Moscow after long talks."
    m = _year(text, "2024", 2024)
    events, recs, event_of = _build(("p", text, [m]))
    assert recs == [] and _event(events, event_of, "p", m).edtf == "2024"


# A date alone on the line under the headline: the sentence after it tells what happened.
DATED_LINE = (
    "Ministers meet in Moscow\n\n8 August 2025\n\n"
    "Sergey Lavrov held talks with Abbas Araghchi in Moscow on August 8.\n\n"
    "The ministers discussed the nuclear file, the Caspian region and trade between their countries.\n\n"
    "Both sides called the conversation useful and agreed to keep in close contact over the coming months.\n"
)


def test_a_date_alone_on_its_line_is_read_with_the_sentence_that_follows() -> None:
    line = _day(DATED_LINE, "8 August 2025")
    yearless = _day(DATED_LINE, "August 8", status="inferred")
    events, _, event_of = _build(("p", DATED_LINE, [line, yearless]))
    event = _event(events, event_of, "p", line)
    assert event == _event(events, event_of, "p", yearless) and len(events) == 1
    assert event.title.startswith("Sergey Lavrov held talks")


# --- the kind that titles an event: the one nearest its date -----------------------------------

SUMMITS_EN = (
    "The ministers will review the agreements of the presidents' meeting on December 12, 2025 "
    "in Ashgabat."
)
SUMMITS_AR = (
    "وسيبحث الوزيران تنفيذ اتفاقيات لقاء الرئيسين "
    "في 12 ديسمبر 2025 في عشق آباد."
)


@pytest.mark.parametrize(
    ("text", "words"), [(SUMMITS_EN, "December 12, 2025"), (SUMMITS_AR, "12 ديسمبر 2025")]
)
def test_a_clause_naming_several_kinds_is_titled_by_the_one_beside_the_date(text: str, words: str) -> None:
    m = _day(text, words, dt.date(2025, 12, 12))
    events, _, event_of = _build(("s", text, [m]))
    title_en = _event(events, event_of, "s", m).title_en
    # the agreements are what will be reviewed; the day is the presidents' meeting
    assert title_en.split(" ")[0].rstrip(":") in ("Meeting", "Talks"), title_en


# --- words said at a happening: a clause that only reports speech links by its sentence --------

TALKS_FA = "سید عباس عراقچی و سرگئی لاوروف روز ۸ اوت ۲۰۲۵ در مسکو درباره پرونده هسته‌ای گفتگو کردند."
SAID_AT_EN = (
    "Russian Foreign Minister Sergey Lavrov said on August 8, 2025 he discussed the nuclear file "
    "at a meeting with Iran's Abbas Araghchi in Moscow."
)
SAID_AT_WANG_EN = (
    "Russian Foreign Minister Sergey Lavrov said on August 8, 2025 he discussed trade "
    "at a meeting with China's Wang Yi in Moscow."
)


def test_words_said_at_a_meeting_join_the_meeting_other_sources_report() -> None:
    day = dt.date(2025, 8, 8)
    talks, said = _day(TALKS_FA, "۸ اوت ۲۰۲۵", day), _day(SAID_AT_EN, "August 8, 2025", day)
    events, _, event_of = _build(("fa", TALKS_FA, [talks]), ("en", SAID_AT_EN, [said]))
    event = _event(events, event_of, "fa", talks)
    assert event_of[mention_id("en", said)] == event.event_id and event.source_count == 2
    assert not event.title_en.startswith("Statement"), event.title_en  # the clause that tells the talks


def test_words_said_at_a_meeting_with_someone_else_stay_apart() -> None:
    day = dt.date(2025, 8, 8)
    talks, said = _day(TALKS_FA, "۸ اوت ۲۰۲۵", day), _day(SAID_AT_WANG_EN, "August 8, 2025", day)
    _, _, event_of = _build(("fa", TALKS_FA, [talks]), ("en", SAID_AT_WANG_EN, [said]))
    assert event_of[mention_id("en", said)] != event_of[mention_id("fa", talks)]


# --- one text telling one day's happening in parts ---------------------------------------------

VISIT_AND_SIGNING_FA = (
    "مسعود پزشکیان روز ۱۷ ژانویه ۲۰۲۵ برای دیداری رسمی به مسکو سفر کرد. "
    "ولادیمیر پوتین و مسعود پزشکیان روز ۱۷ ژانویه ۲۰۲۵ پیمان مشارکت راهبردی جامع را امضا کردند."
)
VISIT_AND_OTHER_SIGNING_FA = (
    "مسعود پزشکیان روز ۱۷ ژانویه ۲۰۲۵ برای دیداری رسمی به مسکو سفر کرد. "
    "ایلهام علی‌اف و رجب طیب اردوغان روز ۱۷ ژانویه ۲۰۲۵ توافقی تجاری را امضا کردند."
)


def _both_days(text: str) -> list[Event]:
    """The events of a text whose two sentences are each dated «۱۷ ژانویه ۲۰۲۵»."""
    day, words = dt.date(2025, 1, 17), "۱۷ ژانویه ۲۰۲۵"
    mentions = []
    at = text.index(words)
    while at >= 0:
        end = at + len(words)
        mentions.append(Mention(at, end, words, "gregorian", day.isoformat(), day.isoformat(), "day"))
        at = text.find(words, end)
    assert len(mentions) == 2
    return _build(("t", text, mentions))[0]


def test_one_texts_visit_and_signing_of_the_same_people_on_one_day_are_one_event() -> None:
    (event,) = _both_days(VISIT_AND_SIGNING_FA)
    assert len(event.mentions) == 2
    assert event.title_en.startswith("Agreement:"), event.title_en  # the signing heads it, not the trip


def test_one_texts_visit_and_a_signing_by_others_on_that_day_stay_apart() -> None:
    assert len(_both_days(VISIT_AND_OTHER_SIGNING_FA)) == 2
