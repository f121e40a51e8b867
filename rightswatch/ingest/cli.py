"""`rightswatch ingest`, `rightswatch datasets`, `rightswatch withdraw`."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from rightswatch.ingest.mapping import load_mapping
from rightswatch.ingest.pipeline import ingest_path
from rightswatch.ingest.report import render
from rightswatch.ingest.workspace import Workspace
from rightswatch.terminal import make_console

PROGRESS_FROM_BYTES = 8 << 20  # files smaller than this read too fast for a bar to help

workspace_option = click.option("--workspace", "-w", type=click.Path(path_type=Path), default=Path("workspace"),
                                show_default=True, help="Workspace folder.")


class FileBar:
    """One file's bar: bytes read; files are normalised chunk by chunk as they are read."""

    def __init__(self, bars: Progress, label: str, total: int):
        self.bars, self.label = bars, label
        self.task = bars.add_task(f"importing {label}", total=total)

    def advance(self, n: int) -> None:
        self.bars.advance(self.task, n)

    def done(self) -> None:
        self.bars.remove_task(self.task)


@contextmanager
def progress_bars(console: Console):
    bars = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                    console=console, transient=True)

    def factory(label: str, total: int) -> FileBar | None:
        return FileBar(bars, label, total) if total >= PROGRESS_FROM_BYTES else None

    with bars:
        yield factory


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--mapping", "-m", type=click.Path(path_type=Path), help="YAML import mapping for agency headers.")
@workspace_option
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
def ingest(path: Path, mapping: Path | None, workspace: Path, quiet: bool) -> None:
    """Import a bundle folder or one agency file into the workspace."""
    console = make_console(quiet=quiet)
    with progress_bars(console) as factory:
        result = ingest_path(path, workspace, load_mapping(mapping), progress=factory)
    render(result.reports, console)
    console.print(f"workspace: {result.workspace}  (reports in {result.workspace / 'reports'})")


@click.command()
@workspace_option
@click.option("--all", "show_all", is_flag=True, help="Include withdrawn imports.")
def datasets(workspace: Path, show_all: bool) -> None:
    """List datasets, their versions (imports), row counts and sources."""
    ws = Workspace(workspace)
    if not ws.exists():
        raise click.ClickException(f"{workspace}: no workspace here yet (run `rightswatch ingest` first)")
    table = Table(title=f"Datasets in {workspace}")
    for col in ("dataset", "version", "import", "status", "rows", "flagged", "rejected", "source"):
        table.add_column(col)
    versions: dict[str, int] = {}
    for r in ws.imports(active_only=not show_all):
        versions[r.dataset] = versions.get(r.dataset, 0) + 1
        table.add_row(r.dataset, str(versions[r.dataset]), r.import_id, r.status, f"{r.accepted + r.flagged:,}",
                      f"{r.flagged:,}", f"{r.rejected:,}", r.source_name)
    make_console().print(table)


@click.command()
@click.argument("import_id")
@workspace_option
def withdraw(import_id: str, workspace: Path) -> None:
    """Withdraw one import as a whole (its rows leave the dataset; files are kept for audit)."""
    record = Workspace(workspace).withdraw(import_id)
    click.echo(f"withdrew {record.import_id} ({record.dataset}, {record.source_name})")
