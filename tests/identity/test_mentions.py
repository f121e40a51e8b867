"""The streaming reader of a workspace's mentions gives the nodes the whole-table reader gives.

`mentions.load_nodes` never holds every mention (it sums up the anchored rows per import
and person group, and decrypts the vault one segment at a time); the reference here
holds them all at once, as the build did before, and `build.nodes_from_mentions` turns
them into nodes. Both must agree on every node and row reference, including a record
that a later import of the same dataset holds again (the older copy must not count).
Real DuckDB, a real vault, a tiny synthetic city plus a re-import.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from rightswatch.contract import datasets
from rightswatch.identity.linkage import mentions
from rightswatch.identity.linkage.build import nodes_from_mentions
from rightswatch.identity.vault import read_vault
from rightswatch.ingest import ingest_path
from rightswatch.synth import generate_bundle

# Everything but the name, which is the most frequent spelling: on a tie either is right,
# and the two readers may break it differently (checked on its own below).
COMPARED = "node, anchor, id18, dataset, record_id, prefix, datasets, n_rows"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mentions")
    bundle, ws = root / "bundle", root / "workspace"
    generate_bundle(str(bundle), scale="tiny", seed=5)
    ingest_path(bundle, ws)
    # A second import of medical visits: three records again, their numbers now blank
    # (the newer copy is a row to link; the older, anchored copy must not count), and
    # two new records.
    with open(bundle / "medical_visits.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    again = [dict(r, id_number="") for r in rows if r["id_number"].strip()][:3]
    new = [dict(r, record_id=r["record_id"] + "-NEW") for r in rows[3:5]]
    extra = root / "extra"
    extra.mkdir()
    with open(extra / "medical_visits.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(again + new)
    ingest_path(extra / "medical_visits.csv", ws)
    return ws


def _reference_nodes(con: duckdb.DuckDBPyConnection, ws: Path) -> None:
    """Every mention at once: latest copy of each record, joined with the whole vault."""
    imports = mentions.active_imports(ws)
    parts = []
    for name, ds in datasets().items():
        files = [ws / p for (_, d, p, _) in imports if d == name]
        if not ds.persons or not files:
            continue
        listing = ", ".join(f"'{f}'" for f in files)
        con.execute(f"""CREATE TEMP TABLE rows_{name} AS SELECT * FROM read_parquet([{listing}], union_by_name = true)
                        QUALIFY row_number() OVER (PARTITION BY record_id ORDER BY _import_seq DESC) = 1""")
        for g in ds.persons:
            p = g.prefix
            parts.append(f"SELECT '{name}' AS dataset, record_id, '{p}' AS prefix, _import_id AS import_id, "
                         f"{p}id_status AS id_status, {p}person_token AS person_token, {p}name_masked AS name_masked, "
                         f"{p}id_masked AS id_masked, {g.birth_column} AS birth_on, {g.gender_column} AS gender "
                         f"FROM rows_{name}")
    con.execute("CREATE TEMP TABLE all_rows AS " + " UNION ALL ".join(parts))
    con.execute("CREATE TEMP TABLE vault (import_id VARCHAR, dataset VARCHAR, record_id VARCHAR, prefix VARCHAR, "
                "id_number VARCHAR, name VARCHAR)")
    for import_id, _, _, vault_path in (i for i in imports if i[3]):
        con.register("part", read_vault(ws / vault_path, import_id))
        con.execute(f"INSERT INTO vault SELECT '{import_id}', dataset, record_id, prefix, nullif(id_number, ''), "
                    "nullif(name_normalised, '') FROM part")
        con.unregister("part")
    con.execute("""CREATE TEMP TABLE rw_mentions AS SELECT r.*, v.id_number, v.name FROM all_rows r
                   JOIN vault v USING (import_id, dataset, record_id, prefix)
                   WHERE v.name IS NOT NULL OR v.id_number IS NOT NULL""")
    con.execute("""CREATE TEMP TABLE top_names AS
                   WITH c AS (SELECT person_token, name, count(*) AS n FROM rw_mentions
                              WHERE id_status IN ('valid', 'other_document') AND name IS NOT NULL GROUP BY ALL)
                   SELECT person_token, name FROM c QUALIFY n = max(n) OVER (PARTITION BY person_token)""")
    nodes_from_mentions(con)


def _streamed(ws: Path, con: duckdb.DuckDBPyConnection | None = None) -> tuple[set, set, int]:
    con = con or mentions.plaintext_connection(threads=2)
    n = mentions.load_nodes(con, ws)
    return (set(con.execute(f"SELECT {COMPARED} FROM rw_all_nodes").fetchall()),
            set(con.execute("SELECT * FROM rw_members").fetchall()), n)


def _differing_nodes(left: set, right: set) -> list[str]:
    """The node ids (tokens and row references) whose rows differ: a failure message shows
    these, never the rows, which hold names and numbers."""
    return sorted({r[0] if isinstance(r[0], str) and ":" in r[0] else r[-1] for r in left ^ right})[:10]


def test_streamed_nodes_equal_the_whole_table_nodes(workspace):
    con = duckdb.connect()
    _reference_nodes(con, workspace)
    expected = set(con.execute(f"SELECT {COMPARED} FROM rw_all_nodes").fetchall())
    expected_members = set(con.execute("SELECT * FROM rw_members").fetchall())
    streamed = mentions.plaintext_connection(threads=2)
    nodes, members, n_mentions = _streamed(workspace, streamed)
    assert len(nodes) > 1000 and members
    assert _differing_nodes(nodes, expected) == []
    assert _differing_nodes(members, expected_members) == []
    assert n_mentions == sum(r[-1] for r in expected)
    con.register("streamed_names", streamed.sql("SELECT node, name, anchor FROM rw_all_nodes").to_arrow_table())
    wrong = con.execute("""SELECT s.node FROM streamed_names s LEFT JOIN rw_all_nodes r USING (node)
                           WHERE s.anchor IS NULL AND s.name IS DISTINCT FROM r.name
                              OR s.anchor IS NOT NULL AND (s.name IS NULL) <> (r.name IS NULL)
                              OR s.anchor IS NOT NULL AND s.name IS NOT NULL AND NOT EXISTS (
                                 SELECT 1 FROM top_names t WHERE 'T:' || t.person_token = s.node AND t.name = s.name
                                 UNION ALL
                                 SELECT 1 FROM top_names t WHERE 'D:' || t.person_token = s.node AND t.name = s.name)
                           LIMIT 10""").fetchall()
    assert not wrong, wrong


def test_a_record_imported_again_counts_once_in_its_newest_copy(workspace):
    nodes, members, _ = _streamed(workspace)
    again = {r[1] for r in members if r[0] == "medical_visits"}
    newest = [i for i in mentions.active_imports(workspace) if i[1] == "medical_visits"][-1]
    con = duckdb.connect()
    blanked = {r[0] for r in con.execute(f"SELECT record_id FROM read_parquet('{workspace / newest[2]}') "
                                         "WHERE id_status = 'missing'").fetchall()}
    assert len(blanked) == 3 and blanked <= again


def test_summing_up_the_names_often_changes_nothing(workspace, monkeypatch):
    once = mentions.plaintext_connection(threads=2)
    nodes, members, n = _streamed(workspace, once)
    names = set(once.execute("SELECT node, name FROM rw_all_nodes").fetchall())
    monkeypatch.setattr(mentions, "COLLAPSE_EVERY", 1)
    often = mentions.plaintext_connection(threads=2)
    nodes_often, members_often, n_often = _streamed(workspace, often)
    assert (_differing_nodes(nodes, nodes_often), _differing_nodes(members, members_often), n_often) == ([], [], n)
    assert _differing_nodes(names, set(often.execute("SELECT node, name FROM rw_all_nodes").fetchall())) == []


def test_the_plaintext_connection_cannot_spill_to_disk():
    con = mentions.plaintext_connection(threads=1)
    assert con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0] == ""
