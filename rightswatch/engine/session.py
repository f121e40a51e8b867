"""One run from workspace to clue store: the public run function of the engine.

`run_and_store` runs the models, builds the clue records, merges them into the
workspace's clue store (all or nothing) and returns a summary. The platform and the CLI
start runs only through it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from rightswatch.engine.runner import ModelResult, RunOutput, run_models


@dataclass
class RunSummary:
    run_id: str
    as_of: dt.date
    output: RunOutput
    clues: list[dict]
    store_outcome: dict[str, int]


def new_run_id(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now()
    return f"run-{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


def default_as_of(workspace) -> dt.date:
    """The as_of of the last ingested bundle (as_of.txt), else today."""
    value = workspace.setting("as_of") if workspace.exists() else None
    return dt.date.fromisoformat(value) if value else dt.date.today()


ENGINES = ("duckdb", "spark")


def open_backend(engine: str = "duckdb", spark_master: str | None = None):
    """The analysis engine of a run: None for DuckDB (the runner opens its own), else a backend.

    Spark is imported only here, so the package runs without PySpark (an optional extra).
    """
    if engine == "duckdb":
        return None
    if engine == "spark":
        from rightswatch.engine.spark import SparkBackend

        return SparkBackend(master=spark_master)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def _labelled(backend, on_model):
    """Progress per model also labels the engine's jobs (Spark UI), when the engine can."""
    label = getattr(backend, "set_progress", None)
    if label is None:
        return on_model

    def wrapped(spec, phase, result):
        if phase == "start":
            label(f"rightswatch model {spec.number} {spec.id}")
        if on_model:
            on_model(spec, phase, result)
    return wrapped


def run_and_store(workspace, as_of: dt.date | None = None, model_ids: list[str] | None = None,
                  on_model=None, store: bool = True, engine: str = "duckdb",
                  spark_master: str | None = None) -> RunSummary:
    # Imported here: clues sits after the engine in the package order.
    from rightswatch.clues.build import build_clues
    from rightswatch.clues.store import ClueStore

    as_of = as_of or default_as_of(workspace)
    started = dt.datetime.now()
    run_id = new_run_id(started)
    backend = open_backend(engine, spark_master)
    try:
        output = run_models(workspace, as_of, model_ids, backend=backend, on_model=_labelled(backend, on_model))
    finally:
        if backend is not None:
            backend.close()
    clues = build_clues(output.results, as_of, run_id)
    outcome = {}
    if store:
        versions = {r.spec.id: r.spec.version for r in output.results}
        outcome = ClueStore(Path(workspace.root)).record_run(run_id, as_of, versions, started, clues)
    return RunSummary(run_id, as_of, output, clues, outcome)


def severity_counts(result: ModelResult, clues: list[dict]) -> dict[str, int]:
    counts = {"red": 0, "orange": 0, "yellow": 0}
    for c in clues:
        if c["model_id"] == result.spec.id:
            counts[c["severity"]] += 1
    return counts
