"""The person index's Splink model on Apache Spark (issue 6): same settings, Spark backend.

`rightswatch linkage build --engine spark` trains and scores with Splink's Spark backend
(`splink.backends.spark.SparkAPI`) instead of DuckDB. The settings are the very
dictionary of `settings.chinese_settings()`: its comparison levels are written in DuckDB
SQL, and `spark_settings()` translates each level to Spark SQL with SQLGlot (which Splink
already does for the blocking rules, since they carry `"sql_dialect": "duckdb"`), plus
one function Spark lacks: DuckDB's `hamming(a, b)` becomes a native Spark expression.
tests/spark/test_person_index.py evaluates every translated level against DuckDB on a
grid of value pairs, so a mistranslation fails a test instead of reaching a user.

What runs where. Features (pinyin, surnames, anchors) and clustering stay in the build's
in-memory DuckDB on the driver; the model's work — term frequencies, the u sample,
blocking, every candidate pair's comparison and its probability — runs on Spark, which
is the part that grows with the square of the block sizes. The scored pairs come back as
Arrow and the build continues exactly as on DuckDB.

Privacy. The feature table holds names and numbers (never stored by the build). On
Spark it lives in the executors' memory; Splink is told to keep its intermediate tables
in memory (`break_lineage_method="persist"`) rather than write them as Parquet to a
checkpoint folder, and sessions opened by RightsWatch encrypt shuffle and spill files
(`spark.io.encryption.enabled`, see `rightswatch.engine.spark.session`). A cluster
session that does not encrypt them is reported by `io_encryption_enabled()`, and the
CLI refuses it.
"""

from __future__ import annotations

import copy
import logging

import duckdb
import sqlglot
from sqlglot import exp

from rightswatch.identity.linkage.scoring import TrainingPlan, scoring_linker

# DuckDB's hamming(a, b): the number of positions at which two equal-length strings
# differ (DuckDB fails on unequal lengths; here they give NULL, which Splink reads as
# "level not met"; the inputs are 18-character numbers only).
_HAMMING = ("CASE WHEN length({a}) = length({b}) THEN aggregate(sequence(1, length({a})), 0, "
            "(acc, i) -> acc + CASE WHEN substr({a}, i, 1) = substr({b}, i, 1) THEN 0 ELSE 1 END) END")


def _rewrite_spark_only(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Anonymous) and node.name.lower() == "hamming" and len(node.expressions) == 2:
        a, b = (e.sql(dialect="spark") for e in node.expressions)
        return sqlglot.parse_one(_HAMMING.format(a=a, b=b), read="spark")
    return node


def duckdb_to_spark(sql: str) -> str:
    """One comparison condition from DuckDB SQL to Spark SQL."""
    if sql.strip().upper() == "ELSE":
        return sql
    tree = sqlglot.parse_one(sql, read="duckdb").transform(_rewrite_spark_only)
    return tree.sql(dialect="spark")


def spark_settings(settings: dict) -> dict:
    """The same Splink settings with every comparison level in Spark SQL (blocking rules
    keep their `sql_dialect` and are translated by Splink)."""
    out = copy.deepcopy(settings)
    for comparison in out["comparisons"]:
        for level in comparison["comparison_levels"]:
            level["sql_condition"] = duckdb_to_spark(level["sql_condition"])
    return out


def io_encryption_enabled(spark) -> bool:
    try:
        return str(spark.conf.get("spark.io.encryption.enabled", "false")).lower() == "true"
    except Exception:  # Spark Connect may not expose it: the cluster owns it
        return False


class SparkScorer:
    """`scoring.score` on Spark: the same signature, so `build.link_mentions` can take it.

    Reads the DuckDB input tables as Arrow, trains and predicts with Splink's Spark
    backend, and writes the scored pairs back into the DuckDB connection as `into`.

    Args:
        spark: the SparkSession.
        model: a trained model (`runs.model_json` of an earlier build, i.e. these settings
            with their m and u values) to score with instead of training: the same
            parameters give the same probabilities on either engine, while training on
            each engine draws its own u sample (the engines hash rows differently).
    """

    def __init__(self, spark, model: dict | None = None):
        self.spark = spark
        self.model = model

    def __call__(self, con: duckdb.DuckDBPyConnection, tables: list[str], settings: dict, plan: TrainingPlan,
                 threshold: float, into: str = "rw_scored_pairs", candidates: str | None = None) -> dict:
        from splink import Linker
        from splink.backends.spark import SparkAPI

        for name in ("splink", "splink.internals"):
            logging.getLogger(name).setLevel(logging.ERROR)
        # Intermediate tables stay in (encrypted-spill) memory, never as Parquet files.
        db_api = SparkAPI(spark_session=self.spark, break_lineage_method="persist")

        def on_spark(table: str):
            return db_api.register(self.spark.createDataFrame(con.sql(f"SELECT * FROM {table}").to_arrow_table()))

        frames = [on_spark(t) for t in tables]
        linker = Linker(frames if len(frames) > 1 else frames[0], spark_settings(self.model or settings),
                        log_level=logging.ERROR)
        if self.model is None:
            linker.training.estimate_probability_two_random_records_match(plan.prior_rules,
                                                                          recall=plan.prior_recall)
            linker.training.estimate_u_using_random_sampling(max_pairs=plan.u_pairs, seed=plan.seed)
            for rule in plan.em_rules:
                linker.training.estimate_parameters_using_expectation_maximisation(rule, **plan.em_options)
        model = linker.misc.save_model_to_json(out_path=None)
        scorer = linker if candidates is None else scoring_linker(linker, on_spark(candidates), model)
        predictions = scorer.inference.predict(threshold_match_probability=threshold)
        pairs = predictions.as_spark_dataframe().select(
            "unique_id_l", "unique_id_r", "match_probability", "match_weight").toArrow()
        con.register("rw_spark_pairs", pairs)
        con.execute(f"CREATE OR REPLACE TABLE {into} AS SELECT * FROM rw_spark_pairs")
        con.unregister("rw_spark_pairs")
        linker.table_management.delete_tables_created_by_splink_from_db()
        return model


def build_on_spark(workspace, who: str = "system", master: str | None = None, thresholds=None) -> dict:
    """`build_person_index` with the model on Spark: the active session if there is one
    (kept open), else a new one (`SPARK_REMOTE`, `master`, else local[2]; stopped after)."""
    from rightswatch.engine.spark.session import pyspark_available, spark_session
    from rightswatch.errors import RightsWatchError
    from rightswatch.identity.linkage.build import build_person_index

    spark = None
    if pyspark_available():
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()
    own = spark is None
    if own:
        spark = spark_session(master, "rightswatch-linkage")
    try:
        if not io_encryption_enabled(spark):
            raise RightsWatchError(
                "the person index build hands names and identity numbers to Spark: the session must "
                "encrypt its shuffle and spill files (--conf spark.io.encryption.enabled=true; docs/scale.md)")
        return build_person_index(workspace, who=who, thresholds=thresholds, scorer=SparkScorer(spark))
    finally:
        if own:
            spark.stop()
