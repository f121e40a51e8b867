"""Masking of identity numbers in free text typed by users (reasons, feedback, minutes, summaries).

Stored text never keeps a full resident identity number: 18-character numbers (and 15-digit
old ones) become `340202********123X`.
"""

from __future__ import annotations

import re

from rightswatch.identity.masking import mask_id_number

_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def mask_text(text: str | None) -> str:
    """Free text as stored: identity numbers masked, control characters (NUL …) removed."""
    if not text:
        return ""
    text = _CONTROL_RE.sub("", text)
    return _ID_RE.sub(lambda m: mask_id_number(m.group(1)), text)


def contains_raw_id(text: str | None) -> bool:
    return bool(text) and bool(_ID_RE.search(text))
