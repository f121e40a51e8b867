"""The append-only, hash-chained audit log.

Each entry's hash is SHA-256 over its canonical JSON (sequence, time, actor, action, object,
detail) and the previous entry's hash. Changing, inserting or deleting an entry breaks the
chain from that entry on; `rightswatch audit verify` names the first broken one.
"""

from __future__ import annotations

import hashlib
import json

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("the audit log is append-only")

    def delete(self):
        raise AppendOnlyError("the audit log is append-only")


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Sign-in")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        SIGN_OUT = "sign_out", _("Sign-out")
        VIEW = "view", _("View of personal data")
        EXPORT = "export", _("Export")
        REIDENTIFY = "reidentify", _("Re-identification")
        STATE_CHANGE = "state_change", _("State change")
        CREATE = "create", _("Creation")
        IMPORT = "import", _("Import")

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.CharField(max_length=150, blank=True, default="")
    action = models.CharField(max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=40, blank=True, default="")
    object_id = models.CharField(max_length=64, blank=True, default="")
    detail = models.JSONField(default=dict)
    ip = models.CharField(max_length=45, blank=True, default="")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "audit entries"

    def payload(self) -> dict:
        return {
            "seq": self.seq, "at": self.at.isoformat(timespec="microseconds"), "actor": self.actor,
            "action": self.action, "object_type": self.object_type, "object_id": self.object_id,
            "detail": self.detail, "ip": self.ip,
        }

    def compute_hash(self) -> str:
        text = json.dumps(self.payload(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256((self.prev_hash + text).encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("the audit log is append-only")


class ChainHead(models.Model):
    """One row, locked while an entry is appended so that the chain stays linear under concurrency."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)


def append(*, actor: str, action: str, object_type: str = "", object_id: str = "", detail: dict | None = None,
           ip: str = "") -> AuditEntry:
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            seq=head.seq + 1, at=timezone.now(), actor=actor, action=action, object_type=object_type,
            object_id=str(object_id), detail=json.loads(json.dumps(detail or {}, default=str)), ip=ip,
            prev_hash=head.hash,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        ChainHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
        return entry


def verify() -> tuple[int, AuditEntry | int | None, str]:
    """Check the whole chain. Returns (entries checked, first bad entry or seq, why) — (n, None, '') when intact."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            return count, expected_seq, "missing entry (deleted)"
        if entry.prev_hash != prev:
            return count, entry, "previous-hash link broken"
        if entry.compute_hash() != entry.hash:
            return count, entry, "content changed after writing"
        prev = entry.hash
        expected_seq += 1
        count += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and head.seq != count:
        return count, count + 1, "entries after the last one were removed"
    return count, None, ""
