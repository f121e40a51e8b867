"""Overdue reminders (idempotent: one notification per item, user and day)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_noop

from rightswatch.platform.accounts.notify import notify
from rightswatch.platform.consultations.models import ActionItem
from rightswatch.platform.suggestions.models import Suggestion, SuggestionStatus
from rightswatch.platform.transfers.models import OPEN_TRANSFER, Transfer


def send_reminders() -> int:
    today = timezone.localdate()
    n = 0
    for t in Transfer.objects.filter(status__in=OPEN_TRANSFER, due_on__lt=today).select_related("clue", "agency"):
        params = {"key": t.clue.clue_key, "due": t.due_on.isoformat()}
        msg = gettext_noop("Overdue transfer: feedback on clue %(key)s was due %(due)s.")
        n += notify(msg, params, f"/transfers/{t.pk}/", agency=t.agency, users=[t.created_by],
                    key=f"transfer-{t.pk}-{today}")
    for s in Suggestion.objects.filter(status=SuggestionStatus.ISSUED, reply_due_on__lt=today):
        n += notify(gettext_noop("Overdue reply to procuratorial suggestion %(number)s (due %(due)s)."),
                    {"number": s.number, "due": s.reply_due_on.isoformat()}, f"/suggestions/{s.pk}/",
                    users=[s.created_by], agency=s.recipient, key=f"suggestion-{s.pk}-{today}")
    for s in Suggestion.objects.filter(status=SuggestionStatus.REPLIED, follow_up_due_on__lt=today):
        n += notify(gettext_noop("Follow-up check of suggestion %(number)s is due."), {"number": s.number},
                    f"/suggestions/{s.pk}/", users=[s.created_by], key=f"followup-{s.pk}-{today}")
    for item in ActionItem.objects.filter(done=False, due_on__lt=today).select_related("consultation"):
        n += notify(gettext_noop("Overdue action item of consultation “%(title)s”: %(text)s"),
                    {"title": item.consultation.title, "text": item.text}, f"/consultations/{item.consultation_id}/",
                    agency=item.owner_agency, key=f"item-{item.pk}-{today}")
    return n
