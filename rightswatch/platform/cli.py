"""`rightswatch serve`, `rightswatch audit …` and `rightswatch platform …`.

Django is imported only when one of these commands runs, so the rest of RightsWatch works without it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from rightswatch.errors import RightsWatchError


def _django():
    try:
        from rightswatch.platform import setup_django

        setup_django()
    except ImportError as exc:
        raise RightsWatchError(f"the platform needs its extra: pip install -e '.[platform]' ({exc})") from None


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="gunicorn worker processes.")
@click.option("--no-migrate", is_flag=True, help="Do not apply database migrations first.")
def serve(host: str, port: int, workers: int, no_migrate: bool) -> None:
    """Serve the platform with gunicorn (a production WSGI server; see docs/deploy.md)."""
    _django()
    if not no_migrate:
        _migrate()
    import shutil

    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or shutil.which("gunicorn")
    if gunicorn is None:
        raise RightsWatchError("gunicorn is not installed: pip install -e '.[platform]'")
    click.echo(f"RightsWatch platform on http://{host}:{port}/  (Ctrl+C stops it)")
    args = [gunicorn, "rightswatch.platform.wsgi:application", "--bind", f"{host}:{port}", "--workers",
            str(workers), "--access-logfile", "-", "--timeout", "60"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightswatch.platform.settings")
    os.execv(gunicorn, args)


@click.group()
def audit() -> None:
    """The platform's audit log."""


@audit.command("verify")
def audit_verify() -> None:
    """Check the hash chain of the audit log; exit 1 naming the first tampered entry."""
    _django()
    from rightswatch.platform.audit.models import verify

    count, bad, why = verify()
    if bad is None:
        click.echo(f"audit log intact: {count} entries verified")
        return
    seq = getattr(bad, "seq", bad)
    raise RightsWatchError(f"audit log tampered: first bad entry #{seq} ({why}); {count} entries before it are intact")


@click.group()
def platform() -> None:
    """Set up and feed the web platform."""


@platform.command("migrate")
def platform_migrate() -> None:
    """Create or update the platform's database tables."""
    _django()
    _migrate(verbosity=1)


@platform.command("import-clues")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--workspace", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Import the workspace's clue store instead of a file.")
def import_clues(file: Path | None, workspace: Path | None) -> None:
    """Import clue records (JSON Lines, docs/clue-record.md); a clue already present is updated by clue_key."""
    if (file is None) == (workspace is None):
        raise click.UsageError("give either FILE or --workspace DIR")
    _django()
    _migrate()
    from rightswatch.platform.audit import signals as audit
    from rightswatch.platform.clues.importer import import_records, read_jsonl, read_workspace

    records = read_jsonl(file) if file else read_workspace(workspace)
    result = import_records(records)
    audit.send("import", object_type="clue", detail={"source": str(file or workspace), "created": result.created,
                                                     "updated": result.updated})
    click.echo(f"imported clues: {result.created} new, {result.updated} updated")


@platform.command("demo-users")
@click.option("--jurisdiction", default="", help="Region-code prefix of the procuratorate accounts ('' = all).")
@click.option("--password", default="", help="Password for every demo account (default: a printed random one).")
def demo_users(jurisdiction: str, password: str) -> None:
    """Create one demo account per role and per partner agency, and print them."""
    _django()
    _migrate()
    from rightswatch.platform.accounts.demo import create_demo_users

    password, rows = create_demo_users(jurisdiction=jurisdiction, password=password or None)
    click.echo(f"{'user':<27} {'role':<11} agency")
    for username, role, agency in rows:
        click.echo(f"{username:<27} {role:<11} {agency}")
    click.echo(f"password for every demo account: {password}")


@platform.command("sample-clues")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--count", default=500, show_default=True, type=int)
@click.option("--seed", default=7, show_default=True, type=int)
def sample_clues(out: Path, count: int, seed: int) -> None:
    """Write COUNT synthetic clue records (docs/clue-record.md) to OUT, for trying the platform without a run."""
    import json

    from rightswatch.platform.clues.fixtures import records

    with open(out, "w", encoding="utf-8") as fh:
        for rec in records(count, seed=seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    click.echo(f"wrote {count} clue records to {out}")


@platform.command("token")
@click.argument("username")
@click.option("--name", default="partner system")
def token(username: str, name: str) -> None:
    """Issue an API token for USERNAME (printed once; only its hash is kept)."""
    _django()
    from rightswatch.platform.accounts.models import ApiToken, User

    user = User.objects.filter(username=username).first()
    if user is None:
        raise RightsWatchError(f"no user {username!r}")
    _row, key = ApiToken.issue(user, name)
    click.echo(key)


@platform.command("remind")
def remind() -> None:
    """Notify agencies and senders of overdue transfers, replies and action items (run daily, e.g. from cron)."""
    _django()
    from rightswatch.platform.core.reminders import send_reminders

    click.echo(f"reminders sent: {send_reminders()}")
