import json

from click.testing import CliRunner

from rightswatch.synth.cli import synth
from rightswatch.synth.plant import planters

ISSUE_3_MODELS = {
    "hotel_minor_with_unrelated_adult", "hotel_minor_checkin_without_inquiry", "venue_admits_minor",
    "barred_person_in_child_contact_post", "minor_pregnancy_not_reported", "compulsory_education_out_of_school",
    "unsupported_child_without_benefit", "domestic_violence_without_warning", "protection_order_violated",
    "recruitment_gender_discrimination",
}
ISSUE_7_MODELS = {
    "birth_to_child_mother", "child_injury_not_reported", "hidden_dropout", "child_witness_of_domestic_violence",
    "child_labour", "venue_near_school", "juvenile_record_not_sealed", "victim_eligible_for_judicial_aid",
    "unregistered_child", "child_with_multiple_signals",
}
ALL_MODELS = ISSUE_3_MODELS | ISSUE_7_MODELS


def test_every_planter_is_discovered_by_its_file_name():
    assert set(planters()) == ALL_MODELS


def test_cli_writes_a_bundle_with_the_as_of_asked(tmp_path):
    result = CliRunner().invoke(synth, ["--scale", "tiny", "--seed", "5", "--out", str(tmp_path),
                                       "--as-of", "2026-06-30"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["as_of"] == "2026-06-30"
    assert (tmp_path / "as_of.txt").read_text().strip() == "2026-06-30"
    assert set(summary["truth"]) == ALL_MODELS
