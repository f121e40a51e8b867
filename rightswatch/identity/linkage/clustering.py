"""Clusters from scored pairs, under the constraints that decisions and numbers impose.

Set-at-a-time in DuckDB: connected components by iterated minimum-label propagation
(a handful of joins, as many as the longest chain of links), then two checks that keep
precision first:

- a cluster holds at most one *anchor* (a valid number's token, or a document's): two
  different valid numbers are two persons, whatever the names say;
- a cluster never holds both ends of a rejected pair (a reviewer's "not the same
  person", a split).

A cluster that breaks either rule is not trusted as a whole: each of its rows keeps only
its own strongest direct link to an anchor, or stands alone, and the links that chained
it together go to the review queue.
"""

from __future__ import annotations

import duckdb


def connected_components(con: duckdb.DuckDBPyConnection, nodes: str, edges: str, into: str) -> None:
    """`into(node, cluster)`: the smallest node id reachable from each node of `nodes(node)`
    through `edges(a, b)`."""
    # Only nodes that have an edge take part, under integer ids (joins on integers are
    # several times cheaper than on the long node strings); the rest are their own cluster.
    con.execute(f"""CREATE OR REPLACE TEMP TABLE rw_cc_ids AS
                    SELECT node, row_number() OVER (ORDER BY node) AS id FROM (
                        SELECT a AS node FROM {edges} UNION SELECT b FROM {edges})""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE rw_cc_edges AS
                    SELECT ia.id AS a, ib.id AS b FROM {edges} e
                    JOIN rw_cc_ids ia ON ia.node = e.a JOIN rw_cc_ids ib ON ib.node = e.b""")
    con.execute("""CREATE OR REPLACE TEMP TABLE rw_cc_edges AS
                   SELECT a, b FROM rw_cc_edges UNION ALL SELECT b, a FROM rw_cc_edges""")
    con.execute("CREATE OR REPLACE TEMP TABLE rw_cc AS SELECT id, id AS cluster FROM rw_cc_ids")
    while True:
        # One step of minimum-label propagation, then pointer jumping (each label
        # follows its own label), which halves long chains.
        con.execute("""
            CREATE OR REPLACE TEMP TABLE rw_cc_next AS
            WITH step AS (
                SELECT e.a AS id, min(n.cluster) AS cluster FROM rw_cc_edges e JOIN rw_cc n ON n.id = e.b
                GROUP BY e.a)
            SELECT s.id, least(s.cluster, o.cluster, j.cluster) AS cluster,
                   least(s.cluster, o.cluster, j.cluster) <> o.cluster AS moved
            FROM step s JOIN rw_cc o USING (id) JOIN rw_cc j ON j.id = s.cluster""")
        # Whether a label moved is known in the step itself: a scan, not another join.
        changed = con.execute("SELECT count(*) FROM rw_cc_next WHERE moved").fetchall()[0][0]
        con.execute("CREATE OR REPLACE TEMP TABLE rw_cc AS SELECT id, cluster FROM rw_cc_next")
        if changed == 0:
            break
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {into} AS
        SELECT n.node, coalesce(root.node, n.node) AS cluster FROM {nodes} n
        LEFT JOIN rw_cc_ids i ON i.node = n.node LEFT JOIN rw_cc c ON c.id = i.id
        LEFT JOIN rw_cc_ids root ON root.id = c.cluster""")
    for t in ("rw_cc_ids", "rw_cc_edges", "rw_cc", "rw_cc_next"):
        con.execute(f"DROP TABLE IF EXISTS {t}")


def constrained_clusters(con: duckdb.DuckDBPyConnection, nodes: str, links: str, rejected: str,
                         into: str) -> None:
    """Cluster `nodes(node, anchor)` by `links(a, b, probability, method)`, honouring the
    rules above; `rejected(a, b)` lists pairs that must never share a cluster.

    Writes `into(node, cluster, person_anchor, link_method, link_probability, conflict)`:
    `person_anchor` is the anchor the node belongs to (NULL for an anchor-less cluster,
    whose id is then its smallest node), `link_probability` the strongest link that ties the
    node to its cluster (1.0 for a node alone or an anchor).
    """
    # An unanchored node that touches two anchors keeps only its best anchor link; a tie
    # between two anchors keeps neither (precision first: it goes to review instead).
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rw_cl_anchor_edges AS
        WITH e AS (
            SELECT CASE WHEN na.anchor IS NULL THEN l.a ELSE l.b END AS node,
                   CASE WHEN na.anchor IS NULL THEN l.b ELSE l.a END AS anchor_node,
                   l.probability, l.method
            FROM {links} l JOIN {nodes} na ON na.node = l.a JOIN {nodes} nb ON nb.node = l.b
            WHERE (na.anchor IS NULL) <> (nb.anchor IS NULL)),
        ranked AS (
            SELECT *, rank() OVER (PARTITION BY node ORDER BY probability DESC) AS rk,
                   count(*) OVER (PARTITION BY node, probability) AS tied
            FROM e)
        SELECT node, anchor_node, probability, method, (rk = 1 AND tied = 1) AS kept FROM ranked""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rw_cl_edges AS
        SELECT l.a, l.b FROM {links} l JOIN {nodes} na ON na.node = l.a JOIN {nodes} nb ON nb.node = l.b
        WHERE na.anchor IS NULL AND nb.anchor IS NULL
        UNION ALL SELECT node, anchor_node FROM rw_cl_anchor_edges WHERE kept""")
    connected_components(con, nodes, "rw_cl_edges", "rw_cl_cc")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rw_cl_bad AS
        SELECT c.cluster FROM rw_cl_cc c JOIN {nodes} n USING (node) WHERE n.anchor IS NOT NULL
        GROUP BY c.cluster HAVING count(*) > 1
        UNION
        SELECT ca.cluster FROM {rejected} r JOIN rw_cl_cc ca ON ca.node = r.a JOIN rw_cl_cc cb ON cb.node = r.b
        WHERE ca.cluster = cb.cluster""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rw_cl_best AS
        WITH s AS (
            SELECT a AS node, probability, method FROM {links} UNION ALL SELECT b, probability, method FROM {links})
        SELECT node, arg_max(method, probability) AS method, max(probability) AS probability
        FROM s GROUP BY node""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {into} AS
        WITH anchors AS (
            SELECT c.cluster, min(n.node) AS anchor_node FROM rw_cl_cc c JOIN {nodes} n USING (node)
            WHERE n.anchor IS NOT NULL GROUP BY c.cluster),
        direct AS (
            -- in a conflicted cluster, a rejected pair may still not end up together
            SELECT e.node, e.anchor_node, e.probability, e.method FROM rw_cl_anchor_edges e
            WHERE e.kept AND NOT EXISTS (SELECT 1 FROM {rejected} r
                WHERE (r.a = e.node AND r.b = e.anchor_node) OR (r.b = e.node AND r.a = e.anchor_node)))
        SELECT n.node,
               CASE WHEN n.anchor IS NOT NULL THEN n.node
                    WHEN bad.cluster IS NULL THEN coalesce(a.anchor_node, c.cluster)
                    ELSE coalesce(d.anchor_node, n.node) END AS cluster,
               CASE WHEN n.anchor IS NOT NULL THEN n.anchor
                    WHEN bad.cluster IS NULL THEN an.anchor
                    ELSE dn.anchor END AS person_anchor,
               CASE WHEN n.anchor IS NOT NULL THEN 'anchor'
                    WHEN bad.cluster IS NULL AND sz.n > 1 THEN b.method
                    WHEN bad.cluster IS NOT NULL AND d.node IS NOT NULL THEN d.method
                    ELSE 'unlinked' END AS link_method,
               CASE WHEN n.anchor IS NOT NULL THEN 1.0
                    WHEN bad.cluster IS NULL AND sz.n > 1 THEN b.probability
                    WHEN bad.cluster IS NOT NULL AND d.node IS NOT NULL THEN d.probability
                    ELSE 1.0 END AS link_probability,
               bad.cluster IS NOT NULL AS conflict
        FROM {nodes} n JOIN rw_cl_cc c USING (node)
        JOIN (SELECT cluster, count(*) AS n FROM rw_cl_cc GROUP BY cluster) sz ON sz.cluster = c.cluster
        LEFT JOIN rw_cl_bad bad ON bad.cluster = c.cluster
        LEFT JOIN anchors a ON a.cluster = c.cluster
        LEFT JOIN {nodes} an ON an.node = a.anchor_node
        LEFT JOIN direct d ON d.node = n.node
        LEFT JOIN {nodes} dn ON dn.node = d.anchor_node
        LEFT JOIN rw_cl_best b ON b.node = n.node""")
    for t in ("rw_cl_anchor_edges", "rw_cl_edges", "rw_cl_cc", "rw_cl_bad", "rw_cl_best"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
