"""Model 5: a girl under 14 treated for pregnancy and not reported.

Windows are by calendar day: a report 180 days before or 7 days after the visit counts,
whatever the time of day.
"""

from __future__ import annotations

import datetime as dt

from .context import PlantContext


def _girl(ctx: PlantContext, born: dt.date, male: bool = False) -> int:
    return ctx.person(born, male)


def _visit(ctx: PlantContext, pid: int, hospital: int, day: dt.date, codes: str, text: str, *,
           dirt: str | None = None, hh: int = 9) -> str:
    return ctx.add("medical_visits", pid=pid, dirt=dirt, org=hospital, visit_at=ctx.at(day, hh, 15),
                   department="妇产科", diagnosis_codes=codes, diagnosis_text=text)


def _report(ctx: PlantContext, pid: int, day: dt.date, hh: int = 10) -> str:
    return ctx.add("mandatory_reports", pid=pid, org=ctx.org("hospital"), reported_at=ctx.at(day, hh, 0),
                   concern="pregnancy")


def _incident(ctx: PlantContext, pid: int, day: dt.date, role: str) -> None:
    inc = ctx.add("police_incidents", reported_at=ctx.at(day, 16, 0), region_code="340202", address="镜湖区",
                  category="sexual_assault", summary="家长报警称女儿疑似被性侵", disposition="case_filed")
    ctx.add("incident_parties", pid=pid, incident_record_id=inc, role=role)


def plant(ctx: PlantContext) -> None:
    H = ctx.org
    one = dt.timedelta(days=1)
    d = ctx.day(-60 - 20 * ctx.rep)

    # positives ------------------------------------------------------------------------------
    for codes, text in (("O03.9", "不全流产"), ("o039", "人工流产术后"), ("J06.9", "早孕"), ("Z33", "妊娠状态"),
                        ("O9A.1", "妊娠合并症"), ("Z39.2", "产后随访"), ("Z37.0", "单胎活产"), ("z35.6", "高危妊娠监督"),
                        ("Z32.1", "尿妊娠试验阳性"), ("N94.6", "引产术后复查"), ("", "孕12周，要求终止妊娠")):
        g = _girl(ctx, ctx.born(13, d, int(ctx.rng.integers(1, 300))))
        ctx.truth(_visit(ctx, g, H("hospital"), d, codes, text))

    # on the 14th birthday still under 14
    g = _girl(ctx, ctx.born(14, d))
    ctx.truth(_visit(ctx, g, H("hospital"), d, "O80.0", "分娩"))

    # reported, but 181 days before or 8 days after: outside the window
    g = _girl(ctx, ctx.born(12, d, 40))
    _report(ctx, g, d - dt.timedelta(days=181), hh=23)
    ctx.truth(_visit(ctx, g, H("hospital"), d, "O02.1", "稽留流产"))
    g = _girl(ctx, ctx.born(12, d, 41))
    _report(ctx, g, d + dt.timedelta(days=8), hh=0)
    ctx.truth(_visit(ctx, g, H("hospital"), d, "O02.1", "稽留流产"))

    # a witness is not a report about her
    g = _girl(ctx, ctx.born(13, d, 41))
    _incident(ctx, g, d, "witness")
    ctx.truth(_visit(ctx, g, H("hospital"), d, "Z34.9", "早孕"))

    # two unreported visits at one hospital: the earliest is the key; another hospital, another key
    g = _girl(ctx, ctx.born(13, d, 200))
    h1, h2 = H("hospital"), H("hospital")
    first = _visit(ctx, g, h1, d - dt.timedelta(days=30), "Z34.9", "早孕")
    _visit(ctx, g, h1, d, "O80.0", "分娩")
    ctx.truth(first)
    if h2 != h1:
        ctx.truth(_visit(ctx, g, h2, d - dt.timedelta(days=10), "Z34.9", "孕检"))

    # the first visit was reported; 200 days later she is back unreported
    g = _girl(ctx, ctx.born(13, d, 10))
    h = H("hospital")
    early = d - dt.timedelta(days=200)
    _visit(ctx, g, h, early, "Z32.1", "早孕")
    _report(ctx, g, early + dt.timedelta(days=3))
    ctx.truth(_visit(ctx, g, h, d, "O80.0", "分娩"))

    # a wrong check character on the visit; birth date and gender recorded
    g = _girl(ctx, ctx.born(12, d, 99))
    ctx.truth(_visit(ctx, g, H("hospital"), d, "O03.9", "流产", dirt="bad_check"))

    # no number at all: the recorded birth date and gender decide
    g = _girl(ctx, ctx.born(13, d, 98))
    ctx.truth(_visit(ctx, g, H("hospital"), d, "Z34.9", "早孕", dirt="missing"))

    # near-misses ------------------------------------------------------------------------------
    _visit(ctx, _girl(ctx, ctx.born(14, d, 1)), H("hospital"), d, "O80.0", "分娩")  # turned 14 yesterday
    _visit(ctx, _girl(ctx, ctx.born(13, d, 5)), H("hospital"), d, "R10.4", "腹痛待查，未见妊娠")
    _visit(ctx, _girl(ctx, ctx.born(13, d, 6)), H("hospital"), d, "R10.4;N94.6", "B超排除妊娠")
    _visit(ctx, _girl(ctx, ctx.born(13, d, 7)), H("hospital"), d, "Z32.0", "月经推迟待查")
    _visit(ctx, _girl(ctx, ctx.born(12, d, 8), male=True), H("hospital"), d, "Z33", "")  # a boy
    g = _girl(ctx, ctx.born(12, d, 9))
    _report(ctx, g, d - dt.timedelta(days=180), hh=23)
    _visit(ctx, g, H("hospital"), d, "O02.1", "稽留流产", hh=8)
    g = _girl(ctx, ctx.born(12, d, 10))
    _report(ctx, g, d + dt.timedelta(days=7), hh=23)
    _visit(ctx, g, H("hospital"), d, "O02.1", "稽留流产", hh=8)
    for role in ("victim", "child_present"):
        g = _girl(ctx, ctx.born(13, d, 11))
        _incident(ctx, g, d - one * 20, role)
        _visit(ctx, g, H("hospital"), d, "Z34.9", "早孕")
    # reported under her valid number; the visit carries a wrong check character
    g = _girl(ctx, ctx.born(13, d, 12))
    _report(ctx, g, d + one)
    _visit(ctx, g, H("hospital"), d, "O03.9", "流产", dirt="bad_check")
    g = _girl(ctx, ctx.born(13, d, 13))
    _report(ctx, g, d - one * 3)
    _visit(ctx, g, H("hospital"), d, "O03.9", "流产", dirt="missing")
