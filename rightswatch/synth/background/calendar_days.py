"""The school calendar (optional dataset): Wuhu-wide, and a separate one for 无为市.

Terms run from late February to early July and from September to late January, Monday to
Friday, without the national holidays; the years around as_of are covered.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..world import World

REGIONS = (("3402", "08:00", "17:00"), ("340281", "07:50", "16:30"))


def school_days(as_of: dt.date) -> np.ndarray:
    """School days (datetime64[D]) of the terms from two years before as_of to one after."""
    parts = []
    for y in range(as_of.year - 2, as_of.year + 2):
        parts.append(np.arange(np.datetime64(f"{y}-02-24"), np.datetime64(f"{y}-07-04")))
        parts.append(np.arange(np.datetime64(f"{y}-09-01"), np.datetime64(f"{y + 1}-01-21")))
    days = np.concatenate(parts)
    weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
    days = days[weekday < 5]
    month_day = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    holiday = ((month == 10) & (month_day <= 7)) | ((month == 5) & (month_day <= 5)) | (
        (month == 1) & (month_day == 1)) | ((month == 4) & (month_day >= 4) & (month_day <= 6))
    return days[~holiday]


def generate(world: World) -> None:
    days = school_days(world.as_of)
    n = len(days)
    world.frames.add("school_attendance_days", {
        "region_code": np.concatenate([np.full(n, r, dtype=object) for r, _, _ in REGIONS]),
        "school_day": np.concatenate([days] * len(REGIONS)),
        "start_time": np.concatenate([np.full(n, a, dtype=object) for _, a, _ in REGIONS]),
        "end_time": np.concatenate([np.full(n, b, dtype=object) for _, _, b in REGIONS]),
    })
