"""The linkage state of a workspace: `workspace/linkage/`.

    linkage.duckdb          runs, nodes (masked), members, scored pairs, decisions,
                            splits, current links and their history
    person_links.parquet    the current links of rows without a valid number, for the engine
    person_aliases.parquet  valid numbers a reviewer confirmed as a typo of another person's
                            number (`T:<typo>` -> that person), for the engine

Nothing here holds a name or an identity number: nodes are person tokens (`T:<token>`,
`D:<token>`) or row references (`R:<dataset>/<record_id>/<prefix>`), shown to reviewers
only in masked form (`张某`, `340202********123X`). Decisions, splits and link history
are append-only; the newest decision about a pair is the one that binds.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import duckdb

SCHEMA = """
CREATE SEQUENCE IF NOT EXISTS run_seq START 1;
CREATE SEQUENCE IF NOT EXISTS decision_seq START 1;
CREATE SEQUENCE IF NOT EXISTS split_seq START 1;
CREATE TABLE IF NOT EXISTS runs (
    run_id BIGINT PRIMARY KEY, kind VARCHAR NOT NULL, who VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP,
    high DOUBLE, low DOUBLE, nodes BIGINT, pairs BIGINT, auto_links BIGINT, pending_review BIGINT,
    model_json VARCHAR
);
CREATE TABLE IF NOT EXISTS nodes (
    node VARCHAR, anchor VARCHAR, dataset VARCHAR, record_id VARCHAR, prefix VARCHAR,
    name_masked VARCHAR, id_masked VARCHAR, birth_on DATE, gender VARCHAR, datasets VARCHAR, n_rows BIGINT
);
CREATE TABLE IF NOT EXISTS members (dataset VARCHAR, record_id VARCHAR, prefix VARCHAR, node VARCHAR);
-- agreement flags of a pair, never the values compared
CREATE TABLE IF NOT EXISTS pairs (
    a VARCHAR, b VARCHAR, probability DOUBLE, match_weight DOUBLE, run_id BIGINT,
    name_exact BOOLEAN, birth_exact BOOLEAN, gender_differs BOOLEAN
);
-- two valid numbers one typing slip apart, same normalised name: review only, never linked by a build
CREATE TABLE IF NOT EXISTS typo_pairs (
    a VARCHAR, b VARCHAR, slip VARCHAR, birth_exact BOOLEAN, gender_differs BOOLEAN, run_id BIGINT
);
CREATE TABLE IF NOT EXISTS decisions (
    decision_id BIGINT PRIMARY KEY, a VARCHAR NOT NULL, b VARCHAR NOT NULL, decision VARCHAR NOT NULL,
    who VARCHAR NOT NULL, decided_at TIMESTAMP NOT NULL, reason VARCHAR, source VARCHAR NOT NULL,
    split_id BIGINT, probability DOUBLE
);
CREATE TABLE IF NOT EXISTS splits (
    split_id BIGINT PRIMARY KEY, person_id VARCHAR NOT NULL, who VARCHAR NOT NULL, split_at TIMESTAMP NOT NULL,
    reason VARCHAR, members_before VARCHAR[], detached VARCHAR[]
);
CREATE TABLE IF NOT EXISTS clusters (
    node VARCHAR, person_id VARCHAR, link_method VARCHAR, link_probability DOUBLE, conflict BOOLEAN
);
CREATE TABLE IF NOT EXISTS links (
    dataset VARCHAR, record_id VARCHAR, prefix VARCHAR, node VARCHAR, person_id VARCHAR,
    link_method VARCHAR, link_probability DOUBLE
);
CREATE TABLE IF NOT EXISTS link_history (
    run_id BIGINT, dataset VARCHAR, record_id VARCHAR, prefix VARCHAR, person_id VARCHAR,
    link_method VARCHAR, link_probability DOUBLE, previous_person_id VARCHAR
);
"""

LINKS_FILE = "person_links.parquet"
ALIASES_FILE = "person_aliases.parquet"


def linkage_dir(workspace: Path | str) -> Path:
    return Path(workspace) / "linkage"


def links_path(workspace: Path | str) -> Path:
    return linkage_dir(workspace) / LINKS_FILE


def aliases_path(workspace: Path | str) -> Path:
    return linkage_dir(workspace) / ALIASES_FILE


@contextlib.contextmanager
def open_store(workspace: Path | str, read_only: bool = False):
    """The linkage database; DuckDB's file lock keeps two writers apart."""
    folder = linkage_dir(workspace)
    path = folder / "linkage.duckdb"
    if read_only and not path.exists():
        con = duckdb.connect()
        con.execute(SCHEMA)
    else:
        folder.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path), read_only=read_only)
        if not read_only:
            con.execute(SCHEMA)
    try:
        yield con
    finally:
        con.close()


def node_order(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def export_links(con: duckdb.DuckDBPyConnection, workspace: Path | str) -> Path:
    """Write the current links for the engine; the rename makes the swap atomic."""
    target = links_path(workspace)
    tmp = target.with_suffix(".parquet.tmp")
    con.execute(f"COPY (SELECT dataset, record_id, prefix, person_id, link_method, link_probability FROM links "
                f") TO '{tmp}' (FORMAT PARQUET)")
    os.replace(tmp, target)
    aliases = aliases_path(workspace)
    tmp = aliases.with_suffix(".parquet.tmp")
    con.execute(f"""COPY (SELECT c.node AS from_person_id, c.person_id, c.link_method, c.link_probability
                          FROM clusters c JOIN nodes n USING (node)
                          WHERE n.anchor IS NOT NULL AND c.person_id <> c.node) TO '{tmp}' (FORMAT PARQUET)""")
    os.replace(tmp, aliases)
    return target
