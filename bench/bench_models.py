"""Benchmark: the supervision models on a synthetic bundle (default: the city scale).

    .venv/bin/python bench/bench_models.py [--bundle DIR | --scale city] [--threads 2]

Ingests the bundle once (not timed; cached under bench/.cache), then measures on DuckDB:
- the floor: reading once every column the models use;
- the setup (dataset relations, person index) and each model: wall time and peak RSS;
- building the clue records; the whole suite, and the suite as a multiple of the floor.
Writes bench/results/models_<scale>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import PeakRSS  # noqa: E402
from rightswatch.clues.build import build_clues  # noqa: E402
from rightswatch.contract import datasets  # noqa: E402
from rightswatch.engine.catalogue import load_models  # noqa: E402
from rightswatch.engine.duckdb_backend import DuckDBBackend  # noqa: E402
from rightswatch.engine.macros import Macros  # noqa: E402
from rightswatch.engine.runner import needed_datasets, prepare, register_run_subjects, run_model  # noqa: E402
from rightswatch.engine.shared import SHARED_VIEWS  # noqa: E402
from rightswatch.ingest import Workspace, ingest_path  # noqa: E402


def ensure_workspace(bundle: Path | None, scale: str, seed: int,
                     workspace: Path | None = None) -> tuple[Workspace, Path]:
    """The bundle's ingested workspace: `workspace` when given (ingested there if empty),
    else bench/.cache/ws-<bundle name>."""
    cache = ROOT / "bench" / ".cache"
    if bundle is None:
        # Reuse the bundle bench/bench_synth.py keeps, else generate one here.
        shared = ROOT / "bench" / "data" / f"synth-{scale}-seed{seed}"
        bundle = shared if (shared / "truth.jsonl").exists() else cache / f"bundle-{scale}-{seed}"
        if not (bundle / "truth.jsonl").exists():
            subprocess.run([sys.executable, "-m", "rightswatch.cli", "synth", "--scale", scale, "--seed", str(seed),
                            "--out", str(bundle)], check=True)
    ws_dir = workspace or cache / f"ws-{bundle.name}"
    ws = Workspace(ws_dir)
    if not ws.exists():
        started = time.perf_counter()
        ingest_path(bundle, ws_dir)
        print(f"ingested {bundle} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return ws, bundle


class FolderSource:
    """Datasets as `<root>/datasets/<name>/*.parquet` (a replicated workspace, no catalogue)."""

    def __init__(self, root: Path, as_of: str):
        self.root, self._as_of = root, as_of

    def datasets(self) -> list[str]:
        return sorted(p.name for p in (self.root / "datasets").iterdir() if any(p.glob("*.parquet")))

    def dataset_files(self, name: str) -> list[Path]:
        return sorted((self.root / "datasets" / name).glob("*.parquet"))

    def setting(self, key: str) -> str | None:
        return self._as_of if key == "as_of" else None


# Columns that identify a person, household, incident or organisation: each copy gets its own.
_KEYED = ("record_id", "household_id", "incident_record_id", "hotel_org_code", "venue_org_code", "org_code",
          "employer_org_code", "hospital_org_code", "school_org_code", "reporter_org_code")


def replicate(ws: Workspace, times: int, out: Path) -> FolderSource:
    """`times` disjoint copies of every dataset (persons, households, organisations renamed per copy).

    Stands in for a city-scale workspace when the city bundle cannot be ingested: the same
    join structure at `times` the volume.
    """
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 2")
    for name in ws.datasets():
        target = out / "datasets" / name
        if target.exists():
            continue
        target.mkdir(parents=True)
        files = ", ".join(f"'{f}'" for f in ws.dataset_files(name))
        cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet([{files}], union_by_name = true)").fetchall()]

        def expr(c: str) -> str:
            if c.endswith("person_token") or c.endswith("name_key"):
                return f"CASE WHEN k = 0 THEN {c} ELSE substr(md5({c} || CAST(k AS VARCHAR)), 1, 32) END AS {c}"
            if c in _KEYED:
                return f"CASE WHEN k = 0 OR {c} IS NULL THEN {c} ELSE {c} || '~' || CAST(k AS VARCHAR) END AS {c}"
            return c

        select = ", ".join(expr(c) for c in cols)
        con.execute(f"COPY (SELECT {select} FROM read_parquet([{files}], union_by_name = true), range({times}) t(k)) "
                    f"TO '{target / 'part.parquet'}' (FORMAT PARQUET)")
    con.close()
    return FolderSource(out, ws.setting("as_of"))


def used_columns(specs) -> dict[str, list[str]]:
    """Per dataset, the analytic columns the model files and shared relations name."""
    text = " ".join(s.sql for spec in specs for s in spec.steps) + " ".join(SHARED_VIEWS.values())
    words = set(re.findall(r"[a-z_][a-z0-9_]*", text))
    out = {}
    for name in needed_datasets(specs):
        ds = datasets()[name]
        cols = [c for c in ds.analytic_columns() if c in words or c == "record_id"]
        for g in ds.persons:  # the person index reads these
            cols += [g.col("person_token"), g.col("id_status"), g.col("name_key"), g.birth_column, g.gender_column]
        out[name] = list(dict.fromkeys(cols))
    return out


def floor_seconds(ws: Workspace, columns: dict[str, list[str]], threads: int) -> float:
    backend = DuckDBBackend(threads=threads)
    try:
        started = time.perf_counter()
        for name, cols in columns.items():
            files = ws.dataset_files(name) if name in ws.datasets() else []
            if not files:
                continue
            present = set(backend.execute(f"SELECT * FROM {backend.parquet_sql(files)} LIMIT 0").column_names)
            # hash() forces every value to be read; count() would be answered from Parquet statistics.
            aggs = ", ".join(f"bit_xor(hash({c}))" for c in cols if c in present)
            backend.execute(f"SELECT {aggs} FROM {backend.parquet_sql(files)}")
        return time.perf_counter() - started
    finally:
        backend.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", type=Path)
    ap.add_argument("--scale", default="city")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--as-of")
    ap.add_argument("--workspace", type=Path, help="an ingested workspace of the bundle (default bench/.cache/ws-<bundle>)")
    ap.add_argument("--memory-limit", default="6GB", help="DuckDB memory limit (it spills beyond it)")
    ap.add_argument("--replicate", type=int, default=0,
                    help="run on N disjoint copies of the bundle's workspace (city stand-in: --scale tenth --replicate 10)")
    args = ap.parse_args()

    ws, bundle = ensure_workspace(args.bundle, args.scale, args.seed, args.workspace)
    if args.replicate:
        started = time.perf_counter()
        ws = replicate(ws, args.replicate, ROOT / "bench" / ".cache" / f"replica-{bundle.name}-x{args.replicate}")
        print(f"replicated x{args.replicate} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    as_of = dt.date.fromisoformat(args.as_of or ws.setting("as_of") or dt.date.today().isoformat())
    specs = load_models()
    cols = used_columns(specs)
    floor = floor_seconds(ws, cols, args.threads)

    load_before = os.getloadavg()
    mem = PeakRSS()
    backend = DuckDBBackend(threads=args.threads, memory_limit=args.memory_limit)
    per_model = []
    suite_started = time.perf_counter()
    try:
        started = time.perf_counter()
        prepare(backend, ws, specs)
        setup = {"seconds": round(time.perf_counter() - started, 2), "peak_rss_mb": round(mem.take() / 2**20, 1)}
        macros = Macros(backend.dialect, as_of)
        shared_done: set[str] = set()
        results = []
        ordered = [s for s in specs if not s.meta.get("over_clues")] + [s for s in specs if s.meta.get("over_clues")]
        for spec in ordered:
            started = time.perf_counter()
            if spec.meta.get("over_clues"):
                register_run_subjects(backend, results)
            result = run_model(backend, spec, macros, shared_done)
            results.append(result)
            per_model.append({"model_id": spec.id, "clues": result.clue_count, "rows": len(result.rows),
                              "seconds": round(time.perf_counter() - started, 2), "peak_rss_mb": round(mem.take() / 2**20, 1)})
            print(f"{spec.id:40s} {per_model[-1]['seconds']:7.2f} s {result.clue_count:7d} clues", file=sys.stderr)
        started = time.perf_counter()
        clues = build_clues(results, as_of, "bench")
        build = {"seconds": round(time.perf_counter() - started, 2), "clues": len(clues), "peak_rss_mb": round(mem.take() / 2**20, 1)}
    finally:
        backend.close()
        mem.stop()
    suite = time.perf_counter() - suite_started
    peak = max([setup["peak_rss_mb"], build["peak_rss_mb"]] + [m["peak_rss_mb"] for m in per_model])
    import pyarrow.parquet as pq

    rows = {name: sum(pq.ParquetFile(f).metadata.num_rows for f in ws.dataset_files(name))
            for name in cols if name in ws.datasets()}
    report = {
        "bundle": str(bundle), "as_of": as_of.isoformat(), "threads": args.threads,
        "memory_limit": args.memory_limit,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "memory_gb": round(psutil.virtual_memory().total / 2**30, 1)},
        "floor_seconds": round(floor, 2), "setup": setup, "models": per_model, "build_clues": build,
        "suite_seconds": round(suite, 2), "suite_over_floor": round(suite / floor, 1) if floor else None,
        "peak_rss_mb": peak, "rows_per_dataset": rows,
        "goals": {"suite_under_120_s": suite < 120, "peak_under_8_gb": peak < 8192},
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    scale = args.scale if args.bundle is None else bundle.name
    if args.replicate:
        scale += f"_x{args.replicate}"
    out = ROOT / "bench" / "results" / f"models_{scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: report[k] for k in ("floor_seconds", "suite_seconds", "suite_over_floor", "peak_rss_mb")}))
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
