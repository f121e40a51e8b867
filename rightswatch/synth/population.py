"""Households, residents and visitors: who lives in the synthetic Wuhu.

Households are generated as units (head, spouse, children, sometimes the head's parents),
so that family relations and shared `household_id`s come out consistent. Visitors are
adults registered elsewhere who only appear in hotels and venues.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from . import names, regions
from .dates import d64, full_years
from .people import People

YEAR = 365.2425


def _years(rng, lo: float, hi: float, n: int) -> np.ndarray:
    return (rng.uniform(lo, hi, n) * YEAR).astype(np.int64).astype("timedelta64[D]")


def _han_names(people_male, birth, rng, surname=None):
    n = len(people_male)
    sur = names.sample_surnames(n, rng) if surname is None else surname
    modern = birth >= d64("1985-01-01")
    giv = names.sample_given(people_male, modern, rng)
    return sur, giv


def build(residents: int, visitors: int, as_of: dt.date, rng) -> tuple[People, dict]:
    """Background population and family relations (pairs of pids with a relation code)."""
    today = d64(as_of)
    people = People()
    h = int(residents / 2.75)
    kind = rng.choice(4, size=h, p=[0.56, 0.22, 0.16, 0.06])  # family, couple, single, single parent
    region = rng.choice(regions.CODES, size=h, p=regions.SHARES)
    address = rng.integers(0, 10_000_000, size=h).astype(np.int32)
    hh_id = np.arange(h, dtype=np.int64)

    # head: families are headed by people of child-rearing age, couples and singles span life
    head_age_lo = np.select([kind == 0, kind == 3], [27, 24], 20)
    head_age_hi = np.select([kind == 0, kind == 3], [52, 50], 88)
    head_birth = today - (rng.uniform(head_age_lo, head_age_hi) * YEAR).astype(np.int64).astype("timedelta64[D]")
    head_male = np.where(kind == 3, rng.random(h) < 0.2, np.where(kind == 2, rng.random(h) < 0.5,
                                                                    rng.random(h) < 0.88)).astype(np.int8)
    head_sur, head_giv = _han_names(head_male, head_birth, rng)
    minority = rng.random(h) < 0.004
    head_kind = np.where(minority, names.MINORITY, names.HAN).astype(np.int8)
    m_first, m_second = names.sample_minority(h, rng)
    head_sur = np.where(minority, m_first, head_sur)
    head_giv = np.where(minority, m_second, head_giv)
    heads = people.append(birth=head_birth, male=head_male, region=region, household=hh_id, rel=0,
                          name_kind=head_kind, sur=head_sur, giv=head_giv, address=address)

    # spouse
    has_sp = (kind == 0) | (kind == 1)
    sp_h = np.flatnonzero(has_sp)
    sp_birth = head_birth[sp_h] + rng.integers(-4 * 365, 4 * 365, len(sp_h)).astype("timedelta64[D]")
    limit = today - np.timedelta64(20 * 366, "D")
    too_young = sp_birth > limit  # spread, never pile up on one date (numbers need distinct sequences)
    sp_birth = np.where(too_young, limit - rng.integers(0, 4 * 365, len(sp_h)).astype("timedelta64[D]"), sp_birth)
    sp_male = (1 - head_male[sp_h]).astype(np.int8)
    sp_sur, sp_giv = _han_names(sp_male, sp_birth, rng)
    spouses = people.append(birth=sp_birth, male=sp_male, region=region[sp_h], household=sp_h, rel=1,
                            sur=sp_sur, giv=sp_giv, address=address[sp_h])
    spouse_of = np.full(h, -1, dtype=np.int64)
    spouse_of[sp_h] = spouses

    # children: born to a mother aged 21–38, still living at home
    n_kids = np.select([kind == 0, kind == 3], [rng.choice([1, 2, 3], size=h, p=[0.45, 0.45, 0.10]),
                                                rng.choice([1, 2], size=h, p=[0.7, 0.3])], 0)
    kid_h = np.repeat(np.arange(h), n_kids)
    mother = np.where(head_male == 0, heads, spouse_of)
    father = np.where(head_male == 1, heads, spouse_of)
    parent_birth = np.where(mother >= 0, people["birth"][np.maximum(mother, 0)], head_birth)
    kid_birth = parent_birth[kid_h] + _years(rng, 21, 38, len(kid_h))
    keep = (kid_birth <= today - np.timedelta64(1, "D")) & (kid_birth >= today - np.timedelta64(int(27 * YEAR), "D"))
    kid_h, kid_birth = kid_h[keep], kid_birth[keep]
    kid_male = (rng.random(len(kid_h)) < 0.52).astype(np.int8)
    fa = father[kid_h]
    kid_sur = np.where(fa >= 0, people["sur"][np.maximum(fa, 0)], people["sur"][heads[kid_h]])
    kid_kind = np.where(fa >= 0, people["name_kind"][np.maximum(fa, 0)], people["name_kind"][heads[kid_h]])
    _, kid_giv = _han_names(kid_male, kid_birth, rng, surname=kid_sur)
    m_first, m_second = names.sample_minority(len(kid_h), rng)
    kid_sur = np.where(kid_kind == names.MINORITY, m_first, kid_sur)
    kid_giv = np.where(kid_kind == names.MINORITY, m_second, kid_giv)
    kids = people.append(birth=kid_birth, male=kid_male, region=region[kid_h], household=kid_h,
                         rel=np.where(kid_male == 1, 2, 3), name_kind=kid_kind, sur=kid_sur, giv=kid_giv,
                         address=address[kid_h])

    # grandparents: the head's parents in some families
    n_gp = np.where((kind == 0) & (head_male == 1), rng.choice([0, 1, 2], size=h, p=[0.72, 0.12, 0.16]), 0)
    gp_h = np.repeat(np.arange(h), n_gp)
    gp_first = np.r_[True, gp_h[1:] != gp_h[:-1]] if len(gp_h) else np.zeros(0, bool)
    gp_male = np.where(n_gp[gp_h] == 2, gp_first, rng.random(len(gp_h)) < 0.4).astype(np.int8)
    gp_birth = head_birth[gp_h] - _years(rng, 23, 33, len(gp_h))
    keep = gp_birth >= today - np.timedelta64(int(96 * YEAR), "D")
    gp_h, gp_male, gp_birth = gp_h[keep], gp_male[keep], gp_birth[keep]
    gp_sur, gp_giv = _han_names(gp_male, gp_birth, rng)
    gp_sur = np.where(gp_male == 1, head_sur[gp_h], gp_sur)
    gps = people.append(birth=gp_birth, male=gp_male, region=region[gp_h], household=gp_h,
                        rel=np.where(gp_male == 1, 4, 5), sur=gp_sur, giv=gp_giv, address=address[gp_h])

    _statuses(people, today, rng)

    # relations: child → parents (guardians while minors), child → grandparents, head → own parents
    minor = full_years(people["birth"][kids], np.full(len(kids), today)) < 18
    rel_person, rel_relative, rel_code, rel_guard = [], [], [], []

    def add(p, r, code, guard):
        ok = r >= 0
        rel_person.append(p[ok])
        rel_relative.append(r[ok])
        rel_code.append(np.full(int(ok.sum()), code, dtype=np.int8))
        rel_guard.append(np.broadcast_to(guard, p.shape)[ok])

    add(kids, father[kid_h], 0, minor)
    add(kids, mother[kid_h], 1, minor)
    # grandparents of every child in the same household
    order = np.argsort(kid_h, kind="stable")
    for_h = kid_h[order]
    starts = np.searchsorted(for_h, gp_h, side="left")
    ends = np.searchsorted(for_h, gp_h, side="right")
    counts = ends - starts
    rep_gp = np.repeat(gps, counts)
    idx = np.repeat(starts, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    add(kids[order][idx], rep_gp, 2, np.zeros(len(rep_gp), bool))
    add(heads[gp_h], gps, 0, np.zeros(len(gps), bool))  # code fixed below by gender
    rel_code[-1] = np.where(people["male"][gps] == 1, 0, 1).astype(np.int8)

    # visitors: adults registered elsewhere; a few foreigners on passports
    vb = today - _years(rng, 20, 72, visitors)
    vm = (rng.random(visitors) < 0.55).astype(np.int8)
    vs, vg = _han_names(vm, vb, rng)
    foreign = rng.random(visitors) < 0.01
    ls, lg = names.sample_latin(visitors, rng)
    people.append(birth=vb, male=vm, region=rng.choice(regions.ELSEWHERE, size=visitors),
                  resident=False, name_kind=np.where(foreign, names.LATIN, names.HAN),
                  sur=np.where(foreign, ls, vs), giv=np.where(foreign, lg, vg),
                  id_type=foreign.astype(np.int8))

    relations = {
        "person": np.concatenate(rel_person), "relative": np.concatenate(rel_relative),
        "relation": np.concatenate(rel_code), "guardian": np.concatenate(rel_guard),
    }
    return people, relations


def _statuses(people: People, today, rng) -> None:
    """Deaths (mostly the old), moves, emigration, the odd missing person."""
    n = len(people)
    age = full_years(people["birth"], np.full(n, today))
    u = rng.random(n)
    p_dead = np.where(age >= 75, 0.10, np.where(age >= 18, 0.003, 0.0005))
    status = np.select(
        [u < p_dead, u < p_dead + 0.012, u < p_dead + 0.016, u < p_dead + 0.017],
        [1, 4, 2, 3], 0).astype(np.int8)
    people.cols["status"] = status
    on = today - rng.integers(1, 5 * 365, n).astype("timedelta64[D]")
    on = np.maximum(on, people["birth"] + np.timedelta64(1, "D"))
    people.cols["status_on"] = np.where(status > 0, on, np.datetime64("NaT"))
