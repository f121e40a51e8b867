"""Model 15: a person employed while under 16 full years (youth sports units excepted)."""

from __future__ import annotations

import datetime as dt

from ..dates import add_years
from .context import PlantContext


def _post(ctx: PlantContext, kind: str, *, days_after_16: int, hired_ago: int = 200, left: dt.date | None = None,
          dirt: str | None = None) -> str:
    hired = ctx.day(-hired_ago)
    born = add_years(hired, -16) - dt.timedelta(days=days_after_16)
    pid = ctx.person(born, bool(ctx.rng.random() < 0.5))
    return ctx.add("staff_rosters", pid=pid, dirt=dirt, org=ctx.org(kind), position="服务员", hired_on=hired,
                   left_on=left)


def plant(ctx: PlantContext) -> None:
    # positives (days_after_16 < 1: still under 16 on the day of hiring) ----------------------
    ctx.truth(_post(ctx, "other", days_after_16=-200))
    ctx.truth(_post(ctx, "hotel", days_after_16=0))  # hired on the 16th birthday
    ctx.truth(_post(ctx, "internet_cafe", days_after_16=-30))
    ctx.truth(_post(ctx, "other", days_after_16=-100, hired_ago=700, left=ctx.day(-300)))  # past employment
    ctx.truth(_post(ctx, "training_institution", days_after_16=-60, dirt="bad_check"))
    # near-misses ----------------------------------------------------------------------------
    _post(ctx, "youth_sports", days_after_16=-400)  # a sports unit may train minors
    _post(ctx, "other", days_after_16=1)  # 16 the day after the birthday
    _post(ctx, "hotel", days_after_16=400)
