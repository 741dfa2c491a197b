"""Run the command line as `python -m mctimeline`."""

from mctimeline.cli import main

main(prog_name="mctimeline")
