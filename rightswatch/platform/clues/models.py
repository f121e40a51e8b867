"""Clues, their workflow (PLATFORM.md's state machine), events and attached documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    VERIFYING = "verifying", _("Verifying")
    DISMISSED = "dismissed", _("Dismissed")
    TRANSFERRED = "transferred", _("Transferred")
    FEEDBACK_RECEIVED = "feedback_received", _("Feedback received")
    CASE_OPENED = "case_opened", _("Case opened")
    SUGGESTION_ISSUED = "suggestion_issued", _("Suggestion issued")
    REPLY_RECEIVED = "reply_received", _("Reply received")
    FOLLOW_UP = "follow_up", _("Follow-up check")
    RECTIFIED = "rectified", _("Rectified")
    LITIGATION = "litigation", _("Litigation")
    CLOSED = "closed", _("Closed")


OPEN_STATES = [s for s in State.values if s not in (State.CLOSED, State.DISMISSED)]


class Severity(models.TextChoices):
    RED = "red", _("Red")
    ORANGE = "orange", _("Orange")
    YELLOW = "yellow", _("Yellow")


class Source(models.TextChoices):
    MODEL = "model", _("Supervision model")
    PARTNER = "partner", _("Partner submission")
    MANUAL = "manual", _("Manual entry")


class Clue(models.Model):
    clue_key = models.CharField(max_length=300, unique=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MODEL)
    model_id = models.CharField(max_length=80, blank=True, default="")
    model_version = models.CharField(max_length=20, blank=True, default="")
    severity = models.CharField(max_length=8, choices=Severity.choices, default=Severity.YELLOW)
    legal_basis = models.JSONField(default=list, blank=True)
    recipients = models.JSONField(default=list, blank=True)
    actions = models.JSONField(default=list, blank=True)
    action = models.CharField(max_length=40, blank=True, default="")
    summary_zh = models.TextField(blank=True, default="")
    summary_en = models.TextField(blank=True, default="")
    region_code = models.CharField(max_length=12, blank=True, default="")
    event_on = models.DateField(null=True, blank=True)
    as_of = models.DateField(null=True, blank=True)
    subjects = models.JSONField(default=list, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    sealed_evidence = models.BooleanField(default=False)
    store_status = models.CharField(max_length=20, blank=True, default="detected")
    first_detected_run = models.CharField(max_length=80, blank=True, default="")
    last_detected_run = models.CharField(max_length=80, blank=True, default="")
    submitted_by_agency = models.ForeignKey(
        "accounts.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="submitted_clues"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Workflow.
    state = models.CharField(max_length=20, choices=State.choices, default=State.NEW)
    version = models.PositiveIntegerField(default=1)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_clues"
    )
    search_text = models.TextField(blank=True, default="", help_text="Lower-cased text the search box matches.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["region_code", "id"]),
            models.Index(fields=["state", "id"]),
            models.Index(fields=["model_id", "id"]),
            models.Index(fields=["severity", "id"]),
            models.Index(fields=["event_on"]),
        ]

    def __str__(self) -> str:
        return self.clue_key

    def summary(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "").startswith("en") and self.summary_en:
            return self.summary_en
        return self.summary_zh or self.summary_en

    def build_search_text(self) -> str:
        parts = [self.clue_key, self.model_id, self.summary_zh, self.summary_en, self.region_code,
                 " ".join(self.legal_basis or [])]
        return " ".join(p for p in parts if p).lower()

    @property
    def model_name(self) -> str:
        from rightswatch.platform.clues.catalogue import model_name

        return model_name(self.model_id)


class ClueEvent(models.Model):
    """One arrow of the state machine, taken: who, when, why, which documents."""

    is_state_event = True
    audit_object_type = "clue"

    clue = models.ForeignKey(Clue, on_delete=models.CASCADE, related_name="events")
    transition = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["at", "id"]

    @property
    def audit_object_id(self):
        return self.clue_id

    def get_transition_display(self) -> str:
        from rightswatch.platform.clues.workflow import TRANSITIONS

        t = TRANSITIONS.get(self.transition)
        return t.label if t else self.transition


def document_path(instance, filename: str) -> str:
    return f"clues/{instance.clue_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Document(models.Model):
    clue = models.ForeignKey(Clue, on_delete=models.CASCADE, related_name="documents")
    event = models.ForeignKey(ClueEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents")
    file = models.FileField(upload_to=document_path)
    name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
