"""Transfers: pending → accepted | rejected → done, deadlines per agency, notifications, the needs-action view."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from rightswatch.platform.accounts.models import Notification
from rightswatch.platform.clues import workflow
from rightswatch.platform.clues.models import State
from rightswatch.platform.core.reminders import send_reminders
from rightswatch.platform.transfers import services
from rightswatch.platform.transfers.models import Transfer, TransferStatus


@pytest.fixture
def verifying(people, make_clue):
    clue = make_clue()
    workflow.apply(clue, "triage", people["alice"])
    workflow.apply(clue, "start_verification", people["alice"])
    return clue


def test_a_transfer_is_due_in_30_days_by_default_and_per_agency_otherwise(people, agencies, verifying, make_clue):
    t = services.send(verifying, agencies["womens_federation"], people["alice"])
    assert t.due_on == timezone.localdate() + timedelta(days=30)
    edu = agencies["education"]
    edu.feedback_days = 15
    edu.save()
    t2 = services.send(verifying, edu, people["alice"])
    assert t2.due_on == timezone.localdate() + timedelta(days=15)


def test_the_agency_accepts_and_gives_feedback_and_the_clue_moves(people, agencies, verifying):
    t = services.send(verifying, agencies["womens_federation"], people["alice"], note="请核实")
    assert Notification.objects.filter(user=people["bob"]).count() == 1
    t = services.accept(t, people["bob"])
    assert t.status == TransferStatus.ACCEPTED
    with pytest.raises(workflow.TransitionError, match="Feedback needs a text"):
        services.complete(t, people["bob"], feedback="", outcome="confirmed")
    t = services.complete(t, people["bob"], feedback="已上门走访", outcome="confirmed")
    assert t.status == TransferStatus.DONE and t.feedback == "已上门走访"
    verifying.refresh_from_db()
    assert verifying.state == State.FEEDBACK_RECEIVED
    assert Notification.objects.filter(user=people["alice"]).exists()


def test_rejection_needs_a_reason_and_only_the_receiving_agency_answers(people, agencies, verifying):
    t = services.send(verifying, agencies["womens_federation"], people["alice"])
    with pytest.raises(workflow.TransitionError, match="Only the receiving agency"):
        services.accept(t, people["charlie"])
    with pytest.raises(workflow.TransitionError, match="needs a reason"):
        services.reject(t, people["bob"], reason="")
    t = services.reject(t, people["bob"], reason="不属于本机关职责")
    assert t.status == TransferStatus.REJECTED
    with pytest.raises(workflow.TransitionError, match="not possible now"):
        services.accept(t, people["bob"])


def test_a_stale_answer_gets_a_conflict(people, agencies, verifying):
    t = services.send(verifying, agencies["womens_federation"], people["alice"])
    services.accept(t, people["bob"], expected_version=1)
    with pytest.raises(workflow.ConflictError):
        services.reject(t, people["bob"], reason="x", expected_version=1)


def test_a_transfer_cannot_go_to_a_procuratorate_or_twice_to_one_agency(people, agencies, verifying):
    with pytest.raises(workflow.TransitionError):
        services.send(verifying, agencies["procuratorate"], people["alice"])
    services.send(verifying, agencies["womens_federation"], people["alice"])
    with pytest.raises(workflow.TransitionError, match="already has an open transfer"):
        services.send(verifying, agencies["womens_federation"], people["alice"])


def test_overdue_transfers_are_flagged_and_reminded_once_a_day(people, agencies, verifying, login):
    t = services.send(verifying, agencies["womens_federation"], people["alice"],
                      due_on=date.today() - timedelta(days=2))
    assert Transfer.objects.get(pk=t.pk).overdue
    page = login(people["bob"]).get("/todo/").content.decode()
    assert 'class="overdue"' in page and verifying.clue_key in page
    before = Notification.objects.count()
    assert send_reminders() == 2  # bob (agency) and alice (sender)
    assert send_reminders() == 0
    assert Notification.objects.count() == before + 2


def test_sealed_evidence_is_not_shared_by_a_sender_without_view_sealed(people, agencies, verifying):
    t = services.send(verifying, agencies["womens_federation"], people["alice"])
    assert all(not e.get("sealed") for e in t.shared_evidence)


def test_the_partner_pages_show_masked_identities_only(people, agencies, verifying, login):
    t = services.send(verifying, agencies["womens_federation"], people["alice"])
    page = login(people["bob"]).get(f"/transfers/{t.pk}/").content.decode()
    assert verifying.subjects[0]["id_masked"] in page
    assert "Re-identify" not in page and "重新识别" not in page
