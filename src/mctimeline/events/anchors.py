"""Anchors: each resolved mention of a source and what its clause says (the per-document stage).

`source_anchors` reads one source's text once and keeps, for each mention, the
series, place, kinds and words of its clause (rule 3 of mctimeline.events); the text
itself is not kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from mctimeline import gazetteer, titles
from mctimeline.events import happenings
from mctimeline.events.context import actors_for, ambiguous_place, lead_end, place_for
from mctimeline.events.kinds import (
    _KindPatterns,
    _kinds,
    _linking_kinds,
    _range_end_words,
    heading_kinds,
    kind_patterns_in,
    nearest_kind,
    opens_with_anaphor,
)
from mctimeline.events.models import (
    _ANAPHOR_CHAIN,
    _ANAPHOR_SENTENCES,
    _CONTEXT_SENTENCES,
    MentionRef,
    Reconciliation,
    _Anchor,
    _reading,
    _rec_id,
    mention_id,
)
from mctimeline.mentions import Mention
from mctimeline.sources import Source

# Precompiled: `re.findall(pattern, …)` looks its pattern up in re's cache on every call.
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")  # a sentence's words that two reports of one happening share
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")


class _Scope:
    """One source while its mentions are described: its text, and what its anchors share.

    Neighbouring dates share sentences, and each looks at its clause and the sentences
    before it; the series, place and context of a span are pure functions of the text,
    so they are found once per source rather than once per date.

    It also numbers the source's content words as met, so that a sentence's words become
    the bits of one int: only anchors of one source compare words (rule 5), so numbers
    need only agree within a source; an int of a few dozen bytes replaces a set of a
    hundred strings per anchor.
    """

    def __init__(self, text: str, folded: gazetteer.FoldedText, lang: str, title: str = "") -> None:
        self.text, self.folded, self.lang, self._title = text, folded, lang, title
        self._reported: dict[tuple[int, int], tuple[str, ...]] = {}
        self.numbers: dict[str, int] = {}
        self.sentences: dict[tuple[int, int], int] = {}
        self._previous: dict[int, tuple[int, int] | None] = {}
        self._places: dict[tuple[int, int, bool], str] = {}
        self._all_places: dict[tuple[int, int], list[tuple[int, str, bool]]] = {}
        self._destinations: dict[tuple[int, int], list[tuple[int, str]]] = {}
        self._series: dict[tuple[int, int], tuple[str, int | None] | None] = {}
        self._actors: dict[tuple[int, int], tuple[str, ...]] = {}
        self._said: dict[tuple[int, int], str] = {}
        self._kinds: dict[tuple[int, int], frozenset[str]] = {}
        self._named: dict[tuple[int, int, str], bool] = {}
        self._among: dict[str, _KindPatterns] = {}
        self._marked: dict[tuple[int, int], list[tuple[int, str]]] = {}
        self._titles: dict[tuple[int, int], str] = {}
        self._place_spans: dict[tuple[int, int], list[gazetteer.PlaceSpan]] = {}

    # Read when a date first asks: a text whose dates are all dropped (_dropped) asks for none.
    @cached_property
    def title_actors(self) -> tuple[str, ...]:
        if not self._title:
            return ()
        return tuple(sys.intern(a) for a in gazetteer.actors_in(self._title, self.lang))

    @cached_property
    def lead_end(self) -> int:
        return lead_end(self.text)

    @cached_property
    def kind_patterns(self) -> _KindPatterns:
        """The kind patterns some slice of the text may match."""
        return kind_patterns_in(self.folded.text, self.lang, self.folded.words())

    @cached_property
    def editions(self) -> bool:
        return gazetteer.editions_possible(self.folded.text, self.lang)

    def bits(self, sentence: tuple[int, int], folded: str) -> int:
        if sentence not in self.sentences:
            mask = 0
            # Words of three letters or more, without digits: what two clauses about one happening share.
            for word in _CONTENT_WORD.findall(folded):
                mask |= 1 << self.numbers.setdefault(word, len(self.numbers))
            self.sentences[sentence] = mask
        return self.sentences[sentence]

    def kinds(self, lo: int, hi: int) -> frozenset[str]:
        """The kinds of happening text[lo:hi] names (events.kinds._kinds of its fold)."""
        found = self._kinds.get((lo, hi))
        if found is None:
            found = self._kinds[(lo, hi)] = _kinds(self.folded.slice(lo, hi), self.lang, self.kind_patterns)
        return found

    def names_kind(self, lo: int, hi: int, kind: str) -> bool:
        """Whether text[lo:hi] names `kind`: `kind in self.kinds(lo, hi)`, asking only its pattern
        when the other kinds of the span are not known yet."""
        found = self._kinds.get((lo, hi))
        if found is not None:
            return kind in found
        named = self._named.get((lo, hi, kind))
        if named is None:
            among = self._among.get(kind)
            if among is None:
                among = self._among[kind] = tuple((k, p) for k, p in self.kind_patterns if k == kind)
            named = self._named[(lo, hi, kind)] = bool(among) and bool(
                _kinds(self.folded.slice(lo, hi), self.lang, among)
            )
        return named

    def context(self, sentence: tuple[int, int], back: int) -> list[tuple[int, int]]:
        """The date's sentence and up to `back` sentences before it, nearest first."""
        spans = [sentence]
        for _ in range(back):
            start = spans[-1][0]
            if start not in self._previous:
                self._previous[start] = titles.previous_sentence(self.text, start)
            prev = self._previous[start]
            if prev is None:
                break
            spans.append(prev)
        return spans

    def place(self, lo: int, hi: int, locative_only: bool) -> str:
        key = (lo, hi, locative_only)
        if key not in self._places:
            # As gazetteer.place_in_folded: the first place marked as the scene, else the first named.
            matches = self.places(lo, hi)
            marked = [name for _, name, locative in matches if locative]
            found = marked[0] if marked else ("" if locative_only or not matches else matches[0][1])
            self._places[key] = found
        return self._places[key]

    def marked(self, lo: int, hi: int) -> list[tuple[int, str]]:
        """The places text[lo:hi] marks as the scene: (position in its fold, name)."""
        found = self._marked.get((lo, hi))
        if found is None:
            found = [(pos, name) for pos, name, locative in self.places(lo, hi) if locative]
            self._marked[(lo, hi)] = found
        return found

    def title(self, lo: int, hi: int) -> str:
        """text[lo:hi] with its white space collapsed: the title of every date it reports."""
        found = self._titles.get((lo, hi))
        if found is None:
            found = self._titles[(lo, hi)] = titles.collapse(self.text[lo:hi])
        return found

    def destinations(self, lo: int, hi: int) -> list[tuple[int, str]]:
        """Every place text[lo:hi] names as a destination: (position in its fold, name)."""
        if (lo, hi) not in self._destinations:  # a sentence is read for each of its dates
            self._destinations[(lo, hi)] = gazetteer.destinations_in_folded(
                self.folded.slice(lo, hi), self.lang, within=self.folded, spans=self.place_spans(lo, hi)
            )
        return self._destinations[(lo, hi)]

    def place_spans(self, lo: int, hi: int) -> list[gazetteer.PlaceSpan]:
        """The places text[lo:hi] names, read once for its places and its destinations."""
        found = self._place_spans.get((lo, hi))
        if found is None:
            found = gazetteer.place_spans_in_folded(self.folded.slice(lo, hi), self.lang, within=self.folded)
            self._place_spans[(lo, hi)] = found
        return found

    def places(self, lo: int, hi: int) -> list[tuple[int, str, bool]]:
        """Every place named in text[lo:hi]: (position in its fold, name, marked as the scene)."""
        if (lo, hi) not in self._all_places:
            spans = self.place_spans(lo, hi)
            self._all_places[(lo, hi)] = [(s, name, marked) for s, _, name, marked, _ in spans]
        return self._all_places[(lo, hi)]

    def actors(self, lo: int, hi: int) -> tuple[str, ...]:
        """The actors named in text[lo:hi] (ids, each once, first-seen order)."""
        if (lo, hi) not in self._actors:
            self._actors[(lo, hi)] = tuple(
                sys.intern(a)
                for a in gazetteer.actors_in_folded(self.folded.slice(lo, hi), self.lang, within=self.folded)
            )
        return self._actors[(lo, hi)]

    def reported_actors(self, sentence: tuple[int, int], depth: int = _ANAPHOR_CHAIN) -> tuple[str, ...]:
        """The actors of a sentence: those it names, after those of the sentence before when it
        opens with a word pointing back to them («وی افزود», «وقال إن», "He said"), along a
        chain of such sentences at most `depth` long."""
        if sentence not in self._reported:
            own = self.actors(*sentence)
            found = own
            if depth > 0 and opens_with_anaphor(self.folded.slice(*sentence), self.lang):
                before = self.context(sentence, 1)[1:]
                if before:
                    found = tuple(dict.fromkeys(self.reported_actors(before[0], depth - 1) + own))
            self._reported[sentence] = found
        return self._reported[sentence]

    def said(self, lo: int, hi: int) -> str:
        """What the sentence text[lo:hi] says, hashed: two outlets printing one report share it."""
        if (lo, hi) not in self._said:
            words = " ".join(_WORD.findall(self.folded.slice(lo, hi)))
            self._said[(lo, hi)] = hashlib.sha1(words.encode("utf-8")).hexdigest()[:16]
        return self._said[(lo, hi)]

    def series(self, lo: int, hi: int) -> tuple[str, int | None] | None:
        if (lo, hi) not in self._series:
            self._series[(lo, hi)] = gazetteer.series_in_folded(
                self.folded.slice(lo, hi), self.lang, self.folded
            )
        return self._series[(lo, hi)]


@dataclass(frozen=True)
class _Spans:
    """The spans of a text's dates (glosses and relative days left out), to ask which begin where.

    Sorted once per text and bisected: a list of the other spans made for every mention
    and scanned made a text of many dates quadratic (a 1 MB text: minutes).
    """

    starts: tuple[int, ...]  # sorted
    spans: frozenset[tuple[int, int]]

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> _Spans:
        spans = list(spans)
        return cls(tuple(sorted(start for start, _ in spans)), frozenset(spans))

    def other_begins(self, lo: int, hi: int, own: tuple[int, int]) -> bool:
        """Whether a span other than `own` begins in [lo, hi)."""
        n = bisect_left(self.starts, hi) - bisect_left(self.starts, lo)
        if own in self.spans and lo <= own[0] < hi:
            n -= 1
        return n > 0


_NO_SPANS = _Spans((), frozenset())


def _series_for(
    scope: _Scope,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    kinds: frozenset[str],
    others: _Spans = _NO_SPANS,
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
    scope: _Scope,
    index: int,
    m: Mention,
    occurrence: int,
    others: _Spans = _NO_SPANS,
) -> _Anchor:
    """A resolved mention described by its clause; `others` are the spans of the text's mentions."""
    text, folded, lang = scope.text, scope.folded, scope.lang
    sentence = titles.sentence_around(text, m.start, m.end)
    sentence_folded = folded.slice(*sentence)
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
        return _dropped(source, scope, index, m, sentence, sentence_folded, excluded)
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
        return _dropped(source, scope, index, m, sentence, sentence_folded, excluded)
    # folded.slice(start, end) is fold(m.text) (FoldedText's property), without folding again
    key = f"{source.source_id}|{folded.slice(m.start, m.end)}|{m.start_date}/{m.end_date}|{occurrence}"
    return _Anchor(
        ref=MentionRef(mention_id(source.source_id, m), source.source_id, index),
        mention=m,
        language=lang,
        first=dt.date.fromisoformat(m.start_date),
        last=dt.date.fromisoformat(m.end_date),
        key=key,
        title=scope.title(*report),
        series_id=series_id,
        edition=edition,
        series_in_clause=local,
        place=place_for(scope, clause, sentence, kinds, (m.start, m.end)) or ambiguous_place(scope, sentence),
        sentence=sentence,
        ends_range=ends_range,
        kinds=kinds,
        words=scope.bits(sentence, sentence_folded),
        excluded=excluded,
        actors=actors_for(scope, told or sentence, m),
        said=scope.said(*sentence),
        main_kind=_main_kind(scope, read, m) if len(kinds) > 1 else next(iter(kinds), ""),
    )


def _dropped(
    source: Source,
    scope: _Scope,
    index: int,
    m: Mention,
    sentence: tuple[int, int],
    sentence_folded: str,
    excluded: str,
) -> _Anchor:
    """The anchor of a mention that dates no happening and glosses no date: `_happenings` drops it
    whatever else is read of it, keeping only its mention and `excluded` (a third of the
    synthetic corpus's dates: scheduled, since- or until-references; a bare year in passing is
    known only once its clause's kinds and series are). Its place, actors and title are not
    read, nor its clause, kinds and series when its own words exclude it; its sentence's words
    are numbered all the same, as the numbers of the words of the anchors after it follow from
    the order words are met in."""
    return _Anchor(
        ref=MentionRef(mention_id(source.source_id, m), source.source_id, index),
        mention=m,
        language=scope.lang,
        first=dt.date.fromisoformat(m.start_date),
        last=dt.date.fromisoformat(m.end_date),
        key="",
        title="",
        series_id="",
        edition=None,
        series_in_clause=False,
        place="",
        sentence=sentence,
        ends_range=False,
        kinds=frozenset(),
        words=scope.bits(sentence, sentence_folded),
        excluded=excluded,
    )


def _main_kind(scope: _Scope, read: tuple[int, int], m: Mention) -> str:
    """The kind nearest the date in the words its kinds were read from (the date may lie outside
    them: a date alone on its line is read with the sentence after it)."""
    named = scope.kinds(*read)
    heading = [k for k in heading_kinds() if k in named]
    if heading:  # a ratification names its treaty nearer the date than its own verb
        return heading[0]
    lo = read[0]
    start = len(scope.folded.slice(lo, max(lo, min(m.start, read[1]))))
    end = start + (len(scope.folded.slice(m.start, m.end)) if read[0] <= m.start < read[1] else 0)
    return nearest_kind(scope.folded.slice(*read), scope.lang, start, end, scope.kind_patterns)


def _bare(text: str, clause: tuple[int, int], m: Mention) -> bool:
    """Whether a clause holds little but its date («In 2025,», «در سال ۲۰۲۲،»): at most two words."""
    return len(_LETTERS.findall(text[clause[0] : m.start] + text[m.end : clause[1]])) <= 2


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
    scope = _Scope(text, folded, source.language or "fa", source.title)
    spans = _Spans.of((o.start, o.end) for o in mentions if o.gloss_of is None and o.calendar != "relative")
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
        anchor = _anchor(source, scope, index, m, occurrence, spans)
        seen[signature] = occurrence + 1
        local[index] = len(anchors)
        anchors.append(anchor)
    anchors, local = _happenings(source.source_id, anchors, local, loose)
    glosses = []
    for index, position in local.items():
        target = anchors[position].mention.gloss_of
        if target is not None and target in local and target != index:
            glosses.append((local[target], position))
    return SourceAnchors(source.source_id, tuple(anchors), tuple(glosses), tuple(loose))


def _happenings(
    source_id: str, anchors: list[_Anchor], local: dict[int, int], loose: list[Reconciliation]
) -> tuple[list[_Anchor], dict[int, int]]:
    """The anchors that date a happening, and their positions; a row in `loose` for each other.

    A gloss follows the date it glosses (events.happenings), whatever its own words.
    """
    reasons: dict[int, str] = {}
    for index, position in local.items():
        a = anchors[position]
        target = a.mention.gloss_of
        if target is not None and target in local and target != index:
            glossed = anchors[local[target]]
            if glossed.excluded:
                reasons[index] = f"it glosses «{glossed.mention.text}»: {glossed.excluded}"
        elif a.excluded:
            reasons[index] = a.excluded
    if not reasons:
        return anchors, local
    kept: list[_Anchor] = []
    kept_local: dict[int, int] = {}
    for index, position in local.items():
        a = anchors[position]
        if index in reasons:
            loose.append(_not_a_happening(source_id, a.mention, reasons[index]))
        else:
            kept_local[index] = len(kept)
            kept.append(a)
    return kept, kept_local


def _not_a_happening(source_id: str, m: Mention, diagnosis: str) -> Reconciliation:
    mid = mention_id(source_id, m)
    return Reconciliation(
        reconciliation_id=_rec_id(mid, happenings.NOT_A_HAPPENING),
        event_id="",
        mention_id=mid,
        kind=happenings.NOT_A_HAPPENING,
        diagnosis=diagnosis,
        kept="",
        rejected=_reading(dt.date.fromisoformat(m.start_date), dt.date.fromisoformat(m.end_date)),
        reason="only happenings are events: the mention stays in mentions.csv and makes no event",
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
