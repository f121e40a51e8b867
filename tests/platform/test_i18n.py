"""Translations: complete both ways, and pages in zh-CN show no untranslated message id."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rightswatch.platform.clues import workflow
from rightswatch.platform.transfers import services

PLATFORM = Path(__file__).resolve().parents[2] / "rightswatch" / "platform"
LOCALE = PLATFORM / "locale"


def msgids(lang: str) -> set[str]:
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    ids = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)msgstr', text, flags=re.M):
        s = "".join(re.findall(r'"(.*)"', block)).replace('\\"', '"').replace("\\n", "\n")
        if s:
            ids.add(s)
    return ids


def source_strings() -> set[str]:
    found = set()
    for f in (PLATFORM / "templates").rglob("*.html"):
        t = f.read_text(encoding="utf-8")
        found |= set(re.findall(r'{% translate "([^"]+)"', t)) | set(re.findall(r"{% translate '([^']+)'", t))
        found |= set(re.findall(r'_\("([^"]+)"\)', t))
    for f in PLATFORM.rglob("*.py"):
        if "migrations" in f.parts:
            continue
        t = f.read_text(encoding="utf-8")
        found |= set(re.findall(r'\b(?:_|gettext_lazy|gettext_noop|gettext)\(\s*"([^"\n]+)"\s*[,)]', t))
    return found


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is installed by scripts/setup.sh")
@pytest.mark.parametrize("lang", ["zh_Hans", "en"])
def test_every_message_is_translated(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    out = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True,
                         text=True, check=True)
    assert "untranslated" not in out.stderr and "fuzzy" not in out.stderr, out.stderr


def test_every_source_string_is_in_the_catalogues():
    for lang in ("zh_Hans", "en"):
        missing = source_strings() - msgids(lang)
        assert not missing, f"run makemessages and translate: {sorted(missing)[:10]}"


def test_the_compiled_catalogue_is_current():
    for lang in ("zh_Hans", "en"):
        po, mo = (LOCALE / lang / "LC_MESSAGES" / n for n in ("django.po", "django.mo"))
        assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime - 1, "compile with msgfmt (scripts/setup.sh)"


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def untranslated(text: str) -> list[str]:
    """English message ids that appear as such in a page meant to be Chinese."""
    hits = []
    for mid in msgids("zh_Hans"):
        probe = mid.split("%(")[0].strip()
        if len(probe) >= 5 and re.search(r"[A-Za-z]{3}", probe) and probe in text:
            hits.append(probe)
    return hits


def test_every_page_is_chinese_by_default(people, agencies, make_clue, login):
    clue = make_clue()
    workflow.apply(clue, "triage", people["alice"])
    workflow.apply(clue, "start_verification", people["alice"])
    t = services.send(clue, agencies["womens_federation"], people["alice"])
    pages = {
        "alice": ["/", "/todo/", "/clues/", f"/clues/{clue.pk}/", "/clues/new/", "/transfers/", f"/transfers/{t.pk}/",
                  "/suggestions/", "/consultations/", "/notifications/", "/accounts/two-factor/", "/clues/999999/"],
        "bob": ["/todo/", f"/transfers/{t.pk}/", "/notifications/"],
        "audrey": ["/audit/?verify=1"],
    }
    for who, urls in pages.items():
        c = login(people[who])
        for url in urls:
            r = c.get(url)
            text = visible_text(r.content.decode())
            assert re.search(r"[\u4e00-\u9fff]{4}", text), url
            assert not untranslated(text), (url, untranslated(text))
