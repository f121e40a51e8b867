"""Model 8: a resident child of compulsory-education age out of school this term.

These children opt out of the enrollment fix-up and get exactly the rows written here.
"""

from __future__ import annotations

import datetime as dt

from ..background.schools import terms
from ..dates import compulsory_birth_range, school_year
from ..people import NO_SCHOOL_FIXUP
from .context import PlantContext

ORG_OF = {"primary": "primary_school", "junior_secondary": "secondary_school", "kindergarten": "kindergarten",
          "special_education": "special_education_school", "senior_secondary": "secondary_school"}


def _school(ctx: PlantContext, school_type: str) -> int:
    import numpy as np

    choices = np.flatnonzero(ctx.world.orgs["school_type"] == school_type)
    return int(ctx.rng.choice(choices))


def _child(ctx: PlantContext, born: dt.date, status: int = 0) -> int:
    hh = ctx.household()
    kid = ctx.person(born, bool(ctx.rng.random() < 0.5), household=hh, rel=2, flags=NO_SCHOOL_FIXUP, status=status,
                     status_on=ctx.day(-90) if status else None)
    mother = ctx.person(born - dt.timedelta(days=365 * 29), False, household=hh, rel=1)
    ctx.relate(kid, mother, "mother", True)
    return kid


def _row(ctx: PlantContext, kid: int, term: str, school_type: str, status: str, grade: int | None = None,
         dirt: str | None = None) -> None:
    ctx.add("school_enrollments", pid=kid, dirt=dirt, org=_school(ctx, school_type), grade=grade, term=term,
            status=status)


def plant(ctx: PlantContext) -> None:
    before, previous, term = terms(ctx.world)
    lo, hi = compulsory_birth_range(term)
    y = school_year(term)
    mid = dt.date(y - 12, 3, 10 + ctx.rep)
    one = dt.timedelta(days=1)

    def positive(kid: int) -> None:
        ctx.truth(ctx.resident_id(kid), term)

    # positives ------------------------------------------------------------------------------
    positive(_child(ctx, mid))  # no row at all
    kid = _child(ctx, mid)
    _row(ctx, kid, term, "primary", "transferred_out", 6)
    positive(kid)
    kid = _child(ctx, mid)
    _row(ctx, kid, term, "junior_secondary", "dropped_out", 7)
    positive(kid)
    kid = _child(ctx, mid)
    _row(ctx, kid, previous, "primary", "enrolled", 6)
    positive(kid)
    kid = _child(ctx, dt.date(y - 7, 5, 1))
    _row(ctx, kid, term, "kindergarten", "enrolled")
    positive(kid)
    positive(_child(ctx, lo))  # the oldest day of the range
    positive(_child(ctx, hi))  # the youngest day of the range
    kid = _child(ctx, mid)
    _row(ctx, kid, before, "primary", "graduated", 6)
    positive(kid)

    # near-misses ----------------------------------------------------------------------------
    _child(ctx, lo - one)
    _child(ctx, hi + one)
    for status in ("suspended", "deferred", "exempt"):
        _row(ctx, _child(ctx, mid), term, "primary", status, 5)
    _row(ctx, _child(ctx, mid), term, "special_education", "enrolled", 5)
    kid = _child(ctx, dt.date(y - 15, 10, 1))  # left after junior secondary, graduation on record
    _row(ctx, kid, before, "junior_secondary", "graduated", 9)
    for status in (1, 2, 3, 4):  # deceased, emigrated, missing, moved out
        _child(ctx, mid, status=status)
    kid = _child(ctx, mid)
    _row(ctx, kid, term, "primary", "enrolled", 6, dirt="bad_check")
    kid = _child(ctx, mid)
    _row(ctx, kid, term, "primary", "transferred_out", 6)
    _row(ctx, kid, term, "primary", "enrolled", 6)
