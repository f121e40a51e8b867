"""School enrollments for the current term and the two before it.

Clean for model 8: every active resident of compulsory-education age (planted persons
included, unless a planter opts out) has a row in the current term at a school other than a
kindergarten with a counting status, or graduated from junior secondary school. Spoiled
numbers appear only where the (name, birth date, gender) link is unambiguous.
"""

from __future__ import annotations

import numpy as np

from .. import dirt
from ..dates import cohort, d64, previous_term, school_year, term_of
from ..people import NO_SCHOOL_FIXUP
from ..world import World

TYPE_ORG = {"kindergarten": "kindergarten", "primary": "primary_school", "junior_secondary": "secondary_school",
            "senior_secondary": "secondary_school", "vocational": "secondary_school",
            "special_education": "special_education_school"}


def terms(world: World) -> list[str]:
    t = term_of(world.as_of)
    p1 = previous_term(t)
    return [previous_term(p1), p1, t]


def _schools_of(world: World, school_type: str) -> np.ndarray:
    return np.flatnonzero(world.orgs["school_type"] == school_type)


def generate(world: World) -> None:
    rng = world.rng
    p = world.people
    current = terms(world)[-1]
    kids = np.flatnonzero(p["resident"] & (p["status"] == 0) & ((p["flags"] & NO_SCHOOL_FIXUP) == 0)
                          & (p["birth"] > world.today - np.timedelta64(20 * 366, "D")))
    c = cohort(p["birth"][kids])
    special = rng.random(len(kids)) < 0.005
    stream = np.where(rng.random(len(kids)) < 0.33, "vocational", "senior_secondary")
    leaves_after_9 = (rng.random(len(kids)) < 0.1) & ~special
    school_pick = rng.random(len(kids))
    unique = world.unique(kids)
    for term in terms(world):
        y = school_year(term)
        grade = y - c - 5
        term_start = d64(f"{term[:4]}-{'02-15' if term.endswith('spring') else '09-01'}")
        rows = (grade >= -2) & (grade <= 12) & (p["birth"][kids] < term_start)
        rows &= ~(leaves_after_9 & (grade >= 10))
        rows &= ~((grade >= 11) & (school_pick < 0.12))
        stype = np.select([special, grade <= 0, grade <= 6, grade <= 9], ["special_education", "kindergarten", "primary",
                                                                          "junior_secondary"], stream).astype(object)
        status = np.full(len(kids), "enrolled", dtype=object)
        u = rng.random(len(kids))
        status[u < 0.004] = "suspended"
        status[(u >= 0.004) & (u < 0.006) & (grade == 1)] = "deferred"
        status[(u >= 0.006) & (u < 0.007)] = "exempt"
        # the last spring term of junior secondary ends in graduation
        status[(grade == 9) & term.endswith("spring")] = "graduated"
        if term == current:
            # this term's graduates still count as in school: keep them enrolled until July
            status[(grade == 9) & (status == "graduated")] = "enrolled"
        sel = np.flatnonzero(rows)
        # those leaving after junior secondary need their graduation on record
        grads = np.flatnonzero(leaves_after_9 & (grade == 9) & term.endswith("spring") & (p["birth"][kids] < term_start))
        if term == current:
            grads = np.empty(0, dtype=np.int64)
        sel = np.union1d(sel, grads)
        status[grads] = "graduated"
        stype[grads] = "junior_secondary"
        orgs = np.empty(len(sel), dtype=np.int64)
        for t in np.unique(stype[sel]):
            idx = np.flatnonzero(stype[sel] == t)
            choices = _schools_of(world, t)
            orgs[idx] = choices[(school_pick[sel][idx] * len(choices)).astype(np.int64)]
        pid = kids[sel]
        world.frames.add("school_enrollments", {
            "_org": orgs, "_pid_0": pid,
            # outside compulsory grades a broken row cannot hide a child from model 8
            "_dirt_0": dirt.id_codes(p["birth"][pid], rng, bad=unique[sel],
                                     missing=(grade[sel] <= 0) | (grade[sel] >= 11),
                                     heavy=(grade[sel] <= 0) | (grade[sel] >= 11)),
            "grade": np.where(grade[sel] >= 1, grade[sel], np.nan), "term": np.full(len(sel), term, dtype=object),
            "status": status[sel],
        })
