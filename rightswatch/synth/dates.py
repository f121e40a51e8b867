"""Calendar helpers shared by the generators and the planters.

Ages follow DATASETS.md: N full years are reached on the day *after* the N-th
birthday, and someone born on 29 February has the birthday on 28 February in
other years, so the rule reduces to comparing (month, day) with "<=".
"""

from __future__ import annotations

import datetime as dt

import numpy as np

DAY = np.timedelta64(1, "D")


def d64(value: dt.date | str) -> np.datetime64:
    return np.datetime64(str(value), "D")


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month, day of a datetime64[D] array."""
    y = days.astype("datetime64[Y]").astype(np.int64) + 1970
    m = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    d = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
    return y, m, d


def full_years(birth: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Age in full years (周岁) with the day-after-birthday rule, vectorised."""
    by, bm, bd = ymd(np.asarray(birth, dtype="datetime64[D]"))
    oy, om, od = ymd(np.asarray(on, dtype="datetime64[D]"))
    not_yet = (om * 100 + od) <= (bm * 100 + bd)
    return oy - by - not_yet.astype(np.int64)


def age(birth: dt.date, on: dt.date) -> int:
    return int(full_years(np.array([d64(birth)]), np.array([d64(on)]))[0])


def add_years(day: dt.date, years: int) -> dt.date:
    """Same month and day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def birth_for_birthday(on: dt.date, years: int) -> dt.date:
    """A birth date whose `years`-th birthday falls on `on`."""
    return add_years(on, -years)


def term_of(on: dt.date) -> str:
    """The school term containing a date (August: the spring term just ended)."""
    if 2 <= on.month <= 8:
        return f"{on.year}-spring"
    if on.month >= 9:
        return f"{on.year}-autumn"
    return f"{on.year - 1}-autumn"


def school_year(term: str) -> int:
    """The autumn year Y that starts the school year of a term."""
    year, season = term.split("-")
    return int(year) - 1 if season == "spring" else int(year)


def previous_term(term: str) -> str:
    year, season = term.split("-")
    return f"{int(year) - 1}-autumn" if season == "spring" else f"{year}-spring"


def compulsory_birth_range(term: str) -> tuple[dt.date, dt.date]:
    """Births of compulsory-education age for a term (以8月31日为界), both ends included."""
    y = school_year(term)
    return dt.date(y - 16, 9, 1), dt.date(y - 6, 8, 31)


def quarter(on: dt.date) -> str:
    return f"{on.year}-Q{(on.month - 1) // 3 + 1}"


def month(on: dt.date) -> str:
    return f"{on.year}-{on.month:02d}"


def cohort(birth: np.ndarray) -> np.ndarray:
    """School cohort: the children entering grade 1 in autumn of `cohort + 6`."""
    y, m, _ = ymd(birth)
    return y + (m >= 9)
