"""Benchmark: does partitioning hotel stays by month pay?

    .venv/bin/python bench/bench_partitioning.py [--scale city] [--engines duckdb,spark]

The issue asks for datasets "partitioned where it pays (for example by month for hotel
stays)". This measures it instead of assuming it. From the ingested workspace of
bench/bench_scale.py (bench/.cache/scale/ws-<scale>-seed7), two layouts of the same rows:

- `single`: every dataset as ingested, hotel stays in one Parquet file per import;
- `monthly`: hotel stays rewritten as one file per check-in month (the other datasets
  are the same files).

On each layout and engine it runs the models that read hotel stays (wall time, the same
clue keys required), and a month-bounded read (one month's stays counted, as an
incremental run would read them): from the single file with a filter, and from that
month's file alone. Writes bench/results/partitioning_<scale>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_models import FolderSource  # noqa: E402

RESULTS = ROOT / "bench" / "results"
CACHE = ROOT / "bench" / ".cache" / "partitioning"
HOTEL_MODELS = ["hotel_minor_with_unrelated_adult", "hotel_minor_checkin_without_inquiry", "hidden_dropout"]


def layouts(ws_dir: Path, scale: str) -> dict[str, FolderSource]:
    """The two layouts as folder sources (symbolic links to the workspace's files, plus the month files)."""
    import duckdb

    from rightswatch.ingest import Workspace

    ws = Workspace(ws_dir)
    as_of = ws.setting("as_of")
    out = {}
    for layout in ("single", "monthly"):
        root = CACHE / f"{scale}-{layout}"
        done = root / ".complete"
        out[layout] = FolderSource(root, as_of)
        if done.exists():
            continue
        for name in ws.datasets():
            folder = root / "datasets" / name
            folder.mkdir(parents=True, exist_ok=True)
            files = ws.dataset_files(name)
            if layout == "monthly" and name == "hotel_stays":
                con = duckdb.connect()
                listing = ", ".join(f"'{f}'" for f in files)
                months = [r[0] for r in con.execute(
                    f"SELECT DISTINCT strftime(checkin_at, '%Y-%m') AS m FROM read_parquet([{listing}]) ORDER BY m").fetchall()]
                for month in months:
                    month_sql = "IS NULL" if month is None else f"= '{month}'"
                    con.execute(f"""COPY (SELECT * FROM read_parquet([{listing}], union_by_name = true)
                                          WHERE strftime(checkin_at, '%Y-%m') {month_sql}
                                          ORDER BY _import_seq, _source_row)
                                    TO '{folder / f"checkin_month={month or 'none'}.parquet"}'
                                    (FORMAT parquet, COMPRESSION zstd)""")
                con.close()
                continue
            for i, f in enumerate(files):
                link = folder / f"{i:04d}-{f.name}"
                if not link.exists():
                    link.symlink_to(f.resolve())
        done.write_text(dt.datetime.now().isoformat())
    return out


def run_hotel_models(source: FolderSource, backend) -> dict:
    from rightswatch.clues.build import build_clues
    from rightswatch.engine.runner import run_models

    as_of = dt.date.fromisoformat(source.setting("as_of"))
    started = time.perf_counter()
    out = run_models(source, as_of, model_ids=HOTEL_MODELS, backend=backend)
    seconds = time.perf_counter() - started
    keys = sorted(c["clue_key"] for c in build_clues(out.results, as_of, "bench"))
    return {"seconds": round(seconds, 2), "clues": len(keys),
            "clue_keys_sha256": hashlib.sha256("\n".join(keys).encode()).hexdigest()}


def busiest_month(monthly: FolderSource) -> str:
    files = [f for f in monthly.dataset_files("hotel_stays") if f.name.startswith("checkin_month=")]
    return max(files, key=lambda f: f.stat().st_size).name.removeprefix("checkin_month=").removesuffix(".parquet")


def month_read(source: FolderSource, month: str, engine: str, spark=None) -> dict:
    """One month's stays counted (rows, distinct guests), as an incremental run would read
    them: the same filter on both layouts; on `monthly` only that month's file is opened."""
    files = [f.resolve() for f in source.dataset_files("hotel_stays")]
    monthly = [f for f in files if f.name == f"checkin_month={month}.parquet"]
    files = monthly or files
    started = time.perf_counter()
    if engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        con.execute("SET threads = 2")
        listing = ", ".join(f"'{f}'" for f in files)
        n = con.execute(f"SELECT count(*), count(DISTINCT person_token) FROM read_parquet([{listing}]) "
                        f"WHERE strftime(checkin_at, '%Y-%m') = '{month}'").fetchall()[0]
        con.close()
    else:
        from pyspark.sql import functions as F

        df = spark.read.parquet(*[str(f) for f in files])
        n = (df.where(F.date_format("checkin_at", "yyyy-MM") == month)
             .agg(F.count("*"), F.countDistinct("person_token")).collect()[0])
    return {"month": month, "files_read": len(files), "seconds": round(time.perf_counter() - started, 2),
            "rows": int(n[0]), "guests": int(n[1])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", default="city")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--engines", default="duckdb,spark")
    args = ap.parse_args(argv)
    os.environ.setdefault("RIGHTSWATCH_SECRET_FILE", str(ROOT / "bench" / ".cache" / "scale" / "deployment.key"))
    from bench.bench_scale import workspace_for

    ws = workspace_for(args.scale, args.seed)
    sources = layouts(ws, args.scale)
    month = busiest_month(sources["monthly"])
    record = {"scale": args.scale, "seed": args.seed, "models": HOTEL_MODELS, "month_probe": month,
              "hotel_stays_files": {k: len(v.dataset_files("hotel_stays")) for k, v in sources.items()},
              "load_average_at_start": [round(x, 2) for x in os.getloadavg()], "engines": {}}
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        backend = spark = None
        if engine == "spark":
            from rightswatch.engine.spark import SparkBackend

            backend = SparkBackend(master="local[2]")
            spark = backend.spark
        per_layout = {}
        try:
            for layout, source in sources.items():
                if engine == "duckdb":
                    from rightswatch.engine.duckdb_backend import DuckDBBackend

                    backend = DuckDBBackend(threads=2)
                models = run_hotel_models(source, backend)
                if engine == "duckdb":
                    backend.close()
                per_layout[layout] = {"hotel_models": models, "month_read": month_read(source, month, engine, spark)}
                print(engine, layout, json.dumps(per_layout[layout]), flush=True)
        finally:
            if engine == "spark" and backend is not None:
                backend.close()
        per_layout["same_clue_keys"] = (per_layout["single"]["hotel_models"]["clue_keys_sha256"]
                                        == per_layout["monthly"]["hotel_models"]["clue_keys_sha256"])
        record["engines"][engine] = per_layout
    record["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    record["measured_at"] = dt.datetime.now().isoformat(timespec="seconds")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"partitioning_{args.scale}.json").write_text(json.dumps(record, indent=2) + "\n")
    print(json.dumps(record, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
