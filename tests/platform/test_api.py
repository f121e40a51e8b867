"""The partner API: token auth scoped like the pages; 4xx naming the field for bad input."""

import pytest
from django.test import Client

from rightswatch.platform.accounts.models import ApiToken
from rightswatch.platform.clues import workflow
from rightswatch.platform.clues.models import Clue, State
from rightswatch.platform.transfers import services


class Api:
    def __init__(self, user):
        _, key = ApiToken.issue(user, "test")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def get(self, path, **params):
        return self.client.get(f"/api/v1{path}", params)

    def post(self, path, body=None):
        return self.client.post(f"/api/v1{path}", body or {}, content_type="application/json")


@pytest.fixture
def transfer(people, agencies, make_clue):
    clue = make_clue()
    workflow.apply(clue, "triage", people["alice"])
    workflow.apply(clue, "start_verification", people["alice"])
    return services.send(clue, agencies["womens_federation"], people["alice"])


def test_no_token_no_access(transfer):
    assert Client().get("/api/v1/transfers").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer nope").get("/api/v1/transfers").status_code == 401


def test_a_partner_lists_accepts_and_answers_its_transfers(people, transfer):
    api = Api(people["bob"])
    rows = api.get("/transfers").json()
    assert [r["id"] for r in rows] == [transfer.pk]
    assert all(not e.get("sealed") for e in rows[0]["shared_evidence"])
    r = api.post(f"/transfers/{transfer.pk}/accept", {"version": 1})
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    r = api.post(f"/transfers/{transfer.pk}/accept", {"version": 2})
    assert r.status_code == 400 and "已接收" in r.json()["detail"]  # zh-CN by default, like the pages
    r = api.post(f"/transfers/{transfer.pk}/feedback", {"feedback": "已处理", "outcome": "action_taken"})
    assert r.status_code == 200 and r.json()["status"] == "done"
    assert Clue.objects.get(pk=transfer.clue_id).state == State.FEEDBACK_RECEIVED


def test_a_stale_version_is_a_409(people, transfer):
    api = Api(people["bob"])
    api.post(f"/transfers/{transfer.pk}/accept")
    r = api.post(f"/transfers/{transfer.pk}/feedback", {"feedback": "x", "outcome": "other", "version": 1})
    assert r.status_code == 409


def test_another_agency_gets_404_and_an_empty_list(people, transfer):
    api = Api(people["charlie"])
    assert api.get("/transfers").json() == []
    assert api.get(f"/transfers/{transfer.pk}").status_code == 404
    assert api.post(f"/transfers/{transfer.pk}/accept").status_code == 404
    assert api.post(f"/transfers/{transfer.pk}/reject", {"reason": "x"}).status_code == 404


def test_submitting_a_clue(people):
    api = Api(people["bob"])
    r = api.post("/clues", {"summary": "12338 热线：妇女遭受家暴", "region_code": "340202", "severity": "red",
                            "subject_id_number": "340202199001011234", "event_on": "2026-05-01"})
    assert r.status_code == 201, r.content
    clue = Clue.objects.get(pk=r.json()["id"])
    assert clue.submitted_by_agency == people["bob"].agency
    assert "340202199001011234" not in str(clue.subjects)


@pytest.mark.parametrize(
    "body, field",
    [({"summary": "x", "region_code": "34"}, "region_code"),
     ({"summary": "", "region_code": "340202"}, "summary"),
     ({"summary": "x", "region_code": "340202", "severity": "purple"}, "severity"),
     ({"summary": "x", "region_code": "340202", "event_on": "2026-13-45"}, "event_on"),
     ({"summary": "x", "region_code": "340202", "subject_id_number": "12ab"}, "subject_id_number"),
     ({"region_code": "340202"}, "summary")],
)
def test_bad_input_is_a_422_naming_the_field(people, body, field):
    r = Api(people["bob"]).post("/clues", body)
    assert r.status_code == 422
    assert field in [e["field"] for e in r.json()["errors"]]
    assert field in r.json()["detail"]


def test_malformed_json_and_bad_query_are_4xx(people, transfer):
    api = Api(people["bob"])
    r = api.client.post("/api/v1/clues", "{not json", content_type="application/json")
    assert 400 <= r.status_code < 500
    assert api.get("/transfers", limit=0).status_code == 400
    assert api.get("/transfers", status="weird").status_code == 422
    assert api.get("/transfers/99999999999999999999999").status_code in (404, 422)


def test_the_openapi_schema_is_served(people):
    r = Api(people["bob"]).get("/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert {"/api/v1/clues", "/api/v1/transfers", "/api/v1/transfers/{transfer_id}/feedback"} <= set(paths)
