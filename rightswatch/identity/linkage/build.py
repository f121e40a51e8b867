"""The privileged person-index build.

Reads the workspace's analytic rows and, in memory and one segment at a time, its vault
(names and numbers are needed to compare them; `mentions.py`); derives comparison features; runs Splink on an in-memory
DuckDB; and writes back only what is safe in the workspace: node ids (tokens and row
references), masked display forms, match probabilities, clusters and links. The vault's
plaintext never leaves this process: no table of the linkage database and no file
written here has a name or number column, and nothing is logged but counts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

import duckdb

from rightswatch.identity.linkage.features import name_features
from rightswatch.identity.linkage.mentions import ANCHORED, LINKABLE, load_nodes, plaintext_connection
from rightswatch.identity.linkage.scoring import TrainingPlan, score
from rightswatch.identity.linkage.settings import (
    CHINESE_EM_RULES,
    CHINESE_PRIOR_RULES,
    Thresholds,
    chinese_blocking_keys,
    chinese_settings,
)
from rightswatch.identity.linkage.state import recluster
from rightswatch.identity.linkage.store import export_links, open_store


def nodes_from_mentions(con: duckdb.DuckDBPyConnection) -> None:
    """`rw_all_nodes` and `rw_members` from `rw_mentions` (one row per mention, held whole:
    the 1 M-record benchmark's input). A workspace is read by `mentions.load_nodes`, which
    gives the same tables without ever holding every mention."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rw_node_rows AS
        SELECT CASE WHEN id_status = 'valid' THEN 'T:' || person_token
                    WHEN id_status = 'other_document' AND person_token IS NOT NULL THEN 'D:' || person_token
                    ELSE 'R:' || dataset || '/' || record_id || '/' || prefix END AS node,
               {ANCHORED} AS anchored, * FROM rw_mentions
        WHERE {ANCHORED} OR (id_status IN {LINKABLE} AND name IS NOT NULL)""")
    con.execute("DROP TABLE IF EXISTS rw_mentions")  # memory: every row is in rw_node_rows now
    # Rows to link are one node each and pass straight through; only anchors (many rows
    # per token) are grouped.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE rw_all_nodes AS
        SELECT node, NULL::VARCHAR AS anchor, name, birth_on, gender,
               CASE WHEN length(id_number) = 18 THEN id_number END AS id18,
               dataset, record_id, prefix, name_masked, id_masked, dataset AS datasets, 1::BIGINT AS n_rows
        FROM rw_node_rows WHERE NOT anchored
        UNION ALL
        SELECT node, node AS anchor, mode(name), mode(birth_on), mode(gender),
               CASE WHEN starts_with(node, 'T:') AND length(any_value(id_number)) = 18
                    THEN any_value(id_number) END,
               NULL, NULL, NULL, mode(name_masked), mode(id_masked),
               string_agg(DISTINCT dataset, ',' ORDER BY dataset), count(*)
        FROM rw_node_rows WHERE anchored GROUP BY node""")
    con.execute("""CREATE OR REPLACE TEMP TABLE rw_members AS
                   SELECT dataset, record_id, prefix, node FROM rw_node_rows WHERE NOT anchored""")
    con.execute("DROP TABLE rw_node_rows")


def build_candidates(con: duckdb.DuckDBPyConnection) -> None:
    """`rw_splink_nodes`, the model's population: every node's comparison features,
    anchors only where some unanchored row shares a name or a part of a number with them;
    and `rw_splink_candidates`, what is scored: the unanchored rows and the anchors that
    share some blocking rule's key with one of them.

    Every blocking rule pairs at least one unanchored row (`NOT_TWO_ANCHORS`), so an anchor
    outside the candidates is in no candidate pair: scoring the candidates gives the
    pairs of scoring the population, with join tables a fraction of the size (at city
    scale the population's blocking joins do not fit in memory). The population stays
    as it was, so the learned u probabilities, the prior and the names' term frequencies
    do not depend on this cut."""
    name_features(con, "rw_all_nodes", "name", "rw_names")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE rw_features AS
        SELECT n.node AS unique_id, n.anchor, n.name, f.name_pinyin, f.surname, f.given_pinyin,
               n.birth_on, n.gender, left(n.id18, 6) AS region, n.id18
        FROM rw_all_nodes n LEFT JOIN rw_names f ON f.name = n.name""")
    _rows_to_link_and_anchors(con, "rw_splink_nodes", "rw_features", """
            a.name_pinyin IN (SELECT name_pinyin FROM free)
            OR (a.surname, a.birth_on) IN (SELECT (surname, birth_on) FROM free)
            OR left(a.id18, 14) IN (SELECT left(id18, 14) FROM free)
            OR left(a.id18, 6) || right(a.id18, 4) IN (SELECT left(id18, 6) || right(id18, 4) FROM free)
            OR right(a.id18, 12) IN (SELECT right(id18, 12) FROM free)""")
    con.execute("DROP TABLE rw_features")
    # The blocking keys themselves, with a row to link on one side (`f`) and the anchor on
    # the other (`a`): a NULL key part matches nothing there and nothing here.
    reaches = [re.sub(r"\b([lr])\.", lambda m: "a." if m.group(1) == "l" else "f.", key)
               for key in chinese_blocking_keys()]
    # One semi-join per key (its hash table holds the rows to link only), not an OR of
    # correlated subqueries, which DuckDB plans with far more memory than a city has.
    reached = "\n UNION ".join(f"SELECT a.unique_id FROM rw_splink_nodes a SEMI JOIN free f ON {key} "
                                "WHERE a.anchor IS NOT NULL" for key in reaches)
    _rows_to_link_and_anchors(con, "rw_splink_candidates", "rw_splink_nodes", f"a.unique_id IN ({reached})")


def _rows_to_link_and_anchors(con: duckdb.DuckDBPyConnection, into: str, source: str, reaches: str) -> None:
    """`into`: every row to link of `source` (`free` in `reaches`), and its anchors `a` for which `reaches` holds."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {into} AS
        WITH free AS (SELECT * FROM {source} WHERE anchor IS NULL)
        SELECT * FROM free
        UNION ALL
        SELECT a.* FROM {source} a WHERE a.anchor IS NOT NULL AND ({reaches})""")


def valid_typo_pairs(con: duckdb.DuckDBPyConnection) -> None:
    """`rw_typo_pairs`: two *valid* resident numbers whose first 17 digits are one typing
    slip apart — one digit different, or two adjacent digits transposed — held by the same
    normalised name. The check character (ISO 7064 MOD 11-2) catches every such slip on its
    own, so a mistyped number is valid only when its check character was made to fit as
    well (an entry form that refuses the number until the clerk "corrects" the last
    character, a system that computes it). Such a number looks like another, valid person;
    these pairs go to the review queue, never linked automatically (docs/linkage.md,
    "A typo that yields another valid number").

    Two numbers that are both in the household register (`residents`) are two registered
    persons, not a typo, and are no candidate: the register holds the true number, the slip
    happens in another agency's export. (On the tenth-scale synthetic city this drops all
    229 same-name pairs of registered persons one digit apart, which a reviewer would
    otherwise have had to reject one by one.)

    Set-at-a-time: three equi-joins on the name and two of the three parts of the first 17
    digits (region 1-6, birth date 7-14, sequence 15-17), which one slip within a part
    always leaves intact; blocks are tiny (same name and, e.g., same region and birth date)."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE rw_typo_anchors AS
        SELECT node, name, id18, left(id18, 6) AS p_region, substr(id18, 7, 8) AS p_birth,
               substr(id18, 15, 3) AS p_seq, birth_on, gender,
               coalesce(list_contains(string_split(datasets, ','), 'residents'), false) AS registered
        FROM rw_all_nodes WHERE anchor IS NOT NULL AND starts_with(node, 'T:') AND id18 IS NOT NULL AND name IS NOT NULL""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE rw_typo_pairs AS
        WITH cand AS (
            SELECT l.node AS a, r.node AS b FROM rw_typo_anchors l JOIN rw_typo_anchors r
              ON l.name = r.name AND l.p_region = r.p_region AND l.p_birth = r.p_birth WHERE l.node < r.node
            UNION
            SELECT l.node, r.node FROM rw_typo_anchors l JOIN rw_typo_anchors r
              ON l.name = r.name AND l.p_region = r.p_region AND l.p_seq = r.p_seq WHERE l.node < r.node
            UNION
            SELECT l.node, r.node FROM rw_typo_anchors l JOIN rw_typo_anchors r
              ON l.name = r.name AND l.p_birth = r.p_birth AND l.p_seq = r.p_seq WHERE l.node < r.node),
        diff AS (
            SELECT c.a, c.b, l.id18 AS x, r.id18 AS y, l.birth_on = r.birth_on AS birth_exact,
                   coalesce(l.gender <> r.gender, false) AS gender_differs, l.registered AND r.registered AS registered_both,
                   list_filter(range(1, 18), lambda i: substr(l.id18, i, 1) <> substr(r.id18, i, 1)) AS pos
            FROM cand c JOIN rw_typo_anchors l ON l.node = c.a JOIN rw_typo_anchors r ON r.node = c.b)
        SELECT a, b, CASE WHEN len(pos) = 1 THEN 'one_digit' ELSE 'transposed' END AS slip,
               coalesce(birth_exact, false) AS birth_exact, gender_differs
        FROM diff
        WHERE NOT registered_both AND (len(pos) = 1
           OR (len(pos) = 2 AND pos[2] = pos[1] + 1
               AND substr(x, pos[1], 1) = substr(y, pos[2], 1) AND substr(x, pos[2], 1) = substr(y, pos[1], 1)))""")
    con.execute("DROP TABLE rw_typo_anchors")


def link_mentions(con: duckdb.DuckDBPyConnection, thresholds: Thresholds, scorer=score) -> dict:
    """`link_nodes` from `rw_mentions`."""
    t = time.perf_counter()
    nodes_from_mentions(con)
    grouped = time.perf_counter() - t
    linked = link_nodes(con, thresholds, scorer)
    linked["timings"]["features"] += grouped
    return linked


def link_nodes(con: duckdb.DuckDBPyConnection, thresholds: Thresholds, scorer=score) -> dict:
    """From `rw_all_nodes` and `rw_members` to what may be stored: nodes, members and
    scored pairs as Arrow tables holding node ids, masked forms, derived dates and
    probabilities only.

    `scorer` trains and scores (`scoring.score` on DuckDB; `spark.SparkScorer` on Spark)."""
    timings = {}
    t = time.perf_counter()
    build_candidates(con)
    timings["features"] = time.perf_counter() - t
    free, population, candidates = con.execute(
        "SELECT count(*) FILTER (anchor IS NULL), count(*), (SELECT count(*) FROM rw_splink_candidates) "
        "FROM rw_splink_nodes").fetchall()[0]
    model = None
    t = time.perf_counter()
    if free:
        model = scorer(con, ["rw_splink_nodes"], chinese_settings(),
                      TrainingPlan(prior_rules=CHINESE_PRIOR_RULES, em_rules=CHINESE_EM_RULES),
                      threshold=thresholds.low, candidates="rw_splink_candidates")
    else:
        con.execute("CREATE OR REPLACE TABLE rw_scored_pairs (unique_id_l VARCHAR, unique_id_r VARCHAR, "
                    "match_probability DOUBLE, match_weight DOUBLE)")
    timings["splink"] = time.perf_counter() - t
    t = time.perf_counter()
    valid_typo_pairs(con)
    typo_pairs = con.sql("SELECT * FROM rw_typo_pairs").to_arrow_table()
    timings["valid_typos"] = time.perf_counter() - t
    nodes = con.sql("""
        SELECT node, anchor, dataset, record_id, prefix, name_masked, id_masked, birth_on, gender,
               datasets, n_rows FROM rw_all_nodes""").to_arrow_table()
    members = con.sql("SELECT dataset, record_id, prefix, node FROM rw_members").to_arrow_table()
    # Agreement flags (not values) for the "only candidate" rule of state.py.
    pairs = con.sql("""
        SELECT least(p.unique_id_l, p.unique_id_r) AS a, greatest(p.unique_id_l, p.unique_id_r) AS b,
               p.match_probability AS probability, p.match_weight,
               coalesce(l.name = r.name, false) AS name_exact,
               coalesce(l.birth_on = r.birth_on, false) AS birth_exact,
               coalesce(l.gender <> r.gender, false) AS gender_differs
        FROM rw_scored_pairs p JOIN rw_splink_nodes l ON l.unique_id = p.unique_id_l
        JOIN rw_splink_nodes r ON r.unique_id = p.unique_id_r""").to_arrow_table()
    return {"nodes": nodes, "members": members, "pairs": pairs, "typo_pairs": typo_pairs, "model": model,
            "rows_to_link": free, "population": population, "candidates": candidates, "timings": timings}


def persist(workspace: Path, linked: dict, thresholds: Thresholds, who: str, started_at: dt.datetime) -> dict:
    """Replace the index's nodes, members and pairs; re-cluster under every decision so far."""
    nodes, members, pairs, model = linked["nodes"], linked["members"], linked["pairs"], linked["model"]
    with open_store(workspace) as store:
        run_id = store.execute("SELECT nextval('run_seq')").fetchall()[0][0]
        store.register("safe_nodes", nodes)
        store.register("safe_members", members)
        store.register("safe_pairs", pairs)
        store.execute("BEGIN")
        store.execute("DELETE FROM nodes")
        store.execute("INSERT INTO nodes SELECT * FROM safe_nodes")
        store.execute("DELETE FROM members")
        store.execute("INSERT INTO members SELECT * FROM safe_members")
        store.execute("DELETE FROM pairs")
        store.execute(f"INSERT INTO pairs SELECT a, b, probability, match_weight, {run_id}, name_exact, "
                      "birth_exact, gender_differs FROM safe_pairs")
        store.register("safe_typo_pairs", linked["typo_pairs"])
        store.execute("DELETE FROM typo_pairs")
        store.execute(f"INSERT INTO typo_pairs SELECT a, b, slip, birth_exact, gender_differs, {run_id} "
                      "FROM safe_typo_pairs")
        counts = recluster(store, run_id, thresholds)
        store.execute(
            "INSERT INTO runs VALUES (?, 'build', ?, ?, now(), ?, ?, ?, ?, ?, ?, ?)",
            [run_id, who, started_at, thresholds.high, thresholds.low, nodes.num_rows, pairs.num_rows,
             counts["auto_links"], counts["pending_review"], json.dumps(model, ensure_ascii=False) if model else None])
        store.execute("COMMIT")
        export_links(store, workspace)
    return {"run_id": run_id, **counts}


def build_person_index(workspace: Path | str, who: str = "system", thresholds: Thresholds | None = None,
                       threads: int = 2, scorer=score) -> dict:
    """Build (or rebuild) the person index of a workspace; return counts and timings.

    `scorer`: `scoring.score` (Splink on DuckDB) or `spark.SparkScorer(session)` (Splink on Spark)."""
    workspace = Path(workspace)
    thresholds = thresholds or Thresholds.from_env()
    started_at = dt.datetime.now()
    t0 = time.perf_counter()
    con = plaintext_connection(threads)
    try:
        n_mentions = load_nodes(con, workspace)
        read = time.perf_counter() - t0
        linked = link_nodes(con, thresholds, scorer)
    finally:
        con.close()  # the vault's plaintext goes with the in-memory database
    t = time.perf_counter()
    stored = persist(workspace, linked, thresholds, who, started_at)
    timings = {"read": read, **linked["timings"], "store": time.perf_counter() - t}
    return {**stored, "mentions": n_mentions, "nodes": linked["nodes"].num_rows, "rows_to_link": linked["rows_to_link"],
            "population": linked["population"], "candidates": linked["candidates"],
            "pairs_scored": linked["pairs"].num_rows, "seconds": round(time.perf_counter() - t0, 2),
            "timings": {k: round(v, 2) for k, v in timings.items()}}
