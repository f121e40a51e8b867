"""Code lists of DATASETS.md (`codes.yml`): canonical codes, aliases, and the value for unknowns."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class CodeList:
    name: str
    codes: tuple[str, ...]
    aliases: dict[str, str]
    unknown: str | None  # what an unlisted value becomes (`other`, or None to leave it empty)
    default: str | None  # what an empty value becomes

    def lookup_table(self) -> dict[str, str]:
        """Lower-cased spelling → canonical code, covering the codes themselves and aliases."""
        table = {c.lower(): c for c in self.codes}
        table.update({str(k).lower(): v for k, v in self.aliases.items()})
        return table

    def normalise(self, value: str | None) -> tuple[str | None, bool]:
        """Scalar reference: (canonical value, was_unknown)."""
        if value is None or str(value).strip() == "":
            return self.default, False
        hit = self.lookup_table().get(str(value).strip().lower())
        if hit is not None:
            return hit, False
        return self.unknown, True


@cache
def _raw() -> dict:
    text = resources.files("rightswatch.contract").joinpath("codes.yml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def code_list(name: str) -> CodeList:
    raw = _raw()
    if name not in raw:
        raise KeyError(f"unknown code list {name!r}")
    spec = raw[name]
    return CodeList(
        name=name,
        codes=tuple(spec["codes"]),
        aliases={str(k): str(v) for k, v in (spec.get("aliases") or {}).items()},
        unknown=spec.get("other", "other"),
        default=spec.get("default"),
    )


def code_lists() -> dict[str, CodeList]:
    return {n: code_list(n) for n in _raw()}
