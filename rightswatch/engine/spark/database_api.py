"""The Spark backend: the four operations of `rightswatch.engine.backend.Backend` on a SparkSession.

- `execute`: the query's rows as Arrow (`DataFrame.toArrow`, no pandas in between);
- `create_view`: a session temporary view;
- `create_table`: a materialised temporary view: `localCheckpoint` computes it once and
  cuts its lineage, so later steps neither recompute it nor drag its whole plan along
  (the reason `run_pipeline` materialises reused steps at all);
- `parquet_sql`: registers the files as a temporary view (columns united by name) and
  returns its name, since Spark SQL has no multi-file `read_parquet([...])` literal.

A backend built on a session it did not create (tests share one) leaves that session
running on `close` and only drops what it registered.
"""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from rightswatch.engine.backend import Backend
from rightswatch.engine.dialect import SparkDialect
from rightswatch.engine.spark.session import apply_settings, pyspark_available, spark_session


def _united_schema(files: list[Path]):
    """The files' columns united by name, as a Spark schema; None when they cannot be read here.

    Files on object storage (s3a://, hdfs://) are not readable by pyarrow without their
    credentials: Spark then infers the schema itself.
    """
    from pyspark.sql.pandas.types import from_arrow_schema

    try:
        schemas = [pq.read_schema(f) for f in files]
        return from_arrow_schema(pa.unify_schemas(schemas, promote_options="permissive"))
    except Exception:  # unreadable here, or a type Spark lacks: let Spark decide
        return None


def _active_session():
    if not pyspark_available():
        return None
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession()


class SparkBackend(Backend):
    """Args:
        spark: an existing SparkSession to use (kept open on close); None to open one.
        master: cluster manager URL when opening a session (default local[2]; SPARK_REMOTE wins).
        dialect: the SQL dialect (default SparkDialect; tests pass a deliberately wrong one).
    """

    def __init__(self, spark=None, master: str | None = None, dialect: SparkDialect | None = None):
        self.dialect = dialect or SparkDialect()
        if spark is None:
            spark = _active_session()
        # Stop on close only a session this backend started: another owner may still use it.
        self._own = spark is None
        self.spark = spark if spark is not None else spark_session(master)
        apply_settings(self.spark)
        self._views: set[str] = set()
        self._tables: dict[str, object] = {}
        self._file_views = itertools.count(1)

    @property
    def master(self) -> str:
        try:
            return self.spark.sparkContext.master
        except Exception:  # Spark Connect has no SparkContext on the client
            return "connect"

    # -- the four operations --------------------------------------------------------
    def execute(self, sql: str) -> pa.Table:
        return self.spark.sql(sql).toArrow()

    def create_view(self, name: str, sql: str) -> None:
        self._forget_table(name)
        self.spark.sql(sql).createOrReplaceTempView(name)
        self._views.add(name)

    def create_table(self, name: str, sql: str) -> None:
        df = self.spark.sql(sql).localCheckpoint(eager=True)
        # Only after the new one exists: `sql` may read the table it replaces.
        self._forget_table(name)
        df.createOrReplaceTempView(name)
        self._tables[name] = df
        self._views.add(name)

    def create_table_from_arrow(self, name: str, table: pa.Table) -> None:
        # PySpark 4 takes an Arrow table as is (no pandas); the rows are few (a run's subjects).
        df = self.spark.createDataFrame(table).localCheckpoint(eager=True)
        self._forget_table(name)
        df.createOrReplaceTempView(name)
        self._tables[name] = df
        self._views.add(name)

    def parquet_sql(self, files: list[Path]) -> str:
        name = f"rw_files_{next(self._file_views)}"
        paths = [str(f) for f in files]
        schema = _united_schema(files)
        if schema is not None:
            # A known schema spares Spark a job that opens every footer to infer one.
            reader = self.spark.read.schema(schema)
        else:
            reader = self.spark.read.option("mergeSchema", "true")
        reader.parquet(*paths).createOrReplaceTempView(name)
        self._views.add(name)
        return name

    # -- housekeeping ---------------------------------------------------------------
    def drop_table(self, name: str) -> None:
        self._forget_table(name)
        self.spark.catalog.dropTempView(name)
        self._views.discard(name)

    def set_progress(self, text: str) -> None:
        """Label the Spark jobs that follow (shown in the Spark UI and the history server)."""
        # Spark Connect has no SparkContext on the client; the label is only cosmetic.
        with contextlib.suppress(Exception):
            self.spark.sparkContext.setJobDescription(text)

    def _forget_table(self, name: str) -> None:
        df = self._tables.pop(name, None)
        if df is not None:
            df.unpersist()

    def close(self) -> None:
        for name in list(self._tables):
            self._forget_table(name)
        for name in self._views:
            self.spark.catalog.dropTempView(name)
        self._views.clear()
        if self._own:
            self.spark.stop()
