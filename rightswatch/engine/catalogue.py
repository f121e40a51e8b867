"""Supervision models as data: `rightswatch/models/<model_id>.yml` + `<model_id>.sql`.

The YAML holds what a legal analyst reads and the clue record carries (titles, legal
basis, recipients, actions, severity rule, key, the spec's "Not:" cases, summary
templates); the SQL holds the rule as named steps ending in `clues` and `items`.
Both are checked when loaded, so a malformed model fails before any data is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from rightswatch.contract import datasets
from rightswatch.engine.pipeline import Step, parse_steps
from rightswatch.errors import RightsWatchError

RECIPIENTS = {"public_security", "education", "civil_affairs", "health", "culture_tourism", "market_regulation",
              "human_resources", "court", "womens_federation", "procuratorate"}
ACTIONS = {"criminal_case_supervision", "procuratorial_suggestion", "public_interest_litigation", "referral",
           "judicial_aid"}
SEVERITIES = ("red", "orange", "yellow")
REQUIRED = ("id", "version", "number", "title", "inputs", "rule", "clue_key", "legal_basis", "recipients",
            "actions", "severity", "summary")

# The output contract of every model: the `clues` step (one row per clue) and the
# `items` step (one row per subject or evidence row of a clue).
CLUE_COLUMNS = ("clue_key", "severity", "event_on", "region_code", "actions", "detail")
ITEM_COLUMNS = ("clue_key", "item", "role", "dataset", "record_id", "prefix", "org_code", "note")


@dataclass(frozen=True)
class ModelSpec:
    id: str
    version: str
    number: int
    meta: dict
    steps: tuple[Step, ...] = field(repr=False)

    @property
    def inputs(self) -> list[str]:
        return list(self.meta["inputs"])

    @property
    def title_en(self) -> str:
        return self.meta["title"]["en"]

    @property
    def title_zh(self) -> str:
        return self.meta["title"]["zh"]


class ModelDefinitionError(RightsWatchError, ValueError):
    """A model file is malformed, or a model id is unknown."""


def _check(model_id: str, meta: dict, steps: list[Step]) -> None:
    def fail(msg: str):
        raise ModelDefinitionError(f"model {model_id}: {msg}")

    for key in REQUIRED:
        if key not in meta:
            fail(f"missing {key!r}")
    if meta["id"] != model_id:
        fail(f"id {meta['id']!r} differs from the file name")
    if not {"zh", "en"} <= set(meta["title"]):
        fail("title needs zh and en")
    unknown = set(meta["inputs"]) - set(datasets())
    if unknown:
        fail(f"unknown inputs {sorted(unknown)}")
    if set(meta["recipients"]) - RECIPIENTS:
        fail(f"unknown recipients {sorted(set(meta['recipients']) - RECIPIENTS)}")
    if not meta["actions"] or set(meta["actions"]) - ACTIONS:
        fail("actions must be a non-empty list of known actions")
    if not {"zh", "en"} <= set(meta["summary"]):
        fail("summary needs zh and en templates")
    for name in meta.get("uses") or ():
        load_shared(name)
    names = [s.name for s in steps]
    for needed in ("clues", "items"):
        if needed not in names:
            fail(f"the SQL needs a step named {needed!r}")


@cache
def load_model(model_id: str) -> ModelSpec:
    folder = resources.files("rightswatch.models")
    meta_file, sql_file = folder.joinpath(f"{model_id}.yml"), folder.joinpath(f"{model_id}.sql")
    if not meta_file.is_file() or not sql_file.is_file():
        raise ModelDefinitionError(f"no model {model_id!r}; known: {', '.join(model_ids())}")
    meta = yaml.safe_load(meta_file.read_text("utf-8"))
    steps = parse_steps(sql_file.read_text("utf-8"))
    _check(model_id, meta, steps)
    return ModelSpec(meta["id"], str(meta["version"]), int(meta["number"]), meta, tuple(steps))


@dataclass(frozen=True)
class SharedRelation:
    """A relation several models read (`models/shared/<name>.sql` + `.yml`), computed once per run.

    Its output is its last step; models name it like a dataset and list it under `uses`.
    """

    id: str
    meta: dict
    steps: tuple[Step, ...] = field(repr=False)

    @property
    def inputs(self) -> list[str]:
        return list(self.meta["inputs"])


@cache
def load_shared(name: str) -> SharedRelation:
    folder = resources.files("rightswatch.models").joinpath("shared")
    meta_file, sql_file = folder.joinpath(f"{name}.yml"), folder.joinpath(f"{name}.sql")
    if not meta_file.is_file() or not sql_file.is_file():
        raise ModelDefinitionError(f"no shared relation {name!r} in models/shared/")
    meta = yaml.safe_load(meta_file.read_text("utf-8"))
    unknown = set(meta.get("inputs") or ()) - set(datasets())
    if meta.get("id") != name or unknown:
        raise ModelDefinitionError(f"shared relation {name}: id must be {name!r} and inputs known datasets")
    return SharedRelation(name, meta, tuple(parse_steps(sql_file.read_text("utf-8"))))


def model_ids() -> list[str]:
    """Every model shipped, in catalogue order (MODELS.md's numbering)."""
    folder = resources.files("rightswatch.models")
    ids = [p.name.removesuffix(".yml") for p in folder.iterdir()
           if p.name.endswith(".yml") and folder.joinpath(p.name.removesuffix(".yml") + ".sql").is_file()]
    return sorted(ids, key=lambda i: (load_model(i).number, i))


def load_models(selected: list[str] | None = None) -> list[ModelSpec]:
    ids = model_ids()
    if selected:
        unknown = [m for m in selected if m not in ids]
        if unknown:
            raise ModelDefinitionError(f"unknown model(s) {', '.join(unknown)}; known: {', '.join(ids)}")
        ids = [i for i in ids if i in selected]
    return [load_model(i) for i in ids]
