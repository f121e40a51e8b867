"""Everything the generators and planters share while a bundle is being made."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from .dates import d64, full_years
from .frames import Frames
from .people import People
from .scale import Scale


@dataclass
class World:
    as_of: dt.date
    scale: Scale
    rng: np.random.Generator
    people: People
    relations: dict[str, np.ndarray]
    orgs: dict[str, np.ndarray]
    frames: Frames = field(default_factory=Frames)
    # extra family relations added by planters (pid pairs), merged before writing
    claims: set = field(default_factory=set)
    _unique: np.ndarray | None = None

    @property
    def today(self) -> np.datetime64:
        return d64(self.as_of)

    def ages(self, on: dt.date | None = None) -> np.ndarray:
        """Everybody's age in full years on a date (cached: generators ask often)."""
        on64 = d64(on or self.as_of)
        key = (on64, len(self.people))
        cache = self.__dict__.setdefault("_ages", {})
        if key not in cache:
            if len(cache) > 4:
                cache.clear()
            cache[key] = full_years(self.people["birth"], np.full(len(self.people), on64))
        return cache[key]

    def unique(self, pids: np.ndarray) -> np.ndarray:
        """Whether each person's (name, birth date, gender) is shared by nobody else."""
        if self._unique is None or len(self._unique) != len(self.people):
            self._unique = self.people.unique_triple()
        return self._unique[pids]

    def pool(self, *, min_age: int | None = None, max_age: int | None = None, on: dt.date | None = None,
             resident: bool | None = None, male: int | None = None) -> np.ndarray:
        """pids of unplanted, active people matching the filters (ages on `on`, default as_of)."""
        p = self.people
        ok = ~p["planted"] & (p["status"] == 0)
        if min_age is not None or max_age is not None:
            a = self.ages(on)
            if min_age is not None:
                ok &= a >= min_age
            if max_age is not None:
                ok &= a <= max_age
        if resident is not None:
            ok &= p["resident"] == resident
        if male is not None:
            ok &= p["male"] == male
        return np.flatnonzero(ok)
