"""Procuratorial suggestions (检察建议): draft → approved → issued → replied → checked (回头看)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SuggestionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    ISSUED = "issued", _("Issued")
    REPLIED = "replied", _("Replied")
    CHECKED = "checked", _("Follow-up checked")


class Suggestion(models.Model):
    clue = models.ForeignKey("clues.Clue", on_delete=models.CASCADE, related_name="suggestions")
    number = models.CharField(max_length=60, blank=True, default="")
    recipient = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="suggestions")
    facts = models.TextField()
    legal_basis = models.TextField(blank=True, default="")
    content = models.TextField()
    status = models.CharField(max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    delivered_on = models.DateField(null=True, blank=True)
    reply_due_on = models.DateField(null=True, blank=True)
    reply_text = models.TextField(blank=True, default="")
    replied_on = models.DateField(null=True, blank=True)
    adopted = models.BooleanField(null=True, blank=True)
    follow_up_due_on = models.DateField(null=True, blank=True)
    follow_up_result = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-id"]

    @property
    def reply_overdue(self) -> bool:
        return self.status == SuggestionStatus.ISSUED and self.reply_due_on and self.reply_due_on < timezone.localdate()

    @property
    def follow_up_overdue(self) -> bool:
        return (self.status == SuggestionStatus.REPLIED and self.follow_up_due_on
                and self.follow_up_due_on < timezone.localdate())


class SuggestionEvent(models.Model):
    is_state_event = True
    audit_object_type = "suggestion"

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="events")
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
        return self.suggestion_id
