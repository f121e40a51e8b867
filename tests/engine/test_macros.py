"""Shared SQL macros, evaluated by real DuckDB."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from rightswatch.engine.dialect import DuckDBDialect
from rightswatch.engine.macros import MacroError, Macros, split_args

M = Macros(DuckDBDialect(), dt.date(2026, 6, 30))
CON = duckdb.connect()


def value(sql: str):
    return CON.execute("SELECT " + M.expand(sql)).fetchone()[0]


@pytest.mark.parametrize("born, on, age", [
    ("2012-05-01", "2026-05-01", 13),   # the 14th birthday: still 13 full years
    ("2012-05-01", "2026-05-02", 14),   # the day after
    ("2008-03-14", "2026-03-14", 17),   # the 18th birthday: still a minor
    ("2008-03-14", "2026-03-15", 18),
    ("2008-02-29", "2026-02-28", 17),   # born 29 Feb: birthday taken as 28 Feb …
    ("2008-02-29", "2026-03-01", 18),   # … so 18 full years on 1 March
    ("2012-02-29", "2026-03-01", 14),
    ("2012-02-29", "2028-02-29", 15),   # in a leap year the birthday is 29 Feb itself
    ("2012-02-29", "2028-03-01", 16),
    ("2012-12-31", "2026-01-01", 13),
])
def test_age_years_day_after_birthday(born, on, age):
    assert value(f"{{{{ age_years(DATE '{born}', DATE '{on}') }}}}") == age


@pytest.mark.parametrize("on, term", [
    ("2026-02-01", "2026-spring"), ("2026-07-31", "2026-spring"), ("2026-08-15", "2026-spring"),
    ("2026-09-01", "2026-autumn"), ("2026-12-31", "2026-autumn"), ("2027-01-20", "2026-autumn"),
])
def test_term_of(on, term):
    assert value(f"{{{{ term_of(DATE '{on}') }}}}") == term


def test_term_school_year():
    assert value("{{ term_school_year('2026-spring') }}") == 2025
    assert value("{{ term_school_year('2026-autumn') }}") == 2026


def test_periods_and_dates():
    assert value("{{ quarter_of(DATE '2026-05-31') }}") == "2026-Q2"
    assert value("{{ month_of(DATE '2026-05-31') }}") == "2026-05"
    assert value("{{ add_days(DATE '2026-03-01', -1) }}") == dt.date(2026, 2, 28)
    assert value("{{ as_of }}") == dt.date(2026, 6, 30)
    # An open end lasts to the end of the as_of day.
    assert value("{{ open_end(CAST(NULL AS TIMESTAMP)) }}") == dt.datetime(2026, 7, 1)


def test_weekday_and_time_of_day():
    assert value("{{ iso_weekday(DATE '2026-03-07') }}") == 6      # a Saturday
    assert value("{{ iso_weekday(DATE '2026-03-08') }}") == 7
    assert value("{{ seconds_of_day(TIMESTAMP '2026-03-02 08:00:30') }}") == 28830


def test_overlaps_is_strict():
    t = "TIMESTAMP '2026-01-01 12:00'"
    u = "TIMESTAMP '2026-01-02 12:00'"
    w = "TIMESTAMP '2026-01-03 12:00'"
    assert value(f"{{{{ overlaps({t}, {u}, {u}, {w}) }}}}") is False   # touching
    assert value(f"{{{{ overlaps({t}, {w}, {u}, {w}) }}}}") is True


def test_regex_replace_replaces_every_match():
    assert value("{{ regex_replace_all('a.b.c', '[.]', '') }}") == "abc"


def test_nested_macro_arguments_and_errors():
    assert value("{{ add_days(add_days(as_of, 1), 1) }}") == dt.date(2026, 7, 2)
    with pytest.raises(MacroError):
        M.expand("{{ no_such_macro(1) }}")
    assert split_args("a, f(b, c), 'x,y'") == ["a", "f(b, c)", "'x,y'"]
