"""Model 18: a woman or child, victim in a filed case, who lives on a benefit or with a
disability: the procuratorate should offer judicial aid."""

from __future__ import annotations

import datetime as dt

from .context import PlantContext


def _incident(ctx: PlantContext, victim: int, day: dt.date, disposition: str = "case_filed",
              role: str = "victim") -> str:
    rid = ctx.add("police_incidents", reported_at=ctx.at(day, 10, 30), region_code="340209", address="弋江区",
                  category="other", summary="被害人被他人殴打致伤", disposition=disposition)
    offender = ctx.person(ctx.born(30, day, 77), True)
    ctx.add("incident_parties", pid=offender, incident_record_id=rid, role="suspect")
    return ctx.add("incident_parties", pid=victim, incident_record_id=rid, role=role)


def _disabled(ctx: PlantContext, pid: int, registered: dt.date) -> None:
    ctx.add("disabilities", pid=pid, category="physical", grade=3, registered_on=registered)


def _benefit(ctx: PlantContext, pid: int, kind: str, start: dt.date, end: dt.date | None = None) -> None:
    ctx.add("welfare_benefits", pid=pid, benefit_type=kind, start_on=start, end_on=end)


def plant(ctx: PlantContext) -> None:
    day = ctx.day(-100 - ctx.rep)
    one = dt.timedelta(days=1)
    # positives ------------------------------------------------------------------------------
    w = ctx.person(ctx.born(40, day, 3), False)
    _disabled(ctx, w, day - dt.timedelta(days=900))
    ctx.truth(_incident(ctx, w, day))
    w = ctx.person(ctx.born(33, day, 3), False)
    _disabled(ctx, w, day)  # registered on the day of the incident
    ctx.truth(_incident(ctx, w, day))
    g = ctx.person(ctx.born(12, day, 3), False)
    _benefit(ctx, g, "minimum_living", day - dt.timedelta(days=300))
    ctx.truth(_incident(ctx, g, day))
    b = ctx.person(ctx.born(15, day, 3), True)  # a boy: minors of either sex
    _benefit(ctx, b, "disadvantaged", day - dt.timedelta(days=300), day)
    ctx.truth(_incident(ctx, b, day))
    # near-misses ----------------------------------------------------------------------------
    w = ctx.person(ctx.born(40, day, 4), False)
    _disabled(ctx, w, day + one)  # registered after the incident
    _incident(ctx, w, day)
    g = ctx.person(ctx.born(12, day, 4), False)
    _benefit(ctx, g, "minimum_living", day - dt.timedelta(days=300), day - one)  # ended the day before
    _incident(ctx, g, day)
    w = ctx.person(ctx.born(40, day, 5), False)
    _disabled(ctx, w, day - dt.timedelta(days=900))
    _incident(ctx, w, day, disposition="mediated")
    m = ctx.person(ctx.born(40, day, 6), True)  # an adult man
    _disabled(ctx, m, day - dt.timedelta(days=900))
    _incident(ctx, m, day)
    w = ctx.person(ctx.born(40, day, 7), False)
    _disabled(ctx, w, day - dt.timedelta(days=900))
    _incident(ctx, w, day, role="witness")
