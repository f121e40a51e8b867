"""`rightswatch clues …`: look at, and export, the clue store of a workspace."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from rightswatch.clues.export import export_clues
from rightswatch.clues.store import ClueStore
from rightswatch.errors import RightsWatchError
from rightswatch.terminal import make_console

_WS = click.option("--workspace", "-w", "workspace", type=click.Path(path_type=Path), default=Path("workspace"),
                   show_default=True, help="Workspace folder.")


def _store(workspace: Path) -> ClueStore:
    store = ClueStore(workspace)
    if not store.path.exists():
        raise RightsWatchError(f"{workspace}: no clue store yet (run `rightswatch run` first)")
    return store


@click.group()
def clues():
    """The clue store: list, export, run history."""


@clues.command("list")
@_WS
@click.option("--model", help="Only this model's clues.")
@click.option("--status", type=click.Choice(["detected", "not_redetected"]))
@click.option("--limit", default=50, show_default=True)
def list_clues(workspace, model, status, limit):
    """List clues (masked summaries only)."""
    records = _store(workspace).clues(model_id=model, status=status)
    table = Table(title=f"{len(records)} clue(s)")
    for col in ("clue_key", "severity", "status", "summary"):
        table.add_column(col)
    for r in records[:limit]:
        table.add_row(r["clue_key"], r["severity"], r["status"], r["summary_zh"])
    make_console().print(table)


@clues.command("export")
@_WS
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--model", help="Only this model's clues.")
@click.option("--status", type=click.Choice(["detected", "not_redetected"]))
def export(workspace, file, model, status):
    """Export clues to FILE (.jsonl, .csv or .xlsx)."""
    records = _store(workspace).clues(model_id=model, status=status)
    export_clues(records, file)
    make_console().print(f"exported {len(records)} clue(s) to {file}")


@clues.command("runs")
@_WS
def runs(workspace):
    """The run history."""
    table = Table(title="runs")
    for col in ("run_id", "as_of", "models", "started", "finished", "new", "updated", "not_redetected"):
        table.add_column(col)
    for r in _store(workspace).runs():
        c = r["counts"]
        table.add_row(r["run_id"], r["as_of"], str(len(r["models"])), r["started_at"][:19], r["finished_at"][:19],
                      str(c.get("new", 0)), str(c.get("updated", 0)), str(c.get("not_redetected", 0)))
    make_console().print(table)
