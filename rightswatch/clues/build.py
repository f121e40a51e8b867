"""Model output rows → clue records (docs/clue-record.md).

The engine returns long-form rows: one per (clue, subject or evidence row). Grouping them
is per clue, and clues are few, so this is plain Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

from rightswatch.clues.summary import summaries

SEALED_DATASET = "offense_records"


class ModelRows(Protocol):
    """What a model run hands over (rightswatch.engine.runner.ModelResult)."""

    spec: object  # has .id, .version, .meta
    rows: list[dict]


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _subject(row: dict) -> tuple[tuple, dict] | None:
    ref = {"dataset": row["dataset"], "record_id": row["record_id"]}
    if row.get("prefix") is not None:
        if not row.get("person_id"):
            return None
        subject = {
            "role": row["role"], "kind": "person", "person_id": row["person_id"],
            "link_method": row.get("link_method"), "link_probability": row.get("link_probability"),
            "name_masked": row.get("name_masked"), "id_masked": row.get("id_masked"),
            "birth_on": _iso(row.get("birth_on")), "gender": row.get("gender"), "rows": [ref],
        }
        return (row["role"], "person", row["person_id"]), subject
    if not (row.get("org_code") or row.get("note")):
        return None
    subject = {"role": row["role"], "kind": "organisation", "org_code": row.get("org_code"),
               "org_name": row.get("note"), "rows": [ref]}
    return (row["role"], "organisation", row.get("org_code") or row.get("note")), subject


DETERMINISTIC_LINKS = ("id", "document")


def _link_strength(subject: dict) -> tuple[float, int]:
    """How firmly a row is tied to its person. A subject shows its weakest row's link, so a
    clue that rests on a probabilistic or reviewed link says so (method and probability)
    even when the same person also has rows with a valid number."""
    p = subject.get("link_probability")
    return (1.0 if p is None else float(p), 1 if subject.get("link_method") in DETERMINISTIC_LINKS else 0)


def _evidence(row: dict) -> dict:
    if row["dataset"] == SEALED_DATASET and row.get("sealed"):
        return {"dataset": row["dataset"], "record_id": row["record_id"], "sealed": True}
    out = {"dataset": row["dataset"], "record_id": row["record_id"]}
    if row.get("note"):
        out["note"] = row["note"]
    return out


def build_model_clues(spec, rows: Iterable[dict], as_of: dt.date, run_id: str) -> list[dict]:
    meta = spec.meta
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["clue_key"], []).append(row)
    clues = []
    for key in sorted(grouped):
        items = grouped[key]
        head = items[0]
        subjects: dict[tuple, dict] = {}
        evidence: dict[tuple, dict] = {}
        for row in items:
            if row["item"] == "subject":
                found = _subject(row)
                if found is None:
                    continue
                skey, subject = found
                if skey in subjects:
                    held = subjects[skey]
                    if subject["rows"][0] not in held["rows"]:
                        held["rows"].append(subject["rows"][0])
                    if subject["kind"] == "person" and _link_strength(subject) < _link_strength(held):
                        held["link_method"], held["link_probability"] = subject["link_method"], subject["link_probability"]
                else:
                    subjects[skey] = subject
            else:
                evidence.setdefault((row["dataset"], row["record_id"]), _evidence(row))
        actions = head["actions"].split(";") if head.get("actions") else list(meta["actions"])
        record = {
            "model_id": spec.id, "model_version": spec.version, "clue_key": key,
            "severity": head["severity"], "legal_basis": list(meta["legal_basis"]),
            "recipients": list(meta["recipients"]), "actions": actions, "action": actions[0],
            "summary_zh": "", "summary_en": "",
            "region_code": head.get("region_code") or None, "event_on": _iso(head.get("event_on")), "as_of": as_of.isoformat(),
            "subjects": sorted(subjects.values(), key=lambda s: (s["role"], s.get("person_id") or s.get("org_code") or "")),
            "evidence": sorted(evidence.values(), key=lambda e: (e["dataset"], e["record_id"])),
            "sealed_evidence": any(e.get("sealed") for e in evidence.values()),
            "status": "detected", "first_detected_run": run_id, "last_detected_run": run_id,
        }
        record["summary_zh"], record["summary_en"] = summaries(meta, record, head.get("detail"))
        clues.append(record)
    return clues


def escalate(clues: list[dict], models_meta: dict[str, dict]) -> None:
    """Severity rules that look across models (model 8: red when the child is a subject elsewhere)."""
    persons_by_model: dict[str, set[str]] = {}
    for c in clues:
        ids = {s["person_id"] for s in c["subjects"] if s.get("person_id")}
        persons_by_model.setdefault(c["model_id"], set()).update(ids)
    for c in clues:
        if not models_meta.get(c["model_id"], {}).get("escalate_when_subject_elsewhere"):
            continue
        elsewhere = set().union(*(ids for m, ids in persons_by_model.items() if m != c["model_id"]))
        minors = {s["person_id"] for s in c["subjects"] if s["role"] == "minor" and s.get("person_id")}
        if minors & elsewhere:
            c["severity"] = "red"


def build_clues(results: list[ModelRows], as_of: dt.date, run_id: str) -> list[dict]:
    """Every clue record of one run, severity rules across models applied."""
    clues = []
    for result in results:
        clues.extend(build_model_clues(result.spec, result.rows, as_of, run_id))
    escalate(clues, {r.spec.id: r.spec.meta for r in results})
    return clues
