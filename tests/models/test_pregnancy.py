"""Model 5 (pregnancy of a girl under 14 not reported): ages, codes, texts, report windows."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.models.cases import Person, run_case

AS_OF = "2026-06-30"
H1, H2 = "12340200MB0HOSP001", "12340200MB0HOSP002"
VISIT = dt.date(2026, 3, 10)


def day(offset: int) -> str:
    return (VISIT + dt.timedelta(days=offset)).isoformat()


P = {name: Person(name, born, "F") for name, born in [
    ("甲一", "2013-05-05"), ("乙二", "2012-04-10"), ("丙三", "2012-04-09"), ("丁四", "2013-01-01"),
    ("戊五", "2013-01-02"), ("己六", "2013-01-03"), ("庚七", "2013-01-04"), ("辛八", "2013-01-05"),
    ("壬九", "2013-01-06"), ("癸十", "2013-01-07"), ("子一", "2013-01-08"), ("丑二", "2013-01-09"),
    ("寅三", "2013-01-10"), ("卯四", "2013-01-11"), ("辰五", "2013-01-12"), ("巳六", "2013-01-13"),
    ("午七", "2013-01-14"), ("未八", "2013-01-15")]}
boy = Person("男孩", "2013-02-02", "M")


def visit(rid, person, at, codes="", text="", hospital=H1):
    return {"record_id": rid, "hospital_org_code": hospital, "hospital_name": "测试医院", "id_number": person.id,
            "name": person.name, "visit_at": at, "diagnosis_codes": codes, "diagnosis_text": text}


def report(rid, person, on):
    return {"record_id": rid, "subject_id_number": person.id, "subject_name": person.name,
            "reported_at": f"{on} 10:00", "concern": "pregnancy"}


CASE = {
    "medical_visits": [
        visit("MV-01", P["甲一"], "2026-03-10 09:00", codes="O80"),                 # key
        visit("MV-02", P["甲一"], "2026-04-10 09:00", codes="Z34.0"),               # joins MV-01
        visit("MV-03", P["甲一"], "2026-04-11 09:00", codes="O80", hospital=H2),    # other hospital: own key
        visit("MV-04", P["乙二"], "2026-04-10 09:00", codes="O02.1"),               # 14th birthday: still under 14
        visit("MV-05", P["丙三"], "2026-04-10 09:00", codes="O02.1"),               # 14 full years: not
        visit("MV-06", boy, "2026-03-10 09:00", codes="O80"),                        # male: not
        visit("MV-07", P["丁四"], "2026-03-10 09:00", text="早孕，建议复查"),         # text: yes
        visit("MV-08", P["戊五"], "2026-03-10 09:00", text="腹痛，未见妊娠"),         # negated: not
        visit("MV-09", P["己六"], "2026-03-10 09:00", text="排除妊娠，胃肠炎"),       # negated: not
        visit("MV-10", P["庚七"], "2026-03-10 09:00", codes="o09.1"),               # lower case, dot: O09
        visit("MV-11", P["辛八"], "2026-03-10 09:00", codes="J06.9;Z32.1"),         # Z32.1: yes
        visit("MV-12", P["壬九"], "2026-03-10 09:00", codes="Z32.0"),               # Z32.0: not
        visit("MV-13", P["癸十"], "2026-03-10 09:00", codes="Z39.2"),               # Z39.*: yes
        visit("MV-14", P["子一"], "2026-03-10 09:00", codes="O9A.1"),               # O9A: yes
        visit("MV-15", P["丑二"], "2026-03-10 09:00", codes="O80"),                 # reported 180 days before: not
        visit("MV-16", P["寅三"], "2026-03-10 09:00", codes="O80"),                 # reported 181 days before: yes
        visit("MV-17", P["卯四"], "2026-03-10 09:00", codes="O80"),                 # reported 7 days after: not
        visit("MV-18", P["辰五"], "2026-03-10 09:00", codes="O80"),                 # reported 8 days after: yes
        visit("MV-19", P["巳六"], "2026-03-10 09:00", codes="O80"),                 # victim in an incident: not
        visit("MV-20", P["午七"], "2025-06-10 09:00", codes="O80"),                 # reported → not qualifying
        visit("MV-21", P["午七"], "2026-03-10 09:00", codes="O80"),                 # later, unreported: the key
        visit("MV-22", P["未八"], "2026-03-10 09:00", text="妊娠试验阴性"),           # negative test: not
    ],
    "mandatory_reports": [
        report("MR-1", P["丑二"], day(-180)), report("MR-2", P["寅三"], day(-181)),
        report("MR-3", P["卯四"], day(7)), report("MR-4", P["辰五"], day(8)),
        report("MR-5", P["午七"], "2025-06-12"),
    ],
    "police_incidents": [{"record_id": "PI-1", "reported_at": "2026-03-01 10:00", "category": "sexual_assault",
                          "disposition": "case_filed"}],
    "incident_parties": [{"record_id": "IP-1", "incident_record_id": "PI-1", "id_number": P["巳六"].id,
                          "name": P["巳六"].name, "role": "victim"}],
}

M5 = "minor_pregnancy_not_reported"


@pytest.fixture(scope="module")
def clues(tmp_path_factory):
    return run_case(tmp_path_factory.mktemp("pregnancy"), CASE, [M5], AS_OF)


def test_keys(clues):
    assert {k.split(":", 1)[1] for k in clues} == {
        "MV-01", "MV-03", "MV-04", "MV-07", "MV-10", "MV-11", "MV-13", "MV-14", "MV-16", "MV-18", "MV-21"}


def test_later_visits_at_the_same_hospital_join_the_evidence(clues):
    c = clues[f"{M5}:MV-01"]
    assert {e["record_id"] for e in c["evidence"]} == {"MV-01", "MV-02"}
    assert c["severity"] == "red"
    assert c["recipients"] == ["public_security", "health"]
    assert {s["role"] for s in c["subjects"]} == {"minor", "hospital"}
