"""The platform's audit signal. Domain code sends it; only audit.receivers writes the log.

State changes need no explicit send: every transition writes an event row, and the
post_save of those rows is the hook (see receivers.py). Sign-ins come from Django's auth signals.
"""

from django.dispatch import Signal

# kwargs: user, action (one of AuditEntry.Action), object_type, object_id, detail (dict), request (optional)
audited = Signal()


def send(action: str, *, user=None, object_type: str = "", object_id="", detail: dict | None = None, request=None):
    audited.send(
        sender=None, user=user, action=action, object_type=object_type, object_id=str(object_id),
        detail=detail or {}, request=request,
    )
