"""The planted truth equals what an independent reading of MODELS.md finds in the files."""

import json

import pytest

from rightswatch.synth import generate_bundle

from .synth_reference import evaluate


def _compare(folder):
    truth = {json.loads(line)["clue_key"] for line in (folder / "truth.jsonl").read_text("utf-8").splitlines()}
    found = evaluate(folder)
    assert sorted(found - truth) == [], "background or near-miss raises a clue the truth lacks"
    assert sorted(truth - found) == [], "planted positive not found"


def test_truth_equals_reference_reading(bundle):
    folder, _ = bundle
    _compare(folder)


@pytest.mark.parametrize(("seed", "as_of"), [(11, "2027-01-15"), (12, "2028-03-01")])
def test_truth_equals_reference_reading_at_other_dates(tmp_path, seed, as_of):
    """Autumn terms, January, a leap year: the planting follows as_of."""
    generate_bundle(str(tmp_path), scale="tiny", seed=seed, as_of=as_of)
    _compare(tmp_path)
