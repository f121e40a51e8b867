"""Resident identity numbers (GB 11643-1999): normalisation, check character, 15→18, masking."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # index = (Σ digit × weight) mod 11
EARLIEST_BIRTH = dt.date(1900, 1, 1)

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b-\u200d\ufeff]+")
_EIGHTEEN = re.compile(r"^\d{17}[\dX]$")
_FIFTEEN = re.compile(r"^\d{15}$")

VALID = "valid"
BAD_CHECK = "bad_check"
MALFORMED = "malformed"
MISSING = "missing"
OTHER_DOCUMENT = "other_document"


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("need exactly 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return CHECK_CHARS[total % 11]


def clean(raw: str | None) -> str:
    """NFKC (full-width → ASCII), upper case, no white space."""
    if raw is None:
        return ""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(raw))).upper()


def upgrade_fifteen(number15: str) -> str:
    """The legacy 15-digit form (YYMMDD, years 19YY) as its 18-character equivalent."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_character(first17)


def _birth(number18: str) -> dt.date | None:
    try:
        born = dt.date(int(number18[6:10]), int(number18[10:12]), int(number18[12:14]))
    except ValueError:
        return None
    return born if born >= EARLIEST_BIRTH else None


@dataclass(frozen=True)
class ParsedId:
    number: str  # normalised: 18 characters for resident numbers that have them
    status: str  # valid | bad_check | malformed | missing | other_document
    birth_on: dt.date | None  # from the number (also for bad_check when a real date)
    gender: str | None  # M/F from the 17th character

    @property
    def is_valid(self) -> bool:
        return self.status == VALID


def parse(raw: str | None, id_type: str | None = "resident_id") -> ParsedId:
    """Normalise one identity number and say what it is worth."""
    number = clean(raw)
    if not number:
        return ParsedId("", MISSING, None, None)
    if id_type not in (None, "", "resident_id"):
        return ParsedId(number, OTHER_DOCUMENT, None, None)
    if _FIFTEEN.match(number):
        number = upgrade_fifteen(number)
    if not _EIGHTEEN.match(number):
        return ParsedId(number, MALFORMED, None, None)
    born = _birth(number)
    gender = "M" if int(number[16]) % 2 else "F"
    if born is None:
        return ParsedId(number, MALFORMED, None, gender)
    status = VALID if check_character(number[:17]) == number[17] else BAD_CHECK
    return ParsedId(number, status, born, gender)


def normalise(raw: str | None) -> str:
    return parse(raw).number


def mask(number: str | None) -> str:
    """`340202********123X`: region and last four only."""
    n = clean(number)
    if not n:
        return ""
    if len(n) <= 10:
        return n[:2] + "*" * max(0, len(n) - 2)
    return n[:6] + "*" * (len(n) - 10) + n[-4:]
