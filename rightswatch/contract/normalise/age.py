"""Age in full years (周岁) by the day-after-birthday rule.

A person reaches N full years on the day AFTER the N-th birthday (the rule the Supreme
People's Court applies): on the 14th birthday a girl is still under 14. Someone born on
29 February has the birthday on 28 February in other years and so reaches N on 1 March.
Comparing (month, day) pairs gives exactly this, leap years included.
"""

from __future__ import annotations

import datetime as dt


def full_years(born: dt.date, on: dt.date) -> int:
    years = on.year - born.year
    if (on.month, on.day) <= (born.month, born.day):
        years -= 1
    return max(years, 0)


def is_minor(born: dt.date, on: dt.date) -> bool:
    return full_years(born, on) < 18


def is_child_under_14(born: dt.date, on: dt.date) -> bool:
    return full_years(born, on) < 14
