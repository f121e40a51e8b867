"""A workspace named by a `file://` URI works wherever a path does (issue 6, storage).

DuckDB only here (no JVM in this module: every Spark test shares one session in
test_same_answers.py, where the Spark CLI test names its workspace by URI too).
"""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from rightswatch.clues.store import ClueStore
from rightswatch.engine.cli import run
from rightswatch.errors import RightsWatchError
from rightswatch.ingest import Workspace, ingest_path
from rightswatch.location import workspace_path
from tests.models.cases import write_bundle
from tests.spark import edge_cases


def test_file_uris_name_local_paths_and_object_storage_is_refused(tmp_path):
    assert workspace_path(tmp_path.as_uri()) == tmp_path
    assert workspace_path(f"file://localhost{tmp_path}") == tmp_path
    assert workspace_path("file:///srv/a%20b/ws") == workspace_path("/srv/a b/ws")
    assert workspace_path("relative/ws") == workspace_path("relative/ws")
    for uri in ("s3://bucket/ws", "s3a://bucket/ws", "hdfs://nn:8020/ws", "file://otherhost/ws"):
        with pytest.raises(RightsWatchError):
            workspace_path(uri)


def test_ingest_run_and_clue_store_through_a_file_uri(tmp_path):
    write_bundle(tmp_path / "bundle", edge_cases.edge_bundle(), as_of=edge_cases.AS_OF)
    uri = (tmp_path / "ws").as_uri()
    ingest_path(tmp_path / "bundle", uri)
    ws = Workspace(uri)
    assert ws.root == tmp_path / "ws" and ws.exists()
    result = CliRunner().invoke(run, ["-w", uri, "--as-of", edge_cases.AS_OF_DATES[0].isoformat()])
    assert result.exit_code == 0, result.output
    by_uri = {c["clue_key"] for c in ClueStore(uri).clues()}
    assert by_uri and by_uri == {c["clue_key"] for c in ClueStore(tmp_path / "ws").clues()}
    # The same answers as the plain path gives.
    plain = tmp_path / "plain"
    shutil.copytree(tmp_path / "ws", plain)
    shutil.rmtree(plain / "clues", ignore_errors=True)
    result = CliRunner().invoke(run, ["-w", str(plain), "--as-of", edge_cases.AS_OF_DATES[0].isoformat()])
    assert result.exit_code == 0, result.output
    assert {c["clue_key"] for c in ClueStore(plain).clues()} == by_uri
