"""End to end: a generated synthetic city, ingested whole."""

from __future__ import annotations

import re

import duckdb
import pyarrow as pa
import pytest

from rightswatch.contract import datasets
from rightswatch.ingest import Workspace, ingest_path
from rightswatch.ingest.readers import read_file
from rightswatch.synth import generate_bundle

ID_LIKE = re.compile(r"(?<![0-9A-Za-z])[1-6][0-9]{5}(19|20)[0-9]{2}[01][0-9][0-3][0-9]{4}[0-9X](?![0-9A-Za-z])")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    root = tmp_path_factory.mktemp("city")
    bundle = root / "bundle"
    generate_bundle(bundle, scale="small", seed=11)
    result = ingest_path(bundle, root / "ws")
    return bundle, root / "ws", result


def test_every_dataset_file_of_the_bundle_is_imported(city):
    bundle, ws, result = city
    imported = {r.dataset for r in result.imported}
    files = {p.name.split(".")[0] for p in bundle.iterdir() if p.name.split(".")[0] in datasets()}
    assert imported == files
    assert {"residents", "hotel_stays", "medical_visits", "births", "job_postings"} <= imported


def test_rows_read_are_accounted_for_and_land_in_the_dataset(city):
    _, ws, result = city
    for r in result.imported:
        assert r.rows_read == r.accepted + r.flagged + r.rejected
        files = [str(f) for f in Workspace(ws).dataset_files(r.dataset)]
        ((n,),) = duckdb.sql(f"SELECT count(*) FROM read_parquet({files})").fetchall()
        assert n == r.accepted + r.flagged, r.dataset


def test_the_dirt_of_real_exports_is_normalised_not_dropped(city):
    bundle, ws, result = city
    hotel = next(r for r in result.imported if r.dataset == "hotel_stays")
    reasons = {c["reason"].split(" (")[0] for c in hotel.problem_counts}
    assert "wrong check character" in reasons
    assert hotel.rejected == 0
    files = [str(f) for f in Workspace(ws).dataset_files("hotel_stays")]
    statuses = dict(duckdb.sql(f"SELECT id_status, count(*) FROM read_parquet({files}) GROUP BY 1").fetchall())
    assert statuses["valid"] > 0.95 * sum(statuses.values())
    raw = read_file(bundle / "hotel_stays.csv").table.column("id_number").to_pylist()
    assert any(" " in v for v in raw) and any(v.endswith("x") for v in raw)  # the bundle is dirty …
    assert any(len(v) == 15 for v in raw) and any(any("０" <= c <= "９" for c in v) for v in raw)


def test_no_analytic_file_holds_a_raw_identity_number_or_a_name(city):
    bundle, ws, _ = city
    residents = next(p for p in bundle.iterdir() if p.name.startswith("residents."))
    names = set(read_file(residents).table.column("name").to_pylist())
    for path in ws.rglob("*.parquet"):
        table = duckdb.sql(f"SELECT * FROM read_parquet('{path}')").to_arrow_table()
        for column in table.column_names:
            if not pa.types.is_string(table.schema.field(column).type):
                continue
            values = {v for v in table.column(column).to_pylist() if v}
            assert not any(ID_LIKE.search(v) for v in values), (path.name, column)
            assert not names & values, (path.name, column)
