"""Model 14: job advertisements that exclude women or ask about marriage and childbearing."""

from __future__ import annotations

from .context import PlantContext

POSITIVE = [
    ("仓库管理员", "限男性，能吃苦耐劳"),
    ("司机", "仅限男性，持C1驾照"),
    ("销售代表", "男性优先，有经验者薪资面议"),
    ("技术员", "只招男，需适应出差"),
    ("行政文员", "已婚已育优先，工作稳定"),
    ("前台接待", "要求未婚，形象气质佳"),
    ("会计", "请在简历中注明婚育情况"),
    ("客服专员", "入职后3年内不生育，签订承诺书"),
    ("收银员", "入职需孕检，合格者录用"),
    ("质检员", "入职体检须做妊娠检查"),
    ("店长", "男士优先，能接受轮岗"),
    ("保安", "限男，退伍军人优先"),
]
NEGATIVE = [
    ("行政文员", "男女不限，大专及以上学历"),
    ("客服专员", "性别不限，普通话标准"),
    ("软件工程师", "不限性别，熟悉Python"),
    ("会计", "不问婚育情况，持证上岗"),
    ("收银员", "常规入职体检，无需孕检"),
    ("矿山井下采掘工", "限男性，身体健康，能适应井下作业"),  # work women may not be assigned to
]


def _post(ctx: PlantContext, title: str, phrase: str) -> str:
    org = ctx.org("other")
    name = str(ctx.world.orgs["name"][org])
    text = f"{name}招聘{title}1名。任职要求：{phrase}。薪资面议，五险一金。有意者请联系0553-{int(ctx.rng.integers(2_000_000, 9_000_000))}。"
    return ctx.add("job_postings", org=org, title=title, text=text, published_on=ctx.day(-int(ctx.rng.integers(1, 200))),
                   source="芜湖人才网")


def plant(ctx: PlantContext) -> None:
    for title, phrase in POSITIVE:
        ctx.truth(_post(ctx, title, phrase))
    for title, phrase in NEGATIVE:
        _post(ctx, title, phrase)
