"""Large files are normalised chunk by chunk; the answer is the same as in one piece."""

from __future__ import annotations

import datetime as dt

import duckdb

from rightswatch.identity.vault import read_vault
from rightswatch.ingest import Workspace, ingest_path, readers

from .helpers import hotel_csv, valid_number


def stay(i: int, record_id: str | None = None, room: int = 300) -> str:
    number = valid_number(f"34020220100101{i:03d}")
    return (f"{record_id or f'HS-{i}'},91340200MA2N0XXXX1,h,340202,{room + i},,{number},张{i},,,"
            f"2026-03-14 22:10,,1,1,0")


def test_chunk_boundaries_keep_row_numbers_duplicates_and_unreadable_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "CHUNK_ROWS", 2)  # tiny chunks: every rule crosses a boundary
    rows = [stay(1), stay(2), "HS-x,too,few", stay(3), stay(4, "HS-1", room=400), stay(5), "bad,row", stay(6)]
    ws = tmp_path / "ws"
    report = ingest_path(hotel_csv(tmp_path / "hotel_stays.csv", rows), ws).reports[0]
    assert report.rows_read == 8
    problems = {(p["row"], p["reason"].split(":")[0]) for p in report.examples}
    assert (3, "3 fields where the header has 15") in problems
    assert (7, "2 fields where the header has 15") in problems
    assert (1, "duplicate record_id in this file") in problems  # row 5 replaces row 1
    assert report.rejected == 3 and report.accepted == 5, report.examples
    files = [str(f) for f in Workspace(ws).dataset_files("hotel_stays")]
    kept = duckdb.sql(f"SELECT record_id, _source_row, room_number FROM read_parquet({files}) ORDER BY _source_row").fetchall()
    assert kept == [("HS-2", 2, "302"), ("HS-3", 4, "303"), ("HS-1", 5, "404"), ("HS-5", 6, "305"), ("HS-6", 8, "306")]
    vault = read_vault(ws / "vault" / f"{report.import_id}.vault", report.import_id)
    assert vault.num_rows == 6 and set(vault.column("name").to_pylist()) >= {"张1", "张6"}


def test_a_person_named_in_several_chunks_is_derived_the_same_in_each(tmp_path, monkeypatch):
    """Identities are derived once per file and reused by later chunks: the reuse must not change an answer."""
    monkeypatch.setattr(readers, "CHUNK_ROWS", 2)
    good = valid_number("34020220100101001")
    bad_check = good[:17] + ("0" if good[17] != "0" else "1")
    line = "HS-{i},91340200MA2N0XXXX1,h,340202,{i},{kind},{number},张三,,,2026-03-14 22:10,,1,1,0"
    rows = [line.format(i=i, kind=kind, number=number) for i, (kind, number) in enumerate([
        ("", good), ("", bad_check), ("", f" {good} "), ("passport", good), ("", good.lower()), ("", bad_check),
        ("passport", good)], start=1)]
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "hotel_stays.csv", rows), ws)
    files = [str(f) for f in Workspace(ws).dataset_files("hotel_stays")]
    got = duckdb.sql(f"SELECT _source_row, person_token, id_status, birth_on FROM read_parquet({files}) "
                     "ORDER BY _source_row").fetchall()
    token = {row: t for row, t, _, _ in got}
    status = {row: s for row, _, s, _ in got}
    assert token[1] == token[3] == token[5] and status[1] == status[3] == status[5] == "valid"
    assert token[2] == token[6] and status[2] == status[6] == "bad_check"
    assert token[4] == token[7] != token[1] and status[4] == status[7] == "other_document"
    assert {b for _, _, _, b in got if b is not None} == {dt.date(2010, 1, 1)}
