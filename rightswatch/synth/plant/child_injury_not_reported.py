"""Model 7: injuries of a minor that point to abuse, with no report from 30 days before to
7 days after the visit; or a third injury visit within 180 days."""

from __future__ import annotations

import datetime as dt

from .context import PlantContext


def _visit(ctx: PlantContext, pid: int, day: dt.date, codes: str, text: str, dept: str = "急诊外科") -> str:
    return ctx.add("medical_visits", pid=pid, org=ctx.org("hospital"), visit_at=ctx.at(day, 11, 20), department=dept,
                   diagnosis_codes=codes, diagnosis_text=text)


def _report(ctx: PlantContext, pid: int, day: dt.date) -> None:
    ctx.add("mandatory_reports", pid=pid, org=ctx.org("hospital"), reported_at=ctx.at(day, 16, 0), concern="injury")


def _child(ctx: PlantContext, age: int, day: dt.date, days_more: int = 60) -> int:
    return ctx.person(ctx.born(age, day, days_more), bool(ctx.rng.random() < 0.5))


def plant(ctx: PlantContext) -> None:
    d = ctx.day(-50 - ctx.rep)
    days = dt.timedelta
    # positives ------------------------------------------------------------------------------
    ctx.truth(_visit(ctx, _child(ctx, 8, d), d, "T74.1", "躯体虐待"))
    ctx.truth(_visit(ctx, _child(ctx, 6, d), d, "t76.2", "疑似性侵"))
    ctx.truth(_visit(ctx, _child(ctx, 11, d), d, "S31.4", "会阴部撕裂伤"))
    ctx.truth(_visit(ctx, _child(ctx, 5, d), d, "T23.2", "双手手套状烫伤"))
    ctx.truth(_visit(ctx, _child(ctx, 9, d), d, "T21.1", "背部多处烟头烫伤"))
    ctx.truth(_visit(ctx, _child(ctx, 1, d), d, "S42.0", "锁骨骨折"))  # an infant under 2
    k = _child(ctx, 10, d)
    _report(ctx, k, d - days(31))  # outside the window
    ctx.truth(_visit(ctx, k, d, "T74.0", "忽视"))
    k = _child(ctx, 13, d)  # the third injury within 180 days, across hospitals
    first = d - days(150)
    _visit(ctx, k, first, "S52.5", "桡骨骨折")
    _visit(ctx, k, first + days(60), "S93.4", "踝关节扭伤")
    ctx.truth(_visit(ctx, k, first + days(180), "S00.0", "头皮挫伤"))
    # near-misses ----------------------------------------------------------------------------
    _visit(ctx, _child(ctx, 5, d, 61), d, "T23.0", "右手背开水烫伤")  # a single accidental scald
    _visit(ctx, _child(ctx, 3, d), d, "S42.0", "锁骨骨折")  # not an infant
    _visit(ctx, _child(ctx, 2, d, 1), d, "S52.5", "桡骨骨折")  # 2 full years yesterday
    k = _child(ctx, 12, d)
    _visit(ctx, k, d - days(100), "S52.5", "桡骨骨折")
    _visit(ctx, k, d, "S93.4", "踝关节扭伤")  # only two
    k = _child(ctx, 12, d, 70)
    _visit(ctx, k, d - days(181), "S52.5", "桡骨骨折")
    _visit(ctx, k, d - days(90), "S93.4", "踝关节扭伤")
    _visit(ctx, k, d, "S00.0", "头皮挫伤")  # the first is 181 days before the third
    for offset in (-30, 7):
        k = _child(ctx, 7, d)
        _report(ctx, k, d + days(offset))
        _visit(ctx, k, d, "T74.1", "躯体虐待")
    _visit(ctx, ctx.person(ctx.born(30, d, 5), False), d, "T74.1", "躯体虐待")  # an adult
