"""WSGI entry point: `gunicorn rightswatch.platform.wsgi:application` (see docs/deploy.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightswatch.platform.settings")
application = get_wsgi_application()
