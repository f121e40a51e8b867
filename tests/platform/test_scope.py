"""Scope: jurisdiction for the procuratorate, transfers only for partners; everything else is 404, search too."""

import pytest

from rightswatch.platform.clues import workflow
from rightswatch.platform.consultations.models import Consultation
from rightswatch.platform.transfers import services


@pytest.fixture
def world(people, agencies, make_clue):
    mine = make_clue(region_code="340202", summary_zh="本市线索 甲乙丙")
    foreign = make_clue(region_code="340104", summary_zh="外市线索 甲乙丙")
    workflow.apply(mine, "triage", people["alice"])
    workflow.apply(mine, "start_verification", people["alice"])
    transfer = services.send(mine, agencies["womens_federation"], people["alice"])
    return {"mine": mine, "foreign": foreign, "transfer": transfer}


def test_a_prosecutor_sees_only_their_jurisdiction(people, world, login):
    alice, dave = login(people["alice"]), login(people["dave"])
    assert alice.get(f"/clues/{world['mine'].pk}/").status_code == 200
    assert alice.get(f"/clues/{world['foreign'].pk}/").status_code == 404
    assert dave.get(f"/clues/{world['foreign'].pk}/").status_code == 200
    assert dave.get(f"/clues/{world['mine'].pk}/").status_code == 404
    assert dave.get(f"/transfers/{world['transfer'].pk}/").status_code == 404


def test_search_obeys_the_scope(people, world, login):
    page = login(people["alice"]).get("/clues/", {"q": "甲乙丙"}).content.decode()
    assert "本市线索" in page and "外市线索" not in page
    page = login(people["bob"]).get("/clues/", {"q": "甲乙丙"}).content.decode()
    assert "本市线索" not in page and "外市线索" not in page


def test_a_partner_sees_the_transfer_to_their_agency_but_not_the_clue_page(people, world, login):
    bob = login(people["bob"])
    assert bob.get(f"/transfers/{world['transfer'].pk}/").status_code == 200
    assert bob.get(f"/clues/{world['mine'].pk}/").status_code == 404


def test_a_partner_of_another_agency_gets_404_everywhere(people, world, login):
    charlie = login(people["charlie"])
    t = world["transfer"]
    assert charlie.get(f"/transfers/{t.pk}/").status_code == 404
    assert charlie.post(f"/transfers/{t.pk}/accept/", {"version": t.version}).status_code == 404
    assert charlie.get(f"/clues/{world['mine'].pk}/").status_code == 404
    assert "甲乙丙" not in charlie.get("/transfers/").content.decode()


@pytest.mark.parametrize("who", ["audrey", "pia", "adam"])
def test_roles_without_case_content_see_no_clue(people, world, login, who):
    c = login(people[who])
    assert c.get(f"/clues/{world['mine'].pk}/").status_code == 404
    assert c.get(f"/transfers/{world['transfer'].pk}/").status_code == 404


def test_guessed_and_malformed_ids_answer_404(people, world, login):
    alice = login(people["alice"])
    for url in ("/clues/999999/", "/transfers/999999/", "/suggestions/999999/", "/consultations/999999/"):
        assert alice.get(url).status_code == 404


def test_consultations_are_seen_by_participating_agencies_only(people, agencies, world, login):
    c = Consultation.objects.create(title="会商", held_on="2026-06-01", region_code="3402",
                                    created_by=people["alice"])
    c.agencies.set([agencies["womens_federation"]])
    c.clues.set([world["mine"]])
    assert login(people["bob"]).get(f"/consultations/{c.pk}/").status_code == 200
    assert login(people["charlie"]).get(f"/consultations/{c.pk}/").status_code == 404
    assert login(people["dave"]).get(f"/consultations/{c.pk}/").status_code == 404


def test_sign_in_is_required(world, client):
    r = client.get(f"/clues/{world['mine'].pk}/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_the_administrator_manages_accounts_but_reaches_no_case_content(people, world, login):
    adam = login(people["adam"])
    page = adam.get("/admin/").content.decode()
    assert "/admin/accounts/user/" in page and "/admin/accounts/agency/" in page
    assert "/admin/clues/" not in page and "/admin/transfers/" not in page
    assert adam.get("/admin/clues/clue/").status_code == 404
