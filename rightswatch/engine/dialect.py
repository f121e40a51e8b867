"""Per-engine SQL differences, in one place.

Model files and shared macros are written in a neutral subset of SQL that DuckDB and
Spark both read the same way (whole dates, `year()/month()/day()`, `CAST(... AS STRING)`,
`||`, `lpad`, `quarter`, CASE, EXISTS). Whatever the engines spell differently is one
method here; a dialect that lacks a function raises a clear error instead of guessing.
SQLGlot is not used to translate these: it silently mistranslates some of them.
"""

from __future__ import annotations


class Dialect:
    name = "abstract"

    def date_add_days(self, d: str, n: str) -> str:
        raise NotImplementedError(f"{self.name} dialect lacks date_add_days")

    def regex_match(self, s: str, pattern: str) -> str:
        raise NotImplementedError(f"{self.name} dialect lacks regex_match")

    def regex_replace_all(self, s: str, pattern: str, replacement: str) -> str:
        raise NotImplementedError(f"{self.name} dialect lacks regex_replace_all")

    def regex_extract(self, s: str, pattern: str, group: int = 0) -> str:
        raise NotImplementedError(f"{self.name} dialect lacks regex_extract")


    def iso_weekday(self, d: str) -> str:
        raise NotImplementedError(f"{self.name} dialect lacks iso_weekday")

    def latest_per_key(self, select: str, columns: list[str], key: str, order: str) -> str:
        """The rows of `select` that come first per `key` in `order`, with exactly `columns`."""
        cols = ", ".join(columns)
        return (
            f"SELECT {cols} FROM (SELECT {cols}, row_number() OVER (PARTITION BY {key} ORDER BY {order}) "
            f"AS rw_rank FROM ({select}) u) r WHERE rw_rank = 1"
        )


class DuckDBDialect(Dialect):
    name = "duckdb"

    def iso_weekday(self, d: str) -> str:
        return f"isodow({d})"

    def date_add_days(self, d: str, n: str) -> str:
        # DATE + INTEGER stays a DATE in DuckDB (an INTERVAL would turn it into a TIMESTAMP).
        return f"(CAST({d} AS DATE) + CAST({n} AS INTEGER))"

    def regex_match(self, s: str, pattern: str) -> str:
        return f"regexp_matches({s}, {pattern})"

    def regex_replace_all(self, s: str, pattern: str, replacement: str) -> str:
        return f"regexp_replace({s}, {pattern}, {replacement}, 'g')"

    def regex_extract(self, s: str, pattern: str, group: int = 0) -> str:
        # DuckDB returns '' when nothing matches, Spark too: callers test for ''.
        return f"regexp_extract({s}, {pattern}, {int(group)})"


class SparkDialect(Dialect):
    name = "spark"

    def iso_weekday(self, d: str) -> str:
        # Spark's dayofweek is 1 = Sunday … 7 = Saturday.
        return f"(((dayofweek({d}) + 5) % 7) + 1)"

    def date_add_days(self, d: str, n: str) -> str:
        return f"date_add(CAST({d} AS DATE), CAST({n} AS INT))"

    def regex_match(self, s: str, pattern: str) -> str:
        return f"({s} RLIKE {pattern})"

    def regex_replace_all(self, s: str, pattern: str, replacement: str) -> str:
        return f"regexp_replace({s}, {pattern}, {replacement})"

    def regex_extract(self, s: str, pattern: str, group: int = 0) -> str:
        return f"regexp_extract({s}, {pattern}, {int(group)})"


DIALECTS: dict[str, Dialect] = {"duckdb": DuckDBDialect(), "spark": SparkDialect()}


def dialect(name: str) -> Dialect:
    try:
        return DIALECTS[name]
    except KeyError:
        raise ValueError(f"unknown SQL dialect {name!r}; known: {', '.join(DIALECTS)}") from None
