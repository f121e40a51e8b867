"""Booleans: true/false, 1/0, 是/否, Y/N (any case)."""

from __future__ import annotations

import unicodedata

TRUE = frozenset({"true", "1", "是", "y", "yes", "t"})
FALSE = frozenset({"false", "0", "否", "n", "no", "f"})


def parse_bool(raw) -> bool | None:
    """True/False, None when empty. Raises ValueError for anything else."""
    if raw is None or isinstance(raw, bool):
        return raw
    text = unicodedata.normalize("NFKC", str(raw)).strip().lower()
    if text == "":
        return None
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"not a boolean: {raw!r}")
