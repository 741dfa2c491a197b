"""Anchors: each resolved mention of a source and what its clause says (the per-document stage).

`source_anchors` reads one source's text once and keeps, for each mention, the
series, place, kinds and words of its clause (rule 3 of mctimeline.events); the text
itself is not kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from mctimeline import gazetteer, titles
from mctimeline.events import happenings
from mctimeline.events.context import actors_for, ambiguous_place, place_for
from mctimeline.events.kinds import _linking_kinds, _range_end_words, heading_kinds, nearest_kind
from mctimeline.events.models import (
    _ANAPHOR_SENTENCES,
    _ANCHOR,
    _CONTEXT_SENTENCES,
    _RECONCILIATION,
    Reconciliation,
    _Anchor,
    _Clause,
    _ClauseFields,
    _new_clause,
    _reading,
    _rec_id,
    mention_id,
    whole,
)
from mctimeline.events.scope import NO_SPANS, Scope, Spans
from mctimeline.mentions import Mention
from mctimeline.records import pickled_by_fields
from mctimeline.sources import Source

# Precompiled: `re.findall(pattern, …)` looks its pattern up in re's cache on every call.
_LETTERS = re.compile(r"[^\W\d_]+")


def _series_for(
    scope: Scope,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    kinds: frozenset[str],
    others: Spans = NO_SPANS,
    own: tuple[int, int] = (0, 0),
) -> tuple[str, int | None, bool]:
    """(series_id, edition, named in the clause itself) for a date's clause, or ("", None, False)."""
    found = scope.series(*clause)
    if found:
        return found[0], found[1], True
    anaphor = gazetteer.edition_in_folded(scope.folded.slice(*clause), scope.lang) if scope.editions else None
    if "meeting" not in kinds and anaphor is None:
        return "", None, False
    # The clause speaks of a meeting without naming it: the series is named in its
    # sentence or before («این رویداد», «یازدهمین دوره این مجمع», «المؤتمر»).
    back = _ANAPHOR_SENTENCES if anaphor is not None else _CONTEXT_SENTENCES
    for distance, (lo, hi) in enumerate(scope.context(sentence, back)):
        found = scope.series(lo, hi)
        if found:
            # The edition named there is this date's only if no other date stands beside it
            # («عُقد مؤتمر موسكو الحادي عشر ... في 15 أغسطس 2023م، بعد أن أُلغيت دورة عام 2020م»)
            # and it is near; otherwise keep only the series.
            dated = others.other_begins(lo, hi, own)
            edition = anaphor if anaphor is not None else (found[1] if distance <= 1 and not dated else None)
            return found[0], edition, False
    return "", None, False


def _anchor(
    source: Source,
    scope: Scope,
    index: int,
    m: Mention,
    occurrence: int,
    others: Spans = NO_SPANS,
) -> _Anchor:
    """A resolved mention described by its clause; `others` are the spans of the text's mentions."""
    text, folded, lang = scope.text, scope.folded, scope.lang
    sentence = titles.sentence_around(text, m.start, m.end)
    ends_range = m.precision == "day" and _after_range_word(folded, m, lang)
    # Every reason but the last is read from the date's own words, before its clause is.
    excluded = (
        happenings.role_reason(m, ends_range)
        or happenings.dateline_reason(m, text)
        or happenings.words_reason(m, folded, lang)
        or happenings.since_reason(m, folded, lang)
        or happenings.by_reason(m, folded, lang)
        or happenings.published_reason(m, source.published)
    )
    if excluded and m.gloss_of is None:
        return _dropped(source, scope, index, m, sentence, excluded)
    clause = titles.clause_around(text, m.start, m.end)
    report = titles.report_around(text, m.start, m.end)
    told = report if not report[0] <= m.start < m.end <= report[1] else None
    if told:  # a date alone on its line: the sentence after it tells what happened
        read = told
        clause_kinds = scope.kinds(*told)
    else:  # «In 2025, the treaty was signed»: a clause of the date alone modifies its sentence
        read = sentence if _bare(text, clause, m) else clause
        clause_kinds = scope.kinds(*read)
    if not clause_kinds:
        read = sentence
    kinds = clause_kinds or scope.kinds(*sentence)
    if clause_kinds and not clause_kinds & _linking_kinds() and not told:
        # "Lavrov said on Wednesday he discussed … at a meeting with Araghchi": a clause that only
        # reports words dates the happening its sentence names too, and may link by it.
        kinds = kinds | (scope.kinds(*sentence) & _linking_kinds())
    series_id, edition, local = _series_for(scope, clause, sentence, kinds, others, (m.start, m.end))
    excluded = excluded or happenings.passing_reason(m, clause_kinds & _linking_kinds(), series_id)
    if excluded and m.gloss_of is None:  # a bare year in passing
        return _dropped(source, scope, index, m, sentence, excluded)
    # folded.slice(start, end) is fold(m.text) (FoldedText's property), without folding again
    key = f"{source.source_id}|{folded.slice(m.start, m.end)}|{m.start_date}/{m.end_date}|{occurrence}"
    # Read in the order they always were: the scope numbers words as they are met.
    title = scope.title(*report)
    place = place_for(scope, clause, sentence, kinds, (m.start, m.end)) or ambiguous_place(scope, sentence)
    words = scope.bits(sentence)
    actors = actors_for(scope, told or sentence, m)
    said = scope.said(*sentence)
    main_kind = _main_kind(scope, read, m) if len(kinds) > 1 else next(iter(kinds), "")
    # The fields in _Anchor's order (source_id, index, mention, start, end, first, last, key, title,
    # clause, words, sentence, said, rank), set slot by slot (_ANCHOR): the frozen __init__, which sets
    # each of the fourteen through object.__setattr__, cost 3% of describing a text (callgrind).
    return _ANCHOR(
        (
            source.source_id,
            index,
            m,
            m.start,
            m.end,
            dt.date.fromisoformat(m.start_date),
            dt.date.fromisoformat(m.end_date),
            # As UTF-8 bytes: they sort as the string's code points do, in half the memory of a
            # Persian or Arabic string (which Python holds two bytes a character).
            key.encode("utf-8"),
            title,
            _clause((lang, series_id, edition, local, place, kinds, ends_range, excluded, actors, main_kind)),
            words,
            scope.sentence_number(sentence),
            said,
            -1,  # rank: not yet ranked (assemble_sources ranks every anchor of the corpus)
        )
    )


# The clauses of kept dates repeat (150 distinct among 1,039 of 100 synthetic documents): each is
# made once, and equal clauses are one object, as sharing.Shared would make them.
_CLAUSES: dict[_ClauseFields, _Clause] = {}
_CLAUSES_KEPT = 4096


def _clause(fields: _ClauseFields) -> _Clause:
    """`_Clause(*fields)`, the one made before when the same fields were."""
    found = _CLAUSES.get(fields)
    if found is None:
        if len(_CLAUSES) >= _CLAUSES_KEPT:
            _CLAUSES.clear()  # many documents' distinct clauses: the memory stays bounded
        found = _CLAUSES[fields] = _new_clause(fields)
    return found


def _dropped(
    source: Source,
    scope: Scope,
    index: int,
    m: Mention,
    sentence: tuple[int, int],
    excluded: str,
) -> _Anchor:
    """The anchor of a mention that dates no happening and glosses no date: `_happenings` drops it
    whatever else is read of it, keeping only its mention and `excluded` (a third of the
    synthetic corpus's dates: scheduled, since- or until-references; a bare year in passing is
    known only once its clause's kinds and series are). Its place, actors and title are not
    read, nor its clause, kinds and series when its own words exclude it; its sentence's words
    are numbered all the same, as the numbers of the words of the anchors after it follow from
    the order words are met in."""
    return _ANCHOR(
        (
            source.source_id,
            index,
            m,
            m.start,
            m.end,
            dt.date.fromisoformat(m.start_date),
            dt.date.fromisoformat(m.end_date),
            b"",
            "",
            _new_clause((scope.lang, "", None, False, "", frozenset(), False, excluded, (), "")),
            scope.bits(sentence),
            scope.sentence_number(sentence),
            0,
            -1,
        )
    )


def _main_kind(scope: Scope, read: tuple[int, int], m: Mention) -> str:
    """The kind nearest the date in the words its kinds were read from (the date may lie outside
    them: a date alone on its line is read with the sentence after it)."""
    named = scope.kinds(*read)
    heading = [k for k in heading_kinds() if k in named]
    if heading:  # a ratification names its treaty nearer the date than its own verb
        return heading[0]
    lo = read[0]
    start = len(scope.folded.slice(lo, max(lo, min(m.start, read[1]))))
    end = start + (len(scope.folded.slice(m.start, m.end)) if read[0] <= m.start < read[1] else 0)
    # Only the kinds the words name have a match in them: the others' patterns, each tried at every
    # character, are not (the table's order, which breaks ties, kept).
    among = tuple(row for row in scope.kind_patterns if row[0] in named)
    return nearest_kind(scope.folded.slice(*read), scope.lang, start, end, among)


def _bare(text: str, clause: tuple[int, int], m: Mention) -> bool:
    """Whether a clause holds little but its date («In 2025,», «در سال ۲۰۲۲،»): at most two words."""
    # Read up to the third run of letters only, which settles it: no third run, at most two words.
    runs = _LETTERS.finditer(text[clause[0] : m.start] + text[m.end : clause[1]])
    return next(islice(runs, 2, None), None) is None


def _after_range_word(folded: gazetteer.FoldedText, m: Mention, lang: str) -> bool:
    before = folded.slice(max(0, m.start - 20), m.start).split(" ")
    return bool(before) and before[-1] in _range_end_words(lang)


def _resolved(m: Mention) -> bool:
    return bool(m.start_date and m.end_date)


def _bounds_problem(m: Mention) -> str:
    """Why a mention's bounds cannot bound an event ("" when they can)."""
    try:
        first, last = dt.date.fromisoformat(m.start_date), dt.date.fromisoformat(m.end_date)
    except ValueError:
        return f"its bounds {m.start_date!r}..{m.end_date!r} are not ISO days (YYYY-MM-DD)"
    if last < first:
        return f"its bounds end ({m.end_date}) before they start ({m.start_date})"
    return ""


# --- union-find ------------------------------------------------------------------------


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class SourceAnchors:
    """One source's share of the assembly: its resolved anchors, which gloss which, rows for the rest.

    Made from the source's text once (`source_anchors`) and small: the text is not
    kept, so that a corpus is reduced (`assemble_sources`) in memory that grows with
    its mentions, not with its text, and may be made in other processes (it pickles).
    """

    source_id: str
    anchors: tuple[_Anchor, ...]
    glosses: tuple[tuple[int, int], ...]  # (glossed, gloss): positions in `anchors`
    loose: tuple[Reconciliation, ...]  # rows of the mentions without bounds


def source_anchors(
    source: Source,
    text: str,
    mentions: Sequence[Mention],
    folded: gazetteer.FoldedText | None = None,
) -> SourceAnchors:
    """Describe every mention of one source by its clause (the per-document stage of `assemble`).

    `folded` is `text` folded once (gazetteer.FoldedText.of(text)), shared with the
    other per-document stages when given.
    """
    folded = folded if folded is not None else gazetteer.FoldedText.of(text)
    seen: dict[str, int] = {}
    local: dict[int, int] = {}  # index in `mentions` -> position in `anchors`
    ids: set[str] = set()
    anchors: list[_Anchor] = []
    loose: list[Reconciliation] = []
    scope = Scope(text, folded, source.language or "fa", source.title)
    spans = Spans.of((o.start, o.end) for o in mentions if o.gloss_of is None and o.calendar != "relative")
    targets = {o.gloss_of for o in mentions if o.gloss_of is not None}  # the dates some date glosses
    for index, m in sorted(enumerate(mentions), key=lambda im: (im[1].start, im[1].end, im[0])):
        mid = mention_id(source.source_id, m)
        if mid in ids:
            raise ValueError(
                f"{source.source_id}: two mentions span characters {m.start}-{m.end}: "
                "a tagger must report each span once"
            )
        ids.add(mid)
        problem = _bounds_problem(m) if _resolved(m) else ""
        if not _resolved(m) or problem:
            loose.append(_unresolved(source.source_id, m, problem))
            continue
        signature = f"{folded.slice(m.start, m.end)}|{m.start_date}/{m.end_date}"
        occurrence = seen.get(signature, 0)
        glossed = _glossed_out(anchors, local, index, m, targets)
        if glossed:
            # `_happenings` drops a gloss of a date that dates no happening, whatever its own words.
            sentence = titles.sentence_around(text, m.start, m.end)
            anchor = _dropped(source, scope, index, m, sentence, glossed)
        else:
            anchor = _anchor(source, scope, index, m, occurrence, spans)
        seen[signature] = occurrence + 1
        local[index] = len(anchors)
        anchors.append(anchor)
    anchors, local = _happenings(source.source_id, anchors, local, loose)
    glosses = []
    for index, position in local.items():
        target = whole(anchors[position]).gloss_of
        if target is not None and target in local and target != index:
            glosses.append((local[target], position))
    return SourceAnchors(source.source_id, tuple(anchors), tuple(glosses), tuple(loose))


def _glossed_out(
    anchors: list[_Anchor], local: dict[int, int], index: int, m: Mention, targets: set[int]
) -> str:
    """Why the date `m` glosses dates no happening, when that date was described before it ("" when
    not): `_happenings` will drop the gloss for it, so nothing more of the gloss is read. Not for a
    gloss that another date glosses (in `targets`): `_happenings` reads its own reason for that one."""
    target = m.gloss_of
    if target is None or target == index or index in targets or target not in local:
        return ""
    return anchors[local[target]].excluded


def _happenings(
    source_id: str, anchors: list[_Anchor], local: dict[int, int], loose: list[Reconciliation]
) -> tuple[list[_Anchor], dict[int, int]]:
    """The anchors that date a happening, and their positions; a row in `loose` for each other.

    A gloss follows the date it glosses (events.happenings), whatever its own words.
    """
    reasons: dict[int, str] = {}
    for index, position in local.items():
        a = anchors[position]
        target = whole(a).gloss_of
        if target is not None and target in local and target != index:
            glossed = anchors[local[target]]
            if glossed.excluded:
                reasons[index] = f"it glosses «{whole(glossed).text}»: {glossed.excluded}"
        elif a.excluded:
            reasons[index] = a.excluded
    if not reasons:
        return anchors, local
    kept: list[_Anchor] = []
    kept_local: dict[int, int] = {}
    for index, position in local.items():
        a = anchors[position]
        if index in reasons:
            loose.append(_not_a_happening(source_id, whole(a), reasons[index]))
        else:
            kept_local[index] = len(kept)
            kept.append(a)
    return kept, kept_local


def _not_a_happening(source_id: str, m: Mention, diagnosis: str) -> Reconciliation:
    mid = mention_id(source_id, m)
    # Reconciliation's fields in order: id, event_id, mention_id, kind, diagnosis, kept, rejected, reason.
    return _RECONCILIATION(
        (
            _rec_id(mid, happenings.NOT_A_HAPPENING),
            "",
            mid,
            happenings.NOT_A_HAPPENING,
            diagnosis,
            "",
            _reading(dt.date.fromisoformat(m.start_date), dt.date.fromisoformat(m.end_date)),
            "only happenings are events: the mention stays in mentions.csv and makes no event",
        )
    )


def _unresolved(source_id: str, m: Mention, problem: str = "") -> Reconciliation:
    mid = mention_id(source_id, m)
    kind = "invalid" if m.status == "invalid" or problem else "unresolved"
    if problem:
        diagnosis = f"«{m.text}»: {problem}" + (f"; the tagger's note: {m.note}" if m.note else "")
    else:
        diagnosis = m.note or (
            f"«{m.text}» names no day the builder could fix"
            if kind == "unresolved"
            else f"«{m.text}» is not a valid date"
        )
    return Reconciliation(
        reconciliation_id=_rec_id(mid, kind),
        event_id="",
        mention_id=mid,
        kind=kind,
        diagnosis=diagnosis,
        kept="",
        rejected="",
        reason="a mention without bounds anchors no event; it is listed here so that nothing is dropped",
    )
