"""Agencies, users with roles, jurisdictions and permissions, API tokens and notifications."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    PROCURATORATE = "procuratorate", _("Procuratorate")
    WOMENS_FEDERATION = "womens_federation", _("Women's federation")
    PUBLIC_SECURITY = "public_security", _("Public security")
    EDUCATION = "education", _("Education")
    CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs")
    HEALTH = "health", _("Health")
    CULTURE_TOURISM = "culture_tourism", _("Culture and tourism")
    MARKET_REGULATION = "market_regulation", _("Market regulation")
    HUMAN_RESOURCES = "human_resources", _("Human resources")
    COURT = "court", _("Court")


class Agency(models.Model):
    code = models.SlugField(unique=True, max_length=64)
    kind = models.CharField(max_length=32, choices=AgencyKind.choices)
    name = models.CharField(max_length=200)
    region_code = models.CharField(max_length=12, blank=True, default="")
    feedback_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Days a transfer's feedback is due after sending; empty = the default (30)."
    )

    class Meta:
        ordering = ["kind", "code"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    @property
    def is_procuratorate(self) -> bool:
        return self.kind == AgencyKind.PROCURATORATE

    def transfer_days(self) -> int:
        return self.feedback_days or settings.RIGHTSWATCH_TRANSFER_FEEDBACK_DAYS


class Role(models.TextChoices):
    PROSECUTOR = "prosecutor", _("Prosecutor")
    LEADER = "leader", _("Leader")
    ANALYST = "analyst", _("Analyst")
    PARTNER = "partner", _("Partner agency staff")
    PUBLICIST = "publicist", _("Law popularisation staff")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")


# Roles that work clues of their jurisdiction.
CLUE_ROLES = {Role.PROSECUTOR, Role.LEADER, Role.ANALYST}
# Roles that may change a clue's state.
ACTING_ROLES = {Role.PROSECUTOR, Role.LEADER}


class User(AbstractUser):
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PROSECUTOR)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    jurisdiction = models.CharField(
        max_length=12, blank=True, default="", help_text="Region-code prefix this user sees ('' = all regions)."
    )
    can_view_sealed = models.BooleanField(default=False)
    can_reidentify = models.BooleanField(default=False)
    can_export = models.BooleanField(default=False)

    @property
    def works_clues(self) -> bool:
        return self.role in CLUE_ROLES

    @property
    def acts_on_clues(self) -> bool:
        return self.role in ACTING_ROLES

    @property
    def is_partner(self) -> bool:
        return self.role == Role.PARTNER

    def display(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A partner system's token: only its SHA-256 is stored; it acts as its user, with the user's scope."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked = models.BooleanField(default=False)

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        key = "rw_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_hash=cls.hash(key)), key


class Notification(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=300, help_text="An English message id, translated when shown.")
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True, default="")
    key = models.CharField(max_length=200, blank=True, default="", help_text="Deduplicates reminders.")
    created_at = models.DateTimeField(default=timezone.now)
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read"])]

    def render(self) -> str:
        from django.utils.translation import gettext

        try:
            return gettext(self.message) % self.params
        except (KeyError, TypeError, ValueError):
            return gettext(self.message)
