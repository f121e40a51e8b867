"""Model 17: a juvenile's criminal judgment of five years or less left unsealed."""

from __future__ import annotations

import datetime as dt

from ..dates import add_years
from .context import PlantContext


def _record(ctx: PlantContext, age_days: int, *, months: int | None = 12, sealed=False, decision="criminal_judgment",
            dirt: str | None = None) -> str:
    """An offense committed `age_days` after the offender's 18th birthday (negative: before)."""
    born = ctx.born(24, ctx.as_of, int(ctx.rng.integers(0, 300)))
    pid = ctx.person(born, True)
    offense = add_years(born, 18) + dt.timedelta(days=age_days)
    return ctx.add("offense_records", pid=pid, dirt=dirt, category="theft", law_article="刑法第264条",
                   decision_type=decision, offense_on=offense, sentence_months=months,
                   decided_on=offense + dt.timedelta(days=100), sealed=sealed)


def plant(ctx: PlantContext) -> None:
    # positives ------------------------------------------------------------------------------
    ctx.truth(_record(ctx, -400))
    ctx.truth(_record(ctx, -400, sealed=None))  # sealing never recorded
    ctx.truth(_record(ctx, -700, months=0))  # probation only
    ctx.truth(_record(ctx, -50, months=60))
    ctx.truth(_record(ctx, 0))  # on the 18th birthday still a minor
    ctx.truth(_record(ctx, -300, dirt="bad_check"))
    ctx.truth(_record(ctx, -300, dirt="missing"))  # age from offender_birth_on
    # near-misses ----------------------------------------------------------------------------
    _record(ctx, -400, months=61)
    _record(ctx, 1)  # the day after the 18th birthday
    _record(ctx, -400, sealed=True)
    _record(ctx, -400, months=None, decision="administrative_penalty")
