"""The one hook that writes the audit log: receivers of the audit signal, of Django's sign-in
signals and of the post_save of every state-change event row."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from rightswatch.platform.audit.models import AuditEntry, append
from rightswatch.platform.audit.signals import audited


def _ip(request) -> str:
    if request is None:
        return ""
    return (request.META.get("REMOTE_ADDR") or "")[:45]


def _actor(user) -> str:
    return getattr(user, "username", "") or ""


@receiver(audited)
def on_audited(sender, user=None, action="", object_type="", object_id="", detail=None, request=None, **kw):
    append(actor=_actor(user), action=action, object_type=object_type, object_id=object_id, detail=detail,
           ip=_ip(request))


@receiver(user_logged_in)
def on_sign_in(sender, request, user, **kw):
    append(actor=user.username, action=AuditEntry.Action.SIGN_IN, object_type="user", object_id=str(user.pk),
           ip=_ip(request))


@receiver(user_logged_out)
def on_sign_out(sender, request, user, **kw):
    if user is not None:
        append(actor=user.username, action=AuditEntry.Action.SIGN_OUT, object_type="user",
               object_id=str(user.pk), ip=_ip(request))


@receiver(user_login_failed)
def on_sign_in_failed(sender, credentials, request=None, **kw):
    append(actor=str(credentials.get("username", ""))[:150], action=AuditEntry.Action.SIGN_IN_FAILED,
           ip=_ip(request))


def on_event_saved(sender, instance, created, **kw):
    """Every transition of a clue, transfer or suggestion writes an event row; this logs it."""
    if not created:
        return
    append(
        actor=_actor(instance.actor), action=AuditEntry.Action.STATE_CHANGE,
        object_type=instance.audit_object_type, object_id=str(instance.audit_object_id),
        detail={"transition": instance.transition, "from": instance.from_state, "to": instance.to_state,
                "reason": instance.reason},
    )


def connect_event_models() -> None:
    from django.apps import apps

    for model in apps.get_models():
        if getattr(model, "is_state_event", False):
            post_save.connect(on_event_saved, sender=model, dispatch_uid=f"audit-{model._meta.label}")


connect_event_models()
