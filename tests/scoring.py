"""Scores date-mention predictions against the annotated corpus in tests/corpus/ (see GUIDELINES.md).

Pure functions over plain mappings with at least `start`, `end`, `start_date` and
`end_date`, so any tagger output can be scored. Run `python3 tests/scoring.py` to
tag the corpus with `mctimeline.tagger` and print the figures.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"
ROOT = CORPUS.parents[1]
JACCARD_THRESHOLD = 0.5

Span = Mapping[str, Any]


@dataclass(frozen=True)
class Document:
    """One scored text: a seed file or a composed passage, with its gold mentions."""

    id: str
    lang: str
    text: str
    gold: tuple[Span, ...]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_seeds(corpus: Path = CORPUS, root: Path = ROOT) -> list[Document]:
    """The five seed texts (read byte-exact, no newline translation) with their gold mentions."""
    docs = []
    for rec in _read_jsonl(corpus / "seeds.jsonl"):
        with (root / rec["file"]).open(encoding="utf-8", newline="") as f:
            text = f.read()
        docs.append(Document(rec["file"], rec["lang"], text, tuple(rec["mentions"])))
    return docs


def load_passages(corpus: Path = CORPUS) -> list[Document]:
    """The composed passages with their gold mentions."""
    return [
        Document(rec["id"], rec["lang"], rec["text"], tuple(rec["mentions"]))
        for rec in _read_jsonl(corpus / "passages.jsonl")
    ]


# --- matching -----------------------------------------------------------------


def jaccard(a: Span, b: Span) -> float:
    """Shared code points over code points covered by either span (0.0 when disjoint)."""
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    if inter <= 0:
        return 0.0
    union = (a["end"] - a["start"]) + (b["end"] - b["start"]) - inter
    return inter / union


def match(
    gold: Sequence[Span], predicted: Sequence[Span], threshold: float = JACCARD_THRESHOLD
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, greedy by decreasing Jaccard >= threshold.

    Ties go to the earlier gold mention, then the earlier prediction, so the result
    does not depend on anything but the two lists.
    """
    candidates = sorted(
        (-j, g, p)
        for g, gm in enumerate(gold)
        for p, pm in enumerate(predicted)
        if (j := jaccard(gm, pm)) >= threshold
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        pairs.append((g, p))
    return sorted(pairs)


# --- counting -----------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Raw tallies; add them across documents, then turn them into figures."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    bounds_equal: int = 0
    exact: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
            self.bounds_equal + other.bounds_equal,
            self.exact + other.exact,
        )

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted, empty=1.0 if self.gold == 0 else 0.0)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold, empty=1.0)

    @property
    def bounds_accuracy(self) -> float:
        """Matched gold mentions whose start_date and end_date both equal the prediction's."""
        return _ratio(self.bounds_equal, self.matched, empty=1.0 if self.gold == 0 else 0.0)

    @property
    def exact_precision(self) -> float:
        return _ratio(self.exact, self.predicted, empty=1.0 if self.gold == 0 else 0.0)

    @property
    def exact_recall(self) -> float:
        return _ratio(self.exact, self.gold, empty=1.0)


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


def _same_bounds(g: Span, p: Span) -> bool:
    return g["start_date"] == p.get("start_date") and g["end_date"] == p.get("end_date")


def score_document(gold: Sequence[Span], predicted: Sequence[Span]) -> Counts:
    """Tallies for one text."""
    pairs = match(gold, predicted)
    exact_gold = {(m["start"], m["end"]) for m in gold}
    exact = sum(1 for m in {(p["start"], p["end"]) for p in predicted} if m in exact_gold)
    return Counts(
        gold=len(gold),
        predicted=len(predicted),
        matched=len(pairs),
        bounds_equal=sum(1 for g, p in pairs if _same_bounds(gold[g], predicted[p])),
        exact=exact,
    )


def score(docs: Sequence[Document], predictions: Sequence[Sequence[Span]]) -> Counts:
    """Micro-averaged tallies over a set of documents (predictions in the same order)."""
    if len(docs) != len(predictions):
        raise ValueError(
            f"{len(docs)} documents but {len(predictions)} prediction lists: give one per document"
        )
    total = Counts()
    for doc, pred in zip(docs, predictions, strict=True):
        total = total + score_document(doc.gold, pred)
    return total


def misses(doc: Document, predicted: Sequence[Span]) -> list[str]:
    """Human-readable lines for every missed gold mention, spurious prediction and bounds mismatch."""
    pairs = match(doc.gold, predicted)
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    lines = []
    for i, g in enumerate(doc.gold):
        if i not in matched_g:
            lines.append(f"{doc.id}: MISSED   {_show(doc.text, g)} gold {g['start_date']}..{g['end_date']}")
    for i, p in enumerate(predicted):
        if i not in matched_p:
            lines.append(
                f"{doc.id}: SPURIOUS {_show(doc.text, p)} pred {p.get('start_date')}..{p.get('end_date')}"
            )
    for g, p in pairs:
        gm, pm = doc.gold[g], predicted[p]
        if not _same_bounds(gm, pm):
            lines.append(
                f"{doc.id}: BOUNDS   {_show(doc.text, gm)} gold {gm['start_date']}..{gm['end_date']}"
                f" pred {pm.get('start_date')}..{pm.get('end_date')} ({pm.get('status')}: {pm.get('note')})"
            )
    return lines


def _show(text: str, m: Span) -> str:
    words = text[m["start"] : m["end"]].replace("\n", "⏎")
    return f"[{m['start']}:{m['end']}] «{words}»"


def report(results: Mapping[str, Counts]) -> str:
    """A small fixed-width table: one row per scored set."""
    head = f"{'set':<10}{'gold':>6}{'pred':>6}{'match':>7}" + "".join(
        f"{h:>8}" for h in ("P", "R", "bounds", "exactP", "exactR")
    )
    rows = [head, "-" * len(head)]
    for name, c in results.items():
        rows.append(
            f"{name:<10}{c.gold:>6}{c.predicted:>6}{c.matched:>7}{c.precision:>8.3f}{c.recall:>8.3f}"
            f"{c.bounds_accuracy:>8.3f}{c.exact_precision:>8.3f}{c.exact_recall:>8.3f}"
        )
    return "\n".join(rows)


# --- running a tagger -----------------------------------------------------------


def as_span(mention: Any) -> dict[str, Any]:
    """A tagger's Mention (a dataclass or a mapping) as a plain dict."""
    if isinstance(mention, Mapping):
        return dict(mention)
    if is_dataclass(mention) and not isinstance(mention, type):
        return asdict(mention)
    raise TypeError(f"cannot score {type(mention).__name__}: expected a Mention dataclass or a mapping")


def predict(docs: Iterable[Document], tagger: Callable[..., Iterable[Any]]) -> list[list[dict[str, Any]]]:
    """Run `tagger(text, lang=...)` on every document."""
    return [[as_span(m) for m in tagger(doc.text, lang=doc.lang)] for doc in docs]


def main() -> int:
    sets = {"seeds": load_seeds(), "passages": load_passages()}
    for name, docs in sets.items():
        langs = ", ".join(f"{n} {lang}" for lang, n in sorted(Counter(d.lang for d in docs).items()))
        print(f"{name}: {len(docs)} texts ({langs}), {sum(len(d.gold) for d in docs)} gold mentions")
    try:
        from mctimeline.tagger import tag
    except ModuleNotFoundError as e:
        if e.name != "mctimeline.tagger":
            raise
        print("mctimeline.tagger is not built yet: nothing to score", file=sys.stderr)
        return 2
    print()
    results = {}
    all_misses = []
    for name, docs in sets.items():
        preds = predict(docs, tag)
        results[name] = score(docs, preds)
        for doc, pred in zip(docs, preds, strict=True):
            all_misses.extend(misses(doc, pred))
    print(report(results))
    if all_misses:
        print(f"\n{len(all_misses)} misses:")
        print("\n".join(all_misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
