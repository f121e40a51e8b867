"""Benchmark: DuckDB against Spark local[2] on the same synthetic bundles, scale by scale.

    .venv/bin/python bench/bench_scale.py [--scales tenth,half,city,double] [--engines duckdb,spark]
                                          [--seed 7] [--spark-master local[2]]

For each scale (1/10, 1/2, 1 and 2 times the city, as far as `rightswatch.synth.scale`
offers them): the bundle is generated (or reused from bench/data/synth-<scale>-seed<N>/),
ingested once into bench/.cache/scale/ws-<scale>-seed<N>/ (not timed), and every
implemented model runs once per engine, each engine in its own child process so that
its wall time and peak memory are its own. Peak memory counts the whole process tree
(for Spark that includes the JVM, which is where its memory goes).

Writes bench/results/scale_<scale>.json per scale and bench/results/scale.json, the
curve over every scale measured so far (time against analytic rows per engine, seconds
per million rows, the DuckDB/Spark ratio). A scale this machine cannot run is recorded
as not measured, never guessed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
CACHE = ROOT / "bench" / ".cache" / "scale"
DATA = ROOT / "bench" / "data"
# The scales, as factors of the city; the synth scale names that stand for them.
WANTED = {"tenth": 0.1, "half": 0.5, "city": 1.0, "double": 2.0}


def available_scales() -> dict[str, float]:
    """The synth scales (the issue's four where they exist; `small` and `tiny` give extra, cheap points)."""
    from rightswatch.synth.scale import SCALES

    return {name: s.factor for name, s in SCALES.items()}


def bundle_for(scale: str, seed: int) -> Path:
    bundle = DATA / f"synth-{scale}-seed{seed}"
    if not (bundle / "as_of.txt").is_file() or any(bundle.glob("*.tmp")):
        from rightswatch.synth import generate_bundle

        print(f"generating the {scale} bundle in {bundle} …", flush=True)
        generate_bundle(str(bundle), scale=scale, seed=seed)
    return bundle


def workspace_for(scale: str, seed: int) -> Path:
    from rightswatch.ingest import ingest_path

    bundle = bundle_for(scale, seed)
    ws = CACHE / f"ws-{scale}-seed{seed}"
    stamp = ws / ".bench-complete"
    if not stamp.is_file():
        import shutil

        shutil.rmtree(ws, ignore_errors=True)
        print(f"ingesting {bundle} into {ws} (not timed) …", flush=True)
        ingest_path(bundle, ws)
        stamp.write_text(dt.datetime.now().isoformat())
    return ws


def analytic_rows(ws: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    from rightswatch.ingest import Workspace

    w = Workspace(ws)
    return {name: sum(pq.ParquetFile(f).metadata.num_rows for f in w.dataset_files(name)) for name in w.datasets()}


# -- one engine, in a child process ------------------------------------------------------
def run_one(engine: str, ws_dir: Path, master: str | None) -> dict:
    """Runs every model once on `engine`; the JSON printed last is read by the parent."""
    from rightswatch.clues.build import build_clues
    from rightswatch.engine.runner import run_models
    from rightswatch.ingest import Workspace

    ws = Workspace(ws_dir)
    as_of = dt.date.fromisoformat(ws.setting("as_of"))
    started = time.perf_counter()
    backend = None
    if engine == "spark":
        from rightswatch.engine.spark import SparkBackend

        backend = SparkBackend(master=master)
    session_seconds = time.perf_counter() - started

    def progress(spec, phase, result):
        if phase == "done":
            print(f"  {engine}: {spec.id} {result.clue_count} clue(s) in {result.seconds:.1f} s", flush=True)

    try:
        out = run_models(ws, as_of, backend=backend, on_model=progress)
    finally:
        if backend is not None:
            backend.close()
    total = time.perf_counter() - started
    clues = build_clues(out.results, as_of, "bench")
    keys = sorted(c["clue_key"] for c in clues)
    return {
        "engine": engine,
        "seconds": round(total, 2),
        "session_seconds": round(session_seconds, 2),
        "setup_seconds": round(out.setup_seconds, 2),
        "models": {r.spec.id: round(r.seconds, 2) for r in out.results},
        "clues": len(clues),
        "clue_keys_sha256": hashlib.sha256("\n".join(keys).encode()).hexdigest(),
    }


def measure_child(engine: str, ws: Path, master: str | None) -> dict:
    """Wall time and peak resident memory of the child's whole process tree (JVM included)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", engine, "--workspace", str(ws)]
    if master:
        cmd += ["--spark-master", master]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def watch():
        parent = psutil.Process(proc.pid)
        while not done.wait(0.25):
            try:
                tree = [parent, *parent.children(recursive=True)]
                peak[0] = max(peak[0], sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if not line.startswith("{"):
            print(line, end="", flush=True)
    proc.wait()
    done.set()
    watcher.join()
    if proc.returncode != 0:
        return {"engine": engine, "status": f"failed (exit {proc.returncode})"}
    result = json.loads(next(line for line in reversed(lines) if line.startswith("{")))
    result["wall_seconds"] = round(time.perf_counter() - started, 2)
    result["peak_rss_gb"] = round(peak[0] / 2**30, 2)
    result["status"] = "measured"
    return result


def machine() -> dict:
    return {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "duckdb_memory_limit": os.environ.get("RIGHTSWATCH_MEMORY_LIMIT", "DuckDB default (80 %)"),
            "spark_driver_memory": os.environ.get("RIGHTSWATCH_SPARK_DRIVER_MEMORY", "4g")}


def write_curve() -> dict:
    """bench/results/scale.json: every scale measured so far, as a curve per engine."""
    points = []
    for f in sorted(RESULTS.glob("scale_*.json")):
        data = json.loads(f.read_text())
        for engine, r in data["engines"].items():
            if r.get("status") == "measured":
                points.append({"scale": data["scale"], "factor": data["factor"], "rows": data["rows_total"],
                               "engine": engine, "seconds": r["wall_seconds"], "peak_rss_gb": r["peak_rss_gb"],
                               "seconds_per_million_rows": round(r["wall_seconds"] / (data["rows_total"] / 1e6), 2)})
    points.sort(key=lambda p: (p["engine"], p["rows"]))
    curve = {"measured": points,
             "not_measured": sorted(set(WANTED) - {p["scale"] for p in points}, key=list(WANTED).index),
             "written_at": dt.datetime.now().isoformat(timespec="seconds")}
    (RESULTS / "scale.json").write_text(json.dumps(curve, indent=2) + "\n")
    return curve


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default=",".join(WANTED))
    ap.add_argument("--engines", default="duckdb,spark")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--spark-master", default=None, help="default local[2]")
    ap.add_argument("--one", choices=["duckdb", "spark"], help=argparse.SUPPRESS)
    ap.add_argument("--workspace", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    os.environ.setdefault("RIGHTSWATCH_SECRET_FILE", str(CACHE / "deployment.key"))

    if args.one:
        print(json.dumps(run_one(args.one, args.workspace, args.spark_master)), flush=True)
        return 0

    RESULTS.mkdir(parents=True, exist_ok=True)
    scales = available_scales()
    for scale in [s.strip() for s in args.scales.split(",") if s.strip()]:
        if scale not in scales:
            print(f"scale {scale}: not offered by rightswatch.synth.scale yet; not measured", flush=True)
            continue
        ws = workspace_for(scale, args.seed)
        rows = analytic_rows(ws)
        record = {"scale": scale, "factor": round(scales[scale], 3), "seed": args.seed,
                  "rows_total": sum(rows.values()), "rows": rows, "machine": machine(),
                  "spark_master": args.spark_master or "local[2]", "engines": {}}
        for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
            print(f"== scale {scale}, {engine}", flush=True)
            record["engines"][engine] = measure_child(engine, ws, args.spark_master)
        measured = [r for r in record["engines"].values() if r.get("status") == "measured"]
        record["same_clue_keys"] = len({r["clue_keys_sha256"] for r in measured}) == 1 if len(measured) > 1 else None
        record["written_at"] = dt.datetime.now().isoformat(timespec="seconds")
        (RESULTS / f"scale_{scale}.json").write_text(json.dumps(record, indent=2) + "\n")
        print(json.dumps({k: v for k, v in record.items() if k not in ("rows", "machine")}, indent=2), flush=True)
    write_curve()
    return 0


if __name__ == "__main__":
    sys.exit(main())
