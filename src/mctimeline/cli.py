"""The `mctimeline` command line: a thin click layer over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from mctimeline import __version__

CALENDAR_CHOICE = click.Choice(["gregorian", "jalali", "hijri"])


QUIET = "mctimeline.quiet"


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error on stderr and exit with `code` (2: the input was bad)."""
    click.echo(f"mctimeline: error: {message}", err=True)
    sys.exit(code)


def quiet() -> bool:
    """Whether --quiet was given, before or after the command name."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(QUIET))


def say(message: str) -> None:
    """A summary or confirmation on stdout, unless --quiet."""
    if not quiet():
        click.echo(message)


def warn(message: str) -> None:
    """A warning on stderr, unless --quiet (errors always go through `fail`)."""
    if not quiet():
        click.echo(f"mctimeline: warning: {message}", err=True)


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta[QUIET] = True  # meta is shared by the group's context and the command's
    return value


quiet_option = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_set_quiet,
    help="No warnings, summaries or progress; errors still go to stderr.",
)


class _UsageError(click.ClickException):
    """A usage error shown as the one line every other error is: `mctimeline: error: ...`, exit 2."""

    exit_code = 2

    def __init__(self, error: click.UsageError) -> None:
        where = error.ctx.command_path if error.ctx is not None else "mctimeline"
        # One line whatever click's message holds (some list suggestions on a second line).
        message = " ".join(error.format_message().split())
        super().__init__(f"{message} (see `{where} --help`)")

    def show(self, file: Any = None) -> None:
        click.echo(f"mctimeline: error: {self.format_message()}", err=True)


class _Group(click.Group):
    """The command group, with click's usage errors (several lines: usage, hint, error) made one line."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError:
            raise  # `mctimeline` alone prints the help, as click does
        except click.UsageError as exc:
            raise _UsageError(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise _UsageError(exc) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mctimeline")
@quiet_option
def main() -> None:
    """Build a timeline of dated events from Persian, Arabic and English news texts.

    Finds every date in the texts, reads it in its own calendar (Jalali, Hijri
    or Gregorian), reconciles the three, and writes a Frictionless data package
    with iCalendar feeds. Run `mctimeline COMMAND --help` for each command.

    \b
    Examples:
      mctimeline convert 1404-03-06 --from jalali
      mctimeline tag seeds/004_092f7c7818d12c39.txt
      mctimeline build                      # seeds/*.txt -> datapackage/
      mctimeline --quiet validate datapackage
      python -m mctimeline --version
    """


@main.command()
@click.argument("value")
@click.option(
    "--from",
    "calendar",
    type=CALENDAR_CHOICE,
    default="gregorian",
    show_default=True,
    help="The calendar VALUE is written in.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@quiet_option
def convert(value: str, calendar: str, as_json: bool) -> None:
    """Show a day, month or year in the Gregorian, Jalali and Hijri calendars.

    VALUE is YYYY-MM-DD, YYYY-MM or YYYY, in ASCII, Persian or Arabic-Indic
    digits. A month or a year is shown as the interval of days it covers in
    each calendar.

    \b
    Examples:
      mctimeline convert 1404-03-06 --from jalali --json
      mctimeline convert 1446-09 --from hijri
      mctimeline convert 2025
    """
    from mctimeline.conversion import convert as do_convert
    from mctimeline.conversion import shown_value

    try:
        result = do_convert(value, calendar)  # type: ignore[arg-type]
    except ValueError as exc:
        fail(f"cannot convert {shown_value(value)} from {calendar}: {exc}")
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        click.echo(result.to_text())


# --- tag (issue 3): owned by the tagger work -----------------------------------


@main.command()
@click.argument("file", required=False, default="-")
@click.option(
    "--lang",
    type=click.Choice(["auto", "fa", "ar", "en"]),
    default="auto",
    show_default=True,
    help="The language of the text; auto decides by its letters and common words.",
)
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="The day the text was published (ISO 8601; a date-time needs its UTC offset): "
    "«yesterday» and days without a year are dated from it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines, one mention per line.")
@quiet_option
def tag(file: str, lang: str, published: str | None, as_json: bool) -> None:
    """Find every date mention in FILE (UTF-8; '-' or nothing: standard input).

    FILE is read as `build` reads a seed: a file that is not UTF-8, is UTF-16 or
    holds a NUL byte is refused with one line naming the byte and line (exit 2).

    Offsets count code points of the text exactly as read (no newline translation),
    so text[start:end] is the mention. Each mention has its calendar, inclusive
    Gregorian bounds, precision, status (ok, inferred, conflict, suspect, invalid,
    unresolved) and a note saying why when the status is not ok.

    News dates what it reports from the day it is published: with --published,
    «أمس», «امروز», "tomorrow" are counted from that day and a day written without
    a year takes the year nearest to it. Without it, a day the text itself dates
    as «today» is used, if any. The first line says which publication day was used.

    \b
    Examples:
      mctimeline tag seeds/004_092f7c7818d12c39.txt --json
      mctimeline tag report.txt --published 2015-08-11
      echo 'از ۲۷ تا ۲۹ مه ۲۰۲۵ (۶ تا ۸ خرداد ۱۴۰۴)' | mctimeline tag - --lang fa
    """
    from mctimeline.published import given
    from mctimeline.seeds import SeedError, decode_seed, has_text, shown
    from mctimeline.tagger import publication_day
    from mctimeline.tagger import tag as do_tag

    try:
        pub = given(published)
    except ValueError as exc:
        fail(f"--published: {exc}")
    name = "standard input" if file == "-" else shown(Path(file))
    try:
        if file == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(file, "rb") as f:
                data = f.read()
    except OSError as exc:
        fail(f"cannot read {name}: {exc.strerror or exc}")
    try:
        # The build's policy for a seed, so that `tag` and `build` agree on what a text is:
        # UTF-8 as is (no newline translation, offsets match the file), no UTF-16, no NUL.
        text, warnings = decode_seed(name, data)
    except SeedError as exc:
        fail(str(exc))
    for warning in warnings:
        warn(warning)
    if not has_text(text):
        warn(f"{name}: no text (empty or only whitespace)")
    mentions = do_tag(text, lang=lang, published=pub)
    if as_json:
        for m in mentions:
            click.echo(json.dumps(m.to_json(), ensure_ascii=False))
        return
    if not mentions:
        click.echo("no date mentions")
        return
    day = publication_day(text, mentions, pub)
    if day is not None:
        click.echo(f"published {day.day} ({'given' if day.basis == 'metadata' else 'read from the text'})")
    for m in mentions:
        words = " ".join(m.text.split())
        bounds = m.start_date if m.start_date == m.end_date else f"{m.start_date}..{m.end_date}"
        row = f"{m.start:>6}-{m.end:<6} {m.status:<9} {m.calendar:<9} {m.precision:<12} {bounds or '-':<22}"
        click.echo(f"{row} «{words}»")
        if m.note:
            click.echo(f"{'':14}{m.note}")


# --- build and validate (issue 4): owned by the builder work --------------------


@main.command()
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
    help="With --engine dask and no --scheduler: workers of the local cluster (default: one per core).",
)
@click.option(
    "--timings",
    is_flag=True,
    help="Also print, on stderr, the seconds each stage took (documents, assemble, each writer, validate).",
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
    folder); the output is byte for byte the single-process build's. On a terminal
    a progress bar shows the documents done and documents per second.

    \b
    Examples:
      mctimeline build --seeds seeds --out datapackage
      mctimeline build --seeds archive.jsonl --out archive-package
      mctimeline build --seeds archive --out archive-package --engine dask --workers 4
      mctimeline build --seeds archive --engine dask --scheduler tcp://10.0.0.5:8786
      mctimeline build --seeds archive --out archive-package --timings
    """
    from mctimeline.builder import BadSeeds, BuildError, InvalidPackage
    from mctimeline.builder import build as do_build

    if scheduler and engine != "dask":
        fail("--scheduler needs --engine dask")
    cluster = {"workers": workers} if engine == "dask" and workers and not scheduler else None
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
        fail(f"the built package is invalid ({_count(exc.problems)}); {out} was left as it was", 1)
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
        click.echo(timings_line(summary.timings), err=True)


def timings_line(figures: tuple[tuple[str, float], ...]) -> str:
    """`timings: documents 12.3 s, assemble 2.1 s, …; total 40.2 s; slowest: feeds` (one line, parseable)."""
    if not figures:
        return "timings: none"
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in figures)
    slowest = max(figures, key=lambda f: f[1])[0]
    return f"timings: {stages}; total {sum(s for _, s in figures):.2f} s; slowest: {slowest}"


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


@main.command()
@click.argument("folder", type=click.Path(path_type=Path), default=Path("datapackage"), required=False)
@quiet_option
def validate(folder: Path) -> None:
    """Check the data package in FOLDER (default: datapackage).

    Runs the Frictionless validation of every table (types, constraints, primary
    and foreign keys), re-parses every .ics feed with two independent strict
    parsers, and checks what they do not: CRLF lines of at most 75 octets,
    UID and DTSTAMP in every event, all-day dates with an exclusive DTEND, the
    feeds' events against events.csv, Jalali and Hijri dates against their
    Gregorian twins. Prints "valid" (nothing with --quiet), or the problems on
    stderr and exits 1.

    \b
    Example:
      mctimeline validate datapackage
    """
    from mctimeline.validate import validate as do_validate

    problems = do_validate(folder)
    if problems:
        for problem in problems:
            click.echo(f"mctimeline: invalid: {problem}", err=True)
        fail(f"{folder}: {_count(problems)}", 1)
    say("valid")


# --- the data dictionary (issue 5) ------------------------------------------------


@main.command()
@click.argument("folder", type=click.Path(path_type=Path), default=Path("datapackage"), required=False)
@click.option(
    "--write",
    "readme",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Replace the section between the data-dictionary markers of this file instead of printing.",
)
@click.option("--check", is_flag=True, help="With --write: change nothing, exit 1 if the section is stale.")
@quiet_option
def dictionary(folder: Path, readme: Path | None, check: bool) -> None:
    """Print the data dictionary of the package in FOLDER as Markdown.

    A table per CSV resource (field, type, required, constraints, description),
    keys, and the other files (feeds, page), all read from FOLDER/datapackage.json.
    The README's copy sits between <!-- data-dictionary --> markers.

    \b
    Examples:
      mctimeline dictionary
      mctimeline dictionary datapackage --write README.md
      mctimeline dictionary --write README.md --check
    """
    from mctimeline.builder import write_whole
    from mctimeline.dictionary import render_folder, replace_section

    try:
        text = render_folder(folder)
    except FileNotFoundError:
        fail(f"{folder}: no datapackage.json here (build one with `mctimeline build`)")
    except (ValueError, KeyError) as exc:
        fail(f"{folder}/datapackage.json: not a data package descriptor: {exc}")
    if readme is None:
        if check:
            fail("--check needs --write FILE: the file whose section to check")
        click.echo(text, nl=False)
        return
    try:
        before = readme.read_text(encoding="utf-8")
        after = replace_section(before, text, str(readme))
    except OSError as exc:
        fail(f"cannot read {readme}: {exc.strerror or exc}")
    except ValueError as exc:
        fail(str(exc))
    if after == before:
        say(f"{readme}: the data dictionary is up to date")
    elif check:
        fail(f"{readme}: the data dictionary is stale: run `mctimeline dictionary --write {readme}`", 1)
    else:
        try:
            write_whole(readme, after.encode("utf-8"))
        except OSError as exc:
            fail(f"cannot write {readme}: {exc.strerror or exc}", 1)
        say(f"{readme}: data dictionary rewritten from {folder}/datapackage.json")


def _count(problems: list[str]) -> str:
    return f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"


# --- plot (issue 5): the SVG timeline of an existing package ---------------------------


@main.command()
@click.argument(
    "package_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("datapackage"),
    required=False,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("timeline.svg"),
    show_default=True,
    help="The SVG file to write.",
)
@quiet_option
def plot(package_dir: Path, output: Path) -> None:
    """Plot the events of the data package in PACKAGE_DIR (default: datapackage) as SVG.

    Reads events.csv and series.csv and draws every event on a time axis, one row
    per conference series and one for the other events; the colour is the status
    (confirmed, inferred, conflict), a light band a month, part of a year or a year.
    The build writes the same picture as timeline.svg inside the package.

    \b
    Example:
      mctimeline plot datapackage -o timeline.svg
    """
    from mctimeline import plot as plot_mod

    try:
        events, series = plot_mod.read_package(package_dir)
    except ValueError as exc:
        fail(str(exc), 1)
    from mctimeline.builder import write_whole
    from mctimeline.ownership import is_signed_file, signed_bytes

    if (output.exists() or output.is_symlink()) and not is_signed_file(output):
        fail(
            f"{output}: exists, and mctimeline did not write it (or it was changed since): "
            "refusing to overwrite it; choose another -o",
            1,
        )
    try:
        write_whole(output, signed_bytes(plot_mod.svg(events, series).encode("utf-8")))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", 1)
    say(f"wrote {output}: {len(events)} events in {len(series) + 1} rows")
