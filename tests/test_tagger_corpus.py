"""The annotated date-mention corpus: its integrity, the scorer, and the tagger's scores on it."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scoring
from mctimeline import calendars
from scoring import Counts, Document

CORPUS = scoring.CORPUS
SEEDS = scoring.load_seeds()
PASSAGES = scoring.load_passages()
DOCS = [*SEEDS, *PASSAGES]

CALENDARS = {"gregorian", "jalali", "hijri", "relative"}
PRECISIONS = {"day", "month", "year", "part-of-year"}
STATUSES = {"ok", "inferred", "conflict", "suspect", "invalid", "unresolved"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
REQUIRED = ("start", "end", "text", "calendar", "start_date", "end_date", "precision", "status", "note")
OPTIONAL = ("gloss_of", "written", "weekdays", "comment")
MIN_PASSAGES = {"fa": 22, "ar": 22}


def _mentions() -> list[tuple[str, dict]]:
    return [(f"{doc.id}#{i}", m) for doc in DOCS for i, m in enumerate(doc.gold)]


MENTIONS = _mentions()
IDS = [name for name, _ in MENTIONS]


def _covers_vocabulary() -> set[str]:
    text = (CORPUS / "GUIDELINES.md").read_text(encoding="utf-8")
    section = text.split("## `covers` tags", 1)[1]
    return set(re.findall(r"`([a-z0-9-]+)`", section))


# --- (a) corpus integrity: no tagger needed -----------------------------------------


def test_seed_annotations_cover_exactly_the_seed_files() -> None:
    root = scoring.ROOT
    assert sorted(doc.id for doc in SEEDS) == sorted(
        f"seeds/{p.name}" for p in (root / "seeds").glob("*.txt")
    )


def test_passage_counts_per_language() -> None:
    langs = Counter(doc.lang for doc in PASSAGES)
    for lang, least in MIN_PASSAGES.items():
        assert langs[lang] >= least, f"only {langs[lang]} {lang} passages, need {least}"
    assert langs["fa"] + langs["ar"] >= 40
    assert len(PASSAGES) >= 50
    assert set(langs) <= {"fa", "ar", "en"}


def test_passage_ids_are_unique() -> None:
    ids = [doc.id for doc in PASSAGES]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_every_covers_tag_is_documented_and_exercised() -> None:
    vocabulary = _covers_vocabulary()
    used = Counter(tag for rec in scoring._read_jsonl(CORPUS / "passages.jsonl") for tag in rec["covers"])
    assert not set(used) - vocabulary, f"undocumented covers tags: {sorted(set(used) - vocabulary)}"
    assert not vocabulary - set(used), f"documented but never exercised: {sorted(vocabulary - set(used))}"


@pytest.mark.parametrize(("name", "m"), MENTIONS, ids=IDS)
def test_mention_record_shape(name: str, m: dict) -> None:
    missing = [k for k in REQUIRED if k not in m]
    assert not missing, f"{name}: missing {missing}"
    unknown = set(m) - set(REQUIRED) - set(OPTIONAL)
    assert not unknown, f"{name}: unknown fields {unknown}"
    assert m["calendar"] in CALENDARS
    assert m["precision"] in PRECISIONS
    assert m["status"] in STATUSES
    assert isinstance(m["start"], int) and isinstance(m["end"], int)
    assert 0 <= m["start"] < m["end"]


def test_every_gold_span_slices_its_text_exactly() -> None:
    bad = [
        f"{doc.id}: [{m['start']}:{m['end']}] is {doc.text[m['start'] : m['end']]!r}, annotated {m['text']!r}"
        for doc in DOCS
        for m in doc.gold
        if doc.text[m["start"] : m["end"]] != m["text"]
    ]
    assert not bad, "\n".join(bad)


def test_spans_do_not_start_or_end_with_space_or_bracket() -> None:
    bad = [
        f"{doc.id}: {m['text']!r}"
        for doc in DOCS
        for m in doc.gold
        if m["text"] != m["text"].strip() or m["text"][0] in "()«»\"'" or m["text"][-1] in "()«»\"'،,."
    ]
    assert not bad, bad


def test_mentions_are_in_text_order_and_disjoint() -> None:
    for doc in DOCS:
        for a, b in zip(doc.gold, doc.gold[1:], strict=False):
            assert a["end"] <= b["start"], f"{doc.id}: {a['text']!r} overlaps or follows {b['text']!r}"


@pytest.mark.parametrize(("name", "m"), MENTIONS, ids=IDS)
def test_bounds_are_ordered_iso_days_or_both_empty(name: str, m: dict) -> None:
    s, e = m["start_date"], m["end_date"]
    if s == "" or e == "":
        assert s == e == "", f"{name}: one bound empty, the other not"
        assert m["status"] == "invalid" or m["calendar"] == "relative", f"{name}: empty bounds need a reason"
        return
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", e)
    assert dt.date.fromisoformat(s) <= dt.date.fromisoformat(e), name


@pytest.mark.parametrize(("name", "m"), MENTIONS, ids=IDS)
def test_status_and_note_agree(name: str, m: dict) -> None:
    if m["status"] != "ok":
        assert m["note"].strip(), f"{name}: status {m['status']} needs a note saying why"
    if m["status"] == "invalid":
        assert m["start_date"] == m["end_date"] == ""
    if m["status"] == "inferred":
        assert m["start_date"], f"{name}: an inferred mention has its bounds filled"


@pytest.mark.parametrize(("name", "m"), MENTIONS, ids=IDS)
def test_written_date_converts_to_the_bounds(name: str, m: dict) -> None:
    """The date as written, converted by the calendar core, gives exactly the annotated bounds."""
    w = m.get("written")
    if w is None:
        assert m["calendar"] == "relative" and m["start_date"] == "", f"{name}: no written date to check"
        return
    if m["calendar"] != "relative":
        assert w["calendar"] == m["calendar"], name
    first, last = _parts(w["from"]), _parts(w["to"])
    _check_precision(name, m["precision"], first, last)
    if m["status"] == "invalid":
        with pytest.raises(calendars.CalendarError):
            calendars.span(w["calendar"], *first)
            calendars.span(w["calendar"], *last)
        return
    start = calendars.span(w["calendar"], *first).start
    end = calendars.span(w["calendar"], *last).end
    assert (start.isoformat(), end.isoformat()) == (m["start_date"], m["end_date"]), name


def _parts(value: str) -> list[int]:
    return [int(x) for x in value.split("-")]


def _check_precision(name: str, precision: str, first: list[int], last: list[int]) -> None:
    if precision == "day":
        assert len(first) == len(last) == 3, name
    elif precision == "month":
        assert len(first) == len(last) == 2, name
    elif precision == "year":
        assert len(first) == len(last) == 1, name
    else:  # part-of-year: one EDTF quadrimester (months 1-4, 5-8 or 9-12) of one year
        assert len(first) == len(last) == 2, name
        assert first[0] == last[0] and first[1] in (1, 5, 9) and last[1] == first[1] + 3, name


WITH_WEEKDAYS = [(n, m) for n, m in MENTIONS if "weekdays" in m]


@pytest.mark.parametrize(("name", "m"), WITH_WEEKDAYS, ids=[n for n, _ in WITH_WEEKDAYS])
def test_weekday_names_against_datetime(name: str, m: dict) -> None:
    """A written weekday matches its day, except in a mention flagged as a weekday conflict."""
    real = [WEEKDAYS[dt.date.fromisoformat(w["date"]).weekday()] for w in m["weekdays"]]
    named = [w["name"] for w in m["weekdays"]]
    if m["status"] == "conflict":
        assert real != named, f"{name}: flagged conflict but every weekday is right"
        for r, n in zip(real, named, strict=True):
            if r != n:
                assert r in m["note"], f"{name}: the note should name the real weekday {r}"
    else:
        assert real == named, f"{name}: {named} written, but the days are {real}"
    for w in m["weekdays"]:
        assert m["start_date"] <= w["date"] <= m["end_date"], f"{name}: {w['date']} outside the mention"


def test_gloss_of_points_at_an_earlier_mention_in_another_calendar() -> None:
    for doc in DOCS:
        for i, m in enumerate(doc.gold):
            if "gloss_of" not in m:
                continue
            j = m["gloss_of"]
            assert 0 <= j < i, f"{doc.id}#{i}: gloss_of {j}"
            assert doc.gold[j]["calendar"] != m["calendar"], f"{doc.id}#{i}: a gloss is in a second calendar"


def test_conflicting_and_suspect_annotations_diagnose() -> None:
    for doc in DOCS:
        statuses = [m["status"] for m in doc.gold]
        for m in doc.gold:
            if m["status"] == "suspect":
                assert "conflict" in statuses, (
                    f"{doc.id}: a suspect needs a conflicting gloss in the same text"
                )
                assert re.search(r"\d{4}-\d{2}-\d{2}.*\d{4}-\d{2}-\d{2}", m["note"]), "give both readings"


# --- (b) the scorer, on hand-made predictions ---------------------------------------


def _m(start: int, end: int, s: str = "2025-01-01", e: str = "2025-01-01") -> dict:
    return {"start": start, "end": end, "start_date": s, "end_date": e}


GOLD = [_m(0, 10), _m(20, 30, "2024-05-27", "2024-05-29")]


def _figures(c: Counts) -> tuple[float, float, float, float, float]:
    return (c.precision, c.recall, c.bounds_accuracy, c.exact_precision, c.exact_recall)


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        pytest.param(GOLD, (1.0, 1.0, 1.0, 1.0, 1.0), id="perfect"),
        pytest.param(GOLD[:1], (1.0, 0.5, 1.0, 1.0, 0.5), id="one-missing"),
        pytest.param([*GOLD, _m(40, 45)], (2 / 3, 1.0, 1.0, 2 / 3, 1.0), id="one-extra"),
        # (2,10) vs (0,10): 8/10 matches; (26,34) vs (20,30): 4/14 does not.
        pytest.param(
            [_m(2, 10), _m(26, 34, "2024-05-27", "2024-05-29")],
            (0.5, 0.5, 1.0, 0.0, 0.0),
            id="boundary-shifted",
        ),
        # exactly half the union: 5/10 is a match (>= 0.5); 4/10 is not.
        pytest.param([_m(5, 10)], (1.0, 0.5, 1.0, 0.0, 0.0), id="jaccard-at-threshold"),
        pytest.param([_m(0, 4)], (0.0, 0.0, 0.0, 0.0, 0.0), id="jaccard-below-threshold"),
        pytest.param(
            [_m(0, 10), _m(20, 30, "2024-05-27", "2024-05-30")], (1.0, 1.0, 0.5, 1.0, 1.0), id="wrong-end"
        ),
        pytest.param(
            [_m(0, 10, "", ""), _m(20, 30, "2023-05-27", "2023-05-29")],
            (1.0, 1.0, 0.0, 1.0, 1.0),
            id="wrong-bounds",
        ),
        # two predictions on one gold mention: only one may match it.
        pytest.param([_m(0, 10), _m(0, 9), *GOLD[1:]], (2 / 3, 1.0, 1.0, 2 / 3, 1.0), id="one-to-one"),
        pytest.param([], (0.0, 0.0, 0.0, 0.0, 0.0), id="nothing-predicted"),
    ],
)
def test_scorer_figures(predicted: list[dict], expected: tuple[float, ...]) -> None:
    counts = scoring.score_document(GOLD, predicted)
    assert _figures(counts) == pytest.approx(expected)


def test_scorer_on_a_text_without_dates() -> None:
    assert _figures(scoring.score_document([], [])) == (1.0, 1.0, 1.0, 1.0, 1.0)
    assert scoring.score_document([], [_m(0, 4)]).precision == 0.0


def test_matching_prefers_the_higher_jaccard() -> None:
    gold = [_m(0, 10), _m(0, 12)]
    # (0,12) overlaps both gold mentions above the threshold; it belongs to the identical one.
    assert scoring.match(gold, [_m(0, 12)]) == [(1, 0)]
    assert scoring.match(gold, [_m(0, 12), _m(0, 10)]) == [(0, 1), (1, 0)]


def test_jaccard() -> None:
    assert scoring.jaccard(_m(0, 10), _m(5, 15)) == pytest.approx(5 / 15)
    assert scoring.jaccard(_m(0, 10), _m(10, 20)) == 0.0
    assert scoring.jaccard(_m(3, 7), _m(3, 7)) == 1.0


def test_counts_add_up_across_documents() -> None:
    docs = [Document("a", "fa", "x" * 40, tuple(GOLD)), Document("b", "ar", "y" * 40, ())]
    total = scoring.score(docs, [GOLD[:1], [_m(0, 3)]])
    assert total == Counts(gold=2, predicted=2, matched=1, bounds_equal=1, exact=1)
    assert (total.precision, total.recall) == (0.5, 0.5)
    with pytest.raises(ValueError, match="one per document"):
        scoring.score(docs, [GOLD])


def test_misses_name_every_kind_of_error() -> None:
    doc = Document(
        "t",
        "en",
        "on 27 May 2025 and 1 June 2025 and 2 June",
        (_m(3, 14, "2025-05-27", "2025-05-27"), _m(19, 30, "2025-06-01", "2025-06-01")),
    )
    lines = scoring.misses(doc, [_m(3, 14, "2025-05-27", "2025-05-28"), _m(35, 41)])
    text = "\n".join(lines)
    assert "MISSED" in text and "«1 June 2025»" in text
    assert "SPURIOUS" in text and "«2 June»" in text
    assert "BOUNDS" in text and "2025-05-28" in text


def test_report_lists_each_set() -> None:
    table = scoring.report({"seeds": Counts(4, 4, 4, 3, 2), "passages": Counts(10, 8, 8, 8, 8)})
    assert "seeds" in table and "passages" in table
    assert "0.750" in table  # seeds bounds accuracy 3/4
    assert "0.800" in table  # passages recall 8/10


def test_predictions_may_be_mention_dataclasses() -> None:
    from mctimeline.mentions import Mention

    m = Mention(0, 4, "2023", "gregorian", "2023-01-01", "2023-12-31", "year")
    assert scoring.as_span(m)["end_date"] == "2023-12-31"


_spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda t: _m(t[0], t[0] + t[1])), max_size=8
)


@given(gold=_spans, predicted=_spans)
def test_matching_invariants(gold: list[dict], predicted: list[dict]) -> None:
    pairs = scoring.match(gold, predicted)
    assert len({g for g, _ in pairs}) == len({p for _, p in pairs}) == len(pairs)  # one-to-one
    assert all(scoring.jaccard(gold[g], predicted[p]) >= 0.5 for g, p in pairs)
    c = scoring.score_document(gold, predicted)
    assert c.exact <= c.matched <= min(c.gold, c.predicted)
    assert all(0.0 <= f <= 1.0 for f in _figures(c))
    assert scoring.score_document(gold, gold).recall == 1.0


def test_the_gold_scored_against_itself_is_perfect() -> None:
    """The whole harness (predict, match, score) end to end, with an oracle in place of the tagger."""
    by_text = {doc.text: doc.gold for doc in DOCS}

    def oracle(text: str, lang: str = "auto") -> list[dict]:
        return [dict(m) for m in by_text[text]]

    for docs in (SEEDS, PASSAGES):
        counts = scoring.score(docs, scoring.predict(docs, oracle))
        assert _figures(counts) == (1.0, 1.0, 1.0, 1.0, 1.0)
        assert counts.gold == counts.matched > 0


# --- (c) the tagger against the corpus ------------------------------------------------

THRESHOLD = 0.95


@pytest.fixture(scope="module")
def tag():
    try:
        from mctimeline.tagger import tag
    except ModuleNotFoundError as e:
        if e.name != "mctimeline.tagger":
            raise
        pytest.skip("tagger not built yet")
    return tag


@pytest.fixture(scope="module")
def predictions(tag) -> dict[str, list[list[dict]]]:
    return {"seeds": scoring.predict(SEEDS, tag), "passages": scoring.predict(PASSAGES, tag)}


@pytest.mark.parametrize("which", ["seeds", "passages"])
def test_tagger_scores_at_least_095(which: str, predictions: dict) -> None:
    docs = SEEDS if which == "seeds" else PASSAGES
    counts = scoring.score(docs, predictions[which])
    lines = [
        line for doc, pred in zip(docs, predictions[which], strict=True) for line in scoring.misses(doc, pred)
    ]
    summary = scoring.report({which: counts}) + "\n" + "\n".join(lines)
    print(summary)
    assert counts.precision >= THRESHOLD, summary
    assert counts.recall >= THRESHOLD, summary
    assert counts.bounds_accuracy >= THRESHOLD, summary


def _predicted_for(predictions: dict, prefix: str) -> tuple[Document, list[dict]]:
    i = next(i for i, doc in enumerate(SEEDS) if Path(doc.id).name.startswith(prefix))
    return SEEDS[i], predictions["seeds"][i]


def _find(doc: Document, pred: list[dict], gold_text: str) -> dict:
    g = next(i for i, m in enumerate(doc.gold) if m["text"] == gold_text)
    pairs = dict(scoring.match(doc.gold, pred))
    assert g in pairs, f"{doc.id}: no prediction matches «{gold_text}»; predicted {[p['text'] for p in pred]}"
    return pred[pairs[g]]


def test_seed_004_may_range_and_its_conflicting_gloss(predictions: dict) -> None:
    doc, pred = _predicted_for(predictions, "004_")
    may = _find(doc, pred, "۲۷ تا ۲۹ مه ۲۰۲۵")
    assert (may["start_date"], may["end_date"]) == ("2025-05-27", "2025-05-29")
    gloss = _find(doc, pred, "7 تا 9 خرداد \n\n1403")
    assert gloss["status"] == "conflict", gloss
    assert "year" in gloss["note"].lower(), gloss["note"]


def test_seed_004_report_title_is_not_a_date(predictions: dict) -> None:
    doc, pred = _predicted_for(predictions, "004_")
    start = doc.text.index("۲۰۲۵: تحول جهان")
    end = start + len("۲۰۲۵: تحول جهان")
    overlapping = [p for p in pred if p["start"] < end and start < p["end"]]
    assert not overlapping, overlapping


def test_seed_002_june_range_year_is_inferred_with_a_reason(predictions: dict) -> None:
    doc, pred = _predicted_for(predictions, "002_")
    june = _find(doc, pred, "23 إلى 24 يونيو")
    assert june["status"] == "inferred", june
    assert june["note"].strip(), june
    assert (june["start_date"], june["end_date"]) == ("2021-06-23", "2021-06-24")
