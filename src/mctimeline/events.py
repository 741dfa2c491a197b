"""Events: happenings anchored by date mentions, assembled and merged across sources.

`assemble(corpus)` turns every source's tagged mentions into events, in two
stages: `source_anchors` describes one source's mentions from its text (the
per-document stage: the text is not kept), `assemble_sources` merges the anchors of
all sources (the reduce: sort-and-sweep, memory for anchors, not text). The rule:

1. **No bounds, no event.** A mention whose bounds are empty (an unresolved
   «امروز», an invalid day) or malformed joins no event; it gets a reconciliation
   row of kind `unresolved` or `invalid` (with an empty event_id) so that nothing
   is dropped silently.
2. **A gloss joins what it glosses** (`Mention.gloss_of`), whatever its dates:
   when they disagree the event keeps the glossed reading and the gloss gets a
   `gloss-conflict` row.
3. **Each other mention is an anchor**, described by its clause (see titles.py):
   the series and edition the gazetteer recognizes there (or, when the clause
   speaks of a meeting without naming it, in its sentence or the sentences just
   before), the place named there (beyond the clause only a place marked as the
   scene: «در مسکو», «مسکو میزبان»), the kinds of happening its words name
   (meeting, agreement, conflict, talks, statement: data/kinds.toml; "kinds
   agree" below means they share one other than statement, since two things said
   are not one happening) and its content words.
4. **Anchors merge when their intervals are equal or nested and their clauses
   agree**, tested by sort-and-sweep inside blocks (never all pairs of a corpus):
   - same series and compatible editions (equal, or one unknown) — any sources;
   - same series and the same edition number — any sources, with dates up to
     EDITION_DAYS apart (the edition names the happening; differing dates become
     a `source-disagreement` row);
   - same place, both day-precise, and kinds that agree — any sources;
   - same source, the same interval, and kinds that agree (the war «سال ۲۰۲۲»
     twice in one article is one event; two articles' «سال ۲۰۲۲» are not).
   A year shared by two texts, with no series, place or day in common, merges
   nothing. A relative mention («اليوم») merges only with an equal interval: it
   dates the act reported, not the longer happening the act is about.
5. **Echoes join the event they repeat**: a mention that is not day-precise or
   whose year was inferred («اوایل ۲۰۲۵», «می۲۰۲۵», «پیمان ژانویه») and that is
   still alone joins an event of the same source whose interval it contains and
   whose kinds (or series) it shares, stated in another sentence (two dates in one
   sentence are two happenings); among several, the one whose sentence shares most
   content words with its own, then the nearest in the text. Relative
   mentions («اليوم») are never echoes: they date a reported act.
6. **A range end joins its range**: a day-precise mention right after «حتى»,
   «تا», "until"… («استمر حتى يوم 25 من الشهر ذاته») that is still alone joins
   the nearest earlier day-precise event of its source, of the same kind, that
   began at most RANGE_END_DAYS days before it, and extends that event's end.

Each event keeps one reading: among its anchors (not glosses, echoes or range
ends) whose status is ok or inferred, the most precise, then the one most
sources state, then the earliest. Every anchor whose interval neither contains
nor lies within that reading gets a `source-disagreement` row; every conflict or
suspect mention a row with the tagger's diagnosis (a Hijri date within the ±2
days Iran's lunar months allow, a `hijri-tolerance` row). Status: conflict when
any mention is conflict/suspect or any row but hijri-tolerance exists, inferred
when every mention is inferred, else confirmed. EDTF: 2025-05-27, 2025-05-27/
2025-05-29, 2025-05, 2025, 2025-37/38/39 for thirds of a year, a day interval
for a month or year of another calendar; "?" after each date when the kept
reading's year was inferred. The event's `event_id` hashes the canonical key of
its first anchor (source id, folded text, bounds, occurrence among identical
mentions of that text), so it survives rebuilds, other sources and input order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Literal

from mctimeline import calendars, gazetteer, titles
from mctimeline.mentions import Mention
from mctimeline.sources import Source

EventStatus = Literal["confirmed", "inferred", "conflict"]

EDITION_DAYS = 90  # how far apart sources may date one edition and still be read as disagreeing
RANGE_END_DAYS = 14  # the longest a range-end date may run after its start (a conference, a visit)
_CONTEXT_SENTENCES = 2  # sentences before the date's own searched for a series or place the clause implies
_ANAPHOR_SENTENCES = 10  # how far back «این مجمع», «المؤتمر» with an ordinal may point
_PRECISION_RANK = {"day": 0, "month": 1, "part-of-year": 2, "year": 3}
_DOUBTFUL = frozenset({"conflict", "suspect"})


@dataclass(frozen=True, slots=True)
class MentionRef:
    """A tagged mention placed in the corpus: its source, its index there, its id."""

    mention_id: str  # stable, e.g. f"{source_id}:{start}-{end}"
    source_id: str
    index: int  # position in that source's tag() list


@dataclass(frozen=True, slots=True)
class Event:
    """One happening: its inclusive Gregorian bounds and everything the package says of it."""

    event_id: str  # stable across rebuilds, unaffected by unrelated edits elsewhere
    start_date: str  # YYYY-MM-DD, inclusive
    end_date: str
    precision: str  # day | month | year | part-of-year
    edtf: str
    jalali_start: str  # YYYY-MM-DD in the Jalali calendar, through the core
    jalali_end: str
    hijri_start: str  # YYYY-MM-DD in the Hijri (Umm al-Qura) calendar; "" outside its range
    hijri_end: str
    status: EventStatus
    title: str  # short, in the source language, from the clause around the date
    title_en: str  # "" when unknown
    series_id: str  # "" when no series recognized
    edition: int | None
    location: str  # "" when none found
    source_count: int
    language: str  # language of `title`
    mentions: tuple[MentionRef, ...]


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """A disagreement between sources or calendars, what the event keeps, and why."""

    reconciliation_id: str
    event_id: str
    mention_id: str
    kind: str  # e.g. gloss-conflict | weekday-conflict | suspect | source-disagreement | hijri-tolerance
    diagnosis: str
    kept: str  # the reading the event keeps, e.g. "2025-05-27/2025-05-29"
    rejected: str  # the reading it does not keep
    reason: str


def mention_id(source_id: str, mention: Mention) -> str:
    """The corpus-wide id of a mention: its source and its offsets."""
    return f"{source_id}:{mention.start}-{mention.end}"


# --- anchors: a resolved mention and what its clause says ----------------------------


@dataclass(frozen=True, slots=True)
class _Anchor:
    ref: MentionRef
    mention: Mention
    language: str
    first: dt.date
    last: dt.date
    key: str  # canonical key: what the event id hashes
    title: str
    series_id: str
    edition: int | None
    series_in_clause: bool
    place: str
    kinds: frozenset[str]
    words: int  # the sentence's content words, one bit per word of its source's vocabulary
    sentence: tuple[int, int]  # offsets of the date's sentence in its text
    ends_range: bool  # written right after «حتى», «تا», "until": may end a range begun earlier

    @property
    def source_id(self) -> str:
        return self.ref.source_id

    @property
    def links(self) -> frozenset[str]:
        """The kinds of happening that may link this date to another (statements do not)."""
        return self.kinds & _linking_kinds()

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def contains(self, other: _Anchor) -> bool:
        return self.first <= other.first and other.last <= self.last

    @property
    def reading(self) -> str:
        return _reading(self.first, self.last)


def _reading(first: dt.date, last: dt.date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


@cache
def _kinds_table() -> dict[str, object]:
    raw = resources.files("mctimeline").joinpath("data/kinds.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


@cache
def _kind_patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    out = []
    for kind, langs in kinds.items():
        stems = sorted({gazetteer.fold(s) for s in langs.get(lang, [])}, key=len, reverse=True)
        if not stems:
            continue
        alts = "|".join(" ?".join(re.escape(w) for w in s.split(" ")) for s in stems)
        prefix = "(?:[وف]?(?:[بلک]|ال|لل|بال)?)" if lang == "ar" else ""
        out.append((kind, re.compile(rf"(?<![\w]){prefix}(?:{alts})")))
    return tuple(out)


@cache
def _linking_kinds() -> frozenset[str]:
    """Kinds that can tell two dates name one happening (not `links = false`, i.e. not statements)."""
    kinds = _kinds_table()["kinds"]
    assert isinstance(kinds, dict)
    return frozenset(kind for kind, table in kinds.items() if table.get("links", True))


def _kinds(folded: str, lang: str) -> frozenset[str]:
    """The kinds of happening named in folded text (one shared frozenset per combination)."""
    return _interned(frozenset(kind for kind, pattern in _kind_patterns(lang) if pattern.search(folded)))


@cache
def _interned(kinds: frozenset[str]) -> frozenset[str]:
    # A handful of distinct combinations: a million anchors share them instead of owning one each.
    return kinds


@cache
def _range_end_words(lang: str) -> tuple[str, ...]:
    table = _kinds_table()["range_end"]
    assert isinstance(table, dict)
    return tuple(gazetteer.fold(w) for w in table.get(lang, []))


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

    def __init__(self, text: str, folded: gazetteer.FoldedText, lang: str) -> None:
        self.text, self.folded, self.lang = text, folded, lang
        self.numbers: dict[str, int] = {}
        self.sentences: dict[tuple[int, int], int] = {}
        self._previous: dict[int, tuple[int, int] | None] = {}
        self._places: dict[tuple[int, int, bool], str] = {}
        self._series: dict[tuple[int, int], tuple[str, int | None] | None] = {}

    def bits(self, sentence: tuple[int, int], folded: str) -> int:
        if sentence not in self.sentences:
            mask = 0
            # Words of three letters or more, without digits: what two clauses about one happening share.
            for word in re.findall(r"[^\W\d_]{3,}", folded):
                mask |= 1 << self.numbers.setdefault(word, len(self.numbers))
            self.sentences[sentence] = mask
        return self.sentences[sentence]

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
            found = gazetteer.place_in_folded(
                self.folded.slice(lo, hi), self.lang, locative_only=locative_only, within=self.folded
            )
            self._places[key] = found or ""
        return self._places[key]

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
    anaphor = gazetteer.edition_in_folded(scope.folded.slice(*clause), scope.lang)
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


def _place_for(
    scope: _Scope, clause: tuple[int, int], sentence: tuple[int, int], kinds: frozenset[str]
) -> str:
    """The scene of the clause: a place marked as such here or just before, else a meeting's named city."""
    for lo, hi in [clause, *scope.context(sentence, _CONTEXT_SENTENCES)]:
        place = scope.place(lo, hi, True)
        if place:
            return place
    if "meeting" in kinds:  # «مؤتمر موسكو», «کنفرانس امنیت بین المللی مسکو»: named after its city
        for lo, hi in (clause, sentence):
            place = scope.place(lo, hi, False)
            if place:
                return place
    return ""


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
    clause = titles.clause_around(text, m.start, m.end)
    sentence = titles.sentence_around(text, m.start, m.end)
    clause_text = text[clause[0] : clause[1]]
    sentence_folded = folded.slice(*sentence)
    kinds = _kinds(folded.slice(*clause), lang) or _kinds(sentence_folded, lang)
    series_id, edition, local = _series_for(scope, clause, sentence, kinds, others, (m.start, m.end))
    key = f"{source.source_id}|{gazetteer.fold(m.text)}|{m.start_date}/{m.end_date}|{occurrence}"
    return _Anchor(
        ref=MentionRef(mention_id(source.source_id, m), source.source_id, index),
        mention=m,
        language=lang,
        first=dt.date.fromisoformat(m.start_date),
        last=dt.date.fromisoformat(m.end_date),
        key=key,
        title=titles.collapse(clause_text),
        series_id=series_id,
        edition=edition,
        series_in_clause=local,
        place=_place_for(scope, clause, sentence, kinds),
        sentence=sentence,
        ends_range=m.precision == "day" and _after_range_word(folded, m, lang),
        kinds=kinds,
        words=scope.bits(sentence, sentence_folded),
    )


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


class _Clusters:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller key becomes the root: the result does not depend on the order of unions.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for k, up in self.parent.items():
            # Most keys are roots (most events have one mention): no call to find for them.
            out[k if up == k else self.find(k)].append(k)
        return out


class _Primary:
    """The kept anchor of each cluster, made when first asked: rule 5 asks for few of them.

    A cluster's members and their roles do not change until it is popped (`pop`), so a
    kept anchor made late is the one that would have been made at the start.
    """

    def __init__(self, groups: dict[str, list[str]], by_key: dict[str, _Anchor], roles: dict[str, str]):
        self.groups, self.by_key, self.roles = groups, by_key, roles
        self.known: dict[str, _Anchor] = {}
        self.gone: set[str] = set()

    def get(self, root: str, default: _Anchor | None = None) -> _Anchor | None:
        if root in self.known:
            return self.known[root]
        if root in self.gone or root not in self.groups:
            return default
        kept = _kept_anchor([self.by_key[k] for k in self.groups[root]], self.roles)
        self.known[root] = kept
        return kept

    def pop(self, root: str) -> _Anchor | None:
        kept = self.get(root)
        self.known.pop(root, None)
        self.gone.add(root)
        return kept

    def set(self, root: str, kept: _Anchor) -> None:
        self.known[root] = kept
        self.gone.discard(root)


# --- merging ------------------------------------------------------------------------------


def _nested(a: _Anchor, b: _Anchor) -> bool:
    return a.contains(b) or b.contains(a)


def _editions_agree(a: _Anchor, b: _Anchor) -> bool:
    return a.edition is None or b.edition is None or a.edition == b.edition


def _same_happening(a: _Anchor, b: _Anchor) -> bool:
    """Whether two anchors with equal or nested intervals name the same happening (rule 4)."""
    if "relative" in (a.mention.calendar, b.mention.calendar) and (a.first, a.last) != (b.first, b.last):
        return False  # «اليوم» dates the act reported (a statement), not the longer happening it is about
    if a.series_id and a.series_id == b.series_id and _editions_agree(a, b):
        return True
    if a.series_id and b.series_id and a.series_id != b.series_id:
        return False
    day = a.mention.precision == "day" and b.mention.precision == "day"
    if a.place and a.place == b.place and day and a.links & b.links:
        return True
    return (
        a.source_id == b.source_id
        and (a.first, a.last) == (b.first, b.last)
        and bool(a.links & b.links)
        and "relative" not in (a.mention.calendar, b.mention.calendar)
    )


def _sweep(block: Sequence[_Anchor], clusters: _Clusters) -> None:
    """Union the equal-or-nested pairs of a block that name one happening, by sort-and-sweep."""
    ordered = sorted(block, key=lambda a: (a.first, -a.last.toordinal(), a.key))
    active: list[_Anchor] = []
    for anchor in ordered:
        active = [a for a in active if a.last >= anchor.first]
        for other in active:
            if _nested(other, anchor) and _same_happening(other, anchor):
                clusters.union(other.key, anchor.key)
        active.append(anchor)


def _blocks(anchors: Iterable[_Anchor]) -> dict[tuple[str, ...], list[_Anchor]]:
    blocks: dict[tuple[str, ...], list[_Anchor]] = defaultdict(list)
    for a in anchors:
        blocks[("source", a.source_id)].append(a)
        if a.series_id:
            blocks[("series", a.series_id)].append(a)
        if a.place and a.mention.precision == "day":
            blocks[("place", a.place)].append(a)
    return blocks


def _join_editions(anchors: Iterable[_Anchor], clusters: _Clusters) -> None:
    by_edition: dict[tuple[str, int], list[_Anchor]] = defaultdict(list)
    for a in anchors:
        if a.series_id and a.edition is not None and a.mention.calendar != "relative":
            by_edition[(a.series_id, a.edition)].append(a)
    for members in by_edition.values():
        members.sort(key=lambda a: (a.first, a.key))
        for before, after in pairwise(members):
            # Sources may date one edition a little differently; months apart it is another happening.
            if (after.first - before.first).days <= EDITION_DAYS:
                clusters.union(before.key, after.key)


def _is_echo_candidate(a: _Anchor) -> bool:
    if a.mention.calendar == "relative":
        return False
    return a.mention.precision != "day" or a.mention.status == "inferred"


def _join_echoes(
    anchors: Sequence[_Anchor],
    clusters: _Clusters,
    roles: dict[str, str],
    groups: dict[str, list[str]],
    by_key: dict[str, _Anchor],
) -> None:
    """Rule 5: a lone vague or inferred mention joins the event of its source it repeats."""
    primary = _Primary(groups, by_key, roles)
    sizes = {root: len(keys) for root, keys in groups.items()}
    # An echo repeats a date its span contains (the kept anchor of the other's cluster) and
    # shares a kind of happening or the series with the other. So the anchors of a source
    # are indexed by each kind and series they have, sorted by the first day of their
    # cluster's kept anchor, and an echo looks only at those of its kinds and series whose
    # kept date begins inside its span (every anchor of the source, for every echo, made a
    # long text quadratic). Clusters keep their kept anchor when an echo joins them, so
    # the echo is indexed again under it.
    index: dict[tuple[str, str, str], tuple[list[dt.date], list[_Anchor]]] = {}
    by_key_group: dict[tuple[str, str, str], list[tuple[dt.date, int, _Anchor]]] = defaultdict(list)
    for n, a in enumerate(anchors):
        first = (primary.get(clusters.find(a.key), a) or a).first
        for group in _echo_groups(a):
            by_key_group[group].append((first, n, a))
    for group, entries in by_key_group.items():
        entries.sort(key=lambda e: (e[0], e[1]))
        index[group] = ([e[0] for e in entries], [e[2] for e in entries])
    for echo in sorted(anchors, key=lambda a: (a.days, a.key)):
        if not _is_echo_candidate(echo) or sizes.get(clusters.find(echo.key), 1) > 1:
            continue
        best: tuple[int, int, str] | None = None
        for group in _echo_groups(echo):
            firsts, indexed = index[group]
            for other in indexed[bisect_left(firsts, echo.first) : bisect_right(firsts, echo.last)]:
                best = _echo_score(echo, other, clusters, primary, best)
        if best is not None:
            target_root, echo_root = clusters.find(best[2]), clusters.find(echo.key)
            kept = primary.pop(target_root)
            size = sizes.pop(target_root, 1) + sizes.pop(echo_root, 1)
            primary.pop(echo_root)
            clusters.union(best[2], echo.key)
            roles[echo.key] = "echo"
            new_root = clusters.find(echo.key)
            sizes[new_root] = size
            if kept is not None:
                primary.set(new_root, kept)
                for group in _echo_groups(echo):
                    firsts, indexed = index[group]
                    at = bisect_right(firsts, kept.first)
                    firsts.insert(at, kept.first)
                    indexed.insert(at, echo)


def _echo_groups(a: _Anchor) -> list[tuple[str, str, str]]:
    """The index groups of an anchor for rule 5: its source with each kind it links by, and its series."""
    groups = [(a.source_id, "kind", kind) for kind in sorted(a.links)]
    if a.series_id:
        groups.append((a.source_id, "series", a.series_id))
    return groups


def _echo_score(
    echo: _Anchor,
    other: _Anchor,
    clusters: _Clusters,
    primary: _Primary,
    best: tuple[int, int, str] | None,
) -> tuple[int, int, str] | None:
    """`best`, or `other`'s score if `other` may be what `echo` repeats and scores better."""
    root = clusters.find(other.key)
    if other.key == echo.key or root == clusters.find(echo.key):
        return best
    kept = primary.get(root, other)
    assert kept is not None
    if kept.mention.calendar == "relative":
        return best  # the day of a statement, not a happening that words could echo
    smaller = kept.days < echo.days or echo.mention.status == "inferred"
    if not (echo.contains(kept) and smaller):
        return best
    if not (echo.links & other.links or (echo.series_id and echo.series_id == other.series_id)):
        return best
    if echo.sentence == other.sentence:
        return best  # one sentence, two dates: two happenings («stalled in early 2025 but resumed on …»)
    shared = (echo.words & other.words).bit_count()
    score = (-shared, abs(other.mention.start - echo.mention.start), other.key)
    return score if best is None or score < best else best


def _join_range_ends(anchors: Sequence[_Anchor], clusters: _Clusters, roles: dict[str, str]) -> None:
    """Rule 6: «حتى يوم 25» joins the earlier day-precise event of its source it ends."""
    groups = clusters.groups()
    # Each source's anchors by first day: a range end looks only at the RANGE_END_DAYS
    # before its own (every anchor of the source for every end made a long text quadratic).
    by_source: dict[str, list[_Anchor]] = defaultdict(list)
    for a in sorted(anchors, key=lambda a: a.first):
        by_source[a.source_id].append(a)
    firsts = {source_id: [a.first for a in members] for source_id, members in by_source.items()}
    span = dt.timedelta(days=RANGE_END_DAYS)
    for end in sorted(anchors, key=lambda a: a.key):
        if not end.ends_range or len(groups[clusters.find(end.key)]) > 1:
            continue
        days = firsts[end.source_id]
        earliest = end.first - span if end.first.toordinal() > RANGE_END_DAYS else dt.date.min
        lo, hi = bisect_left(days, earliest), bisect_left(days, end.first)
        candidates = [
            o
            for o in by_source[end.source_id][lo:hi]
            if o.mention.start < end.mention.start
            and o.mention.precision == "day"
            and o.first < end.first
            and (end.first - o.first).days <= RANGE_END_DAYS
            and o.links & end.links
            and roles.get(o.key, "anchor") == "anchor"
        ]
        if candidates:
            target = max(candidates, key=lambda o: (o.mention.start, o.key))
            clusters.union(target.key, end.key)
            roles[end.key] = "range-end"


# --- events from clusters -----------------------------------------------------------------


def _kept_anchor(members: Sequence[_Anchor], roles: dict[str, str]) -> _Anchor:
    anchors = [a for a in members if roles.get(a.key, "anchor") == "anchor"] or list(members)
    anchors = [a for a in anchors if not a.ends_range] or anchors
    trusted = [a for a in anchors if a.mention.status not in _DOUBTFUL] or anchors
    support: dict[tuple[dt.date, dt.date], set[str]] = defaultdict(set)
    for a in trusted:
        support[(a.first, a.last)].add(a.source_id)
    return min(
        trusted,
        key=lambda a: (
            _PRECISION_RANK.get(a.mention.precision, 9),
            -len(support[(a.first, a.last)]),
            a.mention.status == "inferred",
            a.key,
        ),
    )


def _edtf(first: dt.date, last: dt.date, precision: str, inferred: bool) -> str:
    mark = "?" if inferred else ""
    if precision == "year" and first == dt.date(first.year, 1, 1) and last == dt.date(first.year, 12, 31):
        return f"{first.year:04d}{mark}"
    if precision == "month" and first.day == 1 and last.month == first.month and last.year == first.year:
        length = calendars.month_length("gregorian", first.year, first.month)
        if last.day == length:
            return f"{first.year:04d}-{first.month:02d}{mark}"
    if precision == "part-of-year" and first.year == last.year:
        thirds = {(1, 4): 37, (5, 8): 38, (9, 12): 39}
        code = thirds.get((first.month, last.month))
        length = calendars.month_length("gregorian", last.year, last.month)
        if code and first.day == 1 and last.day == length:
            return f"{first.year:04d}-{code}{mark}"
    if first == last:
        return f"{first.isoformat()}{mark}"
    return f"{first.isoformat()}{mark}/{last.isoformat()}{mark}"


@cache
def _iso(day: dt.date) -> str:
    # One string per day, shared by every event on it: a corpus has far fewer days than events.
    return day.isoformat()


def _event_id(first_anchor: _Anchor) -> str:
    return "ev-" + hashlib.sha1(first_anchor.key.encode("utf-8")).hexdigest()[:12]


def _rec_id(mention: str, kind: str) -> str:
    return "rc-" + hashlib.sha1(f"{mention}|{kind}".encode()).hexdigest()[:12]


def _best_anchor(members: Sequence[_Anchor], kept: _Anchor, roles: dict[str, str]) -> _Anchor:
    """The anchor whose clause titles the event: one naming its series, then the kept reading's."""
    candidates = [a for a in members if roles.get(a.key, "anchor") != "gloss"] or list(members)
    return min(
        candidates,
        key=lambda a: (
            not a.series_in_clause,
            not a.series_id,
            (a.first, a.last) != (kept.first, kept.last),
            roles.get(a.key, "anchor") != "anchor",
            not a.place,
            a.key,
        ),
    )


def _make_event(
    members: list[_Anchor],
    roles: dict[str, str],
    glosses: dict[str, _Anchor],
    written: dict[dt.date, tuple[str, str]],
) -> tuple[Event, list[Reconciliation]]:
    members = sorted(members, key=lambda a: (a.source_id, a.mention.start, a.mention.end, a.key))
    kept = _kept_anchor(members, roles)
    # Only the members' roles, copied: a copy of the corpus-wide table per event made the reduce quadratic.
    roles = {a.key: roles[a.key] for a in members if a.key in roles}
    for a in members:
        # «حتى يوم 25» of the same edition: it ends the kept range rather than disputing it.
        late = 0 < (a.first - kept.first).days <= RANGE_END_DAYS and a.last > kept.last
        if (
            a.ends_range
            and roles.get(a.key, "anchor") == "anchor"
            and late
            and kept.mention.precision == "day"
        ):
            roles[a.key] = "range-end"
    # Glosses only when gloss_of links form a cycle (no tagger writes one): then any member names it.
    glossed = [a for a in members if roles.get(a.key, "anchor") != "gloss"] or members
    first_anchor = min(glossed, key=lambda a: (a.source_id, a.mention.start, a.mention.end, a.key))
    event_id = _event_id(first_anchor)
    first, last = kept.first, kept.last
    for a in members:
        if roles.get(a.key) == "range-end" and a.last > last:
            last = a.last
    kept_reading = _reading(first, last)
    recs: list[Reconciliation] = []
    stated_by = sorted({a.source_id for a in members if (a.first, a.last) == (kept.first, kept.last)})
    for a in members:
        role = roles.get(a.key, "anchor")
        m = a.mention
        if role == "gloss" and m.status == "conflict":
            target = glosses.get(a.key)
            target_text = f"«{target.mention.text}»" if target else "the date it glosses"
            recs.append(
                _rec(
                    event_id,
                    a,
                    "gloss-conflict",
                    m.note or f"the gloss «{m.text}» does not denote the days of {target_text}",
                    kept_reading,
                    a.reading,
                    f"a gloss restates the date it follows, so the event keeps {target_text} "
                    f"({kept_reading}), which {_sources_phrase(stated_by)} state(s); "
                    f"the gloss's own reading ({a.reading}) is the slip",
                )
            )
        elif m.status in _DOUBTFUL:
            kind = "suspect" if m.status == "suspect" else _conflict_kind(m)
            if a is kept:
                reason = (
                    f"no other mention of this happening gives a trusted reading; the event keeps the words "
                    f"as written ({kept_reading}) and is marked conflict"
                )
                rejected = ""
            else:
                reason = f"the event keeps {kept_reading}, stated by {_sources_phrase(stated_by)}"
                rejected = a.reading if (a.first, a.last) != (kept.first, kept.last) else ""
            recs.append(
                _rec(event_id, a, kind, m.note or f"«{m.text}» is {m.status}", kept_reading, rejected, reason)
            )
        elif role == "anchor" and a is not kept and not (a.contains(kept) or kept.contains(a)):
            recs.append(
                _rec(
                    event_id,
                    a,
                    "source-disagreement",
                    f"{a.source_id} dates this happening {a.reading} («{m.text}»); "
                    f"{kept.source_id} dates it {kept.reading} («{kept.mention.text}»)",
                    kept_reading,
                    a.reading,
                    "the event keeps the most precise reading that most sources state: "
                    f"{kept_reading} ({_sources_phrase(stated_by)})",
                )
            )
        elif m.calendar == "hijri" and m.note and ("±" in m.note or "tolerance" in m.note.casefold()):
            recs.append(
                _rec(
                    event_id,
                    a,
                    "hijri-tolerance",
                    m.note,
                    kept_reading,
                    "",
                    "within the tolerance for "
                    "lunar months that begin a day or two apart in Iran and in the Umm al-Qura table",
                )
            )
    # A Hijri date within the tolerance of Iran's month starts is noted, not a conflict.
    conflict = any(r.kind != "hijri-tolerance" for r in recs) or any(
        a.mention.status in _DOUBTFUL for a in members
    )
    all_inferred = all(a.mention.status == "inferred" for a in members)
    status: EventStatus = "conflict" if conflict else "inferred" if all_inferred else "confirmed"
    best = _best_anchor(members, kept, roles)
    series_id, edition = _series_of(members, best)
    location = best.place or _most_common(a.place for a in members if a.place)
    event = Event(
        event_id=event_id,
        start_date=_iso(first),
        end_date=_iso(last),
        precision=kept.mention.precision,
        edtf=sys.intern(_edtf(first, last, kept.mention.precision, kept.mention.status == "inferred")),
        jalali_start=written[first][0],
        jalali_end=written[last][0],
        hijri_start=written[first][1],
        hijri_end=written[last][1],
        status=status,
        title=best.title,
        title_en=gazetteer.series_title_en(series_id, edition) if series_id else "",
        series_id=series_id,
        edition=edition,
        location=location,
        source_count=len({a.source_id for a in members}),
        language=best.language,
        mentions=tuple(a.ref for a in members),
    )
    return event, recs


def _conflict_kind(m: Mention) -> str:
    note = m.note.casefold()
    return (
        "weekday-conflict"
        if "weekday" in note
        or any(
            day in note
            for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
        else "conflict"
    )


def _series_of(members: Sequence[_Anchor], best: _Anchor) -> tuple[str, int | None]:
    series_id = best.series_id or _most_common(a.series_id for a in members if a.series_id)
    if not series_id:
        return "", None
    editions = [a.edition for a in members if a.series_id == series_id and a.edition is not None]
    if best.series_id == series_id and best.edition is not None:
        return series_id, best.edition
    return series_id, Counter(editions).most_common(1)[0][0] if editions else None


def _most_common(values: Iterable[str]) -> str:
    found = list(values)
    if len(set(found)) <= 1:  # most events: none or one value, no count needed
        return found[0] if found else ""
    counts = Counter(found)
    return min(counts, key=lambda v: (-counts[v], v))


def _sources_phrase(source_ids: Sequence[str]) -> str:
    if not source_ids:
        return "no trusted mention"
    if len(source_ids) == 1:
        return f"source {source_ids[0]}"
    return f"{len(source_ids)} sources ({', '.join(source_ids)})"


def _rec(
    event_id: str, a: _Anchor, kind: str, diagnosis: str, kept: str, rejected: str, reason: str
) -> Reconciliation:
    return Reconciliation(
        reconciliation_id=_rec_id(a.ref.mention_id, kind),
        event_id=event_id,
        mention_id=a.ref.mention_id,
        kind=kind,
        diagnosis=diagnosis,
        kept=kept,
        rejected=rejected,
        reason=reason,
    )


# --- the whole corpus ---------------------------------------------------------------------


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
    seen: Counter[str] = Counter()
    local: dict[int, int] = {}  # index in `mentions` -> position in `anchors`
    ids: set[str] = set()
    anchors: list[_Anchor] = []
    loose: list[Reconciliation] = []
    scope = _Scope(text, folded, source.language or "fa")
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
        signature = f"{gazetteer.fold(m.text)}|{m.start_date}/{m.end_date}"
        anchor = _anchor(source, scope, index, m, seen[signature], spans)
        seen[signature] += 1
        local[index] = len(anchors)
        anchors.append(anchor)
    glosses = []
    for index, position in local.items():
        target = anchors[position].mention.gloss_of
        if target is not None and target in local and target != index:
            glosses.append((local[target], position))
    return SourceAnchors(source.source_id, tuple(anchors), tuple(glosses), tuple(loose))


def assemble(
    corpus: Iterable[tuple[Source, str, Sequence[Mention]]],
) -> tuple[list[Event], list[Reconciliation], dict[str, str]]:
    """Events (sorted by start date, then id), reconciliation rows, and mention_id → event_id.

    Every mention with bounds maps to exactly one event; every mention without
    bounds gets an `unresolved` or `invalid` reconciliation row instead (with an
    empty event_id). See the module docstring for the merge rule.
    """
    return assemble_sources(source_anchors(source, text, mentions) for source, text, mentions in corpus)


def assemble_sources(
    items: Iterable[SourceAnchors],
) -> tuple[list[Event], list[Reconciliation], dict[str, str]]:
    """`assemble` from each source's anchors (the reduce stage), in any order of sources."""
    anchors: list[_Anchor] = []
    source_ids: set[str] = set()
    roles: dict[str, str] = {}
    glosses: dict[str, _Anchor] = {}
    gloss_links: list[tuple[str, str]] = []
    loose: list[Reconciliation] = []
    for item in items:
        if item.source_id in source_ids:
            raise ValueError(f"two sources share the id {item.source_id!r}: rename one of the files")
        source_ids.add(item.source_id)
        anchors.extend(item.anchors)
        for target, gloss in item.glosses:
            roles[item.anchors[gloss].key] = "gloss"
            glosses[item.anchors[gloss].key] = item.anchors[target]
            gloss_links.append((item.anchors[target].key, item.anchors[gloss].key))
        loose.extend(item.loose)
    anchors.sort(key=lambda a: a.ref.source_id)  # stable: by source, then in each source's own order
    clusters = _Clusters(a.key for a in anchors)
    main = [a for a in anchors if roles.get(a.key) != "gloss"]
    for block in _blocks(main).values():
        _sweep(block, clusters)
    _join_editions(main, clusters)
    for target_key, gloss_key in gloss_links:
        clusters.union(target_key, gloss_key)
    by_key = {a.key: a for a in anchors}
    groups = clusters.groups()
    _join_echoes(main, clusters, roles, groups, by_key)
    _join_range_ends(main, clusters, roles)

    # An event's bounds are some anchor's first or last day: all of them converted at once.
    written = _in_other_calendars({day for a in anchors for day in (a.first, a.last)})
    events: list[Event] = []
    recs: list[Reconciliation] = list(loose)
    event_of: dict[str, str] = {}
    for keys in clusters.groups().values():
        event, event_recs = _make_event([by_key[k] for k in keys], roles, glosses, written)
        events.append(event)
        recs.extend(event_recs)
        for ref in event.mentions:
            event_of[ref.mention_id] = event.event_id
    events.sort(key=lambda e: (e.start_date, e.event_id))
    recs.sort(key=lambda r: r.reconciliation_id)
    return events, recs, event_of


def _in_other_calendars(days: Iterable[dt.date]) -> dict[dt.date, tuple[str, str]]:
    """Each day written in the Jalali and the Hijri calendar (YYYY-MM-DD), converted in bulk by the core.

    A day outside a calendar's supported range gets "" there (as from_gregorian's
    OutOfRange would); the bulk path agrees with the scalar one day for day.
    """
    import numpy as np

    ordered = sorted(days)
    ordinals = np.array([d.toordinal() for d in ordered], dtype=np.int64)
    columns: list[list[str]] = []
    for calendar in ("jalali", "hijri"):
        ok = calendars.supported_mask(ordinals, calendar)
        column = [""] * len(ordered)
        if ok.any():
            years, months, days_ = calendars.to_calendar_bulk(ordinals[ok], calendar)
            for i, y, m, d in zip(
                np.flatnonzero(ok).tolist(), years.tolist(), months.tolist(), days_.tolist(), strict=True
            ):
                column[i] = f"{y:04d}-{m:02d}-{d:02d}"
        columns.append(column)
    return dict(zip(ordered, zip(columns[0], columns[1], strict=True), strict=True))


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
