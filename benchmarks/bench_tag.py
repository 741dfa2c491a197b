"""Tagging speed and quality: mctimeline's tagger against dateparser.search.search_dates and a regex floor.

    python benchmarks/bench_tag.py [--smoke] [--docs N]

Both taggers read the same texts: the seeds (seeds/*.txt, whose gold mentions are in
tests/corpus/seeds.jsonl) and N synthetic documents from synth.py (whose generated
date expressions are the gold). Both taggers are told each text's language (fa, ar or
en), as a build tells ours from metadata.csv. The floor is a bare `re` scan for
runs of digits in any script: no tagger can read a text faster than that. The word
floor splits the text into words with one `re.findall` and does nothing with them: the
least a tagger that reads words (month names, «أمس», "next") must do. The row "100×
dateparser vs the word floor" says how the speed target compares with it: above 1×, the
target asks for more than splitting the text into words costs in CPython.
Precision and recall count a prediction and a gold
expression as the same when their spans overlap with a Jaccard index of at least
0.5 (one to one, greedy), as tests/scoring.py does; "dates right" counts gold
expressions whose days the matched prediction gets right (for dateparser, whose one
datetime falls inside the gold interval).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _bench
import synth

DIGIT_RUN = re.compile(r"[0-9\u06f0-\u06f9\u0660-\u0669]+")
WORD_RUN = re.compile(r"\w+")
GOLD_SEEDS = _bench.ROOT / "tests" / "corpus" / "seeds.jsonl"


@dataclass(frozen=True)
class Text:
    name: str
    lang: str
    text: str
    gold: tuple[dict[str, Any], ...] | None  # None: no gold for this text


@dataclass(frozen=True)
class Quality:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    dates_right: int = 0

    def __add__(self, other: Quality) -> Quality:
        return Quality(*(a + b for a, b in zip(self.__dict__.values(), other.__dict__.values(), strict=True)))

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def dates(self) -> float:
        return self.dates_right / self.gold if self.gold else 0.0


# --- inputs ------------------------------------------------------------------------------------------


def language(text: str) -> str:
    """fa, ar or en by script: Persian letters, else Arabic script, else English."""
    if re.search("[پچژگکی]", text):
        return "fa"
    if re.search("[\u0600-\u06ff]", text):
        return "ar"
    return "en"


def seed_texts() -> list[Text]:
    gold: dict[str, tuple[dict[str, Any], ...]] = {}
    if GOLD_SEEDS.is_file():
        for line in GOLD_SEEDS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                gold[Path(record["file"]).name] = tuple(record["mentions"])
    texts = []
    for path in sorted((_bench.ROOT / "seeds").glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as f:  # byte-exact: gold offsets count every \r
            text = f.read()
        texts.append(Text(path.name, language(text), text, gold.get(path.name)))
    return texts


def synthetic_texts(docs: int, seed: int) -> list[Text]:
    return [
        Text(d.name, d.lang, d.text, tuple(t.__dict__ for t in d.truth)) for d in synth.generate(docs, seed)
    ]


# --- the taggers, each giving spans with the days they name ------------------------------------------


Span = dict[str, Any]  # start, end, start_date, end_date (ISO; equal for dateparser's one datetime)


def ours() -> Callable[[Text], list[Span]] | str:
    try:
        from mctimeline.tagger import tag
    except ImportError as exc:
        return f"mctimeline.tagger is not importable ({exc})"

    def run(t: Text) -> list[Span]:
        return [
            {"start": m.start, "end": m.end, "start_date": m.start_date, "end_date": m.end_date}
            for m in tag(t.text, t.lang)
        ]

    return run


def dateparser_peer() -> Callable[[Text], list[Span]] | str:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return "dateparser is not installed: pip install 'mctimeline[bench]' (or pip install dateparser)"

    def run(t: Text) -> list[Span]:
        found = search_dates(t.text, languages=[t.lang]) or []
        spans, cursor = [], 0
        for words, when in found:
            start = t.text.find(words, cursor)
            if start < 0:
                start = t.text.find(words)
            if start < 0:
                continue
            cursor = start + len(words)
            day = when.date().isoformat()
            spans.append({"start": start, "end": start + len(words), "start_date": day, "end_date": day})
        return spans

    return run


def digit_runs(t: Text) -> list[Span]:
    return [{"start": m.start(), "end": m.end()} for m in DIGIT_RUN.finditer(t.text)]


def word_runs(t: Text) -> list[Span]:
    WORD_RUN.findall(t.text)  # the words themselves are the cost measured; nothing is kept
    return []


# --- scoring -------------------------------------------------------------------------------------------


def jaccard(a: Span, b: Span) -> float:
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    if inter <= 0:
        return 0.0
    return inter / ((a["end"] - a["start"]) + (b["end"] - b["start"]) - inter)


def score(gold: Sequence[Span], predicted: Sequence[Span], point_dates: bool) -> Quality:
    pairs = sorted(
        (-j, g, p)
        for g, gm in enumerate(gold)
        for p, pm in enumerate(predicted)
        if (j := jaccard(gm, pm)) >= 0.5
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    right = 0
    for _, g, p in pairs:
        if g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        gm, pm = gold[g], predicted[p]
        if point_dates:
            right += bool(pm["start_date"]) and gm["start_date"] <= pm["start_date"] <= gm["end_date"]
        else:
            right += (pm["start_date"], pm["end_date"]) == (gm["start_date"], gm["end_date"])
    return Quality(len(gold), len(predicted), len(used_g), right)


def measure(
    texts: list[Text],
    tagger: Callable[[Text], list[Span]],
    repeat: int,
    point_dates: bool = False,
    scored: bool = True,
) -> tuple[float, Quality]:
    """Characters per second (best of `repeat`) and the quality over the texts that have gold."""
    chars = sum(len(t.text) for t in texts)
    results: list[list[Span]] = []

    def once() -> None:
        results.clear()
        results.extend(tagger(t) for t in texts)

    seconds = _bench.best_seconds(once, repeat=repeat, min_time=0.0 if repeat == 1 else 0.2)
    quality = Quality()
    for t, predicted in zip(texts, results, strict=True):
        if scored and t.gold is not None:
            quality += score(t.gold, predicted, point_dates)
    return chars / seconds, quality


def main(argv: list[str] | None = None) -> int:
    p = _bench.parser(__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=100, help="synthetic documents (default 100)")
    p.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="after the table, the N functions where tagging spends most time (cProfile, own time)",
    )
    args = p.parse_args(argv)
    docs = 5 if args.smoke else args.docs
    repeat = 2 if args.smoke else 3
    peer_repeat = 1 if args.smoke else 2  # dateparser is slow: a warm-up pass, then the best of these
    corpora = {"seeds": seed_texts(), f"synthetic ({docs} docs)": synthetic_texts(docs, args.seed)}

    tagger, peer = ours(), dateparser_peer()
    rows: list[_bench.Row] = []
    notes: list[str] = []
    floor_rows: list[_bench.Row] = []
    for label, texts in corpora.items():
        chars = sum(len(t.text) for t in texts)
        notes.append(f"{label}: {len(texts)} texts, {chars:,} characters")
        floor, _ = measure(texts, digit_runs, repeat, scored=False)
        floor_rows.append(_bench.Row(f"digit-run floor, {label}", floor, "chars/s"))
        words, _ = measure(texts, word_runs, repeat, scored=False)
        floor_rows.append(_bench.Row(f"word floor, {label}", words, "chars/s"))
        mine = None
        if callable(tagger):
            try:
                mine = measure(texts, tagger, repeat)
            except Exception as exc:  # the tagger is young: report its failure as a figure would be
                notes.append(f"the tagger failed on {label}: {type(exc).__name__}: {exc}")
        theirs = measure(texts, peer, peer_repeat, point_dates=True) if callable(peer) else None
        if theirs is not None:
            floor_rows.append(
                _bench.Row(f"dateparser, {label}", theirs[0], "chars/s", "re digit-run scan", floor)
            )
            floor_rows.append(
                _bench.Row(
                    f"100× dateparser vs the word floor, {label}",
                    100 * theirs[0],
                    "chars/s",
                    "re word split",
                    words,
                )
            )
        if mine is None:
            continue
        rows.append(
            _bench.Row(
                f"tagger, {label}",
                mine[0],
                "chars/s",
                "dateparser search_dates",
                theirs[0] if theirs else None,
                target=100,
            )
        )
        rows.append(_bench.Row(f"tagger vs floor, {label}", mine[0], "chars/s", "re digit-run scan", floor))
        if texts[0].gold is None:
            continue
        q, pq = mine[1], theirs[1] if theirs else None
        for what, value, peer_value in (
            ("precision", q.precision, pq.precision if pq else None),
            ("recall", q.recall, pq.recall if pq else None),
            ("dates right (of gold)", q.dates, pq.dates if pq else None),
        ):
            rows.append(
                _bench.Row(
                    f"{what}, {label}",
                    100 * value,
                    "%",
                    "dateparser",
                    100 * peer_value if peer_value is not None else None,
                )
            )
    if not callable(tagger):
        notes.append(f"NO TAGGER ROWS: {tagger}")
    if not callable(peer):
        notes.append(f"NO PEER FIGURES: {peer}")
    else:
        notes.append(
            f"every figure follows a warm-up pass; dateparser (slow): best of {peer_repeat}; ours and the "
            f"floor: best of {repeat}; dateparser {_dateparser_version()}"
        )
    _bench.print_table("Tagging: mctimeline.tagger vs dateparser", rows + floor_rows, notes)
    if args.profile and callable(tagger):
        profile(tagger, [t for texts in corpora.values() for t in texts], args.profile)
    return 0


def profile(tagger: Callable[[Text], list[Span]], texts: list[Text], top: int) -> None:
    """Print the `top` functions by own time over one pass of tagging `texts` (after a warm-up pass)."""
    import cProfile
    import pstats

    for t in texts:
        tagger(t)
    prof = cProfile.Profile()
    prof.enable()
    for t in texts:
        tagger(t)
    prof.disable()
    print(f"\n## Profile of one tagging pass over {len(texts)} texts (cProfile, by own time)")
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(top)


def _dateparser_version() -> str:
    from importlib.metadata import version

    return version("dateparser")


if __name__ == "__main__":
    sys.exit(main())
