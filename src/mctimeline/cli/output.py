"""How every command speaks: one-line errors and exit codes, warnings and summaries, and --quiet."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

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


def count_problems(problems: list[str]) -> str:
    """`1 problem`, `3 problems`: how many a failed build or validation found."""
    return f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
