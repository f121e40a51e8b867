"""The synthetic city: a bundle of every dataset for Wuhu, dirty like real exports,
with planted supervision-model cases and their ground truth.

Uses only `rightswatch.contract` of RightsWatch (plus numpy, pyarrow, duckdb, xlsxwriter).
"""

from __future__ import annotations


def generate_bundle(out_dir, scale: str = "small", seed: int = 7, as_of=None) -> dict:
    """Write a bundle to `out_dir`; see `rightswatch.synth.bundle.generate_bundle`."""
    from .bundle import generate_bundle as _generate

    return _generate(out_dir, scale=scale, seed=seed, as_of=as_of)


__all__ = ["generate_bundle"]
