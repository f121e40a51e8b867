"""The per-engine spellings, in their one place."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlglot

from rightswatch.engine.dialect import DuckDBDialect, SparkDialect, dialect
from rightswatch.engine.macros import MacroError, Macros, sql_string


def test_spark_spellings():
    spark = SparkDialect()
    assert spark.date_add_days("d", "-7") == "date_add(CAST(d AS DATE), CAST(-7 AS INT))"
    assert spark.regex_match("s", "'a'") == "(s RLIKE 'a')"
    assert spark.regex_replace_all("s", "'a'", "''") == "regexp_replace(s, 'a', '')"


def test_duckdb_spellings_keep_dates_whole_and_replace_globally():
    duck = DuckDBDialect()
    assert "INTERVAL" not in duck.date_add_days("d", "1")
    assert duck.regex_replace_all("s", "'a'", "''").endswith("'g')")


@pytest.mark.parametrize("macro", [
    "{{ age_years(b, d) }}", "{{ term_of(d) }}", "{{ quarter_of(d) }}", "{{ month_of(d) }}",
    "{{ add_days(d, -365) }}", "{{ open_end(t) }}", "{{ term_school_year(t) }}", "{{ iso_weekday(d) }}",
    "{{ seconds_of_day(t) }}",
])
def test_every_scalar_macro_parses_as_spark(macro):
    sql = Macros(SparkDialect(), dt.date(2026, 6, 30)).expand(f"SELECT {macro} FROM x")
    assert sqlglot.parse_one(sql, read="spark") is not None


def test_unknown_dialect_and_backslashes_are_refused():
    with pytest.raises(ValueError):
        dialect("oracle")
    with pytest.raises(MacroError):
        sql_string("\\d+")
