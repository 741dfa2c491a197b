"""The tagger's work grows linearly with the text, even on pathological text (issue 13).

Not timed: the work is counted as the lines of mctimeline's code that run (sys.settrace),
which is the same on any machine and under any load. Four times the text must cost
about four times the lines. Each of the last four texts below made the tagger
quadratic before: every echo, anaphora or yearless date looked back over every
earlier candidate (or every «today») for what it refers to. benchmarks/bench_tag_growth.py
measures the same texts at 100 KB and 1 MB in seconds, beside a plain `re` scan.
"""

from __future__ import annotations

import pytest

from _linecount import lines_run
from mctimeline.tagger import tag

# A unit repeated: the hostile texts of the issue, and one for each look-back the tagger makes.
UNITS = {
    "year": "۱۴۰۴ ",
    "digits and ta": "۱ تا ۲ تا ۳ تا ",
    "numeric dates": "۱۴۰۴/۰۱/۰۱ ",
    "hijri years": "١٤٤٦ هـ ",
    "ranges": "۲۷ تا ۲۹ مه ۲۰۲۵ ",
    # «ژانویه» echoes a January named with a year earlier; there is none, ever.
    "echoes without antecedent": "نشست ۲۷ مه ۲۰۲۵ و پیمان ژانویه. ",
    # «الشهر ذاته» (the same month) with no month named before it.
    "anaphora without antecedent": "واستمر حتى يوم 25 من الشهر ذاته. ",
    # «همان سال» (the same year) with no year before it.
    "year anaphora without antecedent": "نرخ بهره در ژوئن همان سال کاهش یافت. ",
    # A «today + weekday» and a yearless date in each sentence: each date asks which
    # today shares its sentence.
    "todays and yearless dates": "امروز سه‌شنبه است. نشست ۲۷ مه. ",
}


def _lines_run(text: str) -> int:
    """How many lines of mctimeline's code run to tag `text` (after a warm-up: lexicons loaded)."""
    tag(text)
    return lines_run(lambda: tag(text))[0]


@pytest.mark.parametrize("unit", UNITS.values(), ids=UNITS.keys())
def test_four_times_the_text_is_four_times_the_work(unit: str) -> None:
    small, large = _lines_run(unit * 100), _lines_run(unit * 400)
    # Linear: 4x (plus a constant). The quadratic look-backs gave 7.7x to 9x here.
    assert large <= 4.4 * small, (small, large)


@pytest.mark.parametrize("unit", UNITS.values(), ids=UNITS.keys())
def test_four_times_the_text_is_four_times_the_mentions(unit: str) -> None:
    small, large = tag(unit * 100), tag(unit * 400)
    assert len(large) == 4 * len(small)
    # The first quarter of the long text reads as the short text does: same words, same days.
    first = [(m.start, m.end, m.start_date, m.end_date, m.status) for m in large[: len(small)]]
    assert first == [(m.start, m.end, m.start_date, m.end_date, m.status) for m in small]


def test_a_today_in_the_same_sentence_still_gives_the_year() -> None:
    # Tuesday 27 May 2025 (datetime: date(2025, 5, 27).weekday() == 1): the day of
    # publication is a Tuesday, and 2025 is the first year from 2024 on in which
    # 27 May is one. Many todays and dates before it must not change which one is used.
    filler = "امروز دوشنبه است. نشست ۳ خرداد. " * 200
    text = filler + "در سال ۲۰۲۴ توافقی امضا شد. امروز سه‌شنبه نشست ۲۷ مه برگزار شد."
    last = tag(text)[-1]
    assert last.text == "۲۷ مه"
    assert (last.start_date, last.status) == ("2025-05-27", "inferred")
    assert "سه‌شنبه" in last.note


def test_an_echo_takes_the_year_of_the_latest_month_named_with_one() -> None:
    many = "نشست ۲۷ مه ۲۰۲۵ برگزار شد. " * 300
    text = many + "پیمان ژانویه ۲۰۲۳ امضا شد. سپس پیمان ژانویه ۲۰۲۴ امضا شد. اجرای پیمان ژانویه آغاز شد."
    echo = tag(text)[-1]
    assert echo.text == "ژانویه"
    assert (echo.start_date, echo.end_date) == ("2024-01-01", "2024-01-31")


def test_an_anaphora_takes_the_month_of_the_latest_mention_that_has_one() -> None:
    many = "واستمر حتى يوم 25 من الشهر ذاته. " * 300  # no antecedent: nothing
    text = many + "عقد المؤتمر في 23 أبريل 2020م واستمر حتى يوم 25 من الشهر ذاته."
    mentions = tag(text)
    assert [m.text for m in mentions] == ["23 أبريل 2020م", "يوم 25 من الشهر ذاته"]
    assert mentions[-1].start_date == "2020-04-25"
