"""Dataset schemas, loaded from `contract/datasets/<name>.yml`.

Each YAML file is the single source for one canonical dataset of DATASETS.md: its
columns and their kinds, its required columns and its person groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from rightswatch.contract.codes import code_list

COLUMN_KINDS = {
    "record_id", "id_number", "name", "date", "datetime", "time", "bool", "code",
    "org_code", "region_code", "text", "int", "float", "term", "icd10_list",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    codes: str | None = None  # code-list name when kind == "code"

    @property
    def is_identity(self) -> bool:
        return self.kind in ("id_number", "name")


@dataclass(frozen=True)
class PersonGroup:
    """The columns that name one person in a row (the guest, the mother, the applicant …).

    Args:
        prefix: prefix of the analytic columns derived for this person (`""`, `mother_` …).
        id_number: the canonical identity-number column.
        id_type: the column giving the document type, if the dataset has one.
        name: the canonical name column, if any.
        birth_on: the canonical birth-date column, if any.
        gender: the canonical gender column, if any.
    """

    prefix: str
    id_number: str
    id_type: str | None = None
    name: str | None = None
    birth_on: str | None = None
    gender: str | None = None

    @property
    def birth_column(self) -> str:
        return self.birth_on or f"{self.prefix}birth_on"

    @property
    def gender_column(self) -> str:
        return self.gender or f"{self.prefix}gender"

    def col(self, suffix: str) -> str:
        return f"{self.prefix}{suffix}"


@dataclass(frozen=True)
class Dataset:
    name: str
    title_zh: str
    agency: str
    description: str
    required: tuple[str, ...]
    columns: tuple[Column, ...]
    persons: tuple[PersonGroup, ...]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def analytic_columns(self) -> list[str]:
        """The column names of this dataset's analytic (pseudonymised) table, in order."""
        identity = {c.name for c in self.columns if c.is_identity}
        out = ["record_id", "record_id_derived"]
        birth_cols = {p.birth_on for p in self.persons if p.birth_on}
        gender_cols = {p.gender for p in self.persons if p.gender}
        for c in self.columns:
            if c.name == "record_id" or c.name in identity:
                continue
            if c.name in birth_cols or c.name in gender_cols:
                continue  # emitted with their person group below
            out.append(c.name)
        for p in self.persons:
            out += [p.col("person_token"), p.col("id_status"), p.col("id_masked"),
                    p.col("name_key"), p.col("name_masked"), p.birth_column, p.gender_column]
            if p.birth_on:
                out.append(f"{p.birth_on}_recorded")
            out += [p.col("birth_conflict"), p.col("gender_conflict")]
        return out + ["_import_id", "_import_seq", "_source_row"]


def _parse_column(name: str, spec: str) -> Column:
    kind, _, codes = spec.partition(":")
    if kind not in COLUMN_KINDS:
        raise ValueError(f"column {name}: unknown kind {kind!r}")
    if kind == "code":
        code_list(codes)  # fail at load when the list does not exist
    return Column(name=name, kind=kind, codes=codes or None)


def _load(name: str) -> Dataset:
    text = resources.files("rightswatch.contract").joinpath("datasets", f"{name}.yml").read_text("utf-8")
    raw = yaml.safe_load(text)
    columns = tuple(_parse_column(k, v) for k, v in raw["columns"].items())
    names = {c.name for c in columns}
    persons = tuple(PersonGroup(**p) for p in raw.get("persons") or ())
    for col in raw["required"]:
        if col not in names:
            raise ValueError(f"{name}: required column {col} is not a column")
    return Dataset(
        name=raw["name"], title_zh=raw["title_zh"], agency=raw["agency"],
        description=raw["description"], required=tuple(raw["required"]),
        columns=columns, persons=persons,
    )


@cache
def datasets() -> dict[str, Dataset]:
    """Every canonical dataset, by name."""
    folder = resources.files("rightswatch.contract").joinpath("datasets")
    names = sorted(p.name.removesuffix(".yml") for p in folder.iterdir() if p.name.endswith(".yml"))
    return {n: _load(n) for n in names}


def dataset(name: str) -> Dataset:
    try:
        return datasets()[name]
    except KeyError:
        known = ", ".join(datasets())
        raise KeyError(f"unknown dataset {name!r}; the contract knows: {known}") from None
