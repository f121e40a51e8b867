"""A generator of clue records in the shape of docs/clue-record.md, for tests and load checks.

Deterministic for a seed; identities are synthetic and already masked, as the engine writes them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from rightswatch.platform.clues.catalogue import MODEL_NAMES

REGIONS = ["340202", "340203", "340207", "340208", "340221"]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
RECIPIENTS = {
    "hotel_minor_with_unrelated_adult": ["public_security"],
    "domestic_violence_without_warning": ["public_security", "womens_federation"],
    "child_witness_of_domestic_violence": ["womens_federation", "civil_affairs"],
    "compulsory_education_out_of_school": ["education"],
    "recruitment_gender_discrimination": ["human_resources"],
}


def record(i: int, rng: random.Random | None = None, *, region_code: str | None = None,
           model_id: str | None = None) -> dict:
    rng = rng or random.Random(i)
    model_id = model_id or rng.choice(sorted(MODEL_NAMES))
    region = region_code or rng.choice(REGIONS)
    event_on = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 180))
    record_id = f"R-{i:07d}"
    minor_surname, adult_surname = rng.choice(SURNAMES), rng.choice(SURNAMES)
    id_masked = f"{region}********{rng.randrange(1000, 9999)}"
    severity = rng.choice(["red", "orange", "yellow"])
    recipients = RECIPIENTS.get(model_id, ["public_security"])
    return {
        "model_id": model_id,
        "model_version": "1.0.0",
        "clue_key": f"{model_id}:{record_id}",
        "severity": severity,
        "legal_basis": ["未成年人保护法 第十一条"],
        "recipients": recipients,
        "actions": ["procuratorial_suggestion"],
        "action": "procuratorial_suggestion",
        "summary_zh": f"未成年人{minor_surname}某（{id_masked}）与成年人{adult_surname}某相关的线索（记录 {record_id}）。",
        "summary_en": f"Clue concerning minor {minor_surname} ({id_masked}) and adult {adult_surname} (record {record_id}).",
        "region_code": region,
        "event_on": event_on.isoformat(),
        "as_of": "2026-06-30",
        "subjects": [
            {"role": "minor", "kind": "person", "person_id": f"T:{rng.getrandbits(128):032x}", "link_method": "id",
             "link_probability": 1.0, "name_masked": f"{minor_surname}某", "id_masked": id_masked,
             "birth_on": "2012-05-01", "gender": "F", "rows": [{"dataset": "hotel_stays", "record_id": record_id}]},
            {"role": "adult", "kind": "person", "person_id": f"T:{rng.getrandbits(128):032x}",
             "link_method": "name_birth_gender", "link_probability": 0.97, "name_masked": f"{adult_surname}某",
             "id_masked": f"{region}********{rng.randrange(1000, 9999)}", "rows": []},
        ],
        "evidence": [{"dataset": "hotel_stays", "record_id": record_id, "note": "minor's stay"},
                     {"dataset": "offense_records", "record_id": f"OR-{i:07d}", "sealed": True}],
        "sealed_evidence": True,
        "status": "detected",
        "first_detected_run": "run-20260630-000000",
        "last_detected_run": "run-20260630-000000",
    }


def records(n: int, seed: int = 7, **kw) -> list[dict]:
    rng = random.Random(seed)
    return [record(i, rng, **kw) for i in range(1, n + 1)]
