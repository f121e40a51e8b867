"""Ingest throughput on the city-scale synthetic bundle: rows per second and peak memory.

Writes bench/results/ingest_<bundle>.json (ingest_synth-city-seed7.json by default). Generates the bundle first (bench/bench_synth.py)
when bench/data/synth-city-seed7/ does not exist yet.

    .venv/bin/python -m bench.bench_ingest [--bundle DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.measure import measured

ROOT = Path(__file__).resolve().parent
GOAL_ROWS_PER_SECOND = 1_000_000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", type=Path, default=ROOT / "data" / "synth-city-seed7")
    ap.add_argument("--keep", type=Path, help="Keep the workspace here (other benchmarks reuse it).")
    args = ap.parse_args(argv)
    if not (args.bundle / "as_of.txt").exists():
        subprocess.run([sys.executable, str(ROOT / "bench_synth.py"), "--scale", "city", "--seed", "7"], check=True)
    os.environ.setdefault("RIGHTSWATCH_SECRET_FILE", str(Path(tempfile.mkdtemp()) / "bench.key"))
    from rightswatch.ingest import ingest_path

    (ROOT / "data").mkdir(exist_ok=True)
    workspace = args.keep or Path(tempfile.mkdtemp(prefix="rw-bench-ingest-", dir=ROOT / "data")) / "ws"
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
    try:
        with measured() as m:
            result = ingest_path(args.bundle, workspace)
        files = {r.dataset: {"rows": r.rows_read, "flagged": r.flagged, "rejected": r.rejected,
                             "bytes": Path(r.file).stat().st_size, "format": r.format, "seconds": r.seconds,
                             "rows_per_second": round(r.rows_read / r.seconds) if r.seconds else None}
                 for r in result.imported}
        rows = sum(f["rows"] for f in files.values())
        bytes_in = sum(f["bytes"] for f in files.values())
        out = {
            "bundle": str(args.bundle.relative_to(ROOT.parent)) if args.bundle.is_relative_to(ROOT.parent) else str(args.bundle),
            "cpu_count": os.cpu_count(), "rows": rows, "input_gb": round(bytes_in / 2**30, 2),
            "seconds": m["seconds"], "rows_per_second": round(rows / m["seconds"]),
            "goal_rows_per_second": GOAL_ROWS_PER_SECOND, "peak_rss_gb": m["peak_rss_gb"],
            "workspace_gb": round(sum(p.stat().st_size for p in workspace.rglob("*") if p.is_file()) / 2**30, 2),
            "datasets": files,
        }
    finally:
        if not args.keep:
            shutil.rmtree(workspace.parent, ignore_errors=True)
    out["floor"] = copy_floor(args.bundle, [Path(r.file) for r in result.imported])
    out["times_floor"] = round(out["seconds"] / out["floor"]["seconds"], 2)
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / f"ingest_{args.bundle.name}.json").write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "datasets"}, indent=1))
    return 0


def copy_floor(bundle: Path, files: list[Path]) -> dict:
    """The least any importer pays on this machine: read every file as text and write it back
    as zstd Parquet, with no normalising, hashing or encryption. CSV is parsed on every core
    (Arrow's multi-threaded reader); other formats through the importer's own readers."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from rightswatch.ingest.readers import _header as header
    from rightswatch.ingest.readers import detect_encoding, iter_file

    out_dir = Path(tempfile.mkdtemp(prefix="rw-bench-floor-", dir=ROOT / "data"))
    rows = 0
    try:
        with measured() as m:
            for f in files:
                target = out_dir / f"{f.stem}.parquet"
                if f.suffix.lower() == ".csv":
                    encoding = detect_encoding(f)
                    names = header(f, encoding)
                    reader = pacsv.open_csv(f, read_options=pacsv.ReadOptions(encoding=encoding, use_threads=True,
                                                                               block_size=8 << 20),
                                            convert_options=pacsv.ConvertOptions(
                                                column_types={n: pa.string() for n in names}, strings_can_be_null=False))
                    schema = pa.schema([(n, pa.string()) for n in names])
                    with pq.ParquetWriter(target, schema, compression="zstd") as writer:
                        for batch in reader:
                            rows += batch.num_rows
                            writer.write_table(pa.Table.from_batches([batch]).cast(schema))
                else:
                    for chunk in iter_file(f):
                        rows += chunk.table.num_rows
                        pq.write_table(chunk.table, target, compression="zstd")
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    return {"seconds": m["seconds"], "rows": rows, "rows_per_second": round(rows / m["seconds"]),
            "what": "read every file as text and write it as zstd Parquet, nothing else"}


if __name__ == "__main__":
    sys.exit(main())
