"""What a planter may do: make persons, households and relations, add rows, claim
rooms and periods, and record the clue keys it expects."""

from __future__ import annotations

import datetime as dt

import numpy as np

from .. import names
from ..dates import add_years
from ..dirt import NAMES as DIRT
from ..frames import record_id
from ..world import World

RELATION = ("father", "mother", "grandparent", "sibling", "guardian", "foster_parent", "other_relative")


class PlantContext:
    def __init__(self, world: World, model_id: str, seed: int, truth: list[dict]) -> None:
        self.world = world
        self.model_id = model_id
        self.rng = np.random.default_rng(seed)
        self.as_of: dt.date = world.as_of
        self._truth = truth
        self.rep = 0

    # --- time ---------------------------------------------------------------------------
    def day(self, offset: int) -> dt.date:
        """as_of plus `offset` days."""
        return self.as_of + dt.timedelta(days=offset)

    @staticmethod
    def at(day: dt.date, hh: int = 12, mm: int = 0) -> np.datetime64:
        return np.datetime64(f"{day.isoformat()}T{hh:02d}:{mm:02d}:00", "s")

    @staticmethod
    def born(age: int, on: dt.date, days_more: int = 0) -> dt.date:
        """A birth date making someone `age` full years old on `on` (0 = today is the birthday)."""
        return add_years(on, -age) - dt.timedelta(days=days_more)

    # --- persons ----------------------------------------------------------------------------
    def household(self, region: int | None = None) -> tuple[int, int]:
        """A new household number (after every existing one) and its district."""
        w = self.world
        nxt = w.__dict__.get("_next_hh")
        if nxt is None:
            nxt = int(w.people["household"].max(initial=-1)) + 1
        w.__dict__["_next_hh"] = nxt + 1
        region = int(region if region is not None else self.rng.choice([340202, 340207, 340209, 340281]))
        return nxt, region

    def person(self, birth: dt.date, male: bool, *, resident: bool = True, household: tuple[int, int] | None = None,
               rel: int = 0, status: int = 0, status_on: dt.date | None = None, flags: int = 0) -> int:
        """A new person whose (name, birth date, gender) nobody else has."""
        w = self.world
        if resident and household is None:
            household = self.household()
        hh, region = household if household else (-1, int(self.rng.choice([110105, 320106, 330106])))
        birth64 = np.datetime64(birth, "D")
        taken = w.__dict__.get("_keys")
        if taken is None:
            taken = w.__dict__["_keys"] = (np.sort(w.people.triple_keys()), set())
        background, planted = taken
        for _ in range(200):
            sur = names.sample_surnames(1, self.rng)[0]
            giv = names.sample_given(np.array([int(male)], np.int8), np.array([birth.year >= 1985]), self.rng)[0]
            key = int(w.people.key_of(0, sur, giv, birth64, int(male)))
            i = np.searchsorted(background, key)
            if (i < len(background) and background[i] == key) or key in planted:
                continue
            planted.add(key)
            return w.people.add_one(
                birth=birth64, male=int(male), region=region, household=hh, rel=rel, status=status,
                status_on=np.datetime64(status_on, "D") if status_on else np.datetime64("NaT"),
                resident=resident, name_kind=0, sur=sur, giv=giv, id_type=0, planted=True, flags=flags,
                address=int(self.rng.integers(0, 10_000_000)))
        raise RuntimeError("could not find a unique name")

    def relate(self, person: int, relative: int, relation: str, guardian: bool | None = None) -> str:
        return self.add("family_relations", pid=person, pid1=relative, relation=relation, is_guardian=guardian)

    def resident_id(self, pid: int) -> str:
        return record_id("residents", pid)

    # --- organisations and claims -------------------------------------------------------------
    def org(self, kind: str) -> int:
        choices = np.flatnonzero(self.world.orgs["kind"] == kind)
        return int(self.rng.choice(choices))

    def add_org(self, kind: str, lat: float, lon: float, *, licence: str = "valid", region: int = 340223,
                school_type: str | None = None) -> int:
        """A new organisation (for cases that need premises of their own)."""
        from .. import idnumbers
        from ..orgs import KINDS, ORG_TYPE

        o = self.world.orgs
        n = len(o["kind"])
        code = idnumbers.org_codes(np.array([region]), np.array([9]), self.rng).astype(str)[0]
        values = {"kind": kind, "org_type": ORG_TYPE[kind], "name": f"芜湖新城{KINDS[kind][2][0]}（{n}）",
                  "code": code, "region": region, "lat": lat, "lon": lon, "school_type": school_type, "rooms": 0,
                  "licence": licence, "scope": KINDS[kind][3], "address": f"南陵县工业园{n}号", "planted": True}
        for k, v in values.items():
            o[k] = np.append(o[k], np.array([v], dtype=o[k].dtype))
        return n

    def org_code(self, org: int) -> str:
        return str(self.world.orgs["code"][org]).upper().replace(" ", "")

    def claim(self, key) -> bool:
        """Reserve a key (a hotel-quarter, a venue-month …) for one planted case."""
        if key in self.world.claims:
            return False
        self.world.claims.add(key)
        return True

    def room(self, hotel: int) -> int:
        """A room on floor 9 or above, which the background never uses."""
        key = ("room", hotel)
        n = self.world.__dict__.setdefault("_rooms", {}).get(key, 0) + 1
        self.world.__dict__["_rooms"][key] = n
        return 900 + n if n < 100 else 9000 + n

    # --- rows and truth --------------------------------------------------------------------
    def add(self, dataset: str, *, pid: int | None = None, dirt: str | None = None, pid1: int | None = None,
            dirt1: str | None = None, pid2: int | None = None, dirt2: str | None = None, org: int | None = None,
            **cols) -> str:
        row = {}
        for i, (p, d) in enumerate(((pid, dirt), (pid1, dirt1), (pid2, dirt2))):
            if p is None:
                continue
            row[f"_pid_{i}"] = int(p)
            if d is None:
                born = self.world.people.value(p, "birth")
                d = "fifteen" if (self.rng.random() < 0.1 and born < np.datetime64("2000-01-01")) else "clean"
            if d == "fifteen" and not (np.datetime64("1900-01-01") <= self.world.people.value(p, "birth")
                                       < np.datetime64("2000-01-01")):
                d = "clean"  # the legacy form exists only for births in 19YY
            row[f"_dirt_{i}"] = DIRT[d]
        if org is not None:
            row["_org"] = int(org)
        row.update(cols)
        return self.world.frames.add_row(dataset, row)

    def truth(self, *parts: str) -> None:
        self.truth_for(self.model_id, *parts)

    def truth_for(self, model_id: str, *parts: str) -> None:
        """A key of another model that this planter's rows raise too (model 20 builds on others)."""
        self._truth.append({"model_id": model_id, "clue_key": f"{model_id}:" + "|".join(parts)})
