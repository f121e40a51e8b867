"""Models 11 (domestic violence without warning), 12 (protection order violated), 14 (recruitment)."""

from __future__ import annotations

import pytest

from tests.models.cases import Person, run_case

AS_OF = "2026-06-30"
M11, M12, M14 = "domestic_violence_without_warning", "protection_order_violated", "recruitment_gender_discrimination"

P = {k: Person(f"人{k}", "1985-01-01" if k[0] in "WH" else "2016-06-06", "F" if k[0] in "WK" else "M")
     for k in ["WA", "HA", "WB", "HB", "WC", "HC", "WD", "HD", "WE", "HE", "WF", "HF", "KF", "WG", "HG",
               "WH", "HH", "WP", "HP"]}
girl = Person("小红", "2012-05-05", "F")
P["WQ"], P["HQ"] = girl, Person("某男", "1980-01-01", "M")

INCIDENTS = [
    # (id, date, victim, suspect, disposition, category)
    ("PI-A1", "2025-08-01", "WA", "HA", "mediated", "domestic_violence"),
    ("PI-A2", "2026-01-01", "WA", "HA", "no_action", "domestic_violence"),
    ("PI-A3", "2026-05-01", "WA", "HA", "mediated", "domestic_violence"),
    ("PI-B1", "2025-01-01", "WB", "HB", "mediated", "domestic_violence"),
    ("PI-B2", "2026-01-02", "WB", "HB", "mediated", "domestic_violence"),   # 366 days later: no
    ("PI-C1", "2025-01-01", "WC", "HC", "mediated", "domestic_violence"),
    ("PI-C2", "2026-01-01", "WC", "HC", "mediated", "domestic_violence"),   # 365 days later: yes
    ("PI-D1", "2026-01-01", "WD", "HD", "warning_letter", "domestic_violence"),
    ("PI-D2", "2026-03-01", "WD", "HD", "mediated", "domestic_violence"),
    ("PI-E1", "2026-02-01", "WE", "HE", "mediated", "domestic_violence"),
    ("PI-E2", "2026-03-01", "HE", "WE", "mediated", "domestic_violence"),   # roles reversed: another pair
    ("PI-F1", "2026-02-01", "WF", "HF", "mediated", "domestic_violence"),
    ("PI-F2", "2026-03-01", "WF", "HF", "no_action", "domestic_violence"),
    ("PI-G1", "2026-01-01", "WG", "HG", "mediated", "domestic_violence"),
    ("PI-G2", "2026-02-01", "WG", "HG", "mediated", "domestic_violence"),   # arises here
    ("PI-G3", "2026-03-01", "WG", "HG", "warning_letter", "domestic_violence"),
    ("PI-G4", "2026-04-01", "WG", "HG", "mediated", "domestic_violence"),   # a warning in its window: no
    ("PI-H1", "2026-01-01", "WH", "HH", "mediated", "family_dispute"),
    ("PI-H2", "2026-02-01", "WH", "HH", "mediated", "domestic_violence"),   # only one DV incident: no
    ("PI-Q1", "2026-01-01", "WQ", "HQ", "mediated", "domestic_violence"),
    ("PI-Q2", "2026-02-01", "WQ", "HQ", "mediated", "domestic_violence"),   # victim a minor: red
    # Model 12 edges: an order for WP/HP from 2026-03-01 to 2026-03-31.
    ("PI-P1", "2026-02-28", "WP", "HP", "mediated", "other"),
    ("PI-P2", "2026-03-01", "WP", "HP", "mediated", "other"),
    ("PI-P3", "2026-03-31", "WP", "HP", "mediated", "other"),
    ("PI-P4", "2026-04-01", "WP", "HP", "mediated", "other"),
    ("PI-P5", "2026-03-15", "HP", "WP", "mediated", "other"),               # roles reversed: no
]


def parties():
    rows = []
    for pid, _, v, s, _, _ in INCIDENTS:
        for role, key in (("victim", v), ("suspect", s)):
            rows.append({"record_id": f"{pid}-{role[0]}", "incident_record_id": pid, "id_number": P[key].id,
                         "name": P[key].name, "role": role})
    rows.append({"record_id": "PI-F1-c", "incident_record_id": "PI-F1", "id_number": P["KF"].id,
                 "name": P["KF"].name, "role": "child_present"})
    return rows


def order(rid, a, r, issued, expires, status="issued"):
    return {"record_id": rid, "applicant_id_number": P[a].id, "respondent_id_number": P[r].id,
            "issued_on": issued, "expires_on": expires, "status": status}


POSTINGS = {
    "JP-01": ("司机", "招聘司机，限男性，五险一金"),
    "JP-02": ("文员", "男女不限，大专以上"),
    "JP-03": ("会计", "要求已婚已育，本地户口"),
    "JP-04": ("前台", "入职需孕检"),
    "JP-05": ("销售", "不问婚育情况，无需孕检"),
    "JP-06": ("矿山井下作业工", "限男性"),
    "JP-07": ("程序员", "男士优先"),
    "JP-08": ("客服", "性别不限，待遇优厚"),
    "JP-09": ("助理", "入职三年内不得生育"),
    "JP-10": ("保安", "性别：男，年龄45岁以下"),
    "JP-11": ("店员", "不限男女"),
}

CASE = {
    "police_incidents": [{"record_id": i, "reported_at": f"{d} 21:00", "category": c, "disposition": disp}
                         for i, d, _, _, disp, c in INCIDENTS],
    "incident_parties": parties(),
    "protection_orders": [
        order("PO-1", "WA", "HA", "2026-02-01", "2026-08-01"),
        order("PO-2", "WC", "HC", "2025-06-01", "2026-06-01", status="revoked"),
        order("PO-3", "WE", "HE", "2026-01-01", None),
        order("PO-4", "WP", "HP", "2026-03-01", "2026-03-31"),
    ],
    "job_postings": [{"record_id": k, "employer_name": "某公司", "employer_org_code": "91340200MA2N0EMPL1",
                      "title": t, "text": x, "published_on": "2026-04-01"} for k, (t, x) in POSTINGS.items()],
}


@pytest.fixture(scope="module")
def clues(tmp_path_factory):
    return run_case(tmp_path_factory.mktemp("violence"), CASE, [M11, M12, M14], AS_OF)


def got(clues, model):
    return {k.split(":", 1)[1]: c["severity"] for k, c in clues.items() if c["model_id"] == model}


def test_model11(clues):
    assert got(clues, M11) == {"PI-A3": "red", "PI-C2": "orange", "PI-F2": "red", "PI-G2": "orange",
                               "PI-Q2": "red"}


def test_model11_evidence_and_roles(clues):
    c = clues[f"{M11}:PI-A3"]
    assert {e["record_id"] for e in c["evidence"] if e["dataset"] == "police_incidents"} == {"PI-A1", "PI-A2", "PI-A3"}
    assert {s["role"] for s in c["subjects"]} == {"victim", "suspect"}
    q = clues[f"{M11}:PI-Q2"]
    assert {s["role"] for s in q["subjects"]} == {"minor", "suspect"}   # a victim under 18 is the minor


def test_model12(clues):
    assert got(clues, M12) == {"PI-A3": "red", "PI-E1": "red", "PI-P2": "red", "PI-P3": "red"}


def test_model14(clues):
    assert got(clues, M14) == {"JP-01": "yellow", "JP-03": "yellow", "JP-04": "orange", "JP-07": "yellow",
                               "JP-09": "yellow", "JP-10": "yellow"}


def test_model14_evidence_quotes_the_phrase(clues):
    ev = clues[f"{M14}:JP-01"]["evidence"]
    assert ev == [{"dataset": "job_postings", "record_id": "JP-01", "note": "限男性"}]
    assert "限男性" in clues[f"{M14}:JP-01"]["summary_zh"]
