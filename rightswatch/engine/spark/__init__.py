"""The Spark backend: the same models on Apache Spark (local mode, a cluster, or Spark Connect).

PySpark is an optional extra (`pip install 'rightswatch[spark]'`). Nothing here imports it
at module load, so `import rightswatch.engine.spark` works without it and only opening a
session fails, with an error that says what to install.
"""

from rightswatch.engine.spark.database_api import SparkBackend
from rightswatch.engine.spark.session import DEFAULT_MASTER, pyspark_available, spark_session

__all__ = ["DEFAULT_MASTER", "SparkBackend", "pyspark_available", "spark_session"]
