"""The `mctimeline` command group: its help, --version and --quiet, and usage errors made one line."""

from __future__ import annotations

from typing import Any

import click

from mctimeline import __version__
from mctimeline.cli.output import quiet_option


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
