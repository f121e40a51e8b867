"""The DuckDB backend: one in-process connection per run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa

from rightswatch.engine.backend import Backend
from rightswatch.engine.dialect import DuckDBDialect


class DuckDBBackend(Backend):
    """Args:
        threads: worker threads (default: $RIGHTSWATCH_THREADS or DuckDB's choice).
        memory_limit: e.g. "6GB" (default: $RIGHTSWATCH_MEMORY_LIMIT or DuckDB's 80 %).
    """

    def __init__(self, threads: int | None = None, memory_limit: str | None = None):
        self.dialect = DuckDBDialect()
        self._tmp = tempfile.TemporaryDirectory(prefix="rw-duckdb-")
        self.con = duckdb.connect(":memory:")
        # Spills go to a private temporary folder, never into the workspace.
        self.con.execute(f"SET temp_directory = '{self._tmp.name}'")
        self.con.execute("SET preserve_insertion_order = false")
        threads = threads or int(os.environ.get("RIGHTSWATCH_THREADS", "0") or 0)
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        memory_limit = memory_limit or os.environ.get("RIGHTSWATCH_MEMORY_LIMIT")
        if memory_limit:
            self.con.execute(f"SET memory_limit = '{memory_limit}'")

    def execute(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    def create_view(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")

    def create_table(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def create_table_from_arrow(self, name: str, table: pa.Table) -> None:
        self.con.register("rw_incoming_arrow", table)
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM rw_incoming_arrow")
        finally:
            self.con.unregister("rw_incoming_arrow")

    def drop_table(self, name: str) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def parquet_sql(self, files: list[Path]) -> str:
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        return f"read_parquet([{listed}], union_by_name = true)"

    def close(self) -> None:
        self.con.close()
        self._tmp.cleanup()
