"""Model 19: a child born more than 90 days ago and never registered as a resident."""

from __future__ import annotations

from .context import PlantContext


def _birth(ctx: PlantContext, days_ago: int, *, registered: bool, child_number: bool = True,
           same_day_member: bool = False) -> str:
    hh = ctx.household()
    mother = ctx.person(ctx.born(29, ctx.as_of, int(ctx.rng.integers(0, 300))), False, household=hh, rel=0)
    born = ctx.day(-days_ago)
    if registered:
        child = ctx.person(born, True, household=hh, rel=2)
    else:
        child = ctx.person(born, True, resident=False)
    if same_day_member:  # a registered sibling born the same day (a twin registered under another number)
        ctx.person(born, False, household=hh, rel=3)
    return ctx.add("births", pid=child, dirt=None if child_number else "missing", pid1=mother,
                   org=ctx.org("hospital"), gestation_weeks=39)


def plant(ctx: PlantContext) -> None:
    # positives ------------------------------------------------------------------------------
    ctx.truth(_birth(ctx, 120, registered=False))
    ctx.truth(_birth(ctx, 91, registered=False))
    ctx.truth(_birth(ctx, 400, registered=False, child_number=False))
    # near-misses ----------------------------------------------------------------------------
    _birth(ctx, 90, registered=False)  # not more than 90 days yet
    _birth(ctx, 300, registered=True)
    _birth(ctx, 300, registered=True, child_number=False)  # found in the mother's household
    _birth(ctx, 300, registered=False, child_number=False, same_day_member=True)
