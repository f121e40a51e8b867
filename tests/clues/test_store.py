"""The clue store: re-runs merge, lost clues are kept as not re-detected, failures change nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rightswatch.clues.store import ClueStore
from rightswatch.engine.session import run_and_store
from rightswatch.ingest import Workspace, ingest_path
from tests.models.cases import Person, write_bundle

AS_OF = dt.date(2026, 6, 30)
HOTEL, CAFE = "91340200MA2N0AAAA1", "91340200MA2N0CAFE1"
girl, man, man2 = Person("张小花", "2013-01-01", "F"), Person("李大强", "1980-01-01", "M"), Person("王五", "1979-01-01", "M")


def stay(rid, p, cin, cout):
    return {"record_id": rid, "hotel_org_code": HOTEL, "room_number": "101", "id_number": p.id, "name": p.name,
            "checkin_at": cin, "checkout_at": cout}


VISIT = {"record_id": "VV-1", "venue_org_code": CAFE, "venue_type": "internet_cafe", "id_number": girl.id,
         "name": girl.name, "entered_at": "2026-05-01 10:00"}
HOTEL_MODELS = ["hotel_minor_with_unrelated_adult"]
MODELS = HOTEL_MODELS + ["venue_admits_minor"]


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("store")
    ingest_path(write_bundle(tmp / "b1", {
        "hotel_stays": [stay("HS-1", girl, "2026-03-01 20:00", "2026-03-02 12:00"),
                        stay("HS-2", man, "2026-03-01 21:00", "2026-03-02 09:00")],
        "venue_visits": [VISIT]}), tmp / "ws")
    ws = Workspace(tmp / "ws")
    first = run_and_store(ws, AS_OF, MODELS)
    after_first = ClueStore(ws.root).clues()
    # New data: another adult in the girl's room; the café visit corrected to an arcade.
    ingest_path(write_bundle(tmp / "b2", {
        "hotel_stays": [stay("HS-3", man2, "2026-03-01 22:00", "2026-03-02 08:00")],
        "venue_visits": [dict(VISIT, venue_type="game_arcade")]}), tmp / "ws")
    second = run_and_store(ws, AS_OF, MODELS)
    after_second = {c["clue_key"]: c for c in ClueStore(ws.root).clues()}
    third = run_and_store(ws, AS_OF, HOTEL_MODELS)
    return dict(ws=ws, first=first, second=second, third=third, after_first=after_first, after_second=after_second)


def test_first_run_stores_every_clue(history):
    keys = {c["clue_key"] for c in history["after_first"]}
    assert keys == {"hotel_minor_with_unrelated_adult:HS-1", f"venue_admits_minor:{CAFE}|2026-05"}
    assert all(c["status"] == "detected" for c in history["after_first"])


def test_rerun_updates_the_clue_and_adds_evidence(history):
    c = history["after_second"]["hotel_minor_with_unrelated_adult:HS-1"]
    assert {e["record_id"] for e in c["evidence"]} == {"HS-1", "HS-2", "HS-3"}
    assert {s["name_masked"] for s in c["subjects"] if s["role"] == "adult"} == {"李某", "王某"}
    assert c["first_detected_run"] == history["first"].run_id
    assert c["last_detected_run"] == history["second"].run_id
    assert c["status"] == "detected"


def test_a_clue_not_found_again_is_kept_and_marked(history):
    c = history["after_second"][f"venue_admits_minor:{CAFE}|2026-05"]
    assert c["status"] == "not_redetected"
    assert c["last_detected_run"] == history["first"].run_id
    assert history["second"].store_outcome == {"new": 0, "updated": 1, "not_redetected": 1}


def test_models_that_did_not_run_are_untouched(history):
    store = ClueStore(history["ws"].root)
    venue = store.clues(model_id="venue_admits_minor")
    assert venue[0]["status"] == "not_redetected" and len(venue) == 1
    runs = store.runs()
    assert [r["run_id"] for r in runs] == [history[k].run_id for k in ("first", "second", "third")]
    assert runs[2]["models"] == {"hotel_minor_with_unrelated_adult": "1.0.0"}
    assert runs[0]["counts"]["clues"] == {"hotel_minor_with_unrelated_adult": 1, "venue_admits_minor": 1}


def test_a_failed_merge_leaves_the_store_as_it_was(history, tmp_path):
    store = ClueStore(history["ws"].root)
    before = store.clues()
    runs_before = store.runs()
    broken = [dict(before[0], clue_key="x:new"), {"clue_key": "x:broken", "model_id": "x"}]  # second lacks fields
    with pytest.raises(KeyError):
        store.record_run("run-broken", AS_OF, {"x": "1"}, dt.datetime.now(), broken)
    assert store.clues() == before and store.runs() == runs_before


def test_store_holds_no_raw_identity(history):
    text = json.dumps(ClueStore(history["ws"].root).clues(), ensure_ascii=False)
    for p in (girl, man, man2):
        assert p.id not in text and p.name not in text
