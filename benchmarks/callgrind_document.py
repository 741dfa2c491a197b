"""What callgrind counts of the per-document stage: its describing, or the tagger alone, apart.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no \\
        --toggle-collect=functools_reduce python3 benchmarks/callgrind_document.py \\
        CORPUS {describe,tag} [--out FILE]

CORPUS is a folder of synth.py's texts (seed 1, at least 200). Documents 100-199 go through
`corpus.document` first, which warms what a process remembers across texts as a long build
has; then, for documents 0-99, only the part measured runs inside `functools.reduce`, which
nothing else of the stage calls: `describe`, what `document()` does after `tag()`
(`FoldedText.of`, `source_from_bytes`, `source_anchors`), or `tag`, `tag()` as
bench_document.py's `tag_only` calls it (the language detected by the tagger). `--out` pickles
the Documents made, to compare two versions' byte for byte.
"""

from __future__ import annotations

import argparse
import functools
import pickle
import sys
from pathlib import Path

from mctimeline import corpus, gazetteer, seeds, sources
from mctimeline import events as events_mod
from mctimeline import published as published_mod
from mctimeline.normalize import detect_language
from mctimeline.tagger import tag


def describe(seed: seeds.SeedText) -> corpus.Document:
    """`corpus.document(seed)`, its describing alone inside functools.reduce."""
    meta = seed.meta
    published = published_mod.given(meta.published, published_mod.IN_METADATA)
    language = meta.language or detect_language(seed.text)
    mentions = tuple(tag(seed.text, language, published))

    def described(_a: object, _b: object) -> corpus.Document:
        folded = gazetteer.FoldedText.of(seed.text)
        source = sources.source_from_bytes(
            seed.path, seed.data, seed.text, mentions, folded.text, meta, seed.source_id, language,
            words=folded.words(),
        )
        anchors = events_mod.source_anchors(source, seed.text, mentions, folded)
        return corpus.Document(source, mentions, anchors)

    return functools.reduce(described, [0, 0])


def tag_only(seed: seeds.SeedText) -> None:
    """`tag()` of the seed inside functools.reduce, as bench_document.tag_only calls it."""

    def tagged(_a: object, _b: object) -> tuple[object, ...]:
        published = published_mod.given(seed.meta.published, published_mod.IN_METADATA)
        return tuple(tag(seed.text, seed.meta.language or "auto", published))

    functools.reduce(tagged, [0, 0])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("part", choices=("describe", "tag"))
    p.add_argument("--out", type=Path, help="pickle the Documents made (describe)")
    args = p.parse_args(argv)
    texts = list(seeds.iter_seeds(seeds.list_seeds(args.corpus), []))[:200]
    for seed in texts[100:200]:
        corpus.document(seed)
    if args.part == "tag":
        for seed in texts[:100]:
            tag_only(seed)
        return 0
    made = [describe(seed) for seed in texts[:100]]
    if args.out:
        args.out.write_bytes(pickle.dumps(made))
    return 0


if __name__ == "__main__":
    sys.exit(main())
