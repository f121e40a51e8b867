"""Models 3 (venues admitting minors) and 4 (barred persons in child-contact posts)."""

from __future__ import annotations

import pytest

from tests.models.cases import Person, run_case

AS_OF = "2026-06-30"
CAFE, KTV, ARCADE = "91340200MA2N0CAFE1", "91340200MA2N0KTVV2", "91340200MA2N0ARCD3"
SCHOOL, HOTEL = "52340200MJ0SCHOOL1", "91340200MA2N0HOTL4"

minors = [Person(f"王{i}", f"2011-0{1 + i % 9}-1{i % 10}", "M") for i in range(10)]
bday = Person("吴生", "2008-05-20", "F")    # 18th birthday 2026-05-20: still a minor that day
adult = Person("郑成", "2008-05-19", "F")   # reached 18 on 2026-05-20
leap = Person("陈闰", "2008-02-29", "M")    # 18 full years on 2026-03-01


def visit(rid, person, venue, vtype, at):
    return {"record_id": rid, "venue_org_code": venue, "venue_name": "测试场所", "venue_type": vtype,
            "id_number": person.id, "name": person.name, "entered_at": at}


VISITS = (
    # 10 distinct minors in May at the café → red.
    [visit(f"VV-C{i}", p, CAFE, "internet_cafe", f"2026-05-{10 + i} 19:00") for i, p in enumerate(minors)]
    + [visit("VV-C10", minors[0], CAFE, "internet_cafe", "2026-05-30 19:00"),
       visit("VV-K1", bday, KTV, "ktv", "2026-05-20 22:00"),         # on the birthday: counts
       visit("VV-K2", adult, KTV, "ktv", "2026-05-20 22:00"),        # day after: does not
       visit("VV-K3", leap, KTV, "ktv", "2026-02-28 22:00"),         # 28 Feb: still 17
       visit("VV-K4", leap, KTV, "ktv", "2026-03-01 22:00"),         # 1 Mar: 18
       visit("VV-A1", minors[1], ARCADE, "game_arcade", "2026-05-12 19:00"),
       visit("VV-A2", minors[2], ARCADE, "other_entertainment", "2026-05-12 19:00")]
    + [visit(f"VV-C2{i}", p, CAFE, "internet_cafe", f"2026-06-0{1 + i} 19:00") for i, p in enumerate(minors[:3])]
)

teacher = Person("黄师", "1980-01-01", "M")
guard = Person("林保", "1975-01-01", "M")
cook = Person("何厨", "1979-01-01", "F")
left = Person("罗离", "1981-01-01", "M")
hotel_clerk = Person("高前", "1983-01-01", "M")
thief = Person("梁偷", "1984-01-01", "M")
sealed_one = Person("宋封", "2000-01-01", "M")
future = Person("唐后", "1986-01-01", "M")


def post(rid, person, org, org_type, hired, left_on=None):
    return {"record_id": rid, "org_code": org, "org_name": "测试单位", "org_type": org_type,
            "id_number": person.id, "name": person.name, "hired_on": hired, "left_on": left_on}


def offense(rid, person, category, decided, sealed="false"):
    return {"record_id": rid, "id_number": person.id, "name": person.name, "category": category,
            "decision_type": "criminal_judgment", "decided_on": decided, "sealed": sealed}


CASE = {
    "venue_visits": VISITS,
    "staff_rosters": [
        post("SR-1", teacher, SCHOOL, "primary_school", "2020-09-01"),
        post("SR-2", guard, SCHOOL, "kindergarten", "2021-09-01", "2026-07-31"),   # still employed on as_of
        post("SR-3", cook, SCHOOL, "youth_sports", "2022-09-01"),
        post("SR-4", left, SCHOOL, "primary_school", "2019-09-01", "2026-06-29"),  # left before as_of
        post("SR-5", hotel_clerk, HOTEL, "hotel", "2019-09-01"),
        post("SR-6", thief, SCHOOL, "training_institution", "2019-09-01"),
        post("SR-7", sealed_one, SCHOOL, "secondary_school", "2024-09-01"),
        post("SR-8", future, SCHOOL, "child_welfare", "2024-09-01"),
        post("SR-9", left, SCHOOL, "primary_school", "2026-06-30", "2026-06-30"),  # left on as_of: not employed
    ],
    "offense_records": [
        offense("OR-1", teacher, "indecency", "2015-03-01"),
        offense("OR-2", guard, "intentional_injury", "2016-03-01"),
        offense("OR-3", cook, "abuse_of_ward", "2017-03-01"),
        offense("OR-4", left, "rape", "2010-03-01"),
        offense("OR-5", hotel_clerk, "rape", "2010-03-01"),
        offense("OR-6", thief, "theft", "2018-03-01"),
        offense("OR-7", sealed_one, "child_sexual_abuse", "2017-03-01", sealed="true"),
        offense("OR-8", future, "robbery", "2026-07-01"),                        # decided after as_of
    ],
}

M3, M4 = "venue_admits_minor", "barred_person_in_child_contact_post"


@pytest.fixture(scope="module")
def clues(tmp_path_factory):
    return run_case(tmp_path_factory.mktemp("venues"), CASE, [M3, M4], AS_OF)


def test_model3_keys_and_severity(clues):
    got = {k.split(":", 1)[1]: c["severity"] for k, c in clues.items() if c["model_id"] == M3}
    assert got == {f"{CAFE}|2026-05": "red", f"{CAFE}|2026-06": "orange", f"{KTV}|2026-05": "yellow",
                   f"{KTV}|2026-02": "yellow"}


def test_model3_birthday_edges(clues):
    may = {e["record_id"] for e in clues[f"{M3}:{KTV}|2026-05"]["evidence"]}
    assert may == {"VV-K1"}
    assert f"{M3}:{KTV}|2026-03" not in clues


def test_model3_counts_distinct_minors(clues):
    cafe = clues[f"{M3}:{CAFE}|2026-05"]
    assert len(cafe["evidence"]) == 11
    assert len([s for s in cafe["subjects"] if s["role"] == "minor"]) == 10


def test_model4_keys_and_severity(clues):
    got = {k.split(":", 1)[1]: c["severity"] for k, c in clues.items() if c["model_id"] == M4}
    assert got == {"SR-1": "red", "SR-2": "orange", "SR-3": "orange", "SR-7": "red"}


def test_model4_sealed_record_shows_no_content(clues):
    c = clues[f"{M4}:SR-7"]
    assert c["sealed_evidence"] is True
    sealed = [e for e in c["evidence"] if e["dataset"] == "offense_records"]
    assert sealed == [{"dataset": "offense_records", "record_id": "OR-7", "sealed": True}]
    shown = str({k: v for k, v in c.items() if k != "legal_basis"})  # the basis names the rule, not the record
    assert "child_sexual_abuse" not in shown and "性侵" not in shown
    assert "封存" in c["summary_zh"] and "sealed" in c["summary_en"]


def test_model4_unsealed_summary_names_the_category(clues):
    assert "猥亵" in clues[f"{M4}:SR-1"]["summary_zh"]
    assert clues[f"{M4}:SR-1"]["sealed_evidence"] is False
