"""The commands over one date or one text: `convert` (a day, month or year in three calendars) and `tag`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from mctimeline.cli.output import fail, quiet_option, warn

CALENDAR_CHOICE = click.Choice(["gregorian", "jalali", "hijri"])


@click.command()
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


@click.command()
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
