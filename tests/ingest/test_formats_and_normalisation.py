"""The same rows arrive in every format and spelling, and come out the same."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from rightswatch.ingest import Workspace, ingest_path

from .helpers import hotel_csv, hotel_rows, valid_number

WELFARE = [("W-1", valid_number("34020220150101002"), "王小明", "orphan", dt.date(2025, 1, 1))]


def rows_of(ws, dataset: str) -> list[dict]:
    files = [str(f) for f in Workspace(ws).dataset_files(dataset)]
    return duckdb.sql(f"SELECT * FROM read_parquet({files}) ORDER BY record_id").to_arrow_table().to_pylist()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_are_detected_not_assumed(tmp_path, encoding):
    ws = tmp_path / "ws"
    result = ingest_path(hotel_csv(tmp_path / "hotel_stays.csv", encoding=encoding), ws)
    assert result.reports[0].encoding == encoding
    girl = rows_of(ws, "hotel_stays")[0]
    assert girl["name_masked"] == "张某"  # 張 read in every encoding, then simplified
    assert girl["hotel_name"] == "镜湖宾馆"


def test_hotel_values_are_typed_and_normalised(tmp_path):
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "hotel_stays.csv"), ws)
    girl, man = rows_of(ws, "hotel_stays")
    assert girl["checkin_at"] == dt.datetime(2026, 3, 14, 22, 10)
    assert man["checkin_at"] == dt.datetime(2026, 3, 14, 21, 30)
    assert man["checkout_at"] is None
    assert man["hotel_org_code"] == "91340200MA2N0XXXX1"
    assert girl["guardian_contact_recorded"] is False and man["guardian_contact_recorded"] is True
    assert girl["birth_on"] == dt.date(2012, 3, 7) and girl["gender"] == "F"
    assert girl["id_status"] == "valid" and girl["id_masked"].startswith("340202********")
    assert girl["person_token"] and len(girl["person_token"]) == 32


def test_every_spelling_of_a_number_gives_one_token(tmp_path):
    number = valid_number("34020220120307124")
    spelled = [number, number.lower(), " ".join([number[:6], number[6:14], number[14:]]),
               number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})]
    rows = [f"HS-{i},91340200MA2N0XXXX1,h,340202,30{i},,{s},张小花,F,,2026-03-14 22:10,,1,1,0" for i, s in enumerate(spelled)]
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "hotel_stays.csv", rows), ws)
    tokens = {r["person_token"] for r in rows_of(ws, "hotel_stays")}
    assert len(tokens) == 1


def test_fifteen_digit_numbers_link_to_their_eighteen_digit_form(tmp_path):
    eighteen = valid_number("34020219850101123")
    fifteen = eighteen[:6] + eighteen[8:17]
    rows = [f"HS-{i},91340200MA2N0XXXX1,h,340202,30{i},,{n},李四,M,,2026-03-14 22:10,,1,1,0" for i, n in enumerate([eighteen, fifteen])]
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "hotel_stays.csv", rows), ws)
    a, b = rows_of(ws, "hotel_stays")
    assert a["person_token"] == b["person_token"] and b["id_status"] == "valid"


def test_a_wrong_check_character_is_kept_and_flagged_and_a_conflict_is_flagged(tmp_path):
    good = valid_number("34020220120307124")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    rows = [f"HS-1,91340200MA2N0XXXX1,h,340202,301,,{wrong},张小花,F,2012-03-07,2026-03-14 22:10,,1,1,0",
            f"HS-2,91340200MA2N0XXXX1,h,340202,302,,{good},张小花,M,2011-01-01,2026-03-14 22:10,,1,1,0"]
    ws = tmp_path / "ws"
    report = ingest_path(hotel_csv(tmp_path / "hotel_stays.csv", rows), ws).reports[0]
    assert (report.rows_read, report.accepted, report.flagged, report.rejected) == (2, 0, 2, 0)
    kept, conflicted = rows_of(ws, "hotel_stays")
    assert kept["id_status"] == "bad_check" and kept["birth_on"] == dt.date(2012, 3, 7)
    assert conflicted["birth_conflict"] and conflicted["gender_conflict"]
    assert conflicted["birth_on"] == dt.date(2012, 3, 7) and conflicted["gender"] == "F"  # the number wins
    reasons = {(p["column"], p["reason"].split(" (")[0]) for p in report.examples}
    assert ("id_number", "wrong check character") in reasons
    assert ("birth_on", "recorded birth date differs from the identity number") in reasons


def test_xlsx_with_excel_dates_and_serials(tmp_path):
    path = tmp_path / "welfare_benefits.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["record_id", "id_number", "name", "benefit_type", "start_on", "end_on"])
    rid, number, name, kind, start = WELFARE[0]
    sheet.write_row(1, 0, [rid, number, name, kind])
    sheet.write_datetime(1, 4, dt.datetime.combine(start, dt.time()), dates)
    sheet.write_number(1, 5, 46387)  # a bare serial: 2026-12-31
    book.close()
    ws = tmp_path / "ws"
    ingest_path(path, ws)
    (row,) = rows_of(ws, "welfare_benefits")
    assert row["start_on"] == start and row["end_on"] == dt.date(2026, 12, 31)
    assert row["birth_on"] == dt.date(2015, 1, 1)


def test_xlsx_numbers_typed_as_numbers_are_flagged(tmp_path):
    path = tmp_path / "disabilities.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["record_id", "id_number", "grade"])
    sheet.write_row(1, 0, ["D-1", 340202201501010021, 1])
    book.close()
    report = ingest_path(path, tmp_path / "ws").reports[0]
    assert any("stored as a number in Excel" in p["reason"] for p in report.examples)


def test_parquet_and_jsonl_read_like_csv(tmp_path):
    rid, number, name, kind, start = WELFARE[0]
    pq.write_table(pa.table({"record_id": [rid], "id_number": [number], "name": [name], "benefit_type": [kind],
                             "start_on": pa.array([start], pa.date32())}), tmp_path / "welfare_benefits.parquet")
    (tmp_path / "job_postings.jsonl").write_text(json.dumps(
        {"record_id": "J-1", "employer_name": "某公司", "title": "文员", "text": "限男性，婚育情况", "published_on": 20260301},
        ensure_ascii=False) + "\n", "utf-8")
    ws = tmp_path / "ws"
    ingest_path(tmp_path / "welfare_benefits.parquet", ws)
    ingest_path(tmp_path / "job_postings.jsonl", ws)
    assert rows_of(ws, "welfare_benefits")[0]["start_on"] == start
    job = rows_of(ws, "job_postings")[0]
    assert job["published_on"] == dt.date(2026, 3, 1) and job["text"] == "限男性,婚育情况"  # free text is NFKC-normalised


def test_unknown_codes_become_other_and_are_counted(tmp_path):
    path = tmp_path / "police_incidents.csv"
    path.write_text("record_id,reported_at,category,disposition\nP-1,2026-01-01 10:00,街头斗殴,mediated\n"
                    "P-2,2026-01-02 10:00,domestic_violence,告诫书\n", "utf-8")
    ws = tmp_path / "ws"
    report = ingest_path(path, ws).reports[0]
    first, second = rows_of(ws, "police_incidents")
    assert first["category"] == "other" and second["disposition"] == "warning_letter"
    assert [c["n"] for c in report.problem_counts if c["column"] == "category"] == [1]


def test_missing_record_ids_are_derived_stably(tmp_path):
    path = tmp_path / "custody_records.csv"
    number = valid_number("34020219800101123")
    path.write_text(f"id_number,name,custody_type,start_on\n{number},李某某,prison_sentence,2025-01-01\n", "utf-8")
    first = rows_of(ingest_path(path, tmp_path / "a").workspace, "custody_records")[0]["record_id"]
    second = rows_of(ingest_path(path, tmp_path / "b").workspace, "custody_records")[0]["record_id"]
    assert first == second and first.startswith("D-") and number not in first


def test_rejected_rows_are_reported_with_file_row_column_and_reason(tmp_path):
    rows = hotel_rows() + ["HS-3,91340200MA2N0XXXX1,h,340202,305,,,赵六,F,2010-01-01,not-a-time,,,,",
                           "HS-4,too,few,fields"]
    ws = tmp_path / "ws"
    report = ingest_path(hotel_csv(tmp_path / "hotel_stays.csv", rows), ws).reports[0]
    assert (report.rows_read, report.rejected) == (4, 2)
    problems = {(p["row"], p["column"]): p["reason"] for p in report.examples}
    assert problems[(3, "checkin_at")] == "not a date and time"
    assert "fields where the header has" in problems[(4, "")]
    assert len(rows_of(ws, "hotel_stays")) == 2
    saved = json.loads((ws / "reports" / f"{report.import_id}.json").read_text("utf-8"))
    assert saved["rejected"] == 2 and saved["file"].endswith("hotel_stays.csv")
    assert {(p["file"], p["row"], p["column"]) for p in saved["problems"]} >= {("hotel_stays.csv", 3, "checkin_at")}
    assert (ws / "reports" / f"{report.import_id}.csv").read_text("utf-8").count("\n") == len(report.examples) + 1
