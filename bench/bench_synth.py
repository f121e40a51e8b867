"""Time city-scale generation of the synthetic bundle.

Writes bench/results/synth_city.json (seconds, peak RSS, rows per dataset). The bundle is
kept under bench/data/synth-city-seed<N>/ (gitignored) for the other benchmarks to reuse.

    .venv/bin/python bench/bench_synth.py [--scale city] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="city")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT.parent))
    from bench.measure import measured
    from rightswatch.synth import generate_bundle

    out = ROOT / "data" / f"synth-{args.scale}-seed{args.seed}"
    with measured() as m:
        summary = generate_bundle(str(out), scale=args.scale, seed=args.seed)
    result = {
        "scale": args.scale, "seed": args.seed, "seconds": round(m["seconds"], 1),
        "peak_rss_gb": m["peak_rss_gb"], "cpu_count": os.cpu_count(),
        "residents": summary["residents"], "persons": summary["persons"], "rows": summary["rows"],
        "total_rows": sum(summary["rows"].values()), "timings": summary["timings"], "truth": summary["truth"],
        "bundle": str(out.relative_to(ROOT.parent)),
    }
    (ROOT / "results").mkdir(exist_ok=True)
    name = "synth_city.json" if args.scale == "city" else f"synth_{args.scale}.json"
    (ROOT / "results" / name).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
