"""Sign-in security: lockout, two-factor, password policy, sessions, headers, masking, language default."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from rightswatch.platform.clues.submission import submit
from rightswatch.platform.masking import mask_text

RAW_ID = "340202201205011234"


def test_repeated_failures_lock_the_account(people, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    r = client.post("/accounts/login/", {"username": "alice", "password": "Test-password-2026"})
    assert r.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_user_with_an_authenticator_needs_the_code(people, client):
    device = TOTPDevice.objects.create(user=people["alice"], name="phone", confirmed=True)
    r = client.post("/accounts/login/", {"username": "alice", "password": "Test-password-2026"})
    assert r.status_code == 200 and "_auth_user_id" not in client.session
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    r = client.post("/accounts/login/", {"username": "alice", "password": "Test-password-2026", "otp_token": code})
    assert r.status_code == 302 and client.session["_auth_user_id"] == str(people["alice"].pk)


def test_enrolling_an_authenticator(people, login):
    c = login(people["alice"])
    c.post("/accounts/two-factor/", {"action": "start"})
    device = TOTPDevice.objects.get(user=people["alice"])
    assert not device.confirmed
    c.post("/accounts/two-factor/", {"action": "confirm", "token": "000000" if False else
                                     f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"})
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.parametrize("password", ["short1A!", "password12345", "123456789012345", "alllowercaseletters"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_strong_password_passes():
    validate_password("Ruhig-Fluss-2026")


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_security_headers_and_csrf(people, client, login):
    r = client.get("/accounts/login/")
    csp = r["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r["X-Frame-Options"] == "DENY" and r["X-Content-Type-Options"] == "nosniff"
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["alice"])
    assert strict.post("/notifications/read/").status_code == 403


def test_pages_use_no_inline_script_and_no_cdn(people, make_clue, login):
    clue = make_clue()
    page = login(people["alice"]).get("/").content.decode() + login(people["alice"]).get(
        f"/clues/{clue.pk}/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page)
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_identity_numbers_are_masked_in_free_text_and_submissions(people):
    assert mask_text(f"身份证号{RAW_ID}，另 11010519491231002X") == "身份证号340202********1234，另 110105********002X"
    clue = submit(people["bob"], summary=f"12338 来电：女孩 {RAW_ID} 遭受家暴", region_code="340202", event_on=None,
                  severity="red", subject_surname="张", subject_id_number=RAW_ID)
    assert RAW_ID not in str(clue.subjects) and RAW_ID not in clue.summary_zh
    assert clue.subjects[0]["id_masked"] == "340202********1234" and clue.subjects[0]["name_masked"] == "张某"


def test_the_ui_is_simplified_chinese_by_default_and_switches_to_english(client):
    r = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert r["Content-Language"] == "zh-hans" and "登录" in r.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    r = client.get("/accounts/login/")
    assert r["Content-Language"] == "en" and "Sign in" in r.content.decode()


def test_reidentification_needs_the_permission_and_a_reason(people, make_clue, login):
    clue = make_clue()
    assert login(people["alice"]).post(f"/clues/{clue.pk}/reidentify/", {"subject": 0, "reason": "x"}).status_code \
        == 404
    r = login(people["lena"]).post(f"/clues/{clue.pk}/reidentify/", {"subject": 0, "reason": ""}, follow=True)
    assert r.status_code == 200
    from rightswatch.platform.audit.models import AuditEntry

    assert not AuditEntry.objects.filter(action="reidentify").exists()
    r = login(people["lena"]).post(f"/clues/{clue.pk}/reidentify/", {"subject": 0, "reason": "法院调取"}, follow=True)
    assert AuditEntry.objects.filter(action="reidentify", actor="lena").exists()
    from rightswatch.platform.clues.views import vault_reidentify

    page = r.content.decode()
    if vault_reidentify() is None:
        assert "身份信息库不可用" in page or "identity vault is unavailable" in page


def test_required_two_factor_sends_unenrolled_users_to_enrolment(people, client, settings):
    settings.RIGHTSWATCH_REQUIRE_2FA = True
    client.post("/accounts/login/", {"username": "alice", "password": "Test-password-2026"})
    r = client.get("/clues/")
    assert r.status_code == 302 and r["Location"].endswith("/accounts/two-factor/")
    assert client.get("/accounts/two-factor/").status_code == 200


def test_reidentification_reads_the_real_vault_shows_once_and_logs(people, make_clue, login, tmp_path, monkeypatch):
    from rightswatch.contract.normalise.idnumber import check_character
    from rightswatch.identity.tokens import person_token
    from rightswatch.ingest import ingest_path

    first17 = "34020220120307124"
    number = first17 + check_character(first17)  # synthetic, never a real person
    (tmp_path / "hotel_stays.csv").write_text(
        "record_id,hotel_org_code,room_number,id_number,name,checkin_at\n"
        f"HS-1,91340200MA2N0XXXX1,302,{number},张小红,2026-03-14 22:10\n", "utf-8")
    ingest_path(tmp_path / "hotel_stays.csv", tmp_path / "ws")
    monkeypatch.setenv("RIGHTSWATCH_WORKSPACE", str(tmp_path / "ws"))
    clue = make_clue()
    subjects = clue.subjects
    subjects[0]["person_id"] = f"T:{person_token(number)}"
    type(clue).objects.filter(pk=clue.pk).update(subjects=subjects)
    c = login(people["lena"])
    r = c.post(f"/clues/{clue.pk}/reidentify/", {"subject": 0, "reason": "法院调取"})
    page = r.content.decode()
    assert r.status_code == 200 and number in page and "张小红" in page and r["Cache-Control"] == "no-store"
    assert number not in c.get(f"/clues/{clue.pk}/").content.decode()
    from rightswatch.platform.audit.models import AuditEntry

    entry = AuditEntry.objects.get(action="reidentify")
    assert entry.detail["vault"] is True and number not in str(entry.detail)
