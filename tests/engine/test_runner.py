"""The runner over a real workspace: re-imports, person linking, step errors, absent datasets."""

from __future__ import annotations

import datetime as dt

import pytest

from rightswatch.engine.catalogue import model_ids
from rightswatch.engine.duckdb_backend import DuckDBBackend
from rightswatch.engine.pipeline import Step, parse_steps
from rightswatch.engine.relations import register_datasets
from rightswatch.engine.runner import run_models
from rightswatch.errors import ModelError
from rightswatch.ingest import Workspace, ingest_path
from tests.models.cases import Person, bad_check, write_bundle

girl = Person("冯三", "2012-06-06", "F")
twin_a = Person("双子", "2001-01-01", "M")
twin_b = Person("双子", "2001-01-01", "M")   # same name, birth date and gender: ambiguous


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("runner")
    first = {
        "residents": [girl.resident("R-1"), twin_a.resident("R-2"), twin_b.resident("R-3")],
        "venue_visits": [
            {"record_id": "VV-1", "venue_org_code": "91340200MA2N0CAFE1", "venue_type": "internet_cafe",
             "id_number": bad_check(girl.id), "name": girl.name, "birth_on": girl.born, "entered_at": "2026-05-01 10:00"},
            {"record_id": "VV-2", "venue_org_code": "91340200MA2N0CAFE1", "venue_type": "internet_cafe",
             "id_number": "", "name": twin_a.name, "birth_on": twin_a.born, "entered_at": "2026-05-01 10:00"},
            {"record_id": "VV-3", "venue_org_code": "91340200MA2N0CAFE1", "venue_type": "game_arcade",
             "id_number": girl.id, "name": girl.name, "entered_at": "2026-05-02 10:00"},
        ],
    }
    ingest_path(write_bundle(tmp / "b1", first), tmp / "ws")
    # A later file corrects VV-3: it was an internet café after all.
    second = {"venue_visits": [dict(first["venue_visits"][2], venue_type="internet_cafe")]}
    ingest_path(write_bundle(tmp / "b2", second), tmp / "ws")
    return Workspace(tmp / "ws")


def test_person_index_links_and_reimport_replaces(ws):
    backend = DuckDBBackend()
    try:
        register_datasets(backend, ws, {"venue_visits", "residents"})
        rows = {r["record_id"]: r for r in backend.execute(
            "SELECT record_id, venue_type, person_id, link_method FROM venue_visits").to_pylist()}
        resident = backend.execute("SELECT person_id FROM residents WHERE record_id = 'R-1'").to_pylist()[0]
    finally:
        backend.close()
    assert len(rows) == 3                                   # VV-3 once, not twice
    assert rows["VV-3"]["venue_type"] == "internet_cafe"    # the later import wins
    assert rows["VV-1"]["link_method"] == "name_birth_gender"
    assert rows["VV-1"]["person_id"] == resident["person_id"] == rows["VV-3"]["person_id"]
    assert rows["VV-2"]["link_method"] == "unlinked"        # two valid persons share the triple
    assert rows["VV-2"]["person_id"] == "U:venue_visits/VV-2"


def test_clue_records_the_link_method(ws):
    from rightswatch.clues.build import build_clues

    out = run_models(ws, dt.date(2026, 6, 30), ["venue_admits_minor"])
    clues = build_clues(out.results, dt.date(2026, 6, 30), "r")
    (clue,) = clues
    minors = [s for s in clue["subjects"] if s["role"] == "minor"]
    # One girl, two rows: one linked by id, one by name, birth date and gender.
    assert len(minors) in (1, 2)
    assert {s["link_method"] for s in minors} <= {"id", "name_birth_gender"}
    assert clue["severity"] == "yellow"


def test_absent_datasets_are_empty_relations(tmp_path):
    out = run_models(None, dt.date(2026, 6, 30))
    assert len(out.results) == len(model_ids()) and all(r.rows == [] for r in out.results)


def pipeline_error(table_sql: str, second_step: str, third_step: str = "SELECT * FROM second") -> ModelError:
    """The error of a three-step pipeline (first, second, third) over table `t`."""
    backend = DuckDBBackend()
    try:
        backend.create_view("t", table_sql)
        steps = [Step("first", "SELECT a FROM t"), Step("second", second_step), Step("third", third_step)]
        with pytest.raises(ModelError) as err:
            backend.run_pipeline("some_model", steps, "SELECT * FROM third", "out")
    finally:
        backend.close()
    return err.value


def test_a_failing_step_is_named():
    error = pipeline_error("SELECT 1 AS a", "SELECT no_such_column FROM first")
    assert error.model_id == "some_model" and error.step == "second"
    assert "some_model" in str(error) and "second" in str(error)


def test_parse_steps_rejects_duplicates_and_empty_files():
    with pytest.raises(ValueError):
        parse_steps("SELECT 1")
    with pytest.raises(ValueError):
        parse_steps("-- step: a\nSELECT 1\n-- step: a\nSELECT 2")
    assert [s.name for s in parse_steps("-- header\n-- step: a\nSELECT 1;\n-- step: b\nSELECT 2")] == ["a", "b"]


def test_person_index_choice(tmp_path, monkeypatch):
    from rightswatch.engine.runner import person_index
    from rightswatch.errors import RightsWatchError
    from rightswatch.identity.person_index import DeterministicPersonIndex

    ws = Workspace(tmp_path)
    monkeypatch.delenv("RIGHTSWATCH_PERSON_INDEX", raising=False)
    assert type(person_index(ws)) is DeterministicPersonIndex      # no linkage build yet
    monkeypatch.setenv("RIGHTSWATCH_PERSON_INDEX", "fuzzy")
    with pytest.raises(RightsWatchError):
        person_index(ws)


def test_a_step_that_fails_only_when_data_is_read_is_named():
    """The step binds (the cast is valid SQL), but one row's value breaks it when read."""
    error = pipeline_error("SELECT * FROM (VALUES ('1'), ('2'), ('not a number')) AS v(a)",
                           "SELECT CAST(a AS INTEGER) AS n FROM first", "SELECT n + 1 AS m FROM second")
    assert error.step == "second"
