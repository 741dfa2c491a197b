"""A mention's role (tagger/roles.py): since, until, by, forecast, from the words around it."""

from __future__ import annotations

import pytest

from _news_days import PUB
from mctimeline.tagger import tag


@pytest.mark.parametrize(
    ("text", "words", "role"),
    [
        ("تعيش البلاد أزمة اقتصادية خانقة منذ عام 1995.", "عام 1995", "since"),
        ("از سال ۱۳۹۸ تاکنون تحریم‌های بانکی ادامه داشته است.", "سال ۱۳۹۸", "since"),
        ("Sanctions have been in place since 2012, officials said.", "2012", "since"),
        ("این طرح تا پایان ۱۴۰۴ در سه استان اجرا می‌شود.", "پایان ۱۴۰۴", "until"),
        ("وتستمر فعاليات المعرض حتى 15 مارس 2025 في الرياض.", "15 مارس 2025", "until"),
        ("The moratorium runs until 2030.", "2030", "until"),
        ("ويهدف البرنامج إلى خفض الانبعاثات بحلول عام 2030.", "عام 2030", "by"),
        ("The plant will be closed by 2030, the ministry said.", "2030", "by"),
        ("وتتوقع الحكومة أن يبلغ النمو ذروته في 2027.", "2027", "forecast"),
        ("پیش‌بینی می‌شود تولید نفت در سال ۱۴۰۵ به اوج برسد.", "سال ۱۴۰۵", "forecast"),
        ("The agency expects output to peak in 2027.", "2027", "forecast"),
        ("وزیر امور خارجه در ۱۲ مهر ۱۴۰۳ به مسکو سفر کرد.", "۱۲ مهر ۱۴۰۳", ""),
        ("Talks were held in Muscat in April 2025.", "April 2025", ""),
    ],
)
def test_a_mention_s_role_comes_from_its_words(text: str, words: str, role: str) -> None:
    found = [m for m in tag(text) if m.text == words]
    assert len(found) == 1, [m.text for m in tag(text)]
    assert found[0].role == role


def test_a_forecast_word_in_another_sentence_does_not_reach() -> None:
    (m,) = tag("وتتوقع الحكومة نموا أعلى. وقد تراجع النمو في 2019 بسبب الجفاف.")
    assert (m.text, m.role) == ("2019", "")


def test_the_role_is_in_the_json_and_mentions_csv() -> None:
    (m,) = tag("منذ عام 1995 والبلاد تعيش أزمة.")
    assert m.to_json()["role"] == "since"


PUBLISHED = "2025-01-17"  # a reference day in January: a July before it and one after it are both near


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("The sanctions have been in force since July, officials said.", "en", "July"),
        ("ولا تزال العقوبات سارية منذ يوليو، بحسب مسؤولين في الوزارة.", "ar", "يوليو"),
        # a Persian present tense would point ahead («اجرا می‌شود»): «از … تاکنون» looks back
        ("این تحریم‌ها از تیر ماه تاکنون اجرا می‌شود.", "fa", "تیر ماه"),
    ],
)
def test_a_yearless_month_counted_since_is_the_last_one_before_the_reference_day(
    text: str, lang: str, words: str
) -> None:
    icu = pytest.importorskip("icu")
    from _forms import icu_month

    (m,) = tag(text, lang, published=PUBLISHED)
    assert (m.text, m.role, m.status) == (words, "since", "inferred")
    # The July (Tir) that last began before 17 January 2025 is that of 2024 (1403), not 2025's.
    expected = icu_month(icu, "persian", 1403, 4) if lang == "fa" else ("2024-07-01", "2024-07-31")
    assert (m.start_date, m.end_date) == expected
    assert "last falls before" in m.note


def test_a_yearless_month_counted_until_stays_the_nearest() -> None:
    (m,) = tag("The agreement will stay in force until July, officials said.", "en", published=PUBLISHED)
    assert (m.role, m.start_date, m.end_date) == ("until", "2025-07-01", "2025-07-31")


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
