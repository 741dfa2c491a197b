"""Importing this module loads and warms the per-document stage: what a worker forked after it need not redo.

The Dask engine's local cluster forks its workers from a server that imported this
module once (daskcluster), and a cluster's workers may preload it
(`dask worker --preload mctimeline.warmup`): the first text a worker tags then costs
what any other does, instead of the tagger's imports and first calls (0.23 + 0.31 s of
CPU in every worker). Nothing it computes is kept but the caches the stage fills anyway.
"""

from __future__ import annotations

from mctimeline.corpus import document
from mctimeline.seeds import SeedText

# One short dateline-and-sentence text per language the tagger reads: each language's
# words, numerals and calendars are loaded when first met. What they say is never kept.
_SAMPLES = (
    ("en", "Geneva - 3 March 2025\nThe talks resumed on Monday and will end in May."),
    ("fa", "تهران - ۱۲ اسفند ۱۴۰۳\nنشست دوشنبه از سر گرفته شد و تا اردیبهشت ادامه دارد."),
    ("ar", "القاهرة - ١٥ رمضان ١٤٤٦\nاستؤنفت المحادثات يوم الاثنين وتستمر حتى شهر مايو."),
)


def warm() -> None:
    """Tag and describe one sample text per language, discarding the Documents."""
    for name, text in _SAMPLES:
        data = text.encode("utf-8")
        document(SeedText(name, f"warmup/{name}.txt", data, text))


warm()
