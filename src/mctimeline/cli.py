"""The `mctimeline` command line: a thin click layer over the library."""

from __future__ import annotations

import json
import sys
from typing import NoReturn

import click

from mctimeline import __version__

CALENDAR_CHOICE = click.Choice(["gregorian", "jalali", "hijri"])


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error on stderr and exit with `code` (2: the input was bad)."""
    click.echo(f"mctimeline: error: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mctimeline")
def main() -> None:
    """Build a timeline of dated events from Persian, Arabic and English news texts.

    \b
    Example:
      mctimeline convert 1404-03-06 --from jalali
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
def convert(value: str, calendar: str, as_json: bool) -> None:
    """Show a day, month or year in the Gregorian, Jalali and Hijri calendars.

    VALUE is YYYY-MM-DD, YYYY-MM or YYYY. A month or a year is shown as the
    interval of days it covers in each calendar.

    \b
    Examples:
      mctimeline convert 1404-03-06 --from jalali --json
      mctimeline convert 1446-09 --from hijri
      mctimeline convert 2025
    """
    from mctimeline.conversion import convert as do_convert

    try:
        result = do_convert(value, calendar)  # type: ignore[arg-type]
    except ValueError as exc:
        fail(f"cannot convert {value!r} from {calendar}: {exc}")
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        click.echo(result.to_text())


# --- tag (issue 3): owned by the tagger work -----------------------------------


# --- build and validate (issue 4): owned by the builder work --------------------
