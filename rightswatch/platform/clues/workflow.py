"""The clue state machine of PLATFORM.md: each arrow a Transition, applied by one function.

`apply()` checks the arrow, the actor's role, the reason, and the clue's version (optimistic
locking, by a conditional UPDATE), then writes one ClueEvent (the audit hook listens to it)
and attaches the documents. Illegal or stale requests raise TransitionError or ConflictError
with a message a person can act on; nothing is saved then.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightswatch.platform.clues.models import Clue, ClueEvent, Document, State
from rightswatch.platform.masking import mask_text


class TransitionError(Exception):
    """An arrow that does not exist from here, a missing reason, or a role that may not take it."""


class ConflictError(Exception):
    """Someone else changed the clue since it was read; nothing was saved."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: object  # lazy translation
    sources: tuple[str, ...]
    target: str
    reason_required: bool = False
    manual: bool = True  # offered as a button on the clue page (others are taken by transfers/suggestions)


TRANSITIONS: dict[str, Transition] = {t.name: t for t in [
    Transition("triage", gettext_lazy("Triage"), (State.NEW,), State.TRIAGED),
    Transition("start_verification", gettext_lazy("Start verification"), (State.TRIAGED,), State.VERIFYING),
    Transition("dismiss", gettext_lazy("Dismiss"), (State.NEW, State.TRIAGED, State.VERIFYING), State.DISMISSED,
               reason_required=True),
    Transition("transfer", gettext_lazy("Transfer"), (State.VERIFYING, State.TRANSFERRED), State.TRANSFERRED,
               manual=False),
    Transition("record_feedback", gettext_lazy("Feedback received"), (State.TRANSFERRED,), State.FEEDBACK_RECEIVED,
               manual=False),
    Transition("reopen_verification", gettext_lazy("Back to verification"), (State.TRANSFERRED,), State.VERIFYING,
               reason_required=True),
    Transition("open_case", gettext_lazy("Open a case"), (State.VERIFYING, State.FEEDBACK_RECEIVED),
               State.CASE_OPENED, reason_required=True),
    Transition("issue_suggestion", gettext_lazy("Issue the suggestion"), (State.CASE_OPENED,),
               State.SUGGESTION_ISSUED, manual=False),
    Transition("record_reply", gettext_lazy("Reply received"), (State.SUGGESTION_ISSUED,), State.REPLY_RECEIVED,
               manual=False),
    Transition("start_follow_up", gettext_lazy("Start the follow-up check"), (State.REPLY_RECEIVED,),
               State.FOLLOW_UP),
    Transition("confirm_rectified", gettext_lazy("Confirm rectification"), (State.FOLLOW_UP,), State.RECTIFIED,
               reason_required=True),
    Transition("start_litigation", gettext_lazy("Start litigation"), (State.FOLLOW_UP,), State.LITIGATION,
               reason_required=True),
    Transition("close", gettext_lazy("Close"), (State.FEEDBACK_RECEIVED, State.RECTIFIED, State.LITIGATION),
               State.CLOSED),
]}


def available(clue: Clue, user) -> list[Transition]:
    """The buttons a user gets on a clue page."""
    if not getattr(user, "acts_on_clues", False):
        return []
    return [t for t in TRANSITIONS.values() if t.manual and clue.state in t.sources]


def apply(clue: Clue, name: str, user, *, reason: str = "", expected_version: int | None = None,
          files=(), system: bool = False) -> ClueEvent:
    """Take arrow `name` on `clue`. `system=True` for arrows taken by transfers and suggestions."""
    t = TRANSITIONS.get(name)
    if t is None:
        raise TransitionError(_("Unknown action “%(name)s”.") % {"name": name})
    if not system and not (t.manual and getattr(user, "acts_on_clues", False)):
        raise TransitionError(_("Your role may not take the action “%(action)s”.") % {"action": t.label})
    reason = mask_text((reason or "").strip())
    if t.reason_required and not reason:
        raise TransitionError(_("“%(action)s” needs a reason.") % {"action": t.label})
    version = clue.version if expected_version is None else int(expected_version)
    with transaction.atomic():
        current = Clue.objects.filter(pk=clue.pk).values("state", "version").first()
        if current is None:
            raise TransitionError(_("This clue no longer exists."))
        if current["version"] != version:
            last = ClueEvent.objects.filter(clue_id=clue.pk).select_related("actor").order_by("-id").first()
            who = last.actor.display() if last and last.actor else _("someone else")
            raise ConflictError(
                _("This clue was changed by %(who)s after you opened it (it is now “%(state)s”). "
                  "Nothing was saved: reload the page, check the change and try again.")
                % {"who": who, "state": State(current["state"]).label}
            )
        if current["state"] not in t.sources:
            raise TransitionError(
                _("“%(action)s” is not possible while the clue is “%(state)s”.")
                % {"action": t.label, "state": State(current["state"]).label}
            )
        now = timezone.now()
        updated = Clue.objects.filter(pk=clue.pk, version=version, state=current["state"]).update(
            state=t.target, version=F("version") + 1, updated_at=now
        )
        if updated != 1:  # lost a race between the read and the write
            raise ConflictError(_("This clue was changed by someone else at the same moment. Nothing was saved: "
                                  "reload the page and try again."))
        event = ClueEvent.objects.create(
            clue=clue, transition=t.name, from_state=current["state"], to_state=t.target, actor=user, at=now,
            reason=reason,
        )
        for f in files:
            Document.objects.create(clue=clue, event=event, file=f, name=f.name[:200], uploaded_by=user)
    clue.state, clue.version, clue.updated_at = t.target, version + 1, now
    return event
