"""Unified social credit codes (GB 32100-2015): normalisation and check character."""

from __future__ import annotations

import re
import unicodedata

# The code's alphabet: digits and upper-case letters without I, O, Z, S, V.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SPACES = re.compile(r"\s+")


def normalise(raw) -> str:
    """NFKC, upper case, no spaces (DATASETS.md: codes are normalised like identity numbers)."""
    if raw is None:
        return ""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(raw))).upper()


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    code = normalise(code)
    if len(code) != 18 or any(c not in ALPHABET for c in code):
        return False
    return check_character(code[:17]) == code[17]
