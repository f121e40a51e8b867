"""Model 7 (suspicious injury of a minor not reported)."""

from __future__ import annotations

import pytest

from tests.models.cases import Person, run_case

H = "12340200MB0HOSP001"
kids = {k: Person(f"伤{k}", born, "M") for k, born in [
    ("a", "2015-01-01"), ("b", "2015-01-02"), ("c", "2025-01-01"), ("d", "2024-01-01"), ("e", "2015-01-03"),
    ("f", "2015-01-04"), ("g", "2015-01-05"), ("h", "2015-01-06")]}


def visit(rid, k, at, codes="", text=""):
    return {"record_id": rid, "hospital_org_code": H, "id_number": kids[k].id, "name": kids[k].name,
            "visit_at": at, "diagnosis_codes": codes, "diagnosis_text": text}


CASE = {
    "medical_visits": [
        visit("MV-1", "a", "2026-03-01 10:00", codes="T74.1"),                 # maltreatment code → red
        visit("MV-2", "b", "2026-03-01 10:00", text="多处烟头烫伤"),             # abuse burn → orange
        visit("MV-3", "c", "2026-03-01 10:00", codes="S72.0", text="左股骨骨折"),  # infant fracture → red
        visit("MV-4", "d", "2026-03-01 10:00", codes="S72.0", text="左股骨骨折"),  # 2 years old: not by text
        visit("MV-5", "e", "2026-03-01 10:00", text="开水烫伤"),                  # single scald: no
        visit("MV-6", "f", "2026-01-01 10:00", codes="S01.0"),                 # three injuries in 180 days:
        visit("MV-7", "f", "2026-03-01 10:00", codes="S52.5"),
        visit("MV-8", "f", "2026-06-29 10:00", codes="S82.1"),                 # 179 days after the first → key
        visit("MV-9", "g", "2026-03-01 10:00", codes="T74.1"),                 # reported 30 days before → no
        visit("MV-10", "h", "2025-09-01 10:00", codes="S01.0"),                # 181 days apart: no
        visit("MV-11", "h", "2025-12-01 10:00", codes="S01.0"),
        visit("MV-12", "h", "2026-03-01 10:00", codes="S01.0"),
    ],
    "mandatory_reports": [{"record_id": "MR-1", "subject_id_number": kids["g"].id, "reported_at": "2026-01-30 09:00"}],
}


@pytest.fixture(scope="module")
def clues(tmp_path_factory):
    return run_case(tmp_path_factory.mktemp("injury"), CASE, ["child_injury_not_reported"], "2026-06-30")


def test_keys_and_severity(clues):
    got = {k.split(":", 1)[1]: c["severity"] for k, c in clues.items()}
    assert got == {"MV-1": "red", "MV-2": "orange", "MV-3": "red", "MV-8": "orange"}


def test_repeated_injuries_carry_the_earlier_visits(clues):
    ev = {e["record_id"] for e in clues["child_injury_not_reported:MV-8"]["evidence"]}
    assert ev == {"MV-6", "MV-7", "MV-8"}
