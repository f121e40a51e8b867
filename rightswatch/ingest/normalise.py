"""Normalise one agency file onto its canonical dataset, set-at-a-time in DuckDB.

Input: the file's text columns, renamed to canonical names. Output, inside the given
DuckDB connection:
  - `norm`: every row with its canonical values parsed and its identities pseudonymised,
    plus the raw values the problem checks and the vault need;
  - `problems`: one row per (row, column, reason), with identities masked;
  - helpers that select the analytic columns and the vault rows.
No Python loop runs per row: names are normalised through Arrow and one OpenCC call over
the distinct values, everything else in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from rightswatch.contract import Dataset, sql
from rightswatch.contract.codes import code_list
from rightswatch.contract.normalise.names import to_simplified_many
from rightswatch.identity.tokens import token_sql
from rightswatch.ingest.mapping import FileMapping

FLAG, REJECT = "flagged", "rejected"


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def raw(name: str) -> str:
    return q(f"raw__{name}")


@dataclass
class Prepared:
    columns_present: list[str]
    columns_ignored: list[str]
    record_id_derived: bool


def normalise_names(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """NFKC, one middle dot, no spaces, simplified characters, Latin upper case — per distinct value."""
    encoded = pc.dictionary_encode(column.combine_chunks())
    distinct = encoded.dictionary
    shaped = pc.utf8_normalize(distinct, "NFKC")
    shaped = pc.replace_substring_regex(shaped, r"[·•・．.‧∙⋅･]+", "·")
    shaped = pc.replace_substring_regex(shaped, r"[\s\x{3000}\x{00a0}\x{200b}-\x{200d}\x{feff}]+", "")
    shaped = pc.utf8_trim(shaped, "·")
    simplified = pa.array(to_simplified_many(shaped.to_pylist()), pa.string())
    upper = pc.utf8_upper(simplified)
    return pa.chunked_array([pc.take(upper, encoded.indices)])


def prepare_source(con: duckdb.DuckDBPyConnection, ds: Dataset, table: pa.Table, source_rows, mapping: FileMapping,
                   ) -> Prepared:
    """Register `src_arrow`: per canonical column its raw text (`raw__`, empty when absent), plus
    normalised names (`nn__`) and NFKC free text (`tx__`) computed on Arrow."""
    rename = mapping.rename()
    arrays: dict[str, pa.ChunkedArray] = {}
    ignored = []
    for name in table.column_names:
        canonical = rename.get(name, name)
        if canonical in ds.column_names and canonical not in arrays:
            arrays[canonical] = table[name]
        else:
            ignored.append(name)
    present = [c for c in ds.column_names if c in arrays]
    n = table.num_rows
    empty = pa.chunked_array([], type=pa.string())
    columns = {}
    for col in ds.columns:
        values = arrays.get(col.name)
        if values is None:
            default = mapping.defaults.get(col.name, "")
            values = pa.chunked_array([pa.nulls(n, pa.string()).fill_null(default)]) if n else empty
        values = pc.fill_null(values, "")
        columns[f"raw__{col.name}"] = values
        if col.kind == "name":
            columns[f"nn__{col.name}"] = normalise_names(values) if n else values
        elif col.kind == "text":
            columns[f"tx__{col.name}"] = pc.utf8_trim_whitespace(pc.utf8_normalize(values, "NFKC")) if n else values
    columns["_source_row"] = pa.chunked_array([pa.array(source_rows, pa.int64())])
    con.register("src_arrow", pa.table(columns))
    return Prepared(present, ignored, record_id_derived="record_id" not in arrays)


def _code_expr(col, text: str, mapping: FileMapping) -> str:
    codes = code_list(col.codes)
    exact = mapping.values.get(col.name, {})
    return sql.code_value(text, codes.lookup_table(), exact, codes.unknown, codes.default)


def _typed_value(col, t: str, mapping: FileMapping) -> str | None:
    formats = mapping.date_formats.get(col.name)
    return {
        "date": lambda: sql.date_value(t, formats),
        "datetime": lambda: sql.datetime_value(t, formats),
        "time": lambda: sql.time_value(t),
        "bool": lambda: sql.bool_value(t),
        "int": lambda: sql.int_value(t),
        "float": lambda: sql.float_value(t),
        "term": lambda: sql.term_value(t),
        "icd10_list": lambda: sql.icd10_list(t),
        "code": lambda: _code_expr(col, t, mapping),
    }.get(col.kind, lambda: None)()


def _identity_table(con: duckdb.DuckDBPyConnection, p, has_type: bool) -> str:
    """Everything an identity number yields, computed once per distinct number (a city's hotel
    stays name each guest many times), then joined back."""
    name = f"ids__{p.prefix or 'main'}"
    c, f17, chk, birth = "c", "f17", "chk", "idbirth"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {name} AS
        WITH d AS (SELECT DISTINCT {q('c__' + p.id_number)} AS c, {q('v__' + p.id_type) if has_type else "'resident_id'"} AS id_type
                   FROM stage2),
        a AS (SELECT *, id_type IS NULL OR id_type = 'resident_id' AS is_res, {sql.id_first17(c)} AS f17 FROM d),
        b AS (SELECT *, {sql.id_check(f17)} AS chk, {sql.id_birth(f17)} AS idbirth, {sql.id_gender(f17)} AS idgender FROM a),
        e AS (SELECT *, {sql.id_number(c, f17, chk, 'is_res')} AS num,
                        {sql.id_status(c, f17, chk, birth, 'is_res')} AS status FROM b)
        SELECT c, id_type, num, status, idbirth, idgender,
               {token_sql('person-token', "CASE WHEN status = 'other_document' THEN id_type || ':' || num ELSE num END")} AS token,
               {sql.id_masked('num')} AS masked
        FROM e
    """)
    return name


def _name_table(con: duckdb.DuckDBPyConnection, column: str) -> str:
    name = f"names__{column}"
    nn = q("nn__" + column)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {name} AS
        SELECT nn, {token_sql('name-key', 'nn')} AS name_key, {sql.name_masked('nn')} AS masked
        FROM (SELECT DISTINCT {nn} AS nn FROM src_arrow)
    """)
    return name


def build_norm(con: duckdb.DuckDBPyConnection, ds: Dataset, mapping: FileMapping) -> None:
    """Create table `norm`: raw values, parsed values (`v__col`), and each person's derived identity."""
    # stage1 is materialised: each cleaned text is computed once, not once per reference in
    # the parsing expressions below (views are inlined, and a CASE repeats its operands).
    keep = {c.name for c in ds.columns if c.kind in ("id_number", "name")}
    stage1 = ["_source_row"] + [raw(c) for c in sorted(keep)]
    stage1 += [q("nn__" + c.name) for c in ds.columns if c.kind == "name"]
    stage1 += [q("tx__" + c.name) for c in ds.columns if c.kind == "text"]
    for col in ds.columns:
        r = raw(col.name)
        if col.kind in ("id_number", "org_code", "region_code"):
            stage1.append(f"{sql.compact_upper(r)} AS {q('c__' + col.name)}")
        elif col.kind not in ("name", "text"):
            stage1.append(f"{sql.trimmed(r)} AS {q('t__' + col.name)}")
    stage1.append(f"{record_id_expr(ds)} AS record_id")
    con.execute(f"CREATE OR REPLACE TEMP TABLE stage1 AS SELECT {', '.join(stage1)} FROM src_arrow")
    stage2 = ["*"]
    for col in ds.columns:
        value = _typed_value(col, q("t__" + col.name), mapping)
        if value is not None:
            stage2.append(f"{value} AS {q('v__' + col.name)}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW stage2 AS SELECT {', '.join(stage2)} FROM stage1")

    select = ["s.* EXCLUDE (\"t__record_id\", record_id)", "s.record_id AS \"t__record_id\"",
              "s.\"t__record_id\" = '' AS record_id_derived"]
    joins = []
    for p in ds.persons:
        ids = _identity_table(con, p, has_type=bool(p.id_type))
        alias = f"i_{p.prefix or 'main'}"
        type_match = f"s.{q('v__' + p.id_type)} IS NOT DISTINCT FROM {alias}.id_type" if p.id_type else "TRUE"
        joins.append(f"LEFT JOIN {ids} {alias} ON s.{q('c__' + p.id_number)} = {alias}.c AND {type_match}")
        status = f"{alias}.status"
        select += [f"{alias}.num AS {q(p.col('num'))}", f"{status} AS {q(p.col('id_status'))}",
                   f"{alias}.token AS {q(p.col('person_token'))}", f"{alias}.masked AS {q(p.col('id_masked'))}"]
        if p.name:
            names = _name_table(con, p.name)
            nalias = f"n_{p.prefix or 'main'}"
            joins.append(f"LEFT JOIN {names} {nalias} ON s.{q('nn__' + p.name)} = {nalias}.nn")
            select += [f"{nalias}.name_key AS {q(p.col('name_key'))}", f"{nalias}.masked AS {q(p.col('name_masked'))}"]
        else:
            select += [f"CAST(NULL AS VARCHAR) AS {q(p.col('name_key'))}", f"'' AS {q(p.col('name_masked'))}"]
        idbirth, idgender = f"{alias}.idbirth", f"{alias}.idgender"
        rec_birth = f"s.{q('v__' + p.birth_on)}" if p.birth_on else "CAST(NULL AS DATE)"
        rec_gender = f"s.{q('v__' + p.gender)}" if p.gender else "CAST(NULL AS VARCHAR)"
        select += [
            f"CASE WHEN {status} = 'valid' THEN {idbirth} ELSE coalesce({rec_birth}, {idbirth}) END AS {q('e__' + p.birth_column)}",
            f"CASE WHEN {status} IN ('valid', 'bad_check') THEN {idgender} ELSE coalesce({rec_gender}, {idgender}) END "
            f"AS {q('e__' + p.gender_column)}",
            f"coalesce({status} = 'valid' AND {rec_birth} <> {idbirth}, FALSE) AS {q(p.col('birth_conflict'))}",
            f"coalesce({status} IN ('valid', 'bad_check') AND {rec_gender} <> {idgender}, FALSE) AS {q(p.col('gender_conflict'))}",
        ]
    con.execute(f"CREATE OR REPLACE TEMP TABLE norm AS SELECT {', '.join(select)} FROM stage2 s {' '.join(joins)}")
    con.execute("DROP TABLE stage1 CASCADE")


def record_id_expr(ds: Dataset) -> str:
    """The provider's record id, or for an empty one a keyed hash of the row's content:
    stable across re-imports, and no identity in clear."""
    content = "concat_ws(chr(31), " + ", ".join(raw(c.name) for c in ds.columns if c.name != "record_id") + ")"
    provided = sql.trimmed(raw("record_id"))
    return f"CASE WHEN {provided} = '' THEN 'D-' || {token_sql('record-id', content)} ELSE {provided} END"


def problem_checks(ds: Dataset) -> list[tuple[str, str, str, str, str]]:
    """(column, condition, displayed value, reason, disposition) for every row-level check."""
    checks = []
    required = set(ds.required)
    birth_columns = {p.birth_on for p in ds.persons if p.birth_on}
    for col in ds.columns:
        name = col.name
        t, v = q("t__" + name), q("v__" + name)
        shown = t
        if col.kind in ("id_number", "name") or name == "record_id":
            continue
        if col.kind in ("org_code", "region_code"):
            c = q("c__" + name)
            if name in required:
                checks.append((name, f"{c} = ''", c, "required value is empty", REJECT))
            if col.kind == "region_code":
                checks.append((name, f"{c} <> '' AND NOT {sql.region_ok(c)}", c,
                               "not a region code (2, 4 or 6 digits of GB/T 2260)", FLAG))
            continue
        if col.kind == "text":
            if name in required:
                checks.append((name, f"{q('tx__' + name)} = ''", "''", "required value is empty", REJECT))
            continue
        disposition = REJECT if name in required else FLAG
        # A required birth date that the person's identity number supplies is not missing.
        from_number = q("e__" + name) if name in birth_columns else None
        if name in required and from_number:
            checks.append((name, f"{t} = '' AND {from_number} IS NULL", shown, "required value is empty", REJECT))
            checks.append((name, f"{t} = '' AND {from_number} IS NOT NULL", shown,
                           "recorded value is empty; the identity number's birth date is used", FLAG))
        elif name in required:
            checks.append((name, f"{t} = ''", shown, "required value is empty", REJECT))
        if from_number and disposition == REJECT:
            disposition = f"CASE WHEN {from_number} IS NULL THEN '{REJECT}' ELSE '{FLAG}' END"
        what = {"date": "not a date", "datetime": "not a date and time", "time": "not a time of day",
                "bool": "not a boolean (true/false, 1/0, 是/否, Y/N)", "int": "not a whole number",
                "float": "not a number", "term": "not a term (YYYY-spring or YYYY-autumn)"}.get(col.kind)
        if what:
            checks.append((name, f"{t} <> '' AND {v} IS NULL", shown, what, disposition))
        if col.kind == "code":
            codes = code_list(col.codes)
            known = ", ".join(sql.lit(k) for k in codes.lookup_table())
            outcome = f"kept as {codes.unknown}" if codes.unknown else "left empty"
            checks.append((name, f"{t} <> '' AND lower({t}) NOT IN ({known}) AND {v} IS NOT DISTINCT FROM "
                                 f"{sql.lit(codes.unknown) if codes.unknown else 'NULL'}", shown,
                           f"value not in the code list; {outcome}", FLAG))
    for p in ds.persons:
        status, masked = q(p.col("id_status")), q(p.col("id_masked"))
        col = p.id_number
        if col in required:
            checks.append((col, f"{status} = 'missing'", "''", "identity number is empty", FLAG))
        checks.append((col, f"{status} = 'bad_check'", masked,
                       "wrong check character (kept; linked by name, birth date and gender)", FLAG))
        checks.append((col, f"{status} = 'malformed'", masked, "not a valid resident identity number (kept)", FLAG))
        if p.birth_on:
            checks.append((p.birth_on, q(p.col("birth_conflict")), q("t__" + p.birth_on),
                           "recorded birth date differs from the identity number (the number's date is used)", FLAG))
        if p.gender:
            checks.append((p.gender, q(p.col("gender_conflict")), q("t__" + p.gender),
                           "recorded gender differs from the identity number (the number's is used)", FLAG))
        if p.name and p.name in required:
            checks.append((p.name, f"{q('nn__' + p.name)} = ''", "''", "name is empty", FLAG))
    return checks


def build_problems(con: duckdb.DuckDBPyConnection, ds: Dataset, numeric_id_rows: dict[str, list[int]],
                   record_id_column: bool) -> None:
    """Table `problems` (row, col, value, reason, disposition): every check in one scan of `norm`."""
    checks = problem_checks(ds)
    if record_id_column:  # a file without the column gets one file-level notice instead
        checks.append(("record_id", "record_id_derived", '"t__record_id"', "record_id is empty; a stable one was derived", FLAG))
    found = ", ".join(
        f"CASE WHEN {cond} THEN {{'col': {sql.lit(col)}, 'value': CAST({shown} AS VARCHAR), "
        f"'reason': {sql.lit(reason)}, 'disposition': {disp if disp.startswith('CASE') else sql.lit(disp)}}} END"
        for col, cond, shown, reason, disp in checks
    )
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE problems AS
        SELECT row, p.col, p.value, p.reason, p.disposition FROM (
            SELECT _source_row AS row, unnest(list_filter([{found}], lambda x: x IS NOT NULL)) AS p FROM norm)
    """)
    for col, rows in numeric_id_rows.items():
        if rows:
            con.execute("INSERT INTO problems SELECT unnest($rows), $col, '', "
                        "'stored as a number in Excel: trailing digits may have been lost', 'flagged'",
                        {"rows": rows, "col": col})


def duplicate_problems(ids_table: str) -> str:
    """Rows of one file whose record_id comes again later in the file: the later row wins."""
    return f"""
        WITH dup AS (SELECT record_id FROM {ids_table} GROUP BY 1 HAVING count(*) > 1),
        rows AS (SELECT i.row, i.record_id, max(i.row) OVER (PARTITION BY i.record_id) AS last_row
                 FROM {ids_table} i JOIN dup USING (record_id))
        SELECT row, 'record_id' AS col, record_id AS value,
               'duplicate record_id in this file: replaced by row ' || CAST(last_row AS VARCHAR) AS reason,
               'rejected' AS disposition
        FROM rows WHERE row <> last_row
    """


def analytic_select(ds: Dataset, import_id: str, import_seq: int) -> str:
    """SELECT list producing the analytic columns, in `Dataset.analytic_columns()` order."""
    exprs = {"record_id": '"t__record_id"', "record_id_derived": "record_id_derived"}
    for col in ds.columns:
        if col.kind in ("org_code", "region_code"):
            exprs[col.name] = q("c__" + col.name)
        elif col.kind == "text":
            exprs[col.name] = f"nullif({q('tx__' + col.name)}, '')"
        elif col.kind not in ("id_number", "name", "record_id"):
            exprs[col.name] = q("v__" + col.name)
    for p in ds.persons:
        for suffix in ("person_token", "id_status", "id_masked", "name_key", "name_masked", "birth_conflict", "gender_conflict"):
            exprs[p.col(suffix)] = q(p.col(suffix))
        exprs[p.birth_column] = q("e__" + p.birth_column)
        exprs[p.gender_column] = q("e__" + p.gender_column)
        if p.birth_on:
            exprs[f"{p.birth_on}_recorded"] = q("v__" + p.birth_on)
    exprs["_import_id"] = sql.lit(import_id)
    exprs["_import_seq"] = f"CAST({import_seq} AS BIGINT)"
    exprs["_source_row"] = "_source_row"
    return ", ".join(f"{exprs[name]} AS {q(name)}" for name in ds.analytic_columns())


def vault_select(ds: Dataset) -> str | None:
    parts = []
    for p in ds.persons:
        name_raw = raw(p.name) if p.name else "''"
        name_norm = q("nn__" + p.name) if p.name else "''"
        parts.append(
            f"SELECT {sql.lit(ds.name)} AS dataset, \"t__record_id\" AS record_id, {sql.lit(p.prefix)} AS prefix, "
            f"{q(p.col('person_token'))} AS person_token, {q(p.col('num'))} AS id_number, {raw(p.id_number)} AS id_number_raw, "
            f"{name_raw} AS name, {name_norm} AS name_normalised FROM kept "
            f"WHERE {q(p.col('person_token'))} IS NOT NULL OR {name_norm} <> ''"
        )
    return " UNION ALL ".join(parts) if parts else None
