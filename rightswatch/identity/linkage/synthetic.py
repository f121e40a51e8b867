"""The Chinese synthetic benchmark: a synthetic city, ingested, indexed, scored.

Scored on the nodes the index links: every row without a valid number, and one node per
valid person. Only pairs with at least one row without a valid number count (pairs of
valid numbers are exact by construction). The truth is the synthetic city's
`persons_truth.parquet`; it is read by this benchmark only, never by the index.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb

from rightswatch.contract import datasets
from rightswatch.identity.linkage.metrics import pair_scores
from rightswatch.identity.linkage.settings import Thresholds
from rightswatch.identity.linkage.store import open_store


def score_workspace(workspace: Path, truth_file: Path) -> dict:
    """Precision and recall of the workspace's current person index against the truth."""
    workspace = Path(workspace)
    con = duckdb.connect()
    imports = duckdb.connect(str(workspace / "catalogue.duckdb"), read_only=True).execute(
        "SELECT dataset, parquet_path FROM imports WHERE status = 'active'").fetchall()
    parts = []
    for name, ds in datasets().items():
        files = [str(workspace / p) for d, p in imports if d == name]
        if not files or not ds.persons:
            continue
        listing = ", ".join(f"'{f}'" for f in files)
        for g in ds.persons:
            parts.append(f"SELECT '{name}' AS dataset, record_id, '{g.prefix}' AS prefix, "
                         f"'T:' || {g.prefix}person_token AS node FROM read_parquet([{listing}], union_by_name = true) "
                         f"WHERE {g.prefix}id_status = 'valid'")
    con.execute("CREATE TABLE valid_rows AS " + " UNION ALL ".join(parts))
    con.execute(f"CREATE TABLE truth AS SELECT * FROM read_parquet('{truth_file}')")
    with open_store(workspace, read_only=True) as store:
        con.register("clusters_arrow", store.sql("SELECT node, person_id FROM clusters").to_arrow_table())
        con.register("members_arrow", store.sql("SELECT * FROM members").to_arrow_table())
        review = store.execute("SELECT pending_review FROM runs ORDER BY run_id DESC LIMIT 1").fetchall()
    con.execute("""
        CREATE TABLE node_truth AS
        SELECT node, mode(true_person_id) AS truth FROM (
            SELECT node, dataset, record_id, prefix FROM valid_rows
            UNION ALL SELECT node, dataset, record_id, prefix FROM members_arrow) m
        JOIN truth t USING (dataset, record_id, prefix) GROUP BY node""")
    con.execute("""
        CREATE TABLE scored AS
        SELECT c.node AS record, c.person_id AS cluster, t.truth, starts_with(c.node, 'R:') AS scoped
        FROM clusters_arrow c JOIN node_truth t USING (node)""")
    scores = pair_scores(con, "scored")
    rows = con.execute("SELECT count(*) FROM scored WHERE scoped").fetchall()[0][0]
    con.close()
    return {"rows_without_valid_number": rows, **scores.as_dict(),
            "pairs_for_review": review[0][0] if review else 0}


def evaluate_synthetic(scale: str = "small", seed: int = 7, thresholds: Thresholds | None = None,
                       workdir: Path | None = None) -> dict:
    from rightswatch.identity.linkage.build import build_person_index
    from rightswatch.identity.linkage.evaluate import default_workdir
    from rightswatch.ingest import ingest_path
    from rightswatch.synth import generate_bundle

    started = time.perf_counter()
    workdir = Path(workdir or default_workdir()) / f"synthetic-{scale}-seed{seed}"
    bundle, workspace = workdir / "bundle", workdir / "workspace"
    if not (bundle / "persons_truth.parquet").exists():
        generate_bundle(str(bundle), scale=scale, seed=seed)
    shutil.rmtree(workspace, ignore_errors=True)
    ingest_path(bundle, workspace)
    built = build_person_index(workspace, who="benchmark", thresholds=thresholds)
    scores = score_workspace(workspace, bundle / "persons_truth.parquet")
    return {"benchmark": "synthetic", "scale": scale, "seed": seed, **scores,
            "index_seconds": built["seconds"], "seconds": round(time.perf_counter() - started, 2)}
