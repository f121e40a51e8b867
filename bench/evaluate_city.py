"""Precision and recall of every model at city scale, on the workspace bench_ingest kept.

    flock /tmp/rightswatch-heavy.lock .venv/bin/python -m bench.evaluate_city

Writes bench/results/evaluate_city.json (per model: expected, found, precision, recall;
the run's wall time and peak memory).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from bench.measure import measured

ROOT = Path(__file__).resolve().parent


def main() -> int:
    from rightswatch.engine.evaluate import read_truth, score
    from rightswatch.engine.session import run_and_store
    from rightswatch.ingest import Workspace

    bundle = ROOT / "data" / "synth-city-seed7"
    ws = Workspace(ROOT / ".cache" / "ws-synth-city-seed7")
    if not ws.exists():
        print("run bench.bench_ingest --keep bench/.cache/ws-synth-city-seed7 first", file=sys.stderr)
        return 1
    as_of = dt.date.fromisoformat((bundle / "as_of.txt").read_text().strip())
    with measured() as m:
        summary = run_and_store(ws, as_of, None)
    scores = score(read_truth(bundle / "truth.jsonl"), summary.clues, [r.spec.id for r in summary.output.results])
    out = {
        "bundle": str(bundle.relative_to(ROOT.parent)), "as_of": as_of.isoformat(),
        "seconds": m["seconds"], "peak_rss_gb": m["peak_rss_gb"],
        "models": [{"model_id": s.model_id, "expected": len(s.expected), "found": len(s.found),
                    "precision": s.precision, "recall": s.recall,
                    "missed": s.missed[:20], "spurious": s.spurious[:20]} for s in scores],
    }
    (ROOT / "results" / "evaluate_city.json").write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    for s in out["models"]:
        print(f"{s['model_id']:<40} {s['expected']:>5} {s['found']:>5} P={s['precision']} R={s['recall']}")
    print(f"suite {m['seconds']} s, peak {m['peak_rss_gb']} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
