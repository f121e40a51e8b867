"""Model 4: a person with a disqualifying record employed in a post with close contact
with children (the pre-employment check, 入职查询)."""

from __future__ import annotations

import datetime as dt

from .context import PlantContext


def _staff(ctx: PlantContext, kind: str, *, hired: dt.date | None = None, left: dt.date | None = None,
           pid: int | None = None, born: dt.date | None = None, position: str = "教师") -> tuple[int, str]:
    if pid is None:
        pid = ctx.person(born or ctx.born(38, ctx.as_of, int(ctx.rng.integers(1, 360))), bool(ctx.rng.random() < 0.6))
    org = ctx.org(kind)
    rid = ctx.add("staff_rosters", pid=pid, org=org, position=position, hired_on=hired or ctx.day(-800),
                  left_on=left)
    return pid, rid


def _offense(ctx: PlantContext, pid: int, category: str, *, decided: dt.date | None = None, dirt: str | None = None,
             sealed: bool | None = False, offense_on: dt.date | None = None, months: int | None = 36) -> str:
    decided = decided or ctx.day(-3000)
    return ctx.add("offense_records", pid=pid, dirt=dirt, category=category, law_article="刑法",
                   decision_type="criminal_judgment", offense_on=offense_on or decided - dt.timedelta(days=120),
                   sentence_months=months, decided_on=decided, sealed=sealed)


def plant(ctx: PlantContext) -> None:
    # positives ------------------------------------------------------------------------------
    for kind, category in (("primary_school", "rape"), ("kindergarten", "intentional_injury"),
                           ("youth_sports", "robbery"), ("child_welfare", "abuse_of_ward"),
                           ("pediatric_care", "indecency"), ("childrens_activity_center", "trafficking"),
                           ("special_education_school", "abuse"), ("secondary_school", "homicide"),
                           ("training_institution", "forced_prostitution")):
        pid, rid = _staff(ctx, kind)
        _offense(ctx, pid, category)
        ctx.truth(rid)

    # a sealed juvenile record still feeds the pre-employment check
    born = ctx.born(30, ctx.as_of, 60)
    pid, rid = _staff(ctx, "training_institution", born=born)
    off = born + dt.timedelta(days=int(16.5 * 365))
    _offense(ctx, pid, "child_sexual_abuse", offense_on=off, decided=off + dt.timedelta(days=90), sealed=True)
    ctx.truth(rid)

    # hired on as_of; leaving after as_of; decided on as_of
    pid, rid = _staff(ctx, "kindergarten", hired=ctx.as_of, position="保安")
    _offense(ctx, pid, "rape")
    ctx.truth(rid)
    pid, rid = _staff(ctx, "primary_school", left=ctx.day(30), position="司机")
    _offense(ctx, pid, "child_sexual_abuse")
    ctx.truth(rid)
    pid, rid = _staff(ctx, "secondary_school")
    _offense(ctx, pid, "intentional_injury", decided=ctx.as_of, months=0)
    ctx.truth(rid)

    # the offense record carries the 15-digit number, or a wrong check character
    pid, rid = _staff(ctx, "primary_school", born=dt.date(1976, 8, 19))
    _offense(ctx, pid, "indecency", dirt="fifteen")
    ctx.truth(rid)
    pid, rid = _staff(ctx, "kindergarten", position="食堂")
    _offense(ctx, pid, "abuse", dirt="bad_check")
    ctx.truth(rid)

    # two posts, two clues
    pid, rid = _staff(ctx, "training_institution")
    _offense(ctx, pid, "rape")
    ctx.truth(rid)
    _, rid2 = _staff(ctx, "youth_sports", pid=pid, position="教练")
    ctx.truth(rid2)

    # near-misses ----------------------------------------------------------------------------
    pid, _ = _staff(ctx, "primary_school", left=ctx.day(-1))
    _offense(ctx, pid, "rape")
    pid, _ = _staff(ctx, "primary_school", left=ctx.as_of)  # left on as_of: no longer employed
    _offense(ctx, pid, "rape")
    pid, _ = _staff(ctx, "kindergarten", hired=ctx.day(1))
    _offense(ctx, pid, "child_sexual_abuse")
    pid, _ = _staff(ctx, "secondary_school")
    _offense(ctx, pid, "robbery", decided=ctx.day(1))
    for kind in ("hotel", "internet_cafe", "other"):
        pid, _ = _staff(ctx, kind, position="前台")
        _offense(ctx, pid, "rape")
    for category in ("drugs", "fraud", "theft", "traffic", "other", "domestic_violence", "abandonment"):
        pid, _ = _staff(ctx, "primary_school")
        _offense(ctx, pid, category, months=12)
