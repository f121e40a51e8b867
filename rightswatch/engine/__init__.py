"""The model engine: the only place that opens an analysis engine (DuckDB; later Spark).

Public surface: `run_models` (model rows), `run_and_store` (rows → clue store), and the
model catalogue. Everything else is internal and may move.
"""

from rightswatch.engine.catalogue import ModelSpec, load_model, load_models, model_ids
from rightswatch.engine.runner import ModelResult, RunOutput, run_models
from rightswatch.engine.session import RunSummary, run_and_store

__all__ = ["ModelResult", "ModelSpec", "RunOutput", "RunSummary", "load_model", "load_models", "model_ids",
           "run_and_store", "run_models"]
