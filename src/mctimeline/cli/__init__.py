"""The `mctimeline` command line: a thin click layer over the library.

`group` is the `mctimeline` group; the commands live by concern in `dates`
(convert, tag), `building` (build) and `built` (validate, dictionary, plot), and
all speak through `output` (one-line errors, warnings, --quiet). None of them
imports another's module or this one: they are joined to the group here.
Each command imports the library it needs when it runs, so `--help` stays light.
"""

from __future__ import annotations

from mctimeline.cli.building import build, timings_line
from mctimeline.cli.built import dictionary, plot, validate
from mctimeline.cli.dates import CALENDAR_CHOICE, convert, tag
from mctimeline.cli.group import main
from mctimeline.cli.output import QUIET, fail, quiet, quiet_option, say, warn

for _command in (convert, tag, build, validate, dictionary, plot):
    main.add_command(_command)

__all__ = [
    "CALENDAR_CHOICE",
    "QUIET",
    "build",
    "convert",
    "dictionary",
    "fail",
    "main",
    "plot",
    "quiet",
    "quiet_option",
    "say",
    "tag",
    "timings_line",
    "validate",
    "warn",
]
