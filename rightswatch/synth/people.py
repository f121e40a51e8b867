"""The synthetic population as columns: one entry per person, residents and visitors.

A person is an index into these arrays (`pid`). Generators sample pids; identity numbers
and name strings are produced once for everybody at the end (`finish`), so that planted
persons get numbers from the same allocator as the background.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import idnumbers, names

STATUS = ("active", "deceased", "emigrated", "missing", "moved_out")
RELATION_TO_HEAD = ("户主", "配偶", "子", "女", "父", "母", "孙子", "孙女", "其他")
ID_TYPES = ("resident_id", "passport")

# Person flags: a planter switches off a fix-up that would otherwise hide its case.
NO_SCHOOL_FIXUP = 1
NO_BENEFIT_FIXUP = 2

_COLUMNS = {
    "birth": "datetime64[D]", "male": np.int8, "region": np.int32, "household": np.int64,
    "rel": np.int8, "status": np.int8, "status_on": "datetime64[D]", "resident": bool,
    "name_kind": np.int8, "sur": np.int32, "giv": np.int32, "id_type": np.int8,
    "planted": bool, "flags": np.int16, "address": np.int32,
}


@dataclass
class People:
    cols: dict[str, np.ndarray] = field(default_factory=lambda: {
        k: np.empty(0, dtype=t) for k, t in _COLUMNS.items()})
    # filled by finish()
    id18: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.cols["birth"])

    def __getitem__(self, key: str) -> np.ndarray:
        return self.cols[key]

    def append(self, **values) -> np.ndarray:
        """Append persons (arrays of equal length; omitted columns take defaults); return their pids."""
        n = len(values["birth"])
        defaults = {"household": -1, "rel": 8, "status": 0, "status_on": np.datetime64("NaT"),
                    "resident": True, "name_kind": 0, "id_type": 0, "planted": False, "flags": 0,
                    "address": 0}
        start = len(self)
        for k, t in _COLUMNS.items():
            v = values.get(k, defaults.get(k))
            arr = np.broadcast_to(np.asarray(v, dtype=t), (n,))
            self.cols[k] = np.concatenate([self.cols[k], arr])
        return np.arange(start, start + n)

    # --- one at a time (planted persons), committed in one concatenation ------------------------
    pending: list[dict] = field(default_factory=list)

    def add_one(self, **values) -> int:
        self.pending.append(values)
        return len(self) + len(self.pending) - 1

    def value(self, pid: int, column: str):
        n = len(self)
        return self.cols[column][pid] if pid < n else self.pending[pid - n][column]

    def commit(self) -> None:
        if not self.pending:
            return
        keys = self.pending[0].keys()
        rows, self.pending = self.pending, []
        self.append(**{k: [r[k] for r in rows] for k in keys})

    # --- derived -------------------------------------------------------------------------
    @staticmethod
    def key_of(kind, sur, giv, birth, male) -> np.ndarray:
        name = (np.asarray(kind).astype(np.int64) * 10_000 + sur) * 100_000 + giv
        return (name * 200_000 + np.asarray(birth).astype("datetime64[D]").astype(np.int64) + 100_000) * 2 + male

    def triple_keys(self) -> np.ndarray:
        """(name, birth date, gender) as one int64, to test whether a triple is unique."""
        c = self.cols
        return self.key_of(c["name_kind"], c["sur"], c["giv"], c["birth"], c["male"])

    def unique_triple(self) -> np.ndarray:
        """True where no other person shares name, birth date and gender."""
        keys = self.triple_keys()
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        return counts[inverse] == 1

    def finish(self, rng) -> None:
        """Identity numbers for everybody (unique within region and birth date)."""
        c = self.cols
        seq = idnumbers.assign_sequences(c["region"], c["birth"], c["male"].astype(np.int64), rng)
        ids = idnumbers.build(c["region"], c["birth"], seq)
        passport = c["id_type"] == 1
        if passport.any():
            num = rng.integers(10_000_000, 99_999_999, size=int(passport.sum()))
            ids = ids.astype("S18")
            ids[passport] = np.char.add(b"E", num.astype("S8"))
        self.id18 = ids

    def name_strings(self):
        return names.render(self.cols["name_kind"], self.cols["sur"], self.cols["giv"])
