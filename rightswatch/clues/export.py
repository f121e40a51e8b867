"""Export clue records as JSON Lines, CSV or XLSX (docs/clue-record.md).

CSV and XLSX flatten a record: list fields joined with "; ", subjects and evidence as
compact JSON. Every field is already masked; nothing here re-identifies.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from rightswatch.errors import RightsWatchError

COLUMNS = ["model_id", "model_version", "clue_key", "severity", "status", "action", "actions", "recipients",
           "legal_basis", "summary_zh", "summary_en", "region_code", "event_on", "as_of", "sealed_evidence",
           "subjects", "evidence", "first_detected_run", "last_detected_run"]


def flat(record: dict) -> dict:
    out = {}
    for col in COLUMNS:
        value = record.get(col)
        if col in ("subjects", "evidence"):
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        elif isinstance(value, list):
            value = "; ".join(value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        out[col] = "" if value is None else value
    return out


def export_clues(records: list[dict], path: Path | str) -> Path:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".csv", ".xlsx"):
        raise RightsWatchError(f"{path}: export to .jsonl, .csv or .xlsx")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True)
    if suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    elif suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(flat(r) for r in records)
    else:
        import xlsxwriter

        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("clues")
        bold = book.add_format({"bold": True})
        sheet.write_row(0, 0, COLUMNS, bold)
        for i, r in enumerate(records, start=1):
            row = flat(r)
            # Text, never formulas: a summary starting with "=" must not execute in Excel.
            for j, col in enumerate(COLUMNS):
                sheet.write_string(i, j, str(row[col]))
        sheet.freeze_panes(1, 0)
        book.close()
    return path
