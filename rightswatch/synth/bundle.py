"""Make one bundle: population → background → planting → fix-ups → render → write."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import time

import duckdb
import numpy as np

from rightswatch.contract import dataset, datasets

from . import orgs as orgs_mod
from . import plant, population, render, writers
from . import scale as scale_mod
from .background import calendar_days, health, hotels, jobs, police, registry, schools, staff, support, venues
from .frames import PREFIX
from .world import World

DEFAULT_AS_OF = dt.date(2026, 5, 15)


def build_world(scale: str, seed: int, as_of: dt.date) -> tuple[World, list[dict], dict]:
    sc = scale_mod.get(scale)
    rng = np.random.default_rng(seed)
    timings = {}
    t = time.perf_counter()
    people, relations = population.build(sc.residents, sc.visitors, as_of, rng)
    world = World(as_of=as_of, scale=sc, rng=rng, people=people, relations=relations,
                  orgs=orgs_mod.build(sc.residents, rng))
    orgs_mod.keep_venues_clear(world.orgs)
    timings["population"] = time.perf_counter() - t
    for step in (registry.relations, hotels.generate, venues.generate, staff.generate,
                 health.generate, police.generate, support.generate, jobs.generate, calendar_days.generate):
        t = time.perf_counter()
        step(world)
        timings[step.__module__.rsplit(".", 1)[-1]] = time.perf_counter() - t
    t = time.perf_counter()
    truth = plant.run_all(world, seed)
    world.people.commit()
    world.frames.flush_all()
    timings["plant"] = time.perf_counter() - t
    t = time.perf_counter()
    schools.generate(world)  # after planting: enrolls planted children too
    support.fixup(world)
    registry.residents(world)
    registry.organisations(world)  # after planting: planters may open organisations
    world.people.finish(rng)
    timings["fixups"] = time.perf_counter() - t
    return world, truth, timings


def generate_bundle(out_dir: str, scale: str = "small", seed: int = 7, as_of: dt.date | str | None = None) -> dict:
    """Write a bundle (one file per dataset, as_of.txt, truth.jsonl, persons_truth.parquet); return a summary."""
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    as_of = as_of or DEFAULT_AS_OF
    started = time.perf_counter()
    os.makedirs(out_dir, exist_ok=True)
    world, truth, timings = build_world(scale, seed, as_of)

    t = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"SET threads = {min(2, os.cpu_count() or 1)}").fetchall()
    con.execute(f"SET temp_directory = '{tempfile.mkdtemp(prefix='rw-synth-')}'").fetchall()
    con.execute("SET preserve_insertion_order = true").fetchall()
    con.execute("SET memory_limit = '2GB'").fetchall()
    persons = render.persons_table(world.people)
    orgs = render.orgs_table(world.orgs)
    residents = int(world.people["resident"].sum())
    n_persons = len(world.people)
    # from here on rows refer to persons only through `persons`: free the generator's columns
    world.people.cols.clear()
    world.people.id18 = None
    world.relations = {}
    world._unique = None
    for cache in ("_ages", "_keys"):
        world.__dict__.pop(cache, None)
    renderer = render.Renderer(seed)
    rows = {}
    truth_parts = []
    for name in datasets():
        t_ds = time.perf_counter()
        table = render.rows_table(world.frames, name)
        table = render.attach(table, persons, orgs, set(render.ORG_COLUMNS.get(name, {}).values()))
        con.register("rows", table)
        sql = renderer.sql(name, table.column_names, typed_dates=writers.typed_dates(name))
        rows[name] = writers.write(con, sql, name, out_dir)
        rid = "_rid" if "_rid" in table.column_names else "_row"
        for i, g in enumerate(dataset(name).persons):
            if f"_pid_{i}" in table.column_names:
                truth_parts.append(
                    f"SELECT '{name}' AS dataset, printf('{PREFIX[name]}-%08d', {rid} + 1) AS record_id, "
                    f"'{g.prefix}' AS prefix, printf('P%09d', _pid_{i}) AS true_person_id "
                    f"FROM rows WHERE _pid_{i} IS NOT NULL AND _pid_{i} >= 0")
        if truth_parts:
            con.execute("CREATE TABLE IF NOT EXISTS pt (dataset VARCHAR, record_id VARCHAR, prefix VARCHAR, "
                        "true_person_id VARCHAR)")
            con.execute("INSERT INTO pt " + " UNION ALL ".join(truth_parts)).fetchall()
            truth_parts = []
        con.unregister("rows")
        del table
        timings[f"write:{name}"] = time.perf_counter() - t_ds
    con.execute(f"COPY pt TO '{os.path.join(out_dir, 'persons_truth.parquet')}' (FORMAT PARQUET)").fetchall()
    con.close()
    timings["write"] = time.perf_counter() - t

    with open(os.path.join(out_dir, "as_of.txt"), "w", encoding="utf-8") as f:
        f.write(as_of.isoformat() + "\n")
    keys = sorted({(r["model_id"], r["clue_key"]) for r in truth})
    with open(os.path.join(out_dir, "truth.jsonl"), "w", encoding="utf-8") as f:
        for model_id, key in keys:
            f.write(json.dumps({"model_id": model_id, "clue_key": key}, ensure_ascii=False) + "\n")
    by_model = {}
    for model_id, _ in keys:
        by_model[model_id] = by_model.get(model_id, 0) + 1
    return {
        "out_dir": out_dir, "scale": scale, "seed": seed, "as_of": as_of.isoformat(),
        "residents": residents, "persons": n_persons,
        "rows": rows, "truth": by_model, "seconds": round(time.perf_counter() - started, 2),
        "timings": {k: round(v, 2) for k, v in timings.items()},
        "files": {n: writers.filename(n) for n in datasets()},
    }
