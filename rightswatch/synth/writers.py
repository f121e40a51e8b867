"""Write rendered datasets in the formats agencies send: CSV (UTF-8, UTF-8 with BOM,
GB18030), XLSX with real Excel dates, Parquet and JSON Lines."""

from __future__ import annotations

import datetime as dt
import os
import shutil

FORMATS = {
    "residents": "csv-gb18030", "offense_records": "csv-gb18030",
    "venue_visits": "csv-bom", "school_enrollments": "csv-bom", "police_incidents": "csv-bom",
    "protection_orders": "xlsx", "welfare_benefits": "xlsx", "disabilities": "xlsx",
    "births": "parquet", "job_postings": "jsonl",
}
EXTENSION = {"csv": "csv", "csv-bom": "csv", "csv-gb18030": "csv", "xlsx": "xlsx", "parquet": "parquet",
             "jsonl": "jsonl"}


def fmt(name: str) -> str:
    return FORMATS.get(name, "csv")


def filename(name: str) -> str:
    return f"{name}.{EXTENSION[fmt(name)]}"


def typed_dates(name: str) -> bool:
    return fmt(name) in ("xlsx", "parquet")


def write(con, sql: str, name: str, out_dir: str) -> int:
    kind = fmt(name)
    path = os.path.join(out_dir, filename(name))
    if kind in ("csv", "csv-bom", "csv-gb18030"):
        tmp = path + ".tmp"
        con.execute(f"COPY ({sql}) TO '{tmp}' (FORMAT CSV, HEADER TRUE)").fetchall()
        if kind == "csv":
            os.replace(tmp, path)
        elif kind == "csv-bom":
            with open(path, "wb") as dst, open(tmp, "rb") as src:
                dst.write(b"\xef\xbb\xbf")
                shutil.copyfileobj(src, dst, 1 << 22)
            os.remove(tmp)
        else:
            with open(tmp, encoding="utf-8", newline="") as src, open(path, "w", encoding="gb18030", newline="") as dst:
                while chunk := src.read(1 << 22):
                    dst.write(chunk)
            os.remove(tmp)
    elif kind == "parquet":
        con.execute(f"COPY ({sql}) TO '{path}' (FORMAT PARQUET)").fetchall()
    elif kind == "jsonl":
        con.execute(f"COPY ({sql}) TO '{path}' (FORMAT JSON)").fetchall()
    else:
        _xlsx(con.sql(sql).to_arrow_table(), path)
    return con.execute("SELECT count(*) FROM rows").fetchall()[0][0]


def _xlsx(table, path: str) -> None:
    """Dates as Excel dates (serial numbers with a date format); every 5th as a bare serial."""
    import xlsxwriter

    if hasattr(table, "read_all"):
        table = table.read_all()
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("Sheet1")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    epoch = dt.date(1899, 12, 30)
    cols = [table.column(i).to_pylist() for i in range(table.num_columns)]
    for j, name in enumerate(table.column_names):
        ws.write_string(0, j, name)
    for i in range(table.num_rows):
        for j, col in enumerate(cols):
            v = col[i]
            if v is None:
                continue
            if isinstance(v, dt.datetime | dt.date):
                d = v.date() if isinstance(v, dt.datetime) else v
                serial = (d - epoch).days
                if i % 5 == 4:
                    ws.write_number(i + 1, j, serial)
                else:
                    ws.write_number(i + 1, j, serial, date_fmt)
            elif isinstance(v, bool):
                ws.write_boolean(i + 1, j, v)
            elif isinstance(v, int | float):
                ws.write_number(i + 1, j, v)
            else:
                ws.write_string(i + 1, j, str(v))
    wb.close()
