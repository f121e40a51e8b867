"""`rightswatch linkage evaluate`: the project's own linker on FEBRL and on the synthetic city."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import weakref
from pathlib import Path

import duckdb

from rightswatch.identity.linkage import febrl
from rightswatch.identity.linkage.clustering import constrained_clusters
from rightswatch.identity.linkage.metrics import Scores, pair_scores
from rightswatch.identity.linkage.scoring import TrainingPlan, score
from rightswatch.identity.linkage.settings import (
    FEBRL_EM_RULES,
    FEBRL_PRIOR_RULES,
    Thresholds,
    febrl_settings,
)

BENCHMARKS = ("febrl1", "febrl2", "febrl3", "febrl4", "synthetic")


def connect(threads: int = 2) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    spill = tempfile.mkdtemp(prefix="rw-linkage-")
    con.execute(f"SET temp_directory = '{spill}'")
    # The spill folder goes when the connection does.
    weakref.finalize(con, shutil.rmtree, spill, True)
    return con


def evaluate_febrl(name: str, thresholds: Thresholds | None = None) -> dict:
    thresholds = thresholds or Thresholds.from_env()
    started = time.perf_counter()
    con = connect()
    tables = febrl.load(con, name)
    link_type = "link_only" if len(tables) > 1 else "dedupe_only"
    plan = TrainingPlan(prior_rules=FEBRL_PRIOR_RULES, em_rules=FEBRL_EM_RULES, prior_recall=0.7, u_pairs=2e6)
    score(con, tables, febrl_settings(link_type), plan, threshold=min(thresholds.low, 0.5))
    records = " UNION ALL ".join(f"SELECT unique_id, truth FROM {t}" for t in tables)
    con.execute(f"CREATE TABLE rw_records AS {records}")
    con.execute("CREATE TABLE rw_nodes AS SELECT unique_id AS node, CAST(NULL AS VARCHAR) AS anchor FROM rw_records")
    scores = _cluster_and_score(con, thresholds, "TRUE")
    records = con.execute("SELECT count(*) FROM rw_records").fetchall()[0][0]
    con.close()
    return {"benchmark": name, "records": records,
            "thresholds": {"high": thresholds.high, "low": thresholds.low}, **scores,
            "seconds": round(time.perf_counter() - started, 2)}


def _cluster_and_score(con: duckdb.DuckDBPyConnection, thresholds: Thresholds, scoped_sql: str) -> dict:
    con.execute(f"""CREATE OR REPLACE TABLE rw_links AS SELECT unique_id_l AS a, unique_id_r AS b,
                    match_probability AS probability, 'splink' AS method FROM rw_scored_pairs
                    WHERE match_probability >= {thresholds.high}""")
    con.execute("CREATE OR REPLACE TABLE rw_rejected (a VARCHAR, b VARCHAR)")
    constrained_clusters(con, "rw_nodes", "rw_links", "rw_rejected", "rw_clusters")
    con.execute(f"""CREATE OR REPLACE TABLE rw_scored AS SELECT r.unique_id AS record, c.cluster, r.truth,
                    {scoped_sql} AS scoped FROM rw_records r JOIN rw_clusters c ON c.node = r.unique_id""")
    auto: Scores = pair_scores(con, "rw_scored")
    review = con.execute(f"SELECT count(*) FROM rw_scored_pairs WHERE match_probability >= {thresholds.low} "
                         f"AND match_probability < {thresholds.high}").fetchall()[0][0]
    return {**auto.as_dict(), "pairs_for_review": review}


def evaluate(benchmark: str, scale: str = "small", seed: int = 7, thresholds: Thresholds | None = None) -> dict:
    if benchmark.startswith("febrl"):
        return evaluate_febrl(benchmark, thresholds)
    from rightswatch.identity.linkage.synthetic import evaluate_synthetic

    return evaluate_synthetic(scale=scale, seed=seed, thresholds=thresholds)


def default_workdir() -> Path:
    return Path(os.environ.get("RIGHTSWATCH_LINKAGE_BENCH_DIR", tempfile.gettempdir())) / "rw-linkage-bench"
