"""Run supervision models over a workspace and return their output rows.

The engine registers one relation per dataset (persons linked), the shared relations,
then runs each model's named steps as one query into a small table in long form: one
row per (clue, subject or evidence row). It then looks up, for subject rows only, the
person id, link method and masked identity of the person the row names, and the sealed
flag of offense records. Turning these rows into clue records is `rightswatch.clues`'s job.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rightswatch.contract import datasets
from rightswatch.engine.backend import Backend
from rightswatch.engine.catalogue import CLUE_COLUMNS, ITEM_COLUMNS, ModelSpec, load_models, load_shared
from rightswatch.engine.macros import Macros
from rightswatch.engine.pipeline import Step
from rightswatch.engine.relations import DatasetSource, register_datasets
from rightswatch.engine.shared import SHARED_INPUTS, register_shared
from rightswatch.errors import ModelError, RightsWatchError
from rightswatch.identity.person_index import DeterministicPersonIndex

OUTPUT = "rw_model_output"


@dataclass
class ModelResult:
    spec: ModelSpec
    rows: list[dict]
    seconds: float
    peak_rss_mb: float

    @property
    def clue_count(self) -> int:
        return len({r["clue_key"] for r in self.rows})


@dataclass
class RunOutput:
    as_of: dt.date
    results: list[ModelResult] = field(default_factory=list)
    setup_seconds: float = 0.0


def expand_steps(spec, macros: Macros) -> list[Step]:
    out = []
    for step in spec.steps:
        try:
            out.append(Step(step.name, macros.expand(step.sql)))
        except ValueError as exc:
            raise ModelError(spec.id, step.name, str(exc)) from None
    return out


def ensure_shared(backend: Backend, spec: ModelSpec, macros: Macros, done: set[str]) -> None:
    """Materialise the shared relations the model uses, once per run."""
    for name in spec.meta.get("uses") or ():
        if name in done:
            continue
        shared = load_shared(name)
        steps = expand_steps(shared, macros)
        backend.run_pipeline(f"shared:{name}", steps, f"SELECT * FROM {steps[-1].name}", name)
        done.add(name)


def final_sql(spec: ModelSpec) -> str:
    clue_cols = ", ".join(f"c.{c}" for c in CLUE_COLUMNS if c != "clue_key")
    item_cols = ", ".join(f"i.{c}" for c in ITEM_COLUMNS if c != "clue_key")
    return (
        f"SELECT '{spec.id}:' || c.clue_key AS clue_key, {clue_cols}, {item_cols} "
        "FROM items i JOIN clues c ON c.clue_key = i.clue_key"
    )


def _enrich_sql(backend: Backend, table: str) -> str:
    """Join subject rows to the person they name; flag sealed offense records."""
    combos = backend.execute(
        f"SELECT DISTINCT dataset, prefix FROM {table} WHERE item = 'subject' AND prefix IS NOT NULL"
    ).to_pylist()
    catalogue = datasets()
    lookups = []
    for combo in combos:
        ds = catalogue.get(combo["dataset"])
        group = next((g for g in ds.persons if g.prefix == combo["prefix"]), None) if ds else None
        if group is None:
            continue
        p = group.prefix
        lookups.append(
            f"SELECT '{ds.name}' AS l_dataset, '{p}' AS l_prefix, record_id AS l_record_id, "
            f"{p}person_id AS person_id, {p}link_method AS link_method, {p}link_probability AS link_probability, "
            f"{p}name_masked AS name_masked, {p}id_masked AS id_masked, "
            f"CAST({group.birth_column} AS DATE) AS birth_on, CAST({group.gender_column} AS STRING) AS gender "
            f"FROM {ds.name} WHERE record_id IN (SELECT record_id FROM {table} WHERE dataset = '{ds.name}')"
        )
    if not lookups:
        lookups.append(
            "SELECT CAST(NULL AS STRING) AS l_dataset, CAST(NULL AS STRING) AS l_prefix, "
            "CAST(NULL AS STRING) AS l_record_id, CAST(NULL AS STRING) AS person_id, "
            "CAST(NULL AS STRING) AS link_method, CAST(NULL AS DOUBLE) AS link_probability, "
            "CAST(NULL AS STRING) AS name_masked, CAST(NULL AS STRING) AS id_masked, "
            "CAST(NULL AS DATE) AS birth_on, CAST(NULL AS STRING) AS gender WHERE 1 = 0"
        )
    union = " UNION ALL ".join(lookups)
    return (
        f"SELECT o.*, l.person_id, l.link_method, l.link_probability, l.name_masked, l.id_masked, l.birth_on, "
        f"l.gender, COALESCE(s.sealed, FALSE) AS sealed FROM {table} o "
        f"LEFT JOIN ({union}) l ON o.item = 'subject' AND l.l_dataset = o.dataset "
        f"AND l.l_prefix = o.prefix AND l.l_record_id = o.record_id "
        f"LEFT JOIN (SELECT record_id, sealed FROM offense_records) s "
        f"ON o.dataset = 'offense_records' AND s.record_id = o.record_id "
        # A fixed order: clue records take a subject's fields from its first row, and
        # engines (DuckDB without insertion order, Spark) return rows in any order.
        # NULLS FIRST spelled out: the engines' defaults differ.
        "ORDER BY " + ", ".join(f"o.{c} NULLS FIRST" for c in ITEM_COLUMNS)
    )


SUBJECT_COLUMNS = ("model_id", "clue_key", "role", "person_id", "dataset", "record_id", "prefix")


def register_run_subjects(backend: Backend, results: list[ModelResult]) -> None:
    """`rw_run_subjects`: the person subjects of the clues found so far in this run."""
    import pyarrow as pa

    rows = [
        {"model_id": r.spec.id, "clue_key": row["clue_key"], "role": row["role"], "person_id": row.get("person_id"),
         "dataset": row["dataset"], "record_id": row["record_id"], "prefix": row.get("prefix")}
        for r in results for row in r.rows if row["item"] == "subject" and row.get("prefix") is not None
    ]
    table = pa.table({c: pa.array([row[c] for row in rows], pa.string()) for c in SUBJECT_COLUMNS})
    backend.create_table_from_arrow("rw_run_subjects", table)


def needed_datasets(specs: list[ModelSpec]) -> set[str]:
    shared = {i for s in specs for name in s.meta.get("uses") or () for i in load_shared(name).inputs}
    return set(SHARED_INPUTS) | {"offense_records"} | shared | {i for s in specs for i in s.inputs}


def person_index(source: DatasetSource | None):
    """The person index for this workspace.

    `RIGHTSWATCH_PERSON_INDEX=deterministic|splink`; by default the Splink index (issue 5)
    once `rightswatch linkage build` has written workspace/linkage/person_links.parquet,
    else the deterministic rules. Splink's reader is imported only when chosen.
    """
    choice = os.environ.get("RIGHTSWATCH_PERSON_INDEX", "").strip().lower()
    root = getattr(source, "root", None)
    built = root is not None and (Path(root) / "linkage" / "person_links.parquet").exists()
    if choice not in ("", "deterministic", "splink"):
        raise RightsWatchError(f"RIGHTSWATCH_PERSON_INDEX={choice!r}: use deterministic or splink")
    if choice == "splink" or (choice == "" and built):
        if root is None:
            raise RightsWatchError("the splink person index needs a workspace")
        from rightswatch.identity.linkage.index import SplinkPersonIndex

        return SplinkPersonIndex(Path(root))
    return DeterministicPersonIndex()


def prepare(backend: Backend, source: DatasetSource | None, specs: list[ModelSpec]) -> None:
    register_datasets(backend, source, needed_datasets(specs), index=person_index(source))
    inputs = {i for s in specs for i in s.inputs}
    inputs |= {i for s in specs for name in s.meta.get("uses") or () for i in load_shared(name).inputs}
    register_shared(backend, inputs)


def run_model(backend: Backend, spec: ModelSpec, macros: Macros, shared_done: set[str] | None = None) -> ModelResult:
    """Run one model; its shared relations are computed first unless `shared_done` lists them."""
    started = time.perf_counter()
    ensure_shared(backend, spec, macros, shared_done if shared_done is not None else set())
    steps = expand_steps(spec, macros)
    backend.run_pipeline(spec.id, steps, final_sql(spec), OUTPUT)
    try:
        rows = backend.execute(_enrich_sql(backend, OUTPUT)).to_pylist()
    except Exception as exc:
        raise ModelError(spec.id, "enrich", str(exc).splitlines()[0]) from exc
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ModelResult(spec, rows, time.perf_counter() - started, peak)


def run_models(source: DatasetSource | None, as_of: dt.date, model_ids: list[str] | None = None,
               backend: Backend | None = None,
               on_model: Callable[[ModelSpec, str, ModelResult | None], None] | None = None) -> RunOutput:
    """Run the chosen models (all by default) and return their rows.

    Args:
        source: the workspace (anything with `datasets()` and `dataset_files(name)`).
        as_of: the snapshot date the rules are evaluated at.
        model_ids: models to run, in catalogue order; None for all.
        backend: the engine connection; a fresh DuckDB when None (closed at the end).
        on_model: progress callback, called with ("start", None) and ("done", result).
    """
    from rightswatch.engine.duckdb_backend import DuckDBBackend

    specs = load_models(model_ids)
    own = backend is None
    backend = backend or DuckDBBackend()
    out = RunOutput(as_of=as_of)
    try:
        started = time.perf_counter()
        prepare(backend, source, specs)
        out.setup_seconds = time.perf_counter() - started
        macros = Macros(backend.dialect, as_of)
        shared_done: set[str] = set()
        # Models over the run's clues (model 20) run last, over the others' subjects.
        ordered = [s for s in specs if not s.meta.get("over_clues")] + [s for s in specs if s.meta.get("over_clues")]
        for spec in ordered:
            if spec.meta.get("over_clues"):
                register_run_subjects(backend, out.results)
            if on_model:
                on_model(spec, "start", None)
            result = run_model(backend, spec, macros, shared_done)
            out.results.append(result)
            if on_model:
                on_model(spec, "done", result)
    finally:
        if own:
            backend.close()
    return out
