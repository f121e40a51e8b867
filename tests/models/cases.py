"""Hand-written canonical bundles for model tests, independent of the synthetic city.

A case is a dict dataset → list of row dicts with canonical column names (DATASETS.md);
`ingest_case` writes one CSV per dataset, ingests it into a fresh workspace and returns
the workspace. `idn` makes a valid resident identity number for a birth date and gender.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from rightswatch.contract.normalise.idnumber import check_character
from rightswatch.ingest import Workspace, ingest_path

_SEQ = iter(range(100, 999, 2))


def idn(born: str, gender: str = "F", region: str = "340202", seq: int | None = None) -> str:
    """A valid 18-character number: 3-digit sequence odd for men, even for women."""
    n = seq if seq is not None else next(_SEQ)
    if (n % 2 == 1) != (gender == "M"):
        n += 1
    first17 = region + dt.date.fromisoformat(born).strftime("%Y%m%d") + f"{n % 1000:03d}"
    return first17 + check_character(first17)


def bad_check(number: str) -> str:
    """The same number with a wrong check character."""
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


def write_bundle(folder: Path, case: dict[str, list[dict]], as_of: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for dataset, rows in case.items():
        columns = list(dict.fromkeys(k for r in rows for k in r))
        with (folder / f"{dataset}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for r in rows:
                writer.writerow({k: ("" if v is None else v) for k, v in r.items()})
    if as_of:
        (folder / "as_of.txt").write_text(as_of + "\n")
    return folder


def ingest_case(tmp: Path, case: dict[str, list[dict]], name: str = "bundle") -> Workspace:
    bundle = write_bundle(tmp / name, case)
    ws_dir = tmp / f"{name}-ws"
    ingest_path(bundle, ws_dir)
    return Workspace(ws_dir)


class Person:
    """A test person: a valid number, a name, a birth date and a gender."""

    def __init__(self, name: str, born: str, gender: str, household: str | None = None):
        self.name, self.born, self.gender, self.household = name, born, gender, household
        self.id = idn(born, gender)

    def resident(self, record_id: str, **extra) -> dict:
        row = {"record_id": record_id, "id_number": self.id, "name": self.name, "gender": self.gender,
               "birth_on": self.born, "household_id": self.household or "", "region_code": "340202",
               "status": "active"}
        row.update(extra)
        return row


def run_case(tmp: Path, case: dict[str, list[dict]], models: list[str], as_of: str) -> dict[str, dict]:
    """Ingest the case, run the models, return the clue records by key."""
    from rightswatch.clues.build import build_clues
    from rightswatch.engine.runner import run_models

    ws = ingest_case(tmp, case)
    day = dt.date.fromisoformat(as_of)
    out = run_models(ws, day, models)
    return {c["clue_key"]: c for c in build_clues(out.results, day, "run-test")}


def run_workspace(ws: Workspace, models: list[str], as_of: str) -> dict[str, dict]:
    """Run models on an already ingested workspace (one ingest, several as_of dates)."""
    from rightswatch.clues.build import build_clues
    from rightswatch.engine.runner import run_models

    day = dt.date.fromisoformat(as_of)
    out = run_models(ws, day, models)
    return {c["clue_key"]: c for c in build_clues(out.results, day, "run-test")}
