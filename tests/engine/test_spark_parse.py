"""Every model file, expanded for Spark, parses as Spark SQL; the DuckDB expansion runs.

This is the guard issue 6 builds on: model files carry no DuckDB-only syntax, and the
per-engine spellings come from the dialect module only.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlglot

from rightswatch.engine.catalogue import load_model, model_ids
from rightswatch.engine.dialect import SparkDialect
from rightswatch.engine.macros import Macros
from rightswatch.engine.pipeline import compose
from rightswatch.engine.runner import expand_steps, final_sql


@pytest.mark.parametrize("model_id", model_ids())
def test_model_parses_as_spark_sql(model_id):
    spec = load_model(model_id)
    steps = expand_steps(spec, Macros(SparkDialect(), dt.date(2026, 6, 30)))
    sql = compose(steps, final_sql(spec))
    parsed = sqlglot.parse_one(sql, read="spark")
    assert parsed is not None
    # No DuckDB-only functions leaked into the Spark text.
    lowered = sql.lower()
    for duck_only in ("regexp_matches(", "'g')", "exclude (", "qualify "):
        assert duck_only not in lowered


def test_shared_relations_parse_as_spark_sql():
    from rightswatch.engine.catalogue import load_shared

    shared = load_shared("hotel_room_sharing")
    steps = expand_steps(shared, Macros(SparkDialect(), dt.date(2026, 6, 30)))
    assert sqlglot.parse_one(compose(steps, f"SELECT * FROM {steps[-1].name}"), read="spark") is not None


def test_models_are_shipped_in_catalogue_order():
    numbers = [load_model(m).number for m in model_ids()]
    assert numbers == sorted(numbers)
    assert {1, 2, 3, 4, 5, 8, 10, 11, 12, 14} <= set(numbers)   # issue 3
