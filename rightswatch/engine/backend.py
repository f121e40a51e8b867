"""The narrow interface every analysis engine implements (after Splink's DatabaseAPI).

Four abstract methods; error wrapping and step logging are shared here, so that each
backend only knows how to talk to its engine.
"""

from __future__ import annotations

import contextlib
import logging
import re
from abc import ABC, abstractmethod
from pathlib import Path

import pyarrow as pa

from rightswatch.engine.dialect import Dialect
from rightswatch.engine.pipeline import Step, compose, prefix_probe
from rightswatch.errors import ModelError

log = logging.getLogger(__name__)


class Backend(ABC):
    dialect: Dialect

    @abstractmethod
    def execute(self, sql: str) -> pa.Table:
        """Run a query and return its rows as Arrow."""

    @abstractmethod
    def create_view(self, name: str, sql: str) -> None:
        """Define (or replace) a named view."""

    @abstractmethod
    def create_table(self, name: str, sql: str) -> None:
        """Materialise a query as a temporary table (replacing one of the same name)."""

    @abstractmethod
    def create_table_from_arrow(self, name: str, table: pa.Table) -> None:
        """Materialise rows held in Python (a run's clue subjects) as a temporary table."""

    @abstractmethod
    def parquet_sql(self, files: list[Path]) -> str:
        """A FROM-clause relation reading these Parquet files, columns united by name."""

    def close(self) -> None:  # noqa: B027 - optional for backends without a connection
        pass

    # -- shared, final -----------------------------------------------------------
    def run_pipeline(self, model_id: str, steps: list[Step], final_sql: str, into: str) -> None:
        """Materialise the model's output as table `into`; a failure names model and step.

        Steps run as CTEs of one query, except a step that later steps read more than once:
        that one is materialised first, so that no engine computes it twice (CTEs are
        inlined by both DuckDB and Spark).
        """
        log.debug("model %s: running %d steps", model_id, len(steps))
        reused = reused_steps(steps, final_sql)
        pending: list[Step] = []
        made: list[str] = []
        try:
            for step in steps:
                if step.name in reused:
                    table = f"rw_step_{step.name}"
                    self.create_table(table, compose(pending + [step], f"SELECT * FROM {step.name}"))
                    made.append(table)
                    pending.append(Step(step.name, f"SELECT * FROM {table}"))
                else:
                    pending.append(step)
            self.create_table(into, compose(pending, final_sql))
        except Exception as exc:  # engine errors have no common base class
            raise ModelError(model_id, self._failing_step(steps), _first_line(exc)) from exc
        finally:
            for table in made:
                self.drop_table(table)

    def drop_table(self, name: str) -> None:
        self.execute(f"DROP TABLE IF EXISTS {name}")

    def _failing_step(self, steps: list[Step]) -> str:
        for i, step in enumerate(steps):
            try:
                self.execute(prefix_probe(steps, i))
            except Exception:
                return step.name
        # Every step binds, so the failure shows only when data is read (an unreadable
        # file, a bad cast in one row): materialise the steps in order, all columns
        # computed, until one fails. Costly, but only on the way to an error.
        for i, step in enumerate(steps):
            probe = f"rw_probe_{step.name}"
            try:
                self.create_table(probe, compose(steps[: i + 1], f"SELECT * FROM {step.name}"))
            except Exception:
                return step.name
            finally:
                with contextlib.suppress(Exception):
                    self.drop_table(probe)
        return "output"


def reused_steps(steps: list[Step], final_sql: str) -> set[str]:
    """Steps that later steps (or the final query) name two or more times."""
    texts = [_COMMENT.sub("", s.sql) for s in steps] + [final_sql]
    out = set()
    for i, step in enumerate(steps):
        word = re.compile(rf"\b{re.escape(step.name)}\b")
        if sum(len(word.findall(t)) for t in texts[i + 1:]) >= 2:
            out.add(step.name)
    return out


_COMMENT = re.compile(r"--[^\n]*")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
