"""The probabilistic person index on a tiny synthetic city with planted linkage errors.

Rows planted in an extra medical_visits import (the city's own rows stay untouched):
a homophone name without a number, an exact name with day and month swapped and no
number, one wrong digit, two transposed digits, and a stranger who shares a real
person's surname and birth date. Real DuckDB, real Splink, a real vault.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest

from rightswatch.contract.normalise import idnumber
from rightswatch.identity.linkage import features
from rightswatch.identity.linkage.build import build_person_index
from rightswatch.identity.linkage.review import ReviewQueue
from rightswatch.identity.linkage.settings import Thresholds
from rightswatch.identity.linkage.store import links_path, open_store
from rightswatch.identity.tokens import person_token
from rightswatch.identity.vault import read_vault, vault_files
from rightswatch.ingest import ingest_path
from rightswatch.synth import generate_bundle
from rightswatch.synth.namedata import HOMOPHONES

THRESHOLDS = Thresholds(high=0.995, low=0.80, unique=0.95)


def _residents(bundle: Path) -> list[dict]:
    with open(bundle / "residents.csv", encoding="gb18030", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    names = {}
    for r in rows:
        names[r["name"].strip()] = names.get(r["name"].strip(), 0) + 1
    for r in rows:
        number = idnumber.normalise(r["id_number"])
        name = r["name"].strip()
        if idnumber.parse(number).status != "valid" or not (2 <= len(name) <= 3) or names[name] != 1:
            continue
        if not all("\u4e00" <= c <= "\u9fff" for c in name):
            continue
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        out.append({"number": number, "name": name, "birth": birth, "gender": "M" if int(number[16]) % 2 else "F"})
    return out


def _with_digit(number: str, pos: int, digit: str) -> str:
    return number[:pos] + digit + number[pos + 1:]


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    root = tmp_path_factory.mktemp("linkage-city")
    bundle, workspace = root / "bundle", root / "workspace"
    generate_bundle(str(bundle), scale="tiny", seed=11)
    people = _residents(bundle)
    homophone = next(p for p in people if p["name"][-1] in HOMOPHONES)
    rest = [p for p in people if p is not homophone]
    swapped = next(p for p in rest if p["birth"].day <= 12 and p["birth"].day != p["birth"].month)
    rest = [p for p in rest if p is not swapped]
    wrong_digit, transposed = rest[0], next(p for p in rest[1:] if p["number"][14] != p["number"][15])
    stranger_of = rest[5]
    with open(bundle / "medical_visits.csv", encoding="utf-8") as f:
        hospital = next(csv.DictReader(f))["hospital_org_code"]
    planted = {
        "MV-T-1": (homophone, homophone["name"][:-1] + HOMOPHONES[homophone["name"][-1]], "",
                   homophone["birth"]),
        "MV-T-2": (swapped, swapped["name"], "",
                   dt.date(swapped["birth"].year, swapped["birth"].day, swapped["birth"].month)),
        "MV-T-3": (wrong_digit, wrong_digit["name"],
                   _with_digit(wrong_digit["number"], 14, str((int(wrong_digit["number"][14]) + 3) % 10)),
                   wrong_digit["birth"]),
        "MV-T-4": (transposed, transposed["name"],
                   transposed["number"][:14] + transposed["number"][15] + transposed["number"][14]
                   + transposed["number"][16:], transposed["birth"]),
        "MV-T-5": (None, stranger_of["name"][0] + "翠翠", "", stranger_of["birth"]),
    }
    extra = root / "extra"
    extra.mkdir()
    with open(extra / "medical_visits.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "hospital_org_code", "id_number", "name", "gender", "birth_on", "visit_at"])
        for rid, (person, name, number, birth) in planted.items():
            gender = (person or stranger_of)["gender"]
            w.writerow([rid, hospital, number, name, gender, birth.isoformat(), "2026-03-01 10:00"])
    ingest_path(bundle, workspace)
    ingest_path(extra / "medical_visits.csv", workspace)
    built = build_person_index(workspace, who="test", thresholds=THRESHOLDS)
    expected = {rid: f"T:{person_token(p['number'])}" for rid, (p, *_rest) in planted.items() if p}
    return City({"workspace": workspace, "built": built, "expected": expected, "planted": planted})


class City(dict):
    """The fixture's data; its repr hides the planted names and numbers from failure output."""

    def __repr__(self) -> str:
        return f"City({self['workspace']})"


def _links(workspace: Path) -> dict[str, tuple[str, str, float]]:
    con = duckdb.connect()
    rows = con.execute(f"SELECT record_id, person_id, link_method, link_probability FROM "
                       f"read_parquet('{links_path(workspace)}') WHERE dataset = 'medical_visits'").fetchall()
    return {r[0]: r[1:] for r in rows}


def test_homophones_share_toneless_pinyin_and_compound_surnames_stay_whole():
    con = duckdb.connect()
    con.execute("CREATE TABLE n AS SELECT * FROM (VALUES ('张伟'), ('章玮'), ('欧阳丽'), ('张莉')) t(name)")
    features.name_features(con, "n", "name", "f")
    got = {r[0]: r[1:] for r in con.execute("SELECT name, surname, name_pinyin, given_pinyin FROM f").fetchall()}
    assert got["张伟"][1] == got["章玮"][1] == "zhang wei"
    assert got["欧阳丽"][0] == "欧阳" and got["欧阳丽"][2] == "li"
    assert got["张莉"][2] == "li"


def test_a_homophone_name_without_a_number_links_to_the_valid_person(city):
    person_id, method, probability = _links(city["workspace"])["MV-T-1"]
    assert person_id == city["expected"]["MV-T-1"]
    assert method.startswith("splink") and probability >= THRESHOLDS.unique


def test_day_and_month_swapped_is_scored_as_the_same_person(city):
    person_id, _, _ = _links(city["workspace"])["MV-T-2"]
    queue = ReviewQueue(city["workspace"], THRESHOLDS)
    node = queue.node_of("medical_visits", "MV-T-2")
    pending = {(i.left.node, i.right.node) for i in queue.pending(limit=1000)}
    target = city["expected"]["MV-T-2"]
    # Linked outright, or at least put before a reviewer: never silently lost.
    assert person_id == target or (node, target) in pending or (target, node) in pending


def test_one_wrong_digit_and_transposed_digits_link_by_hamming_distance(city):
    links = _links(city["workspace"])
    for rid in ("MV-T-3", "MV-T-4"):
        assert links[rid][0] == city["expected"][rid], rid


def test_a_stranger_sharing_surname_and_birth_date_stays_alone(city):
    person_id, method, _ = _links(city["workspace"])["MV-T-5"]
    assert person_id.startswith("U:") and method == "unlinked"


def test_the_engine_reads_splink_links_behind_the_person_index_interface(city):
    from rightswatch.engine.duckdb_backend import DuckDBBackend
    from rightswatch.engine.relations import register_datasets
    from rightswatch.identity.linkage.index import SplinkPersonIndex
    from rightswatch.ingest import Workspace

    backend = DuckDBBackend(threads=1)
    register_datasets(backend, Workspace(city["workspace"]), {"medical_visits"},
                      index=SplinkPersonIndex(city["workspace"]))
    planted = backend.execute("SELECT person_id, link_method FROM medical_visits "
                              "WHERE record_id = 'MV-T-1'").to_pylist()
    assert planted == [{"person_id": city["expected"]["MV-T-1"], "link_method": _links(city["workspace"])["MV-T-1"][1]}]
    valid = backend.execute("SELECT DISTINCT link_method FROM medical_visits WHERE id_status = 'valid'").to_pylist()
    assert valid == [{"link_method": "id"}]


def _link_in_memory(workspace: Path, scorer=None) -> tuple[dict, dict]:
    """The build's linking step on a fresh plaintext connection: (pair → probability, table → rows)."""
    from rightswatch.identity.linkage import scoring
    from rightswatch.identity.linkage.build import link_nodes
    from rightswatch.identity.linkage.mentions import load_nodes, plaintext_connection

    con = plaintext_connection(1)
    try:
        load_nodes(con, workspace)
        linked = link_nodes(con, THRESHOLDS, scorer or scoring.score)
        rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                for t in ("rw_splink_nodes", "rw_splink_candidates")}
    finally:
        con.close()
    return {(p["a"], p["b"]): p["probability"] for p in linked["pairs"].to_pylist()}, rows


def test_scoring_only_the_reachable_anchors_gives_the_pairs_of_scoring_every_node(city):
    from rightswatch.identity.linkage import scoring

    def every_node(con, tables, settings, plan, threshold, into="rw_scored_pairs", candidates=None):
        return scoring.score(con, tables, settings, plan, threshold, into)

    cut, rows = _link_in_memory(city["workspace"])
    whole, _ = _link_in_memory(city["workspace"], every_node)
    assert rows["rw_splink_candidates"] < rows["rw_splink_nodes"]
    assert cut and cut.keys() == whole.keys()
    for pair, probability in whole.items():
        assert cut[pair] == pytest.approx(probability, rel=1e-12)


def test_a_rejected_pair_is_never_linked_again_and_a_confirmed_one_stays(city, tmp_path):
    ws = city["workspace"]
    queue = ReviewQueue(ws, THRESHOLDS)
    node = queue.node_of("medical_visits", "MV-T-3")
    target = city["expected"]["MV-T-3"]
    queue.decide((node, target), "reject", who="analyst-a", reason="different person")
    assert queue.person_of("medical_visits", "MV-T-3") != target
    build_person_index(ws, who="test", thresholds=THRESHOLDS)  # a later run: the decision binds
    assert _links(ws)["MV-T-3"][0] != target
    queue.decide((node, target), "confirm", who="analyst-b", reason="checked the paper file")
    assert _links(ws)["MV-T-3"][:2] == (target, "review")
    build_person_index(ws, who="test", thresholds=THRESHOLDS)
    assert _links(ws)["MV-T-3"][:2] == (target, "review")
    kinds = [(d.decision, d.who) for d in queue.decisions(node)]
    assert kinds == [("reject", "analyst-a"), ("confirm", "analyst-b")]


def test_a_split_survives_later_runs_and_keeps_the_history(city):
    ws = city["workspace"]
    queue = ReviewQueue(ws, THRESHOLDS)
    target = city["expected"]["MV-T-4"]
    node = queue.node_of("medical_visits", "MV-T-4")
    before = [v.node for v in queue.cluster(target)]
    assert node in before and target in before
    queue.split(target, [node], who="analyst-c", reason="two children with one number")
    assert queue.person_of("medical_visits", "MV-T-4") != target
    build_person_index(ws, who="test", thresholds=THRESHOLDS)
    assert _links(ws)["MV-T-4"][0] != target
    split = queue.splits()[-1]
    assert split["who"] == "analyst-c" and node in split["detached"] and sorted(split["members_before"]) == sorted(before)
    history = queue.history("medical_visits", "MV-T-4")
    assert history[0]["to_person_id"] == target
    assert any(h["from_person_id"] == target and h["kind"] == "review" and h["who"] == "analyst-c" for h in history)


def test_pending_pairs_show_masked_records_only(city):
    for item in ReviewQueue(city["workspace"], THRESHOLDS).pending(limit=50):
        for side in (item.left, item.right):
            assert side.name_masked is None or side.name_masked == "" or side.name_masked.endswith("某")
            assert side.id_masked is None or side.id_masked == "" or "*" in side.id_masked


def test_the_linkage_step_persists_no_name_and_no_identity_number(city):
    ws = city["workspace"]
    secrets: set[str] = set()
    for import_id, path in vault_files(ws):
        t = read_vault(path, import_id)
        for col in ("name", "name_normalised", "id_number", "id_number_raw"):
            secrets.update(v for v in t[col].to_pylist() if v and len(v) >= 2)
    for _, name, number, _ in city["planted"].values():
        secrets.update(v for v in (name, number) if v)
    # Any run of Han characters or of number characters inside a stored value is checked
    # against the vault, so a name or number embedded in a longer string is caught too.
    pieces = re.compile(r"[\u3400-\u9fff·]{2,}|[0-9Xx]{15,18}")

    def leaks(value: str) -> bool:
        return value in secrets or any(p in secrets for p in pieces.findall(value))

    found = []
    with open_store(ws, read_only=True) as con:
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall():
            for (col,) in con.execute(f"SELECT column_name FROM (DESCRIBE {table})").fetchall():
                values = con.execute(f"SELECT DISTINCT CAST({col} AS VARCHAR) FROM {table}").fetchall()
                found += [(table, col) for (v,) in values if v is not None and leaks(v)]
    parquet = duckdb.connect().execute(f"SELECT * FROM read_parquet('{links_path(ws)}')").fetchall()
    found += [("person_links", i) for row in parquet for i, v in enumerate(row) if isinstance(v, str) and leaks(v)]
    assert not found, f"{len(found)} identity values in the linkage state"


def test_thresholds_come_from_settings_and_refuse_nonsense(monkeypatch):
    from rightswatch.errors import RightsWatchError

    monkeypatch.setenv("RIGHTSWATCH_LINK_HIGH", "0.999")
    monkeypatch.setenv("RIGHTSWATCH_LINK_LOW", "0.7")
    t = Thresholds.from_env()
    assert (t.high, t.low) == (0.999, 0.7)
    monkeypatch.setenv("RIGHTSWATCH_LINK_LOW", "1.5")
    with pytest.raises(RightsWatchError):
        Thresholds.from_env()


def test_predicting_in_chunks_gives_the_pairs_of_one_chunk(city, monkeypatch):
    from rightswatch.identity.linkage import scoring

    monkeypatch.setattr(scoring, "ROWS_PER_PREDICT_CHUNK", 10**9)
    one, _ = _link_in_memory(city["workspace"])
    monkeypatch.setattr(scoring, "ROWS_PER_PREDICT_CHUNK", 500)
    chunked, rows = _link_in_memory(city["workspace"])
    assert scoring.predict_chunks(rows["rw_splink_candidates"]) > 1, "the second build predicts in several chunks"
    assert chunked and chunked.keys() == one.keys()
    for pair, probability in one.items():
        assert chunked[pair] == pytest.approx(probability, rel=1e-12)
