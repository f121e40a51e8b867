"""Ground-truth planting: one module per supervision model.

A planter is a module `rightswatch/synth/plant/<model_id>.py` with a function
`plant(ctx: PlantContext) -> None`. It creates its own persons and rows through the
context, plants positives (each with `ctx.truth(...)`) and near-miss negatives (no truth),
and never touches background rows. Adding a model means adding one file: `planters()`
discovers every module of this package.
"""

from __future__ import annotations

import importlib
import pkgutil
import zlib
from collections.abc import Callable

from .context import PlantContext

__all__ = ["PlantContext", "planters", "run_all"]


def planters() -> dict[str, Callable[[PlantContext], None]]:
    """model_id → plant function, for every planter module of this package."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "context":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found[info.name] = module.plant
    return found


def run_all(world, seed: int) -> list[dict]:
    """Run every planter with its own random stream; return the truth records."""
    truth: list[dict] = []
    for model_id, plant in planters().items():
        ctx = PlantContext(world, model_id, seed=seed ^ zlib.crc32(model_id.encode()), truth=truth)
        for rep in range(world.scale.plant):
            ctx.rep = rep
            plant(ctx)
    return truth
