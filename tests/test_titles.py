"""Clauses and titles around a date: short, from the date's own sentence, never a paragraph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _seed_mentions import BUILDERS, find, seed
from mctimeline import titles
from mctimeline.mentions import Mention
from mctimeline.titles import (
    TITLE_CHARS,
    TITLE_WORDS,
    clause_around,
    collapse,
    previous_sentence,
    sentence_around,
    title_en_for,
    title_for,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _at(text: str, words: str, occurrence: int = 0) -> Mention:
    start = find(text, words, occurrence)
    return Mention(start, start + len(words), words, "gregorian", "", "", "day")


# (seed, the date's words, words the title must hold, words it must not hold) — read from the texts.
TITLE_VECTORS = [
    ("000", "۲۷ تا ۲۹ مه ۲۰۲۵", ["این رویداد", "پایتخت روسیه", "برگزار"], ["اسپوتنیک", "دعوت"]),
    ("001", "۱۵ اوت ۲۰۲۳", ["یازدهمین کنفرانس امنیت"], ["شرکت کنندگان"]),
    ("002", "23 إلى 24 يونيو", ["تنظمه الوزارة"], ["وأضافت"]),
    ("002", "23 أبريل 2020م", ["يذكر في"], ["بحضور أكثر"]),
    ("003", "26 - 27 أكتوبر 2023", ["عُقِد في مينسك"], ["وحضر ممثلون"]),
    ("004", "ژانویه ۲۰۲۵", ["پوتین", "توافقنامه"], ["لاوروف"]),
    ("004", "۲۷ تا ۲۹ مه ۲۰۲۵", ["این نشست", "برگزار"], ["احمدیان", "گردهماییهای"]),
    ("004", "اکتبر ۲۰۲۴", ["بریکس", "کازان"], ["پلتفرم"]),
    ("004", "می۲۰۲۵", ["کنفرانس امنیتی مسکو"], ["جهان در آستانه"]),
]


@pytest.mark.parametrize(("name", "words", "has", "has_not"), TITLE_VECTORS)
def test_title_is_the_dates_clause(name: str, words: str, has: list[str], has_not: list[str]) -> None:
    _, _, text = seed(name)
    title = title_for(text, _at(text, words))
    assert words.replace("\n", " ") in title
    for w in has:
        assert w in title, (w, title)
    for w in has_not:
        assert w not in title, (w, title)


def _all_seed_mentions() -> list[tuple[str, Mention]]:
    out = []
    for name, build in BUILDERS.items():
        _, _, text = seed(name)
        out += [(text, m) for m in build(text)]
    return out


@pytest.mark.parametrize(("text", "mention"), _all_seed_mentions())
def test_title_length_is_bounded(text: str, mention: Mention) -> None:
    title = title_for(text, mention)
    assert len(title.split()) <= TITLE_WORDS + len(mention.text.split())
    assert "\n" not in title
    assert collapse(mention.text) in title  # the date's own words are kept whole


def test_clause_stops_at_sentence_and_heading_ends() -> None:
    text = "## عنوان کوتاه\n\nمسکو اعلام کرد. این نشست در ۲۷ مه ۲۰۲۵ برگزار شد. پایان متن"
    m = _at(text, "۲۷ مه ۲۰۲۵")
    assert collapse(text[slice(*clause_around(text, m.start, m.end))]) == "این نشست در ۲۷ مه ۲۰۲۵ برگزار شد"
    lo, hi = sentence_around(text, m.start, m.end)
    assert text[lo:hi] == "این نشست در ۲۷ مه ۲۰۲۵ برگزار شد"
    prev = previous_sentence(text, lo)
    assert prev is not None and text[prev[0] : prev[1]] == "مسکو اعلام کرد"


def test_a_wrapped_line_does_not_end_a_sentence() -> None:
    long_line = "این کنفرانس که نمایندگان بسیاری از کشورهای مختلف جهان در آن حضور دارند و"
    text = f"{long_line}\n\nدر ۲۷ مه ۲۰۲۵ برگزار می شود.\n{long_line} پایان."
    m = _at(text, "۲۷ مه ۲۰۲۵")
    lo, _ = sentence_around(text, m.start, m.end)
    assert lo == 0


def test_a_colon_inside_a_quoted_title_does_not_end_the_sentence() -> None:
    text = 'عُقد المؤتمر، بعنوان "الأمن: الحقائق والآفاق"، في مينسك في 26 أكتوبر 2023.'
    m = _at(text, "26 أكتوبر 2023")
    lo, _ = sentence_around(text, m.start, m.end)
    assert lo == 0


def test_a_long_sentence_is_trimmed_around_the_date() -> None:
    words = " ".join(f"کلمه{i}" for i in range(40))
    text = f"{words} در ۲۷ مه ۲۰۲۵ {words}."
    m = _at(text, "۲۷ مه ۲۰۲۵")
    title = title_for(text, m)
    assert "۲۷ مه ۲۰۲۵" in title
    assert len(title.split()) <= TITLE_WORDS + 3


@pytest.mark.parametrize(
    ("clause", "lang", "title_en"),
    [
        (
            "یازدهمین کنفرانس امنیت بین المللی مسکو در تاریخ ۱۵ اوت ۲۰۲۳",
            "fa",
            "11th Moscow Conference on International Security",
        ),
        ("مؤتمر موسكو التاسع للأمن الدولي", "ar", "9th Moscow Conference on International Security"),
        ("این رویداد از ۲۷ تا ۲۹ مه ۲۰۲۵ در پایتخت روسیه برگزار خواهد شد", "fa", ""),
    ],
)
def test_title_en_only_where_the_gazetteer_names_the_event(clause: str, lang: str, title_en: str) -> None:
    assert title_en_for(clause, lang) == title_en


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_span_lies_inside_its_clause_and_sentence(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(sorted(SEEDS.glob("*.txt"))))
    text = path.read_bytes().decode("utf-8")
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 30)))
    lo, hi = clause_around(text, start, end)
    s_lo, s_hi = sentence_around(text, start, end)
    assert s_lo <= lo <= start and end <= hi <= s_hi
    assert len(text[lo:hi].split()) <= TITLE_WORDS + len(text[start:end].split()) + 2


@pytest.mark.parametrize("glue", ["", "-", "_"])
def test_a_title_is_bounded_in_characters_when_words_are_huge(glue: str) -> None:
    # Text extracted without spaces: twelve "words" can be the whole text, and each of its
    # events would carry it.
    before = glue.join(["گزارش‌رسمی"] * 4000)
    after = glue.join(["نشست‌منطقه‌ای"] * 4000)
    text = f"{before} روز ۱۲ مهر ۱۴۰۳ {after}"
    m = _at(text, "۱۲ مهر ۱۴۰۳")
    lo, hi = clause_around(text, m.start, m.end)
    assert lo <= m.start and hi >= m.end
    assert (m.start - lo) + (hi - m.end) <= TITLE_CHARS
    assert "روز ۱۲ مهر ۱۴۰۳" in title_for(text, m)


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("موسكو، 15 صفر 1447 (الموافق 9 أغسطس 2025) (الجزيرة) - التقى الوزيران أمس.", "التقى"),
        ("مسکو - ایرنا - وزیر خارجه امروز با همتای روس خود دیدار کرد.", "وزیر"),
        ("MOSCOW (Wire) - The ministers met on Friday.", "The"),
        ("Talks between the two delegations of the neighbouring states went on - and ended late.", ""),
        ("The two ministers met in Moscow on Friday.", ""),
    ],
)
def test_a_dateline_ends_at_its_dash(line: str, body: str) -> None:
    text = "Headline\n" + line
    end = titles.dateline_end(text, len(text) - 3)
    if body:
        assert text[end:].startswith(body)
        (lo, _hi) = titles.report_around(text, len(text) - 8, len(text) - 3)
        assert lo >= end
    else:
        assert end == -1


def test_a_bare_date_is_titled_by_what_follows_it() -> None:
    text = "۱۷ مرداد ۱۴۰۴\n\nوزیران خارجه دو کشور در تهران دیدار و درباره همکاری‌های اقتصادی گفتگو کردند."
    lo, hi = titles.report_around(text, 0, len("۱۷ مرداد ۱۴۰۴"))
    assert text[lo:hi].startswith("وزیران خارجه دو کشور در تهران دیدار")
    alone = "17 August 2025"
    assert titles.report_around(alone, 0, len(alone)) == (0, len(alone))


@pytest.mark.parametrize(
    ("line", "bare"),
    [
        ("April 8, 2025 at 12:29 pm", True),  # a clock time beside it: still a bare date
        ("April 8, 2025 12:29", True),
        ("April 8, 2025", True),
        ("April 8, 2025: the talks", False),  # a colon, and words that are not a clock time
        ("April 8, 2025 the talks resumed", False),
    ],
)
def test_a_dated_heading_with_or_without_a_clock_time_is_told_by_what_follows(line: str, bare: bool) -> None:
    text = f"{line}\n\nThe ministers met in Tehran and discussed economic ties at length."
    lo, _hi = titles.report_around(text, 0, len("April 8, 2025"))
    assert (lo > len(line)) == bare


def test_a_trimmed_clause_keeps_whole_words_two_thirds_of_them_before_the_date() -> None:
    before = " ".join(f"b{i}" for i in range(30))
    after = " ".join(f"a{i}" for i in range(30))
    text = f"{before} on 12 May 2025 {after}"
    start = text.index("12 May")
    lo, hi = titles._trim(text, 0, len(text), start, start + len("12 May 2025"))
    assert text[lo:start].split() == [*(f"b{i}" for i in range(23, 30)), "on"]  # 8 words before
    assert text[start + len("12 May 2025") : hi].split() == [f"a{i}" for i in range(4)]  # 4 after


def test_a_dateline_with_the_agency_between_slashes() -> None:
    text = "MOSCOW, December 17. /TASS/. Russian Foreign Minister Sergey Lavrov will hold talks today.\n"
    assert text[titles.dateline_end(text, 3) :].startswith("Russian Foreign Minister")
    plain = "The index rose 3/4 of a point / said traders. Markets closed.\n"
    assert titles.dateline_end(plain, 3) == -1


@pytest.mark.parametrize(
    ("piece", "words", "head", "tail"),
    [
        # a relative clause cut from its head noun, a conjunction left dangling by the cut
        ("که قرار است در فوریه ۲۰۲۶ در ایران برگزار شود", "فوریه ۲۰۲۶", "که ", ""),
        ("پزشکیان در ۱۲ دسامبر ۲۰۲۵ در عشق آباد و", "۱۲ دسامبر ۲۰۲۵", "", " و"),
        ("التي وقّعها الرئيسان في 16 يناير 2025", "16 يناير 2025", "التي ", ""),
        ("which was signed in Moscow on 17 January 2025 and", "17 January 2025", "which ", " and"),
        # words that only begin like a joiner stay
        ("وزیر خارجه در ۱۲ مهر ۱۴۰۳ گفت", "۱۲ مهر ۱۴۰۳", "", ""),
        ("Andrew Smith said on 17 January 2025 orally", "17 January 2025", "", ""),
    ],
)
def test_a_title_neither_opens_with_a_relative_word_nor_ends_on_a_conjunction(
    piece: str, words: str, head: str, tail: str
) -> None:
    start = piece.index(words)
    lo, hi = titles._strip_edges(piece, 0, len(piece), start, start + len(words))
    assert (piece[:lo], piece[hi:]) == (head, tail)


# White space of every kind (ASCII, Unicode separators, the information separators str.split
# splits at), and a joiner and a mark that are not white space.
_SPACES = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2003\u2028\u3000\u200c\u200fab،."


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SPACES, max_size=30))
def test_collapse_is_every_run_of_white_space_as_one_space_without_the_ends(s: str) -> None:
    assert collapse(s) == re.sub(r"\s+", " ", s).strip()


# The soft breaks as one pattern with a look back, as titles found them before str.find (the reference).
_SOFT = re.compile(
    "[" + titles._SOFT_MARKS + "]|(?<!\\S)(?:" + "|".join(map(re.escape, titles._RELATIVE_WORDS)) + ")(?!\\S)"
)


def _pieces_by_soft(text: str, lo: int, hi: int) -> tuple[tuple[int, int], ...]:
    """titles._pieces as written with _SOFT's look back (the reference)."""
    out = []
    cur = lo
    for m in _SOFT.finditer(text, lo, hi):
        out.append((cur, m.start()))
        cur = m.end() if m.group() in "،," else m.start()
    out.append((cur, hi))
    return tuple((a, b) for a, b in out if titles._NON_BLANK.search(text, a, b))


def test_a_sentences_pieces_are_those_the_soft_breaks_look_back_finds() -> None:
    """_pieces finds the commas and relative words by str.find and checks the white space around a
    relative word itself: the same pieces for every stretch of the seeds, and where a relative word
    is glued to a word, opens the text, follows a letter standing just before the stretch, or is
    cut by the stretch's end («الذين» read up to «الذي»)."""
    import random

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    texts = [p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))]
    texts += ["کهکه که، که,xکه y که", "the pact which who, and whoever which"]
    texts += ["abwhich cd, التي الذينالذي الذين", "\u00a0which\tکه\u2003التي"]
    rng = random.Random(17)
    parts = ["که", "الذي", "الذين", "التي", "which", "who", "whom", "،", ",", " ", "\n", "x", "ن", "ه"]
    texts += ["".join(rng.choice(parts) for _ in range(60)) for _ in range(40)]
    for text in texts:
        starts = [rng.randrange(len(text)) for _ in range(300)]
        windows = [(0, len(text))] + [(lo, min(len(text), lo + rng.randrange(1, 400))) for lo in starts]
        windows += [(k, len(text)) for k in range(min(len(text), 40))]
        for lo, hi in windows:
            assert titles._pieces.__wrapped__(text, lo, hi) == _pieces_by_soft(text, lo, hi), (lo, hi)


def _trim_by_runs(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """titles._trim as written with each word's match (the reference)."""
    runs = re.compile(r"\S+")
    before = [m.start() for m in runs.finditer(text, lo, start)]
    after = [m.end() for m in runs.finditer(text, end, hi)]
    n_before = min(len(before), max(2 * titles.TITLE_WORDS // 3, titles.TITLE_WORDS - len(after)))
    n_after = min(len(after), titles.TITLE_WORDS - n_before)
    return (
        before[len(before) - n_before] if n_before else start,
        after[n_after - 1] if n_after else end,
    )


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_trimmed_clause_keeps_the_words_each_words_match_keeps(data: st.DataObject) -> None:
    """_trim counts and cuts the words around the date by str.split and str.rsplit: the same
    bounds as from each word's match, with white space of every kind, words glued to the date
    and stretches of no word."""
    words = st.sampled_from(["در", "نشست", "al-Quds", "2025", "،", "«x»", "ab"])
    spaces = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u2003", ""])
    pieces = data.draw(st.lists(st.tuples(words, spaces), max_size=40))
    text = "".join(w + s for w, s in pieces)
    lo = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(lo, len(text)))
    end = data.draw(st.integers(start, len(text)))
    hi = data.draw(st.integers(end, len(text)))
    assert titles._trim(text, lo, hi, start, end) == _trim_by_runs(text, lo, hi, start, end)
