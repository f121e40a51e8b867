"""Schemathesis against the OpenAPI schema: no generated request produces a 500 (bounded, deterministic)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from rightswatch.platform.accounts.models import ApiToken
from rightswatch.platform.clues import workflow
from rightswatch.platform.transfers import services

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_connection():
    """As Django's test client does: the test's transaction must survive the end of each WSGI request."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(people, agencies, make_clue, keep_connection):
    clue = make_clue()
    workflow.apply(clue, "triage", people["alice"])
    workflow.apply(clue, "start_verification", people["alice"])
    services.send(clue, agencies["womens_federation"], people["alice"])
    return ApiToken.issue(people["bob"], "schemathesis")[1]


@schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_produces_a_server_error(case, token):
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
    assert response.status_code != 200 or case.method != "POST" or response.json()
