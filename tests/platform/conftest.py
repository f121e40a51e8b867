"""Platform tests: Django set up with the platform's settings, on SQLite by default or on PostgreSQL when
DATABASE_URL points there (`make test-platform-pg`). Named people as in healthchecks' tests:
alice (prosecutor, city 3402), bob (women's federation), charlie (education), dave (prosecutor of another
city), lena (leader), audrey (auditor)."""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("RIGHTSWATCH_PLATFORM_DATA", tempfile.mkdtemp(prefix="rw-platform-test-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "rightswatch.platform.settings"
os.environ.setdefault("RIGHTSWATCH_SECRET_FILE", os.path.join(os.environ["RIGHTSWATCH_PLATFORM_DATA"], "deployment.key"))
os.environ.setdefault("AXES_FAILURE_LIMIT", "5")
os.environ.setdefault("DB_CONN_MAX_AGE", "0")  # no connection outlives its request thread (test DB teardown)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Hashing passwords properly costs ~0.3 s each; tests create many users. (Production keeps PBKDF2.)
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

from django.test import Client  # noqa: E402

from rightswatch.platform.accounts.models import Agency, Role, User  # noqa: E402
from rightswatch.platform.clues.fixtures import record  # noqa: E402
from rightswatch.platform.clues.importer import import_records  # noqa: E402
from rightswatch.platform.clues.models import Clue  # noqa: E402

PASSWORD = "Test-password-2026"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: real headless Chromium (Debian's /usr/bin/chromium)")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Extends pytest-django's: before the PostgreSQL test database is dropped, end the sessions that the
    live server's request threads may still hold (a browser keeps its HTTP connections alive)."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()")


@pytest.fixture(autouse=True)
def english_messages():
    """Domain errors are asserted in English (the msgids); pages choose their language per request."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def agencies(db):
    # The data migration creates them; transactional tests (live server) flush them, so make sure.
    from rightswatch.platform.accounts.demo import ensure_agencies

    ensure_agencies()
    return {a.kind: a for a in Agency.objects.all()}


def _user(username, role, agency, jurisdiction="", **flags) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, role=role, agency=agency,
                                    jurisdiction=jurisdiction, **flags)
    return user


@pytest.fixture
def people(agencies):
    proc = agencies["procuratorate"]
    return {
        "alice": _user("alice", Role.PROSECUTOR, proc, "3402", can_export=True),
        "lena": _user("lena", Role.LEADER, proc, "3402", can_reidentify=True, can_view_sealed=True),
        "dave": _user("dave", Role.PROSECUTOR, proc, "3401"),
        "anna": _user("anna", Role.ANALYST, proc, "3402"),
        "bob": _user("bob", Role.PARTNER, agencies["womens_federation"]),
        "charlie": _user("charlie", Role.PARTNER, agencies["education"]),
        "audrey": _user("audrey", Role.AUDITOR, proc),
        "adam": _user("adam", Role.ADMIN, proc, is_staff=True, is_superuser=True),
        "pia": _user("pia", Role.PUBLICIST, proc),
    }


@pytest.fixture
def make_clue(db):
    counter = {"n": 0}

    def make(**kw) -> Clue:
        counter["n"] += 1
        rec = record(counter["n"] + 100000, region_code=kw.pop("region_code", "340202"))
        rec.update(kw)
        import_records([("test", rec)])
        return Clue.objects.get(clue_key=rec["clue_key"])

    return make


@pytest.fixture
def login():
    def sign_in(user: User) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return sign_in
