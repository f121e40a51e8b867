"""Clue summaries in Chinese and English, from the model's templates.

Templates name roles (`{minor}`, `{adult}`, `{hotel}` …), `{<role>_id}` for the first
masked identity number of a role, `{event_on}`, `{period}` (the key's second part),
`{detail}` and `{detail_zh}`. Persons appear only as surname + 某 and masked numbers:
the subjects carry nothing else.
"""

from __future__ import annotations

import string

OFFENSE_ZH = {
    "rape": "强奸", "child_sexual_abuse": "性侵儿童", "indecency": "猥亵", "forced_prostitution": "强迫卖淫",
    "trafficking": "拐卖", "abuse": "虐待", "abuse_of_ward": "虐待被监护、看护人", "intentional_injury": "故意伤害",
    "homicide": "故意杀人", "robbery": "抢劫",
}


class _Blank(dict):
    def __missing__(self, key):
        return ""


def context(record: dict, detail: str | None) -> dict:
    ctx: dict[str, str] = _Blank()
    by_role: dict[str, list[dict]] = {}
    for s in record["subjects"]:
        by_role.setdefault(s["role"], []).append(s)
    for role, subjects in by_role.items():
        if subjects[0]["kind"] == "organisation":
            names = [s.get("org_name") or s.get("org_code") or "" for s in subjects]
        else:
            names = [s.get("name_masked") or "某" for s in subjects]
            ids = [s.get("id_masked") for s in subjects if s.get("id_masked")]
            ctx[f"{role}_id"] = ids[0] if ids else "身份证号不详"
        ctx[role] = "、".join(dict.fromkeys(n for n in names if n))
    parts = record["clue_key"].split(":", 1)[1].split("|")
    ctx["period"] = parts[1] if len(parts) > 1 else ""
    ctx["event_on"] = str(record.get("event_on") or "")
    ctx["detail"] = detail or ""
    ctx["detail_zh"] = OFFENSE_ZH.get(detail or "", detail or "")
    ctx["n_evidence"] = str(len(record["evidence"]))
    return ctx


def render(template: str, ctx: dict) -> str:
    return string.Formatter().vformat(template, (), ctx)


def summaries(meta: dict, record: dict, detail: str | None) -> tuple[str, str]:
    templates = meta["summary"]
    if record.get("sealed_evidence") and detail is None and meta.get("summary_sealed"):
        # Only that a sealed disqualifying record exists; never its content.
        templates = meta["summary_sealed"]
    ctx = context(record, detail)
    return render(templates["zh"], ctx), render(templates["en"], ctx)
