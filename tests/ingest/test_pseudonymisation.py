"""No analytic file of a workspace holds a raw identity number or a name; the vault does, encrypted."""

from __future__ import annotations

import re

import duckdb

from rightswatch.identity.tokens import person_token
from rightswatch.identity.vault import read_vault
from rightswatch.ingest import Workspace, ingest_path

from .helpers import hotel_csv, hotel_rows

ID_LIKE = re.compile(r"\d{17}[\dXx]|\d{15}")


def raw_identities() -> tuple[list[str], list[str]]:
    numbers = [r.split(",")[6] for r in hotel_rows()]
    names = [r.split(",")[7] for r in hotel_rows()]
    return numbers, names + ["张小花"]


def test_no_parquet_file_or_catalogue_table_holds_a_raw_identity(tmp_path):
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "hotel_stays.csv"), ws)
    numbers, names = raw_identities()
    for path in ws.rglob("*.parquet"):
        text = duckdb.sql(f"SELECT * FROM read_parquet('{path}')").to_arrow_table().to_pylist().__repr__()
        for secret in numbers + names:
            assert secret not in text, path
        assert not ID_LIKE.search(text), path
    con = duckdb.connect(str(ws / "catalogue.duckdb"), read_only=True)
    for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
        text = repr(con.execute(f"SELECT * FROM {table}").fetchall())
        for secret in numbers + names:
            assert secret not in text, table
    for path in list(ws.rglob("*.vault")) + list(ws.rglob("*.json")) + list(ws.rglob("*.csv")):
        data = path.read_bytes()
        for secret in numbers + names:
            assert secret.encode() not in data, path


def test_the_vault_gives_back_the_raw_identity_of_a_token(tmp_path):
    ws = tmp_path / "ws"
    result = ingest_path(hotel_csv(tmp_path / "hotel_stays.csv"), ws)
    import_id = result.reports[0].import_id
    vault = read_vault(ws / "vault" / f"{import_id}.vault", import_id).to_pylist()
    numbers, _ = raw_identities()
    by_token = {v["person_token"]: v for v in vault}
    assert by_token[person_token(numbers[0])]["id_number"] == numbers[0]
    assert by_token[person_token(numbers[0])]["name"] == "張小花"  # the original spelling, for display


def test_tokens_in_sql_equal_tokens_in_python(tmp_path):
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "hotel_stays.csv"), ws)
    files = [str(f) for f in Workspace(ws).dataset_files("hotel_stays")]
    tokens = {t for (t,) in duckdb.sql(f"SELECT person_token FROM read_parquet({files})").fetchall()}
    numbers, _ = raw_identities()
    assert tokens == {person_token(n) for n in numbers}
