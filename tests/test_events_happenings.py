"""Only happenings are events (mctimeline.events.happenings): what stays a mention, and why.

Composed news passages; the mentions are made by hand at the words' offsets, with
their bounds from datetime, so that each rule is tested apart from the tagger.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mctimeline.events import assemble, mention_id
from mctimeline.mentions import Mention
from mctimeline.sources import source_from_text


def _year(text: str, words: str, year: int, role: str = "") -> Mention:
    start = text.index(words)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Mention(
        start, start + len(words), words, "gregorian", first.isoformat(), last.isoformat(), "year", role=role
    )


def _day(text: str, words: str, day: dt.date, role: str = "") -> Mention:
    start = text.index(words)
    iso = day.isoformat()
    return Mention(start, start + len(words), words, "gregorian", iso, iso, "day", role=role)


def _one(name: str, text: str, mention: Mention) -> tuple[list, list, dict, str]:
    events, recs, event_of = assemble([(source_from_text(f"seeds/{name}.txt", text), text, [mention])])
    return events, recs, event_of, mention_id(name, mention)


@pytest.mark.parametrize(
    ("text", "words", "year", "cause"),
    [
        # A resolution's number and its year.
        ("وطالب المجلس بتنفيذ القرار رقم 1747 لعام 2007 كاملاً.", "2007", 2007, "number"),
        ("ایران بر اجرای قطعنامه ۲۲۳۱ سال ۲۰۱۵ تأکید کرد.", "سال ۲۰۱۵", 2015, "number"),
        ("The envoys discussed Resolution 2231 (2015) at length.", "2015", 2015, "number"),
        # A birth year and an age.
        ("وزیر خارجه تازه، متولد سال ۱۹۶۲، پیشتر سفیر بود.", "سال ۱۹۶۲", 1962, "birth"),
        ("والسفير الجديد من مواليد عام 1965 في الموصل.", "عام 1965", 1965, "birth"),
        ("The minister, born in 1958, led the delegation.", "1958", 1958, "birth"),
    ],
)
def test_a_numbers_year_a_birth_year_make_no_event(text: str, words: str, year: int, cause: str) -> None:
    events, recs, event_of, mid = _one("p", text, _year(text, words, year))
    assert events == [] and mid not in event_of
    (row,) = recs
    assert (row.kind, row.event_id, row.mention_id) == ("not-a-happening", "", mid)
    assert {"number": "number", "birth": "birth year"}[cause] in row.diagnosis
    assert row.rejected == f"{year}-01-01/{year}-12-31"


@pytest.mark.parametrize(
    ("text", "words", "role"),
    [
        ("تعمل الشركة الروسية في إيران منذ عام 2006 وفق العقد.", "عام 2006", "since"),
        ("این توافق تا سال ۲۰۳۰ معتبر است.", "سال ۲۰۳۰", "until"),
        ("وتسعى الحكومة إلى مضاعفة التبادل التجاري بحلول عام 2030.", "عام 2030", "by"),
        ("Trade between the two countries is expected to double in 2026.", "2026", "forecast"),
    ],
)
def test_since_until_by_and_forecast_make_no_event(text: str, words: str, role: str) -> None:
    year = int(words[-4:]) if words[-4:].isdigit() else 2030
    events, recs, _, mid = _one("p", text, _year(text, words, year, role=role))
    assert events == []
    (row,) = recs
    assert row.kind == "not-a-happening" and f"(role {role})" in row.diagnosis and row.mention_id == mid


def test_a_day_after_a_numbered_delegation_is_a_happening() -> None:
    text = "هیئت شماره ۵ روز ۱۰ ژانویه ۲۰۲۵ وارد مسکو شد."
    events, recs, _, _ = _one("n", text, _day(text, "۱۰ ژانویه ۲۰۲۵", dt.date(2025, 1, 10)))
    assert [e.start_date for e in events] == ["2025-01-10"] and recs == []


def test_the_same_years_naming_a_happening_make_events() -> None:
    # A happening word in the clause (an agreement signed, a war begun): the year dates it.
    signed = "وقعت إيران وروسيا اتفاقية التعاون الشامل في عام 2025 في موسكو."
    war = "جنگ اوکراین در سال ۲۰۲۲ آغاز شد."
    for name, text, words, year in [("a", signed, "عام 2025", 2025), ("b", war, "سال ۲۰۲۲", 2022)]:
        events, recs, event_of, mid = _one(name, text, _year(text, words, year))
        assert len(events) == 1 and event_of[mid] == events[0].event_id and recs == []
        assert (events[0].start_date, events[0].end_date) == (f"{year}-01-01", f"{year}-12-31")


def test_a_bare_year_in_passing_makes_no_event_but_a_day_does() -> None:
    text = "روابط تهران و مسکو پس از سال ۲۰۲۲ در روز ۱۵ ژوئیه ۲۰۲۵ به مرحله تازه‌ای رسید."
    year = _year(text, "سال ۲۰۲۲", 2022)
    day = _day(text, "۱۵ ژوئیه ۲۰۲۵", dt.date(2025, 7, 15))
    events, recs, event_of = assemble([(source_from_text("seeds/c.txt", text), text, [year, day])])
    assert [(e.start_date, e.precision) for e in events] == [("2025-07-15", "day")]
    assert mention_id("c", year) not in event_of
    assert [r.kind for r in recs] == ["not-a-happening"] and "in passing" in recs[0].diagnosis


def test_an_until_that_ends_a_range_still_ends_it() -> None:
    text = "عقد المؤتمر في موسكو يوم 23 أبريل 2020 واستمر حتى 25 أبريل 2020."
    begin = _day(text, "23 أبريل 2020", dt.date(2020, 4, 23))
    end = _day(text, "25 أبريل 2020", dt.date(2020, 4, 25), role="until")
    events, recs, _ = assemble([(source_from_text("seeds/d.txt", text), text, [begin, end])])
    assert [(e.start_date, e.end_date) for e in events] == [("2020-04-23", "2020-04-25")]
    assert recs == []


def test_a_gloss_follows_the_date_it_glosses() -> None:
    text = "تعمل الشركة في إيران منذ عام 2006 (1427 هـ) وفق العقد."
    since = _year(text, "عام 2006", 2006, role="since")
    start = text.index("1427 هـ")
    gloss = Mention(start, start + 7, "1427 هـ", "hijri", "2006-01-31", "2007-01-19", "year", gloss_of=0)
    events, recs, _ = assemble([(source_from_text("seeds/e.txt", text), text, [since, gloss])])
    assert events == []
    assert sorted(r.kind for r in recs) == ["not-a-happening", "not-a-happening"]
    assert any("it glosses «عام 2006»" in r.diagnosis for r in recs)


def test_a_scheduled_date_is_dropped_and_the_dates_after_it_are_read_as_before() -> None:
    """A date that dates no happening and glosses none is dropped before its clause is read; its
    gloss goes with it, and the date kept after it is described exactly as when both are kept
    (its sentence's words numbered in the same order)."""
    import dataclasses

    from mctimeline.events.anchors import source_anchors

    text = (
        "The ministers will meet in Moscow on 12 May 2030 (1409) to discuss trade and energy.\n"
        "The ministers met in Moscow on 3 March 2025 and discussed trade and energy."
    )
    future = _day(text, "12 May 2030", dt.date(2030, 5, 12))
    start = text.index("1409")
    gloss = Mention(start, start + 4, "1409", "jalali", "2030-03-21", "2031-03-20", "year", gloss_of=0)
    past = _day(text, "3 March 2025", dt.date(2025, 3, 3))
    source = source_from_text("seeds/s.txt", text)
    published = dataclasses.replace(source, published="2025-06-01")
    kept_all = source_anchors(source, text, [future, past])
    dropped = source_anchors(published, text, [future, past])
    assert [a.mention for a in kept_all.anchors] == [future, past]
    assert [a.mention for a in dropped.anchors] == [past]
    assert dropped.anchors[0] == kept_all.anchors[1]  # place, kinds, words, actors, title alike
    glossed = source_anchors(published, text, [future, gloss, past])
    assert [a.mention for a in glossed.anchors] == [past]
    reasons = {row.mention_id: row.diagnosis for row in glossed.loose}
    assert "begins after the text was published" in reasons[mention_id("s", future)]
    assert reasons[mention_id("s", gloss)].startswith("it glosses «12 May 2030»")


def test_a_gloss_of_a_dropped_date_is_not_described_and_every_row_is_as_when_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The gloss of a date described before it and dropped is dropped at once (`_glossed_out`):
    what the source's anchors and rows hold is what describing the gloss in full made; a gloss
    standing before its date, and one of a kept date, are still described."""
    import dataclasses

    from mctimeline.events import anchors

    text = (
        "قرار است وزیران روز ۱۲ مه ۲۰۳۰ (۲۲ اردیبهشت ۱۴۰۹) در مسکو دیدار کنند.\n"
        "وزیران روز ۳ مارس ۲۰۲۵ (۱۳ اسفند ۱۴۰۳) در مسکو دیدار کردند و درباره انرژی گفت‌وگو کردند.\n"
        "سال ۱۴۰۹ (۲۰۳۰) سال دیدار بعدی است."
    )
    future = _day(text, "۱۲ مه ۲۰۳۰", dt.date(2030, 5, 12))
    future_gloss = _day(text, "۲۲ اردیبهشت ۱۴۰۹", dt.date(2030, 5, 12))
    past = _day(text, "۳ مارس ۲۰۲۵", dt.date(2025, 3, 3))
    past_gloss = _day(text, "۱۳ اسفند ۱۴۰۳", dt.date(2025, 3, 3))
    at = text.index("(۲۰۳۰)") + 1
    year = Mention(at, at + 4, "۲۰۳۰", "gregorian", "2030-01-01", "2030-12-31", "year")
    year_gloss = _year(text, "سال ۱۴۰۹", 2030)
    mentions = [
        future,
        dataclasses.replace(future_gloss, gloss_of=0),
        past,
        dataclasses.replace(past_gloss, gloss_of=2),
        year,
        dataclasses.replace(year_gloss, gloss_of=4),  # stands before the year it glosses
    ]
    source = dataclasses.replace(source_from_text("seeds/g.txt", text), published="2025-06-01")
    described: list[int] = []
    full = anchors._anchor

    def counted(src: object, scope: object, index: int, *rest: object) -> object:
        described.append(index)
        return full(src, scope, index, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(anchors, "_anchor", counted)
    shortcut = anchors.source_anchors(source, text, mentions)
    assert 1 not in described and {3, 5} <= set(described)
    monkeypatch.setattr(anchors, "_glossed_out", lambda *_: "")  # every gloss described in full
    assert anchors.source_anchors(source, text, mentions) == shortcut
    assert [a.mention.text for a in shortcut.anchors] == ["۳ مارس ۲۰۲۵", "۱۳ اسفند ۱۴۰۳"]
    reasons = {row.mention_id: row.diagnosis for row in shortcut.loose}
    assert reasons[mention_id("g", mentions[1])].startswith("it glosses «۱۲ مه ۲۰۳۰»")
    assert reasons[mention_id("g", mentions[5])].startswith("it glosses «۲۰۳۰»")


def test_a_gloss_another_date_glosses_is_described_and_read_by_its_own_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A chain: a day after publication (dropped), its Jalali gloss, and that gloss's Hijri gloss.
    `_happenings` reads the middle one's own reason for the last, so the middle one is described
    in full, and the rows are those made when every gloss is."""
    import dataclasses

    from mctimeline.events import anchors

    text = "قرار است وزیران روز ۱۲ مه ۲۰۳۰ (۲۲ اردیبهشت ۱۴۰۹، ۹ ذی‌الحجه ۱۴۵۱) در مسکو دیدار کنند."
    day = _day(text, "۱۲ مه ۲۰۳۰", dt.date(2030, 5, 12))
    jalali = dataclasses.replace(_day(text, "۲۲ اردیبهشت ۱۴۰۹", dt.date(2030, 5, 12)), gloss_of=0)
    hijri = dataclasses.replace(_day(text, "۹ ذی‌الحجه ۱۴۵۱", dt.date(2030, 5, 12)), gloss_of=1)
    source = dataclasses.replace(source_from_text("seeds/h.txt", text), published="2025-06-01")
    shortcut = anchors.source_anchors(source, text, [day, jalali, hijri])
    monkeypatch.setattr(anchors, "_glossed_out", lambda *_: "")
    assert anchors.source_anchors(source, text, [day, jalali, hijri]) == shortcut


def test_reasons_read_with_only_the_cue_tables_a_text_holds_words_of_are_those_read_with_every_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """happenings._cues_in: a table none of whose words a text holds is not searched, and that
    changes no reason (the seeds' dates, and composed dates after each table's cue)."""
    from pathlib import Path

    from mctimeline import gazetteer
    from mctimeline.events import happenings
    from mctimeline.normalize import detect_language
    from mctimeline.tagger import tag

    composed = (
        "Security Council Resolution 2231 (2015) was adopted. The minister, born in 1960, said so; "
        "he is 65 years old. Since coming to power in July 2020 he has led it. "
        "The deal is due by the end of 2026. The summit was held on 3 May 2025."
    )
    texts = [
        p.read_text("utf-8") for p in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    ]

    def reasons() -> list[str]:
        out = []
        for text in [*texts, composed]:
            lang = detect_language(text)
            folded = gazetteer.FoldedText.of(text)
            for m in tag(text, lang):
                out.append(
                    happenings.words_reason(m, folded, lang)
                    + happenings.since_reason(m, folded, lang)
                    + happenings.by_reason(m, folded, lang)
                )
        return out

    assert happenings._cues_in(gazetteer.FoldedText.of("the summit was held in may"), "en") == frozenset()
    fewer = reasons()
    assert sum(bool(r) for r in fewer) >= 2  # a number's year, a birth year
    every = frozenset({"number", "birth", "age_after", "since", "by"})
    monkeypatch.setattr(happenings, "_cues_in", lambda folded, lang: every)
    assert reasons() == fewer


def test_the_cue_tables_a_text_may_match_are_those_whose_words_it_holds() -> None:
    """_cues_in rules the English tables out of a text without a Latin letter before looking for
    their words: what it finds is what looking for every word finds, text by text and language
    by language (the seeds, and texts with a cue word in another script among them)."""
    from pathlib import Path

    from mctimeline.events.happenings import _cue_tables, _cues_by_search, _cues_in
    from mctimeline.gazetteer import FoldedText

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    texts = [p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))]
    texts += ["قانون شماره ۱۲۳ مصوب ۱۳۹۸ since 2020", "ولد عام 1950، by the end of 2025", "born in 1950"]
    held = set()
    for text in texts:
        whole = FoldedText.of(text)
        folded = whole.text
        for lang in ("fa", "ar", "en"):
            expected = frozenset(
                name for name, words, _ in _cue_tables(lang) if not words or any(w in folded for w in words)
            )
            assert _cues_by_search(folded, lang, whole.has_latin()) == expected
            assert _cues_in(whole, lang) == expected
            held |= {(lang, name) for name in expected}
    assert ("en", "since") in held and ("en", "birth") in held and len(held) > 6
