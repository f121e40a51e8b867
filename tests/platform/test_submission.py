"""Partners submit clues: one by form, many by file (JSON Lines or CSV)."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from rightswatch.platform.clues.fixtures import records
from rightswatch.platform.clues.models import Clue, Source

RAW_ID = "340202201205011234"


def test_a_partner_submits_a_hotline_call_by_form(people, login):
    bob = login(people["bob"])
    r = bob.post("/clues/new/", {"summary": f"12338 来电：母亲称女儿（{RAW_ID}）被继父殴打", "region_code": "340202",
                                 "event_on": "2026-05-03", "severity": "red", "subject_surname": "王",
                                 "subject_id_number": RAW_ID, "channel": "12338"})
    clue = Clue.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/clues/{clue.pk}/"
    assert clue.source == Source.PARTNER and clue.submitted_by_agency == people["bob"].agency
    assert RAW_ID not in json.dumps(clue.subjects) + clue.summary_zh
    assert bob.get(f"/clues/{clue.pk}/").status_code == 200  # their own submission
    assert login(people["charlie"]).get(f"/clues/{clue.pk}/").status_code == 404
    assert login(people["alice"]).get(f"/clues/{clue.pk}/").status_code == 200


def test_the_form_names_the_wrong_field(people, login):
    r = login(people["bob"]).post("/clues/new/", {"summary": "x", "region_code": "34", "severity": "red"})
    assert r.status_code == 200 and "区划代码为六位数字" in r.content.decode()
    assert not Clue.objects.exists()


def test_bulk_upload_of_csv_and_jsonl(people, login):
    bob = login(people["bob"])
    csv_text = ("summary,region_code,event_on,severity\n"
                "妇女求助：遭受家暴,340202,2026-04-01,orange\n"
                "坏行,34,2026-04-01,orange\n"
                "儿童无人照料,340203,,yellow\n")
    bob.post("/clues/upload/", {"file": SimpleUploadedFile("calls.csv", csv_text.encode("gb18030"))})
    assert Clue.objects.count() == 2
    jsonl = "\n".join(json.dumps(r, ensure_ascii=False) for r in records(3, seed=99))
    bob.post("/clues/upload/", {"file": SimpleUploadedFile("clues.jsonl", jsonl.encode())})
    assert Clue.objects.count() == 5
    assert Clue.objects.filter(source=Source.PARTNER, submitted_by_agency=people["bob"].agency).count() == 5
    assert all(c.clue_key.startswith(("partner:", )) for c in Clue.objects.all())
    r = bob.post("/clues/upload/", {"file": SimpleUploadedFile("x.txt", b"hello")}, follow=True)
    assert "请上传 .jsonl 或 .csv 文件" in r.content.decode()


def test_roles_without_submission_rights_get_404(people, login):
    for who in ("audrey", "pia", "adam"):
        assert login(people[who]).get("/clues/new/").status_code == 404
