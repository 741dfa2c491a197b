"""Run every benchmark, one after another, and print all their tables.

    python benchmarks/run_all.py [--smoke] [--sizes 1000,10000,100000] [--engine both] [--profile]

`--sizes`, `--engine`, `--profile` and `--keep` are passed to bench_build.py: issue 7's full table
is `--sizes 1000,10000,100000 --engine both --profile` (hours on two cores).

Exits non-zero only if a script crashed; a target that is not met is a figure in
its table, not a failure.
"""

from __future__ import annotations

import subprocess
import sys
import time

import _bench

SCRIPTS = (
    "bench_convert.py",
    "bench_tag.py",
    "bench_tag_growth.py",
    "bench_feeds.py",
    "bench_startup.py",
    "bench_build.py",
    "bench_extremes.py",
)


def main(argv: list[str] | None = None) -> int:
    p = _bench.parser(__doc__.split("\n\n")[0])
    p.add_argument("--sizes", help="corpus sizes for bench_build.py (its default when not given)")
    p.add_argument("--engine", choices=("local", "dask", "both"), help="bench_build.py's --engine")
    p.add_argument("--profile", action="store_true", help="bench_build.py's --profile (the slowest stage)")
    p.add_argument("--keep", help="bench_build.py's --keep: keep (and reuse) its corpora and packages here")
    args = p.parse_args(argv)
    failed = []
    for script in SCRIPTS:
        cmd = [sys.executable, str(_bench.ROOT / "benchmarks" / script), "--seed", str(args.seed)]
        if args.smoke:
            cmd.append("--smoke")
        if script == "bench_build.py" and args.sizes and not args.smoke:
            cmd += ["--sizes", args.sizes]
        if script == "bench_build.py" and args.engine:
            cmd += ["--engine", args.engine]
        if script == "bench_build.py" and args.profile:
            cmd.append("--profile")
        if script == "bench_build.py" and args.keep:
            cmd += ["--keep", args.keep]
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=_bench.ROOT, check=False)
        print(f"  ({script}: {time.perf_counter() - start:.1f} s, exit {result.returncode})", flush=True)
        if result.returncode != 0:
            failed.append(script)
    if failed:
        print(f"run_all: these benchmarks crashed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
