"""Imports are dataset versions: re-importing changes nothing, corrections replace, withdrawals remove."""

from __future__ import annotations

import duckdb

from rightswatch.cli import main
from rightswatch.ingest import Workspace, ingest_path, load_mapping

from .helpers import hotel_csv, hotel_rows, tree_digest


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    ws = tmp_path / "ws"
    path = hotel_csv(tmp_path / "hotel_stays.csv")
    ingest_path(path, ws)
    before = tree_digest(ws)
    again = ingest_path(path, ws)
    assert [r.status for r in again.reports] == ["unchanged"]
    assert tree_digest(ws) == before


def test_a_later_file_with_the_same_record_id_is_a_new_version(tmp_path):
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "a" / "hotel_stays.csv"), ws)
    corrected = [hotel_rows()[0].replace(",302,", ",402,")]
    ingest_path(hotel_csv(tmp_path / "b" / "hotel_stays.csv", corrected), ws)
    imports = Workspace(ws).imports("hotel_stays")
    assert [i.seq for i in imports] == [1, 2]
    assert len(Workspace(ws).dataset_files("hotel_stays")) == 2


def test_withdrawing_an_import_removes_it_from_the_dataset(tmp_path, capsys):
    ws = tmp_path / "ws"
    result = ingest_path(hotel_csv(tmp_path / "hotel_stays.csv"), ws)
    assert main(["withdraw", result.reports[0].import_id, "--workspace", str(ws)]) == 0
    assert Workspace(ws).dataset_files("hotel_stays") == []
    assert main(["datasets", "--workspace", str(ws), "--all"]) == 0
    assert "withdrawn" in capsys.readouterr().out


def test_datasets_lists_versions_rows_and_sources(tmp_path, capsys):
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "hotel_stays.csv"), ws)
    assert main(["datasets", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    assert "hotel_stays" in out and "hotel_stays.csv" in out


def test_a_mapping_renames_columns_maps_values_and_reads_date_formats(tmp_path):
    (tmp_path / "m.yml").write_text(
        "dataset: hotel_stays\n"
        "columns: {record_id: 登记编号, hotel_org_code: 旅馆代码, room_number: 房号, id_number: 证件号码, name: 姓名,"
        " checkin_at: 入住时间, guardian_contact_recorded: 已登记监护人}\n"
        "values: {guardian_contact_recorded: {已登记: 'true', 未登记: 'false'}}\n"
        "date_formats: {checkin_at: ['%d/%m/%Y %H:%M']}\n", "utf-8")
    number = hotel_rows()[0].split(",")[6]
    (tmp_path / "agency.csv").write_text(
        f"登记编号,旅馆代码,房号,证件号码,姓名,入住时间,已登记监护人,备注\nA-1,91340200MA2N0XXXX1,302,{number},张三,14/03/2026 22:10,未登记,无\n",
        "utf-8")
    ws = tmp_path / "ws"
    report = ingest_path(tmp_path / "agency.csv", ws, load_mapping(tmp_path / "m.yml")).reports[0]
    assert report.dataset == "hotel_stays" and report.rejected == 0
    assert any("备注" in n for n in report.notices)  # unknown columns are reported, not silently dropped
    row = duckdb.sql(f"SELECT * FROM read_parquet('{Workspace(ws).dataset_files('hotel_stays')[0]}')").fetchall()
    assert row


def test_a_bad_mapping_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "m.yml").write_text("dataset: hotels\n", "utf-8")
    code = main(["ingest", str(hotel_csv(tmp_path / "hotel_stays.csv")), "--mapping", str(tmp_path / "m.yml"),
                 "--workspace", str(tmp_path / "ws")])
    assert code != 0 and "unknown dataset 'hotels'" in capsys.readouterr().err
