"""In-app notifications, and e-mail when SMTP is configured (EMAIL_HOST)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

from rightswatch.platform.accounts.models import Agency, Notification, User


def notify(message: str, params: dict | None = None, url: str = "", *, users=(), agency: Agency | None = None,
           key: str = "") -> int:
    """Notify the given users and every active user of `agency`; returns how many were notified.

    `message` is an English message id (mark it with gettext_noop) with %(name)s fields from `params`;
    it is translated into each reader's language when shown.
    With a `key`, a user already notified under that key is not notified again (reminders).
    """
    recipients = {u.pk: u for u in users if u is not None}
    if agency is not None:
        for u in User.objects.filter(agency=agency, is_active=True):
            recipients[u.pk] = u
    count = 0
    for user in recipients.values():
        if key and Notification.objects.filter(user=user, key=key).exists():
            continue
        note = Notification.objects.create(user=user, message=message, params=params or {}, url=url, key=key)
        count += 1
        if settings.EMAIL_HOST and user.email:
            with translation.override(settings.LANGUAGE_CODE):
                body = f"{note.render()}\n{url}"
            send_mail("RightsWatch", body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=True)
    return count
