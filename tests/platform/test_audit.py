"""The audit log: one hook writes it, entries are hash-chained, tampering is found, the auditor reads it."""

import pytest
from django.db import DatabaseError, connection, transaction

from rightswatch.cli import main
from rightswatch.platform.audit.models import AppendOnlyError, AuditEntry, verify
from rightswatch.platform.clues import workflow
from rightswatch.platform.transfers import services


def drop_trigger():
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_append_only")
        else:
            cur.execute("DROP TRIGGER audit_append_only")


def actions():
    return list(AuditEntry.objects.order_by("seq").values_list("action", "actor"))


def test_sign_ins_views_state_changes_exports_and_reidentifications_are_logged(people, make_clue, client, login):
    clue = make_clue()
    client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    client.post("/accounts/login/", {"username": "alice", "password": "Test-password-2026"})
    client.get(f"/clues/{clue.pk}/")
    client.post(f"/clues/{clue.pk}/do/triage/", {"version": clue.version})
    client.get("/clues/export.csv")
    lena = login(people["lena"])
    lena.post(f"/clues/{clue.pk}/reidentify/", {"subject": 0, "reason": "court order 2026-17"})
    got = actions()
    assert ("sign_in_failed", "alice") in got
    assert ("sign_in", "alice") in got
    assert ("view", "alice") in got
    assert ("state_change", "alice") in got
    assert ("export", "alice") in got
    assert ("reidentify", "lena") in got
    reid = AuditEntry.objects.get(action="reidentify")
    assert reid.detail["reason"] == "court order 2026-17" and reid.detail["vault"] in (True, False)


def test_transfer_answers_are_state_changes_in_the_log(people, agencies, make_clue):
    clue = make_clue()
    workflow.apply(clue, "triage", people["alice"])
    workflow.apply(clue, "start_verification", people["alice"])
    t = services.send(clue, agencies["womens_federation"], people["alice"])
    services.accept(t, people["bob"])
    entry = AuditEntry.objects.filter(object_type="transfer", actor="bob").get()
    assert entry.detail["transition"] == "accept" and entry.detail["to"] == "accepted"


def test_the_chain_verifies_and_names_the_first_tampered_entry(people, make_clue):
    clue = make_clue()
    for name in ("triage", "start_verification"):
        workflow.apply(clue, name, people["alice"])
    for _ in range(3):
        workflow.apply(clue, "dismiss", people["alice"], reason="x") if clue.state == "verifying" else None
    count, bad, _ = verify()
    assert bad is None and count == AuditEntry.objects.count() >= 3
    victim = AuditEntry.objects.order_by("seq")[1]
    # the database refuses a plain rewrite …
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE audit_auditentry SET actor = %s WHERE seq = %s", ["mallory", victim.seq])
    # … so an attacker with full database rights first removes the trigger, then rewrites an entry
    drop_trigger()
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditentry SET actor = %s WHERE seq = %s", ["mallory", victim.seq])
    count, bad, why = verify()
    assert bad.seq == victim.seq and "changed" in why and count == victim.seq - 1
    assert main(["audit", "verify"]) == 1


def test_a_deleted_entry_is_found(people, make_clue):
    clue = make_clue()
    workflow.apply(clue, "triage", people["alice"])
    workflow.apply(clue, "start_verification", people["alice"])
    drop_trigger()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE seq = 1")
    _, bad, why = verify()
    assert bad == 1 and "missing" in why


def test_the_log_refuses_updates_and_deletes_through_the_orm(people, make_clue):
    make_clue()
    workflow.apply(make_clue(), "triage", people["alice"])
    entry = AuditEntry.objects.first()
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(actor="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_only_the_auditor_reads_the_log_in_the_ui(people, make_clue, login):
    workflow.apply(make_clue(), "triage", people["alice"])
    page = login(people["audrey"]).get("/audit/", {"verify": "1"})
    assert page.status_code == 200
    assert 'id="verify-result"' in page.content.decode()
    for who in ("alice", "lena", "bob", "adam"):
        assert login(people[who]).get("/audit/").status_code == 404


def test_the_cli_reports_an_intact_log(people, make_clue, capsys):
    workflow.apply(make_clue(), "triage", people["alice"])
    assert main(["audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
