"""Compare a run's clue keys with a bundle's planted truth (`truth.jsonl`).

A truth line names a model and a clue key the models should find; a line marked as a
near miss (`"expected": false`, `"positive": false` or `"kind": "near_miss"`) names a key
they must not find. Precision and recall are per model, over keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ModelScore:
    model_id: str
    expected: set[str] = field(default_factory=set)
    found: set[str] = field(default_factory=set)
    near_misses: set[str] = field(default_factory=set)

    @property
    def missed(self) -> list[str]:
        return sorted(self.expected - self.found)

    @property
    def spurious(self) -> list[str]:
        return sorted(self.found - self.expected)

    @property
    def near_misses_raised(self) -> list[str]:
        return sorted(self.found & self.near_misses)

    @property
    def precision(self) -> float | None:
        return len(self.found & self.expected) / len(self.found) if self.found else (1.0 if not self.expected else None)

    @property
    def recall(self) -> float | None:
        return len(self.found & self.expected) / len(self.expected) if self.expected else None


def _is_positive(row: dict) -> bool:
    if row.get("expected") is False or row.get("positive") is False:
        return False
    return str(row.get("kind", "")).lower() not in ("near_miss", "negative", "near-miss")


def read_truth(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def score(truth: list[dict], clues: list[dict], model_ids: list[str]) -> list[ModelScore]:
    scores = {m: ModelScore(m) for m in model_ids}
    for row in truth:
        s = scores.get(row.get("model_id"))
        if s is None:
            continue  # a model this run does not implement
        (s.expected if _is_positive(row) else s.near_misses).add(row["clue_key"])
    for c in clues:
        if c["model_id"] in scores:
            scores[c["model_id"]].found.add(c["clue_key"])
    return list(scores.values())
