"""Keyed-hash pseudonyms (HMAC-SHA-256), in Python and as set-at-a-time SQL.

The SQL form spells HMAC out of two SHA-256 calls, H((K⊕opad) ‖ H((K⊕ipad) ‖ m)),
so a whole column is tokenised inside DuckDB (or Spark) without a Python loop; tests
hold it equal to Python's hmac module.
"""

from __future__ import annotations

import hashlib
import hmac

from rightswatch.identity.secret import derived_key

TOKEN_HEX = 32  # 128 bits: collisions are negligible among a country's population


def token(purpose: str, text: str) -> str:
    return hmac.new(derived_key(purpose), text.encode("utf-8"), hashlib.sha256).hexdigest()[:TOKEN_HEX]


def _pads(key: bytes) -> tuple[str, str]:
    block = key.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in block).hex(), bytes(b ^ 0x5C for b in block).hex()


def token_sql(purpose: str, expr: str) -> str:
    """A DuckDB expression: the token of the VARCHAR `expr`, NULL when it is NULL or empty."""
    ipad, opad = _pads(derived_key(purpose))
    inner = f"unhex(sha256(unhex('{ipad}') || encode({expr})))"
    return f"CASE WHEN coalesce({expr}, '') = '' THEN NULL ELSE left(sha256(unhex('{opad}') || {inner}), {TOKEN_HEX}) END"


def person_token(number: str, id_type: str = "resident_id") -> str:
    """The token of a normalised identity number (documents other than resident_id are typed)."""
    text = number if id_type in ("", None, "resident_id") else f"{id_type}:{number}"
    return token("person-token", text)


def name_key(normalised_name: str) -> str:
    return token("name-key", normalised_name)
