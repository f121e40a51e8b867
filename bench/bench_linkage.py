"""Benchmark: deduplicate one million records without a valid identity number.

Generates persons with realistic name frequencies (the synthetic city's samplers), gives
each 1–6 records, and spoils them as real exports do: most records have no number, the
rest a number with one wrong digit or two transposed digits; some names are written
with a homophone, some birth dates with day and month swapped. Then runs the person
index's own linking step (features, Splink on DuckDB, constrained clustering, storing)
and reports time, peak memory, and precision/recall against the generated truth.

    .venv/bin/python bench/bench_linkage.py [--records 1000000] [--threads 2] [--quality]
    .venv/bin/python bench/bench_linkage.py --index city [--workspace WS]   # the whole index of a city

Results: bench/results/linkage_1m.json (and linkage_quality.json with --quality);
linkage_index_<scale>.json for --index.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from bench.measure import PeakRSS  # noqa: E402
from rightswatch.identity.linkage.build import link_mentions, persist  # noqa: E402
from rightswatch.identity.linkage.metrics import pair_scores  # noqa: E402
from rightswatch.identity.linkage.settings import Thresholds  # noqa: E402
from rightswatch.synth import names  # noqa: E402
from rightswatch.synth.namedata import HOMOPHONES  # noqa: E402

REGIONS = ["340202", "340203", "340207", "340208", "340209", "340221", "340222", "340223", "340281", "340104"]


def generate(n_records: int, seed: int = 7) -> pa.Table:
    rng = np.random.default_rng(seed)
    n_persons = int(n_records / 2.3)  # a little over, then cut at exactly n_records
    male = rng.random(n_persons) < 0.5
    birth = (np.datetime64("1940-01-01") + rng.integers(0, 85 * 365, n_persons).astype("timedelta64[D]"))
    modern = birth >= np.datetime64("1985-01-01")
    t = names.tables()
    surname = np.array(t["surnames"], dtype=object)[names.sample_surnames(n_persons, rng)]
    given = np.array(t["given"], dtype=object)[names.sample_given(male, modern, rng)]
    full = surname + given
    region = np.array(REGIONS)[rng.integers(0, len(REGIONS), n_persons)]
    ymd = np.datetime_as_string(birth, unit="D")
    seq = rng.integers(0, 1000, n_persons)
    seq = seq - (seq % 2) + male.astype(int)  # odd for men
    number = np.char.add(np.char.add(region, np.char.replace(ymd.astype(str), "-", "")),
                         np.char.add(np.char.zfill(seq.astype(str), 3), rng.integers(0, 10, n_persons).astype(str)))
    k = np.minimum(1 + rng.poisson(1.4, n_persons), 6)
    person = np.repeat(np.arange(n_persons), k)[:n_records]
    n = len(person)
    u = rng.random(n)
    status = np.where(u < 0.75, "missing", "bad_check")
    rec_number = number[person].astype("<U18")
    # one wrong digit, or two adjacent digits transposed, in the sequence/birth part
    wrong = (status == "bad_check") & (rng.random(n) < 0.6)
    pos = rng.integers(6, 17, n)
    as_list = rec_number.view("<U1").reshape(n, 18).copy()
    rows = np.flatnonzero(wrong)
    as_list[rows, pos[rows]] = ((as_list[rows, pos[rows]].astype(int) + rng.integers(1, 10, len(rows))) % 10).astype(str)
    trans = np.flatnonzero((status == "bad_check") & ~wrong)
    p2 = np.minimum(pos[trans], 15)
    a, b = as_list[trans, p2].copy(), as_list[trans, p2 + 1].copy()
    as_list[trans, p2], as_list[trans, p2 + 1] = b, a
    rec_number = as_list.view("<U18").ravel()
    rec_number = np.where(status == "missing", None, rec_number)
    rec_name = full[person]
    homophone = rng.random(n) < 0.03
    distinct = {nm: (nm[:-1] + HOMOPHONES[nm[-1]] if nm[-1] in HOMOPHONES else nm) for nm in set(rec_name[homophone])}
    rec_name = np.where(homophone, np.array([distinct.get(x, x) for x in rec_name], dtype=object), rec_name)
    rec_birth = birth[person]
    swap = rng.random(n) < 0.02
    days = rec_birth.astype("datetime64[D]")
    years = days.astype("datetime64[Y]")
    months = (days.astype("datetime64[M]") - years.astype("datetime64[M]")).astype(int) + 1
    dom = (days - days.astype("datetime64[M]")).astype(int) + 1
    can = swap & (dom <= 12) & (dom != months)
    swapped = years.astype("datetime64[M]") + (dom - 1).astype("timedelta64[M]")
    swapped = swapped.astype("datetime64[D]") + (months - 1).astype("timedelta64[D]")
    rec_birth = np.where(can, swapped, days)
    return pa.table({
        "dataset": pa.array(["bench"] * n), "record_id": pa.array([f"B-{i:08d}" for i in range(n)]),
        "prefix": pa.array([""] * n), "import_id": pa.array(["bench"] * n), "id_status": pa.array(status),
        "person_token": pa.nulls(n, pa.string()), "name_masked": pa.array(surname[person] + "某"),
        "id_masked": pa.nulls(n, pa.string()), "birth_on": pa.array(rec_birth.astype("datetime64[D]")),
        "gender": pa.array(np.where(male[person], "M", "F")), "id_number": pa.array(rec_number, pa.string()),
        "name": pa.array(rec_name.astype(str)), "truth": pa.array(person),
    })


def bench_dedupe(n_records: int, threads: int) -> dict:
    t = time.perf_counter()
    table = generate(n_records)
    gen_seconds = time.perf_counter() - t
    truth = table.select(["record_id", "truth"])
    workspace = Path(tempfile.mkdtemp(prefix="rw-bench-linkage-"))
    thresholds = Thresholds.from_env()
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.register("bench_rows", table.drop_columns(["truth"]))
    load_before = os.getloadavg()
    mem = PeakRSS(every=0.1)
    try:
        started = time.perf_counter()
        con.execute("CREATE TEMP TABLE rw_mentions AS SELECT * FROM bench_rows")
        linked = link_mentions(con, thresholds)
        linked_at = time.perf_counter()
        stored = persist(workspace, linked, thresholds, "bench", dt.datetime.now())
        seconds = time.perf_counter() - started
        cluster_store = time.perf_counter() - linked_at
    finally:
        peak = mem.take()
        mem.stop()
    con.close()
    from rightswatch.identity.linkage.store import open_store

    with open_store(workspace, read_only=True) as store:
        clusters = store.sql("SELECT m.record_id, c.person_id FROM members m JOIN clusters c USING (node)").to_arrow_table()
    score = duckdb.connect()
    score.register("c", clusters)
    score.register("t", truth)
    score.execute("CREATE TABLE s AS SELECT record_id AS record, person_id AS cluster, truth, TRUE AS scoped "
                  "FROM c JOIN t USING (record_id)")
    quality = pair_scores(score, "s").as_dict()
    shutil.rmtree(workspace, ignore_errors=True)
    return {
        "benchmark": "dedupe records without a valid number", "records": table.num_rows,
        "threads": threads, "seconds": round(seconds, 2), "generate_seconds": round(gen_seconds, 2),
        # features, Splink (train + predict), valid-number typos; then clustering and
        # writing the linkage database and links file (persist)
        "timings": {**{k: round(v, 2) for k, v in linked["timings"].items()},
                    "cluster_store": round(cluster_store, 2)},
        "peak_rss_mb": round(peak / 2**20), "pairs_scored": linked["pairs"].num_rows,
        "auto_links": stored["auto_links"], "pending_review": stored["pending_review"],
        "thresholds": {"high": thresholds.high, "low": thresholds.low, "unique": thresholds.unique},
        "quality": quality, "goal_seconds": 60, "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    # the machine is shared: the load says how much of the 2 cores the run had
                    "load_average_1m_at_start": round(load_before[0], 1),
                    "load_average_1m_at_end": round(os.getloadavg()[0], 1)},
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def bench_index_build(workspace: Path, threads: int) -> dict:
    """The whole person index of an ingested workspace (`rightswatch linkage build`), timed.

    Builds into a shadow workspace (links to the catalogue, datasets and vault; its own
    `linkage/` folder), so the measured workspace — often another benchmark's — is not
    changed: a person index there would switch its model runs to the Splink index."""
    from rightswatch.identity.linkage.build import build_person_index

    shadow = Path(tempfile.mkdtemp(prefix="rw-bench-index-"))
    for name in ("catalogue.duckdb", "datasets", "vault"):
        (shadow / name).symlink_to((workspace / name).resolve())
    load_before = os.getloadavg()
    mem = PeakRSS(every=0.2)
    try:
        built = build_person_index(shadow, who="bench", threads=threads)
    finally:
        peak = mem.take()
        mem.stop()
        shutil.rmtree(shadow, ignore_errors=True)
    return {
        "benchmark": "whole person index build", "workspace": workspace.name, "threads": threads,
        "seconds": built["seconds"], "timings": built["timings"], "peak_rss_gb": round(peak / 2**30, 2),
        **{k: built[k] for k in ("mentions", "nodes", "rows_to_link", "population", "candidates", "pairs_scored", "auto_links", "pending_review")},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_1m_at_start": round(load_before[0], 1),
                    "load_average_1m_at_end": round(os.getloadavg()[0], 1)},
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--quality", action="store_true", help="also run the FEBRL and synthetic evaluations")
    parser.add_argument("--index", metavar="SCALE", help="instead: build the whole person index of the synthetic "
                        "city at SCALE (city, tenth …; the workspace bench/bench_models.py ingests)")
    parser.add_argument("--workspace", type=Path, help="with --index: this ingested workspace instead")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    out = ROOT / "results"
    out.mkdir(parents=True, exist_ok=True)
    if args.index:
        if args.workspace:
            workspace = args.workspace
        else:
            from bench.bench_models import ensure_workspace

            workspace = Path(ensure_workspace(None, args.index, args.seed)[0].root)
        result = bench_index_build(workspace, args.threads)
        result["scale"] = args.index
        (out / f"linkage_index_{args.index}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(result, indent=2))
        return
    result = bench_dedupe(args.records, args.threads)
    name = "linkage_1m.json" if args.records == 1_000_000 else f"linkage_{args.records}.json"
    (out / name).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.quality:
        from rightswatch.identity.linkage.evaluate import BENCHMARKS, evaluate

        quality = {b: evaluate(b) for b in BENCHMARKS}
        (out / "linkage_quality.json").write_text(json.dumps(quality, indent=2, default=str) + "\n", encoding="utf-8")
        print(json.dumps(quality, indent=2, default=str))


if __name__ == "__main__":
    main()
