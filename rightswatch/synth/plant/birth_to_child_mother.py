"""Model 6: a mother under 14 at the estimated conception, and no case on record.

Conception is child_birth_on − (gestation_weeks − 2) × 7 days, 39 weeks when empty.
"""

from __future__ import annotations

import datetime as dt

from ..dates import add_years
from .context import PlantContext


def _case(ctx: PlantContext, *, days_after_14: int, weeks: int | None = 39, father: bool = True,
          victim_category: str | None = None, father_offense_days: int | None = None) -> str:
    """A birth whose mother is 14 full years old + `days_after_14` days at conception (<= 0: under 14)."""
    child_born = ctx.day(-int(ctx.rng.integers(100, 400)))
    conception = child_born - dt.timedelta(days=((weeks or 39) - 2) * 7)
    mother_born = add_years(conception - dt.timedelta(days=days_after_14), -14)
    hh = ctx.household()
    mother = ctx.person(mother_born, False, household=hh, rel=3)
    child = ctx.person(child_born, bool(ctx.rng.random() < 0.5), household=hh, rel=6)
    dad = ctx.person(ctx.born(26, child_born, 30), True) if father else None
    if victim_category:
        rid = ctx.add("police_incidents", reported_at=ctx.at(child_born - dt.timedelta(days=60), 15), region_code="340223",
                      address="南陵县", category=victim_category, summary="家长报警称女儿被侵害", disposition="case_filed")
        ctx.add("incident_parties", pid=mother, incident_record_id=rid, role="victim")
    if father_offense_days is not None and dad is not None:
        off = child_born - dt.timedelta(days=father_offense_days)
        ctx.add("offense_records", pid=dad, category="rape", law_article="刑法第236条", decision_type="criminal_judgment",
                offense_on=off, sentence_months=36, decided_on=off + dt.timedelta(days=30), sealed=False)
    return ctx.add("births", pid=child, pid1=mother, pid2=dad, org=ctx.org("hospital"), gestation_weeks=weeks)


def plant(ctx: PlantContext) -> None:
    # positives ------------------------------------------------------------------------------
    ctx.truth(_case(ctx, days_after_14=-200))
    ctx.truth(_case(ctx, days_after_14=0, weeks=None))  # the 14th birthday is the conception day; 39 weeks
    ctx.truth(_case(ctx, days_after_14=-10, weeks=30, father=False))
    ctx.truth(_case(ctx, days_after_14=-90, victim_category="domestic_violence"))  # not a sexual case
    ctx.truth(_case(ctx, days_after_14=-90, father_offense_days=400))  # outside the 365 days
    # near-misses ----------------------------------------------------------------------------
    _case(ctx, days_after_14=1)  # 14 the day after the birthday
    _case(ctx, days_after_14=1, weeks=None)
    _case(ctx, days_after_14=-90, victim_category="sexual_assault")
    _case(ctx, days_after_14=-90, victim_category="child_abuse")
    _case(ctx, days_after_14=-90, father_offense_days=300)
