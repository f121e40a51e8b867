"""`rightswatch run` and `rightswatch evaluate`."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import click
from rich.table import Table

from rightswatch.errors import RightsWatchError
from rightswatch.terminal import make_console


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RightsWatchError(f"--as-of {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _bundle_as_of(bundle: Path) -> dt.date | None:
    f = bundle / "as_of.txt"
    return _parse_date(f.read_text(encoding="utf-8").strip()) if f.is_file() else None


@contextmanager
def _fresh_workspace(bundle: Path, workspace: Path | None, console):
    """Ingest a bundle into a new workspace (a temporary one unless --workspace is given)."""
    from rightswatch.ingest import Workspace, ingest_path

    if not bundle.is_dir():
        raise RightsWatchError(f"{bundle}: not a bundle folder")
    tmp = None
    if workspace is None:
        tmp = tempfile.mkdtemp(prefix="rw-run-")
        workspace = Path(tmp) / "workspace"
    elif workspace.exists() and any(workspace.iterdir()):
        raise RightsWatchError(f"{workspace}: --bundle needs a new, empty workspace folder")
    try:
        with console.status(f"ingesting {bundle} …"):
            ingest_path(bundle, workspace)
        yield Workspace(workspace)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def _progress(console):
    def on_model(spec, phase, result):
        if phase == "start":
            console.print(f"[dim]▶ {spec.number:>2} {spec.id} …[/dim]")
        else:
            console.print(f"[green]✓[/green] {spec.number:>2} {spec.id}: "
                          f"{result.clue_count} clue(s) in {result.seconds:.2f} s")
    return on_model


def summary_table(summary) -> Table:
    from rightswatch.engine.session import severity_counts

    table = Table(title=f"run {summary.run_id} · as_of {summary.as_of}")
    for col in ("#", "model", "clues", "red", "orange", "yellow", "seconds"):
        table.add_column(col, justify="left" if col == "model" else "right")
    total = 0
    for r in summary.output.results:
        counts = severity_counts(r, summary.clues)
        n = sum(counts.values())
        total += n
        table.add_row(str(r.spec.number), r.spec.id, str(n), str(counts["red"]), str(counts["orange"]),
                      str(counts["yellow"]), f"{r.seconds:.2f}")
    seconds = summary.output.setup_seconds + sum(r.seconds for r in summary.output.results)
    table.add_row("", "total", str(total), "", "", "", f"{seconds:.2f}")
    return table


def _models(value: str | None) -> list[str] | None:
    return [m.strip() for m in value.split(",") if m.strip()] if value else None


@click.command()
@click.option("--models", "models", help="Comma-separated model ids (default: every implemented model).")
@click.option("--as-of", "as_of", help="Snapshot date (default: the bundle's as_of.txt, else today).")
@click.option("--workspace", "-w", "workspace", type=click.Path(path_type=Path), default=None,
              help="Workspace folder (default ./workspace; with --bundle, a temporary one).")
@click.option("--bundle", type=click.Path(path_type=Path), help="Ingest this bundle into a fresh workspace first.")
@click.option("--export", "export", type=click.Path(path_type=Path), help="Write the run's clues to .jsonl/.csv/.xlsx.")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="Analysis engine; spark needs the `spark` extra (docs/scale.md).")
@click.option("--spark-master", "spark_master", default=None,
              help="Spark cluster URL (spark://host:7077, k8s://https://host:443); default local[2]. "
                   "SPARK_REMOTE (Spark Connect) wins when set.")
def run(models, as_of, workspace, bundle, export, engine, spark_master):
    """Run supervision models and merge their clues into the clue store."""
    from rightswatch.clues.export import export_clues
    from rightswatch.engine.catalogue import load_models
    from rightswatch.engine.session import run_and_store
    from rightswatch.ingest import Workspace

    console, progress = make_console(), make_console(stderr=True)
    chosen = _models(models)
    load_models(chosen)  # an unknown model id fails before any data is read
    date = _parse_date(as_of)
    if bundle is not None:
        date = date or _bundle_as_of(bundle)
        with _fresh_workspace(bundle, workspace, progress) as ws:
            summary = run_and_store(ws, date, chosen, on_model=_progress(progress), engine=engine,
                                    spark_master=spark_master)
    else:
        ws = Workspace(workspace or Path("workspace"))
        if not ws.exists():
            raise RightsWatchError(f"{ws.root}: no workspace here (import data with `rightswatch ingest` first)")
        summary = run_and_store(ws, date, chosen, on_model=_progress(progress), engine=engine,
                                spark_master=spark_master)
    console.print(summary_table(summary))
    if export is not None:
        path = export_clues(summary.clues, export)
        console.print(f"exported {len(summary.clues)} clue(s) to {path}")


@click.command()
@click.option("--bundle", required=True, type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="A bundle folder holding truth.jsonl.")
@click.option("--as-of", "as_of", help="Snapshot date (default: the bundle's as_of.txt, else today).")
@click.option("--models", "models", help="Comma-separated model ids (default: every implemented model).")
@click.option("--show", default=20, show_default=True, help="How many missed/spurious keys to list per model.")
def evaluate(bundle, as_of, models, show):
    """Run the models on a bundle and compare their clue keys with its truth.jsonl."""
    from rightswatch.engine.evaluate import read_truth, score
    from rightswatch.engine.session import run_and_store

    truth_file = bundle / "truth.jsonl"
    if not truth_file.is_file():
        raise RightsWatchError(f"{bundle}: no truth.jsonl")
    from rightswatch.engine.catalogue import load_models

    console, progress = make_console(), make_console(stderr=True)
    load_models(_models(models))
    date = _parse_date(as_of) or _bundle_as_of(bundle)
    with _fresh_workspace(bundle, None, progress) as ws:
        summary = run_and_store(ws, date, _models(models), on_model=_progress(progress))
    scores = score(read_truth(truth_file), summary.clues, [r.spec.id for r in summary.output.results])
    table = Table(title=f"evaluation · {bundle} · as_of {summary.as_of}")
    for col in ("model", "expected", "found", "precision", "recall", "missed", "spurious", "near misses raised"):
        table.add_column(col, justify="left" if col == "model" else "right")

    def fmt(x):
        return "—" if x is None else f"{x:.3f}"

    for s in scores:
        table.add_row(s.model_id, str(len(s.expected)), str(len(s.found)), fmt(s.precision), fmt(s.recall),
                      str(len(s.missed)), str(len(s.spurious)), str(len(s.near_misses_raised)))
    console.print(table)
    for s in scores:
        for label, keys in (("missed", s.missed), ("spurious", s.spurious)):
            if keys:
                more = f" … and {len(keys) - show} more" if len(keys) > show else ""
                console.print(f"{s.model_id} {label}: {', '.join(keys[:show])}{more}")
