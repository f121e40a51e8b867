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

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from rightswatch.contract import Dataset, sql
from rightswatch.contract.codes import code_list
from rightswatch.contract.normalise.names import to_simplified_many
from rightswatch.identity.tokens import token_sql
from rightswatch.ingest.mapping import FileMapping

FLAG, REJECT = "flagged", "rejected"
DERIVE_WORKERS = 2


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def raw(name: str) -> str:
    return q(f"raw__{name}")


@dataclass
class Prepared:
    columns_present: list[str]
    columns_ignored: list[str]
    record_id_derived: bool


def normalise_names(column: pa.ChunkedArray) -> tuple[pa.Array, pa.Array]:
    """NFKC, one middle dot, no spaces, simplified characters, Latin upper case — per distinct
    value. Returns the normalised distinct values and, per row, the index of its value."""
    encoded = pc.dictionary_encode(column.combine_chunks())
    distinct = encoded.dictionary
    shaped = pc.utf8_normalize(distinct, "NFKC")
    shaped = pc.replace_substring_regex(shaped, r"[·•・．.‧∙⋅･]+", "·")
    shaped = pc.replace_substring_regex(shaped, r"[\s\x{3000}\x{00a0}\x{200b}-\x{200d}\x{feff}]+", "")
    shaped = pc.utf8_trim(shaped, "·")
    simplified = pa.array(to_simplified_many(shaped.to_pylist()), pa.string())
    return pc.utf8_upper(simplified), encoded.indices


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
        columns[f"raw__{col.name}"] = pc.fill_null(values, "")

    def derive(task):
        kind, item = task
        cur = con.cursor()  # a connection of its own per worker: registrations stay apart
        try:
            values = columns[f"raw__{item.name}"] if kind == "column" else None
            if kind == "person":
                return identity_columns(cur, ds, item, columns, mapping)
            if item.kind == "name":
                return name_columns(cur, item.name, values)
            if item.kind == "text":
                return {f"tx__{item.name}": pc.utf8_trim_whitespace(pc.utf8_normalize(values, "NFKC")) if n else values}
            return derived_columns(cur, item, values, mapping)
        finally:
            cur.close()

    # Columns are independent: two workers keep both cores busy (Arrow and DuckDB release the GIL).
    tasks = [("person", p) for p in ds.persons] + [("column", c) for c in ds.columns]
    with ThreadPoolExecutor(max_workers=DERIVE_WORKERS) as pool:
        for derived in pool.map(derive, tasks):
            columns.update(derived)
    columns["_source_row"] = pa.chunked_array([pa.array(source_rows, pa.int64())])
    con.register("src_arrow", pa.table(columns))
    return Prepared(present, ignored, record_id_derived="record_id" not in arrays)


def derived_columns(con: duckdb.DuckDBPyConnection, col, values: pa.ChunkedArray, mapping: FileMapping,
                    ) -> dict[str, pa.Array]:
    """A column's cleaned text (`c__` compact, or `t__` trimmed) and, for a column that repeats
    its values, its typed value (`v__`).

    Agency columns mostly repeat few values (a hotel's code, a gender, a flag, a birth date):
    those are normalised once per distinct value and spread back over the rows. A column of
    mostly distinct values (record ids, check-in times) is trimmed here — plain ASCII in
    Arrow, anything else through the SQL normaliser — and typed by `build_norm`, row by row.
    The same SQL decides every value either way."""
    if col.kind == "id_number":
        return {}  # `identity_columns` derives everything a number yields
    values = values.combine_chunks()
    encoded = pc.dictionary_encode(values)
    compact = col.kind in ("org_code", "region_code")
    if len(encoded.dictionary) > max(len(values) // 3, 1):
        if compact:
            return {}  # rare: cleaned in `build_norm`
        return {f"t__{col.name}": _trimmed_rows(con, values)}
    if compact:
        exprs = {f"c__{col.name}": sql.compact_upper("raw")}
    else:
        typed = _typed_value(col, "t", mapping)
        exprs = {f"t__{col.name}": "t"} | ({f"v__{col.name}": typed} if typed else {})
    select = ", ".join(f"{e} AS {q(k)}" for k, e in exprs.items())
    per_value = per_distinct(con, {"raw": encoded.dictionary},
                             f"SELECT i, {select} FROM (SELECT i, raw, {sql.trimmed('raw')} AS t FROM distinct_arrow)")
    return spread(per_value, encoded.indices, list(exprs))


def _trimmed_rows(con: duckdb.DuckDBPyConnection, values: pa.Array) -> pa.Array:
    """`sql.trimmed` of every value: for plain ASCII it is trimming spaces (no full-width or
    special white space to fold), done in Arrow; the other values go through the SQL."""
    ascii_ = pc.string_is_ascii(values)
    trimmed = pc.utf8_trim(values, " ")
    other = np.flatnonzero(~ascii_.to_numpy(zero_copy_only=False))
    if not len(other):
        return trimmed
    rest = per_distinct(con, {"raw": values.take(pa.array(other))}, f"SELECT i, {sql.trimmed('raw')} AS t FROM distinct_arrow")
    rest_trimmed = spread(rest, np.arange(len(other)), ["t"])["t"]  # in the order of `other`
    order = np.arange(len(values), dtype=np.int64)
    order[other] = len(values) + np.arange(len(other))  # rows of `rest`, placed after the Arrow-trimmed values
    return pa.concat_arrays([trimmed, rest_trimmed.combine_chunks()]).take(pa.array(order))


def per_distinct(con: duckdb.DuckDBPyConnection, columns: dict[str, pa.Array], query: str) -> pa.Table:
    """Run `query` over `distinct_arrow` (the given columns plus their position `i`); the
    result is indexed by `i` in position order."""
    n = len(next(iter(columns.values())))
    con.register("distinct_arrow", pa.table(columns | {"i": pa.array(np.arange(n, dtype=np.int64))}))
    try:
        return con.sql(query).to_arrow_table()
    finally:
        con.unregister("distinct_arrow")


def spread(per_value: pa.Table, indices: pa.Array | np.ndarray, names: list[str]) -> dict[str, pa.Array]:
    """Per row, the columns `names` of the distinct value at `indices` (rows of `per_value`
    come back from DuckDB in any order; `i` says whose they are)."""
    position = np.empty(per_value.num_rows, np.int64)
    position[per_value["i"].to_numpy()] = np.arange(per_value.num_rows)
    if isinstance(indices, pa.Array):
        indices = indices.to_numpy(zero_copy_only=False)
    take = pa.array(position[indices])
    return {k: per_value[k].take(take) for k in names}


def name_columns(con: duckdb.DuckDBPyConnection, name: str, values: pa.ChunkedArray) -> dict[str, pa.Array]:
    """The normalised name (`nn__`) and, per distinct name, its matching key and masked form."""
    distinct, indices = normalise_names(values)
    per_value = per_distinct(con, {"nn": distinct},
                             f"SELECT i, nn, {token_sql('name-key', 'nn')} AS name_key, {sql.name_masked('nn')} AS masked "
                             "FROM distinct_arrow")
    spreaded = spread(per_value, indices, ["nn", "name_key", "masked"])
    return {f"nn__{name}": spreaded["nn"], f"nk__{name}": spreaded["name_key"], f"nm__{name}": spreaded["masked"]}


def identity_columns(con: duckdb.DuckDBPyConnection, ds: Dataset, p, columns: dict, mapping: FileMapping,
                     ) -> dict[str, pa.Array]:
    """Everything an identity number yields (normalised number, status, token, masked form, birth
    date and gender), computed once per distinct (number, document type) — a city's hotel stays
    name each guest many times — and spread back over the rows."""
    numbers = pc.dictionary_encode(columns[f"raw__{p.id_number}"].combine_chunks())
    number_index = numbers.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    if p.id_type:
        types = pc.dictionary_encode(columns[f"raw__{p.id_type}"].combine_chunks())
        typed = _typed_value(ds.column(p.id_type), "t", mapping)
        per_type = per_distinct(con, {"raw": types.dictionary},
                                f"SELECT i, {typed} AS id_type FROM (SELECT i, {sql.trimmed('raw')} AS t FROM distinct_arrow)")
        type_values = spread(per_type, np.arange(len(types.dictionary)), ["id_type"])["id_type"]
        n_types = max(len(types.dictionary), 1)
        pair = number_index * n_types + types.indices.to_numpy(zero_copy_only=False)
    else:
        type_values, n_types, pair = pa.array(["resident_id"]), 1, number_index
    distinct_pairs, row_pair = np.unique(pair, return_inverse=True)
    pairs = {"raw": numbers.dictionary.take(pa.array(distinct_pairs // n_types)),
             "id_type": type_values.take(pa.array(distinct_pairs % n_types))}
    # A file's later chunks name many of the same people: what a (number, type) yields is
    # kept for the whole file (per person role, so concurrent workers never share a table).
    cache = q(f"identity_cache_{p.prefix or 'main'}")
    key = "coalesce(id_type, '')"
    c, f17, chk, birth = "c", "f17", "chk", "idbirth"
    con.execute(f"CREATE TABLE IF NOT EXISTS {cache} (raw VARCHAR, type_key VARCHAR, num VARCHAR, status VARCHAR, "
                "idbirth DATE, idgender VARCHAR, token VARCHAR, masked VARCHAR)")
    con.register("pairs_arrow", pa.table(pairs | {"i": pa.array(np.arange(len(distinct_pairs), dtype=np.int64))}))
    try:
        con.execute(f"""
            INSERT INTO {cache}
            WITH new AS (SELECT raw, id_type FROM pairs_arrow p
                         WHERE NOT EXISTS (SELECT 1 FROM {cache} k WHERE k.raw = p.raw AND k.type_key = {key})),
            d AS MATERIALIZED (SELECT raw, {sql.compact_upper('raw')} AS c, id_type FROM new),
            a AS (SELECT *, id_type IS NULL OR id_type = 'resident_id' AS is_res, {sql.id_first17(c)} AS f17 FROM d),
            b AS (SELECT *, {sql.id_check(f17)} AS chk, {sql.id_birth(f17)} AS idbirth, {sql.id_gender(f17)} AS idgender FROM a),
            e AS (SELECT *, {sql.id_number(c, f17, chk, 'is_res')} AS num,
                            {sql.id_status(c, f17, chk, birth, 'is_res')} AS status FROM b)
            SELECT raw, {key}, num, status, idbirth, idgender,
                   {token_sql('person-token', "CASE WHEN status = 'other_document' THEN id_type || ':' || num ELSE num END")},
                   {sql.id_masked('num')}
            FROM e
        """)
        per_value = con.sql(f"SELECT p.i, k.num, k.status, k.idbirth, k.idgender, k.token, k.masked "
                            f"FROM pairs_arrow p JOIN {cache} k ON k.raw = p.raw AND k.type_key = {key}").to_arrow_table()
    finally:
        con.unregister("pairs_arrow")
    out = spread(per_value, row_pair, ["num", "status", "token", "masked", "idbirth", "idgender"])
    return {p.col("num"): out["num"], p.col("id_status"): out["status"], p.col("person_token"): out["token"],
            p.col("id_masked"): out["masked"], f"ib__{p.prefix}": out["idbirth"], f"ig__{p.prefix}": out["idgender"]}


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


def build_norm(con: duckdb.DuckDBPyConnection, ds: Dataset, mapping: FileMapping) -> None:
    """Create table `norm`: raw values, parsed values (`v__col`), and each person's derived identity."""
    # Cleaned text arrives from `derived_columns` (and typed values for repeating columns), so
    # stage1 is a plain view: nothing costly is recomputed where the views are inlined; the
    # typed parsing of the remaining columns runs once, as `norm` is materialised.
    present = set(con.sql("SELECT * FROM src_arrow LIMIT 0").columns)
    keep = {c.name for c in ds.columns if c.kind in ("id_number", "name")}
    stage1 = ["_source_row"] + [raw(c) for c in sorted(keep)]
    stage2 = ["*"]
    for col in ds.columns:
        r = raw(col.name)
        if col.kind == "name":
            stage1.append(q("nn__" + col.name))
        elif col.kind == "text":
            stage1.append(q("tx__" + col.name))
        elif col.kind == "id_number":
            continue
        elif col.kind in ("org_code", "region_code"):
            c = "c__" + col.name
            stage1.append(q(c) if c in present else f"{sql.compact_upper(r)} AS {q(c)}")
        else:
            stage1.append(q("t__" + col.name))
            if "v__" + col.name in present:
                stage1.append(q("v__" + col.name))
            elif (value := _typed_value(col, q("t__" + col.name), mapping)) is not None:
                stage2.append(f"{value} AS {q('v__' + col.name)}")
    for p in ds.persons:
        stage1 += [q(p.col(k)) for k in ("num", "id_status", "person_token", "id_masked")]
        stage1 += [q("ib__" + p.prefix), q("ig__" + p.prefix)]
        if p.name:
            stage1 += [q("nk__" + p.name), q("nm__" + p.name)]
    stage1.append(f"{record_id_expr(ds)} AS record_id")
    con.execute(f"CREATE OR REPLACE TEMP VIEW stage1 AS SELECT {', '.join(stage1)} FROM src_arrow")
    con.execute(f"CREATE OR REPLACE TEMP VIEW stage2 AS SELECT {', '.join(stage2)} FROM stage1")

    select = ["s.* EXCLUDE (\"t__record_id\", record_id)", "s.record_id AS \"t__record_id\"",
              "s.\"t__record_id\" = '' AS record_id_derived"]
    for p in ds.persons:
        status = f"s.{q(p.col('id_status'))}"
        if p.name:
            select += [f"s.{q('nk__' + p.name)} AS {q(p.col('name_key'))}", f"s.{q('nm__' + p.name)} AS {q(p.col('name_masked'))}"]
        else:
            select += [f"CAST(NULL AS VARCHAR) AS {q(p.col('name_key'))}", f"'' AS {q(p.col('name_masked'))}"]
        idbirth, idgender = f"s.{q('ib__' + p.prefix)}", f"s.{q('ig__' + p.prefix)}"
        rec_birth = f"s.{q('v__' + p.birth_on)}" if p.birth_on else "CAST(NULL AS DATE)"
        rec_gender = f"s.{q('v__' + p.gender)}" if p.gender else "CAST(NULL AS VARCHAR)"
        select += [
            f"CASE WHEN {status} = 'valid' THEN {idbirth} ELSE coalesce({rec_birth}, {idbirth}) END AS {q('e__' + p.birth_column)}",
            f"CASE WHEN {status} IN ('valid', 'bad_check') THEN {idgender} ELSE coalesce({rec_gender}, {idgender}) END "
            f"AS {q('e__' + p.gender_column)}",
            f"coalesce({status} = 'valid' AND {rec_birth} <> {idbirth}, FALSE) AS {q(p.col('birth_conflict'))}",
            f"coalesce({status} IN ('valid', 'bad_check') AND {rec_gender} <> {idgender}, FALSE) AS {q(p.col('gender_conflict'))}",
        ]
    con.execute(f"CREATE OR REPLACE TEMP TABLE norm AS SELECT {', '.join(select)} FROM stage2 s")
    con.execute("DROP VIEW stage2; DROP VIEW stage1")


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
