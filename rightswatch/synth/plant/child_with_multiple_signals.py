"""Model 20: a child who is the minor of clues of two or more different models.

The planter raises the underlying clues itself (models 1 and 3) and records their keys too.
"""

from __future__ import annotations

import datetime as dt

from ..dates import month
from ._common import family, stay
from .context import PlantContext


def _venue_visit(ctx: PlantContext, kid: int, day: dt.date) -> None:
    for _ in range(500):
        venue = ctx.org("internet_cafe")
        if ctx.claim(("venue_month", venue, month(day))):
            ctx.add("venue_visits", pid=kid, org=venue, entered_at=ctx.at(day, 20, 10))
            ctx.truth_for("venue_admits_minor", ctx.org_code(venue), month(day))
            return
    raise RuntimeError("no free internet café month left")


def _shared_room(ctx: PlantContext, kid: int, day: dt.date) -> None:
    hotel = ctx.org("hotel")
    room = ctx.room(hotel)
    adult = ctx.person(ctx.born(41, day, 99), True, resident=False)
    s = stay(ctx, hotel, room, kid, ctx.at(day, 21, 0), ctx.at(day + dt.timedelta(days=1), 9, 0))
    stay(ctx, hotel, room, adult, ctx.at(day, 20, 0), ctx.at(day + dt.timedelta(days=1), 9, 0))
    ctx.truth_for("hotel_minor_with_unrelated_adult", s)


def plant(ctx: PlantContext) -> None:
    day = ctx.day(-70 - 3 * ctx.rep)
    # positive: a girl in a hotel room with a stranger, and in an internet café
    kid = family(ctx, ctx.born(15, day, 120), girl=True)["child"]
    _shared_room(ctx, kid, day)
    _venue_visit(ctx, kid, day - dt.timedelta(days=40))
    ctx.truth(ctx.resident_id(kid))
    # near-miss: two clues of one model are one signal
    kid = family(ctx, ctx.born(16, day, 50))["child"]
    _shared_room(ctx, kid, day)
    _shared_room(ctx, kid, day - dt.timedelta(days=20))
