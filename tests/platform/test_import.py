"""Importing clue records (docs/clue-record.md): JSONL files, the workspace store, re-import by clue_key."""

import json

import pytest
from click.testing import CliRunner

from rightswatch.cli import cli
from rightswatch.platform.clues import workflow
from rightswatch.platform.clues.fixtures import records
from rightswatch.platform.clues.importer import ClueRecordError, import_records, read_jsonl
from rightswatch.platform.clues.models import Clue, State


def write(path, recs):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    return path


def test_it_imports_a_jsonl_export_and_updates_by_key_keeping_the_workflow(db, tmp_path, people):
    recs = records(20)
    result = import_records(read_jsonl(write(tmp_path / "clues.jsonl", recs)))
    assert (result.created, result.updated) == (20, 0)
    clue = Clue.objects.get(clue_key=recs[0]["clue_key"])
    assert clue.subjects[0]["id_masked"].count("*") == 8
    workflow.apply(clue, "triage", people["alice"])

    recs[0]["evidence"].append({"dataset": "hotel_stays", "record_id": "HS-NEW", "note": "new run"})
    recs[0]["status"] = "not_redetected"
    result = import_records(read_jsonl(write(tmp_path / "clues2.jsonl", recs)))
    assert (result.created, result.updated) == (0, 20)
    clue.refresh_from_db()
    assert clue.state == State.TRIAGED  # workflow kept
    assert clue.evidence[-1]["record_id"] == "HS-NEW"
    assert clue.store_status == "not_redetected"
    assert Clue.objects.count() == 20


@pytest.mark.parametrize(
    "change, field",
    [({"severity": "purple"}, "severity"), ({"clue_key": ""}, "clue_key"), ({"event_on": "14/03/2026"}, "event_on"),
     ({"subjects": "x"}, "subjects"), ({"summary_zh": "身份证 340202201205011234 的女孩"}, "summary_zh")],
)
def test_it_refuses_a_bad_record_naming_the_field(db, tmp_path, change, field):
    rec = records(1)[0] | change
    with pytest.raises(ClueRecordError, match=field):
        import_records(read_jsonl(write(tmp_path / "bad.jsonl", [rec])))
    assert Clue.objects.count() == 0


def test_the_cli_imports_a_file_and_a_workspace_store(db, tmp_path):
    write(tmp_path / "clues.jsonl", records(5))
    runner = CliRunner()
    out = runner.invoke(cli, ["platform", "import-clues", str(tmp_path / "clues.jsonl")])
    assert out.exit_code == 0, out.output
    assert "5 new" in out.output
    ws = tmp_path / "ws"
    (ws / "clues").mkdir(parents=True)
    write(ws / "clues" / "part-1.jsonl", records(7, seed=8)[5:])
    out = runner.invoke(cli, ["platform", "import-clues", "--workspace", str(ws)])
    assert out.exit_code == 0, out.output
    assert Clue.objects.count() == 7


def test_the_cli_needs_a_file_or_a_workspace(db):
    out = CliRunner().invoke(cli, ["platform", "import-clues"])
    assert out.exit_code != 0
    assert "FILE or --workspace" in out.output


def test_it_imports_the_engines_clue_store_and_a_rerun_updates(db, tmp_path, people):
    import datetime as dt

    from rightswatch.clues.store import ClueStore
    from rightswatch.platform.clues.importer import read_workspace

    recs = records(6, model_id="hotel_minor_with_unrelated_adult")
    store = ClueStore(tmp_path)
    store.record_run("run-1", dt.date(2026, 6, 30), {"hotel_minor_with_unrelated_adult": "1.0.0"},
                     dt.datetime(2026, 6, 30, 12), recs)
    assert import_records(read_workspace(tmp_path)).created == 6
    clue = Clue.objects.get(clue_key=recs[0]["clue_key"])
    workflow.apply(clue, "triage", people["alice"])
    # a second run no longer finds the first clue: it is kept, marked, and its workflow stays
    store.record_run("run-2", dt.date(2026, 7, 31), {"hotel_minor_with_unrelated_adult": "1.0.0"},
                     dt.datetime(2026, 7, 31, 12), recs[1:])
    result = import_records(read_workspace(tmp_path))
    assert (result.created, result.updated) == (0, 6)
    clue.refresh_from_db()
    assert clue.store_status == "not_redetected" and clue.state == State.TRIAGED
