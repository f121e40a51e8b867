"""Transfer arrows: send, accept, reject, complete (feedback + outcome), revoke."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightswatch.platform.accounts.notify import notify
from rightswatch.platform.clues import workflow
from rightswatch.platform.clues.models import Clue, State
from rightswatch.platform.masking import mask_text
from rightswatch.platform.transfers.models import Outcome, Transfer, TransferEvent, TransferStatus

ARROWS = {
    "accept": ((TransferStatus.PENDING,), TransferStatus.ACCEPTED),
    "reject": ((TransferStatus.PENDING,), TransferStatus.REJECTED),
    "complete": ((TransferStatus.ACCEPTED,), TransferStatus.DONE),
    "revoke": ((TransferStatus.PENDING, TransferStatus.ACCEPTED), TransferStatus.REVOKED),
}


def send(clue: Clue, agency, user, *, note: str = "", shared_evidence=None, due_on=None,
         expected_version: int | None = None) -> Transfer:
    """Transfer `clue` to `agency` (the clue moves to `transferred`)."""
    if agency.is_procuratorate:
        raise workflow.TransitionError(_("A clue is transferred to a partner agency, not to a procuratorate."))
    if Transfer.objects.filter(clue=clue, agency=agency, status__in=[TransferStatus.PENDING, TransferStatus.ACCEPTED]).exists():
        raise workflow.TransitionError(_("This clue already has an open transfer to %(agency)s.") % {"agency": agency})
    with transaction.atomic():
        if not getattr(user, "acts_on_clues", False):
            raise workflow.TransitionError(_("Your role may not take the action “%(action)s”.") % {"action": _("Transfer")})
        workflow.apply(clue, "transfer", user, reason=note, expected_version=expected_version, system=True)
        evidence = [e for e in (shared_evidence if shared_evidence is not None else clue.evidence)
                    if not e.get("sealed") or getattr(user, "can_view_sealed", False)]
        transfer = Transfer.objects.create(
            clue=clue, agency=agency, note=mask_text(note), shared_evidence=evidence, created_by=user,
            due_on=due_on or timezone.localdate() + timedelta(days=agency.transfer_days()),
        )
        TransferEvent.objects.create(transfer=transfer, transition="send", from_state="", to_state=transfer.status,
                                     actor=user, reason=transfer.note)
    notify(gettext_noop("New transfer to your agency: clue %(key)s, feedback due %(due)s."),
           {"key": clue.clue_key, "due": transfer.due_on.isoformat()}, f"/transfers/{transfer.pk}/", agency=agency)
    return transfer


def _arrow(transfer: Transfer, name: str, user, *, reason: str = "", expected_version=None, **fields) -> Transfer:
    sources, target = ARROWS[name]
    version = transfer.version if expected_version is None else int(expected_version)
    with transaction.atomic():
        current = Transfer.objects.filter(pk=transfer.pk).values("status", "version").first()
        if current["version"] != version:
            raise workflow.ConflictError(
                _("This transfer was changed by someone else after you opened it (it is now “%(state)s”). "
                  "Nothing was saved: reload the page and try again.")
                % {"state": TransferStatus(current["status"]).label})
        if current["status"] not in sources:
            raise workflow.TransitionError(
                _("This transfer is “%(state)s”; that action is not possible now.")
                % {"state": TransferStatus(current["status"]).label})
        now = timezone.now()
        n = Transfer.objects.filter(pk=transfer.pk, version=version).update(
            status=target, version=F("version") + 1, **fields)
        if n != 1:
            raise workflow.ConflictError(_("This transfer was changed by someone else at the same moment. "
                                           "Nothing was saved: reload the page and try again."))
        TransferEvent.objects.create(transfer=transfer, transition=name, from_state=current["status"],
                                     to_state=target, actor=user, at=now, reason=reason)
    transfer.refresh_from_db()
    return transfer


def _check_partner(transfer: Transfer, user) -> None:
    if user.agency_id != transfer.agency_id:
        raise workflow.TransitionError(_("Only the receiving agency answers a transfer."))


def accept(transfer: Transfer, user, *, expected_version=None) -> Transfer:
    _check_partner(transfer, user)
    t = _arrow(transfer, "accept", user, expected_version=expected_version, responded_by=user,
               responded_at=timezone.now())
    notify(gettext_noop("%(agency)s accepted the transfer of clue %(key)s."),
           {"agency": t.agency.name, "key": t.clue.clue_key}, f"/transfers/{t.pk}/", users=[t.created_by])
    return t


def reject(transfer: Transfer, user, *, reason: str, expected_version=None) -> Transfer:
    _check_partner(transfer, user)
    reason = mask_text((reason or "").strip())
    if not reason:
        raise workflow.TransitionError(_("Rejecting a transfer needs a reason."))
    t = _arrow(transfer, "reject", user, reason=reason, expected_version=expected_version, reject_reason=reason,
               responded_by=user, responded_at=timezone.now())
    notify(gettext_noop("%(agency)s rejected the transfer of clue %(key)s."),
           {"agency": t.agency.name, "key": t.clue.clue_key}, f"/transfers/{t.pk}/", users=[t.created_by])
    return t


def complete(transfer: Transfer, user, *, feedback: str, outcome: str, expected_version=None) -> Transfer:
    """The agency's feedback: the transfer is done and the clue moves to `feedback_received`."""
    _check_partner(transfer, user)
    feedback = mask_text((feedback or "").strip())
    if not feedback:
        raise workflow.TransitionError(_("Feedback needs a text."))
    if outcome not in Outcome.values:
        raise workflow.TransitionError(_("Choose an outcome."))
    with transaction.atomic():
        t = _arrow(transfer, "complete", user, reason=feedback, expected_version=expected_version,
                   feedback=feedback, outcome=outcome, responded_by=user, responded_at=timezone.now())
        clue = Clue.objects.get(pk=t.clue_id)
        if clue.state == State.TRANSFERRED:
            workflow.apply(clue, "record_feedback", user, reason=feedback, system=True)
    notify(gettext_noop("%(agency)s sent feedback on clue %(key)s."),
           {"agency": t.agency.name, "key": t.clue.clue_key}, f"/clues/{t.clue_id}/", users=[t.created_by])
    return t


def revoke(transfer: Transfer, user, *, reason: str, expected_version=None) -> Transfer:
    if not getattr(user, "acts_on_clues", False):
        raise workflow.TransitionError(_("Only the procuratorate revokes a transfer."))
    reason = mask_text((reason or "").strip())
    if not reason:
        raise workflow.TransitionError(_("Revoking a transfer needs a reason."))
    return _arrow(transfer, "revoke", user, reason=reason, expected_version=expected_version)
