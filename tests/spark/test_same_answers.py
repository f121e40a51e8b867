"""Same answers on DuckDB and Spark: every implemented model, the small synthetic city and
the edge-case bundle; the dialect functions value by value; a mistranslation caught; a
run that fails halfway leaves the clue store as it was.

Every Spark test of the suite is in this module (one worker, one JVM under xdist).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from rightswatch.clues.build import build_clues
from rightswatch.clues.store import ClueStore
from rightswatch.engine.catalogue import model_ids
from rightswatch.engine.dialect import DuckDBDialect, SparkDialect
from rightswatch.engine.duckdb_backend import DuckDBBackend
from rightswatch.engine.macros import Macros
from rightswatch.engine.runner import run_models
from rightswatch.errors import ModelError
from rightswatch.ingest import Workspace, ingest_path
from tests.models.cases import write_bundle
from tests.spark import edge_cases

pytest.importorskip("pyspark", reason="the spark extra is not installed")

from rightswatch.engine.spark import SparkBackend  # noqa: E402


def clue_records(output, as_of: dt.date) -> dict[str, dict]:
    """Clue records by key, as the clue store would receive them (run id fixed)."""
    return {c["clue_key"]: c for c in build_clues(output.results, as_of, "run-compare")}


def run_on_spark(spark, ws, as_of, models=None, dialect=None, on_model=None):
    backend = SparkBackend(spark=spark, dialect=dialect)
    try:
        return run_models(ws, as_of, models, backend=backend, on_model=on_model)
    finally:
        backend.close()


def assert_same_clues(duck: dict[str, dict], spark: dict[str, dict]) -> None:
    assert sorted(duck) == sorted(spark), "clue keys differ between DuckDB and Spark"
    for key in duck:
        a, b = duck[key], spark[key]
        # Named fields first, so a failure says what differs.
        for field in ("severity", "actions", "event_on", "region_code", "evidence", "subjects",
                      "sealed_evidence", "summary_zh", "summary_en"):
            assert a[field] == b[field], f"{key}: {field} differs"
        assert json.dumps(a, sort_keys=True, ensure_ascii=False) == json.dumps(b, sort_keys=True, ensure_ascii=False)


@pytest.fixture(scope="module")
def small_city(tmp_path_factory):
    from rightswatch.synth import generate_bundle

    root = tmp_path_factory.mktemp("small-city")
    generate_bundle(root / "bundle", scale="small", seed=7)
    ingest_path(root / "bundle", root / "ws")
    ws = Workspace(root / "ws")
    return ws, dt.date.fromisoformat(ws.setting("as_of"))


@pytest.fixture(scope="module")
def edge_ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("edges")
    write_bundle(root / "bundle", edge_cases.edge_bundle(), as_of=edge_cases.AS_OF)
    ingest_path(root / "bundle", root / "ws")
    return Workspace(root / "ws")


@pytest.fixture(scope="module")
def edge_duckdb(edge_ws):
    as_of = edge_cases.AS_OF_DATES[0]
    return clue_records(run_models(edge_ws, as_of), as_of)


def test_every_model_gives_the_same_clues_on_the_small_city(spark, small_city):
    ws, as_of = small_city
    duck = run_models(ws, as_of)
    on_spark = run_on_spark(spark, ws, as_of)
    assert [r.spec.id for r in on_spark.results] == model_ids(), "every implemented model runs on Spark"
    duck_clues, spark_clues = clue_records(duck, as_of), clue_records(on_spark, as_of)
    assert len(duck_clues) > 50, "the small city plants clues for every model"
    assert_same_clues(duck_clues, spark_clues)


def test_every_model_gives_the_same_clues_on_the_edge_cases(spark, edge_ws, edge_duckdb):
    as_of = edge_cases.AS_OF_DATES[0]
    spark_clues = clue_records(run_on_spark(spark, edge_ws, as_of), as_of)
    # The bundle really exercises the edges: positives of several models, birthday and window cases included.
    assert {c["model_id"] for c in edge_duckdb.values()} >= {
        "hotel_minor_with_unrelated_adult", "venue_admits_minor", "minor_pregnancy_not_reported",
        "domestic_violence_without_warning", "protection_order_violated", "recruitment_gender_discrimination"}
    assert "minor_pregnancy_not_reported:edges/EM-1" in edge_duckdb        # 29 Feb girl, still 13 on 28 Feb
    assert "minor_pregnancy_not_reported:edges/EM-2" not in edge_duckdb    # 14 on 1 March
    assert_same_clues(edge_duckdb, spark_clues)


class SignFlippedSparkDialect(SparkDialect):
    """A plausible mistranslation (DuckDB's `d - INTERVAL n DAY` read as `date_sub(d, n)`
    once too often): days are subtracted where they should be added."""

    def date_add_days(self, d: str, n: str) -> str:
        return f"date_sub(CAST({d} AS DATE), CAST({n} AS INT))"


def test_a_mistranslated_function_fails_the_comparison(spark, edge_ws, edge_duckdb):
    as_of = edge_cases.AS_OF_DATES[0]
    model = "minor_pregnancy_not_reported"
    wrong = clue_records(run_on_spark(spark, edge_ws, as_of, [model], dialect=SignFlippedSparkDialect()), as_of)
    right = {k: c for k, c in edge_duckdb.items() if c["model_id"] == model}
    with pytest.raises(AssertionError):
        assert_same_clues(right, wrong)


# Values where a dialect function could go wrong: month ends, leap days, year ends.
DATES = ["2024-02-28", "2024-02-29", "2025-02-28", "2026-02-28", "2026-03-01", "2025-12-31", "2026-01-01",
         "2012-02-29", "2008-02-29", "2026-06-15"]
OFFSETS = [-366, -365, -181, -180, -90, -1, 0, 1, 7, 8, 90, 365]
CODES, SEPARATORS, EMPTY, PHRASES = "'(^|[;,])(O[0-9][0-9]|Z321)'", "'[. ]'", "''", "'(?:早孕)|(?:限男性)'"
TEXTS = ["O80", "z32.1; J06.9", "未见妊娠，早孕", "男女不限。限男性", "", "a.b c", "欧阳·小'花"]


def _grid_sql(m: Macros) -> str:
    d = m.d
    dates = ", ".join(f"(DATE '{x}')" for x in DATES)
    offsets = ", ".join(f"({n})" for n in OFFSETS)
    texts = ", ".join("('" + t.replace("'", "''") + "')" for t in TEXTS)
    return (
        "WITH ds AS (SELECT * FROM (VALUES " + dates + ") AS t(d)), "
        "os AS (SELECT * FROM (VALUES " + offsets + ") AS t(n)), "
        "ts AS (SELECT * FROM (VALUES " + texts + ") AS t(s)) "
        "SELECT 'add' AS fn, CAST(ds.d AS STRING) AS a, CAST(os.n AS STRING) AS b, "
        f"CAST({d.date_add_days('ds.d', 'os.n')} AS STRING) AS v FROM ds CROSS JOIN os "
        "UNION ALL SELECT 'age', CAST(b.d AS STRING), CAST(o.d AS STRING), "
        f"CAST({m.age_years('b.d', 'o.d')} AS STRING) FROM ds b CROSS JOIN ds o "
        "UNION ALL SELECT 'periods', CAST(ds.d AS STRING), '', "
        f"{m.term_of('ds.d')} || ' ' || {m.quarter_of('ds.d')} || ' ' || {m.month_of('ds.d')} FROM ds "
        "UNION ALL SELECT 'regex', s, '', "
        f"CAST({d.regex_match('s', CODES)} AS STRING) || '|' || "
        f"{d.regex_replace_all('upper(s)', SEPARATORS, EMPTY)} || '|' || "
        f"{d.regex_extract('s', PHRASES, 0)} FROM ts"
    )


def test_dialect_functions_give_the_same_values_on_both_engines(spark):
    day = dt.date(2026, 6, 30)
    duck = DuckDBBackend()
    try:
        expected = sorted(tuple(r.values()) for r in duck.execute(_grid_sql(Macros(DuckDBDialect(), day))).to_pylist())
    finally:
        duck.close()
    backend = SparkBackend(spark=spark)
    try:
        got = sorted(tuple(r.values()) for r in backend.execute(_grid_sql(Macros(SparkDialect(), day))).to_pylist())
    finally:
        backend.close()
    assert len(expected) == len(DATES) * len(OFFSETS) + len(DATES) ** 2 + len(DATES) + len(TEXTS)
    assert got == expected


def test_a_run_that_fails_halfway_leaves_the_clue_store_as_it_was(spark, edge_ws, tmp_path):
    from rightswatch.engine.session import run_and_store

    root = tmp_path / "ws"
    shutil.copytree(edge_ws.root, root)
    ws = Workspace(root)
    run_and_store(ws, edge_cases.AS_OF_DATES[0])  # a first run on DuckDB fills the store
    store = ClueStore(root)
    before, runs_before = store.clues(), store.runs()
    assert before

    last = model_ids()[-1]
    seen = []

    def break_the_last_input(spec, phase, result):
        seen.append((spec.id, phase))
        if phase == "start" and spec.id == last:
            # The input of the last model becomes unreadable after the others have run.
            for dataset in spec.inputs:
                for f in ws.dataset_files(dataset):
                    f.write_bytes(b"not a parquet file")

    with pytest.raises(ModelError) as failure:
        run_and_store(ws, edge_cases.AS_OF_DATES[0], engine="spark", on_model=break_the_last_input)
    assert failure.value.model_id == last
    assert str(failure.value).startswith(f"model {last}, step ")
    assert ("hotel_minor_with_unrelated_adult", "done") in seen, "the run failed halfway, not at the start"
    assert store.clues() == before
    assert store.runs() == runs_before
    assert not spark.catalog.listTables(), "the failed run dropped every view it registered"


def test_cli_runs_on_spark_with_progress_per_model(spark, edge_ws, tmp_path):
    from click.testing import CliRunner

    from rightswatch.engine.cli import run

    root = tmp_path / "ws"
    shutil.copytree(edge_ws.root, root)
    models = ["venue_admits_minor", "protection_order_violated"]
    result = CliRunner().invoke(run, ["--engine", "spark", "-w", str(root), "--models", ",".join(models)])
    assert result.exit_code == 0, result.output
    for m in models:
        assert "✓" in result.output and m in result.output
    keys = {c["clue_key"] for c in ClueStore(root).clues()}
    assert keys == {k for k, c in edge_duckdb_keys(edge_ws).items() if c in models}
    assert spark.sparkContext._jsc is not None, "the shared session is still running"


def edge_duckdb_keys(ws) -> dict[str, str]:
    as_of = edge_cases.AS_OF_DATES[0]
    return {k: c["model_id"] for k, c in clue_records(run_models(ws, as_of), as_of).items()}
