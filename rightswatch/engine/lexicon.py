"""Phrase lexicons as data (`rightswatch/models/lexicons/<name>.yml`).

A lexicon lists, per category, regular expressions that raise a match, each with the
phrases that negate it and an example; plus neutral phrases removed before matching and,
optionally, exempt titles. Patterns use the subset of regex syntax that RE2 (DuckDB),
Java (Spark) and Python read alike: no look-around, no backslash classes.
`Lexicon.find` is the same rule in Python, so a lexicon can be tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Entry:
    category: str
    pattern: str
    example: str
    negations: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    name: str
    entries: tuple[Entry, ...]
    neutral: tuple[str, ...]
    exempt_titles: tuple[str, ...]

    def categories(self) -> list[str]:
        return list(dict.fromkeys(e.category for e in self.entries))

    def removal_pattern(self) -> str:
        parts = list(self.neutral) + [n for e in self.entries for n in e.negations]
        return "|".join(f"(?:{p})" for p in dict.fromkeys(parts))

    def category_pattern(self, category: str) -> str:
        parts = [e.pattern for e in self.entries if e.category == category]
        if not parts:
            raise KeyError(f"lexicon {self.name} has no category {category!r}")
        return "|".join(f"(?:{p})" for p in parts)

    def exempt_pattern(self) -> str:
        return "|".join(f"(?:{p})" for p in self.exempt_titles)

    def clean(self, text: str) -> str:
        pattern = self.removal_pattern()
        return re.sub(pattern, "", text or "") if pattern else (text or "")

    def find(self, text: str) -> dict[str, str]:
        """Category → first matching phrase, after removing neutral and negated phrases."""
        cleaned = self.clean(text)
        out = {}
        for cat in self.categories():
            m = re.search(self.category_pattern(cat), cleaned)
            if m:
                out[cat] = m.group(0)
        return out

    def is_exempt(self, title: str | None) -> bool:
        return bool(self.exempt_titles) and re.search(self.exempt_pattern(), title or "") is not None


@cache
def lexicon(name: str) -> Lexicon:
    path = resources.files("rightswatch.models").joinpath("lexicons", f"{name}.yml")
    raw = yaml.safe_load(path.read_text("utf-8"))
    entries = []
    for category, items in raw["categories"].items():
        for item in items:
            entries.append(Entry(category, item["pattern"], item["example"], tuple(item.get("negations") or ())))
    lex = Lexicon(raw["name"], tuple(entries), tuple(raw.get("neutral") or ()), tuple(raw.get("exempt_titles") or ()))
    for p in [e.pattern for e in entries] + list(lex.neutral) + list(lex.exempt_titles):
        if "\\" in p or "(?=" in p or "(?!" in p or "(?<" in p:
            raise ValueError(f"lexicon {name}: pattern {p!r} uses syntax the engines read differently")
        re.compile(p)
    for e in entries:
        if not re.search(e.pattern, e.example):
            raise ValueError(f"lexicon {name}: example {e.example!r} does not match {e.pattern!r}")
    return lex
