"""Pairwise precision, recall and F1 of a clustering against the truth.

One scoring for every benchmark: a pair of records is *predicted* when both are in the
same cluster and *true* when both belong to the same real person. Counted in SQL from
cluster sizes, never by listing pairs, so a city-sized truth is scored in one pass.
`scoped` limits the count to pairs with at least one scoped record (the synthetic city
scores the rows without a valid number).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Scores:
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 6), "recall": round(self.recall, 6), "f1": round(self.f1, 6),
                "true_pairs": self.true_pairs, "predicted_pairs": self.predicted_pairs,
                "correct_pairs": self.correct_pairs}


def pair_scores(con: duckdb.DuckDBPyConnection, table: str) -> Scores:
    """`table(record, cluster, truth, scoped)`: one row per record."""

    def pairs(keys: str) -> int:
        # n(n-1)/2 pairs in a group, minus those with no scoped record at all.
        return int(con.execute(f"""
            SELECT coalesce(sum(n * (n - 1) / 2 - (n - k) * (n - k - 1) / 2), 0) FROM (
              SELECT count(*) AS n, count(*) FILTER (WHERE scoped) AS k FROM {table} GROUP BY {keys})""").fetchall()[0][0])

    return Scores(true_pairs=pairs("truth"), predicted_pairs=pairs("cluster"),
                  correct_pairs=pairs("cluster, truth"))
