"""Vectorised identity numbers (GB 11643-1999) and unified social credit codes (GB 32100-2015).

The scalar rules live in `rightswatch.contract.normalise.idnumber`; these build millions
of numbers at once from the same WEIGHTS and CHECK_CHARS.
"""

from __future__ import annotations

import numpy as np

from rightswatch.contract.normalise.idnumber import CHECK_CHARS, WEIGHTS

from .dates import ymd

_CHECK = np.frombuffer(CHECK_CHARS.encode(), dtype=np.uint8)
_W = np.array(WEIGHTS, dtype=np.int64)


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """(n, width) matrix of decimal digits, most significant first."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (values.astype(np.int64)[:, None] // powers) % 10


def assign_sequences(region: np.ndarray, birth: np.ndarray, male: np.ndarray, rng) -> np.ndarray:
    """Sequence numbers (000–999, odd for men) unique within (region, birth date)."""
    n = len(region)
    key = region.astype(np.int64) * 100_000 + (birth.astype("datetime64[D]").astype(np.int64) + 40_000)
    key = key * 2 + male
    order = np.lexsort((rng.random(n), key))
    sk = key[order]
    start = np.r_[0, np.flatnonzero(sk[1:] != sk[:-1]) + 1]
    run = np.arange(n) - np.repeat(start, np.diff(np.r_[start, n]))
    if run.max(initial=0) >= 500:
        raise ValueError("more than 500 people of one gender share a region and birth date")
    offset = (sk // 2) % 7  # spread sequences a little so that they do not all start at 000
    seq_sorted = (2 * (run + offset) + (sk % 2)) % 1000
    seq = np.empty(n, dtype=np.int64)
    seq[order] = seq_sorted
    return seq


def build(region: np.ndarray, birth: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """18-character numbers as a fixed-width bytes array ('S18'), a million at a time (memory)."""
    step = 1_000_000
    if len(region) > step:
        return np.concatenate([build(region[i:i + step], birth[i:i + step], seq[i:i + step])
                               for i in range(0, len(region), step)])
    y, m, d = ymd(birth.astype("datetime64[D]"))
    first17 = np.hstack([
        _digits(region, 6), _digits(y, 4), _digits(m, 2), _digits(d, 2), _digits(seq, 3)
    ])
    check = _CHECK[(first17 @ _W) % 11]
    chars = np.empty((len(region), 18), dtype=np.uint8)
    chars[:, :17] = first17 + 48
    chars[:, 17] = check
    return chars.view("S18").ravel()


# Unified social credit codes: 31 characters without I O Z S V.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_W = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28], dtype=np.int64)
_USCC = np.frombuffer(USCC_CHARS.encode(), dtype=np.uint8)


def org_codes(region: np.ndarray, kind: np.ndarray, rng) -> np.ndarray:
    """Unified social credit codes ('S18'): registering department + type, region, body, check."""
    n = len(region)
    body = np.empty((n, 17), dtype=np.int64)
    body[:, 0] = np.where(kind == 5, 5, np.where(kind == 1, 1, 9))  # 9 market, 5 social org, 1 state
    body[:, 1] = np.where(kind == 9, 1, np.where(kind == 5, 2, 2))
    body[:, 2:8] = _digits(region, 6)
    body[:, 8] = 21  # 'MA': the style of codes issued since 2015
    body[:, 9] = 10
    body[:, 10:17] = rng.integers(0, 31, size=(n, 7))
    check = (31 - (body @ _USCC_W) % 31) % 31
    chars = np.empty((n, 18), dtype=np.uint8)
    chars[:, :17] = _USCC[body]
    chars[:, 17] = _USCC[check]
    return chars.view("S18").ravel()
