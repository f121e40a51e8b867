"""Models 6, 13, 15, 16, 17, 18, 19 (issue 7), each edge MODELS.md names, hand-written."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.models.cases import Person, run_case

AS_OF = "2026-06-30"
D = dt.date.fromisoformat


def days(d: str, n: int) -> str:
    return (D(d) + dt.timedelta(days=n)).isoformat()


# -- 15 child labour -------------------------------------------------------------------
w16 = Person("童工甲", "2009-04-01", "M")   # 16th birthday 2025-04-01
staff = [
    {"record_id": "SR-1", "org_code": "91340200MA2N0FACT1", "org_type": "other", "id_number": w16.id, "name": w16.name,
     "hired_on": "2025-04-01"},                                      # on the 16th birthday: still 15 → clue
    {"record_id": "SR-2", "org_code": "91340200MA2N0FACT1", "org_type": "other", "id_number": w16.id, "name": w16.name,
     "hired_on": "2025-04-02"},                                      # the day after: 16 → no
    {"record_id": "SR-3", "org_code": "52340200MJ0SPORT1", "org_type": "youth_sports", "id_number": w16.id,
     "name": w16.name, "hired_on": "2024-04-01"},                    # sports unit → no
    {"record_id": "SR-4", "org_code": "91340200MA2N0FACT1", "org_type": "hotel", "id_number": w16.id, "name": w16.name,
     "hired_on": "2024-05-01", "left_on": "2024-08-01"},             # past employment → clue
]

# -- 17 juvenile record -------------------------------------------------------------------
j = Person("少年乙", "2005-03-10", "M")   # 18th birthday 2023-03-10


def offense(rid, on, months, sealed="false", kind="criminal_judgment"):
    return {"record_id": rid, "id_number": j.id, "name": j.name, "category": "theft", "decision_type": kind,
            "offense_on": on, "sentence_months": months, "decided_on": "2024-01-01", "sealed": sealed}


offenses = [
    offense("OR-1", "2023-03-10", 60),              # on the 18th birthday, 60 months → clue
    offense("OR-2", "2023-03-11", 12),              # the day after → no
    offense("OR-3", "2022-01-01", 61),              # over five years → no
    offense("OR-4", "2022-01-01", 0, sealed="true"),
    offense("OR-5", "2022-01-01", None, kind="administrative_penalty"),
    offense("OR-6", "2022-01-01", 0),               # no custodial sentence → clue
]

# -- 19 unregistered child, 6 child mother ---------------------------------------------------
mum = Person("母丙", "1995-01-01", "F", household="H-9")
twin_home = Person("孩丁", days(AS_OF, -200), "F", household="H-9")   # registered in the mother's household
registered = Person("孩戊", days(AS_OF, -300), "M")
young = Person("母己", "2011-03-01", "F")      # 14th birthday 2025-03-01
older = Person("母庚", "2011-02-28", "F")      # 14th birthday 2025-02-28
victim_mum = Person("母辛", "2011-03-01", "F")
convicted_mum = Person("母壬", "2011-03-01", "F")
father = Person("父癸", "1990-01-01", "M")
convicted_father = Person("父子", "1991-01-01", "M")
conceived_b = days("2025-03-01", 259)          # conception on her 14th birthday (39 weeks → 259 days)


def birth(rid, born, mother, child=None, father_p=None, weeks=None):
    row = {"record_id": rid, "child_birth_on": born, "mother_id_number": mother.id, "mother_name": mother.name,
           "gestation_weeks": weeks}
    if child:
        row.update(child_id_number=child.id, child_name=child.name)
    if father_p:
        row.update(father_id_number=father_p.id, father_name=father_p.name)
    return row


births = [
    birth("BC-1", days(AS_OF, -91), mum),                       # 91 days, unregistered → clue (19)
    birth("BC-2", days(AS_OF, -90), mum),                       # 90 days → no
    birth("BC-3", twin_home.born, mum),                         # a household member born that day → no
    birth("BC-4", registered.born, mum, child=registered),      # registered by number → no
    birth("BC-5", conceived_b, young, father_p=father),         # model 6: under 14 at conception → clue
    birth("BC-6", conceived_b, older),                          # 14 the day before conception → no
    birth("BC-7", conceived_b, victim_mum),                     # already a sexual-assault victim → no
    birth("BC-8", conceived_b, convicted_mum, father_p=convicted_father),   # father convicted → no
]

# -- 13 child witness, 18 judicial aid --------------------------------------------------------
wife = Person("妻甲", "1990-01-01", "F", household="H-5")
husband = Person("夫乙", "1988-01-01", "M", household="H-5")
kid = Person("子丙", "2015-01-01", "M", household="H-5")
present = Person("在场丁", "2014-01-01", "F")
man = Person("男戊", "1980-01-01", "M")
boy = Person("男童己", "2012-01-01", "M")


def incident(rid, on, category, disposition):
    return {"record_id": rid, "reported_at": f"{on} 20:00", "category": category, "disposition": disposition}


def party(rid, inc, p, role, with_birth=True):
    row = {"record_id": rid, "incident_record_id": inc, "id_number": p.id if p else "", "name": p.name if p else "某某",
           "role": role}
    if not with_birth:
        row["id_number"] = ""
    return row


incidents = [
    incident("PI-1", "2026-01-10", "domestic_violence", "mediated"),        # household child → clue (13)
    incident("PI-2", "2026-01-11", "domestic_violence", "warning_letter"),  # warned → no
    incident("PI-3", "2026-01-12", "domestic_violence", "no_action"),       # child present of unknown age → clue
    incident("PI-4", "2026-02-01", "other", "case_filed"),                  # model 18 cases
]
parties = [
    party("IP-1", "PI-1", wife, "victim"), party("IP-2", "PI-1", husband, "suspect"),
    party("IP-3", "PI-2", wife, "victim"), party("IP-4", "PI-2", husband, "suspect"),
    party("IP-5", "PI-2", present, "child_present"),
    party("IP-6", "PI-3", man, "victim"), party("IP-7", "PI-3", None, "child_present", with_birth=False),
    party("IP-8", "PI-4", wife, "victim"),      # woman with a benefit → clue (18)
    party("IP-9", "PI-4", man, "victim"),       # adult man with a benefit → no
    party("IP-10", "PI-4", boy, "victim"),      # boy with a disability → clue
    party("IP-11", "PI-4", present, "victim"),  # girl whose benefit ended before → no
]
benefits = [
    {"record_id": "WB-1", "id_number": wife.id, "name": wife.name, "benefit_type": "minimum_living",
     "start_on": "2025-01-01", "end_on": "2026-02-01"},
    {"record_id": "WB-2", "id_number": man.id, "name": man.name, "benefit_type": "minimum_living", "start_on": "2025-01-01"},
    {"record_id": "WB-3", "id_number": present.id, "name": present.name, "benefit_type": "disadvantaged",
     "start_on": "2025-01-01", "end_on": "2026-01-31"},
]
disabilities = [{"record_id": "DS-1", "id_number": boy.id, "name": boy.name, "grade": 3, "registered_on": "2026-02-01"}]

# -- 16 venue near school -------------------------------------------------------------------
LAT, LON = 31.3000, 118.4000
M_PER_DEG = 111_195.08   # 2πR / 360 with R = 6371008.8 m


def org(rid, code, kind, north_m, licence="valid"):
    return {"record_id": rid, "org_code": code, "org_type": kind, "licence_status": licence,
            "lat": LAT + north_m / M_PER_DEG, "lon": LON}


orgs = [
    org("OG-1", "52340200MJ0SCHOOL1", "primary_school", 0),
    org("OG-2", "91340200MA2N0NEAR1", "internet_cafe", 150),          # 150 m → orange
    org("OG-3", "91340200MA2N0NEAR2", "bar", 40),                     # 40 m → red
    org("OG-4", "91340200MA2N0FAR03", "ktv", -250),                   # 250 m → no
    org("OG-5", "91340200MA2N0EXPD4", "tattoo_parlor", 100, licence="expired"),
    org("OG-6", "91340200MA2N0EDGE5", "lottery_retailer", 199),       # 199 m → orange
    org("OG-7", "91340200MA2N0EDGE6", "tobacco_retailer", -201),      # 201 m → no
]

CASE = {
    "staff_rosters": staff, "offense_records": offenses + [
        {"record_id": "OR-9", "id_number": convicted_father.id, "name": convicted_father.name, "category": "rape",
         "decision_type": "criminal_judgment", "offense_on": days(conceived_b, -300), "decided_on": "2025-12-01"}],
    "residents": [mum.resident("R-1"), twin_home.resident("R-2"), registered.resident("R-3"),
                  wife.resident("R-4"), husband.resident("R-5"), kid.resident("R-6")],
    "births": births,
    "police_incidents": incidents + [incident("PI-9", "2025-12-01", "sexual_assault", "case_filed")],
    "incident_parties": parties + [party("IP-20", "PI-9", victim_mum, "victim")],
    "welfare_benefits": benefits, "disabilities": disabilities, "organisations": orgs,
}

MODELS = ["birth_to_child_mother", "child_witness_of_domestic_violence", "child_labour", "venue_near_school",
          "juvenile_record_not_sealed", "victim_eligible_for_judicial_aid", "unregistered_child"]


@pytest.fixture(scope="module")
def clues(tmp_path_factory):
    return run_case(tmp_path_factory.mktemp("rest"), CASE, MODELS, AS_OF)


def got(clues, model):
    return {k.split(":", 1)[1]: c["severity"] for k, c in clues.items() if c["model_id"] == model}


def test_child_labour(clues):
    assert got(clues, "child_labour") == {"SR-1": "red", "SR-4": "red"}


def test_juvenile_record_not_sealed(clues):
    assert set(got(clues, "juvenile_record_not_sealed")) == {"OR-1", "OR-6"}


def test_unregistered_child(clues):
    # BC-5..8 (the model 6 births, 227 days old, no residents row) are unregistered as well.
    assert set(got(clues, "unregistered_child")) == {"BC-1", "BC-5", "BC-6", "BC-7", "BC-8"}


def test_birth_to_child_mother(clues):
    assert set(got(clues, "birth_to_child_mother")) == {"BC-5"}
    roles = {s["role"] for s in clues["birth_to_child_mother:BC-5"]["subjects"]}
    assert roles == {"minor", "suspect"}      # the adult father is a suspect; the newborn is no subject


def test_child_witness(clues):
    assert set(got(clues, "child_witness_of_domestic_violence")) == {"PI-1", "PI-3"}


def test_judicial_aid(clues):
    assert set(got(clues, "victim_eligible_for_judicial_aid")) == {"IP-8", "IP-10"}
    roles = {s["role"] for s in clues["victim_eligible_for_judicial_aid:IP-10"]["subjects"]}
    assert roles == {"minor"}


def test_venue_near_school(clues):
    assert got(clues, "venue_near_school") == {"91340200MA2N0NEAR1": "orange", "91340200MA2N0NEAR2": "red",
                                               "91340200MA2N0EDGE5": "orange"}
