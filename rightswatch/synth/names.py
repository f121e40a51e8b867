"""Name sampling (realistic frequencies) and rendering (simplified, traditional, spaced).

A name is stored as (kind, surname index, given index): kind 0 Han, 1 minority (two
parts joined by a middle dot), 2 Latin (passport holders). Strings are made only when a
bundle is written, from small tables, so millions of names cost one `take` each.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from rightswatch.contract.normalise import names as contract_names

from . import namedata

HAN, MINORITY, LATIN = 0, 1, 2


@cache
def tables():
    surnames = [s for s, _ in namedata.SURNAMES]
    share = np.array([p for _, p in namedata.SURNAMES])
    given: list[str] = []
    index: dict[str, int] = {}

    def idx(g: str) -> int:
        if g not in index:
            index[g] = len(given)
            given.append(g)
        return index[g]

    common = {}
    for key, text in namedata.COMMON_GIVEN.items():
        pairs = [p.split(":") for p in text.split()]
        common[key] = (np.array([idx(n) for n, _ in pairs]), np.array([float(w) for _, w in pairs]))
    composed = {}
    for g, pool in namedata.GIVEN_CHARS.items():
        chars = list(dict.fromkeys(pool))
        composed[g] = np.array([idx(a + b) for a in chars for b in chars if a != b])
    return {
        "surnames": surnames, "surname_p": share / share.sum(), "given": given,
        "common": common, "composed": composed,
    }


def sample_surnames(n: int, rng) -> np.ndarray:
    t = tables()
    return rng.choice(len(t["surnames"]), size=n, p=t["surname_p"]).astype(np.int32)


def sample_given(male: np.ndarray, modern: np.ndarray, rng) -> np.ndarray:
    """Given-name indices: about 40% from the very common names of the person's generation."""
    t = tables()
    n = len(male)
    out = np.empty(n, dtype=np.int32)
    common = rng.random(n) < np.where(modern, 0.35, 0.45)
    for g, is_m in (("M", 1), ("F", 0)):
        for era, is_new in (("old", False), ("new", True)):
            sel = np.flatnonzero(common & (male == is_m) & (modern == is_new))
            ids, w = t["common"][(era, g)]
            out[sel] = rng.choice(ids, size=len(sel), p=w / w.sum())
        sel = np.flatnonzero(~common & (male == is_m))
        pool = t["composed"][g]
        # a flat power law over compositions: some recur, most stay rare
        perm = np.random.default_rng(7 + is_m).permutation(len(pool))
        w = 1.0 / (np.arange(len(pool)) + 40.0)
        out[sel] = pool[perm][rng.choice(len(pool), size=len(sel), p=w / w.sum())]
    return out


def sample_minority(n: int, rng) -> tuple[np.ndarray, np.ndarray]:
    return (rng.integers(0, len(namedata.MINORITY_FIRST), n).astype(np.int32),
            rng.integers(0, len(namedata.MINORITY_SECOND), n).astype(np.int32))


def sample_latin(n: int, rng) -> tuple[np.ndarray, np.ndarray]:
    return (rng.integers(0, len(namedata.LATIN_SURNAMES), n).astype(np.int32),
            rng.integers(0, len(namedata.LATIN_GIVEN), n).astype(np.int32))


@cache
def _traditional(words: tuple[str, ...]) -> list[str]:
    """Traditional spellings, kept only where the contract's normaliser maps them back."""
    import opencc

    conv = opencc.OpenCC("s2t")
    trad = conv.convert("\n".join(words)).split("\n")
    back = contract_names.to_simplified_many(trad)
    return [t if b == w else w for w, t, b in zip(words, trad, back)]


def _homophone(word: str) -> str:
    """The word with its last character that has a homophone replaced (unchanged if none)."""
    for i in range(len(word) - 1, -1, -1):
        if word[i] in namedata.HOMOPHONES:
            return word[:i] + namedata.HOMOPHONES[word[i]] + word[i + 1:]
    return word


def render(kind: np.ndarray, sur: np.ndarray, giv: np.ndarray) -> dict[str, pa.Array]:
    """Arrow columns: canonical `name`, `surname`, `given`, `name_trad`, `name_homophone`, `sep`."""
    t = tables()
    han_s, han_g = t["surnames"], t["given"]
    parts = {
        HAN: (han_s, han_g, ""),
        MINORITY: (namedata.MINORITY_FIRST, namedata.MINORITY_SECOND, "·"),
        LATIN: (namedata.LATIN_GIVEN, namedata.LATIN_SURNAMES, " "),
    }
    n = len(kind)
    first = pa.nulls(n, pa.string())
    second = pa.nulls(n, pa.string())
    first_t = pa.nulls(n, pa.string())
    second_t = pa.nulls(n, pa.string())
    sep = pa.nulls(n, pa.string())
    second_h = pa.nulls(n, pa.string())
    for k, (a, b, s) in parts.items():
        mask = pa.array(kind == k)
        if k == LATIN:  # Latin names are written given name first
            ia, ib = giv, sur
        else:
            ia, ib = sur, giv
        ia = np.where(kind == k, ia, 0)
        ib = np.where(kind == k, ib, 0)
        fa = pa.array(a).take(pa.array(ia))
        fb = pa.array(b).take(pa.array(ib))
        ta = pa.array(_traditional(tuple(a)) if k == HAN else list(a)).take(pa.array(ia))
        tb = pa.array(_traditional(tuple(b)) if k == HAN else list(b)).take(pa.array(ib))
        first = pc.if_else(mask, fa, first)
        second = pc.if_else(mask, fb, second)
        first_t = pc.if_else(mask, ta, first_t)
        second_t = pc.if_else(mask, tb, second_t)
        hb = pa.array([_homophone(w) for w in b] if k == HAN else list(b)).take(pa.array(ib))
        second_h = pc.if_else(mask, hb, second_h)
        sep = pc.if_else(mask, pa.scalar(s), sep)
    name = pc.binary_join_element_wise(first, second, sep)
    trad = pc.binary_join_element_wise(first_t, second_t, sep)
    homophone = pc.binary_join_element_wise(first, second_h, sep)
    return {"name": name, "surname": first, "given": second, "name_trad": trad, "sep": sep,
            "name_homophone": homophone}
