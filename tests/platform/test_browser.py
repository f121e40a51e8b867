"""Browser journeys in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Journey 1: a prosecutor triages a clue and transfers it to the women's federation; the federation accepts
it and writes feedback; the prosecutor sees the feedback and closes the clue. Journey 2: a partner of
another agency tries the transfer's URL and gets 404. Every page is screenshotted in zh-CN and checked for
rendered Chinese text, untranslated message ids and Content-Security-Policy violations.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from rightswatch.platform.clues.models import Clue, State
from rightswatch.platform.transfers.models import Transfer, TransferStatus

from .conftest import PASSWORD
from .test_i18n import untranslated

CHROMIUM = os.environ.get("RIGHTSWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--lang=zh-CN"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists() and not shutil.which("chromium"),
                       reason="Debian's chromium is installed by scripts/setup.sh"),
]


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls of the test itself are plain
    # synchronous code (the server runs in its own thread), which Django allows with this switch.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Visitor:
    """One person in one browser context, checking every page they see."""

    def __init__(self, browser, base_url: str, shots: Path, name: str):
        self.context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.base, self.shots, self.name, self.n = base_url, shots, name, 0
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))

    def goto(self, path: str):
        return self.page.goto(self.base + path)

    def check(self, label: str) -> str:
        self.page.wait_for_load_state("load")
        self.n += 1
        shot = self.shots / f"{self.name}-{self.n:02d}-{label}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 5000
        text = self.page.inner_text("body")
        assert len(re.findall(r"[\u4e00-\u9fff]", text)) >= 10, (label, text[:200])
        assert not untranslated(text), (label, untranslated(text))
        csp = [p for p in self.problems if "Content Security Policy" in p or "Refused" in p]
        assert not csp, csp
        return text

    def sign_in(self, username: str):
        self.goto("/accounts/login/")
        self.check("login")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("#sign-in")
        self.page.wait_for_load_state("load")


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("RIGHTSWATCH_SCREENSHOTS", tmp_path / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_journey_prosecutor_transfers_federation_answers_prosecutor_closes(
        live_server, browser, shots, people, make_clue):
    clue = make_clue(region_code="340202")

    alice = Visitor(browser, live_server.url, shots, "prosecutor")
    alice.sign_in("alice")
    text = alice.check("dashboard")
    assert "工作台" in text
    alice.page.wait_for_selector("[data-chart] svg")  # ECharts drew from the local copy
    alice.goto("/clues/")
    alice.check("inbox")
    alice.goto(f"/clues/{clue.pk}/")
    assert "新线索" in alice.check("clue-new")
    alice.page.click("button[data-transition=triage]")
    assert "已初筛" in alice.check("clue-triaged")
    alice.page.click("button[data-transition=start_verification]")
    assert "核查中" in alice.check("clue-verifying")
    alice.page.select_option("#transfer select[name=agency]", label="市妇女联合会")
    alice.page.fill("#transfer textarea[name=note]", "请核实并开展帮扶")
    alice.page.click("#send-transfer")
    assert "已移送" in alice.check("clue-transferred")
    transfer = Transfer.objects.get(clue=clue)

    bob = Visitor(browser, live_server.url, shots, "federation")
    bob.sign_in("bob")
    assert clue.clue_key in bob.check("todo")
    bob.page.click(f"a[href='/transfers/{transfer.pk}/']")
    assert "待接收" in bob.check("transfer-pending")
    bob.page.click("#accept")
    assert "已接收" in bob.check("transfer-accepted")
    bob.page.select_option("#feedback select[name=outcome]", value="action_taken")
    bob.page.fill("#feedback textarea[name=feedback]", "已入户走访，链接心理疏导和法律援助。")
    bob.page.click("#send-feedback")
    assert "已入户走访" in bob.check("transfer-done")

    alice.goto(f"/clues/{clue.pk}/")
    text = alice.check("clue-feedback")
    assert "已收到反馈" in text and "已入户走访" in text
    alice.page.click("button[data-transition=close]")
    assert "已办结" in alice.check("clue-closed")
    alice.goto("/notifications/")
    alice.check("notifications")

    clue.refresh_from_db()
    transfer.refresh_from_db()
    assert clue.state == State.CLOSED and transfer.status == TransferStatus.DONE
    assert [e.actor.username for e in clue.events.order_by("id")] == ["alice", "alice", "alice", "bob", "alice"]
    alice.context.close()
    bob.context.close()


def test_journey_partner_of_another_agency_gets_404(live_server, browser, shots, people, agencies, make_clue):
    from rightswatch.platform.clues import workflow
    from rightswatch.platform.transfers import services

    clue = make_clue()
    workflow.apply(clue, "triage", people["alice"])
    workflow.apply(clue, "start_verification", people["alice"])
    transfer = services.send(clue, agencies["womens_federation"], people["alice"])

    charlie = Visitor(browser, live_server.url, shots, "education")
    charlie.sign_in("charlie")
    charlie.check("todo")
    response = charlie.goto(f"/transfers/{transfer.pk}/")
    assert response.status == 404
    text = charlie.check("transfer-404")
    assert "未找到" in text and clue.summary_zh[:6] not in text
    assert charlie.goto(f"/clues/{clue.pk}/").status == 404
    assert Clue.objects.get(pk=clue.pk).state == State.TRANSFERRED
    charlie.context.close()


def test_the_english_switch(live_server, browser, shots, people):
    anna = Visitor(browser, live_server.url, shots, "english")
    anna.goto("/accounts/login/")
    anna.page.click("#lang-switch")
    anna.page.wait_for_load_state("load")
    assert "Sign in" in anna.page.inner_text("body")
    anna.page.click("#lang-switch")
    anna.page.wait_for_load_state("load")
    assert "登录" in anna.page.inner_text("body")
    anna.context.close()


def test_inbox_filters_update_the_table_in_place(live_server, browser, shots, people, make_clue):
    make_clue(severity="red", summary_zh="红色线索甲")
    make_clue(severity="yellow", summary_zh="黄色线索乙")
    alice = Visitor(browser, live_server.url, shots, "filters")
    alice.sign_in("alice")
    alice.goto("/clues/")
    assert "红色线索甲" in alice.check("inbox-all")
    alice.page.select_option("select[name=severity]", value="red")
    from playwright.sync_api import expect

    # (no wait_for_function: page-side eval is refused by our CSP, as it should be)
    expect(alice.page.locator("#clue-table")).not_to_contain_text("黄色线索乙")
    text = alice.check("inbox-red")
    assert "红色线索甲" in text and "黄色线索乙" not in text
    assert "severity=red" in alice.page.url
    alice.page.reload()
    assert "筛选" in alice.check("inbox-reloaded")  # the pushed URL renders the whole page
    alice.context.close()
