"""The commands over a built package: `validate` it, print its data `dictionary`, `plot` its events."""

from __future__ import annotations

from pathlib import Path

import click

from mctimeline.cli.output import count_problems, fail, quiet_option, say

# --- validate (issue 4): owned by the builder work ------------------------------------


@click.command()
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
        fail(f"{folder}: {count_problems(problems)}", 1)
    say("valid")


# --- the data dictionary (issue 5) ------------------------------------------------


@click.command()
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


# --- plot (issue 5): the SVG timeline of an existing package ---------------------------


@click.command()
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
