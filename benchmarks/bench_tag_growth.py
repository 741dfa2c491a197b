"""How tagging time grows with the text on pathological texts, against a plain `re` scan of the same texts.

    python benchmarks/bench_tag_growth.py [--smoke] [--small 100000] [--large 1000000]

Each text is one short unit repeated to `--small` and to `--large` characters (100 KB
and 1 MB: issue 13). The figure is time(large) / time(small) for
`mctimeline.tagger.tag`; the peer's is the same ratio for a bare `re` scan for runs of
digits over the same two texts, measured in the same run. Linear growth is the size
ratio (10×) for both; the ratio column is the peer's growth over ours, so about 1×
means the tagger grows as a regex scan does, and a quadratic tagger would show about
0.1×. Target: ≥ 0.667× (our growth within 1.5× of the scan's). The units are the
issue's («۱۴۰۴ » repeated, digits and «تا» alternating, numeric dates, Hijri years)
and one for each look-back the tagger makes (echoes, anaphora, year anaphora and
«today + weekday» with no antecedent), each of which was quadratic before.
tests/test_tagger_scaling.py checks the same texts by counting lines run, not time.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import _bench

DIGIT_RUN = re.compile(r"[0-9\u06f0-\u06f9\u0660-\u0669]+")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def repeated(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def counting_with_ta(size: int) -> str:
    """«۱ تا ۲ تا ۳ تا … ۳۱ تا ۱ تا …» up to `size` characters: day numbers and «تا» alternating.

    The numbers run 1-31 and again, so the small and the large text are the same kind
    of text (counting on, the large one would reach years, then numbers of 5 digits).
    """
    cycle = "".join(f"{n} تا " for n in range(1, 32)).translate(PERSIAN)
    return repeated(cycle)(size)


TEXTS: dict[str, Callable[[int], str]] = {
    "«۱۴۰۴ » repeated": repeated("۱۴۰۴ "),
    "«۱ تا ۲ تا … ۳۱ تا » repeated": counting_with_ta,
    "«۱۴۰۴/۰۱/۰۱ » repeated": repeated("۱۴۰۴/۰۱/۰۱ "),
    "«١٤٤٦ هـ » repeated": repeated("١٤٤٦ هـ "),
    "ranges «۲۷ تا ۲۹ مه ۲۰۲۵ »": repeated("۲۷ تا ۲۹ مه ۲۰۲۵ "),
    "echoes with no antecedent": repeated("نشست ۲۷ مه ۲۰۲۵ و پیمان ژانویه. "),
    "anaphora with no antecedent": repeated("واستمر حتى يوم 25 من الشهر ذاته. "),
    "year anaphora with no antecedent": repeated("نرخ بهره در ژوئن همان سال کاهش یافت. "),
    "todays and yearless dates": repeated("امروز سه‌شنبه است. نشست ۲۷ مه. "),
}


def main(argv: list[str] | None = None) -> int:
    p = _bench.parser(__doc__.split("\n\n")[0])
    p.add_argument("--small", type=int, default=100_000, help="characters of the small text (100,000)")
    p.add_argument("--large", type=int, default=1_000_000, help="characters of the large text (1,000,000)")
    args = p.parse_args(argv)
    # Smoke: not smaller than 20,000 characters, below which a text's tokens fit in the
    # CPU's caches and tagging runs faster per character than on any larger text.
    small, large = (20_000, 200_000) if args.smoke else (args.small, args.large)
    repeat = 3

    from mctimeline.tagger import tag

    rows: list[_bench.Row] = []
    notes = [f"sizes: {small:,} and {large:,} characters (×{large / small:g}); best of {repeat} each"]
    for name, make in TEXTS.items():
        a, b = make(small), make(large)
        ours = [_bench.best_seconds(lambda t=t: tag(t), repeat=repeat, min_time=0.2) for t in (a, b)]
        scan = [
            _bench.best_seconds(lambda t=t: DIGIT_RUN.findall(t), repeat=repeat, min_time=0.05)
            for t in (a, b)
        ]
        mentions = len(tag(b))
        rows.append(
            _bench.Row(
                f"growth, {name}",
                ours[1] / ours[0],
                "× time",
                "re digit-run scan",
                scan[1] / scan[0],
                target=1 / 1.5,
                lower_is_better=True,
                note=f"{ours[0]:.3f} s → {ours[1]:.3f} s ({large / ours[1] / 1e6:.2f} M chars/s), "
                f"{mentions:,} mentions in the large text",
            )
        )
    title = "Tagging time growth on pathological texts: mctimeline.tagger vs a re scan"
    _bench.print_table(title, rows, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
