"""Named SQL steps, joined into one query as CTEs (after Splink's pipeline).

A model file is a sequence of steps, each introduced by a `-- step: <name>` line and
holding one SELECT. Later steps read earlier ones by name. Keeping the steps named lets
an error say which step failed and lets a debug run show each step on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STEP = re.compile(r"^\s*--\s*step:\s*([a-z_][a-z0-9_]*)\s*$", re.M)


@dataclass(frozen=True)
class Step:
    name: str
    sql: str


def parse_steps(text: str) -> list[Step]:
    """Split a model file into its named steps. Text before the first step is a header."""
    marks = list(_STEP.finditer(text))
    if not marks:
        raise ValueError("a model file needs at least one '-- step: <name>' line")
    steps = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.end():end].strip().rstrip(";").strip()
        if not body:
            raise ValueError(f"step {m.group(1)} is empty")
        steps.append(Step(m.group(1), body))
    names = [s.name for s in steps]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ValueError(f"step names must be unique: {', '.join(sorted(dupes))}")
    return steps


def compose(steps: list[Step], final_sql: str) -> str:
    """`WITH step1 AS (...), step2 AS (...) <final_sql>`."""
    ctes = ",\n".join(f"{s.name} AS (\n{s.sql}\n)" for s in steps)
    return f"WITH {ctes}\n{final_sql}"


def prefix_probe(steps: list[Step], upto: int) -> str:
    """A query that binds steps[0..upto] and returns no rows: finds the step that fails."""
    return compose(steps[: upto + 1], f"SELECT * FROM {steps[upto].name} LIMIT 0")
