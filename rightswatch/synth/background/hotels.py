"""Hotel stays: room timelines that never overlap, filled with parties of guests.

Clean for models 1 and 2 by construction: a room holds one party at a time (the next
party checks in at least one calendar day after the last checked out), a minor is only
ever with the members of their own household, or alone with the guardian's contact
recorded; minors' numbers are never spoiled beyond repair, so the household link holds.
"""

from __future__ import annotations

import numpy as np

from .. import dirt, orgs
from ..dates import full_years
from ..world import World

SINGLE, PAIR, TRIO, FAMILY, MINOR_ALONE = range(5)


def _household_members(world: World) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Households with a minor and an adult: (member starts, member ends, member pids)."""
    p = world.people
    ok = ~p["planted"] & (p["status"] == 0) & p["resident"] & (p["household"] >= 0) & (p["rel"] <= 3)
    pids = np.flatnonzero(ok)
    pids = pids[np.argsort(p["household"][pids], kind="stable")]
    hh = p["household"][pids]
    ages = world.ages()[pids]
    starts = np.r_[0, np.flatnonzero(hh[1:] != hh[:-1]) + 1]
    ends = np.r_[starts[1:], len(pids)]
    has_minor = np.add.reduceat((ages < 18).astype(np.int64), starts) > 0
    # an adult all year long (20 on as_of): siblings without a grown-up never travel alone
    has_adult = np.add.reduceat((ages >= 20).astype(np.int64), starts) > 0
    keep = has_minor & has_adult
    return starts[keep], ends[keep], pids


def generate(world: World) -> None:
    rng, today = world.rng, world.today
    hotels = orgs.of_kind(world.orgs, "hotel")
    rooms = world.orgs["rooms"][hotels]
    room_hotel = np.repeat(hotels, rooms)
    room_idx = np.arange(len(room_hotel)) - np.repeat(np.cumsum(rooms) - rooms, rooms)
    room_no = (1 + room_idx // 15) * 100 + 1 + room_idx % 15  # floors 1–8; floor 9 is left for planting
    n_rooms = len(room_hotel)
    parties_wanted = world.scale.hotel_stays / 1.55
    cycle = max(2.9, 365 * n_rooms / parties_wanted)
    k = int(365 / cycle * 1.15) + 3
    nights = rng.geometric(0.55, size=(n_rooms, k)).astype(np.int64)
    gaps = 1 + rng.geometric(1 / max(1.0, cycle - 1.8 - 0.5), size=(n_rooms, k)).astype(np.int64) - 1
    gaps[:, 0] = rng.integers(0, 5, n_rooms)
    start = today - np.timedelta64(365, "D")
    offset = np.cumsum(gaps + np.c_[np.zeros(n_rooms, np.int64), nights[:, :-1]], axis=1)
    checkin_day = start + offset.astype("timedelta64[D]")
    keep = checkin_day <= today
    r_idx, s_idx = np.nonzero(keep)
    cin_day = checkin_day[r_idx, s_idx]
    n_party = len(r_idx)
    kind = rng.choice(5, size=n_party, p=[0.50, 0.33, 0.04, 0.125, 0.005])
    # parties with children check in from 17:30 (after school hours: model 9)
    minute = np.where(kind >= FAMILY, rng.integers(17 * 60 + 30, 22 * 60, n_party), rng.integers(13 * 60, 24 * 60, n_party))
    cin = cin_day.astype("datetime64[s]") + (minute * 60).astype("timedelta64[s]")
    cout_day = cin_day + nights[r_idx, s_idx].astype("timedelta64[D]")
    cout = cout_day.astype("datetime64[s]") + (rng.integers(7 * 60, 12 * 60, n_party) * 60).astype("timedelta64[s]")
    cout = np.where(cout_day > today, np.datetime64("NaT"), cout)

    # guests per party
    size = np.select([kind == PAIR, kind == TRIO], [2, 3], 1)
    fam = np.flatnonzero(kind == FAMILY)
    f_start, f_end, f_pids = _household_members(world)
    pick = rng.integers(0, len(f_start), len(fam))
    size[fam] = (f_end - f_start)[pick]
    party_of = np.repeat(np.arange(n_party), size)
    pos = np.arange(len(party_of)) - np.repeat(np.cumsum(size) - size, size)
    pid = np.empty(len(party_of), dtype=np.int64)
    is_fam = kind[party_of] == FAMILY
    fam_party_pick = np.full(n_party, -1)
    fam_party_pick[fam] = pick
    pid[is_fam] = f_pids[f_start[fam_party_pick[party_of[is_fam]]] + pos[is_fam]]
    alone = kind[party_of] == MINOR_ALONE
    # minors alone are 15–16 on as_of, so minors throughout the year of data
    minors = world.pool(min_age=15, max_age=16, resident=True)
    pid[alone] = rng.choice(minors, int(alone.sum()))
    adults = ~is_fam & ~alone
    start_date = (today - np.timedelta64(366, "D")).astype(object)
    res_adults = world.pool(min_age=20, on=start_date, resident=True)
    visitors = world.pool(min_age=20, on=start_date, resident=False)
    n_ad = int(adults.sum())
    from_visitors = rng.random(n_ad) < 0.65
    pid[adults] = np.where(from_visitors, rng.choice(visitors, n_ad), rng.choice(res_adults, n_ad))

    n = len(pid)
    minor_row = full_years(world.people["birth"][pid], cin[party_of].astype("datetime64[D]")) < 18
    u = rng.random(n)
    # booleans as int8 codes: 1 true, 0 false, -1 empty
    guardian = np.full(n, -1, dtype=np.int8)
    guardian[minor_row] = np.where(u[minor_row] < 0.7, 1, np.where(u[minor_row] < 0.85, 0, -1))
    guardian[alone] = 1
    guardian[~minor_row & (u < 0.2)] = 0
    relationship = np.where(minor_row & ~alone & (u < 0.6), 1, -1).astype(np.int8)
    reported = np.where(u > 0.9, 0, -1).astype(np.int8)
    jitter = (pos * 60 * rng.integers(0, 4, n)).astype("timedelta64[s]")
    born = world.people["birth"][pid]
    adult_party = adults
    world.frames.add("hotel_stays", {
        "_org": room_hotel[r_idx][party_of],
        "room_number": room_no[r_idx][party_of],
        "_pid_0": pid,
        "_dirt_0": dirt.id_codes(born, rng, bad=adult_party, missing=adult_party, heavy=adult_party),
        "checkin_at": cin[party_of] + jitter,
        "checkout_at": cout[party_of],
        "guardian_contact_recorded": guardian,
        "relationship_recorded": relationship,
        "reported_to_police": reported,
    })
