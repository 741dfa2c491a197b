"""The per-document stage against the tagger alone: `corpus.document` over `tagger.tag` on the same texts.

    python benchmarks/bench_document.py [--smoke] [--docs N] [--profile]

`corpus.document(seed)` tags a text and then describes its source and every mention
(places, actors, series, clause, kinds: events.source_anchors). Its peer is the
tagger alone, called as `document` calls it, on the same texts, read into memory
beforehand: the ratio is how much the description adds to tagging. Texts: N
synthetic documents from synth.py and the seeds (seeds/*.txt). Issue 17's target:
the per-document stage within 2x of the tagger (ratio >= 0.5). Each figure is the
best of a few passes after a warm-up pass, each pass with the caches keyed by a
text emptied (the seeds are few enough to stay in them); the first document of a
process, which compiles the gazetteers' patterns, is reported apart. `--profile` prints the
slowest functions of `document` on the synthetic texts.
"""

from __future__ import annotations

import cProfile
import gc
import io
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import _bench
import synth

from mctimeline import corpus, seeds, titles
from mctimeline import published as published_mod
from mctimeline.tagger import tag


def read_seeds(folder: Path) -> list[seeds.SeedText]:
    return list(seeds.iter_seeds(seeds.list_seeds(folder), []))


def tag_only(seed: seeds.SeedText) -> None:
    """What `corpus.document` does to tag a text, and nothing else."""
    meta = seed.meta
    published = published_mod.given(meta.published, published_mod.IN_METADATA)
    tuple(tag(seed.text, meta.language or "auto", published))


def forget() -> None:
    """Empty the caches keyed by a text, so that a pass over a few texts does not find the last pass's."""
    spans = ("sentence_around", "clause_around", "piece_around", "_pieces")
    for name in (*spans, "dateline_end", "_dateline_end", "_line_starts", "_stops", "_breaks", "_bounds"):
        cache_clear = getattr(getattr(titles, name, None), "cache_clear", None)
        if cache_clear is not None:
            cache_clear()


def per_second(
    texts: list[seeds.SeedText], fns: tuple[Callable[[seeds.SeedText], object], ...], repeat: int
) -> list[float]:
    """Documents a second through each of `fns`, the best of `repeat` passes over `texts`.

    Times are this process's CPU time, and the passes of the functions alternate, so that
    a machine busy with other work slows them alike; each pass starts with cold caches
    and runs without the garbage collector (as tag() does).
    """
    best = [float("inf")] * len(fns)
    for round_ in range(repeat + 1):  # round 0 warms up
        for k, fn in enumerate(fns):
            forget()
            gc.collect()
            gc.disable()
            start = time.process_time()
            for t in texts:
                fn(t)
            seconds = time.process_time() - start
            gc.enable()
            if round_:
                best[k] = min(best[k], seconds)
    return [len(texts) / seconds for seconds in best]


def main(argv: list[str] | None = None) -> int:
    p = _bench.parser(__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=300, help="synthetic documents (default 300)")
    p.add_argument("--profile", action="store_true", help="print the slowest functions of `document`")
    args = p.parse_args(argv)
    docs = 20 if args.smoke else args.docs
    repeat = 2 if args.smoke else 5
    with tempfile.TemporaryDirectory() as tmp:
        synth.write_corpus(Path(tmp), docs, args.seed)
        synthetic = read_seeds(Path(tmp))
    repo_seeds = read_seeds(_bench.ROOT / "seeds")
    start = time.perf_counter()
    corpus.document(synthetic[0])  # the first document of a process builds the pattern tables
    first = time.perf_counter() - start
    rows = []
    for name, texts in ((f"{docs} synthetic documents", synthetic), ("the seeds", repo_seeds)):
        tagged, described = per_second(texts, (tag_only, corpus.document), repeat)
        rows.append(
            _bench.Row(
                f"document() on {name}", described, "docs/s", "tag() alone", tagged, target=0.5,
                note=f"document() takes {tagged / described:.2f}x tag()'s time",
            )
        )
    later = 1 / rows[0].ours
    rows.append(
        _bench.Row(
            "first document() of a process", first, "s", "a later document()", later, lower_is_better=True,
            note="it builds and compiles the gazetteers' patterns (ratio: 1 / later documents it costs)",
        )
    )
    _bench.print_table("Per-document stage: corpus.document against the tagger alone", rows)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for seed in synthetic:
            corpus.document(seed)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
