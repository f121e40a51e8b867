"""Police incidents and their parties, mandatory reports, protection orders.

Clean for models 11 and 12: a couple's repeated domestic-violence incidents each end in a
warning letter, a penalty or a filed case; protection orders are issued after a couple's
last incident; nobody in a couple appears in other incidents. For model 13 a
domestic-violence incident in a household with children is never merely mediated.
"""

from __future__ import annotations

import numpy as np

from .. import dirt, regions
from ..frames import record_id
from ..world import World

SUMMARY = {
    "domestic_violence": ("报警人称被丈夫殴打，民警到场制止并调查取证", "邻居报警称隔壁夫妻打架，有哭喊声",
                          "报警人称配偶酒后施暴，手臂有淤青"),
    "family_dispute": ("家庭成员因琐事争吵，民警到场调解", "婆媳矛盾引发争执"),
    "other": ("邻里纠纷", "噪音扰民", "财物被盗"),
    "missing_person": ("家属报称老人走失", "报称家人外出未归"),
}
STRONG = np.array(["warning_letter", "administrative_penalty", "case_filed"], dtype=object)


def _ids(name: str, start: int, n: int) -> np.ndarray:
    """Record ids of rows start … start+n-1, as `record_id` spells them."""
    prefix = record_id(name, 0)[:-8]
    return np.char.add(prefix, np.char.zfill((np.arange(start, start + n) + 1).astype(str), 8)).astype(object)


def generate(world: World) -> None:
    rng, today = world.rng, world.today
    p = world.people
    n_total = world.scale.incidents
    # couples: head and spouse of the same household, both active and unplanted
    spouse = np.flatnonzero((p["rel"] == 1) & (p["status"] == 0) & ~p["planted"])
    heads = np.flatnonzero(p["rel"] == 0)
    head_of = np.full(int(p["household"].max()) + 1, -1)
    head_of[p["household"][heads]] = heads
    head = head_of[p["household"][spouse]]
    ok = (head >= 0) & (p["status"][np.maximum(head, 0)] == 0)
    spouse, head = spouse[ok], head[ok]
    ages = world.ages()
    young = np.zeros(int(p["household"].max()) + 1, dtype=bool)
    kid = (p["household"] >= 0) & (ages < 21)
    young[p["household"][kid]] = True

    n_couples = min(len(spouse), int(n_total * 0.3 / 1.4))
    pick = rng.choice(len(spouse), n_couples, replace=False)
    wife_first = p["male"][head[pick]] == 1
    husband = np.where(wife_first, head[pick], spouse[pick])
    wife = np.where(wife_first, spouse[pick], head[pick])
    victim_is_wife = rng.random(n_couples) < 0.85
    victim = np.where(victim_is_wife, wife, husband)
    suspect = np.where(victim_is_wife, husband, wife)
    has_kids = young[p["household"][wife]]
    k = rng.choice([1, 2, 3], n_couples, p=[0.7, 0.2, 0.1])
    couple = np.repeat(np.arange(n_couples), k)
    nth = np.arange(len(couple)) - np.repeat(np.cumsum(k) - k, k)
    first_day = today - rng.integers(400, 3 * 365, n_couples).astype("timedelta64[D]")
    step = rng.integers(30, 400, len(couple))
    step[nth == 0] = 0
    cs = np.cumsum(step)
    day = first_day[couple] + (cs - cs[np.repeat(np.cumsum(k) - k, k)]).astype("timedelta64[D]")
    keep = day <= today
    couple, nth, day = couple[keep], nth[keep], day[keep]
    first_disp = np.where(has_kids, rng.choice(["referred", "warning_letter"], n_couples),
                          rng.choice(["mediated", "no_action", "warning_letter", "referred"], n_couples))
    disposition = np.where(nth == 0, first_disp[couple], rng.choice(STRONG, len(couple)))
    n_dv = len(couple)

    # other incidents between people outside any couple
    taken = np.zeros(len(p), dtype=bool)
    taken[victim] = taken[suspect] = True
    free = world.pool(min_age=18)
    free = free[~taken[free]]
    n_other = max(0, n_total - n_dv)
    cats = rng.choice(["family_dispute", "other", "missing_person"], n_other, p=[0.35, 0.55, 0.10])
    o_day = today - rng.integers(0, 3 * 365, n_other).astype("timedelta64[D]")
    o_disp = rng.choice(["mediated", "no_action", "referred", "administrative_penalty", "case_filed"], n_other)
    all_cat = np.r_[np.full(n_dv, "domestic_violence", dtype=object), cats.astype(object)]
    all_day = np.r_[day, o_day]
    n_inc = len(all_cat)
    minute = rng.integers(0, 24 * 60, n_inc)
    region = np.r_[p["region"][victim[couple]], rng.choice(regions.CODES, n_other)]
    summary = np.empty(n_inc, dtype=object)
    for c, texts in SUMMARY.items():
        sel = np.flatnonzero(all_cat == c)
        summary[sel] = np.array(texts, dtype=object)[rng.integers(0, len(texts), len(sel))]
    start = world.frames.add("police_incidents", {
        "reported_at": all_day.astype("datetime64[s]") + (minute * 60).astype("timedelta64[s]"),
        "region_code": region, "address": np.array(regions.STREETS, dtype=object)[rng.integers(0, 15, n_inc)]
        + rng.integers(1, 300, n_inc).astype(str).astype(object) + "号",
        "category": all_cat, "summary": summary, "disposition": np.r_[disposition, o_disp].astype(object),
    })
    inc_ids = _ids("police_incidents", start, n_inc)

    # parties
    o_victim = rng.choice(free, n_other)
    o_suspect = rng.choice(free, n_other)
    with_suspect = cats != "missing_person"
    part_inc = [np.arange(n_dv), np.arange(n_dv), n_dv + np.arange(n_other), n_dv + np.flatnonzero(with_suspect)]
    part_pid = [victim[couple], suspect[couple], o_victim, o_suspect[with_suspect]]
    part_role = [np.full(n_dv, "victim"), np.full(n_dv, "suspect"), np.full(n_other, "victim"),
                 np.full(int(with_suspect.sum()), "suspect")]
    # reporters: a neighbour for some incidents
    rep = np.flatnonzero(rng.random(n_inc) < 0.3)
    part_inc.append(rep)
    part_pid.append(rng.choice(free, len(rep)))
    part_role.append(np.full(len(rep), "reporter"))
    inc = np.concatenate(part_inc)
    pid = np.concatenate(part_pid)
    role = np.concatenate(part_role).astype(object)
    born = p["birth"][pid]
    world.frames.add("incident_parties", {
        "incident_record_id": inc_ids[inc], "_inc": start + inc, "_pid_0": pid,
        "_dirt_0": dirt.id_codes(born, rng, bad=True, missing=True, heavy=role == "reporter"), "role": role,
    })

    # protection orders after a couple's last incident
    last = np.zeros(n_couples, dtype="datetime64[D]")
    np.maximum.at(last.view(np.int64), couple, day.astype(np.int64))
    with_order = np.flatnonzero((rng.random(n_couples) < 0.1) & (last > np.datetime64("1971-01-01")))
    issued = last[with_order] + rng.integers(10, 60, len(with_order)).astype("timedelta64[D]")
    with_order = with_order[issued < today]
    issued = issued[issued < today]
    m = len(with_order)
    world.frames.add("protection_orders", {
        "_pid_0": victim[with_order], "_dirt_0": dirt.id_codes(p["birth"][victim[with_order]], rng),
        "_pid_1": suspect[with_order], "_dirt_1": dirt.id_codes(p["birth"][suspect[with_order]], rng),
        "issued_on": issued, "expires_on": issued + np.timedelta64(180, "D"),
        "status": rng.choice(["issued", "issued", "issued", "rejected", "revoked"], m).astype(object),
    })
    _reports(world)


def _reports(world: World) -> None:
    rng, today = world.rng, world.today
    n = max(20, world.scale.incidents // 30)
    subjects = world.pool(max_age=17, resident=True)
    who = rng.choice(subjects, n)
    reporters = np.flatnonzero(np.isin(world.orgs["kind"], ("primary_school", "secondary_school", "hospital",
                                                            "hotel", "kindergarten")))
    org = rng.choice(reporters, n)
    day = today - rng.integers(0, 730, n).astype("timedelta64[D]")
    day = np.maximum(day, world.people["birth"][who] + np.timedelta64(30, "D"))
    world.frames.add("mandatory_reports", {
        "_org": org, "_pid_0": who, "_dirt_0": dirt.id_codes(world.people["birth"][who], rng),
        "reported_at": day.astype("datetime64[s]") + (rng.integers(8 * 60, 18 * 60, n) * 60).astype("timedelta64[s]"),
        "concern": rng.choice(["sexual_abuse", "physical_abuse", "neglect", "injury", "other"], n).astype(object),
    })
