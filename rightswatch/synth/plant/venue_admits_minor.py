"""Model 3: an internet café, KTV, bar or dance hall admits a minor.

Each case gets a (venue, month) of its own. Visits are in the evening, outside school hours.
"""

from __future__ import annotations

import calendar
import datetime as dt

from ..dates import month
from .context import PlantContext


def _slot(ctx: PlantContext, kind: str, day: dt.date) -> tuple[int, str]:
    for _ in range(500):
        venue = ctx.org(kind)
        if ctx.claim(("venue_month", venue, month(day))):
            return venue, ctx.org_code(venue)
    raise RuntimeError(f"no free {kind}-month left")


def _visit(ctx: PlantContext, venue: int, pid: int, day: dt.date, *, dirt: str | None = None, hh: int = 19) -> str:
    return ctx.add("venue_visits", pid=pid, dirt=dirt, org=venue, entered_at=ctx.at(day, hh, 30))


def _day(ctx: PlantContext) -> dt.date:
    return ctx.day(-int(ctx.rng.integers(3, 330)))


def plant(ctx: PlantContext) -> None:
    # positives ------------------------------------------------------------------------------
    cases = [("internet_cafe", 15, 100, None), ("ktv", 18, 0, None), ("dance_hall", 16, 10, "bad_check"),
             ("internet_cafe", 17, 40, "missing"), ("bar", 13, 5, None)]
    for kind, age, extra, dirt in cases:
        d = _day(ctx)
        venue, code = _slot(ctx, kind, d)
        _visit(ctx, venue, ctx.person(ctx.born(age, d, extra), age % 2 == 0), d, dirt=dirt)
        ctx.truth(code, month(d))

    # ten distinct minors in one month (red), all well before as_of
    d = ctx.day(-40 - int(ctx.rng.integers(0, 250)))
    venue, code = _slot(ctx, "bar", d)
    first = d.replace(day=1)
    for k in range(10):
        day = first + dt.timedelta(days=k)
        _visit(ctx, venue, ctx.person(ctx.born(16, day, 30 + k), k % 2 == 0), day)
    ctx.truth(code, month(d))

    # born on 29 February: the 18th birthday of a non-leap year is 28 February
    y = ctx.as_of.year if dt.date(ctx.as_of.year, 3, 1) <= ctx.as_of else ctx.as_of.year - 1
    if calendar.isleap(y - 18) and not calendar.isleap(y):
        born = dt.date(y - 18, 2, 29)
        d = dt.date(y, 2, 28)
        venue, code = _slot(ctx, "internet_cafe", d)
        _visit(ctx, venue, ctx.person(born, True), d)
        ctx.truth(code, month(d))
        d = dt.date(y, 3, 1)  # near-miss: adult on 1 March
        venue, _ = _slot(ctx, "internet_cafe", d)
        _visit(ctx, venue, ctx.person(born, False), d)

    # near-misses ------------------------------------------------------------------------------
    for kind in ("game_arcade", "other_entertainment"):
        d = _day(ctx)
        venue, _ = _slot(ctx, kind, d)
        _visit(ctx, venue, ctx.person(ctx.born(12, d, 50), True), d)
    d = _day(ctx)
    venue, _ = _slot(ctx, "bar", d)
    _visit(ctx, venue, ctx.person(ctx.born(18, d, 1), False), d)
