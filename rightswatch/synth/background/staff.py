"""Staff rosters and offense records.

Clean for model 4: nobody who ever worked at a child-contact organisation has an offense
record. Juvenile criminal judgments of five years or less are sealed (model 17).
"""

from __future__ import annotations

import numpy as np

from .. import dirt
from ..dates import full_years
from ..world import World

CHILD_CONTACT = ("kindergarten", "primary_school", "secondary_school", "special_education_school",
                 "training_institution", "child_welfare", "pediatric_care", "youth_sports",
                 "childrens_activity_center")
STAFF_PER_ORG = {"primary_school": 60, "secondary_school": 80, "kindergarten": 15, "hotel": 15,
                 "hospital": 120, "special_education_school": 30, "child_welfare": 25}
POSITIONS = {
    "school": ["教师", "教师", "教师", "班主任", "保安", "司机", "食堂", "保洁", "校医", "行政"],
    "other": ["前台", "服务员", "保安", "经理", "会计", "司机", "保洁", "厨师", "技术员", "销售"],
}
CATEGORY_P = {
    "theft": 0.30, "fraud": 0.12, "traffic": 0.18, "drugs": 0.08, "intentional_injury": 0.08,
    "domestic_violence": 0.05, "robbery": 0.03, "indecency": 0.02, "rape": 0.015, "abuse": 0.01,
    "trafficking": 0.005, "forced_prostitution": 0.005, "homicide": 0.005, "child_sexual_abuse": 0.005,
    "abuse_of_ward": 0.003, "abandonment": 0.004, "other": 0.083,
}
ARTICLE = {
    "rape": "刑法第236条", "child_sexual_abuse": "刑法第237条", "indecency": "刑法第237条",
    "forced_prostitution": "刑法第358条", "trafficking": "刑法第240条", "abuse": "刑法第260条",
    "abuse_of_ward": "刑法第260条之一", "abandonment": "刑法第261条", "domestic_violence": "反家庭暴力法第33条",
    "intentional_injury": "刑法第234条", "homicide": "刑法第232条", "robbery": "刑法第263条",
    "drugs": "刑法第348条", "fraud": "刑法第266条", "theft": "刑法第264条", "traffic": "刑法第133条",
    "other": "治安管理处罚法",
}
CRIMINAL = {"rape", "child_sexual_abuse", "trafficking", "homicide", "robbery", "forced_prostitution",
            "abuse_of_ward"}


def generate(world: World) -> np.ndarray:
    """Rosters and offenses; returns the pids who ever worked in child contact."""
    rng, today = world.rng, world.today
    o = world.orgs
    employers = np.flatnonzero(~np.isin(o["kind"], ("tobacco_retailer", "lottery_retailer")))
    per_org = np.array([STAFF_PER_ORG.get(k, 10) for k in o["kind"][employers]])
    per_org = np.maximum(2, (per_org * rng.uniform(0.5, 1.3, len(per_org))).astype(np.int64))
    org = np.repeat(employers, per_org)
    n = len(org)
    workers = world.pool(min_age=23, max_age=60, resident=True)
    who = rng.choice(workers, n, replace=len(workers) < n)
    born = world.people["birth"][who]
    earliest = np.maximum(born + np.timedelta64(int(20.5 * 365.25), "D"), today - np.timedelta64(25 * 365, "D"))
    span = (today - np.timedelta64(30, "D") - earliest).astype(np.int64)
    hired = earliest + (rng.random(n) * np.maximum(span, 1)).astype("timedelta64[D]")
    left = np.where(rng.random(n) < 0.15,
                    hired + np.minimum((today - hired).astype(np.int64) - 1,
                                       rng.integers(180, 3000, n)).astype("timedelta64[D]"),
                    np.datetime64("NaT"))
    is_school = np.isin(o["kind"][org], CHILD_CONTACT)
    position = np.where(is_school, np.array(POSITIONS["school"], dtype=object)[rng.integers(0, 10, n)],
                        np.array(POSITIONS["other"], dtype=object)[rng.integers(0, 10, n)])
    world.frames.add("staff_rosters", {
        "_org": org, "_pid_0": who, "_dirt_0": dirt.id_codes(born, rng, bad=True, missing=True, heavy=True),
        "position": position, "hired_on": hired, "left_on": left,
    })
    child_contact = np.unique(who[is_school])

    # offenses: adults (and some juveniles) who never worked with children
    p = world.people
    candidates = np.flatnonzero(~p["planted"] & p["resident"] & (world.ages() >= 16))
    candidates = np.setdiff1d(candidates, child_contact)
    m = int(len(candidates) * 0.02)
    off = rng.choice(candidates, m)
    cats = np.array(list(CATEGORY_P), dtype=object)
    cp = np.array(list(CATEGORY_P.values()))
    cat = rng.choice(cats, m, p=cp / cp.sum())
    born = p["birth"][off]
    lo = np.maximum(born + np.timedelta64(14 * 366, "D"), today - np.timedelta64(20 * 365, "D"))
    span = (today - np.timedelta64(60, "D") - lo).astype(np.int64)
    offense_on = lo + (rng.random(m) * np.maximum(span, 1)).astype("timedelta64[D]")
    decided = np.minimum(offense_on + rng.integers(20, 300, m).astype("timedelta64[D]"), today - np.timedelta64(1, "D"))
    criminal = np.isin(cat, list(CRIMINAL)) | (rng.random(m) < 0.3)
    months = np.where(criminal, rng.choice([0, 6, 12, 24, 36, 60, 96, 144], m), -1)
    juvenile = full_years(born, offense_on) < 18
    sealed = np.where(juvenile & criminal & (months <= 60), 1, np.where(rng.random(m) < 0.5, 0, -1)).astype(np.int8)
    world.frames.add("offense_records", {
        # no swapped birth dates here: one could make an adult's offense look juvenile (model 17)
        "_pid_0": off, "_dirt_0": dirt.id_codes(born, rng, bad=True, missing=True),
        "category": cat, "law_article": np.array([ARTICLE[c] for c in cat], dtype=object),
        "decision_type": np.where(criminal, "criminal_judgment", "administrative_penalty").astype(object),
        "offense_on": offense_on, "sentence_months": np.where(months >= 0, months, np.nan),
        "decided_on": decided, "sealed": sealed,
    })
    return child_contact
