"""Every kind of fatal input: a clear error naming the file, a non-zero exit, an untouched workspace."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from rightswatch.cli import main
from rightswatch.errors import FatalImportError
from rightswatch.ingest import ingest_path

from .helpers import HOTEL_HEADER, hotel_csv, hotel_rows, tree_digest


def xlsx_bytes(rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    return buffer.getvalue()


def write_bad(kind: str, folder: Path) -> tuple[Path, str]:
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "unreadable_xlsx":
        path = folder / "welfare_benefits.xlsx"
        path.write_bytes(b"this is not a spreadsheet at all")
        return path, "unreadable Excel file"
    if kind == "unreadable_encoding":
        path = folder / "hotel_stays.csv"
        path.write_bytes(b"\xff\xfe" + HOTEL_HEADER.encode("utf-16-le"))
        return path, "UTF-16"
    if kind == "missing_required_column":
        path = folder / "hotel_stays.csv"
        header = HOTEL_HEADER.replace(",checkin_at", "")
        rows = [",".join(r.split(",")[:10] + r.split(",")[11:]) for r in hotel_rows()]
        path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
        return path, "missing required column(s) checkin_at"
    if kind == "empty_file":
        path = folder / "hotel_stays.csv"
        path.write_bytes(b"")
        return path, "empty file"
    if kind == "header_only":
        path = folder / "hotel_stays.csv"
        path.write_text(HOTEL_HEADER + "\n", "utf-8")
        return path, "empty file"
    if kind == "truncated_csv":
        path = hotel_csv(folder / "hotel_stays.csv")
        data = path.read_bytes()
        path.write_bytes(data[: len(data) - 40])
        return path, "truncated file"
    if kind == "truncated_csv_in_quote":
        path = folder / "hotel_stays.csv"
        path.write_text(HOTEL_HEADER + "\n" + hotel_rows()[0] + '\nHS-9,"91340200', "utf-8")
        return path, "truncated file"
    if kind == "truncated_xlsx":
        path = folder / "welfare_benefits.xlsx"
        data = xlsx_bytes([["id_number", "benefit_type", "start_on"], ["340202201203071245", "orphan", "2025-01-01"]])
        path.write_bytes(data[: len(data) // 2])
        return path, "unreadable Excel file"
    if kind == "truncated_parquet":
        path = folder / "births.parquet"
        buffer = io.BytesIO()
        pq.write_table(pa.table({"mother_id_number": ["340202199001011234"], "child_birth_on": ["2025-01-01"]}), buffer)
        path.write_bytes(buffer.getvalue()[:-30])
        return path, "unreadable Parquet file"
    if kind == "truncated_jsonl":
        path = folder / "job_postings.jsonl"
        path.write_text('{"employer_name": "某公司", "text": "招聘"}\n{"employer_name": "某公', "utf-8")
        return path, "truncated file"
    raise ValueError(kind)


KINDS = ["unreadable_xlsx", "unreadable_encoding", "missing_required_column", "empty_file", "header_only",
         "truncated_csv", "truncated_csv_in_quote", "truncated_xlsx", "truncated_parquet", "truncated_jsonl"]


@pytest.mark.parametrize("kind", KINDS)
def test_it_refuses_the_file_and_leaves_a_new_workspace_absent(tmp_path, kind):
    bad, reason = write_bad(kind, tmp_path / "in")
    ws = tmp_path / "ws"
    with pytest.raises(FatalImportError) as info:
        ingest_path(bad, ws)
    assert bad.name in str(info.value) and reason in str(info.value)
    assert not ws.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_it_leaves_an_existing_workspace_exactly_as_it_was(tmp_path, kind, capsys):
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "good" / "hotel_stays.csv"), ws)
    before = tree_digest(ws)
    bad, reason = write_bad(kind, tmp_path / "in")
    code = main(["ingest", str(bad), "--workspace", str(ws)])
    err = capsys.readouterr().err
    assert code != 0
    assert bad.name in err and reason in err
    assert "Traceback" not in err
    assert tree_digest(ws) == before


def test_one_bad_file_in_a_bundle_imports_nothing(tmp_path):
    bundle = tmp_path / "bundle"
    hotel_csv(bundle / "hotel_stays.csv")
    write_bad("truncated_jsonl", bundle)
    ws = tmp_path / "ws"
    with pytest.raises(FatalImportError, match="job_postings.jsonl"):
        ingest_path(bundle, ws)
    assert not ws.exists()


def test_a_broken_zip_member_is_still_an_unreadable_excel_file(tmp_path):
    path = tmp_path / "welfare_benefits.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<broken")
    with pytest.raises(FatalImportError, match="welfare_benefits.xlsx"):
        ingest_path(path, tmp_path / "ws")
