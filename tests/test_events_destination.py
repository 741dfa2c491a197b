"""A visit's destination is its place when its clause marks no scene (events/context.py _destination).

Composed news passages in fa, ar and en; the mentions are made by hand at the words' offsets,
their bounds from datetime. The expected place is the city each passage was written about.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mctimeline.events import Event, assemble, mention_id
from mctimeline.mentions import Mention
from mctimeline.sources import source_from_text

DAY = dt.date(2025, 8, 8)


def _day(text: str, words: str) -> Mention:
    start = text.index(words)
    return Mention(start, start + len(words), words, "gregorian", DAY.isoformat(), DAY.isoformat(), "day")


def _location(lang: str, text: str, words: str) -> Event:
    m = _day(text, words)
    events, _, event_of = assemble([(source_from_text(f"seeds/d_{lang}.txt", text), text, [m])])
    (event,) = [e for e in events if e.event_id == event_of[mention_id(f"d_{lang}", m)]]
    return event


FA, AR, EN = "۸ اوت ۲۰۲۵", "8 أغسطس 2025", "August 8, 2025"

# The destination after «به», «إلى», "to" a travel or arrival word governs, or a place a
# visiting or entering word takes directly.
DESTINATION_CASES = [
    ("fa", f"وزیر خارجه ترکیه روز {FA} برای گفت‌وگو با همتای ایرانی خود به تهران آمد.", "Tehran"),
    ("fa", f"عباس عراقچی روز {FA} وارد مسکو شد و با سرگئی لاوروف دیدار کرد.", "Moscow"),
    ("fa", f"سفر دو روزه پزشکیان به مسکو روز {FA} آغاز شد.", "Moscow"),
    ("ar", f"وصل وزير الخارجية التركي هاكان فيدان إلى طهران يوم {AR} لإجراء محادثات.", "Tehran"),
    ("ar", f"يبدأ الرئيس الإيراني يوم {AR} زيارة رسمية إلى موسكو تستمر يومين.", "Moscow"),
    ("ar", f"وزير الخارجية الإيراني يزور موسكو يوم {AR} لبحث العلاقات الثنائية.", "Moscow"),
    ("en", f"Hakan Fidan will travel to Tehran on {EN} for talks with Abbas Araghchi.", "Tehran"),
    ("en", f"Masoud Pezeshkian's visit to Moscow on {EN} opened with a welcome ceremony.", "Moscow"),
    ("en", f"Sergey Lavrov visited Ankara on {EN}, his first trip there this year.", "Ankara"),
]


@pytest.mark.parametrize(("lang", "text", "place"), DESTINATION_CASES)
def test_a_visits_destination_is_its_place(lang: str, text: str, place: str) -> None:
    event = _location(lang, text, {"fa": FA, "ar": AR, "en": EN}[lang])
    assert event.location == place
    assert event.title_en.endswith(f" — {place}")


NO_DESTINATION_CASES = [
    # An origin is not where the happening is.
    ("fa", f"هیئت ایرانی روز {FA} از تهران سفر خود را آغاز کرد."),
    ("ar", f"عاد الوفد الإيراني من موسكو يوم {AR} بعد جولة محادثات."),
    ("en", f"Abbas Araghchi flew back from Moscow on {EN} after the talks."),
    # A trip another clause tells of is not the date's happening's.
    ("fa", f"عراقچی روز {FA} با لاوروف تلفنی گفت‌وگو کرد، و قرار است ماه آینده به پکن سفر کند."),
    ("ar", f"أجرى عراقجي يوم {AR} اتصالا هاتفيا مع لافروف، ومن المقرر أن يسافر إلى بكين الشهر المقبل."),
    ("en", f"Araghchi spoke with Lavrov by phone on {EN}, and he is due to travel to Beijing next month."),
    # A place merely named after «به», «إلى», "to" with no travel word.
    ("fa", f"وزارت خارجه روز {FA} پیامی به مسکو فرستاد."),
    ("ar", f"بعثت الخارجية الإيرانية يوم {AR} رسالة إلى موسكو."),
    ("en", f"The ministry sent a note to Moscow on {EN}."),
    # Coming home is not a visit's scene.
    ("en", f"Masoud Pezeshkian returned to Tehran on {EN}."),
]


@pytest.mark.parametrize(("lang", "text"), NO_DESTINATION_CASES)
def test_an_origin_another_clauses_trip_or_a_mere_mention_is_no_place(lang: str, text: str) -> None:
    assert _location(lang, text, {"fa": FA, "ar": AR, "en": EN}[lang]).location == ""


# A place marked as the scene wins over a trip's destination named beside it.
SCENE_CASES = [
    ("fa", f"لاوروف که هفته آینده به پکن سفر می‌کند، روز {FA} در مسکو با عراقچی دیدار کرد.", "Moscow"),
    ("ar", f"التقى لافروف عراقجي في موسكو يوم {AR} قبل أن يتوجه إلى بكين.", "Moscow"),
    ("en", f"Lavrov, who will travel to Beijing next week, held talks in Moscow on {EN}.", "Moscow"),
]


@pytest.mark.parametrize(("lang", "text", "place"), SCENE_CASES)
def test_a_scene_wins_over_a_destination(lang: str, text: str, place: str) -> None:
    assert _location(lang, text, {"fa": FA, "ar": AR, "en": EN}[lang]).location == place


def test_two_reports_of_one_arrival_read_one_destination_in_two_languages() -> None:
    # Neither names a scene; each says where the minister went, in its own words.
    fa = f"عباس عراقچی روز {FA} برای دیدار با سرگئی لاوروف وارد مسکو شد."
    en = f"Abbas Araghchi arrived on a working visit to Moscow on {EN} to meet Sergey Lavrov."
    m_fa, m_en = _day(fa, FA), _day(en, EN)
    docs = [
        (source_from_text("seeds/v_fa.txt", fa), fa, [m_fa]),
        (source_from_text("seeds/v_en.txt", en), en, [m_en]),
    ]
    events, _, event_of = assemble(docs)
    assert event_of[mention_id("v_fa", m_fa)] == event_of[mention_id("v_en", m_en)]
    (event,) = [e for e in events if e.event_id == event_of[mention_id("v_fa", m_fa)]]
    assert event.location == "Moscow"
    assert event.title_en == "Visit: Abbas Araghchi, Sergey Lavrov — Moscow"
