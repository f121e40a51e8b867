"""The terminal console: rich output that stays readable when piped or captured."""

from __future__ import annotations

import sys

from rich.console import Console

PIPED_WIDTH = 200  # wide enough that tables are not cut when output goes to a file or a test


def make_console(*, stderr: bool = False, quiet: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else PIPED_WIDTH
    return Console(stderr=stderr, quiet=quiet, width=width)
