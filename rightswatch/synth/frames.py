"""Rows of every dataset before they are written: numpy columns in canonical units.

A dataset is a list of chunks (dicts of equal-length arrays). Canonical columns hold
typed values (datetime64, bool, int, str objects); each person group `i` of the
dataset's YAML is held as `_pid_i` (the true person) and `_dirt_i` (how the identity
number is spoiled, see `dirt.py`). Names, numbers and birth dates are looked up from the
population when the bundle is rendered. Record ids are row positions, so a planter knows a
row's id the moment it adds it.
"""

from __future__ import annotations

import numpy as np

from rightswatch.contract import dataset

PREFIX = {
    "residents": "R", "family_relations": "FR", "hotel_stays": "HS", "venue_visits": "VV",
    "school_enrollments": "SE", "staff_rosters": "SR", "offense_records": "OR", "medical_visits": "MV",
    "births": "BC", "police_incidents": "PI", "incident_parties": "IP", "mandatory_reports": "MR",
    "protection_orders": "PO", "welfare_benefits": "WB", "custody_records": "CR", "job_postings": "JP",
    "disabilities": "DS", "organisations": "ORG", "school_attendance_days": "SAD",
}


def record_id(name: str, row: int) -> str:
    """The record id of the 0-based row `row` (the same format the renderer writes)."""
    return f"{PREFIX[name]}-{row + 1:08d}"


class Frames:
    def __init__(self) -> None:
        self.chunks: dict[str, list[dict[str, np.ndarray]]] = {n: [] for n in PREFIX}
        self.counts: dict[str, int] = dict.fromkeys(PREFIX, 0)
        self.pending: dict[str, list[dict]] = {n: [] for n in PREFIX}

    def add(self, name: str, chunk: dict[str, np.ndarray]) -> int:
        """Append a chunk; return the 0-based row number of its first row."""
        self.flush(name)
        n = len(next(iter(chunk.values())))
        start = self.counts[name]
        if n:
            self.chunks[name].append(chunk)
            self.counts[name] += n
        return start

    def add_row(self, name: str, row: dict) -> str:
        """Append one (planted) row; return its record id."""
        self.pending[name].append(row)
        rid = record_id(name, self.counts[name])
        self.counts[name] += 1
        return rid

    def flush(self, name: str) -> None:
        rows = self.pending[name]
        if not rows:
            return
        self.pending[name] = []
        keys = list(dict.fromkeys(k for r in rows for k in r))
        chunk = {}
        for k in keys:
            # a person group a row leaves out is -1 (no person), not a float NaN
            empty = -1 if k.startswith(("_pid_", "_dirt_")) else None
            values = [r.get(k, empty) for r in rows]
            chunk[k] = _column(values)
        self.chunks[name].append(chunk)

    def column(self, name: str, col: str) -> np.ndarray:
        """One column over every chunk of a dataset (missing cells as NaT, -1 or None)."""
        self.flush(name)
        parts = [c[col] for c in self.chunks[name] if col in c and not _all_none(c[col])]
        if not parts:
            return np.full(self.counts[name], None, dtype=object)
        sample = parts[0]
        out = []
        for c in self.chunks[name]:
            n = len(next(iter(c.values())))
            if col in c and not _all_none(c[col]):
                out.append(c[col])
            elif sample.dtype.kind == "M":
                out.append(np.full(n, np.datetime64("NaT"), dtype=sample.dtype))
            elif sample.dtype.kind in "iu":
                out.append(np.full(n, -1, dtype=sample.dtype))
            elif sample.dtype.kind == "f":
                out.append(np.full(n, np.nan))
            else:
                out.append(np.full(n, None, dtype=object))
        if sample.dtype.kind == "M":
            out = [o.astype(sample.dtype) for o in out]
        return np.concatenate(out)

    def flush_all(self) -> None:
        for name in self.chunks:
            self.flush(name)


def _column(values: list) -> np.ndarray:
    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, np.datetime64) or hasattr(sample, "isoformat"):
        unit = "s" if hasattr(sample, "hour") or (isinstance(sample, np.datetime64)
                                                     and np.datetime_data(sample.dtype)[0] == "s") else "D"
        return np.array([np.datetime64(v, unit) if v is not None else np.datetime64("NaT") for v in values],
                        dtype=f"datetime64[{unit}]")
    if isinstance(sample, bool | np.bool_):
        return bool_codes(values)
    if isinstance(sample, int | np.integer):
        if any(v is None for v in values):
            return np.array([np.nan if v is None else float(v) for v in values])
        return np.array(values, dtype=np.int64)
    return np.array(values, dtype=object)


def bool_codes(values) -> np.ndarray:
    """Booleans with nulls as int8: 1 true, 0 false, -1 empty."""
    return np.array([-1 if v is None else int(bool(v)) for v in values], dtype=np.int8)


def _all_none(arr: np.ndarray) -> bool:
    return arr.dtype.kind == "O" and not any(v is not None for v in arr)


def group_columns(name: str) -> list[tuple[int, object]]:
    """(index, PersonGroup) of a dataset's person groups."""
    return list(enumerate(dataset(name).persons))
