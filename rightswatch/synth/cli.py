"""`rightswatch synth`: write a synthetic bundle with ground truth."""

from __future__ import annotations

import datetime as dt
import json

import click


@click.command("synth")
@click.option("--scale", type=click.Choice(["tiny", "small", "tenth", "half", "city", "double"]), default="small", show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True, help="bundle folder to write")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="snapshot date written to as_of.txt (default 2026-05-15)")
def synth(scale: str, seed: int, out_dir: str, as_of: dt.datetime | None) -> None:
    """Generate the synthetic city of Wuhu as a bundle, with truth.jsonl for `rightswatch evaluate`."""
    from . import generate_bundle

    summary = generate_bundle(out_dir, scale=scale, seed=seed, as_of=as_of.date() if as_of else None)
    click.echo(json.dumps({k: summary[k] for k in ("out_dir", "scale", "seed", "as_of", "residents", "seconds",
                                                   "truth", "rows")}, ensure_ascii=False, indent=1))
