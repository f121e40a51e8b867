"""Personal names: normalisation for matching, masked display."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

MIDDLE_DOT = "·"
# The middle dot of minority names arrives as any of these.
_DOTS = re.compile(r"[·•・．.‧∙⋅･]+")
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b-\u200d\ufeff]+")

# Two-character surnames, so that 欧阳娜娜 masks to 欧阳某, not 欧某.
COMPOUND_SURNAMES = frozenset(
    ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "申屠", "太史", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "赫连", "呼延", "万俟", "闻人", "钟离", "拓跋", "百里", "东郭", "左丘"]
)


@cache
def _t2s():
    import opencc  # imported lazily: the contract loads without it for schema work

    return opencc.OpenCC("t2s")


def to_simplified_many(values: list[str]) -> list[str]:
    """Traditional → simplified for many strings in one OpenCC call."""
    if not values:
        return []
    return _t2s().convert("\n".join(values)).split("\n")


def _shape(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw)
    text = _DOTS.sub(MIDDLE_DOT, text)
    text = _SPACES.sub("", text)
    return text.strip(MIDDLE_DOT)


def normalise(raw: str | None) -> str:
    """NFKC, simplified characters, one middle dot, no spaces. Latin letters upper-cased."""
    if raw is None:
        return ""
    shaped = _shape(str(raw))
    if not shaped:
        return ""
    return to_simplified_many([shaped])[0].upper()


def surname(normalised: str) -> str:
    if not normalised:
        return ""
    if MIDDLE_DOT in normalised:
        return normalised.split(MIDDLE_DOT)[0][:1]
    if normalised[:2] in COMPOUND_SURNAMES:
        return normalised[:2]
    return normalised[:1]


def mask(raw: str | None) -> str:
    """Surname + 某: the only form of a name that summaries and pages show by default."""
    s = surname(normalise(raw))
    return f"{s}某" if s else ""
