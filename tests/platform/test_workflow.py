"""The clue state machine: every arrow records who/when/why; illegal arrows and stale versions are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightswatch.platform.clues import workflow
from rightswatch.platform.clues.models import ClueEvent, State
from rightswatch.platform.suggestions import services as suggestions
from rightswatch.platform.transfers import services as transfers


def test_it_walks_the_case_path_to_closed(people, agencies, make_clue):
    alice, lena = people["alice"], people["lena"]
    clue = make_clue()
    workflow.apply(clue, "triage", alice)
    workflow.apply(clue, "start_verification", alice)
    workflow.apply(clue, "open_case", alice, reason="facts confirmed")
    s = suggestions.draft(clue, alice, recipient=agencies["public_security"], facts="f", legal_basis="l", content="c")
    s = suggestions.approve(s, lena)
    s = suggestions.issue(s, alice)
    clue.refresh_from_db()
    assert clue.state == State.SUGGESTION_ISSUED
    s = suggestions.record_reply(s, alice, reply_text="整改完毕", adopted=True)
    clue.refresh_from_db()
    workflow.apply(clue, "start_follow_up", alice)
    workflow.apply(clue, "confirm_rectified", alice, reason="回头看：已整改")
    workflow.apply(clue, "close", alice)
    clue.refresh_from_db()
    assert clue.state == State.CLOSED
    steps = list(clue.events.values_list("transition", "actor__username"))
    assert [s for s, _ in steps] == ["triage", "start_verification", "open_case", "issue_suggestion", "record_reply",
                                     "start_follow_up", "confirm_rectified", "close"]
    assert all(who == "alice" for _, who in steps)


def test_it_refuses_an_illegal_transition_with_a_clear_message(people, make_clue):
    clue = make_clue()
    with pytest.raises(workflow.TransitionError, match="not possible while the clue is"):
        workflow.apply(clue, "close", people["alice"])
    clue.refresh_from_db()
    assert clue.state == State.NEW and clue.events.count() == 0


def test_dismissal_needs_a_reason(people, make_clue):
    clue = make_clue()
    with pytest.raises(workflow.TransitionError, match="needs a reason"):
        workflow.apply(clue, "dismiss", people["alice"], reason="  ")
    workflow.apply(clue, "dismiss", people["alice"], reason="duplicate of a known case")
    assert clue.events.get().reason == "duplicate of a known case"


def test_roles_without_the_right_cannot_move_a_clue(people, make_clue):
    clue = make_clue()
    for name in ("anna", "bob", "audrey"):
        with pytest.raises(workflow.TransitionError):
            workflow.apply(clue, "triage", people[name])


def test_the_second_of_two_concurrent_changes_gets_a_conflict_and_nothing_is_lost(people, make_clue, login):
    clue = make_clue()
    version = clue.version
    workflow.apply(clue, "triage", people["alice"], expected_version=version)
    with pytest.raises(workflow.ConflictError, match="changed by alice"):
        workflow.apply(clue, "dismiss", people["lena"], reason="no", expected_version=version)
    clue.refresh_from_db()
    assert clue.state == State.TRIAGED and clue.version == version + 1
    # the page shows it as a message, too
    c = login(people["lena"])
    r = c.post(f"/clues/{clue.pk}/do/start_verification/", {"version": version, "reason": ""}, follow=True)
    assert "alice" in r.content.decode()
    clue.refresh_from_db()
    assert clue.state == State.TRIAGED


def test_a_transition_from_the_page_attaches_the_document_and_masks_ids_in_the_reason(people, make_clue, login):
    clue = make_clue()
    c = login(people["alice"])
    doc = SimpleUploadedFile("note.txt", b"verification note")
    c.post(f"/clues/{clue.pk}/do/dismiss/", {"version": clue.version, "reason": "重复 340202201205011234",
                                              "document": doc})
    event = ClueEvent.objects.get(clue=clue)
    assert event.reason == "重复 340202********1234"
    assert event.documents.get().name == "note.txt"


def test_a_rejected_transfer_can_go_back_to_verification_with_a_reason(people, agencies, make_clue):
    clue = make_clue()
    workflow.apply(clue, "triage", people["alice"])
    workflow.apply(clue, "start_verification", people["alice"])
    t = transfers.send(clue, agencies["womens_federation"], people["alice"])
    transfers.reject(t, people["bob"], reason="not our competence")
    clue.refresh_from_db()
    with pytest.raises(workflow.TransitionError):
        workflow.apply(clue, "reopen_verification", people["alice"])
    workflow.apply(clue, "reopen_verification", people["alice"], reason="send to public security instead")
    clue.refresh_from_db()
    assert clue.state == State.VERIFYING
