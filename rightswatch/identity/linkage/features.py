"""Derived comparison features of Chinese names, computed set-at-a-time.

Toneless pinyin comes from a character table: pypinyin runs once per *distinct
character* (a few thousand even for a city), and DuckDB joins the table back onto the
distinct names. So homophones (张/章, 丽/莉) agree on `name_pinyin` without a Python
call per row. A character's default reading is used on both sides of every pair, so a
heteronym (单 as surname shàn) is read the same way everywhere, which is all a
comparison needs.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from rightswatch.contract.normalise.names import COMPOUND_SURNAMES, MIDDLE_DOT


def character_pinyin(chars: list[str]) -> pa.Table:
    from pypinyin import Style, lazy_pinyin

    readings = [lazy_pinyin(c, style=Style.NORMAL, errors="default")[0] if c else c for c in chars]
    return pa.table({"ch": pa.array(chars, pa.string()), "py": pa.array(readings, pa.string())})


def surname_sql(col: str) -> str:
    """The SQL twin of `contract.normalise.names.surname` (compound surnames, minority names)."""
    compound = ", ".join(f"'{s}'" for s in sorted(COMPOUND_SURNAMES))
    return (f"CASE WHEN {col} IS NULL OR {col} = '' THEN NULL "
            f"WHEN contains({col}, '{MIDDLE_DOT}') THEN left(split_part({col}, '{MIDDLE_DOT}', 1), 1) "
            f"WHEN left({col}, 2) IN ({compound}) THEN left({col}, 2) ELSE left({col}, 1) END")


def name_features(con: duckdb.DuckDBPyConnection, source: str, name_col: str, into: str) -> None:
    """`into(name, surname, name_pinyin, given_pinyin)` for the distinct names of `source`."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE rw_nf_names AS SELECT DISTINCT {name_col} AS name FROM {source} "
                f"WHERE {name_col} IS NOT NULL AND {name_col} <> ''")
    con.execute("""CREATE OR REPLACE TEMP TABLE rw_nf_chars AS
                   SELECT name, unnest(string_split(name, '')) AS ch,
                          generate_subscripts(string_split(name, ''), 1) AS pos FROM rw_nf_names""")
    chars = [r[0] for r in con.execute("SELECT DISTINCT ch FROM rw_nf_chars").fetchall()]
    con.register("rw_nf_pinyin_arrow", character_pinyin(chars))
    con.execute("CREATE OR REPLACE TEMP TABLE rw_nf_pinyin AS SELECT * FROM rw_nf_pinyin_arrow")
    con.unregister("rw_nf_pinyin_arrow")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {into} AS
        WITH n AS (SELECT name, {surname_sql('name')} AS surname FROM rw_nf_names)
        SELECT n.name, n.surname,
               string_agg(p.py, ' ' ORDER BY c.pos) AS name_pinyin,
               string_agg(p.py, ' ' ORDER BY c.pos) FILTER (WHERE c.pos > length(n.surname)) AS given_pinyin
        FROM n JOIN rw_nf_chars c USING (name) JOIN rw_nf_pinyin p USING (ch)
        GROUP BY n.name, n.surname""")
    for t in ("rw_nf_names", "rw_nf_chars", "rw_nf_pinyin"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
