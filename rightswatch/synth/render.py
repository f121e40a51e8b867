"""Turn canonical rows into the dirty text agencies export, set-at-a-time in DuckDB.

Each output cell's spelling is chosen by a hash of (row, column, seed), so a bundle is
the same for a seed whatever the number of threads. Times carry whole minutes only, so
that the formats without seconds lose nothing.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from rightswatch.contract import dataset

from .frames import PREFIX, Frames
from .people import RELATION_TO_HEAD, STATUS

ORG_COLUMNS = {
    "hotel_stays": {"hotel_org_code": "code", "hotel_name": "name", "region_code": "region"},
    "venue_visits": {"venue_org_code": "code", "venue_name": "name", "region_code": "region", "venue_type": "kind"},
    "school_enrollments": {"school_org_code": "code", "school_name": "name", "school_type": "school_type"},
    "staff_rosters": {"org_code": "code", "org_name": "name", "region_code": "region", "org_type": "staff_type"},
    "medical_visits": {"hospital_org_code": "code", "hospital_name": "name", "region_code": "region"},
    "births": {"hospital_org_code": "code", "region_code": "region"},
    "mandatory_reports": {"reporter_org_code": "code", "reporter_org_type": "reporter_type"},
    "job_postings": {"employer_org_code": "code", "employer_name": "name", "region_code": "region"},
    "organisations": {"org_code": "code", "org_name": "name", "region_code": "region", "address": "address",
                      "org_type": "org_type"},
}
REPORTER_TYPE = {"primary_school": "学校", "secondary_school": "学校", "kindergarten": "幼儿园", "hospital": "医院",
                 "hotel": "旅馆"}
STAFF_TYPES = {"kindergarten", "primary_school", "secondary_school", "special_education_school",
               "training_institution", "child_welfare", "pediatric_care", "youth_sports",
               "childrens_activity_center", "hotel", "internet_cafe"}


def _list(values) -> str:
    return "[" + ", ".join("'" + v + "'" for v in values) + "]"


def persons_table(people) -> pa.Table:
    from . import names as _names  # noqa: F401  (names are rendered by People)

    strings = people.name_strings()
    return pa.table({
        "pid": pa.array(np.arange(len(people), dtype=np.int64)),
        "id18": pa.array(people.id18).cast(pa.string()),
        "id_type": pa.array(np.where(people["id_type"] == 1, "passport", "resident_id")),
        "name": strings["name"], "surname": strings["surname"], "given": strings["given"],
        "name_trad": strings["name_trad"], "sep": strings["sep"], "name_homophone": strings["name_homophone"],
        "birth": pa.array(people["birth"]), "male": pa.array(people["male"]),
    })


def orgs_table(orgs: dict) -> pa.Table:
    kind = orgs["kind"]
    return pa.table({
        "org": pa.array(np.arange(len(kind), dtype=np.int64)),
        "code": pa.array(orgs["code"].astype(str)), "name": pa.array(orgs["name"].astype(str)),
        "kind": pa.array(kind.astype(str)), "org_type": pa.array(orgs["org_type"].astype(str)),
        "staff_type": pa.array([k if k in STAFF_TYPES else "other" for k in kind]),
        "school_type": pa.array(list(orgs["school_type"]), pa.string()),
        "region": pa.array(orgs["region"].astype(str)), "address": pa.array(orgs["address"].astype(str)),
        "reporter_type": pa.array([REPORTER_TYPE.get(k, "其他") for k in kind]),
    })


def rows_table(frames: Frames, name: str) -> pa.Table:
    """One Arrow table of a dataset's rows; the numpy chunks are released as it is built."""
    frames.flush(name)
    bools = {c.name for c in dataset(name).columns if c.kind == "bool"}
    cols = list(dict.fromkeys(k for c in frames.chunks[name] for k in c))
    out = {}
    for col in cols:
        arr = frames.column(name, col)
        if col in bools and arr.dtype.kind == "i":
            out[col] = pa.array(arr == 1, mask=arr < 0)
        elif arr.dtype.kind == "f":
            out[col] = pa.array(arr, from_pandas=True)
        elif arr.dtype.kind == "O":
            try:
                out[col] = pa.array(arr, from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed ints and strings: text
                out[col] = pa.array([None if v is None else str(v) for v in arr], pa.string())
        else:
            out[col] = pa.array(arr)
        del arr
    n = frames.counts[name]
    frames.chunks[name] = []
    out["_row"] = pa.array(np.arange(n, dtype=np.int64))
    return pa.table(out)


def attach(table: pa.Table, persons: pa.Table, orgs: pa.Table, org_attrs=None) -> pa.Table:
    """Each row's persons (`p<i>_…`) and organisation (`o_…`) as dictionary columns.

    A dictionary column is the row's index into the small table plus that table itself, so
    twenty million hotel stays cost four bytes per person attribute instead of a copy.
    """
    cols = dict(zip(table.column_names, table.columns))

    def lookup(source: pa.Table, attr: str, idx: pa.Array) -> pa.Array:
        col = source.column(attr).combine_chunks()
        if pa.types.is_string(col.type):
            return pa.DictionaryArray.from_arrays(idx, col)
        return col.take(idx)

    for name in list(cols):
        if name.startswith("_pid_"):
            i = name.removeprefix("_pid_")
            pid = cols[name].to_numpy(zero_copy_only=False)
            pid = np.where(np.isnan(pid), -1, pid).astype(np.int64) if pid.dtype.kind == "f" else pid
            idx = pa.array(np.maximum(pid, 0).astype(np.int32), mask=pid < 0)
            for attr in persons.column_names:
                cols[f"p{i}_{attr}"] = lookup(persons, attr, idx)
    if "_org" in cols:
        idx = pa.array(cols["_org"].to_numpy(zero_copy_only=False).astype(np.int32))
        for attr in org_attrs if org_attrs is not None else orgs.column_names:
            cols[f"o_{attr}"] = lookup(orgs, attr, idx)
    return pa.table(cols)


class Renderer:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.used: set[int] = set()

    def bits(self, k: int) -> str:
        """A per-cell number 0–999 for column `k`, computed once per row in an inner query."""
        self.used.add(k)
        return f"t.b{k}"

    def date(self, expr: str, k: int) -> str:
        b = self.bits(k)
        return (f"CASE WHEN {expr} IS NULL THEN NULL WHEN {b} < 700 THEN strftime({expr}, '%Y-%m-%d') "
                f"WHEN {b} < 780 THEN strftime({expr}, '%Y/%-m/%-d') WHEN {b} < 840 THEN strftime({expr}, '%Y.%m.%d') "
                f"WHEN {b} < 900 THEN strftime({expr}, '%Y%m%d') ELSE strftime({expr}, '%Y年%-m月%-d日') END")

    def timestamp(self, expr: str, k: int) -> str:
        b = self.bits(k)
        return (f"CASE WHEN {expr} IS NULL THEN NULL WHEN {b} < 600 THEN strftime({expr}, '%Y-%m-%d %H:%M:%S') "
                f"WHEN {b} < 700 THEN strftime({expr}, '%Y-%m-%dT%H:%M:%S') "
                f"WHEN {b} < 800 THEN strftime({expr}, '%Y/%-m/%-d %H:%M') "
                f"WHEN {b} < 880 THEN strftime({expr}, '%Y年%-m月%-d日 %H时%M分') "
                f"WHEN {b} < 940 THEN strftime({expr}, '%Y%m%d %H:%M:%S') ELSE strftime({expr}, '%Y.%m.%d %H:%M') END")

    def boolean(self, expr: str, k: int) -> str:
        b = self.bits(k)
        pairs = [("true", "false"), ("1", "0"), ("是", "否"), ("Y", "N")]
        arms = " ".join(f"WHEN {b} % 4 = {i} THEN CASE WHEN {expr} THEN '{t}' ELSE '{f}' END"
                        for i, (t, f) in enumerate(pairs))
        return f"CASE WHEN {expr} IS NULL THEN NULL {arms} END"

    def org_code(self, expr: str, k: int) -> str:
        b = self.bits(k)
        return (f"CASE WHEN {b} < 970 THEN {expr} WHEN {b} < 985 THEN lower({expr}) "
                f"ELSE substr({expr}, 1, 8) || ' ' || substr({expr}, 9) END")

    def id_number(self, p: str, d: str) -> str:
        x = f"CAST({p}_id18 AS VARCHAR)"
        k = "CAST(hash(t._row, 99) % 17 + 1 AS BIGINT)"  # the position of a wrong or transposed digit
        wrong = (f"substr({x}, 1, {k} - 1) || CAST((CAST(substr({x}, {k}, 1) AS INTEGER) + 1 + hash(t._row, 97) % 9) % 10 "
                 f"AS VARCHAR) || substr({x}, {k} + 1)")
        kt = "CAST(hash(t._row, 98) % 16 + 1 AS BIGINT)"
        swapped = f"substr({x}, 1, {kt} - 1) || substr({x}, {kt} + 1, 1) || substr({x}, {kt}, 1) || substr({x}, {kt} + 2)"
        return (f"CASE WHEN {p}_pid IS NULL OR {d} = 6 THEN NULL WHEN {p}_id_type = 'passport' OR {d} = 0 THEN {x} "
                f"WHEN {d} = 7 THEN {wrong} "
                f"WHEN {d} = 8 THEN CASE WHEN substr({x}, {kt}, 1) = substr({x}, {kt} + 1, 1) THEN {wrong} "
                f"ELSE {swapped} END "
                f"WHEN {d} = 1 THEN substr({x}, 1, 6) || ' ' || substr({x}, 7, 8) || ' ' || substr({x}, 15, 4) "
                f"WHEN {d} = 2 THEN translate({x}, '0123456789X', '０１２３４５６７８９Ｘ') "
                f"WHEN {d} = 3 THEN lower({x}) WHEN {d} = 4 THEN substr({x}, 1, 6) || substr({x}, 9, 9) "
                f"WHEN {d} = 5 THEN substr({x}, 1, 17) || translate(substr({x}, 18, 1), '0123456789X', '123456789X0') "
                f"ELSE {x} END")

    def name(self, p: str, k: int, flags: str) -> str:
        b = self.bits(k)
        dots = _list(["·", "•", "・", "．"])
        name = f"CAST({p}_name AS VARCHAR)"
        return (f"CASE WHEN {p}_pid IS NULL THEN NULL WHEN {p}_sep = '·' THEN replace({name}, '·', {dots}[{b} % 4 + 1]) "
                f"WHEN ({flags} & 16) > 0 THEN CAST({p}_name_homophone AS VARCHAR) "
                f"WHEN {p}_sep = ' ' THEN {name} WHEN {b} < 50 THEN CAST({p}_name_trad AS VARCHAR) "
                f"WHEN {b} < 80 THEN {p}_surname || '\u3000' || {p}_given "
                f"WHEN {b} < 90 THEN {name} || ' ' ELSE {name} END")

    def sql(self, name: str, columns: list[str], typed_dates: bool = False) -> str:
        """One scan of one table, no join and no sort: rows come out in insertion order."""
        ds = dataset(name)
        select = []
        groups = {}
        for i, g in enumerate(ds.persons):
            groups[g.id_number] = ("id", i, g)
            if g.name:
                groups[g.name] = ("name", i, g)
            if g.birth_on:
                groups[g.birth_on] = ("birth", i, g)
            if g.gender:
                groups[g.gender] = ("gender", i, g)
            if g.id_type:
                groups[g.id_type] = ("id_type", i, g)
        org_cols = ORG_COLUMNS.get(name, {})
        for k, col in enumerate(ds.columns):
            c = col.name
            if c not in columns and c not in groups and c not in org_cols and c != "record_id" and not (
                    name == "residents" and c in RESIDENT_EXPR):
                select.append(f"NULL::VARCHAR AS {c}")
                continue
            expr = self._column(name, col, k, groups, org_cols, columns, typed_dates)
            select.append(f"{expr} AS \"{c}\"")
        bits = "".join(f", CAST(hash(_row, {k}, {self.seed}) % 1000 AS BIGINT) AS b{k}" for k in sorted(self.used))
        self.used = set()
        return f"SELECT {', '.join(select)} FROM (SELECT *{bits} FROM rows) t"

    def _column(self, name, col, k, groups, org_cols, columns, typed_dates) -> str:
        c = col.name
        if c == "record_id":
            rid = "t._rid" if "_rid" in columns else "t._row"
            return f"printf('{PREFIX[name]}-%08d', {rid} + 1)"
        if c in groups:
            what, i, g = groups[c]
            p, flags = f"t.p{i}", f"CAST(t._dirt_{i} AS INTEGER)"
            d = f"({flags} & 15)"
            if what == "id":
                return self.id_number(p, d)
            if what == "name":
                return self.name(p, k, flags)
            if what == "birth":
                b = self.bits(k + 50)
                born = f"{p}_birth"
                # a clerk's day/month swap, possible only when the day could be a month
                swap = (f"({flags} & 32) > 0 AND day({born}) <= 12 AND day({born}) <> month({born})")
                unknown = f"t._nobirth_{i} = 1 OR " if f"_nobirth_{i}" in columns else ""
                blank = "FALSE" if c in dataset(name).required else f"{b} < 30 AND {d} < 5"  # never a required date
                value = (f"CASE WHEN {unknown}{blank} THEN NULL WHEN {swap} THEN "
                         f"make_date(year({born}), day({born}), month({born})) ELSE {born} END")
                return value if typed_dates else self.date(value, k)
            if what == "gender":
                b = self.bits(k)
                return (f"CASE WHEN {p}_pid IS NULL THEN NULL WHEN {b} < 30 AND {d} < 5 THEN NULL "
                        f"WHEN {b} < 850 THEN CASE WHEN {p}_male = 1 THEN 'M' ELSE 'F' END "
                        f"ELSE CASE WHEN {p}_male = 1 THEN '男' ELSE '女' END END")
            if what == "id_type":
                b = self.bits(k)
                return (f"CASE WHEN {p}_pid IS NULL THEN NULL WHEN {p}_id_type = 'passport' THEN "
                        f"CASE WHEN {b} < 500 THEN 'passport' ELSE '护照' END "
                        f"WHEN {b} < 600 THEN 'resident_id' WHEN {b} < 900 THEN NULL ELSE '身份证' END")
        if c in org_cols and c not in columns:
            expr = f"CAST(t.o_{org_cols[c]} AS VARCHAR)"
            return self.org_code(expr, k) if col.kind == "org_code" else expr
        if name == "residents" and c in RESIDENT_EXPR:
            return RESIDENT_EXPR[c]
        v = f"t.\"{c}\""
        if col.kind == "date":
            return v if typed_dates else self.date(v, k)
        if col.kind == "datetime":
            return v if typed_dates else self.timestamp(v, k)
        if col.kind == "bool":
            return self.boolean(v, k)
        if col.kind == "org_code":
            return self.org_code(f"CAST({v} AS VARCHAR)", k)
        if col.kind == "int":
            return f"CAST({v} AS BIGINT)"
        if col.kind == "float":
            return f"CAST({v} AS DOUBLE)"
        return f"CAST({v} AS VARCHAR)"


RESIDENT_EXPR = {
    "household_id": "CASE WHEN t._household >= 0 THEN printf('%d%08d', t._region, t._household) END",
    "relation_to_head": f"{_list(RELATION_TO_HEAD)}[t._rel + 1]",
    "region_code": "CAST(t._region AS VARCHAR)",
    "address": "'安徽省芜湖市' || " + _list(
        ["镜湖区", "鸠江区", "弋江区", "湾沚区", "繁昌区", "南陵县", "无为市"]) + "[list_position("
    "[340202, 340207, 340209, 340210, 340212, 340223, 340281], t._region)] || "
    + _list(["中山路", "北京路", "九华山路", "长江路", "赭山路", "银湖路", "黄山路", "利民路", "镜湖路", "弋江路", "春安路", "文化路", "人民路", "新华街", "花津路"])
    + "[t._address % 15 + 1] || (t._address // 15 % 400 + 1) || '号'",
    "status": f"{_list(STATUS)}[t._status + 1]",
}
