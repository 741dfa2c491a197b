"""Rules drawn from a check on real Iran–Russia news: what after publication, a since-clause,
arrival and ratification words, and a verb-first Arabic sentence make of a date.

Composed passages in the style of that news (never copied sentences); the mentions are made
by hand at the words' offsets, with their days from datetime, so each rule is tested apart
from the tagger.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mctimeline.events import Event, assemble, mention_id
from mctimeline.mentions import Mention
from mctimeline.seeds import Meta
from mctimeline.sources import source_from_text

PUBLISHED = dt.date(2025, 6, 22)


def _mention(
    text: str, words: str, first: dt.date, last: dt.date | None = None, precision: str = "day"
) -> Mention:
    start = text.index(words)
    return Mention(
        start,
        start + len(words),
        words,
        "gregorian",
        first.isoformat(),
        (last or first).isoformat(),
        precision,
    )


def _build(
    name: str, text: str, m: Mention, published: dt.date | None = PUBLISHED
) -> tuple[Event | None, list]:
    meta = Meta(published=published.isoformat()) if published else Meta()
    events, recs, event_of = assemble([(source_from_text(f"seeds/{name}.txt", text, meta=meta), text, [m])])
    mid = mention_id(name, m)
    found = [e for e in events if e.event_id == event_of.get(mid)]
    return (found[0] if found else None), [r for r in recs if r.mention_id == mid]


# --- a day after publication is scheduled, not yet a happening ---------------------------

LATER = PUBLISHED + dt.timedelta(days=3)
LATER_CASES = [
    (
        "fa",
        "وزیر امور خارجه روسیه گفت: کمیسیون مشترک دو کشور روز ۲۵ ژوئن در تهران تشکیل جلسه می‌دهد.",
        "۲۵ ژوئن",
    ),
    ("ar", "وأوضح المتحدث أن اللجنة المشتركة بين البلدين تعقد اجتماعها في طهران يوم 25 يونيو.", "25 يونيو"),
    (
        "en",
        "The joint commission of the two countries is due to hold its session in Tehran on June 25.",
        "June 25",
    ),
]


@pytest.mark.parametrize(("lang", "text", "words"), LATER_CASES)
def test_a_day_after_publication_makes_no_event(lang: str, text: str, words: str) -> None:
    event, rows = _build(f"later_{lang}", text, _mention(text, words, LATER))
    assert event is None
    (row,) = rows
    assert row.kind == "not-a-happening" and "after the text was published" in row.diagnosis
    assert row.rejected == LATER.isoformat()


@pytest.mark.parametrize(("lang", "text", "words"), LATER_CASES)
def test_the_same_day_on_or_before_publication_or_with_no_publication_stays(
    lang: str, text: str, words: str
) -> None:
    for published in (LATER, LATER + dt.timedelta(days=30), None):
        event, _ = _build(f"later_{lang}", text, _mention(text, words, LATER), published)
        assert event is not None and event.start_date == LATER.isoformat()


# --- a since-clause: a since-word a few words before the date -----------------------------

JULY = (dt.date(2024, 7, 1), dt.date(2024, 7, 31))
SINCE_CASES = [
    ("fa", "این سومین دیدار دو رئیس‌جمهور از زمان روی کار آمدن دولت جدید در ژوئیه ۲۰۲۴ است.", "ژوئیه ۲۰۲۴"),
    ("ar", "وهذا هو اللقاء الثالث بين الرئيسين منذ تولي الحكومة الجديدة مهامها في يوليو 2024.", "يوليو 2024"),
    (
        "en",
        "It was the third meeting of the two presidents since the new government took office in July 2024.",
        "July 2024",
    ),
]


@pytest.mark.parametrize(("lang", "text", "words"), SINCE_CASES)
def test_a_date_closing_a_since_clause_makes_no_event(lang: str, text: str, words: str) -> None:
    event, rows = _build(f"since_{lang}", text, _mention(text, words, *JULY, precision="month"))
    assert event is None
    (row,) = rows
    assert row.kind == "not-a-happening" and "since-reference" in row.diagnosis


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        # A pause (a comma) ends the since-clause: the date after it is the happening's.
        (
            "en",
            "Relations have grown since the sanctions, and the presidents met in July 2024 in Moscow.",
            "July 2024",
        ),
        ("ar", "وتطورت العلاقات منذ العقوبات، والتقى الرئيسان في يوليو 2024 في موسكو.", "يوليو 2024"),
        # A since-clause that names a happening dates it: the war's start is an event.
        ("fa", "از زمان آغاز جنگ در اوکراین در ژوئیه ۲۰۲۴ روابط دو کشور تغییر کرده است.", "ژوئیه ۲۰۲۴"),
        (
            "en",
            "Ties have deepened since the invasion of the neighbouring country in July 2024.",
            "July 2024",
        ),
    ],
)
def test_a_date_past_the_since_clause_stays(lang: str, text: str, words: str) -> None:
    event, _ = _build(f"since_past_{lang}", text, _mention(text, words, *JULY, precision="month"))
    assert event is not None


# --- arrival and departure words are a visit's; Arabic names its destination after the subject

ARRIVAL_CASES = [
    (
        "fa",
        "عباس عراقچی وزیر امور خارجه امروز یکشنبه در رأس هیئتی دیپلماتیک وارد مسکو شد.",
        "امروز یکشنبه",
        "Moscow",
    ),
    (
        "ar",
        "وصل رئيس الدبلوماسية الإيرانية، عباس عراقجي، اليوم الأحد، على متن طائرة خاصة، إلى موسكو.",
        "اليوم الأحد",
        "Moscow",
    ),
    ("ar", "ووصل رئيس البرلمان الإيراني، على رأس وفد رفيع، يوم الأحد إلى الدوحة.", "يوم الأحد", "Doha"),
    (
        "en",
        "Iran's foreign minister Abbas Araghchi arrived in Moscow on Sunday for consultations.",
        "on Sunday",
        "Moscow",
    ),
]


@pytest.mark.parametrize(("lang", "text", "words", "place"), ARRIVAL_CASES)
def test_an_arrival_is_a_visit_to_its_destination(lang: str, text: str, words: str, place: str) -> None:
    event, _ = _build(f"arrive_{lang}", text, _mention(text, words, PUBLISHED))
    assert event is not None
    assert event.title_en.startswith("Visit") and event.title_en.endswith(f"— {place}")
    assert event.location == place


def test_a_verb_first_sentence_names_no_destination_past_another_to() -> None:
    # The verb governs the first «إلى» only: a place after a second one is not its destination.
    text = "وصل الوزير إلى الدوحة يوم الأحد ثم أرسل رسالة إلى موسكو."
    event, _ = _build("vso_two", text, _mention(text, "يوم الأحد", PUBLISHED))
    assert event is not None and event.location == "Doha"


def test_imports_are_not_an_arrival() -> None:
    # «وارد» is a visit's only as a whole word: «واردات» (imports) names no visit.
    text = "به گفته گمرک، واردات کالا از روسیه در ۲۲ ژوئن به رکورد تازه‌ای رسید."
    event, _ = _build("imports_fa", text, _mention(text, "۲۲ ژوئن", PUBLISHED))
    assert event is not None and not event.title_en.startswith("Visit")


# --- a ratification is named as what it was -------------------------------------------------

RATIFY_CASES = [
    ("fa", "مجلس شورای اسلامی امروز یکشنبه کلیات لایحه معاهده همکاری با روسیه را تصویب کرد.", "امروز یکشنبه"),
    ("ar", "صادق مجلس الشورى الإيراني اليوم الأحد على معاهدة التعاون مع روسيا.", "اليوم الأحد"),
    ("en", "Iran's parliament ratified the cooperation treaty with Russia on Sunday.", "on Sunday"),
]


@pytest.mark.parametrize(("lang", "text", "words"), RATIFY_CASES)
def test_a_ratification_is_titled_so(lang: str, text: str, words: str) -> None:
    event, _ = _build(f"ratify_{lang}", text, _mention(text, words, PUBLISHED))
    assert event is not None and event.title_en.startswith("Ratification")


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        ("ar", "وكان عراقجي قد أعلن في مدينة اسطنبول أنه سيقوم بزيارة إلى موسكو يوم الأحد.", "يوم الأحد"),
        ("en", "Speaking in Istanbul, Araghchi said he would pay a visit to Moscow on Sunday.", "on Sunday"),
    ],
)
def test_a_visits_destination_beside_its_date_wins_over_where_it_was_announced(
    lang: str, text: str, words: str
) -> None:
    event, _ = _build(f"announced_{lang}", text, _mention(text, words, PUBLISHED))
    assert event is not None and event.location == "Moscow"


# --- titles: a subheading without a stop, a clock time beside a dated line ------------------------

LEAD_FA = (
    "مسکو روز پنجشنبه، ۱۰ مهر، در بیانیه‌ای اعلام کرد معاهده همکاری دو کشور "
    "پس از طی مراحل تصویب در پارلمان‌های دو طرف از امروز رسماً لازم‌الاجرا شده است و دو کشور "
    "همکاری‌های خود را در زمینه‌های انرژی، حمل‌ونقل، بانکداری و امنیت منطقه‌ای گسترش خواهند داد."
)
SUBHEAD_FA = (
    "وزارت خارجه روسیه همزمان با بازگشت تحریم‌های سازمان ملل اعلام کرد این سند روابط دو کشور را "
    "در چارچوب نظم چندقطبی به سطح تازه‌ای می‌رساند"
)
TAIL_FA = "این معاهده جایگزین سند همکاری پیشین دو کشور می‌شود و بیست سال اعتبار دارد."


def test_a_title_never_starts_in_the_subheading_above_its_paragraph() -> None:
    # Lines of 38, 140, 300 and 75 characters: the subheading is half a paragraph's length.
    text = f"روسیه از اجرای معاهده با ایران خبر داد\n{SUBHEAD_FA}\n{LEAD_FA}\n{TAIL_FA}\n"
    words = "۱۰ مهر"
    event, _ = _build("subhead_fa", text, _mention(text, words, dt.date(2025, 10, 2)), dt.date(2025, 10, 2))
    assert event is not None
    assert event.title.startswith("مسکو روز پنجشنبه") and "می‌رساند" not in event.title


def test_a_dated_line_with_a_clock_time_is_told_by_the_sentence_after_it() -> None:
    text = (
        "Lower house backs the pact with Iran\n\nApril 8, 2025 at 12:29 pm\n\n"
        "The State Duma ratified the partnership treaty with Iran today, by a large majority."
    )
    day = dt.date(2025, 4, 8)
    event, _ = _build("clock_en", text, _mention(text, "April 8, 2025", day), day)
    assert event is not None and event.title.startswith("The State Duma ratified")
    assert event.title_en.startswith("Ratification")


def test_a_ratification_and_an_approval_of_the_pact_on_one_day_are_one_happening() -> None:
    # "voted to ratify" names no treaty word, "approved the pact" no ratification: one family.
    day = dt.date(2025, 4, 8)
    docs = []
    for name, text in (
        ("vote_en", "Russia's State Duma voted to ratify the text with Iran on April 8, 2025."),
        (
            "pact_en",
            "Russia's lower house approved the pact with Iran on April 8, 2025, after a short debate.",
        ),
    ):
        docs.append(
            (source_from_text(f"seeds/{name}.txt", text), text, [_mention(text, "April 8, 2025", day)])
        )
    events, _, _ = assemble(docs)
    (event,) = events
    assert event.source_count == 2 and event.start_date == day.isoformat()


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        ("en", "A spokesman said it planned to sign the agreement by the end of January.", "January"),
        ("ar", "وقال المتحدث إن البلدين يعتزمان توقيع الاتفاقية بحلول نهاية يناير.", "يناير"),
        ("fa", "سخنگو گفت دو کشور قصد دارند توافق‌نامه را حداکثر تا پایان ژانویه امضا کنند.", "ژانویه"),
    ],
)
def test_a_date_after_a_deadline_phrase_makes_no_event(lang: str, text: str, words: str) -> None:
    january = (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    event, rows = _build(f"by_{lang}", text, _mention(text, words, *january, precision="month"), None)
    assert event is None
    (row,) = rows
    assert row.kind == "not-a-happening" and "by-reference" in row.diagnosis


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        ("ar", "وكتب السفير اليوم الأحد على منصة إكس أن الصداقة بين البلدين راسخة.", "اليوم الأحد"),
        ("fa", "سفیر ایران امروز یکشنبه در شبکه ایکس نوشت دوستی دو کشور ریشه‌دار است.", "امروز یکشنبه"),
        ("en", "The ambassador wrote on X on Sunday that the friendship runs deep.", "on Sunday"),
    ],
)
def test_a_post_is_a_statement(lang: str, text: str, words: str) -> None:
    event, _ = _build(f"post_{lang}", text, _mention(text, words, PUBLISHED))
    assert event is not None and event.title_en.startswith("Statement")
