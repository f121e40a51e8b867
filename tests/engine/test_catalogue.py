"""Model files are checked when loaded."""

from __future__ import annotations

import pytest

from rightswatch.engine.catalogue import ModelDefinitionError, _check, load_model, load_models, model_ids
from rightswatch.engine.pipeline import parse_steps


def test_every_model_carries_what_a_clue_needs():
    for model_id in model_ids():
        spec = load_model(model_id)
        meta = spec.meta
        assert spec.id == model_id and meta["title"]["zh"] and meta["title"]["en"]
        assert meta["legal_basis"] and meta["recipients"] and meta["actions"]
        assert meta["not"] or model_id == "compulsory_education_out_of_school"
        assert meta["clue_key"]["example"].startswith(model_id + ":")


def test_unknown_model_ids_are_refused():
    with pytest.raises(ModelDefinitionError):
        load_models(["no_such_model"])


def test_a_malformed_model_is_refused():
    good = load_model("venue_admits_minor").meta
    steps = parse_steps("-- step: clues\nSELECT 1\n-- step: items\nSELECT 1")
    with pytest.raises(ModelDefinitionError, match="unknown inputs"):
        _check("venue_admits_minor", {**good, "inputs": ["no_such_dataset"]}, steps)
    with pytest.raises(ModelDefinitionError, match="recipients"):
        _check("venue_admits_minor", {**good, "recipients": ["police"]}, steps)
    with pytest.raises(ModelDefinitionError, match="items"):
        _check("venue_admits_minor", good, parse_steps("-- step: clues\nSELECT 1"))
