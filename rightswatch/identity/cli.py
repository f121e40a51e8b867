"""`rightswatch linkage`: build the person index, evaluate it, work its review queue."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from rightswatch.errors import RightsWatchError

WORKSPACE = click.option("--workspace", "-w", type=click.Path(path_type=Path),
                         default=lambda: os.environ.get("RIGHTSWATCH_WORKSPACE", "workspace"),
                         show_default="$RIGHTSWATCH_WORKSPACE or ./workspace", help="Workspace folder.")


@click.group()
def linkage() -> None:
    """The person index: probabilistic linkage of rows without a valid identity number."""


@linkage.command()
@WORKSPACE
@click.option("--who", default=lambda: os.environ.get("USER", "system"), help="Who runs the build (kept in the history).")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="Where Splink trains and scores; spark needs the `spark` extra (docs/scale.md).")
@click.option("--spark-master", "spark_master", default=None,
              help="Spark cluster URL; default local[2] (SPARK_REMOTE wins).")
def build(workspace: Path, who: str, engine: str, spark_master: str | None) -> None:
    """Build the person index (privileged: reads the vault in memory, writes no identity)."""
    from rightswatch.identity.linkage.build import build_person_index
    from rightswatch.location import workspace_path

    workspace = workspace_path(workspace)  # a path or a file:// URI
    if not (workspace / "catalogue.duckdb").exists():
        raise RightsWatchError(f"{workspace}: not a workspace (run `rightswatch ingest` first)")
    if engine == "spark":
        from rightswatch.identity.linkage.spark import build_on_spark

        result = build_on_spark(workspace, who=who, master=spark_master)
    else:
        result = build_person_index(workspace, who=who)
    for key in ("mentions", "nodes", "rows_to_link", "pairs_scored", "auto_links", "pending_review", "seconds"):
        click.echo(f"{key:>16}  {result[key]}")


@linkage.command()
@click.option("--benchmark", type=click.Choice(["febrl1", "febrl2", "febrl3", "febrl4", "synthetic"]), required=True)
@click.option("--scale", default="small", show_default=True, help="Synthetic city scale.")
@click.option("--seed", default=7, show_default=True, type=int, help="Synthetic city seed.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also write the result as JSON.")
def evaluate(benchmark: str, scale: str, seed: int, json_out: Path | None) -> None:
    """Precision, recall and F1 of the linker on a benchmark (F1 on the last line)."""
    from rightswatch.identity.linkage.evaluate import evaluate as run

    result = run(benchmark, scale=scale, seed=seed)
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    for key, value in result.items():
        if key not in ("precision", "recall", "f1"):
            click.echo(f"{key}: {value}")
    click.echo(f"precision: {result['precision']:.4f}")
    click.echo(f"recall: {result['recall']:.4f}")
    click.echo(f"F1: {result['f1']:.4f}")


@linkage.command()
@WORKSPACE
@click.option("--limit", default=20, show_default=True)
def pending(workspace: Path, limit: int) -> None:
    """Pairs awaiting review, both records masked side by side."""
    from rightswatch.identity.linkage.review import ReviewQueue

    queue = ReviewQueue(workspace)
    items = queue.pending(limit=limit)
    click.echo(f"{queue.pending_count()} pairs awaiting review")
    for it in items:
        what = "two valid numbers one typing slip apart" if it.probability is None else f"p={it.probability:.4f}"
        click.echo(f"{it.pair_id}  {what}")
        for side in (it.left, it.right):
            click.echo(f"    {side.name_masked or '-':<6} {side.id_masked or '-':<20} {side.birth_on or '-'} "
                       f"{side.gender or '-'}  {','.join(side.datasets)}  ({side.node})")


@linkage.command()
@WORKSPACE
@click.argument("pair_id")
@click.argument("decision", type=click.Choice(["confirm", "reject"]))
@click.option("--who", required=True)
@click.option("--reason", default=None)
def decide(workspace: Path, pair_id: str, decision: str, who: str, reason: str | None) -> None:
    """Confirm or reject a pair; binds every later build."""
    from rightswatch.identity.linkage.review import ReviewQueue

    result = ReviewQueue(workspace).decide(pair_id, decision, who=who, reason=reason)
    click.echo(f"recorded; {result['pending_review']} pairs still awaiting review")


@linkage.command()
@WORKSPACE
@click.argument("person_id")
@click.option("--detach", multiple=True, required=True, help="Node to take out (repeat).")
@click.option("--who", required=True)
@click.option("--reason", default=None)
def split(workspace: Path, person_id: str, detach: tuple[str, ...], who: str, reason: str | None) -> None:
    """Split records out of a person; the cluster as it was stays in the history."""
    from rightswatch.identity.linkage.review import ReviewQueue

    result = ReviewQueue(workspace).split(person_id, list(detach), who=who, reason=reason)
    click.echo(f"split {result['split_id']} recorded")


@linkage.command()
@WORKSPACE
@click.argument("dataset")
@click.argument("record_id")
@click.option("--prefix", default="", help="Person group prefix (mother_, child_ …).")
def history(workspace: Path, dataset: str, record_id: str, prefix: str) -> None:
    """Which person a row was linked to, run by run, and by whom."""
    from rightswatch.identity.linkage.review import ReviewQueue

    for h in ReviewQueue(workspace).history(dataset, record_id, prefix):
        click.echo(f"run {h['run_id']} ({h['kind']}, {h['who']}, {h['at']}): {h['from_person_id'] or '-'} -> "
                   f"{h['to_person_id']} [{h['link_method']}, p={h['link_probability']:.4f}]")
