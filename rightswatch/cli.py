"""The `rightswatch` command line.

Each area of the package owns its commands in its own `cli.py`; this module only
assembles them, so that a missing optional part (Django, PySpark) breaks only its
own commands. Errors a user can fix reach them as one clear message, never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import click

from rightswatch.errors import RightsWatchError

# (module, attribute) of every command group or command; imported lazily.
COMMANDS = [
    ("rightswatch.ingest.cli", "ingest"),
    ("rightswatch.ingest.cli", "datasets"),
    ("rightswatch.ingest.cli", "withdraw"),
    ("rightswatch.synth.cli", "synth"),
    ("rightswatch.engine.cli", "run"),
    ("rightswatch.engine.cli", "evaluate"),
    ("rightswatch.clues.cli", "clues"),
    ("rightswatch.identity.cli", "linkage"),
    ("rightswatch.platform.cli", "serve"),
    ("rightswatch.platform.cli", "audit"),
    ("rightswatch.platform.cli", "platform"),
]


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(name for module, name in COMMANDS if _find(module, name) is not None)

    def get_command(self, ctx, cmd_name):
        for module, name in COMMANDS:
            if name == cmd_name:
                return _find(module, name)
        return None


def _find(module: str, name: str):
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == module or module.startswith(exc.name + ".")):
            return None  # that part of RightsWatch is not built yet
        raise
    return getattr(mod, name.replace("-", "_"), None)


@click.group(cls=LazyGroup)
@click.version_option(package_name="rightswatch")
def cli() -> None:
    """RightsWatch: compare agency data to protect the rights of women and children."""


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, standalone_mode=False)
    except RightsWatchError as exc:
        click.echo(f"error: {exc}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except Exception as exc:  # a bug: tell the user where the details are, not a traceback
        log = _write_crash_log()
        click.echo(f"internal error ({type(exc).__name__}); details in {log}. Please report it.", err=True)
        return 70
    return 0


def _write_crash_log() -> str:
    """The traceback goes to a private file (mode 0600), never to the terminal or a shared log."""
    import os
    import tempfile
    import traceback

    fd, path = tempfile.mkstemp(prefix="rightswatch-crash-", suffix=".log")
    with os.fdopen(fd, "w") as fh:
        fh.write(traceback.format_exc())
    return path


if __name__ == "__main__":
    sys.exit(main())
