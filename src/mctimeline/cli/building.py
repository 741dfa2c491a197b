"""The `build` command: seeds to a data package, with its progress bar and timings line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from mctimeline.cli.output import count_problems, fail, quiet, quiet_option, say, warn


@click.command()
@click.option(
    "--seeds",
    type=click.Path(path_type=Path),
    default=Path("seeds"),
    show_default=True,
    help="Folder of *.txt source texts (UTF-8), with an optional metadata.csv; "
    "or a corpus file, *.jsonl or *.csv, of records with id and text.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("datapackage"),
    show_default=True,
    help="Folder of the data package; replaced atomically, only by a valid package, and only if it "
    "is new, empty, or a package mctimeline wrote that holds nothing else.",
)
@click.option(
    "--max-seed-bytes",
    type=click.IntRange(min=1),
    default=20_000_000,
    show_default=True,
    help="A larger seed file is refused before it is read.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where texts are tagged: in this process, or on a Dask cluster (pip install 'mctimeline[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: a running scheduler (tcp://host:8786); default: a local cluster.",
)
@click.option(
    "--workers",
    # A bound, so that a typo cannot ask a local cluster for more processes than memory holds.
    type=click.IntRange(min=1, max=1024),
    help="Processes that tag the texts: with --engine local, on this machine (default: one per core"
    " for 200 texts or more); with --engine dask and no --scheduler, the local cluster's workers"
    " (default: one per core).",
)
@click.option(
    "--timings",
    is_flag=True,
    help="Also print, on stderr, the seconds each stage took (documents, assemble, each writer, validate)"
    " and the build's wall time (less than their sum when writers ran side by side).",
)
@quiet_option
def build(
    seeds: Path,
    out: Path,
    max_seed_bytes: int,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    timings: bool,
) -> None:
    """Build the data package and calendar feeds from the texts in SEEDS.

    Tags every date in every *.txt of --seeds, assembles events, writes the CSV
    tables, datapackage.json and the .ics feeds, validates them, and only then
    replaces --out. On any failure --out is left as it was: exit 2 when a seed
    cannot be read, 1 when no valid package could be written.

    Seeds are the *.txt files directly in --seeds, read as UTF-8 (a file that is
    not UTF-8, is UTF-16, holds a NUL byte, is larger than --max-seed-bytes or is
    a symlink stops the build, naming the file, byte and line); empty or
    whitespace-only texts and other entries, subfolders included, are skipped with
    a warning. --out must be new, empty (no entries, hidden ones included) or a
    package that mctimeline wrote and nobody has touched since (its datapackage.json
    signs every file it holds): anything else is refused with exit 1, naming what
    would have been lost, and nothing is deleted.

    A news archive's dates come with it: --seeds DIR may hold metadata.csv (UTF-8,
    header row) with the column file (a *.txt in DIR) and any of published (ISO
    8601: 2015-08-11, or 2015-08-11T09:30+03:00, the day as written), url, outlet,
    title, language (fa, ar, en); --seeds may also be one corpus file, .jsonl (an
    object a line) or .csv, of records with id, text and the same fields. «Yesterday»
    and days without a year are dated from a text's published day. A bad row or
    record stops the build (exit 2), naming the file and line; unknown columns are
    ignored with a warning.

    \b
    metadata.csv:
      file,published,url,outlet,title,language
      0001.txt,2015-08-11T09:30+03:00,https://example.org/0001,Reuters,,ar
    corpus.jsonl:
      {"id": "0001", "text": "…", "published": "2015-08-11", "language": "ar"}

    With --engine dask each text is tagged on a Dask cluster: the texts are read
    here and shipped to the workers (which need mctimeline installed, not the seed
    folder); the output is byte for byte the single-process build's. With the
    default local engine, a corpus of 200 texts or more is tagged by one worker
    process per core (--workers, or MCTIMELINE_WORKERS, sets how many; 1 keeps it in
    this process), with the same bytes. On a terminal
    a progress bar shows the documents done and documents per second.

    \b
    Examples:
      mctimeline build --seeds seeds --out datapackage
      mctimeline build --seeds archive.jsonl --out archive-package
      mctimeline build --seeds archive --out archive-package --engine dask --workers 4
      mctimeline build --seeds archive --engine dask --scheduler tcp://10.0.0.5:8786
      mctimeline build --seeds archive --out archive-package --timings
    """
    if scheduler and engine != "dask":
        fail("--scheduler needs --engine dask")
    if engine == "dask" and not scheduler:
        from mctimeline.daskcluster import start_fork_server

        # The local cluster's workers wait for this server's imports and warm-up, the longest part
        # of the cluster's start: begun now, they run beside this process's imports and listing.
        start_fork_server()
    from mctimeline import corpus, feeds, processes
    from mctimeline.builder import BadSeeds, BuildError, InvalidPackage
    from mctimeline.builder import build as do_build

    try:
        for name in (corpus.WORKERS_ENV, feeds.WORKERS_ENV):
            processes.workers_from_env(name)
    except ValueError as exc:
        fail(str(exc), 2)
    cluster = {"workers": workers} if workers and not scheduler else None
    bar = _ProgressBar() if not quiet() and sys.stderr.isatty() else None
    try:
        summary = do_build(
            seeds, out, max_seed_bytes, engine=engine, scheduler=scheduler, progress=bar, cluster=cluster
        )
    except BadSeeds as exc:
        fail(f"{exc}; {out} was left as it was", 2)
    except InvalidPackage as exc:
        for problem in exc.problems:
            click.echo(f"mctimeline: invalid: {problem}", err=True)
        fail(f"the built package is invalid ({count_problems(exc.problems)}); {out} was left as it was", 1)
    except BuildError as exc:
        fail(f"{exc}; {out} was left as it was", 1)
    except OSError as exc:
        fail(f"cannot write {out}: {exc}; {out} was left as it was", 1)
    except RuntimeError as exc:  # the Dask engine is not installed, or its cluster failed
        fail(f"{exc}; {out} was left as it was", 1)
    finally:
        if bar is not None:
            bar.close()
    for warning in summary.warnings:
        warn(warning)
    say(
        f"wrote {out}: {summary.sources} sources, {summary.mentions} mentions, "
        f"{summary.events} events, {summary.conflicts} conflicts, {summary.unresolved} unresolved, "
        f"{summary.not_happenings} not happenings; "
        f"feeds: {', '.join(summary.feeds) or 'none'}"
    )
    if timings:  # asked for by name, so printed even with --quiet
        click.echo(timings_line(summary.timings, summary.wall), err=True)


def timings_line(figures: tuple[tuple[str, float], ...], wall: float = 0.0) -> str:
    """`timings: documents 12.3 s, assemble 2.1 s, …; total 40.2 s; slowest: feeds` (one line, parseable).

    Each stage's figure is its own wall time. `total` is the build's wall time when `wall`
    is given (else the stages' sum); when stages ran side by side (the views beside the
    feeds), their sum is more than that and is told after it, in brackets.
    """
    if not figures:
        return "timings: none"
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in figures)
    slowest = max(figures, key=lambda f: f[1])[0]
    added = sum(s for _, s in figures)
    total = f"total {wall or added:.2f} s"
    if wall and added - wall >= 0.005:
        total += f" (the stages add up to {added:.2f} s: some ran side by side)"
    return f"timings: {stages}; {total}; slowest: {slowest}"


class _ProgressBar:
    """A click progress bar on stderr, made at the first document, showing documents per second."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._start = 0.0

    def __call__(self, done: int, total: int) -> None:
        import time

        if self._bar is None:
            self._start = time.perf_counter()
            self._bar = click.progressbar(
                length=total,
                label="tagging",
                file=sys.stderr,
                show_pos=True,
                item_show_func=lambda rate: rate,
            )
            self._bar.__enter__()
        elapsed = max(time.perf_counter() - self._start, 1e-9)
        self._bar.update(done - self._bar.pos, f"{done / elapsed:,.0f} docs/s")
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
