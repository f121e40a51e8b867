"""Residents (one row per registered person), family relations and the organisation register."""

from __future__ import annotations

import numpy as np

from .. import dirt
from ..world import World

RELATION_CODES = np.array(["father", "mother", "grandparent", "sibling", "guardian", "foster_parent",
                           "other_relative"], dtype=object)


def relations(world: World) -> None:
    """Background family relations (pid pairs from the household builder)."""
    r = world.relations
    p = world.people
    n = len(r["person"])
    guardian = np.where(r["guardian"], 1, np.where(world.rng.random(n) < 0.5, 0, -1)).astype(np.int8)
    world.frames.add("family_relations", {
        "_pid_0": r["person"], "_dirt_0": dirt.id_codes(p["birth"][r["person"]], world.rng),
        "_pid_1": r["relative"], "_dirt_1": dirt.id_codes(p["birth"][r["relative"]], world.rng),
        "relation": RELATION_CODES[r["relation"]], "is_guardian": guardian,
    })


def residents(world: World) -> None:
    """Every registered person, planted ones included; the record id follows the pid."""
    p = world.people
    pid = np.flatnonzero(p["resident"])
    # the register's own numbers stay sound, except for some of the very old (never a parent
    # of a minor, never travelling with one), whose numbers were never keyed in
    old = (world.ages()[pid] >= 70) & ~p["planted"][pid]
    world.frames.add("residents", {
        "_rid": pid, "_pid_0": pid,
        "_dirt_0": dirt.id_codes(p["birth"][pid], world.rng, missing=old, missing_rate=0.015),
        "_household": p["household"][pid], "_rel": p["rel"][pid], "_region": p["region"][pid],
        "_address": p["address"][pid], "_status": p["status"][pid], "status_on": p["status_on"][pid],
    })


def organisations(world: World) -> None:
    o = world.orgs
    n = len(o["kind"])
    # some premises were never geocoded (never a planted one: its distance is the case)
    lat = np.where((world.rng.random(n) < 0.02) & ~o["planted"], np.nan, np.round(o["lat"], 6))
    lon = np.where(np.isnan(lat), np.nan, np.round(o["lon"], 6))
    world.frames.add("organisations", {
        "_org": np.arange(n), "lat": lat, "lon": lon, "business_scope": o["scope"],
        "licence_status": o["licence"],
    })
