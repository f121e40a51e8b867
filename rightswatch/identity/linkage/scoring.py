"""Run Splink 5 on DuckDB: train on the data itself, then score candidate pairs.

The caller owns the DuckDB connection and the input table(s); the scored pairs come back
as a table in that connection (`unique_id_l`, `unique_id_r`, `match_probability`,
`match_weight`), filtered at the review threshold. Splink's own logging stays quiet: its
messages would name row counts only, but the privileged build keeps the console clean.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

import duckdb


@dataclass(frozen=True)
class TrainingPlan:
    """How the model learns its parameters from unlabelled data.

    Args:
        prior_rules: deterministic rules whose matches estimate the prior (with `prior_recall`).
        em_rules: one expectation-maximisation pass per blocking rule.
        u_pairs: random pairs sampled to estimate the u probabilities.
    """

    prior_rules: list[str]
    em_rules: list[str]
    prior_recall: float = 0.8
    u_pairs: float = 1e6
    seed: int = 7
    em_options: dict = field(default_factory=dict)


# Rows per prediction chunk and side. Splink blocks and scores each (left chunk, right
# chunk) on its own, so the candidate pairs and the join tables in memory at once shrink
# with the square of the chunks; the pairs and probabilities are the same. The plaintext
# build may not spill, so this bounds its memory: at city scale (6 M candidates) scoring
# in one piece ran out of a 10 GB trial limit; 4 x 4 chunks built the city in 9.5 GB.
ROWS_PER_PREDICT_CHUNK = 2_000_000


def predict_chunks(rows: int) -> int:
    return max(1, math.ceil(rows / ROWS_PER_PREDICT_CHUNK))


def tf_columns(settings: dict) -> list[str]:
    """The columns whose term frequencies the settings' comparison levels use."""
    return sorted({level["tf_adjustment_column"] for c in settings["comparisons"] for level in c["comparison_levels"]
                   if level.get("tf_adjustment_column")})


def score(con: duckdb.DuckDBPyConnection, tables: list[str], settings: dict, plan: TrainingPlan,
          threshold: float, into: str = "rw_scored_pairs", candidates: str | None = None) -> dict:
    """Train and predict; materialise pairs with probability >= `threshold` as table `into`.

    `tables` are the population: the model learns from them and the names' term
    frequencies are counted in them. `candidates` (default: the tables themselves) is
    what is scored: a subset of one table holding every row that some blocking rule can
    pair. Scoring the subset with the population's parameters and term frequencies gives
    the very pairs and probabilities of scoring the whole table, with blocking joins over
    far fewer rows (build.build_candidates).

    Returns the trained model (Splink's settings dictionary, with m and u values), which
    the run stores next to its pairs so a decision can be traced to the model that made it.
    """
    from splink import DuckDBAPI, Linker

    for name in ("splink", "splink.internals"):
        logging.getLogger(name).setLevel(logging.ERROR)
    db_api = DuckDBAPI(connection=con)
    # Splink 5: inputs are registered with the database API first, then handed to Linker.
    frames = [db_api.register(t) for t in tables]
    linker = Linker(frames if len(frames) > 1 else frames[0], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(plan.prior_rules, recall=plan.prior_recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=plan.u_pairs, seed=plan.seed)
    for rule in plan.em_rules:
        linker.training.estimate_parameters_using_expectation_maximisation(rule, **plan.em_options)
    model = linker.misc.save_model_to_json(out_path=None)
    scorer = linker if candidates is None else scoring_linker(linker, db_api.register(candidates), model)
    chunks = predict_chunks(sum(con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                                for t in ([candidates] if candidates else tables)))
    predictions = scorer.inference.predict(threshold_match_probability=threshold,
                                           num_chunks_left=chunks, num_chunks_right=chunks)
    con.execute(f"CREATE OR REPLACE TABLE {into} AS SELECT * FROM {predictions.physical_name}")
    linker.table_management.delete_tables_created_by_splink_from_db()  # the database API's, both linkers'
    return model


def scoring_linker(trained, candidates, model: dict):
    """A linker over `candidates` with the trained model and the population's term frequencies."""
    from splink import Linker

    scorer = Linker(candidates, model, log_level=logging.ERROR)
    for column in tf_columns(model):
        scorer.table_management.register_term_frequency_lookup(
            trained.table_management.compute_tf_table(column), column)
    return scorer
