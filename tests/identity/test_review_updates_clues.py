"""Issue 5: a clue whose evidence changes because of a review is updated in place.

End to end on a real workspace: a tiny synthetic city plus one planted girl under 14
seen twice at one hospital for a pregnancy, never reported. The first visit carries her
valid identity number; the second only her name and birth date, so only the
probabilistic person index ties it to her. Model 5 (minor_pregnancy_not_reported) keys
one clue per girl and hospital by her earliest visit.

- linked by Splink, the second visit is evidence of the first visit's clue, and the
  clue's subject shows the probabilistic link (method and probability);
- an analyst splits the second visit off: the next run updates the same clue (same key,
  same first run) and keeps the second visit as evidence marked `not_redetected`; the
  visit becomes a clue of its own about an unlinked patient;
- an analyst confirms the pair: the next run completes the clue again (method `review`,
  probability 1) and the visit's own clue is kept, marked `not_redetected`;
- a rejection and a full rebuild of the index: the decision still binds.

Real DuckDB, real Splink, real vault, real clue store. No clue is ever deleted.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from rightswatch.clues.store import ClueStore
from rightswatch.engine.session import run_and_store
from rightswatch.identity.linkage.build import build_person_index
from rightswatch.identity.linkage.review import ReviewQueue
from rightswatch.identity.linkage.settings import Thresholds
from rightswatch.identity.tokens import person_token
from rightswatch.ingest import Workspace, ingest_path
from rightswatch.synth import generate_bundle
from tests.models.cases import idn

THRESHOLDS = Thresholds(high=0.995, low=0.80, unique=0.95)
MODEL = "minor_pregnancy_not_reported"
KEY_1, KEY_2 = f"{MODEL}:MV-R-1", f"{MODEL}:MV-R-2"
NAME, BORN = "欧阳翠萍", "2013-04-05"


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    root = tmp_path_factory.mktemp("review-clues")
    bundle, workspace = root / "bundle", root / "workspace"
    generate_bundle(str(bundle), scale="tiny", seed=11)
    with open(bundle / "medical_visits.csv", encoding="utf-8") as f:
        hospital = next(csv.DictReader(f))
    number = idn(BORN, "F", region="340207", seq=46)
    extra = root / "extra"
    extra.mkdir()
    with open(extra / "medical_visits.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "hospital_org_code", "hospital_name", "region_code", "id_number", "name", "gender",
                    "birth_on", "visit_at", "department", "diagnosis_codes", "diagnosis_text"])
        common = [hospital["hospital_org_code"], hospital["hospital_name"], "340207"]
        w.writerow(["MV-R-1", *common, number, NAME, "F", BORN, "2026-03-01 09:00", "妇产科", "O02.1", "早孕"])
        # The same girl two weeks later, recorded by name and birth date only.
        w.writerow(["MV-R-2", *common, "", NAME, "F", BORN, "2026-03-15 10:00", "妇产科", "O20.0", "先兆流产"])
    ingest_path(bundle, workspace)
    ingest_path(extra / "medical_visits.csv", workspace)
    build_person_index(workspace, who="test", thresholds=THRESHOLDS)
    as_of = dt.date.fromisoformat((bundle / "as_of.txt").read_text().strip())
    return {"ws": Workspace(workspace), "root": workspace, "as_of": as_of, "girl": f"T:{person_token(number)}"}


def _run(city) -> tuple[str, dict[str, dict]]:
    summary = run_and_store(city["ws"], city["as_of"], [MODEL])
    clues = {c["clue_key"]: c for c in ClueStore(city["root"]).clues(model_id=MODEL)}
    return summary.run_id, clues


def _evidence(clue: dict) -> dict[str, bool]:
    """record_id → still found (False when kept but marked not re-detected)."""
    return {e["record_id"]: not e.get("not_redetected") for e in clue["evidence"]}


def _minor(clue: dict, person_id: str | None = None) -> dict:
    minors = [s for s in clue["subjects"] if s["role"] == "minor" and not s.get("not_redetected")]
    if person_id:
        minors = [s for s in minors if s["person_id"] == person_id]
    assert len(minors) == 1
    return minors[0]


def test_a_review_updates_the_clue_in_place_and_back(city):
    queue = ReviewQueue(city["root"], THRESHOLDS)
    girl = city["girl"]
    visit_2 = queue.node_of("medical_visits", "MV-R-2")
    assert queue.person_of("medical_visits", "MV-R-2") == girl  # linked by Splink, no number on the row

    # 1. The probabilistic link completes the clue: both visits, one girl.
    first_run, clues = _run(city)
    keys_after_first = set(clues)
    assert KEY_2 not in clues
    clue = clues[KEY_1]
    assert _evidence(clue) == {"MV-R-1": True, "MV-R-2": True}
    minor = _minor(clue, girl)
    # The clue rests on a probabilistic link, and shows it.
    assert minor["link_method"] in ("splink", "splink_unique")
    assert THRESHOLDS.unique <= minor["link_probability"] < 1.0
    assert {r["record_id"] for r in minor["rows"]} == {"MV-R-1", "MV-R-2"}

    # 2. An analyst splits the second visit off the girl. The next run updates the same
    # clue in place; the visit stays as evidence, marked, and becomes a clue of its own.
    queue.split(girl, [visit_2], who="analyst-a", reason="another patient of the same name")
    assert queue.person_of("medical_visits", "MV-R-2") != girl
    second_run, clues = _run(city)
    clue = clues[KEY_1]
    assert clue["first_detected_run"] == first_run and clue["last_detected_run"] == second_run
    assert clue["status"] == "detected"
    assert _evidence(clue) == {"MV-R-1": True, "MV-R-2": False}
    minor = _minor(clue, girl)
    assert minor["link_method"] == "id" and minor["link_probability"] == 1.0
    assert {r["record_id"]: not r.get("not_redetected") for r in minor["rows"]} == {"MV-R-1": True, "MV-R-2": False}
    alone = clues[KEY_2]
    assert alone["first_detected_run"] == second_run and _evidence(alone) == {"MV-R-2": True}
    assert _minor(alone)["person_id"].startswith("U:") and _minor(alone)["link_method"] == "unlinked"

    # 3. The reverse: another analyst confirms the pair. The clue is complete again, the
    # link shown as a reviewer's; the visit's own clue is kept, marked not re-detected.
    queue.decide((visit_2, girl), "confirm", who="analyst-b", reason="same mother on the paper file")
    third_run, clues = _run(city)
    clue = clues[KEY_1]
    assert clue["first_detected_run"] == first_run and clue["last_detected_run"] == third_run
    assert _evidence(clue) == {"MV-R-1": True, "MV-R-2": True}
    minor = _minor(clue, girl)
    assert (minor["link_method"], minor["link_probability"]) == ("review", 1.0)
    assert clues[KEY_2]["status"] == "not_redetected" and clues[KEY_2]["first_detected_run"] == second_run

    # 4. A rejection binds the next full (privileged) rebuild and the run after it.
    queue.decide((visit_2, girl), "reject", who="analyst-c", reason="checked again: different girl")
    build_person_index(city["root"], who="test", thresholds=THRESHOLDS)
    fourth_run, clues = _run(city)
    assert _evidence(clues[KEY_1]) == {"MV-R-1": True, "MV-R-2": False}
    assert clues[KEY_2]["status"] == "detected" and clues[KEY_2]["first_detected_run"] == second_run
    assert clues[KEY_2]["last_detected_run"] == fourth_run

    # Nothing was ever deleted (the city's own clues included), and who changed the link is on record.
    assert set(keys_after_first) | {KEY_2} == set(clues)
    history = queue.history("medical_visits", "MV-R-2")
    assert [h["who"] for h in history if h["kind"] == "review"] == ["analyst-a", "analyst-b", "analyst-c"]


def test_the_clue_store_never_holds_the_girls_name_or_number(city):
    _, clues = _run(city)  # the store exists and holds her clue whichever test ran first
    assert any(s.get("person_id") == city["girl"] for c in clues.values() for s in c["subjects"])
    text = Path(city["root"] / "clues" / "clues.duckdb").read_bytes()
    assert NAME.encode() not in text
    assert idn(BORN, "F", region="340207", seq=46).encode() not in text
