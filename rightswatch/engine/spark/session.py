"""Opening a SparkSession the way RightsWatch needs it.

Three ways to reach Spark, in this order:
1. `SPARK_REMOTE` set (e.g. `sc://spark-connect.example:15002`): Spark Connect; the
   cluster owns the configuration, we only ask for the settings below per session.
2. `--spark-master URL` (`spark://host:7077`, `k8s://https://…`, `yarn`): a classic
   driver in this process against that cluster manager.
3. Neither: `local[2]` in this process (tests, a laptop).
"""

from __future__ import annotations

import importlib.util
import os

from rightswatch.errors import RightsWatchError

DEFAULT_MASTER = "local[2]"

# Settings every RightsWatch session needs, whatever the cluster:
# - timestamps in the workspace are local wall-clock times without a zone (DuckDB writes
#   them as Parquet TIMESTAMP with isAdjustedToUTC=false); TIMESTAMP_NTZ keeps them so, and
#   makes `CAST(date AS TIMESTAMP)` in the models NTZ too, so comparisons never shift by a zone;
# - UTC as session zone, so nothing that does convert depends on the machine's zone;
# - the TIME type (school_attendance_days start/end times), off by default in Spark 4.1+:
#   without it Spark refuses to read those columns at all.
SQL_SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.timeType.enabled": "true",
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.parquet.inferTimestampNTZ.enabled": "true",
}


def pyspark_available() -> bool:
    try:
        return importlib.util.find_spec("pyspark") is not None
    except ImportError:  # an import hook that refuses pyspark outright
        return False


def _require_pyspark() -> None:
    if not pyspark_available():
        raise RightsWatchError(
            "the Spark engine needs PySpark: pip install 'rightswatch[spark]' (and Java 17 or 21)"
        )


def spark_session(master: str | None = None, app_name: str = "rightswatch", *,
                  driver_memory: str | None = None, shuffle_partitions: int | None = None):
    """A SparkSession with RightsWatch's settings (created, or the active one reused).

    Args:
        master: cluster manager URL; default `local[2]`. Ignored under `SPARK_REMOTE`.
        driver_memory: local mode only (the driver JVM is this process's child); default
            $RIGHTSWATCH_SPARK_DRIVER_MEMORY or 4g.
        shuffle_partitions: default $RIGHTSWATCH_SPARK_SHUFFLE_PARTITIONS, else one per
            local core (adaptive execution stays on) or Spark's 200 on a cluster.
    """
    _require_pyspark()
    from pyspark.sql import SparkSession

    remote = os.environ.get("SPARK_REMOTE")
    builder = SparkSession.builder.appName(app_name)
    if remote:
        builder = builder.remote(remote)
    else:
        master = master or DEFAULT_MASTER
        builder = builder.master(master)
        if master.startswith("local"):
            memory = driver_memory or os.environ.get("RIGHTSWATCH_SPARK_DRIVER_MEMORY", "4g")
            builder = (builder.config("spark.driver.memory", memory)
                       # No web UI on a laptop or CI: it only takes a port.
                       .config("spark.ui.enabled", "false")
                       .config("spark.ui.showConsoleProgress", "false")
                       # Shuffle and spill files on local disk are encrypted with a key that
                       # lives only in this process: the person index's build hands names and
                       # numbers to Spark (rightswatch/identity/linkage/spark.py).
                       .config("spark.io.encryption.enabled", "true"))
        jar = _splink_jar()
        if jar:
            # Splink's similarity functions (jaro_winkler, damerau_levenshtein …), shipped
            # inside the splink package: nothing is downloaded.
            builder = builder.config("spark.jars", jar)
    partitions = shuffle_partitions or int(os.environ.get("RIGHTSWATCH_SPARK_SHUFFLE_PARTITIONS", "0") or 0)
    local = not remote and (master or "").startswith("local")
    if not partitions and local:
        # One shuffle partition per core: on one machine every extra partition is a task
        # to schedule and a shuffle file to write for rows that fit in one anyway
        # (measured on the small city: 4 -> 2 partitions, 148 s -> 83 s; docs/scale.md).
        partitions = _local_cores(master)
    for key, value in SQL_SETTINGS.items():
        builder = builder.config(key, value)
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    spark = builder.getOrCreate()
    # getOrCreate may hand back a session created elsewhere: the SQL settings must hold anyway.
    apply_settings(spark)
    if partitions:
        spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    if not remote:
        spark.sparkContext.setLogLevel("ERROR")
    return spark


def _splink_jar() -> str | None:
    try:
        from splink.backends.spark import similarity_jar_location

        path = similarity_jar_location()
    except Exception:  # splink absent or a Spark it has no jar for: the models do not need it
        return None
    return path if os.path.exists(path) else None


def apply_settings(spark) -> None:
    """The SQL settings the models' answers depend on (idempotent; any session)."""
    for key, value in SQL_SETTINGS.items():
        spark.conf.set(key, value)


def _local_cores(master: str) -> int:
    inner = master[master.find("[") + 1: master.find("]")] if "[" in master else "1"
    if inner.strip() == "*":
        return os.cpu_count() or 1
    try:
        return max(1, int(inner.split(",")[0]))
    except ValueError:
        return os.cpu_count() or 1
