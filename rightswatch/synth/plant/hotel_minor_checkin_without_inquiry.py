"""Model 2: a hotel admits a minor without asking for the guardian's contact.

Each case gets a (hotel, quarter) of its own, so that a near-miss is never hidden by a
positive in the same key.
"""

from __future__ import annotations

import datetime as dt

from ..dates import quarter
from ._common import family, stay
from .context import PlantContext


def _slot(ctx: PlantContext, day: dt.date) -> tuple[int, str]:
    """A hotel whose quarter of `day` no other case uses."""
    for _ in range(500):
        hotel = ctx.org("hotel")
        if ctx.claim(("hotel_quarter", hotel, quarter(day))):
            return hotel, ctx.org_code(hotel)
    raise RuntimeError("no free hotel-quarter left; raise the number of hotels")


def _days(ctx: PlantContext, n: int) -> list[dt.date]:
    return [ctx.day(-int(ctx.rng.integers(5, 330))) for _ in range(n)]


def plant(ctx: PlantContext) -> None:
    at = ctx.at
    one = dt.timedelta(days=1)
    days = iter(_days(ctx, 24))

    # positives ------------------------------------------------------------------------------
    for guardian in (False, None):  # recorded as false, or left empty
        d = next(days)
        hotel, code = _slot(ctx, d)
        kid = family(ctx, ctx.born(16, d, 50))["child"]
        stay(ctx, hotel, ctx.room(hotel), kid, at(d, 21, 0), at(d + one, 11, 0), guardian=guardian)
        ctx.truth(code, quarter(d))

    # three minors in one quarter (orange)
    d = next(days)
    hotel, code = _slot(ctx, d)
    for k in range(3):
        kid = ctx.person(ctx.born(15, d, 20 + k), k % 2 == 0)
        stay(ctx, hotel, ctx.room(hotel), kid, at(d, 20, k), at(d + one, 10, 0), guardian=False)
    ctx.truth(code, quarter(d))

    # a parent's stay that only touches the minor's does not count as being with her
    d = next(days)
    hotel, code = _slot(ctx, d)
    fam = family(ctx, ctx.born(13, d, 9), girl=True)
    r = ctx.room(hotel)
    stay(ctx, hotel, r, fam["mother"], at(d - one, 15, 0), at(d, 15, 0))
    stay(ctx, hotel, r, fam["child"], at(d, 15, 0), at(d + one, 10, 0), guardian=False)
    ctx.truth(code, quarter(d))

    # late on the last day of a quarter
    y = ctx.as_of.year if ctx.as_of.month > 3 else ctx.as_of.year - 1
    d = dt.date(y, 3, 31) if dt.date(y, 3, 31) < ctx.as_of else dt.date(y - 1, 12, 31)
    hotel, code = _slot(ctx, d)
    kid = ctx.person(ctx.born(17, d, 120), True)
    stay(ctx, hotel, ctx.room(hotel), kid, at(d, 23, 50), at(d + one, 9, 0), guardian=False)
    ctx.truth(code, quarter(d))

    # a wrong check character changes nothing about being a minor alone
    d = next(days)
    hotel, code = _slot(ctx, d)
    kid = ctx.person(ctx.born(15, d, 222), False)
    stay(ctx, hotel, ctx.room(hotel), kid, at(d, 19, 0), at(d + one, 9, 0), guardian=False, dirt="bad_check")
    ctx.truth(code, quarter(d))

    # on the 18th birthday still a minor
    d = next(days)
    hotel, code = _slot(ctx, d)
    kid = ctx.person(ctx.born(18, d), True)
    stay(ctx, hotel, ctx.room(hotel), kid, at(d, 19, 0), at(d + one, 9, 0), guardian=False)
    ctx.truth(code, quarter(d))

    # near-misses ------------------------------------------------------------------------------
    # guardian contact recorded
    d = next(days)
    hotel, _ = _slot(ctx, d)
    stay(ctx, hotel, ctx.room(hotel), ctx.person(ctx.born(16, d, 3), True), at(d, 19, 0), at(d + one, 9, 0),
         guardian=True)

    # with her mother, overlapping
    d = next(days)
    hotel, _ = _slot(ctx, d)
    fam = family(ctx, ctx.born(10, d, 8), girl=True, father=False)
    r = ctx.room(hotel)
    stay(ctx, hotel, r, fam["child"], at(d, 19, 0), at(d + one, 9, 0), guardian=False)
    stay(ctx, hotel, r, fam["mother"], at(d, 19, 0), at(d + one, 9, 0))

    # with his father, the boy's number spoiled: related through the name link
    d = next(days)
    hotel, _ = _slot(ctx, d)
    fam = family(ctx, ctx.born(14, d, 30), mother=False)
    r = ctx.room(hotel)
    stay(ctx, hotel, r, fam["child"], at(d, 19, 0), at(d + one, 9, 0), guardian=False, dirt="bad_check")
    stay(ctx, hotel, r, fam["father"], at(d, 19, 0), at(d + one, 9, 0))

    # with her father, the girl's number missing (name, birth date and gender recorded)
    d = next(days)
    hotel, _ = _slot(ctx, d)
    fam = family(ctx, ctx.born(11, d, 31), girl=True, mother=False)
    r = ctx.room(hotel)
    stay(ctx, hotel, r, fam["child"], at(d, 19, 0), at(d + one, 9, 0), guardian=False, dirt="missing")
    stay(ctx, hotel, r, fam["father"], at(d, 19, 0), at(d + one, 9, 0))

    # the day after the 18th birthday: an adult
    d = next(days)
    hotel, _ = _slot(ctx, d)
    stay(ctx, hotel, ctx.room(hotel), ctx.person(ctx.born(18, d, 1), False), at(d, 19, 0), at(d + one, 9, 0),
         guardian=False)
