"""Transfers (线索移送): a clue sent to one agency, pending → accepted | rejected → done, with a deadline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    DONE = "done", _("Done")
    REVOKED = "revoked", _("Revoked")


class Outcome(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed and handled")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")
    ACTION_TAKEN = "action_taken", _("Measures taken")
    OTHER = "other", _("Other")


OPEN_TRANSFER = [TransferStatus.PENDING, TransferStatus.ACCEPTED]


class Transfer(models.Model):
    clue = models.ForeignKey("clues.Clue", on_delete=models.CASCADE, related_name="transfers")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="transfers")
    status = models.CharField(max_length=12, choices=TransferStatus.choices, default=TransferStatus.PENDING)
    version = models.PositiveIntegerField(default=1)
    note = models.TextField(blank=True, default="")
    shared_evidence = models.JSONField(default=list, blank=True, help_text="Evidence rows the sender chose to share.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    reject_reason = models.TextField(blank=True, default="")
    feedback = models.TextField(blank=True, default="")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True, default="")
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["status", "due_on"])]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_TRANSFER

    @property
    def overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class TransferEvent(models.Model):
    is_state_event = True
    audit_object_type = "transfer"

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="events")
    transition = models.CharField(max_length=20)
    from_state = models.CharField(max_length=12)
    to_state = models.CharField(max_length=12)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["at", "id"]

    @property
    def audit_object_id(self):
        return self.transfer_id
