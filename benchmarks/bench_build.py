"""End-to-end build time and peak memory on synthetic corpora, against reading and hashing the same files.

    python benchmarks/bench_build.py [--smoke] [--sizes 1000,10000,100000] [--keep DIR] [--profile]
                                     [--engine local|dask|both] [--workers 2] [--stage build|pipeline]

For each size N, synth.py writes N documents (seeded, so the same corpus every run)
and `python -m mctimeline build --seeds DIR --out OUT` runs in a child process; its
wall time and peak resident memory (ru_maxrss from wait4) are measured. The peer is
a child that reads every file of the same corpus, decodes it and hashes it with
SHA-256: the least any build must do. Per-document time is the wall time less the
start-up of `python -m mctimeline --version`, over N. Issue 17's targets: the largest
run's per-document time within 1.2x of the smallest's, peak memory under 1 GB, and
100,000 documents in under 10 minutes (projected on the line through the two largest
runs when they are smaller; so is a million).

`--stage pipeline` times the streaming pipeline alone (list, read one text at a time,
tag, describe, assemble the Timeline: corpus.documents + corpus.timeline), without
the writers and the validation of the package. `--engine dask` builds on a local
Dask cluster of `--workers` worker processes; `--engine both` builds each size both
ways and reports the Dask build's speed-up over the local one (issue 7's target: at
least 1.6x with two workers on the largest corpus). The local engine tags a corpus
of 200 texts or more on one worker process per core (corpus.local_documents), and
writes feeds and validates on helper processes too, so `--engine both` also builds
pinned to one CPU ("single"): the peer of Dask's target, and a "cores" row: two busy
processes at once against the same in turn, what the two CPUs can give at all while
the machine is shared. Peak memory of a Dask run is the largest of the client and the
workers it waited for, not their sum.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import _bench
import synth

from mctimeline import store

PEER = """
import hashlib, sys
from pathlib import Path
total = hashlib.sha256()
for path in sorted(Path(sys.argv[1]).glob('*.txt')):
    data = path.read_bytes()
    data.decode('utf-8')
    total.update(hashlib.sha256(data).digest())
print(total.hexdigest())
"""
GIB = 1 << 30
PIPELINE = """
import sys
from pathlib import Path
from mctimeline import corpus, seeds
from mctimeline.builder import gazetteer_series
listing = seeds.list_seeds(Path(sys.argv[1]))
engine = "dask" if sys.argv[2] == "dask" else "local"
options = {"workers": int(sys.argv[3])} if engine == "dask" else {}
docs = corpus.documents(seeds.iter_seeds(listing, []), engine, None, **options)
timeline = corpus.timeline(docs, gazetteer_series())
print(len(timeline.sources), len(timeline.mentions), len(timeline.events))
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss: int  # bytes
    returncode: int
    stderr: str


def run_child(args: list[str]) -> Run:
    """Run a child process; its wall time, peak RSS (from wait4, this child only) and exit code."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, cwd=_bench.ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Run(seconds, rss, proc.returncode, stderr)


def best_run(args: list[str], repeat: int) -> Run:
    runs = [run_child(args) for _ in range(repeat)]
    failed = [r for r in runs if r.returncode != 0]
    if failed:
        return failed[0]
    return min(runs, key=lambda r: r.seconds)


def parse_timings(stderr: str) -> dict[str, float]:
    """The stages of `mctimeline build --timings`'s line on stderr: {stage: seconds}, in order."""
    for line in stderr.splitlines():
        if line.startswith("timings: ") and line != "timings: none":
            stages = line.removeprefix("timings: ").split("; ")[0]
            return {name: float(sec) for name, sec, _ in (part.rsplit(" ", 2) for part in stages.split(", "))}
    return {}


def timings_note(label: str, timings: dict[str, float]) -> str:
    total = sum(timings.values())
    parts = ", ".join(f"{name} {sec:.1f} s ({sec / total:.0%})" for name, sec in timings.items())
    return f"{label}, stages: {parts}; slowest: {max(timings, key=timings.__getitem__)}"


def profile_stage(corpus: Path, docs: int, stage: str, top: int = 12) -> str:
    """cProfile of one build stage on the first `docs` texts, after a warm-up.

    `documents` and `assemble` profile the pipeline (tag, describe, assemble); a writer
    stage profiles that writer on the pipeline's timeline; `validate` profiles the
    validation of the written package. Two views: mctimeline's own functions by
    cumulative time, then every function by its own time.
    """
    from mctimeline import builder, feeds, package, page, plot, seeds, timelinejs
    from mctimeline.validate import validate

    texts, _ = seeds.read_seeds(corpus)
    texts = texts[:docs]  # cProfile slows the pipeline several times over
    builder.make_timeline(texts[:3])  # compile patterns and load lexicons outside the profile
    timeline = None if stage in ("documents", "assemble") else builder.make_timeline(texts)
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if timeline is None:
            profiler.runcall(builder.make_timeline, texts)
        elif stage == "validate":
            builder.write_timeline(timeline, folder / "package")
            # Validation's parses run in helper processes, which this profiler cannot see:
            # profiled with no helpers, every task is made here and shows what it costs.
            import mctimeline.validate

            helpers, mctimeline.validate._helpers = mctimeline.validate._helpers, lambda size: 0
            try:
                profiler.runcall(validate, folder / "package")
            finally:
                mctimeline.validate._helpers = helpers
        else:
            feed_files = feeds.write_feeds(folder, timeline) if stage == "package" else None
            writers = {
                "feeds": lambda: feeds.write_feeds(folder, timeline),
                "page": lambda: page.write_pages(folder, timeline),
                "timelinejs": lambda: timelinejs.write_timelinejs(folder, timeline),
                "plot": lambda: plot.write_plot(folder, timeline),
                "package": lambda: package.write_package(
                    folder,
                    timeline,
                    feed_files or [],
                    [
                        *page.write_pages(folder, timeline),
                        timelinejs.write_timelinejs(folder, timeline),
                        plot.write_plot(folder, timeline),
                    ],
                ),
            }
            whole = lambda: builder.write_timeline(timeline, folder / "package")  # noqa: E731
            profiler.runcall(writers.get(stage, whole))  # "swap": the whole write
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"mctimeline[/\\]", top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


PIPE_NOTE = "the streaming pipeline alone (list, read, tag, describe, assemble; no writers, no validation)"


# The child pinned to one CPU, then the command run in its place: the build and every helper
# process it starts (feeds, validation) inherit that one CPU, so the whole build runs as a
# single process would, and sizes its pools to one core (it reads its affinity, not the
# machine's core count).
ONE_CORE = """
import os, sys
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
"""


# A process that keeps one CPU busy for a fixed amount of pure-Python work (what tagging,
# the feeds' workers and validation's helpers are), for the "cores" row.
BUSY = "sum(i * i for i in range(int(__import__('sys').argv[1])))"


def cores_row(loops: int) -> _bench.Row:
    """Two busy processes at once against the same two in turn: the most that running on
    two CPUs can give at all, as the machine is now (other work shares it too).

    Wall times, so the ratio is near 2× on two idle cores and near 1× when others' work
    already takes them; no build can beat it by using the cores better."""
    busy = [sys.executable, "-c", BUSY, str(loops)]
    start = time.perf_counter()
    for _ in range(2):
        run_child(busy)
    in_turn = time.perf_counter() - start
    start = time.perf_counter()
    procs = [subprocess.Popen(busy) for _ in range(2)]
    for proc in procs:
        proc.wait()
    at_once = time.perf_counter() - start
    return _bench.Row(
        "cores: two busy processes at once vs in turn",
        at_once,
        "s",
        "the same in turn",
        in_turn,
        lower_is_better=True,
        note=f"load average {os.getloadavg()[0]:.1f}: 2× on two idle cores; the ceiling of every"
        " speed-up above, whatever the build does",
    )


def command(stage: str, engine: str, workers: int, corpus: Path, out: Path) -> list[str]:
    """The child's command line: `mctimeline build`, or the pipeline without the writers.

    Engine `single` is the local engine on one CPU (`ONE_CORE`), the peer Dask's speed-up
    is measured against."""
    if stage == "pipeline":
        cmd = [sys.executable, "-c", PIPELINE, str(corpus), engine, str(workers)]
    else:
        cmd = [sys.executable, "-m", "mctimeline", "--quiet", "build"]
        cmd += ["--seeds", str(corpus), "--out", str(out)]
        cmd.append("--timings")  # one line on stderr: the seconds of each stage
        if engine == "dask":
            cmd += ["--engine", "dask", "--workers", str(workers)]
    if engine == "single":
        return [sys.executable, "-c", ONE_CORE, *cmd[1:]]
    return cmd


def speedup_rows(
    engine: str, n: int, seconds: dict[tuple[str, int], float], workers: int
) -> list[_bench.Row]:
    """Once `engine`'s build of `n` docs is in, its speed-up rows: Dask over the local engine (no
    target: on one machine both use every core for the feeds and the validation), and the local
    engine and Dask over the single process (Dask's is issue 17's target)."""
    dask = f"dask ({workers} workers)"
    pairs = (  # (the run that completes the pair, ours, peer, label, peer's name, target, note)
        ("dask", "dask", "local", f"{dask} vs local engine", "local engine", None,
         "both engines tag, write feeds and validate on one process per core;"
         " the local engine's tagging workers are a process pool, Dask's a cluster"),
        ("single", "local", "single", "local engine (every core) vs the single process",
         "local engine, one core", None,
         "the same build pinned to one CPU: what the cores of one machine give"),
        ("single", "dask", "single", f"{dask} vs the single process", "local engine, one core", 1.6,
         "the peer is the same build pinned to one CPU, its helper processes with it"),
    )  # fmt: skip
    return [
        _bench.Row(
            f"{label}, {n:,} docs",
            seconds[(ours, n)],
            "s",
            peer_name,
            seconds[(peer, n)],
            target=target,
            lower_is_better=True,
            note=note,
        )
        for last, ours, peer, label, peer_name, target, note in pairs
        if engine == last and (ours, n) in seconds and (peer, n) in seconds
    ]


# Issue 17's archive: 100,000 documents in under 10 minutes and 1 GiB; and a million, told.
PROJECTED = ((100_000, 600.0, GIB), (1_000_000, None, None))


def projected_rows(seconds: dict[tuple[str, int], float], peaks: dict[int, float]) -> list[_bench.Row]:
    """The local build's time and peak memory at PROJECTED sizes, on the straight line through
    the two largest runs (time and memory both grow linearly in the corpus, as measured)."""
    sizes = sorted(n for engine, n in seconds if engine == "local" and n in peaks)
    if len(sizes) < 2:
        return []
    n1, n2 = sizes[-2], sizes[-1]
    rows = []
    for n, limit_s, limit_b in PROJECTED:
        if n <= n2:
            continue  # measured, not projected
        basis = f"projected on the line through the {n1:,}- and {n2:,}-doc runs"
        threshold = store.store_min_docs()
        if n2 < threshold <= n:
            # The runs kept every mention and event in memory; a build this large parks them
            # in the scratch store, so its memory grows less than this line says.
            basis += (
                f" (without the scratch store, which a build of {threshold:,} documents or more"
                " uses: run with MCTIMELINE_STORE_DOCS=0 for the line such a build follows)"
            )
        for label, unit, ys, limit, peer in (
            (
                f"build, {n:,} docs (projected)",
                "s",
                (seconds[("local", n1)], seconds[("local", n2)]),
                limit_s,
                "10 minutes",
            ),
            (f"peak memory, {n:,} docs (projected)", "bytes", (peaks[n1], peaks[n2]), limit_b, "1 GiB"),
        ):
            slope = (ys[1] - ys[0]) / (n2 - n1)
            value = ys[1] + slope * (n - n2)
            rows.append(
                _bench.Row(
                    label,
                    value,
                    unit,
                    peer if limit is not None else "",
                    limit,
                    target=1 if limit is not None else None,
                    lower_is_better=True,
                    note=f"{basis}: {_bench.human(slope)}{unit[0] if unit == 's' else 'B'} a document",
                )
            )
    return rows


def validation_rows(
    n: int, package: Path, build: Run, timings: dict[str, float], startup: float, repeat: int
) -> tuple[list[_bench.Row], Run]:
    """`mctimeline validate` of the package just built, in a child of its own: its time
    against the rest of the build's (the build's stages less its own validation) and its
    peak memory against the build's."""
    run = best_run([sys.executable, "-m", "mctimeline", "--quiet", "validate", str(package)], repeat)
    # Stages that ran side by side add up to more than the build took: its wall time caps them.
    rest = sum(s for name, s in timings.items() if name != "validate") or build.seconds
    rest = min(rest, build.seconds - timings.get("validate", 0.0))
    feeds = sum(p.stat().st_size for p in package.glob("*.ics"))
    rows = [
        _bench.Row(
            f"validation, {n:,} docs",
            run.seconds,
            "s",
            "build less validation",
            rest,
            lower_is_better=True,
            note=f"exit {run.returncode}; {len(list(package.glob('*.ics')))} feeds, {_bench.human(feeds)}B;"
            f" {max(run.seconds - startup, 1e-9) / n * 1e3:.2f} ms a document",
        ),
        _bench.Row(
            f"validation peak memory, {n:,} docs",
            run.max_rss,
            "bytes",
            "build's peak",
            build.max_rss,
            lower_is_better=True,
            note="the largest of the validating process and its helpers, not their sum",
        ),
    ]
    return rows, run


def validation_growth(validations: dict[int, Run], startup: float) -> list[_bench.Row]:
    """Validation's per-document time and its peak memory at the largest size against the smallest's."""
    if len(validations) < 2:
        return []
    small, large = min(validations), max(validations)
    per_doc = {n: max(r.seconds - startup, 1e-9) / n for n, r in validations.items()}
    return [
        _bench.Row(
            f"per-doc validation time flatness, {large:,} vs {small:,}",
            per_doc[large],
            "s/doc",
            f"{small:,}-doc run",
            per_doc[small],
            target=1 / 1.2,
            lower_is_better=True,
            note="ratio ≥ 0.833×: the large run within 1.2× of the small run per document",
        ),
        _bench.Row(
            f"validation peak memory growth, {large:,} vs {small:,}",
            validations[large].max_rss,
            "bytes",
            f"{small:,}-doc run",
            validations[small].max_rss,
            lower_is_better=True,
            note=f"{large / small:g}× the documents; constant memory is a ratio near 1×",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    p = _bench.parser(__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes (default 100,1000)")
    p.add_argument("--keep", type=Path, help="keep the corpora and packages under this folder")
    p.add_argument("--repeat", type=int, default=1, help="runs per size, best kept (default 1)")
    p.add_argument(
        "--profile",
        action="store_true",
        help="also profile the slowest stage of the largest build (the pipeline with --stage pipeline)",
    )
    p.add_argument("--profile-docs", type=int, default=500, help="documents profiled (default 500)")
    p.add_argument(
        "--engine", choices=("local", "dask", "both"), default="local", help="where texts are tagged"
    )
    p.add_argument("--workers", type=int, default=2, help="Dask workers of the local cluster (default 2)")
    p.add_argument(
        "--stage",
        choices=("build", "pipeline"),
        default="build",
        help="the whole build (default), or the streaming pipeline without the writers",
    )
    args = p.parse_args(argv)
    sizes = [10, 40] if args.smoke else sorted(int(s) for s in args.sizes.split(",") if s.strip())
    if args.smoke and args.engine != "local":
        sizes = sizes[:1]  # a Dask cluster's start-up dwarfs the documents: one size shows it works
    # Dask's speed-up is measured against the local engine on two cores and on one (the single
    # process of issue 17's target), so "both" builds three ways.
    engines = ("local", "dask", "single") if args.engine == "both" else (args.engine,)

    work = args.keep or Path(tempfile.mkdtemp(prefix="mctimeline-bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    startup = best_run([python, "-m", "mctimeline", "--version"], 3).seconds
    rows: list[_bench.Row] = []
    what = "build" if args.stage == "build" else "pipeline"
    notes = [
        f"start-up of `python -m mctimeline --version`: {startup * 1e3:.0f} ms (subtracted per document)",
        f"stage: {'the whole build (tag, assemble, write, validate)' if what == 'build' else PIPE_NOTE}",
        f"engine: {args.engine}" + (f", {args.workers} local Dask workers" if args.engine != "local" else ""),
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start",
    ]
    per_doc: dict[int, float] = {}
    peaks: dict[int, float] = {}  # of the local engine's builds
    validations: dict[int, Run] = {}
    slowest = "documents"  # of the last single-process run: what --profile profiles
    seconds: dict[tuple[str, int], float] = {}
    try:
        for n in sizes:
            corpus = work / f"corpus-{n}"
            if not (corpus / f"doc_{n - 1:07d}.txt").is_file():
                shutil.rmtree(corpus, ignore_errors=True)
                chars = synth.write_corpus(corpus, n, args.seed)
            else:
                chars = sum(len(f.read_text(encoding="utf-8")) for f in corpus.glob("*.txt"))
            peer = best_run(
                [python, "-c", PEER, str(corpus)], max(args.repeat, 2)
            )  # the first warms the cache
            notes.append(f"{n:,} docs: {chars:,} characters")
            for engine in engines:
                suffix = {"dask": ", dask", "single": ", one core"}.get(engine, "")
                label = f"{what}{suffix}, {n:,} docs"
                ours = best_run(
                    command(args.stage, engine, args.workers, corpus, work / f"package-{n}"), args.repeat
                )
                if ours.returncode != 0:
                    tail = " | ".join(ours.stderr.strip().splitlines()[-3:])
                    notes.append(f"{label}: FAILED (exit {ours.returncode}): {tail}")
                    continue
                seconds[(engine, n)] = ours.seconds
                timings = parse_timings(ours.stderr)
                if timings:
                    notes.append(timings_note(label, timings))
                    if engine == "local":
                        slowest = max(timings, key=timings.__getitem__)
                rows.append(
                    _bench.Row(label, ours.seconds, "s", "read + SHA-256", peer.seconds, lower_is_better=True)
                )
                if engine == "local":
                    per_doc[n] = max(ours.seconds - startup, 1e-9) / n
                    peaks[n] = ours.max_rss
                    rows.append(_bench.Row(f"per document, {label}", per_doc[n], "s/doc"))
                if engine == "local" and args.stage == "build":
                    checked = validation_rows(n, work / f"package-{n}", ours, timings, startup, args.repeat)
                    rows += checked[0]
                    validations[n] = checked[1]
                rows.append(
                    _bench.Row(
                        f"peak memory, {label}",
                        ours.max_rss,
                        "bytes",
                        "1 GiB",
                        GIB,
                        target=1,
                        lower_is_better=True,
                        note=f"read + SHA-256 peaks at {_bench.human(peer.max_rss)}B",
                    )
                )
                rows += speedup_rows(engine, n, seconds, args.workers)
            if args.engine == "both":  # measured beside each size's speed-ups, as loaded as they were
                rows.append(cores_row(200_000 if args.smoke else 30_000_000))
        if len(per_doc) >= 2:
            small, large = min(per_doc), max(per_doc)
            # Flat means the large run's per-document time is at most 1.2 times the small run's.
            rows.append(
                _bench.Row(
                    f"per-doc {what} time flatness, {large:,} vs {small:,}",
                    per_doc[large],
                    "s/doc",
                    f"{small:,}-doc run",
                    per_doc[small],
                    target=1 / 1.2,
                    lower_is_better=True,
                    note="ratio ≥ 0.833×: the large run within 1.2× of the small run per document",
                )
            )
            rows += projected_rows(seconds, peaks)
        rows += validation_growth(validations, startup)
        if args.profile and sizes:
            notes.append(
                f"a profile of the slowest stage ({slowest}) on {args.profile_docs} documents follows"
            )
    finally:
        _bench.print_table("Build: end to end, synthetic corpora", rows, notes)
        if args.profile and sizes and (work / f"corpus-{sizes[-1]}").is_dir():
            print(profile_stage(work / f"corpus-{sizes[-1]}", args.profile_docs, slowest))
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
