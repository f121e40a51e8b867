"""Import mappings: bring an agency file with its own headers onto a canonical dataset.

A mapping is YAML:

    dataset: hotel_stays          # which canonical dataset the file feeds
    columns:                      # canonical column: the agency's header
      id_number: 证件号码
      checkin_at: 入住时间
    values:                       # canonical column: {agency value: canonical value}
      gender: {男性: M, 女性: F}
    date_formats:                 # canonical column: strptime formats tried first
      checkin_at: ["%d/%m/%Y %H:%M"]
    defaults:                     # canonical column: value when the file lacks the column
      id_type: resident_id

For a bundle, `files:` maps each file name to such a block.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rightswatch.contract import datasets
from rightswatch.errors import MappingError

KEYS = {"dataset", "columns", "values", "date_formats", "defaults"}


@dataclass(frozen=True)
class FileMapping:
    dataset: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # canonical → agency header
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    date_formats: dict[str, list[str]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)

    def rename(self) -> dict[str, str]:
        """Agency header → canonical name."""
        return {agency: canonical for canonical, agency in self.columns.items()}


@dataclass(frozen=True)
class Mapping:
    source: str
    digest: str
    default: FileMapping
    files: dict[str, FileMapping]

    def for_file(self, path: Path) -> FileMapping:
        return self.files.get(path.name, self.default)


EMPTY = Mapping(source="", digest="", default=FileMapping(), files={})


def _block(raw: dict, where: str) -> FileMapping:
    unknown = set(raw) - KEYS
    if unknown:
        raise MappingError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(KEYS)})")
    name = raw.get("dataset")
    if name is not None and name not in datasets():
        raise MappingError(f"{where}: unknown dataset {name!r}")
    block = FileMapping(
        dataset=name,
        columns={str(k): str(v) for k, v in (raw.get("columns") or {}).items()},
        values={str(c): {str(k): str(v) for k, v in m.items()} for c, m in (raw.get("values") or {}).items()},
        date_formats={str(c): [str(f) for f in (v if isinstance(v, list) else [v])]
                      for c, v in (raw.get("date_formats") or {}).items()},
        defaults={str(k): str(v) for k, v in (raw.get("defaults") or {}).items()},
    )
    if name is not None:
        known = set(datasets()[name].column_names)
        for section in ("columns", "values", "date_formats", "defaults"):
            for col in getattr(block, section):
                if col not in known:
                    raise MappingError(f"{where}: {section}: {col!r} is not a column of {name}")
    return block


def load_mapping(path: Path | None) -> Mapping:
    if path is None:
        return EMPTY
    try:
        text = Path(path).read_text("utf-8")
        raw = yaml.safe_load(text) or {}
    except OSError as exc:
        raise MappingError(f"{path}: cannot read the mapping: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise MappingError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(raw, dict):
        raise MappingError(f"{path}: a mapping must be a YAML dictionary")
    files = raw.pop("files", None) or {}
    default = _block(raw, str(path))
    per_file = {str(name): _block(block or {}, f"{path}: files: {name}") for name, block in files.items()}
    return Mapping(str(path), hashlib.sha256(text.encode()).hexdigest(), default, per_file)
