"""Medical visits and birth certificates.

Clean for models 5 and 7: pregnancy codes and words only for women of 20 or more at the
visit; injuries (S00–T14, T74, T76) only for adults; negated pregnancy text only for adults.
"""

from __future__ import annotations

import numpy as np

from .. import dirt, orgs
from ..dates import full_years
from ..world import World

# (codes, text, department)
COMMON = [
    ("J06.9", "上呼吸道感染", "内科"), ("J20.9", "急性支气管炎", "内科"), ("K29.7", "慢性胃炎", "消化内科"),
    ("R50.9", "发热待查", "急诊科"), ("H10.9", "结膜炎", "眼科"), ("L30.9", "皮炎", "皮肤科"),
    ("A09.9", "急性胃肠炎", "急诊科"), ("K02.9", "龋齿", "口腔科"),
]
ADULT = [
    ("I10", "原发性高血压", "心内科"), ("E11.9", "2型糖尿病", "内分泌科"), ("M54.5", "腰痛", "骨科"),
    ("S93.4", "踝关节扭伤", "骨科"), ("S52.5", "桡骨远端骨折", "骨科"), ("T14.0", "皮肤擦伤", "急诊外科"),
    ("J44.9", "慢性阻塞性肺病", "呼吸内科"),
]
WOMEN = [
    ("Z34.9", "早孕，定期产检", "妇产科"), ("O80.0", "足月顺产分娩", "产科"), ("O02.1", "稽留流产", "妇产科"),
    ("N76.0", "阴道炎", "妇科"), ("R10.4;N94.6", "腹痛待查，未见妊娠", "妇科"), ("Z32.1", "妊娠试验阳性", "妇产科"),
]
CHILD_DEPT = "儿科"


def _spell(codes: np.ndarray, rng) -> np.ndarray:
    """ICD-10 codes as hospitals write them: with or without the dot, any case."""
    u = rng.random(len(codes))
    out = codes.astype(str)
    out = np.where(u < 0.2, np.char.replace(out, ".", ""), out)
    out = np.where((u > 0.85), np.char.lower(out), out)
    return out.astype(object)


def generate(world: World) -> None:
    rng, today = world.rng, world.today
    n = world.scale.medical_visits
    residents = world.pool(resident=True)
    visitors = world.pool(resident=False)
    who = np.where(rng.random(n) < 0.92, rng.choice(residents, n), rng.choice(visitors, n))
    day = today - rng.integers(0, 730, n).astype("timedelta64[D]")
    born = world.people["birth"][who]
    keep = born < day
    who, day, born = who[keep], day[keep], born[keep]
    n = len(who)
    age = full_years(born, day)
    female = world.people["male"][who] == 0
    table = COMMON + ADULT + WOMEN
    group_common = np.arange(len(COMMON))
    pick = rng.choice(group_common, n)
    adult_pick = len(COMMON) + rng.integers(0, len(ADULT), n)
    women_pick = len(COMMON) + len(ADULT) + rng.integers(0, len(WOMEN), n)
    u = rng.random(n)
    pick = np.where((age >= 18) & (u < 0.4), adult_pick, pick)
    pick = np.where(female & (age >= 20) & (age <= 42) & (u > 0.6), women_pick, pick)
    codes = np.array([t[0] for t in table], dtype=object)[pick]
    text = np.array([t[1] for t in table], dtype=object)[pick]
    dept = np.array([t[2] for t in table], dtype=object)[pick]
    dept = np.where(age < 14, CHILD_DEPT, dept)
    hospitals = orgs.of_kind(world.orgs, "hospital")
    minute = rng.integers(8 * 60, 20 * 60, n)
    world.frames.add("medical_visits", {
        "_org": rng.choice(hospitals, n), "_pid_0": who,
        "_dirt_0": dirt.id_codes(born, rng, bad=True, missing=age >= 18, heavy=age >= 18),
        "visit_at": day.astype("datetime64[s]") + (minute * 60).astype("timedelta64[s]"),
        "department": dept, "diagnosis_codes": _spell(codes, rng), "diagnosis_text": text,
    })
    _births(world)


def _births(world: World) -> None:
    rng, today = world.rng, world.today
    p, rel = world.people, world.relations
    recent = (p["birth"] > today - np.timedelta64(3 * 365, "D")) & p["resident"] & ~p["planted"]
    kids = np.flatnonzero(recent)
    mother = np.full(len(p), -1)
    father = np.full(len(p), -1)
    is_m = rel["relation"] == 1
    is_f = rel["relation"] == 0
    mother[rel["person"][is_m]] = rel["relative"][is_m]
    father[rel["person"][is_f]] = rel["relative"][is_f]
    kids = kids[mother[kids] >= 0]
    n = len(kids)
    hospitals = orgs.of_kind(world.orgs, "hospital")
    weeks = rng.choice([36, 37, 38, 39, 39, 40, 40, 41], n).astype(float)
    weeks[rng.random(n) < 0.1] = np.nan
    child_dirt = dirt.id_codes(p["birth"][kids], rng, missing=True, missing_rate=0.2)
    world.frames.add("births", {
        "_org": rng.choice(hospitals, n), "_pid_0": kids, "_dirt_0": child_dirt,
        # a spoiled mother's number only when the child's number is there (model 19 finds the
        # child through the mother's household otherwise) and her name link is unambiguous
        "_pid_1": mother[kids], "_dirt_1": dirt.id_codes(p["birth"][mother[kids]], rng,
                                                         bad=(child_dirt != dirt.MISSING) & world.unique(mother[kids])),
        "_pid_2": father[kids], "_dirt_2": dirt.id_codes(p["birth"][np.maximum(father[kids], 0)], rng, bad=True),
        "gestation_weeks": weeks,
    })
