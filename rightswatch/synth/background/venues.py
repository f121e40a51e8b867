"""Venue entries. Internet cafés, KTVs, bars and dance halls admit adults only (model 3
stays clean); arcades and other entertainment also see minors (its near-misses)."""

from __future__ import annotations

import numpy as np

from .. import dirt
from ..world import World

RESTRICTED = ("internet_cafe", "ktv", "bar", "dance_hall")
OPEN = ("game_arcade", "other_entertainment")


def generate(world: World) -> None:
    rng, today = world.rng, world.today
    kinds = world.orgs["kind"]
    restricted = np.flatnonzero(np.isin(kinds, RESTRICTED))
    open_ = np.flatnonzero(np.isin(kinds, OPEN))
    n = world.scale.venue_visits
    n_open = n // 8
    # adults: 19 or older a year before as_of, so 18+ on every day of the data
    start = (today - np.timedelta64(366, "D")).astype(object)
    adults = world.pool(min_age=19, on=start)
    minors = world.pool(min_age=8, max_age=17)
    venue = np.r_[rng.choice(restricted, n - n_open), rng.choice(open_, n_open)]
    who = np.r_[rng.choice(adults, n - n_open),
                np.where(rng.random(n_open) < 0.4, rng.choice(minors, n_open), rng.choice(adults, n_open))]
    day = today - rng.integers(0, 365, n).astype("timedelta64[D]")
    minute = np.where(venue == venue, rng.integers(10 * 60, 24 * 60, n), 0)
    # minors in arcades come after school hours or at weekends, never while school is in
    minor_row = world.ages()[who] < 19
    minute = np.where(minor_row, rng.integers(17 * 60 + 30, 21 * 60, n), minute)
    entered = day.astype("datetime64[s]") + (minute * 60).astype("timedelta64[s]")
    born = world.people["birth"][who]
    adult_row = ~minor_row
    world.frames.add("venue_visits", {
        "_org": venue, "_pid_0": who,
        "_dirt_0": dirt.id_codes(born, rng, bad=adult_row, missing=adult_row, heavy=adult_row),
        "entered_at": entered,
    })
