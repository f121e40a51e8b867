"""The RightsWatch collaboration platform: the Django web app (the only package that imports Django).

Nothing outside `rightswatch.platform` imports this package's submodules; the CLI reaches it
through `rightswatch.platform.cli`, which sets Django up lazily.
"""

SETTINGS_MODULE = "rightswatch.platform.settings"


def setup_django() -> None:
    """Configure and start Django for command-line use (idempotent)."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
