"""Event assembly: merging across sources, glosses and echoes, reconciliation rows, stable ids.

The mentions are hand-made (tests/_seed_mentions.py) from reading the seeds; the
expected events below come from reading the same texts: the May 2025 Moscow forum
is reported by seeds 000 and 004 with four date mentions, its Jalali gloss is one
year early, «پیمان ژانویه» and «اوایل ۲۰۲۵» echo the January 2025 signing, etc.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _seed_mentions import GLOSS_NOTE, corpus, find
from mctimeline.events import Event, assemble, mention_id
from mctimeline.mentions import Mention
from mctimeline.sources import Source, source_from_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def built() -> tuple[list[Event], list, dict[str, str], list]:
    c = corpus()
    events, recs, event_of = assemble(c)
    return events, recs, event_of, c


def _event_with(events: list[Event], source_prefix: str, words_start: int) -> Event:
    for e in events:
        for ref in e.mentions:
            sid, span = ref.mention_id.rsplit(":", 1)
            if sid.startswith(source_prefix) and int(span.split("-")[0]) == words_start:
                return e
    raise AssertionError(f"no event holds the mention at {words_start} of {source_prefix}")


def test_each_event_field_holds_its_own_value(built) -> None:
    # Events are made slot by slot in their fields' order (events.make): a value in the wrong
    # slot would still make an equal-looking record, so each field is checked for what it says.
    import re

    import jdatetime

    from mctimeline.events import MentionRef

    events, _, _, c = built
    languages = {s.language for s, _, _ in c}
    for e in events:
        assert re.fullmatch(r"ev-[0-9a-f]{12}", e.event_id)
        first, last = dt.date.fromisoformat(e.start_date), dt.date.fromisoformat(e.end_date)
        assert first <= last and e.precision in ("day", "month", "year", "part-of-year")
        assert e.edtf.startswith(f"{first.year:04d}")
        for day, written in ((first, e.jalali_start), (last, e.jalali_end)):
            j = jdatetime.date.fromgregorian(date=day)
            assert written == f"{j.year:04d}-{j.month:02d}-{j.day:02d}"
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", h) for h in (e.hijri_start, e.hijri_end))
        assert e.hijri_start <= e.hijri_end and e.status in ("confirmed", "inferred", "conflict")
        assert e.title and e.language in languages and (e.edition is None or e.series_id)
        assert e.source_count == len({r.source_id for r in e.mentions})
        assert all(type(r) is MentionRef and r.mention_id.startswith(r.source_id) for r in e.mentions)


def _start(c: list, prefix: str, words: str, occurrence: int = 0) -> int:
    text = next(t for s, t, _ in c if s.source_id.startswith(prefix))
    return find(text, words, occurrence)


def test_the_may_2025_forum_is_one_event_of_four_mentions_from_two_sources(built) -> None:
    events, _, _, c = built
    forum = _event_with(events, "000", _start(c, "000", "۲۷ تا ۲۹ مه ۲۰۲۵"))
    sources = sorted({ref.source_id[:3] for ref in forum.mentions})
    assert sources == ["000", "004"]
    assert len(forum.mentions) == 4
    assert forum.source_count == 2
    starts = {ref.mention_id for ref in forum.mentions}
    for prefix, words in [("004", "۲۷ تا ۲۹ مه ۲۰۲۵"), ("004", "7 تا 9 خرداد"), ("004", "می۲۰۲۵")]:
        sid = next(s.source_id for s, _, _ in c if s.source_id.startswith(prefix))
        assert any(mid.startswith(f"{sid}:{_start(c, prefix, words)}-") for mid in starts), words
    assert (forum.start_date, forum.end_date, forum.precision) == ("2025-05-27", "2025-05-29", "day")
    assert forum.edtf == "2025-05-27/2025-05-29"
    # 27 May 2025 = 6 Khordad 1404 = 29 Dhu al-Qadah 1446; 29 May = 8 Khordad 1404 = 2 Dhu al-Hijjah 1446
    # (Umm al-Qura: 1 Dhu al-Hijjah 1446 was 28 May 2025, Arafat day 5 June).
    assert (forum.jalali_start, forum.jalali_end) == ("1404-03-06", "1404-03-08")
    assert (forum.hijri_start, forum.hijri_end) == ("1446-11-29", "1446-12-02")
    assert forum.status == "conflict"  # its gloss is a year early
    assert forum.series_id == "moscow-security-forum" and forum.edition == 13
    assert forum.title_en == "13th International Security Forum"
    assert forum.location == "Moscow"
    assert "۲۷ تا ۲۹ مه ۲۰۲۵" in forum.title and len(forum.title.split()) <= 20
    assert forum.language == "fa"


def test_the_gloss_conflict_is_in_the_reconciliation_table(built) -> None:
    events, recs, _, c = built
    forum = _event_with(events, "000", _start(c, "000", "۲۷ تا ۲۹ مه ۲۰۲۵"))
    rows = [r for r in recs if r.event_id == forum.event_id]
    assert [r.kind for r in rows] == ["gloss-conflict"]
    row = rows[0]
    assert row.diagnosis == GLOSS_NOTE
    assert row.kept == "2025-05-27/2025-05-29"
    assert row.rejected == "2024-05-27/2024-05-29"
    assert "۲۷ تا ۲۹ مه ۲۰۲۵" in row.reason
    assert row.mention_id.split(":")[1].startswith(str(_start(c, "004", "7 تا 9 خرداد")))


def test_yearless_and_vague_echoes_join_the_january_signing(built) -> None:
    events, _, _, c = built
    signing = _event_with(events, "004", _start(c, "004", "ژانویه ۲۰۲۵"))
    assert (signing.start_date, signing.end_date, signing.edtf) == ("2025-01-01", "2025-01-31", "2025-01")
    assert len(signing.mentions) == 3  # «ژانویه ۲۰۲۵», «اوایل ۲۰۲۵», «پیمان ژانویه»
    assert _event_with(events, "004", _start(c, "004", "اوایل ۲۰۲۵")) == signing
    assert _event_with(events, "004", _start(c, "004", "ژانویه", 1)) == signing
    assert signing.status == "confirmed"  # one anchor is inferred, not all
    oil_deal = _event_with(events, "004", _start(c, "004", "آوریل ۲۰۲۵"))
    assert oil_deal != signing and len(oil_deal.mentions) == 1


def test_the_talks_of_2025_do_not_swallow_the_events_of_2025(built) -> None:
    events, _, _, c = built
    talks = _event_with(events, "004", _start(c, "004", "سال ۲۰۲۵"))
    assert len(talks.mentions) == 1 and talks.edtf == "2025"


def test_same_year_in_different_sources_is_not_merged(built) -> None:
    events, _, _, c = built
    forum_2023 = _event_with(events, "000", _start(c, "000", "سال ۲۰۲۳"))
    minsk_2023 = _event_with(events, "003", _start(c, "003", "عام 2023"))
    assert forum_2023 != minsk_2023
    assert forum_2023.series_id == "moscow-security-forum" and forum_2023.edition == 11
    # «الذي حضر المؤتمر في عام 2023»: the first Minsk conference, 26-27 October 2023.
    assert minsk_2023 == _event_with(events, "003", _start(c, "003", "26 - 27 أكتوبر 2023"))
    assert (minsk_2023.start_date, minsk_2023.end_date) == ("2023-10-26", "2023-10-27")
    assert (minsk_2023.series_id, minsk_2023.edition, minsk_2023.location) == (
        "minsk-eurasian-security",
        1,
        "Minsk",
    )
    mcis_2023 = _event_with(events, "001", _start(c, "001", "۱۵ اوت ۲۰۲۳"))
    assert mcis_2023 not in (forum_2023, minsk_2023)
    assert mcis_2023.title_en == "11th Moscow Conference on International Security"


def test_the_war_year_twice_in_one_text_but_not_the_heading() -> None:
    text = (
        "از زمان آغاز جنگ اوکراین در سال ۲۰۲۲ جایگاه مسکو تغییر کرد. "
        "نزدیکی تهران و مسکو پس از سال ۲۰۲۲. "
        "پس از آغاز جنگ در سال ۲۰۲۲ روابط تغییر کرد."
    )
    other = "جنگ در سال ۲۰۲۲ آغاز شد."
    year = ("2022-01-01", "2022-12-31")

    def at(t: str, k: int) -> Mention:
        s = find(t, "سال ۲۰۲۲", k)
        return Mention(s, s + 8, "سال ۲۰۲۲", "gregorian", *year, "year")

    c = [
        (source_from_text("seeds/a.txt", text), text, [at(text, 0), at(text, 1), at(text, 2)]),
        (source_from_text("seeds/b.txt", other), other, [at(other, 0)]),
    ]
    events, recs, event_of = assemble(c)
    war_a = event_of[mention_id("a", at(text, 0))]
    assert event_of[mention_id("a", at(text, 2))] == war_a  # same text, same interval, both of war
    # The heading names no happening: a bare year in passing makes no event, and says why.
    heading = mention_id("a", at(text, 1))
    assert heading not in event_of
    assert [(r.kind, r.event_id) for r in recs if r.mention_id == heading] == [("not-a-happening", "")]
    assert event_of[mention_id("b", at(other, 0))] != war_a  # another text's 2022: no series, no day
    assert len(events) == 2


def test_the_eighth_mcis_range_end_and_the_ninth_inferred(built) -> None:
    events, recs, _, c = built
    eighth = _event_with(events, "002", _start(c, "002", "23 أبريل 2020م"))
    assert _event_with(events, "002", _start(c, "002", "يوم 25 من الشهر ذاته")) == eighth
    # «الذي استمر حتى يوم 25 من الشهر ذاته»: the conference ran 23-25 April.
    assert (eighth.start_date, eighth.end_date, eighth.edtf) == (
        "2020-04-23",
        "2020-04-25",
        "2020-04-23/2020-04-25",
    )
    assert (eighth.series_id, eighth.edition, eighth.status) == ("mcis", 8, "confirmed")
    assert eighth.location == "Moscow"  # «عقد مؤتمر موسكو الثامن»: a meeting named after its city
    assert not [r for r in recs if r.event_id == eighth.event_id]
    ninth = _event_with(events, "002", _start(c, "002", "23 إلى 24 يونيو"))
    assert (ninth.series_id, ninth.edition, ninth.status) == ("mcis", 9, "inferred")
    assert ninth.edtf == "2021-06-23?/2021-06-24?"


def test_unresolved_and_suspect_mentions_are_reported(built) -> None:
    events, recs, event_of, c = built
    sid_002 = next(s.source_id for s, _, _ in c if s.source_id.startswith("002"))
    today = f"{sid_002}:{_start(c, '002', 'اليوم الأربعاء')}-{_start(c, '002', 'اليوم الأربعاء') + 14}"
    assert today not in event_of
    (row,) = [r for r in recs if r.mention_id == today]
    assert (row.kind, row.event_id) == ("unresolved", "")
    suspect = _event_with(events, "004", _start(c, "004", "9 اردیبهشت 1403"))
    assert suspect.status == "conflict"
    (srow,) = [r for r in recs if r.event_id == suspect.event_id]
    assert srow.kind == "suspect" and "1404" in srow.diagnosis and srow.kept == "2024-04-28"


def test_events_are_sorted_and_every_resolved_mention_has_one(built) -> None:
    events, recs, event_of, c = built
    assert [(e.start_date, e.event_id) for e in events] == sorted((e.start_date, e.event_id) for e in events)
    resolved = {mention_id(s.source_id, m) for s, _, ms in c for m in ms if m.start_date}
    # The heading «نزدیکی تهران و مسکو پس از سال ۲۰۲۲» names no happening: a row, no event.
    passing = {r.mention_id for r in recs if r.kind == "not-a-happening"}
    assert len(passing) == 1 and set(event_of) == resolved - passing
    listed = [ref.mention_id for e in events for ref in e.mentions]
    assert sorted(listed) == sorted(resolved - passing)
    assert len({e.event_id for e in events}) == len(events)
    assert len({r.reconciliation_id for r in recs}) == len(recs)


def test_event_ids_survive_order_and_unrelated_sources(built) -> None:
    events, recs, event_of, c = built
    reordered = assemble(list(reversed(c)))
    assert reordered == (events, recs, event_of)
    without_001 = assemble([item for item in c if not item[0].source_id.startswith("001")])
    kept_ids = {e.event_id for e in without_001[0]}
    unrelated = [e for e in events if not any(ref.source_id.startswith("001") for ref in e.mentions)]
    assert {e.event_id for e in unrelated} == kept_ids
    assert [e for e in without_001[0]] == unrelated


def test_same_place_same_days_across_languages_merge_but_a_statement_does_not() -> None:
    fa = "این نشست در ۲۷ مه ۲۰۲۵ در مسکو برگزار شد."
    ar = "عقد الاجتماع في موسكو في 27 مايو 2025."
    en = "The minister said in Moscow on 27 May 2025 that talks would resume."
    day = ("2025-05-27", "2025-05-27")

    def m(t: str, words: str) -> Mention:
        s = find(t, words)
        return Mention(s, s + len(words), words, "gregorian", *day, "day")

    c = [
        (source_from_text("seeds/fa.txt", fa), fa, [m(fa, "۲۷ مه ۲۰۲۵")]),
        (source_from_text("seeds/ar.txt", ar), ar, [m(ar, "27 مايو 2025")]),
        (source_from_text("seeds/en.txt", en), en, [m(en, "27 May 2025")]),
    ]
    events, _, event_of = assemble(c)
    assert (
        event_of["fa:" + str(find(fa, "۲۷")) + "-" + str(find(fa, "۲۷") + 10)]
        == event_of["ar:" + str(find(ar, "27")) + "-" + str(find(ar, "27") + 12)]
    )
    assert len(events) == 2
    meeting = next(e for e in events if e.source_count == 2)
    assert meeting.location == "Moscow"


def test_one_edition_dated_differently_by_sources_is_one_event_with_a_disagreement() -> None:
    texts = {
        "a": "عُقد مؤتمر موسكو الحادي عشر للأمن الدولي في 15 أغسطس 2023.",
        "b": "یازدهمین کنفرانس امنیت بین المللی مسکو در ۱۵ اوت ۲۰۲۳ برگزار شد.",
        "c": "The 11th Moscow Conference on International Security opened on 16 August 2023.",
    }
    words = {
        "a": ("15 أغسطس 2023", "2023-08-15"),
        "b": ("۱۵ اوت ۲۰۲۳", "2023-08-15"),
        "c": ("16 August 2023", "2023-08-16"),
    }
    c = []
    for sid, text in texts.items():
        w, day = words[sid]
        s = find(text, w)
        c.append(
            (
                source_from_text(f"seeds/{sid}.txt", text),
                text,
                [Mention(s, s + len(w), w, "gregorian", day, day, "day")],
            )
        )
    events, recs, _ = assemble(c)
    (event,) = events
    assert event.start_date == "2023-08-15" and event.source_count == 3  # two sources against one
    assert event.status == "conflict"
    (row,) = recs
    assert row.kind == "source-disagreement" and row.mention_id.startswith("c:")
    assert (row.kept, row.rejected) == ("2023-08-15", "2023-08-16")


def test_a_relative_today_is_not_an_echo() -> None:
    text = "قالت الوزارة اليوم الأربعاء إن مؤتمر موسكو التاسع للأمن الدولي سيعقد في 23 إلى 24 يونيو 2021."
    s1, s2 = find(text, "اليوم الأربعاء"), find(text, "23 إلى 24 يونيو 2021")
    c = [
        (
            source_from_text("seeds/t.txt", text),
            text,
            [
                Mention(
                    s1, s1 + 14, "اليوم الأربعاء", "relative", "2021-06-23", "2021-06-23", "day", "inferred"
                ),
                Mention(s2, s2 + 21, "23 إلى 24 يونيو 2021", "gregorian", "2021-06-23", "2021-06-24", "day"),
            ],
        )
    ]
    events, _, _ = assemble(c)
    assert len(events) == 2  # the statement made today and the conference


def test_mentions_that_gloss_each_other_make_one_event_without_a_crash() -> None:
    """No tagger writes a gloss cycle, but hand-made or edited mentions may (found by hypothesis)."""
    text = "The forum met on 27 May 2025 (6 Khordad 1404)."
    a, b = text.index("27 May 2025"), text.index("6 Khordad 1404")
    day = "2025-05-27"
    mentions = [
        Mention(a, a + 11, text[a : a + 11], "gregorian", day, day, "day", "ok", "", 1),
        Mention(b, b + 14, text[b : b + 14], "jalali", day, day, "day", "ok", "", 0),
    ]
    events, _, event_of = assemble([(source_from_text("seeds/cycle.txt", text), text, mentions)])
    assert len(events) == 1 and len(event_of) == 2
    assert (events[0].start_date, events[0].end_date) == (day, day)


# --- invariants ------------------------------------------------------------------------------

_TEXTS = sorted(SEEDS.glob("*.txt"))


@st.composite
def _corpora(draw: st.DrawFn) -> list[tuple[Source, str, list[Mention]]]:
    out = []
    for path in draw(st.lists(st.sampled_from(_TEXTS), min_size=1, max_size=3, unique=True)):
        text = path.read_bytes().decode("utf-8")
        mentions: list[Mention] = []
        for _ in range(draw(st.integers(0, 8))):
            start = draw(st.integers(0, len(text) - 2))
            end = draw(st.integers(start + 1, min(len(text), start + 25)))
            first = dt.date(2020, 1, 1) + dt.timedelta(days=draw(st.integers(0, 2000)))
            last = first + dt.timedelta(days=draw(st.sampled_from([0, 0, 1, 2, 30, 119, 364])))
            resolved = draw(st.booleans()) or draw(st.booleans())
            gloss = (
                draw(st.one_of(st.none(), st.integers(0, max(0, len(mentions) - 1)))) if mentions else None
            )
            mentions.append(
                Mention(
                    start,
                    end,
                    text[start:end],
                    draw(st.sampled_from(["gregorian", "jalali", "hijri", "relative"])),
                    first.isoformat() if resolved else "",
                    last.isoformat() if resolved else "",
                    draw(st.sampled_from(["day", "month", "year", "part-of-year"])),
                    draw(st.sampled_from(["ok", "inferred", "conflict", "suspect"])),
                    "",
                    gloss,
                )
            )
        # Distinct spans, as a tagger gives them.
        unique = {(m.start, m.end): m for m in mentions}
        out.append((source_from_text(f"seeds/{path.name}", text), text, list(unique.values())))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_corpora())
def test_every_resolved_mention_belongs_to_exactly_one_event(c: list) -> None:
    events, recs, event_of = assemble(c)
    resolved = {mention_id(s.source_id, m) for s, _, ms in c for m in ms if m.start_date}
    unresolved = {mention_id(s.source_id, m) for s, _, ms in c for m in ms if not m.start_date}
    listed = [ref.mention_id for e in events for ref in e.mentions]
    # A resolved mention is in exactly one event, or else has the row saying it dates no happening.
    passing = [r.mention_id for r in recs if r.kind == "not-a-happening"]
    assert len(passing) == len(set(passing)) and not set(passing) & set(event_of)
    assert sorted(listed + passing) == sorted(resolved)
    assert set(event_of) == resolved - set(passing)
    for e in events:
        assert e.start_date <= e.end_date
        assert e.status in ("confirmed", "inferred", "conflict")
        assert e.source_count == len({ref.source_id for ref in e.mentions})
        assert all(event_of[ref.mention_id] == e.event_id for ref in e.mentions)
    assert {r.mention_id for r in recs if r.kind in ("unresolved", "invalid")} == unresolved
    assert [(e.start_date, e.event_id) for e in events] == sorted((e.start_date, e.event_id) for e in events)


def _gold_corpus() -> list[tuple[Source, str, list[Mention]]]:
    """The annotator's gold mentions for the seeds (tests/corpus/seeds.jsonl), an independent reading."""
    import json

    root = SEEDS.parent
    out = []
    for line in (root / "tests" / "corpus" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        data = (root / record["file"]).read_bytes()
        text = data.decode("utf-8")
        fields = ("start", "end", "text", "calendar", "start_date", "end_date", "precision", "status", "note")
        mentions = [
            Mention(**{k: m[k] for k in fields}, gloss_of=m.get("gloss_of")) for m in record["mentions"]
        ]
        out.append((source_from_text(record["file"], text, mentions), text, mentions))
    return out


def test_events_from_the_annotated_seed_corpus() -> None:
    c = _gold_corpus()
    events, recs, event_of = assemble(c)
    # Counted from the texts: 000 has three events of its own and shares the forum with 004;
    # 001 one; 002 two (the 8th MCIS 23-25 April 2020, the 9th in June); 003 two (the 2nd and
    # the 1st Minsk conference, «عام 2023» being the 1st); 004 eight of its own besides the forum
    # and the heading «نزدیکی تهران و مسکو پس از سال ۲۰۲۲», a year in passing that makes no event.
    assert len(events) == 17
    forums = [e for e in events if e.start_date == "2025-05-27"]
    assert len(forums) == 1
    assert len(forums[0].mentions) == 4 and forums[0].source_count == 2
    assert {r.kind for r in recs if r.event_id == forums[0].event_id} == {"gloss-conflict"}
    passing = [r for r in recs if r.kind == "not-a-happening"]
    assert ["«سال ۲۰۲۲»" in r.diagnosis for r in passing] == [True]
    assert len(event_of) == sum(1 for _, _, ms in c for m in ms if m.start_date) - 1


def test_malformed_bounds_are_reported_not_evented_and_duplicate_spans_refused() -> None:
    text = "در ۲۷ مه ۲۰۲۵ و ۲۹ مه ۲۰۲۵ نشست برگزار شد."
    s1, s2 = find(text, "۲۷ مه ۲۰۲۵"), find(text, "۲۹ مه ۲۰۲۵")
    backwards = Mention(s1, s1 + 10, "۲۷ مه ۲۰۲۵", "gregorian", "2025-05-29", "2025-05-27", "day")
    garbled = Mention(s2, s2 + 10, "۲۹ مه ۲۰۲۵", "gregorian", "2025-5-29", "2025-5-29", "day")
    c = [(source_from_text("seeds/x.txt", text), text, [backwards, garbled])]
    events, recs, event_of = assemble(c)
    assert events == [] and event_of == {}
    assert [r.kind for r in recs] == ["invalid", "invalid"]
    assert any("before they start" in r.diagnosis for r in recs)
    assert any("not ISO days" in r.diagnosis for r in recs)
    with pytest.raises(ValueError, match="a tagger must report each span once"):
        assemble([(source_from_text("seeds/x.txt", text), text, [backwards, backwards])])


def _passages() -> dict[str, tuple[Source, str, list[Mention]]]:
    """The annotated composed passages (tests/corpus/passages.jsonl), each a source of its own."""
    import json

    out = {}
    path = SEEDS.parent / "tests" / "corpus" / "passages.jsonl"
    fields = ("start", "end", "text", "calendar", "start_date", "end_date", "precision", "status", "note")
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        mentions = [
            Mention(**{k: m[k] for k in fields}, gloss_of=m.get("gloss_of")) for m in record["mentions"]
        ]
        text = record["text"]
        out[record["id"]] = (source_from_text(f"passages/{record['id']}.txt", text, mentions), text, mentions)
    return out


@pytest.fixture(scope="module")
def passages() -> tuple[dict, list[Event], list, dict[str, str]]:
    p = _passages()
    events, recs, event_of = assemble(list(p.values()))
    return p, events, recs, event_of


def _ev(passages_built, pid: str, words: str) -> Event:
    p, events, _, event_of = passages_built
    _, _, mentions = p[pid]
    m = next(m for m in mentions if m.text == words)
    eid = event_of[mention_id(pid, m)]
    return next(e for e in events if e.event_id == eid)


def test_two_dates_in_one_sentence_are_two_happenings(passages) -> None:
    # «Talks stalled in early 2025 but resumed on Saturday, April 12, 2025 in Muscat.»
    stalled = _ev(passages, "en-early-weekday-01", "early 2025")
    resumed = _ev(passages, "en-early-weekday-01", "Saturday, April 12, 2025")
    assert stalled != resumed and len(stalled.mentions) == 1
    # «نخستین دور گفت‌وگوهای غیرمستقیم ۱۲ آوریل ۲۰۲۵ در مسقط برگزار شد»: the same round, another text.
    assert _ev(passages, "fa-anaphora-01", "۱۲ آوریل ۲۰۲۵") == resumed
    assert resumed.location == "Muscat"


def test_an_edition_named_beside_another_date_is_not_inherited(passages) -> None:
    # «عُقد مؤتمر موسكو الحادي عشر للأمن الدولي في 15 أغسطس 2023م، بعد أن أُلغيت دورة عام 2020م»
    eleventh = _ev(passages, "ar-m-suffix-01", "15 أغسطس 2023م")
    cancelled = _ev(passages, "ar-m-suffix-01", "عام 2020م")
    assert (eleventh.series_id, eleventh.edition) == ("mcis", 11)
    assert (cancelled.series_id, cancelled.edition) == ("mcis", None)
    assert cancelled != eleventh


def test_a_hijri_date_within_tolerance_is_noted_not_a_conflict(passages) -> None:
    _, _, recs, _ = passages
    arbaeen = _ev(passages, "fa-hijri-in-persian-tolerance-01", "۲۰ صفر ۱۴۴۶ هجری قمری")
    assert arbaeen.status == "confirmed" and len(arbaeen.mentions) == 2
    assert [r.kind for r in recs if r.event_id == arbaeen.event_id] == ["hijri-tolerance"]


def test_the_forum_reported_by_three_passages_is_one_event(passages) -> None:
    forum = _ev(passages, "fa-gloss-agree-01", "۲۷ تا ۲۹ مه ۲۰۲۵")
    assert forum == _ev(passages, "en-range-en-dash-01", "27–29 May 2025")
    assert forum.series_id == "moscow-security-forum" and forum.location == "Moscow"
    assert forum.status == "confirmed"  # every gloss agrees here


def test_with_the_real_tagger_the_forum_is_one_event_of_four_mentions() -> None:
    tagger = pytest.importorskip("mctimeline.tagger")
    c = []
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        text = data.decode("utf-8")
        mentions = tagger.tag(text)
        c.append((source_from_text(f"seeds/{path.name}", text, mentions), text, mentions))
    events, recs, event_of = assemble(c)
    forums = [e for e in events if (e.start_date, e.end_date) == ("2025-05-27", "2025-05-29")]
    assert len(forums) == 1
    forum = forums[0]
    assert len(forum.mentions) == 4 and forum.source_count == 2
    assert [r.kind for r in recs if r.event_id == forum.event_id] == ["gloss-conflict"]
    resolved = {mention_id(s.source_id, m) for s, _, ms in c for m in ms if m.start_date}
    passing = {r.mention_id for r in recs if r.kind == "not-a-happening"}
    assert set(event_of) == resolved - passing and len(passing) == 1


def test_rounds_of_talks_match_across_languages_and_a_statement_echoes_nothing() -> None:
    ar = (
        "أعلنت وزارة الخارجية الإيرانية أن الجولة الثالثة من المحادثات "
        "ستعقد في مسقط يوم السبت 26 أبريل 2025. "
        "وكانت الجولة الأولى قد عقدت في 12 أبريل 2025 في مسقط أيضا. "
        "وقال المتحدث إن أوائل 2025 شهدت توترا كبيرا."
    )
    fa = (
        "به گزارش ایرنا، دور سوم مذاکرات غیرمستقیم ایران و آمریکا روز شنبه ۶ اردیبهشت ۱۴۰۴ در مسقط برگزار "
        "خواهد شد. دور نخست این مذاکرات ۲۳ فروردین ۱۴۰۴ در مسقط برگزار شده بود."
    )

    def m(
        text: str, words: str, first: str, last: str, precision: str = "day", cal: str = "gregorian"
    ) -> Mention:
        s = find(text, words)
        return Mention(s, s + len(words), words, cal, first, last, precision)  # type: ignore[arg-type]

    # 6 Ordibehesht 1404 = 26 April 2025 and 23 Farvardin 1404 = 12 April 2025 (1 Farvardin 1404 = 21 March).
    ar_m = [
        m(ar, "يوم السبت 26 أبريل 2025", "2025-04-26", "2025-04-26"),
        m(ar, "12 أبريل 2025", "2025-04-12", "2025-04-12"),
        m(ar, "أوائل 2025", "2025-01-01", "2025-04-30", "part-of-year"),
    ]
    fa_m = [
        m(fa, "روز شنبه ۶ اردیبهشت ۱۴۰۴", "2025-04-26", "2025-04-26", cal="jalali"),
        m(fa, "۲۳ فروردین ۱۴۰۴", "2025-04-12", "2025-04-12", cal="jalali"),
    ]
    c = [(source_from_text("seeds/ar.txt", ar), ar, ar_m), (source_from_text("seeds/fa.txt", fa), fa, fa_m)]
    events, _, event_of = assemble(c)
    assert event_of[mention_id("ar", ar_m[0])] == event_of[mention_id("fa", fa_m[0])]
    assert event_of[mention_id("ar", ar_m[1])] == event_of[mention_id("fa", fa_m[1])]
    assert event_of[mention_id("ar", ar_m[0])] != event_of[mention_id("ar", ar_m[1])]
    # «وقال المتحدث إن أوائل 2025 شهدت توترا»: a statement about early 2025, not an echo of a round.
    assert event_of[mention_id("ar", ar_m[2])] not in (
        event_of[mention_id("ar", ar_m[0])],
        event_of[mention_id("ar", ar_m[1])],
    )
    assert len(events) == 3 and all(e.location == "Muscat" for e in events if e.source_count == 2)


def test_one_article_printed_by_two_outlets_is_one_event_with_two_sources() -> None:
    # No actor, place or series the gazetteers know: only the same words on the same day.
    text = "اعضای هیئت روز ۲۰ مهر ۱۴۰۳ برای بررسی طرح به شهر آمدند و جلسه کردند."
    start = find(text, "۲۰ مهر ۱۴۰۳")
    # 20 Mehr 1403 = 11 October 2024 (1 Farvardin 1403 = 20 March 2024, 6*31 + 19 days on).
    day = (dt.date(2024, 3, 20) + dt.timedelta(days=6 * 31 + 19)).isoformat()
    m = Mention(start, start + 11, "۲۰ مهر ۱۴۰۳", "jalali", day, day, "day")
    other = "اعضای هیئت روز ۲۰ مهر ۱۴۰۳ برای بررسی طرح دیگری به شهر آمدند و جلسه کردند."
    c = [(source_from_text(f"seeds/{n}.txt", text), text, [m]) for n in ("x", "y")]
    c.append((source_from_text("seeds/z.txt", other), other, [m]))
    events, _, event_of = assemble(c)
    assert day == "2024-10-11"
    assert event_of[mention_id("x", m)] == event_of[mention_id("y", m)] != event_of[mention_id("z", m)]
    assert sorted(e.source_count for e in events) == [1, 2]


def test_one_edition_dated_in_two_years_is_not_merged() -> None:
    # Sources a few days apart across New Year: whichever is right, dates of two years never merge.
    texts = {
        "a": ("عُقد مؤتمر موسكو الحادي عشر للأمن الدولي في 30 ديسمبر 2023.", "30 ديسمبر 2023", (2023, 12, 30)),
        "b": (
            "The 11th Moscow Conference on International Security opened on 2 January 2024.",
            "2 January 2024",
            (2024, 1, 2),
        ),
    }
    c = []
    for sid, (text, w, ymd) in texts.items():
        s = find(text, w)
        iso = dt.date(*ymd).isoformat()
        mention = Mention(s, s + len(w), w, "gregorian", iso, iso, "day")
        c.append((source_from_text(f"seeds/{sid}.txt", text), text, [mention]))
    events, _, _ = assemble(c)
    assert sorted(e.start_date for e in events) == ["2023-12-30", "2024-01-02"]
    assert {e.series_id for e in events} == {"mcis"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("التقى وزير خارجية لبنان الوفد في طرابلس يوم 3 مارس 2025.", "Tripoli (Lebanon)"),
        ("التقى رئيس حكومة ليبيا الوفد في طرابلس يوم 3 مارس 2025.", "Tripoli"),
        ("التقى الوفد في طرابلس يوم 3 مارس 2025.", ""),  # no country named: left empty, not guessed
        ("التقى وزيرا خارجية لبنان وليبيا في طرابلس يوم 3 مارس 2025.", ""),  # both: undecided
    ],
)
def test_an_ambiguous_place_is_told_apart_by_the_countries_named(text: str, place: str) -> None:
    words = "3 مارس 2025"
    s = find(text, words)
    day = dt.date(2025, 3, 3).isoformat()
    mention = Mention(s, s + len(words), words, "gregorian", day, day, "day")
    (event,), _, _ = assemble([(source_from_text("seeds/t.txt", text), text, [mention])])
    assert event.location == place


def _seed_anchors() -> list:
    from mctimeline import corpus as corpus_mod
    from mctimeline.seeds import read_seeds

    texts, _ = read_seeds(Path(__file__).resolve().parents[1] / "seeds")
    return [a for seed in texts for a in corpus_mod.document(seed).anchors.anchors]


def test_anchors_are_ranked_by_their_keys_those_held_and_those_parked_together() -> None:
    """The merge joins and orders anchors by rank: it must be the key's place among all the keys,
    the keys held in memory and those the store sorted on disk merged as one sorted list."""
    import dataclasses

    from mctimeline.events import _ranked

    anchors = _seed_anchors()
    assert len(anchors) > 20
    held, parked = anchors[:7], [dataclasses.replace(a, key=b"") for a in anchors[7:]]
    on_disk = sorted((a.key, n) for n, a in enumerate(anchors[7:]))
    by_rank = _ranked([*held, *parked], iter(on_disk))
    keys = [a.key for a in anchors]
    assert len(set(keys)) == len(keys)
    original = {id(p): a.key for p, a in zip(parked, anchors[7:], strict=True)} | {id(a): a.key for a in held}
    assert [original[id(a)] for a in by_rank] == sorted(keys)
    assert [a.rank for a in by_rank] == list(range(len(anchors)))


def test_an_anchor_held_after_a_parked_one_or_a_parked_key_missing_is_refused() -> None:
    import dataclasses

    from mctimeline.events import _ranked

    anchors = _seed_anchors()[:6]
    parked = [dataclasses.replace(a, key=b"") for a in anchors[:3]]
    with pytest.raises(RuntimeError, match="came after a parked one"):
        _ranked([*parked, *anchors[3:]], iter(sorted((a.key, n) for n, a in enumerate(anchors[:3]))))
    with pytest.raises(RuntimeError, match="a parked key is missing"):
        _ranked([*anchors[3:], *parked], iter(sorted((a.key, n) for n, a in enumerate(anchors[:2]))))
