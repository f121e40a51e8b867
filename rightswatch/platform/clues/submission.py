"""Clues that partners (and the procuratorate) enter themselves: one by form, or many from a file."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from rightswatch.identity.masking import mask_id_number
from rightswatch.platform.audit import signals as audit
from rightswatch.platform.clues.importer import ClueRecordError, import_records, to_fields
from rightswatch.platform.clues.models import Clue, Severity, Source
from rightswatch.platform.masking import mask_text


class SubmissionError(Exception):
    pass


def _person_id(number: str) -> str:
    try:
        from rightswatch.contract.normalise.idnumber import clean
        from rightswatch.identity.tokens import person_token

        return "T:" + person_token(clean(number))
    except Exception:  # no deployment secret here: keep the masked form only
        return ""


def submit(user, *, summary: str, region_code: str, event_on: date | None, severity: str, subject_surname: str = "",
           subject_id_number: str = "", channel: str = "") -> Clue:
    """One clue entered by a person. Identity numbers are stored masked (and as a token); never raw."""
    source = Source.PARTNER if user.is_partner else Source.MANUAL
    subjects = []
    if subject_surname or subject_id_number:
        subjects.append({
            "role": "victim", "kind": "person",
            "person_id": _person_id(subject_id_number) if subject_id_number else "",
            "name_masked": f"{subject_surname[:2]}某" if subject_surname else "",
            "id_masked": mask_id_number(subject_id_number) if subject_id_number else "",
            "rows": [],
        })
    agency_code = user.agency.code if user.agency_id else "manual"
    key = f"{source}:{agency_code}|{timezone.now():%Y%m%d}|{uuid.uuid4().hex[:10]}"
    text = mask_text(summary.strip())
    clue = Clue(
        clue_key=key, source=source, severity=severity if severity in Severity.values else Severity.ORANGE,
        summary_zh=text, region_code=region_code, event_on=event_on, subjects=subjects,
        evidence=[{"dataset": "submission", "record_id": key.split(":", 1)[1], "note": mask_text(channel)}],
        submitted_by_agency=user.agency, submitted_by=user, recipients=["procuratorate"],
    )
    clue.search_text = clue.build_search_text()
    clue.save()
    audit.send("create", user=user, object_type="clue", object_id=clue.pk, detail={"source": source})
    return clue


def submit_file(user, upload) -> tuple[int, list[str]]:
    """Bulk submission: JSON Lines clue records (as the engine exports) or a CSV. Returns (created, errors)."""
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise SubmissionError(_("The file is neither UTF-8 nor GB18030 text.")) from None
    name = (upload.name or "").lower()
    errors: list[str] = []
    created = 0
    if name.endswith(".jsonl") or name.endswith(".json"):
        records = []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                to_fields(rec, f"line {n}")
            except (json.JSONDecodeError, ClueRecordError) as exc:
                errors.append(f"line {n}: {exc}")
                continue
            if not user.works_clues:
                rec["clue_key"] = f"partner:{user.agency.code}|{rec['clue_key']}"
            records.append((f"line {n}", rec))
        extra = {"source": Source.PARTNER if user.is_partner else Source.MODEL,
                 "submitted_by_agency": user.agency if user.is_partner else None}
        result = import_records(records, extra=extra, strict=False)
        created = result.created + result.updated
        errors += result.errors
    elif name.endswith(".csv"):
        reader = csv.DictReader(io.StringIO(text))
        missing = {"summary", "region_code"} - set(reader.fieldnames or [])
        if missing:
            raise SubmissionError(_("The CSV lacks the column(s): %(cols)s.") % {"cols": ", ".join(sorted(missing))})
        for n, row in enumerate(reader, start=2):
            region = (row.get("region_code") or "").strip()
            if not (region.isdigit() and len(region) == 6):
                errors.append(_("row %(n)d: region_code: a region code has six digits.") % {"n": n})
                continue
            try:
                event_on = date.fromisoformat(row["event_on"].strip()) if (row.get("event_on") or "").strip() else None
            except ValueError:
                errors.append(_("row %(n)d: event_on: not a date (YYYY-MM-DD).") % {"n": n})
                continue
            if not (row.get("summary") or "").strip():
                errors.append(_("row %(n)d: summary: empty.") % {"n": n})
                continue
            submit(user, summary=row["summary"], region_code=region, event_on=event_on,
                   severity=(row.get("severity") or "orange").strip())
            created += 1
    else:
        raise SubmissionError(_("Upload a .jsonl or .csv file."))
    return created, errors
