from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rightswatch.platform.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        # The one hook: every audited event reaches the log through receivers.py.
        from rightswatch.platform.audit import receivers  # noqa: F401
