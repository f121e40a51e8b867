"""The edge-case bundle: every hand-written model case of tests/models, plus a few more.

The model tests check each model's expected answers on DuckDB; here the same rows (and
extra edges where an engine could read SQL differently) only have to give identical
clues on both engines. The cases are merged into one bundle, each case's record ids
prefixed with its name, so that one ingest and one run per engine cover them all.
"""

from __future__ import annotations

import datetime as dt

from tests.models import test_children, test_hotels, test_pregnancy, test_venues_staff, test_violence_jobs
from tests.models.cases import Person, bad_check

AS_OF = "2026-06-30"
HOTEL, VENUE, HOSPITAL = "91340200MA2N0EDGE1", "91340200MA2N0EDGE2", "12340200MB0EDGE003"


def _extra_case() -> dict[str, list[dict]]:
    """Edges the model tests do not pin down, chosen where SQL spellings differ by engine."""
    leap14 = Person("闰十四", "2012-02-29", "F")    # 14 full years on 2026-03-01, not on 02-28
    leap18 = Person("闰十八", "2008-02-29", "M")    # 18 full years on 2026-03-01
    turns14 = Person("满十四", "2012-06-15", "F")    # 14th birthday 2026-06-15
    kid = Person("欧阳·小", "2015-12-31", "F")      # a middle dot in the name
    adult = Person("成年", "1990-01-01", "M")
    visits = [
        ("EV-1", leap18, "2026-02-28 23:59"), ("EV-2", leap18, "2026-03-01 00:00"),
        # Month edges: the last second of March and the first of April are different keys.
        ("EV-3", kid, "2026-03-31 23:59:59"), ("EV-4", kid, "2026-04-01 00:00:00"),
    ]
    medical = [
        ("EM-1", leap14, "2026-02-28 10:00", "Z33.1", ""), ("EM-2", leap14, "2026-03-01 10:00", "O80", ""),
        ("EM-3", turns14, "2026-06-15 23:59", "", "孕12周"), ("EM-4", turns14, "2026-06-16 00:01", "O80", ""),
        # A negation of one word does not hide a positive of another.
        ("EM-5", kid, "2026-05-05 10:00", "", "否认怀孕，早孕反应"),
        ("EM-6", kid, "2026-05-06 10:00", " o80 ; j06.9 ", "无流产史"),
    ]
    stays = [
        # Quarter edge (model 2): 31 March and 1 April are different quarters.
        ("ES-1", kid, "101", "2026-03-31 23:30", "2026-04-01 08:00"),
        ("ES-2", kid, "102", "2026-04-01 00:00", "2026-04-01 09:00"),
        # A stay with no checkout is open to the end of as_of: it overlaps a stay that starts then.
        ("ES-3", kid, "103", "2026-06-30 22:00", ""),
        ("ES-4", adult, " 103 ", "2026-06-30 23:59", "2026-07-01 08:00"),
        ("ES-5", leap18, "104", "2026-02-28 21:00", "2026-03-01 09:00"),
        ("ES-6", adult, "104", "2026-02-28 22:00", "2026-03-01 07:00"),
    ]
    return {
        "residents": [p.resident(f"ER-{i}") for i, p in enumerate([leap14, leap18, turns14, kid, adult])],
        "venue_visits": [{"record_id": r, "venue_org_code": VENUE, "venue_name": "边界网吧", "venue_type": "internet_cafe",
                          "id_number": p.id, "name": p.name, "entered_at": at} for r, p, at in visits],
        "medical_visits": [{"record_id": r, "hospital_org_code": HOSPITAL, "hospital_name": "边界医院",
                            "id_number": p.id, "name": p.name, "visit_at": at, "diagnosis_codes": codes,
                            "diagnosis_text": text} for r, p, at, codes, text in medical],
        "hotel_stays": [{"record_id": r, "hotel_org_code": HOTEL, "hotel_name": "边界宾馆", "room_number": room,
                         "id_number": p.id if r != "ES-2" else bad_check(p.id), "name": p.name,
                         "gender": p.gender, "birth_on": p.born, "checkin_at": cin, "checkout_at": cout,
                         "guardian_contact_recorded": "", "relationship_recorded": "false",
                         "reported_to_police": "false"} for r, p, room, cin, cout in stays],
    }


CASES = {
    "hotels": test_hotels.CASE,
    "pregnancy": test_pregnancy.CASE,
    "venues": test_venues_staff.CASE,
    "violence": test_violence_jobs.CASE,
    "children": test_children.build_case(),
    "edges": _extra_case(),
}


def _prefixed(case_name: str, row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if (key == "record_id" or key.endswith("_record_id")) and value:
            value = f"{case_name}/{value}"
        out[key] = value
    return out


def edge_bundle() -> dict[str, list[dict]]:
    """All cases in one bundle (dataset → rows), record ids made unique per case."""
    merged: dict[str, list[dict]] = {}
    for name, case in CASES.items():
        for dataset, rows in case.items():
            merged.setdefault(dataset, []).extend(_prefixed(name, r) for r in rows)
    return merged


AS_OF_DATES = [dt.date.fromisoformat(AS_OF)]
