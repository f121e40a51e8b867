"""Model 16: a licensed venue of a restricted kind within 200 m of a school.

Each case has its own school far from the city's background premises (south-east of 南陵县),
with the venue placed due north at an exact great-circle distance.
"""

from __future__ import annotations

import math

from ..orgs import EARTH_KM
from .context import PlantContext


def _north(lat: float, metres: float) -> float:
    return lat + math.degrees(metres / (EARTH_KM * 1000))


def plant(ctx: PlantContext) -> None:
    base_lat, lon = 30.55, 118.70 + 0.05 * ctx.rep  # some 30 km from any background premises
    cases = [  # (venue kind, metres, licence, school kind, positive)
        ("tobacco_retailer", 150, "valid", "primary_school", True),
        ("internet_cafe", 199, "valid", "secondary_school", True),
        ("tattoo_parlor", 40, "valid", "kindergarten", True),
        ("lottery_retailer", 120, "valid", "special_education_school", True),
        ("bar", 180, "valid", "primary_school", True),
        ("internet_cafe", 201, "valid", "primary_school", False),
        ("bar", 150, "expired", "primary_school", False),
        ("ktv", 100, "revoked", "kindergarten", False),
        ("game_arcade", 100, "valid", "primary_school", False),
        ("tobacco_retailer", 100, "valid", "training_institution", False),
    ]
    for i, (kind, metres, licence, school, positive) in enumerate(cases):
        lat = base_lat + 0.03 * i  # cases 3 km apart
        ctx.add_org(school, lat, lon, school_type={"primary_school": "primary", "kindergarten": "kindergarten",
                                                     "special_education_school": "special_education"}.get(school))
        venue = ctx.add_org(kind, _north(lat, metres), lon, licence=licence)
        if positive:
            ctx.truth(ctx.org_code(venue))
