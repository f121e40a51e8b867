"""Procuratorial suggestions (two-month reply, follow-up) and consultations (action items)."""

from datetime import date, timedelta

import pytest

from rightswatch.platform.clues import workflow
from rightswatch.platform.consultations.models import ActionItem, Consultation
from rightswatch.platform.suggestions import services
from rightswatch.platform.suggestions.models import Suggestion


@pytest.mark.parametrize("day, due", [(date(2026, 3, 14), date(2026, 5, 14)), (date(2026, 12, 31), date(2027, 2, 28)),
                                      (date(2027, 12, 30), date(2028, 2, 29))])
def test_the_reply_is_due_two_months_after_delivery(day, due):
    assert services.add_months(day, 2) == due


@pytest.fixture
def case(people, make_clue):
    clue = make_clue()
    for name in ("triage", "start_verification"):
        workflow.apply(clue, name, people["alice"])
    workflow.apply(clue, "open_case", people["alice"], reason="立案")
    return clue


def test_a_suggestion_needs_a_leaders_approval_before_issue(people, agencies, case):
    s = services.draft(case, people["alice"], recipient=agencies["education"], facts="f", legal_basis="l",
                       content="c")
    with pytest.raises(workflow.TransitionError, match="leader"):
        services.approve(s, people["alice"])
    with pytest.raises(workflow.TransitionError):
        services.issue(s, people["alice"])
    s = services.approve(s, people["lena"])
    s = services.issue(s, people["alice"], delivered_on=date(2026, 3, 14))
    assert s.reply_due_on == date(2026, 5, 14) and s.number


def test_overdue_replies_are_flagged_and_the_follow_up_is_due_after_the_reply(people, agencies, case, login):
    s = services.draft(case, people["alice"], recipient=agencies["education"], facts="f", legal_basis="", content="c")
    s = services.issue(services.approve(s, people["lena"]), people["alice"],
                       delivered_on=date.today() - timedelta(days=70))
    assert Suggestion.objects.get(pk=s.pk).reply_overdue
    assert "overdue" in login(people["alice"]).get("/todo/").content.decode()
    s = services.record_reply(s, people["alice"], reply_text="已整改", adopted=True)
    assert s.follow_up_due_on > date.today()
    s = services.record_follow_up(s, people["alice"], result="回头看：整改到位")
    assert s.status == "checked"


def test_consultation_with_action_items_through_the_pages(people, agencies, case, login):
    alice = login(people["alice"])
    r = alice.post("/consultations/new/", {"title": "联席会商", "held_on": "2026-06-01",
                                           "agencies": [agencies["womens_federation"].pk, agencies["education"].pk],
                                           "clue_ids": f"{case.pk}, 999999", "minutes": "纪要", "decisions": "决定"})
    c = Consultation.objects.get()
    assert r.status_code == 302 and list(c.clues.all()) == [case]
    alice.post(f"/consultations/{c.pk}/items/", {"text": "上门走访", "owner_agency": agencies["womens_federation"].pk,
                                                 "due_on": "2026-01-01"})
    item = ActionItem.objects.get()
    assert item.overdue
    bob = login(people["bob"])
    assert "上门走访" in bob.get("/todo/").content.decode()
    assert bob.post(f"/consultations/{c.pk}/items/{item.pk}/done/").status_code == 302
    item.refresh_from_db()
    assert item.done


def test_the_suggestion_pages_walk_draft_approve_issue_reply_check(people, agencies, case, login):
    alice, lena = login(people["alice"]), login(people["lena"])
    alice.post(f"/suggestions/new/{case.pk}/", {"recipient": agencies["education"].pk, "facts": "查明：学校未落实",
                                                  "legal_basis": "义务教育法 第五条", "content": "建议整改"})
    s = Suggestion.objects.get()
    assert "等待院领导审批" in alice.get(f"/suggestions/{s.pk}/").content.decode()
    alice.post(f"/suggestions/{s.pk}/approve/", {"version": s.version})
    s.refresh_from_db()
    assert s.status == "draft"  # a prosecutor cannot approve
    lena.post(f"/suggestions/{s.pk}/approve/", {"version": s.version})
    s.refresh_from_db()
    alice.post(f"/suggestions/{s.pk}/issue/", {"version": s.version, "on": "2026-03-14"})
    s.refresh_from_db()
    assert s.status == "issued" and s.reply_due_on == date(2026, 5, 14)
    alice.post(f"/suggestions/{s.pk}/reply/", {"version": s.version, "text": "已整改", "adopted": "on"})
    s.refresh_from_db()
    alice.post(f"/suggestions/{s.pk}/check/", {"version": s.version, "text": "回头看：到位"})
    s.refresh_from_db()
    assert s.status == "checked" and s.adopted is True
    case.refresh_from_db()
    assert case.state == "reply_received"
    assert [e.transition for e in s.events.order_by("id")] == ["draft", "approve", "issue", "reply", "check"]
