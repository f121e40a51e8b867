"""Model 13: domestic violence witnessed by a child, closed by mediation or no action."""

from __future__ import annotations

from .context import PlantContext


def _case(ctx: PlantContext, disposition: str, *, child_age: int | None = 8, child_days: int = 100,
          present: bool = True, household: bool = True, category: str = "domestic_violence",
          child_dirt: str | None = None) -> str:
    day = ctx.day(-int(ctx.rng.integers(20, 300)))
    hh = ctx.household()
    wife = ctx.person(ctx.born(35, day, 10), False, household=hh, rel=1)
    husband = ctx.person(ctx.born(38, day, 10), True, household=hh, rel=0)
    kid = None
    if child_age is not None:
        kid = ctx.person(ctx.born(child_age, day, child_days), bool(ctx.rng.random() < 0.5),
                         household=hh if household else None, rel=2)
    rid = ctx.add("police_incidents", reported_at=ctx.at(day, 22, 10), region_code="340202", address="镜湖区某小区",
                  category=category, summary="报警人称丈夫酒后殴打，孩子在场哭闹", disposition=disposition)
    ctx.add("incident_parties", pid=wife, incident_record_id=rid, role="victim")
    ctx.add("incident_parties", pid=husband, incident_record_id=rid, role="suspect")
    if kid is not None and present:
        # without a number the child's birth date is not recorded either: the age is unknown
        ctx.add("incident_parties", pid=kid, dirt=child_dirt, incident_record_id=rid, role="child_present",
                **({"_nobirth_0": True} if child_dirt == "missing" else {}))
    return rid


def plant(ctx: PlantContext) -> None:
    # positives ------------------------------------------------------------------------------
    ctx.truth(_case(ctx, "mediated"))
    ctx.truth(_case(ctx, "no_action", present=False))  # a child of the household, not recorded as present
    ctx.truth(_case(ctx, "mediated", child_age=18, child_days=0, household=False))  # 18th birthday: a minor
    ctx.truth(_case(ctx, "mediated", household=False, child_dirt="missing"))  # present, age unknown
    # near-misses ----------------------------------------------------------------------------
    _case(ctx, "referred")
    _case(ctx, "warning_letter", present=False)
    _case(ctx, "mediated", category="family_dispute")
    _case(ctx, "mediated", child_age=18, child_days=1, household=False)  # an adult the day after
    _case(ctx, "no_action", child_age=None)  # no child at all
