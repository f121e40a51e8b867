"""How identity numbers are spoiled, decided per row before rendering.

Codes (low four bits): 0 clean, 1 spaces, 2 full-width, 3 lower-case x, 4 legacy 15-digit
form (born 1900–1999 only), 5 wrong check character, 6 missing, 7 one wrong digit, 8 two
adjacent digits transposed. Flags: 16 a homophone in the given name, 32 day and month of the
recorded birth date swapped. Codes 1–4 normalise back to the valid number; the rest break
exact linkage, so generators allow them only where the row cannot then raise a clue the
truth does not hold (see docs/synthetic-city.md).
"""

from __future__ import annotations

import numpy as np

CLEAN, SPACES, FULL_WIDTH, LOWER_X, FIFTEEN, BAD_CHECK, MISSING, WRONG_DIGIT, TRANSPOSED = range(9)
HOMOPHONE, BIRTH_SWAP = 16, 32
NAMES = {"clean": CLEAN, "spaces": SPACES, "full_width": FULL_WIDTH, "lower_x": LOWER_X,
         "fifteen": FIFTEEN, "bad_check": BAD_CHECK, "missing": MISSING, "wrong_digit": WRONG_DIGIT,
         "transposed": TRANSPOSED}

# Shares of rows where linkage errors are harmless (`heavy`), as the linkage benchmark needs them.
HEAVY_RATES = {"wrong_digit": 0.005, "transposed": 0.003, "missing": 0.015, "homophone": 0.005,
               "birth_swap": 0.003}


def born_1900s(birth: np.ndarray) -> np.ndarray:
    return (birth >= np.datetime64("1900-01-01")) & (birth < np.datetime64("2000-01-01"))


def id_codes(birth: np.ndarray, rng, *, bad: np.ndarray | bool = False,
             missing: np.ndarray | bool = False, heavy: np.ndarray | bool = False, bad_rate: float = 0.005,
             missing_rate: float = 0.004) -> np.ndarray:
    """Random dirt codes; `bad`/`missing` say where codes 5/6 are harmless, `heavy` where every
    linkage error is (wrong digits, transpositions, homophones, swapped birth dates, more
    missing numbers)."""
    n = len(birth)
    u = rng.random(n)
    codes = np.select([u < 0.03, u < 0.05, u < 0.08, u < 0.12], [SPACES, FULL_WIDTH, LOWER_X, FIFTEEN], CLEAN)
    codes = np.where((codes == FIFTEEN) & ~born_1900s(birth), CLEAN, codes)
    v = rng.random(n)
    codes = np.where(np.asarray(bad) & (v < bad_rate), BAD_CHECK, codes)
    codes = np.where(np.asarray(missing) & (v >= 1 - missing_rate), MISSING, codes)
    heavy = np.broadcast_to(np.asarray(heavy), (n,))
    if heavy.any():
        r = HEAVY_RATES
        w = rng.random(n)
        edges = np.cumsum([r["wrong_digit"], r["transposed"], r["missing"]])
        broken = np.select([w < edges[0], w < edges[1], w < edges[2]], [WRONG_DIGIT, TRANSPOSED, MISSING], -1)
        codes = np.where(heavy & (broken >= 0), broken, codes)
        x = rng.random(n)
        half = rng.random(n) < 0.5  # half of the name and birth errors come with a broken number
        homophone = heavy & (x < r["homophone"])
        swap = heavy & (x >= r["homophone"]) & (x < r["homophone"] + r["birth_swap"])
        codes = np.where((homophone | swap) & half, np.where(rng.random(n) < 0.5, MISSING, WRONG_DIGIT), codes)
        codes = codes + np.where(homophone, HOMOPHONE, 0) + np.where(swap, BIRTH_SWAP, 0)
    return codes.astype(np.int8)


def normalisable(birth: np.ndarray, rng) -> np.ndarray:
    return id_codes(birth, rng)
