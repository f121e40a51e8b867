"""Model 10: a child whose parents cannot support them, without the benefit.

End dates are inclusive: custody ending on as_of is still active, and so is a benefit.
"""

from __future__ import annotations

import datetime as dt

from ..people import NO_BENEFIT_FIXUP
from .context import PlantContext

DEAD, MISSING = 1, 3


def _family(ctx: PlantContext, child_age: int = 9, days_more: int = 50, *, father: int | None = 0,
            mother: int | None = 0, child_status: int = 0) -> dict:
    """Child and parents; a parent's value is its resident status, None = not recorded."""
    hh = ctx.household()
    born = ctx.born(child_age, ctx.as_of, days_more)
    kid = ctx.person(born, bool(ctx.rng.random() < 0.5), household=hh, rel=2, flags=NO_BENEFIT_FIXUP,
                     status=child_status, status_on=ctx.day(-50) if child_status else None)
    out = {"child": kid}
    for role, status, male in (("father", father, True), ("mother", mother, False)):
        if status is None:
            continue
        p = ctx.person(born - dt.timedelta(days=365 * 30), male, household=hh, rel=0 if male else 1, status=status,
                       status_on=ctx.day(-400) if status else None)
        ctx.relate(kid, p, role, True)
        out[role] = p
    return out


def _custody(ctx: PlantContext, pid: int, kind: str = "prison_sentence", start: int = -300, end: int | None = None,
             dirt: str | None = None) -> None:
    ctx.add("custody_records", pid=pid, dirt=dirt, custody_type=kind, start_on=ctx.day(start),
            end_on=None if end is None else ctx.day(end))


def _disabled(ctx: PlantContext, pid: int, grade: int) -> None:
    ctx.add("disabilities", pid=pid, category="physical", grade=grade, registered_on=ctx.day(-2000))


def _benefit(ctx: PlantContext, pid: int, kind: str, start: int = -400, end: int | None = None) -> None:
    ctx.add("welfare_benefits", pid=pid, benefit_type=kind, start_on=ctx.day(start),
            end_on=None if end is None else ctx.day(end))


def plant(ctx: PlantContext) -> None:
    def positive(f: dict) -> None:
        ctx.truth(ctx.resident_id(f["child"]))

    # positives ------------------------------------------------------------------------------
    f = _family(ctx)
    _custody(ctx, f["father"])
    _custody(ctx, f["mother"], "detention", -10, 0)  # ends on as_of: still in custody
    positive(f)
    f = _family(ctx, father=DEAD)
    _disabled(ctx, f["mother"], 1)
    positive(f)
    f = _family(ctx, father=None)  # only the mother is recorded; the father counts as missing
    _custody(ctx, f["mother"], "compulsory_drug_rehab", -200, 500)
    positive(f)
    positive(_family(ctx, father=DEAD, mother=DEAD))
    f = _family(ctx, father=MISSING)
    _custody(ctx, f["mother"], "detention", -5, 5)
    positive(f)
    f = _family(ctx)
    _custody(ctx, f["father"])
    _disabled(ctx, f["mother"], 2)
    _benefit(ctx, f["child"], "de_facto_unsupported", -700, -1)  # ended yesterday
    positive(f)
    f = _family(ctx, father=DEAD)
    _custody(ctx, f["mother"])
    _benefit(ctx, f["child"], "minimum_living")
    positive(f)
    f = _family(ctx, child_age=4)
    _custody(ctx, f["father"])
    _custody(ctx, f["mother"])
    positive(f)
    f = _family(ctx, child_age=18, days_more=0, mother=DEAD)  # the 18th birthday is as_of
    _custody(ctx, f["father"])
    positive(f)
    f = _family(ctx, mother=DEAD)
    _custody(ctx, f["father"], dirt="bad_check")
    positive(f)

    # near-misses ----------------------------------------------------------------------------
    f = _family(ctx)
    _custody(ctx, f["father"])  # the mother is able
    for kind in ("de_facto_unsupported", "orphan"):
        f = _family(ctx)
        _custody(ctx, f["father"])
        _custody(ctx, f["mother"])
        _benefit(ctx, f["child"], kind, end=None if kind == "orphan" else 0)
    f = _family(ctx, mother=DEAD)
    _custody(ctx, f["father"], end=-1)  # released yesterday
    f = _family(ctx, father=DEAD)
    _disabled(ctx, f["mother"], 3)
    _family(ctx, father=None, mother=None)  # no parent recorded: a data gap
    f = _family(ctx, child_age=18, days_more=1)  # turned 18 yesterday
    _custody(ctx, f["father"])
    _custody(ctx, f["mother"])
    f = _family(ctx, child_status=4)  # moved out
    _custody(ctx, f["father"])
    _custody(ctx, f["mother"])
    f = _family(ctx)
    _custody(ctx, f["father"], "other")
    _custody(ctx, f["mother"], "other")
    f = _family(ctx, mother=DEAD)
    _custody(ctx, f["father"], start=1)  # starts tomorrow
