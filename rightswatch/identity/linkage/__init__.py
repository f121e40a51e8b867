"""The probabilistic person index (issue 5): Splink 5 on DuckDB, review that binds.

Public surface (docs/linkage.md):
- `build_person_index(workspace)`: the privileged build (reads the vault in memory);
- `SplinkPersonIndex(workspace)`: what the engine plugs in instead of the deterministic index;
- `ReviewQueue(workspace)`: pending pairs, decisions, splits, history, for the platform;
- `Thresholds`: the auto-link and review thresholds (environment settings);
- `evaluate(benchmark)`: precision, recall and F1 on FEBRL or the synthetic city.
Modules import lazily so that `import rightswatch.identity.linkage` does not load Splink.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rightswatch.identity.linkage.build import build_person_index
    from rightswatch.identity.linkage.evaluate import evaluate
    from rightswatch.identity.linkage.index import SplinkPersonIndex
    from rightswatch.identity.linkage.review import ReviewItem, ReviewQueue
    from rightswatch.identity.linkage.settings import Thresholds

__all__ = ["ReviewItem", "ReviewQueue", "SplinkPersonIndex", "Thresholds", "build_person_index", "evaluate"]

_WHERE = {
    "build_person_index": "build", "evaluate": "evaluate", "SplinkPersonIndex": "index",
    "ReviewItem": "review", "ReviewQueue": "review", "Thresholds": "settings",
}


def __getattr__(name: str):
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"rightswatch.identity.linkage.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'rightswatch.identity.linkage' has no attribute {name!r}")
