"""Baseline: the ten models as straightforward pandas code, the way an analyst would write them.

    .venv/bin/python bench/baseline_pandas.py [--bundle DIR | --scale small] [--threads 2]

Reads the same workspace Parquet files as the engine (analytic columns), links persons by
the same rules, applies each rule with merges and filters, and checks that its clue keys
equal the engine's on the same workspace. Reports both times and the speed ratio in
bench/results/baseline_pandas_<scale>.json. Meant for a tenth of the city: pandas holds
every table in memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_models import ensure_workspace  # noqa: E402

from rightswatch.contract import datasets  # noqa: E402
from rightswatch.engine.lexicon import lexicon  # noqa: E402
from rightswatch.engine.runner import run_models  # noqa: E402

CONTACT_ORGS = {"kindergarten", "primary_school", "secondary_school", "special_education_school",
                "training_institution", "child_welfare", "pediatric_care", "youth_sports", "childrens_activity_center"}
BARRING = {"rape", "child_sexual_abuse", "indecency", "forced_prostitution", "trafficking", "abuse", "abuse_of_ward",
           "intentional_injury", "homicide", "robbery"}
SEXUAL = {"rape", "child_sexual_abuse", "indecency", "forced_prostitution", "trafficking"}


def age(born: pd.Series, on: pd.Series) -> pd.Series:
    born, on = pd.to_datetime(born), pd.to_datetime(on)
    before = (on.dt.month * 100 + on.dt.day) <= (born.dt.month * 100 + born.dt.day)
    return on.dt.year - born.dt.year - before.astype("Int64")


# The columns each rule reads (an analyst loads only these: a tenth of the city does not
# fit in memory as whole tables of Python objects).
USED = {
    "hotel_stays": ["hotel_org_code", "room_number", "checkin_at", "checkout_at", "guardian_contact_recorded"],
    "venue_visits": ["venue_org_code", "venue_type", "entered_at"],
    "staff_rosters": ["org_type", "hired_on", "left_on"],
    "offense_records": ["category", "decided_on"],
    "medical_visits": ["hospital_org_code", "visit_at", "diagnosis_codes", "diagnosis_text"],
    "residents": ["household_id", "status"],
    "family_relations": ["relation"],
    "school_enrollments": ["term", "school_type", "status"],
    "custody_records": ["custody_type", "start_on", "end_on"],
    "disabilities": ["grade", "registered_on"],
    "welfare_benefits": ["benefit_type", "start_on", "end_on"],
    "police_incidents": ["reported_at", "category", "disposition"],
    "incident_parties": ["incident_record_id", "role"],
    "mandatory_reports": ["reported_at"],
    "protection_orders": ["issued_on", "expires_on", "status"],
    "job_postings": ["title", "text"],
}


class Data:
    """Every dataset as a DataFrame, latest import per record_id, persons linked."""

    def __init__(self, ws):
        self.frames = {}
        self.cache: dict = {}
        for name, ds in datasets().items():
            files = ws.dataset_files(name) if name in ws.datasets() else []
            cols = ["record_id", "_import_seq"] + USED.get(name, [])
            for g in ds.persons:
                cols += [g.col("person_token"), g.col("id_status"), g.col("name_key"), g.birth_column, g.gender_column]
            cols = list(dict.fromkeys(cols))
            if files:
                parts = []
                for f in files:
                    present = set(pq.read_schema(f).names)
                    parts.append(pd.read_parquet(f, columns=[c for c in cols if c in present]))
                df = pd.concat(parts, ignore_index=True)
                for c in cols:
                    if c not in df.columns:
                        df[c] = None
                df = df.sort_values("_import_seq").drop_duplicates("record_id", keep="last")
            else:
                df = pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
            self.frames[name] = df
        self._link()

    def _link(self):
        valid = []
        for name, ds in datasets().items():
            for g in ds.persons:
                if g.name is None:
                    continue
                df = self.frames[name]
                p = g.prefix
                sel = df[df[f"{p}id_status"] == "valid"][[f"{p}person_token", f"{p}name_key", g.birth_column,
                                                          g.gender_column]]
                sel.columns = ["token", "name_key", "birth", "gender"]
                valid.append(sel.dropna())
        v = pd.concat(valid).drop_duplicates()
        counts = v.groupby(["name_key", "birth", "gender"])["token"].nunique()
        unique = v.merge(counts[counts == 1].rename("n").reset_index(), on=["name_key", "birth", "gender"])
        unique = unique.drop(columns="n").drop_duplicates(["name_key", "birth", "gender"])
        for name, ds in datasets().items():
            df = self.frames[name]
            for g in ds.persons:
                p = g.prefix
                pid = pd.Series(np.where(df[f"{p}id_status"] == "valid", "T:" + df[f"{p}person_token"].astype(str),
                                         None), index=df.index, dtype="object")
                doc = (df[f"{p}id_status"] == "other_document") & df[f"{p}person_token"].notna()
                pid[doc] = "D:" + df.loc[doc, f"{p}person_token"].astype(str)
                if g.name is not None:
                    look = df[[f"{p}name_key", g.birth_column, g.gender_column]].copy()
                    look.columns = ["name_key", "birth", "gender"]
                    linked = look.merge(unique, on=["name_key", "birth", "gender"], how="left")["token"].values
                    can = df[f"{p}id_status"].isin(["missing", "malformed", "bad_check"]).values & pd.notna(linked)
                    pid[can & pid.isna().values] = "T:" + pd.Series(linked[can], dtype="object").astype(str).values
                alone = pid.isna() & (df[f"{p}person_token"].notna() | df[f"{p}name_key"].notna())
                suffix = f"/{p.rstrip('_')}" if p else ""
                pid[alone] = f"U:{name}/" + df.loc[alone, "record_id"].astype(str) + suffix
                df[f"{p}person_id"] = pid

    def __getitem__(self, name):
        return self.frames[name]

    def related_pairs(self) -> set[tuple[str, str]]:
        fr = self["family_relations"].dropna(subset=["person_person_id", "relative_person_id"])
        pairs = set(zip(fr.person_person_id, fr.relative_person_id)) | set(zip(fr.relative_person_id, fr.person_person_id))
        res = self["residents"].dropna(subset=["person_id", "household_id"])
        res = res[res.household_id != ""][["person_id", "household_id"]].drop_duplicates()
        hh = res.merge(res, on="household_id")
        return pairs | set(zip(hh.person_id_x, hh.person_id_y))

    def reports(self) -> pd.DataFrame:
        mr = self["mandatory_reports"]
        a = pd.DataFrame({"person_id": mr.subject_person_id, "on": pd.to_datetime(mr.reported_at).dt.normalize()})
        ip, pi = self["incident_parties"], self["police_incidents"]
        b = ip[ip.role.isin(["victim", "child_present"])].merge(pi[["record_id", "reported_at"]],
                                                                 left_on="incident_record_id", right_on="record_id")
        b = pd.DataFrame({"person_id": b.person_id, "on": pd.to_datetime(b.reported_at).dt.normalize()})
        return pd.concat([a, b]).dropna()


def hotel_pairs(d: Data, as_of: dt.date):
    """Minors' stays and the overlapping adult stays, computed once and shared by rules 1 and 2
    (the engine likewise computes its shared relation hotel_room_sharing once per run)."""
    key = ("hotel_pairs", as_of)
    if key not in d.cache:
        d.cache[key] = _hotel_pairs(d, as_of)
    return d.cache[key]


def _hotel_pairs(d: Data, as_of: dt.date):
    hs = d["hotel_stays"].dropna(subset=["hotel_org_code", "room_number", "checkin_at", "person_id", "birth_on"]).copy()
    hs["room"] = hs.room_number.astype(str).str.strip().str.upper()
    hs["cout"] = pd.to_datetime(hs.checkout_at).fillna(pd.Timestamp(as_of + dt.timedelta(days=1)))
    hs["cin"] = pd.to_datetime(hs.checkin_at)
    hs["age"] = age(hs.birth_on, hs.cin.dt.normalize())
    keep = ["record_id", "hotel_org_code", "room", "cin", "cout", "person_id"]
    minors, adults = hs[hs.age < 18][keep], hs[hs.age >= 18][keep]
    # One hotel at a time: merging the whole city's rooms at once does not fit in memory.
    parts = []
    for hotel, m in minors.groupby("hotel_org_code"):
        a = adults[adults.hotel_org_code == hotel]
        p = m.merge(a, on=["hotel_org_code", "room"], suffixes=("_m", "_a"))
        parts.append(p[(p.cin_m < p.cout_a) & (p.cin_a < p.cout_m) & (p.person_id_m != p.person_id_a)])
    pairs = pd.concat(parts, ignore_index=True) if parts else minors.merge(adults, on=["hotel_org_code", "room"],
                                                                           suffixes=("_m", "_a"))
    related = d.related_pairs()
    pairs["related"] = [(m, a) in related for m, a in zip(pairs.person_id_m, pairs.person_id_a)]
    return hs, pairs


def m1(d, as_of):
    _, pairs = hotel_pairs(d, as_of)
    return set(pairs[~pairs.related].record_id_m)


def m2(d, as_of):
    hs, pairs = hotel_pairs(d, as_of)
    minors = hs[(hs.age < 18) & ~hs.guardian_contact_recorded.fillna(False).astype(bool)]
    with_rel = set(pairs[pairs.related].record_id_m)
    flagged = minors[~minors.record_id.isin(with_rel)]
    q = flagged.cin.dt.year.astype(str) + "-Q" + flagged.cin.dt.quarter.astype(str)
    return set(flagged.hotel_org_code + "|" + q)


def m3(d, as_of):
    v = d["venue_visits"].dropna(subset=["venue_org_code", "entered_at", "birth_on"])
    v = v[v.venue_type.isin(["internet_cafe", "ktv", "bar", "dance_hall"])]
    on = pd.to_datetime(v.entered_at).dt.normalize()
    v = v[age(v.birth_on, on) < 18]
    on = pd.to_datetime(v.entered_at)
    return set(v.venue_org_code + "|" + on.dt.strftime("%Y-%m"))


def m4(d, as_of):
    s = d["staff_rosters"]
    left = pd.to_datetime(s.left_on)
    s = s[s.org_type.isin(CONTACT_ORGS) & (pd.to_datetime(s.hired_on) <= pd.Timestamp(as_of))
          & (left.isna() | (left > pd.Timestamp(as_of))) & s.person_id.notna()]
    o = d["offense_records"]
    o = o[o.category.isin(BARRING) & (pd.to_datetime(o.decided_on) <= pd.Timestamp(as_of)) & o.person_id.notna()]
    return set(s.merge(o, on="person_id", suffixes=("", "_o")).record_id)


def _pregnancy_text(texts: pd.Series) -> pd.Series:
    lex = lexicon("pregnancy")
    return texts.fillna("").map(lambda t: bool(lex.find(t)))


def m5(d, as_of):
    v = d["medical_visits"].dropna(subset=["hospital_org_code", "visit_at", "birth_on"]).copy()
    v["on"] = pd.to_datetime(v.visit_at).dt.normalize()
    v = v[(v.gender == "F") & (age(v.birth_on, v.on) < 14)]
    codes = v.diagnosis_codes.fillna("").str.upper().str.replace(r"[. ]", "", regex=True)
    hit = codes.str.contains(r"(?:^|[;,，；、])(?:O[0-9][0-9]|O9A|Z321|Z3[3-7]|Z39)", regex=True) | _pregnancy_text(v.diagnosis_text)
    v = v[hit]
    rep = d.reports()
    m = v[["record_id", "person_id", "on"]].merge(rep, on="person_id", how="left", suffixes=("", "_r"))
    inside = (m.on_r >= m.on - pd.Timedelta(days=180)) & (m.on_r <= m.on + pd.Timedelta(days=7))
    reported = set(m[inside].record_id)
    q = v[~v.record_id.isin(reported)].copy()
    q["patient"] = q.person_id.fillna("row:" + q.record_id)
    q = q.sort_values(["visit_at", "record_id"])
    return set(q.groupby(["patient", "hospital_org_code"]).record_id.first())


def m8(d, as_of):
    month = as_of.month
    term = f"{as_of.year}-spring" if 2 <= month <= 8 else (f"{as_of.year}-autumn" if month >= 9 else f"{as_of.year - 1}-autumn")
    sy = int(term[:4]) - (1 if term.endswith("spring") else 0)
    r = d["residents"]
    r = r[(r.status.fillna("active") == "active") & r.person_id.notna() & r.birth_on.notna()]
    b = pd.to_datetime(r.birth_on)
    key = b.dt.year * 10000 + b.dt.month * 100 + b.dt.day
    r = r[(key >= (sy - 16) * 10000 + 901) & (key <= (sy - 6) * 10000 + 831)]
    e = d["school_enrollments"]
    ok = ((e.term == term) & (e.school_type.fillna("other") != "kindergarten")
          & e.status.isin(["enrolled", "suspended", "deferred", "exempt"])) | (
        (e.school_type == "junior_secondary") & (e.status == "graduated"))
    schooled = set(e[ok].person_id.dropna())
    return set(r[~r.person_id.isin(schooled)].record_id + "|" + term)


def m10(d, as_of):
    ts = pd.Timestamp(as_of)
    r = d["residents"]
    kids = r[(r.status.fillna("active") == "active") & r.person_id.notna() & r.birth_on.notna()].copy()
    kids = kids[(pd.to_datetime(kids.birth_on) <= ts) & (age(kids.birth_on, pd.Series(ts, index=kids.index)) < 18)]
    fr = d["family_relations"]
    links = fr[fr.relation.isin(["father", "mother"])].dropna(subset=["person_person_id", "relative_person_id"])
    dead = set(r[r.status == "deceased"].person_id)
    missing = set(r[r.status == "missing"].person_id)
    c = d["custody_records"]
    cend = pd.to_datetime(c.end_on)
    custody = set(c[c.custody_type.isin(["prison_sentence", "detention", "compulsory_drug_rehab"])
                    & (pd.to_datetime(c.start_on) <= ts) & (cend.isna() | (cend >= ts))].person_id)
    ds = d["disabilities"]
    reg = pd.to_datetime(ds.registered_on)
    disabled = set(ds[ds.grade.isin([1, 2]) & (reg.isna() | (reg <= ts))].person_id)
    links = links.copy()
    links["unable"] = links.relative_person_id.map(lambda p: p in dead or p in missing or p in custody or p in disabled)
    per_child = links.groupby("person_person_id").unable.all()
    unsupported = set(per_child[per_child].index)
    w = d["welfare_benefits"]
    wend = pd.to_datetime(w.end_on)
    benefit = set(w[w.benefit_type.isin(["orphan", "de_facto_unsupported"]) & (pd.to_datetime(w.start_on) <= ts)
                    & (wend.isna() | (wend >= ts))].person_id)
    return set(kids[kids.person_id.isin(unsupported) & ~kids.person_id.isin(benefit)].record_id)


def _incident_pairs(d):
    pi, ip = d["police_incidents"].dropna(subset=["reported_at"]), d["incident_parties"]
    v = ip[(ip.role == "victim") & ip.person_id.notna()][["incident_record_id", "person_id"]]
    s = ip[(ip.role == "suspect") & ip.person_id.notna()][["incident_record_id", "person_id"]]
    pairs = v.merge(s, on="incident_record_id", suffixes=("_v", "_s"))
    pairs = pairs[pairs.person_id_v != pairs.person_id_s].drop_duplicates()
    return pairs.merge(pi, left_on="incident_record_id", right_on="record_id")


def m11(d, as_of):
    x = _incident_pairs(d)
    x = x[x.category == "domestic_violence"].copy()
    x["ts"] = pd.to_datetime(x.reported_at)
    x["on"] = x.ts.dt.normalize()
    w = x.merge(x, on=["person_id_v", "person_id_s"], suffixes=("", "_e"))
    w = w[(w.on_e >= w.on - pd.Timedelta(days=365))
          & ((w.ts_e < w.ts) | ((w.ts_e == w.ts) & (w.incident_record_id_e <= w.incident_record_id)))]
    w["stop"] = w.disposition_e.isin(["warning_letter", "administrative_penalty", "case_filed"])
    g = w.groupby(["person_id_v", "person_id_s", "incident_record_id", "ts"]).agg(n=("stop", "size"), stop=("stop", "any"))
    g = g[(g.n >= 2) & ~g.stop].reset_index().sort_values(["ts", "incident_record_id"])
    return set(g.groupby(["person_id_v", "person_id_s"]).incident_record_id.last())


def m12(d, as_of):
    x = _incident_pairs(d)
    x["on"] = pd.to_datetime(x.reported_at).dt.normalize()
    po = d["protection_orders"]
    po = po[(po.status == "issued") & po.issued_on.notna()]
    m = x.merge(po, left_on=["person_id_v", "person_id_s"], right_on=["applicant_person_id", "respondent_person_id"],
                suffixes=("", "_o"))
    exp = pd.to_datetime(m.expires_on)
    m = m[(m.on >= pd.to_datetime(m.issued_on)) & (exp.isna() | (m.on <= exp))]
    return set(m.incident_record_id)


def m14(d, as_of):
    lex = lexicon("recruitment_gender")
    jp = d["job_postings"]
    out = set()
    for rid, title, text in zip(jp.record_id, jp.title, jp.text):
        if lex.is_exempt(title if isinstance(title, str) else ""):
            continue
        full = (title if isinstance(title, str) else "") + "。" + (text if isinstance(text, str) else "")
        if lex.find(full):
            out.add(rid)
    return out


RULES = {
    "hotel_minor_with_unrelated_adult": m1, "hotel_minor_checkin_without_inquiry": m2, "venue_admits_minor": m3,
    "barred_person_in_child_contact_post": m4, "minor_pregnancy_not_reported": m5,
    "compulsory_education_out_of_school": m8, "unsupported_child_without_benefit": m10,
    "domestic_violence_without_warning": m11, "protection_order_violated": m12,
    "recruitment_gender_discrimination": m14,
}


def _cpu() -> float:
    """CPU seconds of this process so far, user and system, all threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", type=Path)
    ap.add_argument("--scale", default="small")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--workspace", type=Path, help="an ingested workspace of the bundle (default bench/.cache/ws-<bundle>)")
    args = ap.parse_args()
    ws, bundle = ensure_workspace(args.bundle, args.scale, args.seed, args.workspace)
    as_of = dt.date.fromisoformat(ws.setting("as_of") or dt.date.today().isoformat())

    from rightswatch.engine.duckdb_backend import DuckDBBackend

    load_before = os.getloadavg()
    # Both sides are timed alike: wall time, and the process's CPU time (all threads), which
    # a loaded machine distorts less than wall time.
    started, cpu = time.perf_counter(), _cpu()
    out = run_models(ws, as_of, list(RULES), backend=DuckDBBackend(threads=args.threads))
    engine_seconds, engine_cpu = time.perf_counter() - started, _cpu() - cpu
    engine_keys = {r.spec.id: {k.split(":", 1)[1] for k in {row["clue_key"] for row in r.rows}} for r in out.results}

    started, cpu = time.perf_counter(), _cpu()
    data = Data(ws)
    pandas_keys, per_model = {}, {}
    load_seconds = time.perf_counter() - started
    for model_id, rule in RULES.items():
        t = time.perf_counter()
        pandas_keys[model_id] = {str(k) for k in rule(data, as_of)}
        per_model[model_id] = round(time.perf_counter() - t, 2)
    pandas_seconds, pandas_cpu = time.perf_counter() - started, _cpu() - cpu
    load_after = os.getloadavg()

    diffs = {m: {"engine_only": sorted(engine_keys[m] - pandas_keys[m])[:10],
                 "pandas_only": sorted(pandas_keys[m] - engine_keys[m])[:10]}
             for m in RULES if engine_keys[m] != pandas_keys[m]}
    report = {
        "bundle": str(bundle), "as_of": as_of.isoformat(), "threads": args.threads,
        "engine_seconds": round(engine_seconds, 2), "pandas_seconds": round(pandas_seconds, 2),
        "pandas_load_and_link_seconds": round(load_seconds, 2), "pandas_per_model_seconds": per_model,
        "speed_ratio": round(pandas_seconds / engine_seconds, 1),
        "engine_cpu_seconds": round(engine_cpu, 2), "pandas_cpu_seconds": round(pandas_cpu, 2),
        "cpu_ratio": round(pandas_cpu / engine_cpu, 1),
        "engine_setup_seconds": round(out.setup_seconds, 2),
        "engine_per_model_seconds": {r.spec.id: round(r.seconds, 2) for r in out.results},
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "keys_equal": not diffs, "differences": diffs,
        "clues_per_model": {m: len(k) for m, k in engine_keys.items()},
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    name = re.sub(r"[^a-z0-9_-]", "_", (args.scale if args.bundle is None else bundle.name).lower())
    path = ROOT / "bench" / "results" / f"baseline_pandas_{name}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: report[k] for k in ("engine_seconds", "pandas_seconds", "speed_ratio", "engine_cpu_seconds",
                                             "pandas_cpu_seconds", "cpu_ratio", "keys_equal")}))
    if diffs:
        print(json.dumps(diffs, indent=1, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
