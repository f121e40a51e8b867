"""Model 1: a minor sharing a hotel room with an unrelated adult.

Every minor's stay records the guardian's contact, so that model 2 stays silent.
"""

from __future__ import annotations

import datetime as dt

from ._common import family, stay
from .context import PlantContext


def _adult(ctx: PlantContext, age: int = 34, *, visitor: bool = False, born: dt.date | None = None) -> int:
    return ctx.person(born or ctx.born(age, ctx.as_of, int(ctx.rng.integers(1, 300))), True, resident=not visitor)


def plant(ctx: PlantContext) -> None:
    hotel = ctx.org("hotel")
    at = ctx.at
    d = ctx.day(-40 - 30 * ctx.rep)
    nxt = d + dt.timedelta(days=1)

    def room():
        return ctx.room(hotel)

    # positives -------------------------------------------------------------------------
    # a 15-year-old girl with an unrelated adult man, overlapping
    kid = family(ctx, ctx.born(15, d, 100), girl=True)["child"]
    r = room()
    s = stay(ctx, hotel, r, kid, at(d, 21, 10), at(nxt, 9, 0))
    stay(ctx, hotel, r, _adult(ctx), at(d, 19, 0), at(nxt, 11, 0))
    ctx.truth(s)

    # a child under 14 with her father and an unrelated adult: the pair rule still fires
    fam = family(ctx, ctx.born(12, d, 40), girl=True)
    r = room()
    s = stay(ctx, hotel, r, fam["child"], at(d, 18, 0), at(nxt, 10, 0))
    stay(ctx, hotel, r, fam["father"], at(d, 18, 0), at(nxt, 10, 0))
    stay(ctx, hotel, r, _adult(ctx, 45, visitor=True), at(d, 22, 30), at(nxt, 8, 0))
    ctx.truth(s)

    # checking in on her 18th birthday she is still a minor
    kid = family(ctx, ctx.born(18, d), girl=True)["child"]
    r = room()
    s = stay(ctx, hotel, r, kid, at(d, 20, 0), at(nxt, 10, 0))
    stay(ctx, hotel, r, _adult(ctx, 29), at(d, 20, 5), at(nxt, 10, 0))
    ctx.truth(s)

    # the adult is still in (empty checkout): open until as_of
    kid = family(ctx, ctx.born(16, ctx.as_of, 10))["child"]
    r = room()
    stay(ctx, hotel, r, _adult(ctx, 40), at(ctx.day(-3), 15, 0), None)
    s = stay(ctx, hotel, r, kid, at(ctx.day(-1), 21, 0), None)
    ctx.truth(s)

    # the adult's number in the legacy 15-digit form; the minor's number with a wrong check
    # character (linked by name, birth date and gender)
    kid = family(ctx, ctx.born(14, d, 200), girl=True)["child"]
    r = room()
    s = stay(ctx, hotel, r, kid, at(d, 23, 0), at(nxt, 7, 0), dirt="bad_check")
    stay(ctx, hotel, r, _adult(ctx, born=dt.date(1979, 6, 3)), at(d, 22, 0), at(nxt, 7, 30), dirt="fifteen")
    ctx.truth(s)

    # the minor's number missing: the recorded birth date makes her a minor
    kid = family(ctx, ctx.born(16, d, 150), girl=True)["child"]
    r = room()
    s = stay(ctx, hotel, r, kid, at(d, 21, 0), at(nxt, 8, 0), dirt="missing")
    stay(ctx, hotel, r, _adult(ctx, 50, visitor=True), at(d, 21, 5), at(nxt, 8, 0))
    ctx.truth(s)

    # near-misses ---------------------------------------------------------------------------
    # a minor with a father recorded only in family_relations (he lives elsewhere)
    hh = ctx.household()
    kid = ctx.person(ctx.born(13, d, 5), True, household=hh, rel=2)
    father = ctx.person(ctx.born(41, d, 5), True)
    ctx.relate(kid, father, "father", True)
    r = room()
    stay(ctx, hotel, r, kid, at(d, 19, 0), at(nxt, 9, 0))
    stay(ctx, hotel, r, father, at(d, 19, 0), at(nxt, 9, 0))

    # a household member with no family_relations row (an uncle in the same 户)
    hh = ctx.household()
    kid = ctx.person(ctx.born(11, d, 5), False, household=hh, rel=3)
    uncle = ctx.person(ctx.born(38, d, 5), True, household=hh, rel=8)
    r = room()
    stay(ctx, hotel, r, kid, at(d, 19, 0), at(nxt, 9, 0))
    stay(ctx, hotel, r, uncle, at(d, 19, 0), at(nxt, 9, 0))

    # a grandmother recorded in family_relations, another household
    kid = ctx.person(ctx.born(9, d, 5), True)
    granny = ctx.person(ctx.born(66, d, 5), False)
    ctx.relate(kid, granny, "grandparent", False)
    r = room()
    stay(ctx, hotel, r, kid, at(d, 19, 0), at(nxt, 9, 0))
    stay(ctx, hotel, r, granny, at(d, 19, 0), at(nxt, 9, 0))

    # a minor alone
    kid = ctx.person(ctx.born(17, d, 5), True)
    stay(ctx, hotel, room(), kid, at(d, 19, 0), at(nxt, 9, 0))

    # an unrelated adult in another room at the same time
    kid = ctx.person(ctx.born(15, d, 5), False)
    stay(ctx, hotel, room(), kid, at(d, 19, 0), at(nxt, 9, 0))
    stay(ctx, hotel, room(), _adult(ctx), at(d, 19, 0), at(nxt, 9, 0))

    # stays that touch: the adult checks out at the minute the minor checks in, and the reverse
    r = room()
    kid = ctx.person(ctx.born(16, d, 5), False)
    stay(ctx, hotel, r, _adult(ctx), at(d - dt.timedelta(days=1), 14, 0), at(d, 14, 0))
    stay(ctx, hotel, r, kid, at(d, 14, 0), at(nxt, 12, 0))
    stay(ctx, hotel, r, _adult(ctx, 52), at(nxt, 12, 0), at(nxt + dt.timedelta(days=1), 12, 0))

    # the day after the 18th birthday the guest is an adult
    r = room()
    stay(ctx, hotel, r, ctx.person(ctx.born(18, d, 1), False), at(d, 20, 0), at(nxt, 10, 0))
    stay(ctx, hotel, r, _adult(ctx, 30), at(d, 20, 0), at(nxt, 10, 0))

    # the room-mate turns 18 that day, so is still a minor: two minors, no adult
    r = room()
    stay(ctx, hotel, r, ctx.person(ctx.born(17, d, 30), False), at(d, 20, 0), at(nxt, 10, 0))
    stay(ctx, hotel, r, ctx.person(ctx.born(18, d), True), at(d, 20, 0), at(nxt, 10, 0))

    # a minor with a wrong check character, with her father: related only through the
    # name + birth date + gender link
    fam = family(ctx, ctx.born(12, d, 77), girl=True, mother=False)
    r = room()
    stay(ctx, hotel, r, fam["child"], at(d, 18, 30), at(nxt, 10, 0), dirt="bad_check")
    stay(ctx, hotel, r, fam["father"], at(d, 18, 30), at(nxt, 10, 0))

    # a boy without a number, with his mother: related through the name link
    fam = family(ctx, ctx.born(8, d, 12), father=False)
    r = room()
    stay(ctx, hotel, r, fam["child"], at(d, 18, 45), at(nxt, 10, 0), dirt="missing")
    stay(ctx, hotel, r, fam["mother"], at(d, 18, 45), at(nxt, 10, 0))

    # a father whose number is in the 15-digit form
    hh = ctx.household()
    kid = ctx.person(ctx.born(10, d, 3), True, household=hh, rel=2)
    father = ctx.person(dt.date(1984, 2, 29), True, household=hh, rel=0)
    ctx.relate(kid, father, "father", True)
    r = room()
    stay(ctx, hotel, r, kid, at(d, 18, 30), at(nxt, 10, 0))
    stay(ctx, hotel, r, father, at(d, 18, 30), at(nxt, 10, 0), dirt="fifteen")
