"""The linkage review queue in the platform, on a real workspace: a synthetic bundle ingested with
rightswatch.ingest, one extra medical visit whose identity number has one wrong digit, a real Splink
build. The automatic thresholds are raised to 1.0 so the planted pair waits for review."""

from __future__ import annotations

import csv
import shutil

import pytest

from rightswatch.identity.linkage.build import build_person_index
from rightswatch.identity.linkage.review import ReviewQueue
from rightswatch.ingest import ingest_path
from rightswatch.platform.audit.models import AuditEntry
from rightswatch.synth import generate_bundle
from tests.identity.test_linkage import _residents, _with_digit
from tests.platform.test_i18n import untranslated, visible_text

PAGE_SIZE = 50


class Planted(dict):
    """The fixture's data; its repr hides the planted name and number from failure output."""

    def __repr__(self) -> str:
        return f"Planted({self['workspace']})"


@pytest.fixture(scope="module")
def workspace_with_pair(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("RIGHTSWATCH_LINK_HIGH", "1.0")
    mp.setenv("RIGHTSWATCH_LINK_UNIQUE", "1.0")
    root = tmp_path_factory.mktemp("linkage-review")
    bundle, workspace = root / "bundle", root / "workspace"
    generate_bundle(str(bundle), scale="tiny", seed=11)
    person = _residents(bundle)[0]
    with open(bundle / "medical_visits.csv", encoding="utf-8") as f:
        hospital = next(csv.DictReader(f))["hospital_org_code"]
    extra = root / "extra"
    extra.mkdir()
    wrong = _with_digit(person["number"], 14, str((int(person["number"][14]) + 3) % 10))
    with open(extra / "medical_visits.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "hospital_org_code", "id_number", "name", "gender", "birth_on", "visit_at"])
        w.writerow(["MV-R-1", hospital, wrong, person["name"], person["gender"], person["birth"].isoformat(),
                    "2026-03-01 10:00"])
    ingest_path(bundle, workspace)
    ingest_path(extra / "medical_visits.csv", workspace)
    build_person_index(workspace, who="test")
    yield Planted({"workspace": workspace, "name": person["name"], "numbers": [person["number"], wrong]})
    mp.undo()


@pytest.fixture
def planted(workspace_with_pair, monkeypatch, tmp_path):
    """A fresh copy of the built workspace per test: decisions of one test do not leak into another."""
    workspace = tmp_path / "workspace"
    shutil.copytree(workspace_with_pair["workspace"], workspace)
    monkeypatch.setenv("RIGHTSWATCH_WORKSPACE", str(workspace))
    monkeypatch.setenv("RIGHTSWATCH_LINK_HIGH", "1.0")
    monkeypatch.setenv("RIGHTSWATCH_LINK_UNIQUE", "1.0")
    queue = ReviewQueue(workspace)
    node = queue.node_of("medical_visits", "MV-R-1")
    pending = queue.pending(limit=100000)
    position = next(i for i, item in enumerate(pending) if node in (item.left.node, item.right.node))
    item = pending[position]
    other = item.right.node if item.left.node == node else item.left.node
    return Planted({**workspace_with_pair, "workspace": workspace, "queue": queue, "node": node, "other": other,
                    "pair_id": item.pair_id, "page": position // PAGE_SIZE + 1})


def _leaks(text: str, planted) -> bool:
    return planted["name"] in text or any(n in text for n in planted["numbers"])


def test_no_linkage_built_says_so(people, login, tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTSWATCH_WORKSPACE", str(tmp_path / "empty"))
    r = login(people["anna"]).get("/linkage/")
    assert r.status_code == 200
    assert 'id="no-linkage"' in r.content.decode()


def test_only_analysts_reach_the_queue(people, login, planted):
    analyst = login(people["anna"])
    assert analyst.get("/").content.decode().count('href="/linkage/"') == 1  # linked from the navigation
    for name in ("bob", "alice", "audrey", "pia"):
        c = login(people[name])
        assert c.get("/linkage/").status_code == 404
        assert 'href="/linkage/"' not in c.get("/todo/").content.decode()
        r = c.post(f"/linkage/pairs/{planted['pair_id']}/decide/", {"decision": "reject", "reason": "x"})
        assert r.status_code == 404
    assert planted["queue"].decisions(planted["node"]) == []


def test_an_analyst_sees_the_pair_masked_and_rejects_it_with_a_reason(people, login, planted):
    ws, node, pid = planted["workspace"], planted["node"], planted["pair_id"]
    c = login(people["anna"])
    page = c.get(f"/linkage/?page={planted['page']}")
    text = page.content.decode()
    assert page.status_code == 200
    assert f'id="pair-{pid}"' in text
    assert planted["name"][0] + "某" in text
    assert not _leaks(text, planted)
    assert "人员关联复核" in text and not untranslated(visible_text(text))  # Chinese by default

    # A missing reason is refused with a clear message; nothing is decided.
    r = c.post(f"/linkage/pairs/{pid}/decide/", {"decision": "reject", "reason": "  "}, follow=True)
    assert "确认或否决记录对须填写理由。" in r.content.decode()  # the UI is Chinese by default
    assert planted["queue"].decisions(node) == []

    reason = "different mothers in the paper file"
    r = c.post(f"/linkage/pairs/{pid}/decide/", {"decision": "reject", "reason": reason}, follow=True)
    assert r.status_code == 200 and not _leaks(r.content.decode(), planted)
    assert "依据这些记录的线索将在下一次模型运行时原地更新。" in r.content.decode()  # clues follow at the next run
    decisions = planted["queue"].decisions(node)
    assert [(d.decision, d.who, d.reason) for d in decisions] == [("reject", "anna", reason)]
    assert f'id="pair-{pid}"' not in c.get(f"/linkage/?page={planted['page']}").content.decode()

    entry = AuditEntry.objects.filter(action="state_change", object_type="linkage_pair").get()
    assert (entry.actor, entry.object_id) == ("anna", pid)
    assert entry.detail["decision"] == "reject" and entry.detail["reason"] == reason
    logged = " ".join(e.actor + e.object_id + str(e.detail) for e in AuditEntry.objects.all())
    assert not _leaks(logged, planted)

    # A later build keeps the pair apart.
    build_person_index(ws, who="test")
    queue = ReviewQueue(ws)
    assert queue.person_of("medical_visits", "MV-R-1") != planted["other"]
    assert pid not in {i.pair_id for i in queue.pending(limit=100000)}


def test_an_analyst_splits_a_cluster_with_a_reason(people, login, planted):
    queue = planted["queue"]
    c = login(people["anna"])
    # Confirm first so that the planted row joins its person, then split it off again.
    r = c.post(f"/linkage/pairs/{planted['pair_id']}/decide/", {"decision": "confirm", "reason": "same visit card"})
    assert r.status_code == 302
    person_id = queue.person_of("medical_visits", "MV-R-1")
    assert person_id == planted["other"]
    page = c.get("/linkage/person/", {"id": person_id})
    assert page.status_code == 200 and not _leaks(page.content.decode(), planted)
    assert not untranslated(visible_text(page.content.decode()))
    r = c.post("/linkage/person/split/", {"person_id": person_id, "detach": [planted["node"]], "reason": ""},
               follow=True)
    assert "拆分须填写理由。" in r.content.decode()
    r = c.post("/linkage/person/split/", {"person_id": person_id, "detach": [planted["node"]],
                                          "reason": "two children, one card"})
    assert r.status_code == 302
    assert queue.person_of("medical_visits", "MV-R-1") != person_id
    assert queue.splits()[-1]["who"] == "anna"
    entry = AuditEntry.objects.filter(action="state_change", object_type="linkage_person").get()
    assert entry.detail["decision"] == "split" and entry.detail["detached"] == [planted["node"]]
    assert login(people["bob"]).get("/linkage/person/", {"id": person_id}).status_code == 404


def test_a_clue_resting_on_a_probabilistic_link_shows_its_method_and_probability(people, login, make_clue):
    """The clue page names how each subject was linked; evidence that a later run no longer
    found (e.g. a reviewer split the row off the person) stays, marked."""
    clue = make_clue(subjects=[
        {"role": "minor", "kind": "person", "person_id": "T:" + "a" * 32, "link_method": "splink",
         "link_probability": 0.99731, "name_masked": "欧阳某", "id_masked": "340207********046X",
         "rows": [{"dataset": "medical_visits", "record_id": "MV-1"}]},
        {"role": "adult", "kind": "person", "person_id": "T:" + "b" * 32, "link_method": "review",
         "link_probability": 1.0, "name_masked": "李某", "rows": []},
    ], evidence=[{"dataset": "medical_visits", "record_id": "MV-1"},
                 {"dataset": "medical_visits", "record_id": "MV-2", "not_redetected": True}], sealed_evidence=False)
    text = login(people["alice"]).get(f"/clues/{clue.pk}/").content.decode()
    assert '<span class="link link-splink">概率关联 (p = 0.9973)</span>' in text
    assert '<span class="link link-review">经人员关联复核确认</span>' in text
    assert text.count("最近一次运行未再发现") == 1
    assert not untranslated(visible_text(text))
