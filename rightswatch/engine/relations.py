"""One relation per dataset, from the workspace's Parquet files, with persons linked.

For each dataset the engine defines:
- `rw_raw_<name>`: the active imports united by column name, every analytic column of
  the contract present (absent ones as typed NULLs), and only the latest row per
  `record_id` (highest `_import_seq`) when the dataset has more than one import;
- `<name>`: that, plus `{p}person_id`, `{p}link_method`, `{p}link_probability` for each
  person group, from the person index.
A dataset with no import is an empty relation of the same shape, so a model whose
optional input is absent still runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pyarrow.parquet as pq

from rightswatch.contract import Dataset, datasets
from rightswatch.engine.backend import Backend
from rightswatch.identity.person_index import DeterministicPersonIndex, Mention

KIND_TYPES = {
    "record_id": "STRING", "date": "DATE", "datetime": "TIMESTAMP", "time": "TIME", "bool": "BOOLEAN",
    "code": "STRING", "org_code": "STRING", "region_code": "STRING", "text": "STRING", "int": "BIGINT",
    "float": "DOUBLE", "term": "STRING", "icd10_list": "STRING",
}


class DatasetSource(Protocol):
    """What the engine needs from a workspace (`rightswatch.ingest.workspace.Workspace`)."""

    def datasets(self) -> list[str]: ...

    def dataset_files(self, name: str) -> list[Path]: ...


def analytic_types(ds: Dataset) -> dict[str, str]:
    """Column → SQL type of the dataset's analytic table (docs/architecture.md)."""
    kinds = {c.name: c.kind for c in ds.columns}
    types: dict[str, str] = {"record_id": "STRING", "record_id_derived": "BOOLEAN"}
    for col in ds.analytic_columns():
        if col in types:
            continue
        if col in kinds:
            types[col] = KIND_TYPES[kinds[col]]
        elif col.endswith(("_conflict",)):
            types[col] = "BOOLEAN"
        elif col.endswith("_recorded") or col.endswith("birth_on"):
            types[col] = "DATE"
        elif col in ("_import_seq", "_source_row"):
            types[col] = "BIGINT"
        else:
            types[col] = "STRING"
    return types


def mentions(ds: Dataset, relation: str) -> list[Mention]:
    return [
        Mention(ds.name, relation, g.prefix, g.birth_column, g.gender_column, has_name=g.name is not None)
        for g in ds.persons
    ]


def _raw_sql(backend: Backend, ds: Dataset, files: list[Path]) -> str:
    types = analytic_types(ds)
    if not files:
        cols = ", ".join(f"CAST(NULL AS {t}) AS {c}" for c, t in types.items())
        return f"SELECT {cols} WHERE 1 = 0"
    present: set[str] = set()
    for f in files:
        present.update(pq.read_schema(f).names)
    cols = []
    for c, t in types.items():
        if c not in present:
            cols.append(f"CAST(NULL AS {t}) AS {c}")
        elif t == "STRING":
            cols.append(f"CAST({c} AS STRING) AS {c}")
        else:
            cols.append(c)
    select = f"SELECT {', '.join(cols)} FROM {backend.parquet_sql(files)}"
    if len(files) == 1:
        return select
    # A record_id imported again replaces the earlier row: the highest _import_seq wins.
    return backend.dialect.latest_per_key(select, list(types), "record_id", "_import_seq DESC, _source_row DESC")


def files_by_dataset(source: DatasetSource | None) -> dict[str, list[Path]]:
    """Every dataset's active Parquet files, oldest first, in one read of the catalogue."""
    if source is None:
        return {}
    imports = getattr(source, "imports", None)
    if callable(imports) and hasattr(source, "root"):
        out: dict[str, list[Path]] = {}
        for record in imports():  # ordered by import sequence
            out.setdefault(record.dataset, []).append(Path(source.root) / record.parquet_path)
        return out
    return {name: list(source.dataset_files(name)) for name in source.datasets()}


def register_datasets(backend: Backend, source: DatasetSource | None, names: set[str],
                      index: DeterministicPersonIndex | None = None) -> None:
    """Define `rw_raw_<name>` and `<name>` for every dataset in `names`."""
    index = index or DeterministicPersonIndex()
    files = files_by_dataset(source)
    catalogue = datasets()
    chosen = [catalogue[n] for n in sorted(names)]
    # The index learns valid persons from every dataset that names people, not only the
    # ones this run reads, so a bad-check row links the same way whichever models run.
    for ds in catalogue.values():
        if ds.name in names or ds.persons:
            backend.create_view(f"rw_raw_{ds.name}", _raw_sql(backend, ds, files.get(ds.name, [])))
    learn = [m for ds in catalogue.values() for m in mentions(ds, f"rw_raw_{ds.name}")]
    index.prepare(backend, learn)
    for ds in chosen:
        joins, selects = [], ["b.*"]
        for i, m in enumerate(mentions(ds, f"rw_raw_{ds.name}")):
            join, select = index.person_columns(m, "b", f"pi{i}")
            if join:
                joins.append(join)
            selects.append(select)
        backend.create_view(ds.name, f"SELECT {', '.join(selects)} FROM rw_raw_{ds.name} b {' '.join(joins)}")
