"""Consultations (案件会商): a meeting of agencies over linked clues, with minutes, decisions and action items."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Consultation(models.Model):
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    region_code = models.CharField(max_length=12, blank=True, default="")
    agencies = models.ManyToManyField("accounts.Agency", related_name="consultations")
    clues = models.ManyToManyField("clues.Clue", related_name="consultations", blank=True)
    minutes = models.TextField(blank=True, default="")
    decisions = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class ActionItem(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="action_items")
    text = models.CharField(max_length=500)
    owner_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="action_items")
    due_on = models.DateField()
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    @property
    def overdue(self) -> bool:
        return not self.done and self.due_on < timezone.localdate()
