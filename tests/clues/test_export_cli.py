"""`rightswatch run --bundle … --export …`, `rightswatch evaluate`, and the export formats."""

from __future__ import annotations

import csv
import json

import pytest
from python_calamine import CalamineWorkbook

from rightswatch.cli import main
from rightswatch.clues.store import ClueStore
from tests.models.cases import Person, write_bundle

girl, man = Person("张小花", "2013-01-01", "F"), Person("李大强", "1980-01-01", "M")
HOTEL = "91340200MA2N0AAAA1"
CASE = {
    "hotel_stays": [
        {"record_id": "HS-1", "hotel_org_code": HOTEL, "room_number": "101", "id_number": girl.id, "name": girl.name,
         "checkin_at": "2026-03-01 20:00", "checkout_at": "2026-03-02 12:00"},
        {"record_id": "HS-2", "hotel_org_code": HOTEL, "room_number": "101", "id_number": man.id, "name": man.name,
         "checkin_at": "2026-03-01 21:00", "checkout_at": "2026-03-02 09:00"},
    ],
    "job_postings": [{"record_id": "JP-1", "employer_name": "某公司", "title": "=司机", "text": "限男性"}],
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    folder = write_bundle(tmp_path_factory.mktemp("cli") / "bundle", CASE, as_of="2026-06-30")
    truth = [
        {"model_id": "hotel_minor_with_unrelated_adult", "clue_key": "hotel_minor_with_unrelated_adult:HS-1"},
        {"model_id": "hotel_minor_checkin_without_inquiry",
         "clue_key": f"hotel_minor_checkin_without_inquiry:{HOTEL}|2026-Q1"},
        {"model_id": "venue_admits_minor", "clue_key": "venue_admits_minor:X|2026-05"},   # planted, not found
        {"model_id": "recruitment_gender_discrimination", "clue_key": "recruitment_gender_discrimination:JP-2",
         "expected": False},
    ]
    (folder / "truth.jsonl").write_text("".join(json.dumps(t) + "\n" for t in truth))
    return folder


def test_run_bundle_exports_jsonl_with_spec_keys(bundle, tmp_path, capsys):
    out = tmp_path / "clues.jsonl"
    assert main(["run", "--bundle", str(bundle), "--export", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    keys = {r["clue_key"] for r in rows}
    assert keys == {"hotel_minor_with_unrelated_adult:HS-1", f"hotel_minor_checkin_without_inquiry:{HOTEL}|2026-Q1",
                    "recruitment_gender_discrimination:JP-1",
                    # the girl is the minor of models 1 and 2 and has no residents row
                    "child_with_multiple_signals:hotel_stays/HS-1"}
    assert all(r["clue_key"].startswith(r["model_id"] + ":") for r in rows)
    assert all(r["as_of"] == "2026-06-30" for r in rows)      # from as_of.txt
    printed = capsys.readouterr().out
    assert "hotel_minor_with_unrelated_adult" in printed and "total" in printed
    assert girl.id not in out.read_text(encoding="utf-8") and girl.name not in printed


def test_run_exports_csv_and_xlsx(bundle, tmp_path):
    assert main(["run", "--bundle", str(bundle), "--as-of", "2026-06-30", "--models",
                 "recruitment_gender_discrimination", "--export", str(tmp_path / "c.csv")]) == 0
    with (tmp_path / "c.csv").open(encoding="utf-8-sig") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["clue_key"] == "recruitment_gender_discrimination:JP-1"
    assert row["recipients"] == "human_resources"
    assert json.loads(row["evidence"])[0]["record_id"] == "JP-1"
    assert main(["run", "--bundle", str(bundle), "--models", "recruitment_gender_discrimination",
                 "--export", str(tmp_path / "c.xlsx")]) == 0
    sheet = CalamineWorkbook.from_path(str(tmp_path / "c.xlsx")).get_sheet_by_index(0).to_python()
    assert sheet[0][2] == "clue_key" and sheet[1][2] == "recruitment_gender_discrimination:JP-1"


def test_run_rejects_a_bad_date_and_unknown_model(bundle, capsys):
    assert main(["run", "--bundle", str(bundle), "--as-of", "30/06/2026"]) != 0
    assert main(["run", "--bundle", str(bundle), "--models", "no_such_model"]) != 0
    assert "no_such_model" in capsys.readouterr().err


def test_evaluate_reports_precision_recall_and_missed_keys(bundle, capsys):
    assert main(["evaluate", "--bundle", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert "venue_admits_minor missed: venue_admits_minor:X|2026-05" in out
    line = next(x for x in out.splitlines() if "hotel_minor_with_unrelated_adult" in x)
    assert "1.000" in line
    spurious = next(x for x in out.splitlines() if x.startswith("recruitment_gender_discrimination spurious"))
    assert "JP-1" in spurious


def test_clues_commands_read_the_store(bundle, tmp_path, capsys):
    ws = tmp_path / "ws"
    assert main(["run", "--bundle", str(bundle), "--workspace", str(ws)]) == 0
    capsys.readouterr()
    assert main(["clues", "list", "-w", str(ws)]) == 0
    assert "hotel_minor_with_unrelated_adult:HS-1" in capsys.readouterr().out
    assert main(["clues", "runs", "-w", str(ws)]) == 0
    assert "run-" in capsys.readouterr().out
    assert main(["clues", "export", "-w", str(ws), str(tmp_path / "all.jsonl")]) == 0
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 4
    # A run over the existing workspace (as_of from its last bundle) merges into the store.
    assert main(["run", "-w", str(ws), "--models", "hotel_minor_with_unrelated_adult"]) == 0
    runs = ClueStore(ws).runs()
    assert len(runs) == 2 and runs[1]["as_of"] == "2026-06-30" and runs[1]["counts"]["updated"] == 1
    # A second --bundle run into a used workspace is refused.
    assert main(["run", "--bundle", str(bundle), "--workspace", str(ws)]) != 0
