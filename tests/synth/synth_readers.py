"""Just enough reading of a bundle for the tests (the real readers live in ingest)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from python_calamine import CalamineWorkbook

from rightswatch.synth.writers import filename, fmt


def read(folder: Path, name: str) -> list[dict]:
    path = folder / filename(name)
    kind = fmt(name)
    if kind.startswith("csv"):
        encoding = {"csv": "utf-8", "csv-bom": "utf-8-sig", "csv-gb18030": "gb18030"}[kind]
        text = path.read_bytes().decode(encoding)
        return list(csv.DictReader(io.StringIO(text, newline="")))
    if kind == "parquet":
        return pq.read_table(path).to_pylist()
    if kind == "jsonl":
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    header = [str(h) for h in sheet[0]]
    return [dict(zip(header, row)) for row in sheet[1:]]


def header(folder: Path, name: str) -> list[str]:
    rows = read(folder, name)
    return list(rows[0].keys()) if rows else []
