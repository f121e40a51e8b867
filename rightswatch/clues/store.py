"""The clue store: `workspace/clues/clues.duckdb`.

- `clues`: one row per clue key with the full record (JSON) and the columns people filter on;
- `runs`: run history (run id, as_of, models and versions, times, counts per model).

A run merges in one transaction, so a failure leaves the store as it was:
- a key found again updates the clue in place: its evidence rows, subjects and subject
  rows are the run's; one that an earlier run found and this run did not (the row was
  withdrawn, or a review of the person index moved it to another person) is kept,
  marked `"not_redetected": true`, and loses the mark if a later run finds it again;
- a key of a model that ran but did not find it again is kept, marked `not_redetected`;
- clues of models that did not run are untouched. Nothing is ever deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import duckdb
import pyarrow as pa

from rightswatch.location import workspace_path

SCHEMA = """
CREATE TABLE IF NOT EXISTS clues (
    clue_key VARCHAR PRIMARY KEY,
    model_id VARCHAR NOT NULL,
    model_version VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    region_code VARCHAR,
    event_on DATE,
    first_detected_run VARCHAR NOT NULL,
    last_detected_run VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    record VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    as_of DATE NOT NULL,
    models VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    counts VARCHAR NOT NULL
);
"""

STORE_FILE = Path("clues") / "clues.duckdb"


STALE = "not_redetected"


def _current(x: dict) -> dict:
    return {k: v for k, v in x.items() if k != STALE}


def _merge_list(old: list[dict], new: list[dict], key) -> list[dict]:
    """The run's entries as they are now; earlier entries it did not find again, marked."""
    merged = {key(x): _current(x) for x in new}
    for x in old:
        if key(x) not in merged:
            merged[key(x)] = {**x, STALE: True}
    return sorted(merged.values(), key=key)


def _ev_key(e: dict) -> tuple:
    return (e["dataset"], e["record_id"])


def _subject_key(s: dict) -> tuple:
    return (s["role"], s["kind"], s.get("person_id") or s.get("org_code") or s.get("org_name") or "")


def merge_record(old: dict, new: dict) -> dict:
    """The same situation found again: the new facts win; evidence, subjects and subject
    rows that the run no longer finds stay, marked `not_redetected` (never deleted)."""
    merged = dict(new)
    merged["evidence"] = _merge_list(old["evidence"], new["evidence"], _ev_key)
    before = {_subject_key(s): s for s in old["subjects"]}
    subjects = {}
    for s in new["subjects"]:
        k = _subject_key(s)
        rows = _merge_list(before[k]["rows"], s["rows"], _ev_key) if k in before else s["rows"]
        subjects[k] = {**_current(s), "rows": rows}
    for k, s in before.items():
        if k not in subjects:
            subjects[k] = {**s, STALE: True}
    merged["subjects"] = sorted(subjects.values(), key=_subject_key)
    merged["sealed_evidence"] = any(e.get("sealed") for e in merged["evidence"])
    merged["first_detected_run"] = old["first_detected_run"]
    merged["status"] = "detected"
    return merged


class ClueStore:
    def __init__(self, workspace: Path | str):
        self.path = workspace_path(workspace) / STORE_FILE  # a path or a file:// URI

    @contextlib.contextmanager
    def _connect(self, read_only: bool = False):
        if read_only and not self.path.exists():
            con = duckdb.connect()
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(str(self.path), read_only=read_only)
        try:
            if not read_only or not self.path.exists():
                con.execute(SCHEMA)
            yield con
        finally:
            con.close()

    def record_run(self, run_id: str, as_of: dt.date, versions: dict[str, str], started_at: dt.datetime,
                   clues: list[dict]) -> dict[str, int]:
        """Merge one run's clues for the models in `versions`; returns counts by outcome."""
        now = dt.datetime.now()
        found = {c["clue_key"]: c for c in clues}
        models = list(versions)
        outcome = {"new": 0, "updated": 0, "not_redetected": 0}
        with self._connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                existing = {}
                if models:
                    marks = ", ".join("?" * len(models))
                    for key, text in con.execute(
                        f"SELECT clue_key, record FROM clues WHERE model_id IN ({marks})", models
                    ).fetchall():
                        existing[key] = json.loads(text)
                rows = []
                for key, record in found.items():
                    if key in existing:
                        record = merge_record(existing[key], record)
                        outcome["updated"] += 1
                    else:
                        outcome["new"] += 1
                    rows.append(record)
                for key, record in existing.items():
                    if key not in found and record["status"] != "not_redetected":
                        rows.append({**record, "status": "not_redetected"})
                        outcome["not_redetected"] += 1
                if rows:
                    table = pa.table({
                        "clue_key": [r["clue_key"] for r in rows],
                        "model_id": [r["model_id"] for r in rows],
                        "model_version": [r["model_version"] for r in rows],
                        "severity": [r["severity"] for r in rows],
                        "status": [r["status"] for r in rows],
                        "region_code": [r.get("region_code") for r in rows],
                        "event_on": pa.array([dt.date.fromisoformat(r["event_on"]) if r.get("event_on") else None
                                              for r in rows], pa.date32()),
                        "first_detected_run": [r["first_detected_run"] for r in rows],
                        "last_detected_run": [r["last_detected_run"] for r in rows],
                        "updated_at": pa.array([now] * len(rows), pa.timestamp("us")),
                        "record": [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows],
                    })
                    con.register("rw_incoming", table)
                    con.execute("INSERT OR REPLACE INTO clues SELECT * FROM rw_incoming")
                    con.unregister("rw_incoming")
                counts = {m: sum(1 for c in clues if c["model_id"] == m) for m in models}
                con.execute(
                    "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)",
                    [run_id, as_of, json.dumps(versions), started_at, now,
                     json.dumps({"clues": counts, **outcome})],
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return outcome

    def clues(self, model_id: str | None = None, status: str | None = None) -> list[dict]:
        where, params = [], []
        if model_id:
            where.append("model_id = ?")
            params.append(model_id)
        if status:
            where.append("status = ?")
            params.append(status)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        with self._connect(read_only=True) as con:
            rows = con.execute(f"SELECT record FROM clues {clause} ORDER BY model_id, clue_key", params).fetchall()
        return [json.loads(r[0]) for r in rows]

    def runs(self) -> list[dict]:
        with self._connect(read_only=True) as con:
            rows = con.execute(
                "SELECT run_id, as_of, models, started_at, finished_at, counts FROM runs ORDER BY started_at"
            ).fetchall()
        return [
            {"run_id": r[0], "as_of": r[1].isoformat(), "models": json.loads(r[2]),
             "started_at": r[3].isoformat(), "finished_at": r[4].isoformat(), "counts": json.loads(r[5])}
            for r in rows
        ]
