"""Suggestion arrows. Issuing moves the clue to suggestion_issued; the reply to reply_received."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightswatch.platform.accounts.models import Role
from rightswatch.platform.accounts.notify import notify
from rightswatch.platform.clues import workflow
from rightswatch.platform.clues.models import Clue, State
from rightswatch.platform.masking import mask_text
from rightswatch.platform.suggestions.models import Suggestion, SuggestionEvent, SuggestionStatus


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def draft(clue: Clue, user, *, recipient, facts: str, legal_basis: str, content: str) -> Suggestion:
    if not user.acts_on_clues:
        raise workflow.TransitionError(_("Your role may not draft a procuratorial suggestion."))
    if clue.state != State.CASE_OPENED:
        raise workflow.TransitionError(_("A suggestion is drafted once a case is opened."))
    s = Suggestion.objects.create(clue=clue, recipient=recipient, facts=mask_text(facts),
                                  legal_basis=mask_text(legal_basis), content=mask_text(content), created_by=user)
    SuggestionEvent.objects.create(suggestion=s, transition="draft", from_state="", to_state=s.status, actor=user)
    return s


def _arrow(s: Suggestion, name: str, source: str, target: str, user, *, reason="", expected_version=None, **fields):
    version = s.version if expected_version is None else int(expected_version)
    with transaction.atomic():
        current = Suggestion.objects.filter(pk=s.pk).values("status", "version").first()
        if current["version"] != version:
            raise workflow.ConflictError(_("This suggestion was changed by someone else after you opened it. "
                                           "Nothing was saved: reload the page and try again."))
        if current["status"] != source:
            raise workflow.TransitionError(_("This suggestion is “%(state)s”; that action is not possible now.")
                                           % {"state": SuggestionStatus(current["status"]).label})
        Suggestion.objects.filter(pk=s.pk, version=version).update(status=target, version=F("version") + 1, **fields)
        SuggestionEvent.objects.create(suggestion=s, transition=name, from_state=source, to_state=target,
                                       actor=user, reason=mask_text(reason))
    s.refresh_from_db()
    return s


def approve(s: Suggestion, user, *, expected_version=None) -> Suggestion:
    if user.role != Role.LEADER:
        raise workflow.TransitionError(_("Only a leader approves a procuratorial suggestion."))
    return _arrow(s, "approve", SuggestionStatus.DRAFT, SuggestionStatus.APPROVED, user,
                  expected_version=expected_version, approved_by=user)


def issue(s: Suggestion, user, *, delivered_on: date | None = None, number: str = "", expected_version=None):
    if not user.acts_on_clues:
        raise workflow.TransitionError(_("Your role may not issue a procuratorial suggestion."))
    delivered_on = delivered_on or timezone.localdate()
    with transaction.atomic():
        s = _arrow(s, "issue", SuggestionStatus.APPROVED, SuggestionStatus.ISSUED, user,
                   expected_version=expected_version, delivered_on=delivered_on,
                   number=number or f"检建〔{delivered_on.year}〕{s.pk}号",
                   reply_due_on=add_months(delivered_on, settings.RIGHTSWATCH_SUGGESTION_REPLY_MONTHS))
        clue = Clue.objects.get(pk=s.clue_id)
        workflow.apply(clue, "issue_suggestion", user, reason=s.number, system=True)
    notify(gettext_noop("Procuratorial suggestion %(number)s was issued to your agency; reply due %(due)s."),
           {"number": s.number, "due": s.reply_due_on.isoformat()}, "", agency=s.recipient)
    return s


def record_reply(s: Suggestion, user, *, reply_text: str, adopted: bool, replied_on: date | None = None,
                 expected_version=None) -> Suggestion:
    if not user.acts_on_clues:
        raise workflow.TransitionError(_("Your role may not record a reply."))
    reply_text = (reply_text or "").strip()
    if not reply_text:
        raise workflow.TransitionError(_("A reply needs its text."))
    replied_on = replied_on or timezone.localdate()
    with transaction.atomic():
        s = _arrow(s, "reply", SuggestionStatus.ISSUED, SuggestionStatus.REPLIED, user, reason=reply_text,
                   expected_version=expected_version, reply_text=mask_text(reply_text), replied_on=replied_on,
                   adopted=adopted,
                   follow_up_due_on=replied_on + timedelta(days=settings.RIGHTSWATCH_FOLLOW_UP_DAYS))
        workflow.apply(Clue.objects.get(pk=s.clue_id), "record_reply", user, reason=reply_text, system=True)
    return s


def record_follow_up(s: Suggestion, user, *, result: str, expected_version=None) -> Suggestion:
    if not user.acts_on_clues:
        raise workflow.TransitionError(_("Your role may not record a follow-up check."))
    result = (result or "").strip()
    if not result:
        raise workflow.TransitionError(_("The follow-up check needs its findings."))
    return _arrow(s, "check", SuggestionStatus.REPLIED, SuggestionStatus.CHECKED, user, reason=result,
                  expected_version=expected_version, follow_up_result=mask_text(result))
