"""Builds at the input policy's extremes: 20,000 tiny seed files, and one text just under the size limit.

    python benchmarks/bench_extremes.py [--smoke] [--files 20000] [--megabytes 19] [--only files|text]

Issue 13's survey: `mctimeline build` on `--files` seeds of one sentence and one date
each (Persian and English, written here from Python's datetime), and on a single seed
of `--megabytes` MB (just under the 20 MB `--max-seed-bytes` default) made of synth.py's
documents run together. Each build runs in a child (`python -m mctimeline build
--timings`); its wall time and peak resident memory (wait4's ru_maxrss) are measured,
beside a child that reads, decodes and SHA-256-hashes the same files (bench_build.py's
peer). The single text is also built as the same documents in one file each, so its
ratio says what being one text costs (1× would be no cost at all).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

import _bench
import bench_build
import synth

# The Gregorian months as Persian news writes them; English ones from calendar below.
PERSIAN_MONTHS = (
    *("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن"),
    *("ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"),
)
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def tiny_text(i: int) -> str:
    import calendar

    day = dt.date(1995, 1, 1) + dt.timedelta(days=i % 12_000)
    if i % 2:
        month = calendar.month_name[day.month]
        return f"The delegation number {i} arrived in Moscow on {day.day} {month} {day.year}.\n"
    words = f"هیئت شماره {i} روز {day.day} {PERSIAN_MONTHS[day.month - 1]} {day.year} وارد مسکو شد.\n"
    return words.translate(PERSIAN_DIGITS)


def write_tiny(folder: Path, files: int) -> int:
    folder.mkdir(parents=True)
    size = 0
    for i in range(files):
        data = tiny_text(i).encode("utf-8")
        (folder / f"{i:06d}.txt").write_bytes(data)
        size += len(data)
    return size


def write_big(one: Path, many: Path, limit: int, seed: int) -> tuple[int, int]:
    """synth.py's documents, blank-line separated, in one file of at most `limit` bytes, and one by one."""
    one.mkdir(parents=True)
    many.mkdir(parents=True)
    parts, size = [], 0
    for n, doc in enumerate(synth.generate(10**9, seed)):
        data = (doc.text + "\n\n").encode("utf-8")
        if size + len(data) > limit:
            break
        parts.append(data)
        size += len(data)
        (many / f"doc_{n:07d}.txt").write_bytes(data)
    (one / "big.txt").write_bytes(b"".join(parts))
    return size, len(parts)


def build(seeds: Path, out: Path) -> bench_build.Run:
    return bench_build.run_child(bench_build.command("build", "local", 1, seeds, out))


def measure(label: str, seeds: Path, out: Path, rows: list[_bench.Row], notes: list[str]) -> float | None:
    peer = bench_build.best_run([sys.executable, "-c", bench_build.PEER, str(seeds)], 2)
    ours = build(seeds, out)
    if ours.returncode != 0:
        tail = " | ".join(ours.stderr.strip().splitlines()[-3:])
        notes.append(f"{label}: FAILED (exit {ours.returncode}): {tail}")
        return None
    timings = bench_build.parse_timings(ours.stderr)
    if timings:
        notes.append(bench_build.timings_note(label, timings))
    rows.append(
        _bench.Row(f"build, {label}", ours.seconds, "s", "read + SHA-256", peer.seconds, lower_is_better=True)
    )
    rows.append(
        _bench.Row(
            f"peak memory, {label}",
            ours.max_rss,
            "bytes",
            "1 GiB",
            bench_build.GIB,
            target=1,
            lower_is_better=True,
            note=f"read + SHA-256 peaks at {_bench.human(peer.max_rss)}B",
        )
    )
    return ours.seconds


def main(argv: list[str] | None = None) -> int:
    p = _bench.parser(__doc__.split("\n\n")[0])
    p.add_argument("--files", type=int, default=20_000, help="tiny seed files (default 20,000)")
    p.add_argument("--megabytes", type=float, default=19, help="size of the single text in MB (default 19)")
    p.add_argument("--only", choices=("files", "text"), help="only one of the two builds")
    args = p.parse_args(argv)
    files = 100 if args.smoke else args.files
    limit = 50_000 if args.smoke else int(args.megabytes * 1_000_000)

    work = Path(tempfile.mkdtemp(prefix="mctimeline-bench-extremes-"))
    rows: list[_bench.Row] = []
    notes: list[str] = []
    try:
        if args.only != "text":
            size = write_tiny(work / "tiny", files)
            notes.append(f"tiny files: {files:,} files, {size:,} bytes")
            measure(f"{files:,} tiny files", work / "tiny", work / "tiny-package", rows, notes)
        if args.only != "files":
            size, docs = write_big(work / "one", work / "many", limit, args.seed)
            label = f"one text of {size / 1e6:.3g} MB"
            notes.append(f"{label}: {docs:,} synthetic documents run together")
            one = measure(label, work / "one", work / "one-package", rows, notes)
            many_label = f"the same {docs:,} documents as files"
            many = measure(many_label, work / "many", work / "many-package", rows, notes)
            if one and many:
                rows.append(
                    _bench.Row(
                        f"{label} vs its documents as {docs:,} files",
                        one,
                        "s",
                        f"{docs:,} files",
                        many,
                        lower_is_better=True,
                        note="what being one text costs: 1× is nothing",
                    )
                )
    finally:
        _bench.print_table("Builds at the input policy's extremes", rows, notes)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
