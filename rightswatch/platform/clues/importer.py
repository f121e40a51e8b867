"""Import clue records (docs/clue-record.md) from a JSON Lines export or a workspace's clue store.

A clue already in the platform (same clue_key) is updated: the model's fields and evidence are
replaced by the newer run's, while its workflow (state, transfers, events) is kept. A clue that a
later run does not find again keeps its place (the store marks it `not_redetected`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from rightswatch.errors import RightsWatchError
from rightswatch.platform.clues.models import Clue, Severity
from rightswatch.platform.masking import contains_raw_id

REQUIRED = ("clue_key", "model_id", "severity")
FIELDS = ("model_id", "model_version", "severity", "legal_basis", "recipients", "actions", "action", "summary_zh",
          "summary_en", "region_code", "event_on", "as_of", "subjects", "evidence", "sealed_evidence",
          "first_detected_run", "last_detected_run")


class ClueRecordError(RightsWatchError):
    exit_code = 2


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _date(value, where: str, name: str):
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ClueRecordError(f"{where}: field {name}: not a date (YYYY-MM-DD): {value!r}") from None


def to_fields(record: dict, where: str) -> dict:
    """Validate one record and return the Clue field values; raises ClueRecordError naming the field."""
    if not isinstance(record, dict):
        raise ClueRecordError(f"{where}: a clue record is a JSON object")
    for name in REQUIRED:
        if not record.get(name):
            raise ClueRecordError(f"{where}: field {name} is missing")
    key = str(record["clue_key"])
    if ":" not in key or len(key) > 300:
        raise ClueRecordError(f"{where}: field clue_key: expected model_id:part1|part2…")
    if record["severity"] not in Severity.values:
        raise ClueRecordError(f"{where}: field severity: expected red, orange or yellow")
    for name in ("legal_basis", "recipients", "actions", "subjects", "evidence"):
        if not isinstance(record.get(name, []), list):
            raise ClueRecordError(f"{where}: field {name}: expected a list")
    for name in ("summary_zh", "summary_en", "clue_key"):
        if contains_raw_id(str(record.get(name) or "")):
            raise ClueRecordError(f"{where}: field {name} holds an unmasked identity number; refused")
    values = {name: record.get(name) for name in FIELDS if name in record}
    for name in ("event_on", "as_of"):
        values[name] = _date(record.get(name), where, name)
    for name in ("model_id", "model_version", "action", "summary_zh", "summary_en", "region_code",
                 "first_detected_run", "last_detected_run"):
        values[name] = str(values.get(name) or "")
    values["sealed_evidence"] = bool(record.get("sealed_evidence", False))
    values["store_status"] = str(record.get("status") or "detected")
    values["clue_key"] = key
    return values


def read_jsonl(path: Path) -> Iterator[tuple[str, dict]]:
    with open(path, encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path.name}, line {number}"
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as exc:
                raise ClueRecordError(f"{where}: not valid JSON ({exc.msg})") from None


def read_workspace(workspace: Path) -> Iterator[tuple[str, dict]]:
    """The workspace's clue store (`rightswatch.clues.store.ClueStore`), or else its `clues/*.jsonl` files."""
    workspace = Path(workspace)
    try:
        from rightswatch.clues.store import ClueStore
    except ImportError:  # the engine's store is not installed in this build
        ClueStore = None  # noqa: N806
    if ClueStore is not None:
        store = ClueStore(workspace)
        if store.path.exists():
            for n, record in enumerate(store.clues(), start=1):
                yield f"{store.path.name}, clue {n}", record
            return
    folder = workspace / "clues"
    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    if not files:
        raise ClueRecordError(f"{workspace}: no clue store found (run `rightswatch run` first)")
    for f in files:
        yield from read_jsonl(f)


def import_records(records: Iterable[tuple[str, dict]], *, batch: int = 2000, extra: dict | None = None,
                   strict: bool = True) -> ImportResult:
    """Create or update clues by clue_key, in batches. With strict=False bad records are listed, not fatal."""
    result = ImportResult()
    chunk: list[dict] = []

    def flush():
        if not chunk:
            return
        keys = [v["clue_key"] for v in chunk]
        with transaction.atomic():
            existing = {c.clue_key: c for c in Clue.objects.filter(clue_key__in=keys)}
            new, changed = [], []
            now = timezone.now()
            for values in chunk:
                clue = existing.get(values["clue_key"])
                if clue is None:
                    clue = Clue(**values, **(extra or {}), created_at=now, updated_at=now)
                    clue.search_text = clue.build_search_text()
                    new.append(clue)
                    existing[clue.clue_key] = clue
                else:
                    for name, value in values.items():
                        setattr(clue, name, value)
                    clue.search_text = clue.build_search_text()
                    clue.updated_at = now
                    if clue.pk is not None:
                        changed.append(clue)
            Clue.objects.bulk_create(new, batch_size=500)
            if changed:
                Clue.objects.bulk_update(changed, [*FIELDS, "store_status", "search_text", "updated_at"],
                                         batch_size=500)
        result.created += len(new)
        result.updated += len(changed)
        chunk.clear()

    for where, record in records:
        try:
            chunk.append(to_fields(record, where))
        except ClueRecordError as exc:
            if strict:
                raise
            result.errors.append(str(exc))
            continue
        if len(chunk) >= batch:
            flush()
    flush()
    return result
