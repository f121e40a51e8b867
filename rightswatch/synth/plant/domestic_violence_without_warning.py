"""Model 11: repeated domestic violence by the same suspect against the same victim,
never answered with a warning letter, a penalty or a filed case.

Couples live without children, so that model 13 stays silent on mediated incidents.
"""

from __future__ import annotations

import datetime as dt

from .context import PlantContext


def _couple(ctx: PlantContext) -> tuple[int, int]:
    hh = ctx.household()
    wife = ctx.person(ctx.born(34, ctx.as_of, int(ctx.rng.integers(0, 300))), False, household=hh, rel=1)
    husband = ctx.person(ctx.born(37, ctx.as_of, int(ctx.rng.integers(0, 300))), True, household=hh, rel=0)
    return wife, husband


def incident(ctx: PlantContext, victim: int, suspect: int, day: dt.date, disposition: str, *,
             category: str = "domestic_violence", suspect_dirt: str | None = None, suspect_role: str = "suspect",
             victim_role: str = "victim") -> str:
    rid = ctx.add("police_incidents", reported_at=ctx.at(day, 21, 40), region_code="340207", address="鸠江区某小区",
                  category=category, summary="报警人称被配偶殴打", disposition=disposition)
    ctx.add("incident_parties", pid=victim, incident_record_id=rid, role=victim_role)
    ctx.add("incident_parties", pid=suspect, dirt=suspect_dirt, incident_record_id=rid, role=suspect_role)
    return rid


def plant(ctx: PlantContext) -> None:
    base = ctx.day(-30 - 10 * ctx.rep)

    def days(*offsets: int) -> list[dt.date]:
        return [base - dt.timedelta(days=o) for o in offsets]

    # positives ------------------------------------------------------------------------------
    v, s = _couple(ctx)
    a, b = days(100, 0)
    incident(ctx, v, s, a, "mediated")
    ctx.truth(incident(ctx, v, s, b, "mediated"))

    v, s = _couple(ctx)
    a, b, c = days(300, 150, 0)
    incident(ctx, v, s, a, "mediated")
    incident(ctx, v, s, b, "no_action")
    ctx.truth(incident(ctx, v, s, c, "mediated"))  # the latest incident at which a clue arises

    v, s = _couple(ctx)
    a, b = days(365, 0)  # exactly 365 days before: inside the window
    incident(ctx, v, s, a, "mediated")
    ctx.truth(incident(ctx, v, s, b, "referred"))

    # a warning letter protects the pair only for 365 days
    v, s = _couple(ctx)
    t1, t2, t3, t4 = days(800, 700, 400, 300)
    incident(ctx, v, s, t1, "mediated")
    incident(ctx, v, s, t2, "warning_letter")
    incident(ctx, v, s, t3, "mediated")
    ctx.truth(incident(ctx, v, s, t4, "mediated"))

    # the suspect's number spoiled in the second incident: linked by name and birth date
    v, s = _couple(ctx)
    a, b = days(60, 0)
    incident(ctx, v, s, a, "no_action")
    ctx.truth(incident(ctx, v, s, b, "mediated", suspect_dirt="bad_check"))

    # near-misses ----------------------------------------------------------------------------
    v, s = _couple(ctx)
    a, b = days(366, 0)
    incident(ctx, v, s, a, "mediated")
    incident(ctx, v, s, b, "mediated")
    for first, second in (("warning_letter", "mediated"), ("administrative_penalty", "mediated"),
                          ("mediated", "case_filed")):
        v, s = _couple(ctx)
        a, b = days(90, 0)
        incident(ctx, v, s, a, first)
        incident(ctx, v, s, b, second)
    v, s = _couple(ctx)  # roles reversed: a different ordered pair
    a, b = days(90, 0)
    incident(ctx, v, s, a, "mediated")
    incident(ctx, s, v, b, "mediated")
    v, s = _couple(ctx)  # the earlier incident was a family dispute
    a, b = days(90, 0)
    incident(ctx, v, s, a, "mediated", category="family_dispute")
    incident(ctx, v, s, b, "mediated")
