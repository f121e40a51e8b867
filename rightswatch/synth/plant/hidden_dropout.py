"""Model 9: a pupil on the roll who checks in to hotels during school hours on 3 or more
school days of the term (hidden dropout).

Pupils come alone with the guardian's contact recorded (so model 2 stays silent); the
calendar is the bundle's own school_attendance_days for Wuhu (3402).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..background.calendar_days import school_days
from ..dates import term_of
from ..people import NO_SCHOOL_FIXUP
from ._common import stay
from .context import PlantContext


def _pupil(ctx: PlantContext, term: str, school_type: str = "primary", grade: int = 6) -> tuple[int, str]:
    kid = ctx.person(ctx.born(12, ctx.as_of, int(ctx.rng.integers(1, 300))), bool(ctx.rng.random() < 0.5),
                     flags=NO_SCHOOL_FIXUP)
    org = int(ctx.rng.choice(np.flatnonzero(ctx.world.orgs["school_type"] == school_type)))
    rid = ctx.add("school_enrollments", pid=kid, org=org, grade=grade, term=term, status="enrolled")
    return kid, rid


def _hotel_outside_wuwei(ctx: PlantContext) -> int:
    for _ in range(100):
        h = ctx.org("hotel")
        if int(ctx.world.orgs["region"][h]) != 340281:  # 无为市 has a calendar of its own
            return h
    raise RuntimeError("no hotel outside 无为市")


def plant(ctx: PlantContext) -> None:
    term = term_of(ctx.as_of)
    days = school_days(ctx.as_of)
    days = [d.astype(object) for d in days if d <= np.datetime64(ctx.as_of) and term_of(d.astype(object)) == term]
    if len(days) < 12:
        return  # too early in the term for a pattern
    days = days[-12:]
    hotel = _hotel_outside_wuwei(ctx)

    def checkins(kid: int, when: list[tuple[dt.date, int]]) -> None:
        for d, hh in when:
            stay(ctx, hotel, ctx.room(hotel), kid, ctx.at(d, hh, 0), ctx.at(d, hh + 3, 0))

    # positives ------------------------------------------------------------------------------
    kid, rid = _pupil(ctx, term)
    checkins(kid, [(days[0], 10), (days[3], 9), (days[6], 13)])
    ctx.truth(rid)
    kid, rid = _pupil(ctx, term, "junior_secondary", 8)
    checkins(kid, [(d, 8) for d in days[:10]])  # ten days: orange
    ctx.truth(rid)
    # near-misses ----------------------------------------------------------------------------
    kid, _ = _pupil(ctx, term)
    checkins(kid, [(days[1], 10), (days[4], 10)])  # two days only
    kid, _ = _pupil(ctx, term)
    checkins(kid, [(days[2], 9), (days[2], 12), (days[2], 14)])  # three times, one day
    kid, _ = _pupil(ctx, term)
    checkins(kid, [(days[5], 18), (days[7], 19), (days[8], 20)])  # after school hours
    kid, _ = _pupil(ctx, term, "senior_secondary", 10)
    checkins(kid, [(days[0], 10), (days[3], 10), (days[6], 10)])  # not a school of the rule
    weekend = [ctx.as_of - dt.timedelta(days=i) for i in range(1, 40)
               if (ctx.as_of - dt.timedelta(days=i)).weekday() >= 5][:3]
    kid, _ = _pupil(ctx, term)
    checkins(kid, [(d, 10) for d in weekend])
