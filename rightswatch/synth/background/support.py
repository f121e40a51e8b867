"""Custody, disabilities and child welfare benefits.

Clean for model 10 by a fix-up that runs after planting: every child whose parents cannot
support them (by a deliberately wide reading of the rule) receives the `orphan` or
`de_facto_unsupported` benefit, as civil affairs would have granted it.
"""

from __future__ import annotations

import numpy as np

from .. import dirt
from ..people import NO_BENEFIT_FIXUP
from ..world import World


def _aid_victims(world: World) -> np.ndarray:
    """Women and minors who are victims in a filed case: model 18 would owe them judicial aid
    if they were disabled or on a benefit, so the background gives them neither.

    "Minor" is judged on the incident date, not on as_of: a boy of 17 at a 2024 incident is
    an adult by as_of yet still owed aid. Two days of slack keep the day-after-birthday
    edge on the safe (barred) side."""
    f, p = world.frames, world.people
    disposition = f.column("police_incidents", "disposition")
    reported = f.column("police_incidents", "reported_at").astype("datetime64[D]")
    inc, role, pid = (f.column("incident_parties", c) for c in ("_inc", "role", "_pid_0"))
    victim = (role == "victim") & (disposition[inc] == "case_filed")
    who, on = pid[victim], reported[inc[victim]]
    eighteen_years_before = on - np.timedelta64(18 * 366 + 2, "D")
    minor_then = p["birth"][who] > eighteen_years_before
    return np.unique(who[(p["male"][who] == 0) | minor_then])


def generate(world: World) -> None:
    rng, today = world.rng, world.today
    p = world.people
    barred = np.zeros(len(p), dtype=bool)
    barred[_aid_victims(world)] = True
    adults = world.pool(min_age=20, max_age=65, resident=True)
    m = max(10, int(len(adults) * 0.008))
    who = rng.choice(adults, m, replace=False)
    ctype = rng.choice(["prison_sentence", "detention", "compulsory_drug_rehab", "other"], m, p=[0.5, 0.3, 0.15, 0.05])
    start = today - rng.integers(10, 6 * 365, m).astype("timedelta64[D]")
    length = np.where(ctype == "prison_sentence", rng.integers(180, 3650, m),
                      np.where(ctype == "compulsory_drug_rehab", 730, rng.integers(5, 30, m)))
    end = start + length.astype("timedelta64[D]")
    end = np.where((end > today) & (rng.random(m) < 0.6), np.datetime64("NaT"), end)
    world.frames.add("custody_records", {
        "_pid_0": who, "_dirt_0": dirt.id_codes(p["birth"][who], rng, bad=p["resident"][who] & world.unique(who)),
        "custody_type": ctype.astype(object), "start_on": start, "end_on": end,
    })
    everyone = world.pool(resident=True)
    everyone = everyone[~barred[everyone]]
    k = max(10, int(len(everyone) * 0.025))
    who = rng.choice(everyone, k, replace=False)
    reg = np.maximum(today - rng.integers(30, 15 * 365, k).astype("timedelta64[D]"), p["birth"][who])
    world.frames.add("disabilities", {
        "_pid_0": who, "_dirt_0": dirt.id_codes(p["birth"][who], rng),
        "category": rng.choice(["physical", "intellectual", "mental", "visual", "hearing", "speech", "multiple"],
                               k).astype(object),
        "grade": rng.choice([1, 2, 3, 4], k, p=[0.1, 0.2, 0.3, 0.4]), "registered_on": reg,
    })
    kids = world.pool(max_age=17, resident=True)
    kids = kids[~barred[kids]]
    b = max(5, int(len(kids) * 0.015))
    who = rng.choice(kids, b, replace=False)
    start = today - rng.integers(30, 1500, b).astype("timedelta64[D]")
    world.frames.add("welfare_benefits", {
        "_pid_0": who, "_dirt_0": dirt.id_codes(p["birth"][who], rng),
        "benefit_type": rng.choice(["minimum_living", "disadvantaged"], b).astype(object),
        "start_on": start, "end_on": np.where(rng.random(b) < 0.7, np.datetime64("NaT"),
                                               start + np.timedelta64(365, "D")),
    })


def fixup(world: World) -> None:
    """Grant the benefit to every child the wide reading of model 10 finds unsupported."""
    rng, today = world.rng, world.today
    p, f = world.people, world.frames
    n = len(p)
    f.flush_all()
    col = f.column
    # a parent is unable when in any custody touching as_of ± 30 days, disabled grade 1–2,
    # missing, or dead; the margins only make the fix-up wider than the rule
    unable = np.zeros(n, dtype=bool)
    c_pid, c_start, c_end = col("custody_records", "_pid_0"), col("custody_records", "start_on"), col(
        "custody_records", "end_on")
    active = (c_start <= today + np.timedelta64(30, "D")) & (np.isnat(c_end) | (c_end >= today - np.timedelta64(30, "D")))
    unable[c_pid[active]] = True
    d_pid, grade = col("disabilities", "_pid_0"), col("disabilities", "grade")
    unable[d_pid[grade <= 2]] = True
    unable |= p["status"] != 0  # dead, missing, and (to be wide) moved away
    r_person, r_rel, r_code = col("family_relations", "_pid_0"), col("family_relations", "_pid_1"), col(
        "family_relations", "relation")
    father = np.full(n, -1)
    mother = np.full(n, -1)
    is_f = r_code == "father"
    is_m = r_code == "mother"
    father[r_person[is_f]] = r_rel[is_f]
    mother[r_person[is_m]] = r_rel[is_m]
    recorded = (father >= 0) | (mother >= 0)
    f_unable = np.where(father >= 0, unable[np.maximum(father, 0)], True)
    m_unable = np.where(mother >= 0, unable[np.maximum(mother, 0)], True)
    child = p["resident"] & (world.ages() <= 18) & ((p["flags"] & NO_BENEFIT_FIXUP) == 0)
    need = child & recorded & f_unable & m_unable
    w_pid, w_type = col("welfare_benefits", "_pid_0"), col("welfare_benefits", "benefit_type")
    w_start, w_end = col("welfare_benefits", "start_on"), col("welfare_benefits", "end_on")
    covered = np.zeros(n, dtype=bool)
    ok = np.isin(w_type, ["orphan", "de_facto_unsupported"]) & (w_start <= today) & (np.isnat(w_end) | (w_end > today))
    covered[w_pid[ok]] = True
    who = np.flatnonzero(need & ~covered)
    if not len(who):
        return
    both_dead = (p["status"][np.maximum(father[who], 0)] == 1) & (p["status"][np.maximum(mother[who], 0)] == 1) & (
        father[who] >= 0) & (mother[who] >= 0)
    start = np.maximum(today - rng.integers(30, 900, len(who)).astype("timedelta64[D]"),
                       p["birth"][who] + np.timedelta64(1, "D"))
    f.add("welfare_benefits", {
        "_pid_0": who, "_dirt_0": dirt.id_codes(p["birth"][who], rng),
        "benefit_type": np.where(both_dead, "orphan", "de_facto_unsupported").astype(object),
        "start_on": start, "end_on": np.full(len(who), np.datetime64("NaT"), dtype="datetime64[D]"),
    })
