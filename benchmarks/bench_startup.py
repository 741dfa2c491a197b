"""Start-up: `mctimeline --help`, `convert` and `tag` against a bare click command, and what they import.

    python benchmarks/bench_startup.py [--smoke] [--repeat N]

Each command runs in a fresh child process (best of N wall times). The peer is a
click group with one command and nothing else imported. Issue 7's target: `--help`
within 1.5x of the bare command. Heavy libraries that these commands should not
import (frictionless, icalendar, pandas, numpy) are listed when they are.
"""

from __future__ import annotations

import subprocess
import sys
import time

import _bench

BARE_CLICK = """
import click
@click.group()
def main():
    "A bare command."
@main.command()
def hello():
    "Say hello."
main()
"""
HEAVY = ("frictionless", "icalendar", "pandas", "numpy")
IMPORTS = """
import sys
from mctimeline.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("HEAVY:" + ",".join(m for m in {heavy!r} if m in sys.modules))
"""


def wall(args: list[str], repeat: int, stdin: str = "") -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, input=stdin, capture_output=True, text=True, cwd=_bench.ROOT, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def heavy_imports(args: list[str], stdin: str = "") -> str:
    code = IMPORTS.format(heavy=HEAVY)
    out = subprocess.run(
        [sys.executable, "-c", code, *args], input=stdin, capture_output=True, text=True, cwd=_bench.ROOT
    )
    marked = [line for line in out.stdout.splitlines() if line.startswith("HEAVY:")]
    return marked[-1].removeprefix("HEAVY:") if marked else "(unknown: the command failed)"


def main(argv: list[str] | None = None) -> int:
    p = _bench.parser(__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=10, help="runs per command, best kept (default 10)")
    args = p.parse_args(argv)
    repeat = 3 if args.smoke else args.repeat
    py = sys.executable
    bare = wall([py, "-c", BARE_CLICK, "--help"], repeat)
    sample = "در ۶ خرداد ۱۴۰۴ گفت"
    commands = {
        "mctimeline --help": ([], ""),
        "mctimeline convert": (["convert", "2025-05-27"], ""),
        "mctimeline tag (stdin)": (["tag", "-"], sample),
    }
    rows, notes = [], []
    for name, (cli_args, stdin) in commands.items():
        seconds = wall([py, "-m", "mctimeline", *(cli_args or ["--help"])], repeat, stdin)
        target = 1 / 1.5 if name.endswith("--help") else None
        rows.append(
            _bench.Row(name, seconds, "s", "bare click --help", bare, target=target, lower_is_better=True)
        )
        heavy = heavy_imports(cli_args or ["--help"], stdin)
        notes.append(f"{name} imports: {heavy or 'none of ' + ', '.join(HEAVY)}")
    notes.append(f"best of {repeat} runs each; the --help target (within 1.5×) is a ratio ≥ 0.667×")
    _bench.print_table("Start-up: the CLI vs a bare click command", rows, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
