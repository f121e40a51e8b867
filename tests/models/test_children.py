"""Models 8 (out of school) and 10 (unsupported child without benefit)."""

from __future__ import annotations

import pytest

from tests.models.cases import Person, ingest_case, run_workspace

M3, M8, M10 = "venue_admits_minor", "compulsory_education_out_of_school", "unsupported_child_without_benefit"
SCHOOL = "52340200MJ0SCHOOL1"

kids = {
    "R-01": Person("一", "2019-08-31", "F"),   # youngest of the band for 2025/26: in
    "R-02": Person("二", "2019-09-01", "F"),   # too young
    "R-03": Person("三", "2009-09-01", "M"),   # oldest of the band: in
    "R-04": Person("四", "2009-08-31", "M"),   # too old
    "R-05": Person("五", "2015-03-03", "M"),   # enrolled this term
    "R-06": Person("六", "2015-03-04", "M"),   # kindergarten only: out
    "R-07": Person("七", "2015-03-05", "F"),   # transferred_out only: out
    "R-08": Person("八", "2015-03-06", "F"),   # enrolled last term only: out
    "R-09": Person("九", "2015-03-07", "F"),   # approved deferral
    "R-10": Person("十", "2015-03-08", "F"),   # approved exemption
    "R-11": Person("甲", "2015-03-09", "M"),   # special education
    "R-12": Person("乙", "2010-03-10", "M"),   # finished junior secondary
    "R-13": Person("丙", "2015-03-11", "M"),   # deceased
    "R-14": Person("丁", "2015-03-12", "M"),   # moved out
    "R-15": Person("戊", "2015-03-13", "F"),   # suspended
    "R-16": Person("己", "2012-03-14", "F"),   # dropped out, also in an internet café
}
STATUS = {"R-13": "deceased", "R-14": "moved_out"}


def enrol(rid, kid, term, status="enrolled", school_type="primary"):
    p = kids[kid]
    return {"record_id": rid, "id_number": p.id, "name": p.name, "school_org_code": SCHOOL,
            "school_type": school_type, "term": term, "status": status}


def parent_case():
    """Model 10: children C-*, their parents, custody, disability and benefit rows."""
    people, rel, custody, disab, benefit = [], [], [], [], []
    specs = {
        # child id: (born, father state, mother state, benefit)
        "C-01": ("2016-01-01", "prison", "deceased", None),
        "C-02": ("2016-01-02", "prison", "detention", None),
        "C-03": ("2022-01-03", "disabled1", "missing", None),
        "C-04": ("2016-01-04", "prison", "unrecorded", None),
        "C-05": ("2016-01-05", "unrecorded", "unrecorded", None),
        "C-06": ("2016-01-06", "prison", "able", None),
        "C-07": ("2016-01-07", "prison", "detention", "active"),
        "C-08": ("2016-01-08", "deceased", "deceased", None),
        "C-09": ("2016-01-09", "prison_ended", "deceased", None),
        "C-10": ("2016-01-10", "prison_ends_as_of", "deceased", None),
        "C-11": ("2016-01-11", "disabled2", "deceased", "ended"),
        "C-12": ("2016-01-12", "disabled3", "deceased", None),
        "C-13": ("2008-06-30", "deceased", "deceased", None),
        "C-14": ("2008-06-29", "deceased", "deceased", None),
    }
    for cid, (born, father, mother, ben) in specs.items():
        child = Person(f"童{cid[-2:]}", born, "M")
        people.append(child.resident(cid))
        for relation, state, gender in (("father", father, "M"), ("mother", mother, "F")):
            if state == "unrecorded":
                continue
            parent = Person(f"亲{cid[-2:]}{relation[0]}", "1985-05-05", gender)
            status = {"deceased": "deceased", "missing": "missing"}.get(state, "active")
            people.append(parent.resident(f"{cid}-{relation}", status=status))
            rel.append({"record_id": f"FR-{cid}-{relation}", "person_id_number": child.id,
                        "relative_id_number": parent.id, "relation": relation})
            if state in ("prison", "detention", "prison_ended", "prison_ends_as_of"):
                end = {"prison_ended": "2026-06-29", "prison_ends_as_of": "2026-06-30"}.get(state)
                custody.append({"record_id": f"CR-{cid}-{relation}", "id_number": parent.id, "name": parent.name,
                                "custody_type": "detention" if state == "detention" else "prison_sentence",
                                "start_on": "2025-01-01", "end_on": end})
            if state.startswith("disabled"):
                disab.append({"record_id": f"DS-{cid}-{relation}", "id_number": parent.id, "name": parent.name,
                              "category": "physical", "grade": state[-1], "registered_on": "2020-01-01"})
        if ben:
            benefit.append({"record_id": f"WB-{cid}", "id_number": child.id, "name": child.name,
                            "benefit_type": "de_facto_unsupported", "start_on": "2025-01-01",
                            "end_on": "2026-06-01" if ben == "ended" else None})
    return people, rel, custody, disab, benefit


def build_case():
    people, rel, custody, disab, benefit = parent_case()
    residents = [p.resident(rid, status=STATUS.get(rid, "active")) for rid, p in kids.items()] + people
    return {
        "residents": residents,
        "family_relations": rel, "custody_records": custody, "disabilities": disab, "welfare_benefits": benefit,
        "school_enrollments": [
            enrol("SE-05", "R-05", "2026-spring"),
            enrol("SE-06", "R-06", "2026-spring", school_type="kindergarten"),
            enrol("SE-07", "R-07", "2026-spring", status="transferred_out"),
            enrol("SE-08", "R-08", "2025-autumn"),
            enrol("SE-09", "R-09", "2026-spring", status="deferred"),
            enrol("SE-10", "R-10", "2026-spring", status="exempt"),
            enrol("SE-11", "R-11", "2026-spring", school_type="special_education"),
            enrol("SE-12", "R-12", "2025-spring", status="graduated", school_type="junior_secondary"),
            enrol("SE-15", "R-15", "2026-spring", status="suspended"),
            enrol("SE-16", "R-16", "2026-spring", status="dropped_out", school_type="junior_secondary"),
            enrol("SE-17", "R-05", "2026-autumn"),
        ],
        "venue_visits": [{"record_id": "VV-1", "venue_org_code": "91340200MA2N0CAFE1", "venue_type": "internet_cafe",
                          "id_number": kids["R-16"].id, "name": kids["R-16"].name, "entered_at": "2026-03-02 10:00"}],
    }


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return ingest_case(tmp_path_factory.mktemp("children"), build_case())


def suffixes(clues, model, prefix=""):
    return {k.split(":", 1)[1]: c["severity"] for k, c in clues.items()
            if c["model_id"] == model and k.split(":", 1)[1].startswith(prefix)}


def test_model8_spring_term(ws):
    got = suffixes(run_workspace(ws, [M3, M8], "2026-03-15"), M8, "R-")  # C-* are model 10's children
    expected = {f"{r}|2026-spring" for r in ("R-01", "R-03", "R-06", "R-07", "R-08", "R-16")}
    assert set(got) == expected
    assert got["R-16|2026-spring"] == "red"      # also the minor of a venue clue in the same run
    assert got["R-01|2026-spring"] == "orange"


def test_model8_august_belongs_to_the_spring_term(ws):
    got = suffixes(run_workspace(ws, [M8], "2026-08-15"), M8, "R-")
    assert "R-07|2026-spring" in got and all(k.endswith("|2026-spring") for k in got)


def test_model8_january_belongs_to_the_autumn_term(ws):
    got = suffixes(run_workspace(ws, [M8], "2027-01-10"), M8)
    # 2026/27 school year: born 1 Sep 2010 to 31 Aug 2020. R-05 is enrolled in 2026-autumn.
    assert "R-05|2026-autumn" not in got
    assert "R-02|2026-autumn" in got and "R-03|2026-autumn" not in got
    assert "R-12|2026-autumn" not in got   # graduated from junior secondary


def test_model10(ws):
    got = suffixes(run_workspace(ws, [M10], "2026-06-30"), M10)
    assert got == {"C-01": "orange", "C-02": "red", "C-03": "red", "C-04": "orange", "C-08": "orange",
                   "C-10": "orange", "C-11": "orange", "C-13": "orange"}


def test_model10_evidence_names_the_parents(ws):
    c = run_workspace(ws, [M10], "2026-06-30")[f"{M10}:C-02"]
    ev = {(e["dataset"], e["record_id"]) for e in c["evidence"]}
    assert {("custody_records", "CR-C-02-father"), ("custody_records", "CR-C-02-mother"),
            ("residents", "C-02")} <= ev
    assert {s["role"] for s in c["subjects"]} == {"minor", "father", "mother"}


def test_model20_child_in_two_models(ws):
    clues = run_workspace(ws, [M3, M8, "child_with_multiple_signals"], "2026-03-15")
    got = {k: c for k, c in clues.items() if c["model_id"] == "child_with_multiple_signals"}
    # R-16 is the minor of a venue clue (model 3) and an out-of-school clue (model 8);
    # every other child appears in one model only.
    assert set(got) == {"child_with_multiple_signals:R-16"}
    clue = got["child_with_multiple_signals:R-16"]
    assert {e["record_id"] for e in clue["evidence"]} == {
        "venue_admits_minor:91340200MA2N0CAFE1|2026-03", "compulsory_education_out_of_school:R-16|2026-spring"}
    assert clue["severity"] == "red" and [s["role"] for s in clue["subjects"]] == ["minor"]


def test_model9_hidden_dropout(tmp_path):
    from tests.models.cases import run_case

    pupil, other = Person("逃学", "2013-05-05", "M"), Person("好学", "2013-06-06", "F")
    hotel = "91340200MA2N0HOTL1"

    def stay(rid, p, at, region="340202"):
        return {"record_id": rid, "hotel_org_code": hotel, "room_number": "1", "region_code": region,
                "id_number": p.id, "name": p.name, "checkin_at": at}

    case = {
        "school_enrollments": [
            {"record_id": "SE-1", "id_number": pupil.id, "name": pupil.name, "school_org_code": SCHOOL,
             "school_type": "junior_secondary", "term": "2026-spring", "status": "enrolled"},
            {"record_id": "SE-2", "id_number": other.id, "name": other.name, "school_org_code": SCHOOL,
             "school_type": "junior_secondary", "term": "2026-spring", "status": "enrolled"},
        ],
        # Region 3401 has its own calendar: only the days listed, 08:00–17:00 by default.
        "school_attendance_days": [{"record_id": f"SD-{d}", "region_code": "3401", "school_day": f"2026-03-0{d}"}
                                   for d in (2, 3, 4)],
        "hotel_stays": [
            # Default calendar (region 340202): Mon 2 Mar 08:00 (inclusive), Tue 3 Mar 16:59, Wed 4 Mar 10:00.
            stay("HS-1", pupil, "2026-03-02 08:00"), stay("HS-2", pupil, "2026-03-03 16:59"),
            stay("HS-3", pupil, "2026-03-04 10:00"),
            # The other pupil: Saturday, 17:01 and a day off in the 3401 calendar → only two days count.
            stay("HS-4", other, "2026-03-07 10:00"), stay("HS-5", other, "2026-03-02 17:01"),
            stay("HS-6", other, "2026-03-05 10:00", region="340102"), stay("HS-7", other, "2026-03-02 09:00"),
            stay("HS-8", other, "2026-03-03 09:00", region="340102"),
        ],
    }
    clues = run_case(tmp_path, case, ["hidden_dropout"], "2026-06-30")
    assert set(clues) == {"hidden_dropout:SE-1"}
    assert clues["hidden_dropout:SE-1"]["severity"] == "yellow"
