"""A workspace's person mentions, read into the linkage's nodes one piece at a time.

A city names its people some forty million times (hotel stays alone, twenty million
rows with a guest each), but nearly every mention carries a valid identity number and
so only adds to a person the index already knows by token. Holding every mention in
memory at once, with its name and number from the vault, would need more memory than a
city's server has. So the build never does:

* the analytic rows are read one import and one person group at a time, and the rows
  with a token are summed up at once into *anchor parts* (token × dataset × masked
  forms, birth date, gender, with a count): a few rows per person, not per stay;
* only the rows without a usable number (the few that need linking) are kept whole;
* the vault is decrypted one segment at a time; each segment gives the anchors' name
  spellings (with counts, for the most frequent one) and the free rows' names and
  numbers, and is dropped.

Plaintext is held only in the caller's in-memory DuckDB, whose spilling is switched off
(`plaintext_connection`): an in-memory DuckDB spills to `./.tmp` by default, which would
put names and numbers on disk.

When a dataset has several active imports, a record re-imported later counts only once,
in its newest import: `rw_superseded` lists the older imports' copies, and both the rows
and the vault skip them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from rightswatch.contract import datasets, sql
from rightswatch.errors import RightsWatchError
from rightswatch.identity.vault import iter_vault

LINKABLE = "('missing', 'malformed', 'bad_check')"
ANCHORED = "(id_status = 'valid' OR (id_status = 'other_document' AND person_token IS NOT NULL))"
# The anchors' name spellings are summed up again whenever the running table has grown
# by this many rows, so it stays near one row per person and spelling.
COLLAPSE_EVERY = 4_000_000


def plaintext_connection(threads: int) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that never writes to disk: too little memory is an error, not a spill."""
    con = duckdb.connect()
    con.execute("SET temp_directory = ''")
    con.execute(f"SET threads = {threads}")
    return con


def active_imports(workspace: Path) -> list[tuple[str, str, str, str | None]]:
    """(import id, dataset, Parquet path, vault path) of the active imports, oldest first."""
    catalogue = workspace / "catalogue.duckdb"
    if not catalogue.exists():
        raise RightsWatchError(f"{workspace}: not a workspace (no catalogue.duckdb)")
    con = duckdb.connect(str(catalogue), read_only=True)
    try:
        return con.execute("SELECT import_id, dataset, parquet_path, vault_path FROM imports "
                           "WHERE status = 'active' ORDER BY seq").fetchall()
    finally:
        con.close()


def _parquet(path: Path) -> str:
    return "read_parquet('" + str(path).replace("'", "''") + "')"


def _superseded(con: duckdb.DuckDBPyConnection, workspace: Path, imports: list) -> None:
    """`rw_superseded(import_id, record_id)`: rows a later active import of the same dataset holds again."""
    con.execute("CREATE OR REPLACE TEMP TABLE rw_superseded (import_id VARCHAR, record_id VARCHAR)")
    for i, (import_id, dataset, path, _) in enumerate(imports):
        later = [workspace / p for (_, d, p, _) in imports[i + 1:] if d == dataset]
        if not later:
            continue
        listing = ", ".join("'" + str(f).replace("'", "''") + "'" for f in later)
        con.execute(f"""INSERT INTO rw_superseded SELECT DISTINCT '{import_id}', record_id
                        FROM {_parquet(workspace / path)}
                        WHERE record_id IN (SELECT record_id FROM read_parquet([{listing}]))""")


def _read_rows(con: duckdb.DuckDBPyConnection, workspace: Path, imports: list) -> None:
    """`rw_anchor_parts` and `rw_free_rows` from the analytic Parquet (no plaintext here)."""
    con.execute("""CREATE OR REPLACE TEMP TABLE rw_anchor_parts (node VARCHAR, dataset VARCHAR, name_masked VARCHAR,
                   id_masked VARCHAR, birth_on DATE, gender VARCHAR, n BIGINT)""")
    con.execute("""CREATE OR REPLACE TEMP TABLE rw_free_rows (dataset VARCHAR, record_id VARCHAR, prefix VARCHAR,
                   import_id VARCHAR, name_masked VARCHAR, id_masked VARCHAR, birth_on DATE, gender VARCHAR)""")
    catalogue = datasets()
    superseded = {r[0] for r in con.execute("SELECT DISTINCT import_id FROM rw_superseded").fetchall()}
    for import_id, name, path, _ in imports:
        ds = catalogue.get(name)
        if ds is None or not ds.persons:
            continue
        source = _parquet(workspace / path)
        present = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
        if import_id in superseded:
            source = (f"(SELECT * FROM {source} WHERE record_id NOT IN "
                      f"(SELECT record_id FROM rw_superseded WHERE import_id = '{import_id}'))")
        for g in ds.persons:
            p = g.prefix

            def col(c: str, cast: str = "VARCHAR", present=present) -> str:
                return f'"{c}"' if c in present else f"CAST(NULL AS {cast})"

            rows = (f"SELECT record_id, {col(p + 'id_status')} AS id_status, {col(p + 'person_token')} AS person_token, "
                    f"{col(p + 'name_masked')} AS name_masked, {col(p + 'id_masked')} AS id_masked, "
                    f"{col(g.birth_column, 'DATE')} AS birth_on, {col(g.gender_column)} AS gender FROM {source}")
            # A resident number carries its holder's birth date and gender, and masks to the
            # same form everywhere: a `T:` node needs only where and how often it appears.
            # Other documents keep what the rows say (few rows).
            con.execute(f"""
                INSERT INTO rw_anchor_parts
                SELECT node, '{name}', name_masked, id_masked, birth_on, gender, count(*)
                FROM (SELECT CASE WHEN id_status = 'valid' THEN 'T:' ELSE 'D:' END || person_token AS node,
                             CASE WHEN id_status = 'valid' THEN NULL ELSE name_masked END AS name_masked,
                             CASE WHEN id_status = 'valid' THEN NULL ELSE id_masked END AS id_masked,
                             CASE WHEN id_status = 'valid' THEN NULL ELSE birth_on END AS birth_on,
                             CASE WHEN id_status = 'valid' THEN NULL ELSE gender END AS gender
                      FROM ({rows}) WHERE {ANCHORED})
                GROUP BY ALL""")
            con.execute(f"""
                INSERT INTO rw_free_rows
                SELECT '{name}', record_id, '{p}', '{import_id}', name_masked, id_masked, birth_on, gender
                FROM ({rows}) WHERE id_status IN {LINKABLE}""")


def _read_vault(con: duckdb.DuckDBPyConnection, workspace: Path, imports: list) -> None:
    """`rw_anchor_names(token, name, id_number, n)` and `rw_free_plain`, one vault segment at a time."""
    con.execute("CREATE OR REPLACE TEMP TABLE rw_anchor_names (token VARCHAR, name VARCHAR, id_number VARCHAR, n BIGINT)")
    con.execute("""CREATE OR REPLACE TEMP TABLE rw_free_plain (dataset VARCHAR, record_id VARCHAR, prefix VARCHAR,
                   import_id VARCHAR, id_number VARCHAR, name VARCHAR)""")
    grown = 0
    for import_id, _, _, vault_path in imports:
        if not vault_path:
            continue
        for segment in iter_vault(workspace / vault_path, import_id):
            con.register("rw_segment", segment.select(["dataset", "record_id", "prefix", "person_token",
                                                       "id_number", "name_normalised"]))
            try:
                con.execute(f"""CREATE OR REPLACE TEMP TABLE rw_segment_rows AS SELECT * FROM rw_segment
                                WHERE record_id NOT IN (SELECT record_id FROM rw_superseded WHERE import_id = '{import_id}')""")
            finally:
                con.unregister("rw_segment")
            # Every token's spellings, anchors or not: the rows with a token that is no
            # anchor (a bad check character) are few, and a filter would build a hash table
            # of every anchor token once per segment.
            con.execute("""
                INSERT INTO rw_anchor_names
                SELECT person_token, nullif(name_normalised, ''), nullif(id_number, ''), count(*)
                FROM rw_segment_rows WHERE person_token IS NOT NULL GROUP BY ALL""")
            grown += segment.num_rows
            con.execute(f"""
                INSERT INTO rw_free_plain
                SELECT s.dataset, s.record_id, s.prefix, '{import_id}', nullif(s.id_number, ''), nullif(s.name_normalised, '')
                FROM rw_segment_rows s
                SEMI JOIN (SELECT * FROM rw_free_rows WHERE import_id = '{import_id}') f
                  ON f.dataset = s.dataset AND f.record_id = s.record_id AND f.prefix = s.prefix""")
            con.execute("DROP TABLE rw_segment_rows")
            if grown >= COLLAPSE_EVERY:
                _collapse_names(con)
                grown = 0
    _collapse_names(con)


def _collapse_names(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""CREATE OR REPLACE TEMP TABLE rw_anchor_names AS
                   SELECT token, name, id_number, sum(n)::BIGINT AS n FROM rw_anchor_names GROUP BY ALL""")


def _assemble(con: duckdb.DuckDBPyConnection) -> int:
    """`rw_all_nodes` (the columns `build.nodes_from_mentions` gives) and `rw_members`."""
    def mode(column: str) -> str:  # the most frequent value; ties to the smallest, an empty one never
        return f"""(SELECT node, first(v ORDER BY c DESC, v) AS v FROM
                     (SELECT node, {column} AS v, sum(n) AS c FROM rw_anchor_parts
                      WHERE starts_with(node, 'D:') AND {column} IS NOT NULL AND {column}::VARCHAR <> '' GROUP BY ALL)
                    GROUP BY node)"""

    # An anchor's name is its most frequent spelling (ties to the smallest), in two hash
    # aggregates rather than an ordered aggregate over millions of tokens.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE rw_anchor_name AS
        WITH ids AS (SELECT token, any_value(id_number) AS id_number FROM rw_anchor_names GROUP BY token),
             spelled AS (SELECT token, name, sum(n) AS n FROM rw_anchor_names WHERE name IS NOT NULL GROUP BY ALL),
             top AS (SELECT token, max(n) AS n FROM spelled GROUP BY token),
             best AS (SELECT t.token, min(s.name) AS name FROM top t JOIN spelled s ON s.token = t.token AND s.n = t.n
                      GROUP BY t.token)
        SELECT i.token, b.name, i.id_number FROM ids i LEFT JOIN best b USING (token)""")
    con.execute("DROP TABLE rw_anchor_names")
    f17 = "left(a.id_number, 17)"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rw_all_nodes AS
        SELECT 'R:' || f.dataset || '/' || f.record_id || '/' || f.prefix AS node, NULL::VARCHAR AS anchor,
               v.name, f.birth_on, f.gender, CASE WHEN length(v.id_number) = 18 THEN v.id_number END AS id18,
               f.dataset, f.record_id, f.prefix, f.name_masked, f.id_masked, f.dataset AS datasets, 1::BIGINT AS n_rows
        FROM rw_free_rows f JOIN rw_free_plain v USING (import_id, dataset, record_id, prefix)
        WHERE v.name IS NOT NULL
        UNION ALL
        SELECT a.node, a.node, a.name,
               CASE WHEN t18 THEN {sql.id_birth(f17)} ELSE bo.v END,
               CASE WHEN t18 THEN {sql.id_gender(f17)} ELSE ge.v END,
               CASE WHEN t18 THEN a.id_number END,
               NULL, NULL, NULL,
               CASE WHEN starts_with(a.node, 'T:') THEN {sql.name_masked('a.name')} ELSE ma.v END,
               CASE WHEN starts_with(a.node, 'T:') THEN {sql.id_masked('a.id_number')} ELSE mi.v END,
               a.datasets, a.n_rows
        FROM (SELECT a.*, nm.name, nm.id_number, starts_with(a.node, 'T:') AND length(nm.id_number) = 18 AS t18
              FROM (SELECT node, string_agg(DISTINCT dataset, ',' ORDER BY dataset) AS datasets, sum(n)::BIGINT AS n_rows
                    FROM rw_anchor_parts GROUP BY node) a
              LEFT JOIN rw_anchor_name nm ON nm.token = substr(a.node, 3)) a
        LEFT JOIN {mode('birth_on')} bo ON bo.node = a.node
        LEFT JOIN {mode('gender')} ge ON ge.node = a.node
        LEFT JOIN {mode('name_masked')} ma ON ma.node = a.node
        LEFT JOIN {mode('id_masked')} mi ON mi.node = a.node""")
    con.execute("""CREATE OR REPLACE TEMP TABLE rw_members AS
                   SELECT dataset, record_id, prefix, node FROM rw_all_nodes WHERE anchor IS NULL""")
    mentions = con.execute("SELECT sum(n_rows) FROM rw_all_nodes").fetchall()[0][0] or 0
    for t in ("rw_anchor_parts", "rw_anchor_name", "rw_free_rows", "rw_free_plain", "rw_superseded"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return int(mentions)


def load_nodes(con: duckdb.DuckDBPyConnection, workspace: Path) -> int:
    """`rw_all_nodes` and `rw_members` of a workspace's active imports; returns the mentions they hold."""
    imports = active_imports(workspace)
    named = [i for i in imports if (ds := datasets().get(i[1])) is not None and ds.persons]
    if not named:
        raise RightsWatchError(f"{workspace}: no dataset names persons; import data first")
    _superseded(con, workspace, named)
    _read_rows(con, workspace, named)
    _read_vault(con, workspace, named)
    return _assemble(con)
