"""Job advertisements that discriminate against nobody (model 14's background).

Built from phrases that contain none of the lexicon's words (no 男, 婚, 孕, 育 at all) except
the explicit neutral forms 男女不限 and 性别不限.
"""

from __future__ import annotations

import numpy as np

from ..world import World

TITLES = ["行政文员", "仓库管理员", "销售代表", "会计", "前台接待", "电工", "焊工", "客服专员", "外卖骑手", "厨师", "保洁员", "数控操作工", "仓储专员", "软件工程师", "物业管家", "质检员", "司机", "采购专员", "店长", "收银员"]
REQUIREMENTS = ("大专及以上学历", "有相关工作经验者优先", "吃苦耐劳，有责任心", "持C1驾照", "年龄18至45周岁",
                "能适应倒班", "熟练使用办公软件", "沟通能力强", "身体健康", "持有电工证")
NEUTRAL = ("男女不限", "性别不限")
BENEFITS = ("五险一金", "包吃住", "周末双休", "年终奖金", "带薪年假", "节日福利")
SOURCES = ("智联招聘", "前程无忧", "58同城", "BOSS直聘", "芜湖人才网")
HIRING = ("stores", "other", "hotel", "kindergarten", "training_institution", "hospital")


def generate(world: World) -> None:
    rng, today = world.rng, world.today
    n = max(200, int(50_000 * world.scale.factor))
    employers = np.flatnonzero(np.isin(world.orgs["kind"], HIRING))
    org = rng.choice(employers, n)
    title = np.array(TITLES, dtype=object)[rng.integers(0, len(TITLES), n)]
    req = np.array(REQUIREMENTS, dtype=object)
    r1, r2 = req[rng.integers(0, len(req), n)], req[rng.integers(0, len(req), n)]
    neutral = np.where(rng.random(n) < 0.2, np.array(NEUTRAL, dtype=object)[rng.integers(0, 2, n)] + "，", "")
    ben = np.array(BENEFITS, dtype=object)
    low = rng.integers(30, 80, n) * 100
    text = (world.orgs["name"][org] + "招聘" + title + "若干名。任职要求：" + neutral + r1 + "；" + r2 + "。薪资"
            + low.astype(str).astype(object) + "-" + (low + rng.integers(5, 40, n) * 100).astype(str).astype(object)
            + "元/月，" + ben[rng.integers(0, len(ben), n)] + "，" + ben[rng.integers(0, len(ben), n)]
            + "。有意者请联系0553-" + rng.integers(2_000_000, 9_000_000, n).astype(str).astype(object) + "。")
    world.frames.add("job_postings", {
        "_org": org, "title": title, "text": text,
        "published_on": today - rng.integers(0, 365, n).astype("timedelta64[D]"),
        "source": np.array(SOURCES, dtype=object)[rng.integers(0, len(SOURCES), n)],
    })
