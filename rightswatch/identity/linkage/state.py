"""From the stored pairs and decisions to the current links, inside the linkage database.

Needs no vault: a review decision or a split re-clusters at once from what the last
build scored, so the analyst's change is visible to the next model run without waiting
for a privileged rebuild. A rebuild then re-scores, and the same decisions bind again.
"""

from __future__ import annotations

import duckdb

from rightswatch.identity.linkage.clustering import connected_components, constrained_clusters
from rightswatch.identity.linkage.settings import Thresholds

# The newest decision about a pair binds (an analyst may reverse a mistaken one; the
# old one stays in the table as history).
CURRENT_DECISIONS = """
    SELECT a, b, arg_max(decision, decision_id) AS decision FROM decisions GROUP BY a, b"""

PERSON_ID = """CASE WHEN c.person_anchor IS NOT NULL THEN coalesce(al.person_anchor, c.person_anchor)
    ELSE 'U:' || k.dataset || '/' || k.record_id || CASE WHEN k.prefix = '' THEN '' ELSE '/' || rtrim(k.prefix, '_') END
    END"""


def recluster(con: duckdb.DuckDBPyConnection, run_id: int, thresholds: Thresholds) -> dict:
    """Rebuild `clusters` and `links` from `pairs` and `decisions`; log changes in `link_history`."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE rw_current_decisions AS {CURRENT_DECISIONS}")
    con.execute("CREATE OR REPLACE TEMP TABLE rw_rejected AS SELECT a, b FROM rw_current_decisions "
                "WHERE decision = 'reject'")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rw_links AS
        SELECT p.a, p.b, p.probability, 'splink' AS method FROM pairs p
        WHERE p.probability >= {thresholds.high}
          AND NOT EXISTS (SELECT 1 FROM rw_current_decisions d WHERE d.a = p.a AND d.b = p.b)
        UNION ALL
        SELECT a, b, probability, 'splink_unique' FROM ({unique_sql(thresholds)})
        UNION ALL
        SELECT d.a, d.b, 1.0, 'review' FROM rw_current_decisions d
        JOIN nodes na ON na.node = d.a JOIN nodes nb ON nb.node = d.b
        WHERE d.decision = 'confirm' AND (na.anchor IS NULL OR nb.anchor IS NULL)""")
    con.execute("CREATE OR REPLACE TEMP TABLE rw_nodes AS SELECT node, anchor FROM nodes")
    constrained_clusters(con, "rw_nodes", "rw_links", "rw_rejected", "rw_clusters")
    confirmed_typos(con)
    con.execute(f"""
        CREATE OR REPLACE TABLE clusters AS
        SELECT c.node, {PERSON_ID} AS person_id,
               CASE WHEN al.node = c.node THEN 'review' ELSE c.link_method END AS link_method,
               c.link_probability, c.conflict
        FROM rw_clusters c JOIN nodes k ON k.node = c.cluster
        LEFT JOIN rw_alias al ON al.node = c.person_anchor""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE rw_new_links AS
        SELECT m.dataset, m.record_id, m.prefix, m.node, c.person_id,
               CASE WHEN c.link_method = 'anchor' THEN 'splink' ELSE c.link_method END AS link_method,
               c.link_probability
        FROM members m JOIN clusters c USING (node)""")
    con.execute(f"""
        INSERT INTO link_history
        SELECT {run_id}, n.dataset, n.record_id, n.prefix, n.person_id, n.link_method, n.link_probability, o.person_id
        FROM rw_new_links n LEFT JOIN links o USING (dataset, record_id, prefix)
        WHERE o.person_id IS DISTINCT FROM n.person_id OR o.link_method IS DISTINCT FROM n.link_method""")
    con.execute("CREATE OR REPLACE TABLE links AS SELECT * FROM rw_new_links")
    counts = con.execute(f"""
        SELECT (SELECT count(*) FROM rw_links),
               (SELECT count(*) FROM ({pending_sql(thresholds)}))""").fetchall()[0]
    for t in ("rw_current_decisions", "rw_rejected", "rw_links", "rw_nodes", "rw_clusters", "rw_new_links",
              "rw_alias"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return {"auto_links": counts[0], "pending_review": counts[1]}


def confirmed_typos(con: duckdb.DuckDBPyConnection) -> None:
    """`rw_alias(node, person_anchor)`: valid numbers that a reviewer confirmed to be one
    person (a typing slip that kept the check character valid). Each group of such numbers
    becomes the person of one of them: the number in the household register (residents)
    when exactly that one is, else the number with the most rows, else the smallest."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE rw_alias_edges AS
        SELECT d.a, d.b FROM rw_current_decisions d
        JOIN nodes na ON na.node = d.a JOIN nodes nb ON nb.node = d.b
        WHERE d.decision = 'confirm' AND na.anchor IS NOT NULL AND nb.anchor IS NOT NULL""")
    con.execute("CREATE OR REPLACE TEMP TABLE rw_alias_nodes AS SELECT a AS node FROM rw_alias_edges "
                "UNION SELECT b FROM rw_alias_edges")
    connected_components(con, "rw_alias_nodes", "rw_alias_edges", "rw_alias_cc")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE rw_alias AS
        WITH ranked AS (
            SELECT c.node, first_value(c.node) OVER (
                       PARTITION BY c.cluster
                       ORDER BY coalesce(list_contains(string_split(n.datasets, ','), 'residents'), false) DESC,
                                n.n_rows DESC, c.node) AS person_anchor
            FROM rw_alias_cc c JOIN nodes n USING (node))
        SELECT node, person_anchor FROM ranked WHERE node <> person_anchor""")
    for t in ("rw_alias_edges", "rw_alias_nodes", "rw_alias_cc"):
        con.execute(f"DROP TABLE IF EXISTS {t}")


def unique_sql(thresholds: Thresholds) -> str:
    """Grey-zone pairs that link because the valid person is the row's only candidate."""
    return f"""
        WITH cand AS (
            SELECT p.*, CASE WHEN na.anchor IS NULL THEN p.a ELSE p.b END AS free_node
            FROM pairs p JOIN nodes na ON na.node = p.a JOIN nodes nb ON nb.node = p.b
            WHERE (na.anchor IS NULL) <> (nb.anchor IS NULL) AND p.probability >= {thresholds.low}),
        lone AS (SELECT free_node FROM cand GROUP BY free_node HAVING count(*) = 1)
        SELECT c.a, c.b, c.probability FROM cand c JOIN lone USING (free_node)
        WHERE c.probability >= {thresholds.unique} AND c.probability < {thresholds.high}
          AND c.name_exact AND c.birth_exact AND NOT c.gender_differs
          AND NOT EXISTS (SELECT 1 FROM rw_current_decisions d WHERE d.a = c.a AND d.b = c.b)"""


def pending_sql(thresholds: Thresholds) -> str:
    """Pairs awaiting a human: undecided, in the grey zone (or strong but caught in a
    conflicted cluster), and not already in one cluster by other links."""
    return f"""
        SELECT p.a, p.b, p.probability, p.match_weight, 'splink' AS kind FROM pairs p
        JOIN clusters ca ON ca.node = p.a JOIN clusters cb ON cb.node = p.b
        WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.a = p.a AND d.b = p.b)
          AND ca.person_id <> cb.person_id
          AND (p.probability < {thresholds.high} OR ca.conflict OR cb.conflict)
          AND p.probability >= {thresholds.low}
        UNION ALL
        SELECT t.a, t.b, NULL::DOUBLE, NULL::DOUBLE, 'valid_number_typo' FROM typo_pairs t
        JOIN clusters ca ON ca.node = t.a JOIN clusters cb ON cb.node = t.b
        WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.a = t.a AND d.b = t.b)
          AND ca.person_id <> cb.person_id"""
