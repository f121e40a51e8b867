"""`make bench`: every benchmark in turn, each in its own process so peak memory is its own.

Results: bench/results/*.json; the summary is docs/performance.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# In order: the city bundle first, since the others read it.
BENCHMARKS = [
    ["bench/bench_synth.py", "--scale", "city", "--seed", "7"],
    ["-m", "bench.bench_ingest"],
    ["bench/bench_models.py"],
    # The person index: 1 M records deduplicated; the whole city's index (the workspace
    # bench_models.py ingested), time and peak memory; docs/linkage.md.
    ["bench/bench_linkage.py"],
    ["bench/bench_linkage.py", "--index", "city"],
    ["bench/baseline_pandas.py"],
    # DuckDB vs Spark local[2] at 1/10, 1/2, 1, 2x city (the scales synth offers); docs/scale.md.
    ["bench/bench_scale.py"],
    # Hotel stays in one file per import or one per check-in month, on both engines; docs/scale.md.
    ["bench/bench_partitioning.py", "--scale", "city"],
]


def main() -> int:
    failed = []
    for args in BENCHMARKS:
        script = args[1] if args[0] == "-m" else args[0]
        if args[0] != "-m" and not (ROOT.parent / script).exists():
            continue
        print(f"== {' '.join(args)}", flush=True)
        if subprocess.run([sys.executable, *args], cwd=ROOT.parent).returncode != 0:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
