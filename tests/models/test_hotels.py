"""Models 1 and 2 (hotels), on one hand-written bundle: every case named after what it tests."""

from __future__ import annotations

import pytest

from tests.models.cases import Person, bad_check, run_case

AS_OF = "2026-06-30"
HOTEL, OTHER_HOTEL = "91340200MA2N0AAAA1", "91340200MA2N0BBBB2"

girl13 = Person("张小花", "2013-01-01", "F")
girl15 = Person("赵晓", "2011-02-01", "F", household="H-1")
mother15 = Person("赵母", "1985-01-01", "F", household="H-1")
stranger = Person("李大强", "1980-01-01", "M")
stranger2 = Person("钱多", "1975-05-05", "M")
stranger3 = Person("孔五", "1990-09-09", "M")
boy16 = Person("孙小", "2010-01-01", "M")
boy_hh = Person("周小", "2012-01-01", "M", household="H-2")
uncle_hh = Person("周叔", "1980-03-03", "M", household="H-2")
girl_bday = Person("吴一", "2008-03-14", "F")     # 18th birthday on 2026-03-14: still a minor that day
girl_adult = Person("郑二", "2008-03-13", "F")    # 18 full years on 2026-03-14
girl_bad = Person("冯三", "2012-06-06", "F")      # her stay carries a wrong check character
father_bad = Person("冯父", "1982-02-02", "M")
leap = Person("陈闰", "2008-02-29", "F")          # 18 full years on 2026-03-01
lone = Person("褚四", "2011-07-07", "F")


def stay(rid, person, room, cin, cout, hotel=HOTEL, guardian="false", number=None, **extra):
    row = {"record_id": rid, "hotel_org_code": hotel, "hotel_name": "测试宾馆", "room_number": room,
           "id_number": number or person.id, "name": person.name, "gender": person.gender,
           "birth_on": person.born, "checkin_at": cin, "checkout_at": cout,
           "guardian_contact_recorded": guardian, "relationship_recorded": "false", "reported_to_police": "false"}
    row.update(extra)
    return row


CASE = {
    "residents": [p.resident(f"R-{i}") for i, p in enumerate(
        [girl13, girl15, mother15, stranger, stranger2, stranger3, boy16, boy_hh, uncle_hh, girl_bday, girl_adult,
         girl_bad, father_bad, leap, lone])],
    "family_relations": [
        {"record_id": "FR-1", "person_id_number": girl_bad.id, "relative_id_number": father_bad.id, "relation": "father"},
    ],
    "hotel_stays": [
        # Positive, red: a child under 14 with an unrelated adult.
        stay("HS-01", girl13, "101", "2026-03-01 20:00", "2026-03-02 12:00"),
        stay("HS-02", stranger2, "101", "2026-03-01 22:00", "2026-03-02 09:00"),
        # Positive although her mother is also in the room (per pair).
        stay("HS-03", girl15, "102", "2026-03-05 20:00", "2026-03-06 12:00"),
        stay("HS-04", mother15, "102", "2026-03-05 20:00", "2026-03-06 12:00"),
        stay("HS-05", stranger, "102", "2026-03-05 23:00", "2026-03-06 08:00"),
        # Same stranger with another minor within 90 days: both clues red.
        stay("HS-06", boy16, "103", "2026-04-01 20:00", "2026-04-02 12:00"),
        stay("HS-07", stranger, "103", "2026-04-01 21:00", "2026-04-02 12:00"),
        # Not: a household member only (no family_relations row).
        stay("HS-08", boy_hh, "104", "2026-03-10 20:00", "2026-03-11 12:00"),
        stay("HS-09", uncle_hh, "104", "2026-03-10 20:00", "2026-03-11 12:00"),
        # Not: stays that touch (checkout equals the other's check-in).
        stay("HS-10", lone, "105", "2026-05-01 12:00", "2026-05-02 12:00", guardian="true"),
        stay("HS-11", stranger2, "105", "2026-05-02 12:00", "2026-05-03 12:00"),
        # Not: different rooms, and a different hotel with the same room number.
        stay("HS-12", lone, "106", "2026-05-10 20:00", "2026-05-11 12:00", guardian="true"),
        stay("HS-13", stranger2, "107", "2026-05-10 20:00", "2026-05-11 12:00"),
        stay("HS-14", stranger, "106", "2026-05-10 20:00", "2026-05-11 12:00", hotel=OTHER_HOTEL),
        # On her 18th birthday she is still a minor: positive.
        stay("HS-15", girl_bday, "108", "2026-03-14 20:00", "2026-03-15 12:00"),
        stay("HS-16", stranger3, "108", "2026-03-14 20:00", "2026-03-15 12:00"),
        # The day after her birthday she is an adult: not.
        stay("HS-17", girl_adult, "109", "2026-03-14 20:00", "2026-03-15 12:00"),
        stay("HS-18", stranger2, "109", "2026-03-14 20:00", "2026-03-15 12:00"),
        # Bad check character: linked to her by name, birth date and gender, so her father is related.
        stay("HS-19", girl_bad, "110", "2026-03-20 20:00", "2026-03-21 12:00", number=bad_check(girl_bad.id)),
        stay("HS-20", father_bad, "110", "2026-03-20 20:00", "2026-03-21 12:00"),
        # Born 29 Feb: on 28 Feb 2026 still 17 (positive); on 1 Mar 18 (not).
        stay("HS-21", leap, "111", "2026-02-28 20:00", "2026-02-28 23:00"),
        stay("HS-22", stranger2, "111", "2026-02-28 21:00", "2026-02-28 22:00"),
        stay("HS-23", leap, "112", "2026-03-01 20:00", "2026-03-01 23:00"),
        stay("HS-24", stranger2, "112", "2026-03-01 21:00", "2026-03-01 22:00"),
        # An open stay (no checkout) lasts until the end of as_of: overlaps a later adult.
        stay("HS-25", lone, "113", "2026-06-01 20:00", None, guardian="true", relationship_recorded="true",
             reported_to_police="true"),
        stay("HS-26", stranger, "113", "2026-06-20 20:00", "2026-06-21 08:00"),
        # A minor alone, no guardian contact: model 2 only.
        stay("HS-27", boy16, "114", "2026-01-10 20:00", "2026-01-11 12:00"),
    ],
}

M1 = "hotel_minor_with_unrelated_adult"
M2 = "hotel_minor_checkin_without_inquiry"


@pytest.fixture(scope="module")
def clues(tmp_path_factory):
    return run_case(tmp_path_factory.mktemp("hotels"), CASE, [M1, M2], AS_OF)


def keys(clues, model):
    return {k.split(":", 1)[1] for k, c in clues.items() if c["model_id"] == model}


def test_model1_raises_exactly_the_positive_cases(clues):
    assert keys(clues, M1) == {"HS-01", "HS-03", "HS-06", "HS-15", "HS-21", "HS-25"}


def test_model1_severity(clues):
    assert clues[f"{M1}:HS-01"]["severity"] == "red"      # under 14
    assert clues[f"{M1}:HS-03"]["severity"] == "red"      # the stranger shares with two minors in 90 days
    assert clues[f"{M1}:HS-06"]["severity"] == "red"
    assert clues[f"{M1}:HS-15"]["severity"] == "orange"    # 17, an adult seen with no other minor
    assert clues[f"{M1}:HS-21"]["severity"] == "red"       # stranger2 is with three minors in Feb–Mar
    assert clues[f"{M1}:HS-25"]["severity"] == "red"      # same stranger again, 2026-06-20, within 90 days of HS-06


def test_model1_evidence_and_subjects(clues):
    c = clues[f"{M1}:HS-03"]
    ev = {(e["dataset"], e["record_id"]) for e in c["evidence"]}
    assert ev == {("hotel_stays", "HS-03"), ("hotel_stays", "HS-04"), ("hotel_stays", "HS-05")}
    roles = {s["role"]: s for s in c["subjects"]}
    assert roles["minor"]["name_masked"] == "赵某" and roles["adult"]["name_masked"] == "李某"
    assert roles["hotel"]["org_code"] == HOTEL
    assert roles["minor"]["person_id"].startswith("T:")
    assert "赵晓" not in c["summary_zh"] and girl15.id not in str(c)
    # Nothing recorded, nothing reported: a procuratorial suggestion as well.
    assert c["actions"] == ["criminal_case_supervision", "procuratorial_suggestion"]


def test_model1_hotel_that_did_its_duty_gets_no_suggestion(clues):
    assert clues[f"{M1}:HS-25"]["actions"] == ["criminal_case_supervision"]


def test_model2_one_clue_per_hotel_and_quarter(clues):
    # Q1: HS-01, HS-03(with mother → not), HS-06 is Q2, HS-08 household → not, HS-15, HS-21, HS-27.
    assert keys(clues, M2) == {f"{HOTEL}|2026-Q1", f"{HOTEL}|2026-Q2"}
    q1 = clues[f"{M2}:{HOTEL}|2026-Q1"]
    ev = {e["record_id"] for e in q1["evidence"]}
    assert ev == {"HS-01", "HS-15", "HS-21", "HS-27"}
    assert q1["severity"] == "orange"
    q2 = clues[f"{M2}:{HOTEL}|2026-Q2"]
    assert {e["record_id"] for e in q2["evidence"]} == {"HS-06"}
    assert q2["severity"] == "yellow"
