"""Sizes of the synthetic city. `city` is Wuhu (about 3.7 million registered residents)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    residents: int
    visitors: int
    hotel_stays: int  # per year
    venue_visits: int  # per year
    medical_visits: int  # over two years
    incidents: int  # police incidents over three years
    plant: int  # how many times each planted case is repeated

    @property
    def factor(self) -> float:
        return self.residents / 3_700_000


SCALES = {
    "tiny": Scale("tiny", 4_000, 1_500, 15_000, 5_000, 4_000, 600, 1),
    "small": Scale("small", 20_000, 8_000, 108_000, 32_000, 16_000, 1_600, 1),
    "tenth": Scale("tenth", 370_000, 250_000, 2_000_000, 600_000, 300_000, 30_000, 1),
    "half": Scale("half", 1_850_000, 1_250_000, 10_000_000, 3_000_000, 1_500_000, 150_000, 2),
    "city": Scale("city", 3_700_000, 2_500_000, 20_000_000, 6_000_000, 3_000_000, 300_000, 3),
    # twice the city: about 15 GB of memory at generation; run it alone
    "double": Scale("double", 7_400_000, 5_000_000, 40_000_000, 12_000_000, 6_000_000, 600_000, 6),
}


def get(name: str) -> Scale:
    try:
        return SCALES[name]
    except KeyError:
        raise ValueError(f"unknown scale {name!r}; choose one of {', '.join(SCALES)}") from None
