"""The series and place gazetteers: names and ordinals in three languages, as written in real texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mctimeline.gazetteer import (
    FoldedText,
    all_series,
    destinations_in_folded,
    find_edition,
    find_place,
    find_series,
    fold,
    ordinal_en,
    series_by_id,
    series_title_en,
)
from mctimeline.gazetteer.text import _search_order

# (clause as written, language, expected (series, edition)). Editions read from the words.
SERIES_VECTORS = [
    ("یازدهمین کنفرانس امنیت بین المللی مسکو", "fa", ("mcis", 11)),
    ("یازدهمین کنفرانس امنیت بین‌المللی مسکو", "fa", ("mcis", 11)),  # with ZWNJ
    ("یازدهمین کنفرانس امنیت بینالمللی مسکو", "fa", ("mcis", 11)),  # ZWNJ lost by extraction
    ("نکات مهم یازدهمین کنفرانس امنیت بین المللی در مسکو", "fa", ("mcis", 11)),
    ("در دومین کنفرانس امنیت بین المللی مسکو", "fa", ("mcis", 2)),
    (
        "کنفرانس امنیت بین المللی مسکو (Moscow Conference on International Security-MCIS)",
        "fa",
        ("mcis", None),
    ),
    ("شرکت در سیزدهمین دوره مجمع بینالمللی مسائل امنیتی ارسال کرده است", "fa", ("moscow-security-forum", 13)),
    ("سیزدهمین دوره مجمع بین\nالمللی مسائل امنیتی", "fa", ("moscow-security-forum", 13)),  # a line break
    ("دوره سیزدهم مجمع بین المللی مسائل امنیتی", "fa", ("moscow-security-forum", 13)),
    ("۱۳مین دوره مجمع بین المللی مسائل امنیتی", "fa", ("moscow-security-forum", 13)),
    ("مجمع بین المللی امنیتی مسکو، که از سال ۲۰۱۱", "fa", ("moscow-security-forum", None)),
    ("سيشاركون في مؤتمر موسكو التاسع للأمن الدولي، الذي", "ar", ("mcis", 9)),
    ("عقد مؤتمر موسكو الثامن للأمن الدولى بحضور", "ar", ("mcis", 8)),  # final ى for ي
    ("افتتاح مؤتمر موسكو الحادي عشر للأمن الدولي", "ar", ("mcis", 11)),
    ("الدورة الحادية عشرة لمؤتمر موسكو للأمن الدولي", "ar", ("mcis", 11)),  # feminine, with ل
    ("المؤتمر الدولي السنوي الثاني حول الأمن الأوراسي في", "ar", ("minsk-eurasian-security", 2)),
    ("المؤتمر الأول للأمن الأوراسي، بعنوان", "ar", ("minsk-eurasian-security", 1)),
    ("المنتدى الدولي الثالث عشر للأمن", "ar", ("moscow-security-forum", 13)),
    ("the 11th Moscow Conference on International Security", "en", ("mcis", 11)),
    ("the eleventh Moscow Conference on International Security", "en", ("mcis", 11)),
    ("the 13th International Security Forum in Moscow", "en", ("moscow-security-forum", 13)),
    ("the second International Conference on Eurasian Security", "en", ("minsk-eurasian-security", 2)),
]


@pytest.mark.parametrize(("clause", "lang", "expected"), SERIES_VECTORS)
def test_find_series(clause: str, lang: str, expected: tuple[str, int | None]) -> None:
    assert find_series(clause, lang) == expected


@pytest.mark.parametrize(
    ("clause", "lang"),
    [
        ("برخلاف کنفرانس امنیتی مونیخ، که به دلیل وابستگی", "fa"),  # Munich is not a series here
        ("کنفرانس امنیتی مسکو در می۲۰۲۵", "fa"),  # ambiguous between MCIS and the forum: not guessed
        ("در یازدهمین دوره این مجمع در سال ۲۰۲۳", "fa"),  # an ordinal with no name
        ("قالت وزارة الدفاع الروسية، اليوم الأربعاء", "ar"),
        ("the Munich Security Conference", "en"),
    ],
)
def test_no_series(clause: str, lang: str) -> None:
    assert find_series(clause, lang) is None


@pytest.mark.parametrize(
    ("clause", "lang", "edition"),
    [
        ("در یازدهمین دوره این مجمع در سال ۲۰۲۳", "fa", 11),
        ("دوره سیزدهم", "fa", 13),
        ("افتتاح الدورة التاسعة", "ar", 9),
        ("the 12th edition", "en", 12),
        ("در این مجمع", "fa", None),
    ],
)
def test_find_edition(clause: str, lang: str, edition: int | None) -> None:
    assert find_edition(clause, lang) == edition


PLACE_VECTORS = [
    ("این رویداد از ۲۷ تا ۲۹ مه ۲۰۲۵ در پایتخت روسیه برگزار خواهد شد", "fa", "Moscow"),
    ("في عاصمة جمهورية بيلاروس - مينسك لمدة يومين", "ar", "Minsk"),
    ("عُقِد في مينسك في 26 - 27 أكتوبر 2023", "ar", "Minsk"),
    ("پس از اجلاس موفق بریکس در کازان در اکتبر ۲۰۲۴", "fa", "Kazan"),
    ("اجتماع عقد بموسكو أمس", "ar", "Moscow"),  # ب attached
    ("امروز مسکو میزبان یکی از مهمترین گردهماییهای", "fa", "Moscow"),
    ("مسکو اعلام کرد که هیئتی در تهران حضور دارد", "fa", "Tehran"),  # the scene wins over the speaker
    ("the talks held in Muscat", "en", "Muscat"),
    ("نشستهای عمان بدون حضور مستقیم روسیه", "fa", "Oman"),
    ("in Istanbul", "en", "Istanbul"),
]


@pytest.mark.parametrize(("clause", "lang", "place"), PLACE_VECTORS)
def test_find_place(clause: str, lang: str, place: str) -> None:
    assert find_place(clause, lang) == place


@pytest.mark.parametrize(
    ("clause", "lang"),
    [
        ("کرد که جهان در آستانه تحولات عمیقی قرار دارد", "fa"),  # «آستانه» is "verge", not Astana
        ("التقى وزير خارجية الأردن في عمان", "ar"),  # Arabic «عمان»: Amman or Oman, not guessed
        ("مذاکرات هستهای ایران و آمریکا در سال ۲۰۲۵", "fa"),
    ],
)
def test_no_place(clause: str, lang: str) -> None:
    assert find_place(clause, lang) is None


def test_locative_only_ignores_a_capital_speaking() -> None:
    assert find_place("مسکو اعلام کرد", "fa") == "Moscow"
    assert find_place("مسکو اعلام کرد", "fa", locative_only=True) is None


# (clause, language, the places it names as destinations). Composed; the destinations read by hand.
DESTINATION_VECTORS = [
    ("نخست وزیر ترکیه هفته گذشته به تهران آمده بود", "fa", ["Tehran"]),
    ("وزیر خارجه روز سه شنبه وارد مسکو شد", "fa", ["Moscow"]),
    ("در پایان سفر دو روزه خود به مسکو", "fa", ["Moscow"]),
    ("هیئت ایرانی از تهران به مسکو سفر کرد", "fa", ["Moscow"]),  # the origin is none
    ("رئیس جمهور فردا عازم پکن می شود", "fa", ["Beijing"]),
    ("نامه ای به مسکو فرستاد", "fa", []),  # «به» without a travel word
    ("رئیس جمهور پس از سفر به پکن به تهران بازگشت", "fa", ["Beijing"]),  # home is not a destination
    ("وصل وزير الخارجية الإيراني عباس عراقجي إلى طهران", "ar", ["Tehran"]),  # the verb before its subject
    ("في ختام زيارة رسمية إلى موسكو", "ar", ["Moscow"]),
    ("وزار العاصمة الروسية الأسبوع الماضي", "ar", ["Moscow"]),
    ("أثناء زيارته لموسكو", "ar", ["Moscow"]),  # «ل» written on the name
    ("عاد الوفد من موسكو إلى طهران", "ar", []),  # returning home
    ("بعث رسالة إلى موسكو", "ar", []),
    ("The minister will travel to Beijing next week", "en", ["Beijing"]),
    ("during his visit to Moscow", "en", ["Moscow"]),
    ("Erdogan visited Tehran", "en", ["Tehran"]),
    ("the delegation flew from Tehran to Moscow", "en", ["Moscow"]),
    ("a letter sent to Moscow", "en", []),
    ("the talks held in Ankara", "en", []),  # a scene, not a destination
]


@pytest.mark.parametrize(("clause", "lang", "places"), DESTINATION_VECTORS)
def test_destinations(clause: str, lang: str, places: list[str]) -> None:
    assert [name for _, name in destinations_in_folded(fold(clause), lang)] == places


def test_every_visit_word_of_the_kinds_is_a_travel_word() -> None:
    # The kinds' visit words report a visit: each must govern a destination too (places.toml [destination]).
    from mctimeline.events.kinds import _kinds_table
    from mctimeline.gazetteer.text import _load

    visit = _kinds_table()["kinds"]["visit"]
    travel = _load("places.toml")["destination"]
    for lang in ("fa", "ar", "en"):
        # a final "$" only asks the kind's match for a whole word
        words = {fold(w).removesuffix("$") for w in visit[lang]}
        assert words <= {fold(w) for w in travel[lang]["travel"]}, lang


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("بین‌المللی", "بین المللی"),
        ("۲۰۲۵", "2025"),
        ("٢٠٢٥", "2025"),
        ("الدولى", "الدولی"),
        ("مؤتمر", "موتمر"),
        ("عُقِد", "عقد"),
        ("مســـکو", "مسکو"),
        ("MCIS", "mcis"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (22, "22nd")],
)
def test_ordinal_en(n: int, text: str) -> None:
    assert ordinal_en(n) == text


def test_series_title_en() -> None:
    assert series_title_en("mcis", 11) == "11th Moscow Conference on International Security"
    assert series_title_en("mcis", None) == "Moscow Conference on International Security"


def test_series_rows_have_three_languages() -> None:
    rows = [s.row() for s in all_series()]
    assert {r["series_id"] for r in rows} >= {"mcis", "moscow-security-forum", "minsk-eurasian-security"}
    for r in rows:
        assert r["name_en"] and r["name_fa"] and r["name_ar"]
        assert set(r) == {"series_id", "name_en", "name_fa", "name_ar", "organizer", "location"}


def test_unknown_series_says_which_exist() -> None:
    with pytest.raises(KeyError, match="mcis"):
        series_by_id("nope")


# --- a text folded once ---------------------------------------------------------------------

# Letters fold changes, white space and joiners, marks it drops, ligatures it expands
# (ﷺ into words with spaces; ﱞ into a lone mark, i.e. nothing but a space), digits, Latin.
_FOLD_ALPHABET = " \n\t\u00a0\u200c\u200fابپيىكةۀأإآئؤ٠۱9aBİﷺﱞًـ.،"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_FOLD_ALPHABET, max_size=40), st.data())
def test_a_slice_of_a_folded_text_is_the_fold_of_the_slice(text: str, data: st.DataObject) -> None:
    folded = FoldedText.of(text)
    assert folded.text == fold(text)
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert folded.slice(lo, hi) == fold(text[lo:hi])


def test_every_slice_of_a_seed_folds_alike() -> None:
    from pathlib import Path

    text = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[4].read_text("utf-8")
    folded = FoldedText.of(text)
    for lo in range(0, len(text), 97):
        for hi in range(lo, min(len(text), lo + 400), 13):
            assert folded.slice(lo, hi) == fold(text[lo:hi])


def test_slices_asked_again_are_the_same_and_the_memory_of_them_is_bounded() -> None:
    from mctimeline.gazetteer.text import _SLICES_KEPT

    text = "در روز ۱۲ مهر، وزیر در مسکو گفت‌وگو کرد. " * 200
    folded = FoldedText.of(text)
    spans = [(lo, lo + width) for lo in range(0, len(text) - 60, 3) for width in (7, 31, 60)]
    assert len(spans) > _SLICES_KEPT  # enough to fill the memory of slices more than once
    for _ in range(2):
        for lo, hi in spans:
            assert folded.slice(lo, hi) == fold(text[lo:hi])
    assert len(folded._slices) <= _SLICES_KEPT


# --- lookups that try fewer patterns find what the whole table finds -------------------------


def _seed_texts() -> list[tuple[str, str]]:
    from pathlib import Path

    from mctimeline.normalize import detect_language

    folder = Path(__file__).resolve().parents[1] / "seeds"
    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    return [(text, detect_language(text)) for text in texts]


def test_a_slice_tries_only_patterns_it_holds_the_words_of_and_finds_what_every_pattern_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """places, series and actors of slices of the seeds, with the document's candidates and each
    slice's triggers (and a series regex's words), against the same lookups trying the whole table."""
    from mctimeline.gazetteer import actors, places, series
    from mctimeline.gazetteer import text as gtext
    from mctimeline.gazetteer.triggers import PATTERN_TABLES

    def lookups(slices: list[tuple[str, str, FoldedText | None]]) -> list[object]:
        return [
            (places.places_in_folded(s, lang, within), series.series_in_folded(s, lang, within),
             actors.actors_in_folded(s, lang, within))
            for s, lang, within in slices
        ]

    slices = []
    for text, lang in _seed_texts():
        folded = FoldedText.of(text)
        for lo in range(0, len(text), 89):
            for width in (40, 150, 400):
                slices.append((folded.slice(lo, min(len(text), lo + width)), lang, folded))
    fewer = lookups(slices)
    found = [r for r in fewer if any(r)]
    assert len(found) > 50  # the seeds name places, series and actors in many slices
    def every_pattern(kind: str, lang: str, folded: str, within: FoldedText | None) -> object:
        return PATTERN_TABLES[kind](lang)

    monkeypatch.setattr(gtext, "patterns_for", every_pattern)
    monkeypatch.setattr(places, "patterns_for", gtext.patterns_for)
    monkeypatch.setattr(series, "patterns_for", gtext.patterns_for)
    monkeypatch.setattr(actors, "patterns_for", gtext.patterns_for)
    needs = series._series_needs
    monkeypatch.setattr(series, "_series_needs", lambda lang: dict.fromkeys(needs(lang), ()))
    assert lookups(slices) == fewer


@pytest.mark.parametrize("kind", ["place", "series", "actor"])
def test_a_slices_candidates_are_the_documents_whose_trigger_it_holds_in_the_tables_order(kind: str) -> None:
    """FoldedText.candidates of a slice: the document's candidates whose trigger is in the slice,
    in the table's order, however many of the document's triggers the slice holds."""
    seen = set()
    for text, lang in _seed_texts():
        folded = FoldedText.of(text)
        whole = folded.candidates(kind, lang)
        for lo in range(0, len(text), 61):
            for width in (40, 150, 400, 2000):
                s = folded.slice(lo, min(len(text), lo + width))
                got = folded.candidates(kind, lang, s)
                assert got == tuple(p for p in whole if p[2] in s)
                seen.add(len({p[2] for p in got}))
    assert {0, 1} < seen and max(seen) > 2  # slices holding none, one and several triggers


@pytest.mark.parametrize("kind", ["place", "series", "actor"])
def test_a_slice_holding_none_of_the_texts_triggers_names_nothing_of_that_kind(kind: str) -> None:
    """FoldedText.triggers: words the whole text holds, without which a slice of it matches none of
    the kind's spellings in the text's language or English (looked up here without the text)."""
    from mctimeline.gazetteer import actors, places, series

    lookup = {
        "place": lambda s, lang: places.places_in_folded(s, lang),
        "series": lambda s, lang: series.series_in_folded(s, lang),
        "actor": lambda s, lang: actors.actors_in_folded(s, lang),
    }[kind]
    named = bare = 0
    for text, lang in _seed_texts():
        folded = FoldedText.of(text)
        triggers = folded.triggers(kind, lang)
        assert len(set(triggers)) == len(triggers) and all(t in folded.text for t in triggers)
        # Read without making the candidates: the distinct triggers of the candidates, in order.
        made = FoldedText.of(text)
        listed = (t for language in _search_order(lang) for _, _, t in made.candidates(kind, language))
        assert triggers == tuple(dict.fromkeys(listed))
        for lo in range(0, len(text), 71):
            for width in (40, 150, 400):
                s = folded.slice(lo, min(len(text), lo + width))
                if any(t in s for t in triggers):
                    named += bool(lookup(s, lang))
                else:
                    bare += 1
                    assert not lookup(s, lang)
    assert named > 20 and bare > 20  # slices on both sides of the rule


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
def test_an_edition_written_with_any_ordinal_before_or_after_its_frame_word_is_possible(lang: str) -> None:
    """editions_possible, which searches from the frame's word less the longest match, finds
    every frame written with every ordinal, as the whole-text search does."""
    from mctimeline.gazetteer.series import _load, _loose_anaphor_patterns, _ordinals, editions_possible

    table, _ = _ordinals(lang)
    suffixes = _load("series.toml")["ordinal_suffixes"].get(lang, [])
    ordinals = [*table, "12", *(f"12{s}" for s in suffixes)]
    found = 0
    for frame in _load("series.toml")["anaphors"].get(lang, []):
        for ordinal in ordinals:
            text = fold("some words before " + frame.replace("{n}", ordinal))
            expected = any(p.search(text) for p, _ in _loose_anaphor_patterns(lang))
            assert editions_possible(text, lang) == expected, (frame, ordinal)
            found += expected
    assert found > len(ordinals)  # most are editions


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
def test_an_edition_read_only_where_its_frame_word_stands_is_the_one_every_frame_finds(lang: str) -> None:
    """edition_in_folded tries a frame only on text holding its word: the edition it finds is the
    one trying every frame in turn finds, for every frame written with every ordinal."""
    from mctimeline.gazetteer.series import (
        _anaphor_patterns,
        _load,
        _ordinal_value,
        _ordinals,
        edition_in_folded,
    )

    def every_frame(text: str) -> int | None:
        for pattern in _anaphor_patterns(lang):
            m = pattern.search(text)
            if m:
                return _ordinal_value(m.group("n"), lang)
        return None

    table, _ = _ordinals(lang)
    suffixes = _load("series.toml")["ordinal_suffixes"].get(lang, [])
    found = 0
    for frame in _load("series.toml")["anaphors"].get(lang, []):
        for ordinal in [*table, "12", *(f"12{s}" for s in suffixes)]:
            for text in (frame.replace("{n}", ordinal), "و" + frame.replace("{n}", ordinal) + " x"):
                folded = fold(text)
                assert edition_in_folded(folded, lang) == every_frame(folded), (frame, ordinal)
                found += edition_in_folded(folded, lang) is not None
    assert found > 10
    for text, text_lang in _seed_texts():
        if text_lang == lang:
            folded = FoldedText.of(text)
            for lo in range(0, len(text), 97):
                piece = folded.slice(lo, min(len(text), lo + 200))
                assert edition_in_folded(piece, lang) == every_frame(piece)


def test_destinations_read_from_the_place_spans_given_are_those_found_afresh() -> None:
    """destinations_in_folded with `spans` (place_spans_in_folded of the same slice, read once for
    a span's places and destinations) finds what it finds reading the places itself."""
    from mctimeline.gazetteer import destinations_in_folded, place_spans_in_folded, places_in_folded

    found = 0
    for text, lang in [*_seed_texts(), ("وزير الخارجية وصل إلى موسكو، ثم سافر إلى طهران.", "ar"),
                       ("وزیر خارجه برای گفت‌وگو به مسکو سفر کرد و سپس وارد تهران شد.", "fa")]:
        folded = FoldedText.of(text)
        for lo in range(0, len(text), 71):
            s = folded.slice(lo, min(len(text), lo + 300))
            spans = place_spans_in_folded(s, lang, folded)
            assert [(p, name, marked) for p, _, name, marked, _ in spans] == places_in_folded(s, lang, folded)
            expected = destinations_in_folded(s, lang, folded)
            assert destinations_in_folded(s, lang, folded, spans=spans) == expected
            found += len(expected)
    assert found > 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="abcdeا ب", max_size=8), max_size=12), min_size=1, max_size=4))
def test_the_triggers_words_hold_whether_met_before_or_not(texts: list[list[str]]) -> None:
    from mctimeline.gazetteer.triggers import _Held

    held = _Held(frozenset({"ab", "cd", "a", "ابا", "eee"}))
    for words in texts:  # later texts meet some words again
        distinct = frozenset(words)
        expected = {t for t in held.triggers for w in distinct if t in w}
        assert held.present(distinct) == expected


def test_tables_asking_about_the_same_words_each_get_their_own_triggers() -> None:
    """The words of a text are looked up once for every table: each table gets only its own
    triggers, and a table made after a text's words were looked up gets its own all the same."""
    from mctimeline.gazetteer.triggers import _Held

    words = frozenset(["the", "summit", "in", "moscow", "abcd", "eee"])
    first = _Held(frozenset({"summ", "mosc", "zzz"}))
    assert first.present(words) == {"summ", "mosc"}
    later = _Held(frozenset({"bcd", "summ", "qq"}))  # made after the words were looked up
    assert later.present(words) == {"bcd", "summ"}
    assert first.present(words) == {"summ", "mosc"}
    assert first.present(frozenset({"eee"})) == set()


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_editions_possible_searched_around_each_frame_word_as_from_the_first_on(
    lang: str, data: st.DataObject
) -> None:
    """Searching the stretch around each place a frame's word stands finds an edition wherever
    searching the whole text from the first such place does, in texts holding the word often."""
    from mctimeline.gazetteer.series import (
        _anaphor_reach,
        _load,
        _loose_anaphor_patterns,
        _ordinals,
        editions_possible,
    )

    table, _ = _ordinals(lang)
    frames = [fold(f) for f in _load("series.toml")["anaphors"].get(lang, [])]
    words = [w for _, w in _loose_anaphor_patterns(lang)]
    pieces = st.sampled_from([*words, *table, "12", "واژه", "word", "و", "ال", " ", " " * 3, *frames])
    text = fold(" ".join(data.draw(st.lists(pieces, max_size=30))))
    if data.draw(st.booleans()):
        text = text.replace("{n}", data.draw(st.sampled_from([*table, "12", "x"])))
    reach = _anaphor_reach(lang)
    from_first = any(
        text.find(w) >= 0 and p.search(text, max(0, text.find(w) - reach)) is not None
        for p, w in _loose_anaphor_patterns(lang)
    )
    assert editions_possible(text, lang) == from_first


def _table_patterns() -> list[str]:
    """Every place, actor and series pattern as written before its word boundaries."""
    from mctimeline.gazetteer import actors, places, series
    from mctimeline.gazetteer.text import _RIGHT

    out = []
    for lang in ("fa", "ar", "en"):
        tables = (places._place_patterns(lang), actors._actor_patterns(lang), series._series_patterns(lang))
        for table in tables:
            for pattern, _, _ in table:
                p = pattern.pattern.removesuffix(_RIGHT)
                lead = p.split("(?<!\\w", 1)[0] if not p.startswith("(?<!") else ""
                out.append(p.replace(f"(?<!\\w{lead})", "", 1) if lead else p.removeprefix("(?<![\\w])"))
    return out


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_bounded_matches_as_a_look_back_before_it(data: st.DataObject) -> None:
    """`bounded` checks the look back after the literal a pattern opens with, and `find_all` tries
    an Arabic name only before its literal: the same matches as `(?<![\\w])` before the pattern
    and finditer, wherever the text starts (a slice may start mid-word)."""
    import re

    from mctimeline.gazetteer.text import _LEFT, _RIGHT, bounded, find_all

    pat = data.draw(st.sampled_from(_table_patterns()))
    written = data.draw(st.from_regex(re.compile(pat), fullmatch=True))
    around = st.text(alphabet="ab سمو،, .-1ال", max_size=4)
    text = data.draw(around) + written + data.draw(around) + written[: data.draw(st.integers(0, 6))]
    old = re.compile(_LEFT + pat + _RIGHT)
    new = bounded(pat)
    for start in range(len(text) + 1):
        assert [m.span() for m in new.finditer(text, start)] == [m.span() for m in old.finditer(text, start)]
        got = [(m.span(), m.groupdict()) for m in find_all(new, text[start:])]
        assert got == [(m.span(), m.groupdict()) for m in old.finditer(text[start:])]
    if not pat.startswith("(?"):
        assert not new.pattern.startswith("(?<!")  # the literal comes first: re skips ahead by it
