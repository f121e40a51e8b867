"""Issue 5, the valid-typo gap: a mistyped identity number whose check character was made
to fit (the check character alone catches every single slip) looks like another, valid person. The index never merges two valid numbers on
its own; it sends the pair to the review queue when the two numbers are one typing slip
apart (one character, or two adjacent characters transposed) under the same normalised
name. A confirmation makes the mistyped number's rows the registered person's; a
rejection keeps them apart for good.

Real DuckDB, real Splink, a real vault, on a tiny synthetic city with planted rows.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rightswatch.contract.normalise.idnumber import check_character
from rightswatch.identity.linkage.build import build_person_index
from rightswatch.identity.linkage.review import ReviewQueue
from rightswatch.identity.linkage.settings import Thresholds
from rightswatch.identity.tokens import person_token
from rightswatch.ingest import ingest_path
from rightswatch.synth import generate_bundle
from tests.identity.test_linkage import City, _residents

THRESHOLDS = Thresholds(high=0.995, low=0.80, unique=0.95)


def one_digit_typo(number: str) -> str:
    """One wrong sequence digit, the check character made to fit (as an entry form that
    refuses the number until the clerk "corrects" the last character leaves it)."""
    i = 15
    first17 = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1:17]
    return first17 + check_character(first17)


def transposition_typo(number: str) -> str | None:
    """Two adjacent digits of the birth date or sequence transposed, check character made to fit."""
    for i in range(10, 16):
        if number[i] != number[i + 1]:
            first17 = number[:i] + number[i + 1] + number[i] + number[i + 2:17]
            return first17 + check_character(first17)
    return None


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    root = tmp_path_factory.mktemp("valid-typo")
    bundle, workspace = root / "bundle", root / "workspace"
    generate_bundle(str(bundle), scale="tiny", seed=11)
    people = _residents(bundle)
    typo = (people[0], one_digit_typo(people[0]["number"]))
    rest = [p for p in people if p is not typo[0]]
    swap = next((p, t) for p in rest if (t := transposition_typo(p["number"])))
    rest = [p for p in rest if p is not swap[0]]
    other = (rest[0], one_digit_typo(rest[0]["number"]))
    twin = rest[1]
    with open(bundle / "medical_visits.csv", encoding="utf-8") as f:
        hospital = next(csv.DictReader(f))["hospital_org_code"]
    planted = {
        "MV-Y-1": (typo[0]["name"], typo[1], typo[0]),
        "MV-Y-2": (swap[0]["name"], swap[1], swap[0]),
        # The same slip under a different name: two people, not a typo.
        "MV-Y-3": (other[0]["name"][0] + "翠翠", other[1], other[0]),
    }
    extra = root / "extra"
    extra.mkdir()
    with open(extra / "medical_visits.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "hospital_org_code", "id_number", "name", "gender", "visit_at"])
        for rid, (name, number, person) in planted.items():
            w.writerow([rid, hospital, number, name, person["gender"], "2026-03-01 10:00"])
    # A second registered person of the same name, one digit apart: two residents, no typo.
    with open(extra / "residents.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "id_number", "name", "gender", "region_code", "status"])
        w.writerow(["RS-Y-4", one_digit_typo(twin["number"]), twin["name"], twin["gender"], "340202", "active"])
    planted["RS-Y-4"] = (twin["name"], one_digit_typo(twin["number"]), twin)
    ingest_path(bundle, workspace)
    ingest_path(extra / "medical_visits.csv", workspace)
    ingest_path(extra / "residents.csv", workspace)
    build_person_index(workspace, who="test", thresholds=THRESHOLDS)
    nodes = {rid: (f"T:{person_token(number)}", f"T:{person_token(p['number'])}")
             for rid, (_, number, p) in planted.items()}
    return City({"workspace": workspace, "nodes": nodes})


def _pending(ws: Path) -> dict[frozenset, str]:
    return {frozenset((i.left.node, i.right.node)): i.kind
            for i in ReviewQueue(ws, THRESHOLDS).pending(limit=100000)}


def _engine_person(ws: Path, record_id: str) -> tuple[str, str, float]:
    from rightswatch.engine.duckdb_backend import DuckDBBackend
    from rightswatch.engine.relations import register_datasets
    from rightswatch.identity.linkage.index import SplinkPersonIndex
    from rightswatch.ingest import Workspace

    backend = DuckDBBackend(threads=1)
    register_datasets(backend, Workspace(ws), {"medical_visits"}, index=SplinkPersonIndex(ws))
    row = backend.execute("SELECT person_id, link_method, link_probability FROM medical_visits "
                          f"WHERE record_id = '{record_id}'").to_pylist()[0]
    return row["person_id"], row["link_method"], row["link_probability"]


def test_one_digit_and_transposed_valid_typos_wait_for_review_and_are_not_linked(city):
    ws, nodes = city["workspace"], city["nodes"]
    pending = _pending(ws)
    for rid in ("MV-Y-1", "MV-Y-2"):
        typed, registered = nodes[rid]
        assert pending.get(frozenset((typed, registered))) == "valid_number_typo", rid
        assert _engine_person(ws, rid)[:2] == (typed, "id"), rid  # never merged without a reviewer


def test_the_same_slip_under_another_name_is_no_candidate(city):
    typed, registered = city["nodes"]["MV-Y-3"]
    assert frozenset((typed, registered)) not in _pending(city["workspace"])


def test_two_registered_residents_one_digit_apart_are_no_candidate(city):
    other, registered = city["nodes"]["RS-Y-4"]
    assert frozenset((other, registered)) not in _pending(city["workspace"])


def test_a_confirmed_typo_joins_the_registered_person_and_survives_a_rebuild(city):
    ws = city["workspace"]
    typed, registered = city["nodes"]["MV-Y-1"]
    queue = ReviewQueue(ws, THRESHOLDS)
    queue.decide((typed, registered), "confirm", who="analyst-a", reason="same child, clerk's slip")
    # The number in the household register (residents) is the person; the typo follows it.
    assert _engine_person(ws, "MV-Y-1") == (registered, "review", 1.0)
    assert typed in {v.node for v in queue.cluster(registered)}
    build_person_index(ws, who="test", thresholds=THRESHOLDS)
    assert _engine_person(ws, "MV-Y-1") == (registered, "review", 1.0)
    assert frozenset((typed, registered)) not in _pending(ws)
    # ... and a split takes it out again, with the cluster as it was on record.
    queue.split(registered, [typed], who="analyst-b", reason="two children after all")
    assert _engine_person(ws, "MV-Y-1")[:2] == (typed, "id")
    assert {typed, registered} <= set(queue.splits()[-1]["members_before"])


def test_a_rejected_typo_stays_apart_and_leaves_the_queue(city):
    ws = city["workspace"]
    typed, registered = city["nodes"]["MV-Y-2"]
    queue = ReviewQueue(ws, THRESHOLDS)
    queue.decide((typed, registered), "reject", who="analyst-c", reason="twins")
    build_person_index(ws, who="test", thresholds=THRESHOLDS)
    assert frozenset((typed, registered)) not in _pending(ws)
    assert _engine_person(ws, "MV-Y-2")[:2] == (typed, "id")
