"""Shared SQL macros for model files: `{{ age_years(birth_on, visit_on) }}`, `{{ as_of }}` …

A model file calls a macro with SQL expressions as arguments; the macro expands to
engine-neutral SQL, with the few engine-specific spellings taken from the dialect
(like dbt's `adapter.dispatch`). Macros are plain text substitution done before the SQL
reaches an engine, so the expanded SQL is what runs, what a debug run prints, and what
the Spark parse check reads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from rightswatch.engine.dialect import Dialect
from rightswatch.engine.lexicon import lexicon

_CALL = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*(\((.*?)\))?\s*\}\}", re.S)


_BARE = re.compile(r"^([a-z_][a-z0-9_]*)\((.*)\)$", re.S)


class MacroError(ValueError):
    pass


def split_args(text: str) -> list[str]:
    """Split `a, f(b, c), 'x,y'` at top-level commas."""
    args, depth, quote, current = [], 0, None, []
    for ch in text:
        if quote:
            current.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            args.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    tail = "".join(current).strip()
    if tail:
        args.append(tail)
    return args


def _unquote(arg: str) -> str:
    if len(arg) >= 2 and arg[0] == arg[-1] == "'":
        return arg[1:-1]
    raise MacroError(f"expected a quoted name, got {arg}")


def sql_string(text: str) -> str:
    """A SQL string literal that both engines read the same way."""
    if "\\" in text:
        # Spark treats backslash as an escape inside literals, DuckDB does not.
        raise MacroError("backslashes are not allowed in SQL string literals (write [0-9], not \\d)")
    return "'" + text.replace("'", "''") + "'"


class Macros:
    """The macros of one run: a dialect and an as_of date."""

    def __init__(self, dialect: Dialect, as_of: dt.date):
        self.d = dialect
        self.as_of_date = as_of
        self._table: dict[str, Callable[..., str]] = {
            "as_of": self.as_of,
            "age_years": self.age_years,
            "local_date": self.local_date,
            "add_days": self.add_days,
            "open_end": self.open_end,
            "overlaps": self.overlaps,
            "term_of": self.term_of,
            "term_school_year": self.term_school_year,
            "quarter_of": self.quarter_of,
            "month_of": self.month_of,
            "is_related": self.is_related,
            "related_pairs": self.related_pairs,
            "reported_between": self.reported_between,
            "iso_weekday": self.d.iso_weekday,
            "seconds_of_day": self.seconds_of_day,
            "regex_match": self.d.regex_match,
            "regex_replace_all": self.d.regex_replace_all,
            "regex_extract": self.d.regex_extract,
            "lexicon_clean": self.lexicon_clean,
            "lexicon_extract": self.lexicon_extract,
            "lexicon_exempt": self.lexicon_exempt,
        }

    def names(self) -> list[str]:
        return sorted(self._table)

    # -- expansion -----------------------------------------------------------
    def expand(self, sql: str) -> str:
        def one(m: re.Match) -> str:
            name, has_args, args = m.group(1), m.group(2), m.group(3)
            fn = self._table.get(name)
            if fn is None:
                raise MacroError(f"unknown macro {name!r}; known: {', '.join(self.names())}")
            parts = split_args(args) if has_args and args.strip() else []
            parts = [self._expand_arg(p) for p in parts]
            try:
                return fn(*parts)
            except TypeError as exc:
                raise MacroError(f"macro {name}: {exc}") from None

        return _CALL.sub(one, sql)

    def _expand_arg(self, arg: str) -> str:
        """An argument may itself call a macro, without braces: `add_days(visit_on, 7)`, `as_of`."""
        arg = self.expand(arg)
        if arg == "as_of":
            return self.as_of()
        m = _BARE.match(arg)
        if m and m.group(1) in self._table:
            return self._table[m.group(1)](*[self._expand_arg(a) for a in split_args(m.group(2))])
        return arg

    # -- dates and ages --------------------------------------------------------
    def as_of(self) -> str:
        return f"DATE '{self.as_of_date.isoformat()}'"

    def age_years(self, birth: str, on: str) -> str:
        """Full years (周岁) on date `on`: reached on the day AFTER the birthday.

        A 29 February birthday falls on 28 February in other years, so the N-th year is
        reached on 1 March; comparing month*100+day with `<=` gives exactly that.
        """
        return (
            f"(year({on}) - year({birth}) - CASE WHEN month({on}) * 100 + day({on}) "
            f"<= month({birth}) * 100 + day({birth}) THEN 1 ELSE 0 END)"
        )

    def local_date(self, ts: str) -> str:
        # *_at columns already hold Asia/Shanghai local time, so the date is a plain cast.
        return f"CAST({ts} AS DATE)"

    def add_days(self, d: str, n: str) -> str:
        return self.d.date_add_days(d, n)

    def open_end(self, end_ts: str) -> str:
        """An empty end time is open until the end of the as_of day."""
        return f"COALESCE({end_ts}, CAST({self.d.date_add_days(self.as_of(), '1')} AS TIMESTAMP))"

    def seconds_of_day(self, t: str) -> str:
        """Seconds since midnight of a time or timestamp (Spark has no TIME type)."""
        return f"(hour({t}) * 3600 + minute({t}) * 60 + second({t}))"

    def overlaps(self, a_start: str, a_end: str, b_start: str, b_end: str) -> str:
        # Strict: intervals that only touch (one ends when the other starts) do not overlap.
        return f"({a_start} < {b_end} AND {b_start} < {a_end})"

    # -- periods ---------------------------------------------------------------
    def term_of(self, d: str) -> str:
        """The school term of a date: Feb–Aug → YYYY-spring, Sep–Dec → YYYY-autumn, Jan → (YYYY-1)-autumn.

        August belongs to the spring term just ended (MODELS.md, model 8).
        """
        return (
            f"(CASE WHEN month({d}) BETWEEN 2 AND 8 THEN CAST(year({d}) AS STRING) || '-spring' "
            f"WHEN month({d}) >= 9 THEN CAST(year({d}) AS STRING) || '-autumn' "
            f"ELSE CAST(year({d}) - 1 AS STRING) || '-autumn' END)"
        )

    def term_school_year(self, term: str) -> str:
        """The year Y whose autumn starts the school year of a term (2026-spring → 2025)."""
        return (
            f"(CAST(substr({term}, 1, 4) AS INT) - CASE WHEN {term} LIKE '%-spring' THEN 1 ELSE 0 END)"
        )

    def quarter_of(self, d: str) -> str:
        return f"(CAST(year({d}) AS STRING) || '-Q' || CAST(quarter({d}) AS STRING))"

    def month_of(self, d: str) -> str:
        return f"(CAST(year({d}) AS STRING) || '-' || lpad(CAST(month({d}) AS STRING), 2, '0'))"

    # -- persons ---------------------------------------------------------------
    def is_related(self, a: str, b: str) -> str:
        """A family_relations row in either direction, or the same residents household."""
        return (
            f"(EXISTS (SELECT 1 FROM rw_family_links fl WHERE fl.person_a = {a} AND fl.person_b = {b})"
            f" OR EXISTS (SELECT 1 FROM rw_households h1 JOIN rw_households h2"
            f" ON h1.household_id = h2.household_id"
            f" WHERE h1.person_id = {a} AND h2.person_id = {b}))"
        )

    def related_pairs(self, relation: str, a: str, b: str) -> str:
        """The distinct (person_a, person_b) pairs of `relation`'s columns a, b that are related.

        The set-at-a-time form of `is_related`: plain joins, fast on many pairs and read
        alike by every engine. Use it as a whole step: `{{ related_pairs(step, col_a, col_b) }}`.
        """
        pairs = f"(SELECT DISTINCT {a} AS person_a, {b} AS person_b FROM {relation})"
        return (
            f"SELECT x.person_a, x.person_b FROM {pairs} x JOIN rw_family_links f "
            f"ON f.person_a = x.person_a AND f.person_b = x.person_b\n"
            f"UNION\n"
            f"SELECT x.person_a, x.person_b FROM {pairs} x JOIN rw_households h1 ON h1.person_id = x.person_a "
            f"JOIN rw_households h2 ON h2.household_id = h1.household_id AND h2.person_id = x.person_b"
        )

    def reported_between(self, person: str, first_day: str, last_day: str) -> str:
        """A mandatory report about the person, or an incident naming them as victim or
        child present, on a local date in [first_day, last_day] (both ends included)."""
        return (
            f"EXISTS (SELECT 1 FROM rw_reports rr WHERE rr.person_id = {person}"
            f" AND rr.reported_on BETWEEN {first_day} AND {last_day})"
        )

    # -- lexicons --------------------------------------------------------------
    def lexicon_clean(self, name: str, text: str) -> str:
        """The text with the lexicon's neutral and negated phrases removed."""
        lex = lexicon(_unquote(name))
        pattern = lex.removal_pattern()
        if not pattern:
            return f"COALESCE({text}, '')"
        return self.d.regex_replace_all(f"COALESCE({text}, '')", sql_string(pattern), "''")

    def lexicon_extract(self, name: str, category: str, cleaned: str) -> str:
        """The first phrase of one category found in already-cleaned text ('' when none)."""
        lex = lexicon(_unquote(name))
        return self.d.regex_extract(cleaned, sql_string(lex.category_pattern(_unquote(category))), 0)

    def lexicon_exempt(self, name: str, text: str) -> str:
        lex = lexicon(_unquote(name))
        if not lex.exempt_pattern():
            return "FALSE"
        return f"COALESCE({self.d.regex_match(text, sql_string(lex.exempt_pattern()))}, FALSE)"
