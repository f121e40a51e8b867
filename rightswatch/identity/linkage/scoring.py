"""Run Splink 5 on DuckDB: train on the data itself, then score candidate pairs.

The caller owns the DuckDB connection and the input table(s); the scored pairs come back
as a table in that connection (`unique_id_l`, `unique_id_r`, `match_probability`,
`match_weight`), filtered at the review threshold. Splink's own logging stays quiet: its
messages would name row counts only, but the privileged build keeps the console clean.
"""

from __future__ import annotations

import logging
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


def score(con: duckdb.DuckDBPyConnection, tables: list[str], settings: dict, plan: TrainingPlan,
          threshold: float, into: str = "rw_scored_pairs") -> dict:
    """Train and predict; materialise pairs with probability >= `threshold` as table `into`.

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
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    con.execute(f"CREATE OR REPLACE TABLE {into} AS SELECT * FROM {predictions.physical_name}")
    model = linker.misc.save_model_to_json(out_path=None)
    linker.table_management.delete_tables_created_by_splink_from_db()
    return model
