import json
import re

from rightswatch.contract import datasets
from rightswatch.contract.codes import code_list
from rightswatch.contract.normalise import idnumber

from .synth_readers import header, read


def test_every_dataset_has_a_file_with_its_required_columns(bundle):
    folder, _ = bundle
    for name, ds in datasets().items():
        cols = header(folder, name)
        assert cols, name
        assert set(ds.required) <= set(cols), name
        assert cols == list(ds.column_names), name
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\n", (folder / "as_of.txt").read_text())


def test_file_formats(bundle):
    folder, _ = bundle
    assert (folder / "venue_visits.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    raw = (folder / "residents.csv").read_bytes()
    try:
        raw.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    assert not utf8, "residents should be GB18030"
    assert (folder / "births.parquet").exists() and (folder / "job_postings.jsonl").exists()
    assert (folder / "welfare_benefits.xlsx").exists()


def test_residents_numbers_are_valid_after_normalisation(bundle):
    """Only some of the very old have no number in the register."""
    folder, _ = bundle
    for r in read(folder, "residents"):
        status = idnumber.parse(r["id_number"]).status
        assert status == "valid" or (status == "missing" and r["birth_on"][:4] < "1957"), r


def test_identity_numbers_valid_except_a_small_dirty_share(bundle):
    folder, _ = bundle
    rows = read(folder, "hotel_stays") + read(folder, "medical_visits") + read(folder, "venue_visits")
    counts = {}
    for r in rows:
        id_type = code_list("id_type").normalise(r.get("id_type"))[0]
        s = idnumber.parse(r["id_number"] or None, id_type).status
        counts[s] = counts.get(s, 0) + 1
    counts.pop("other_document", None)  # passports of foreign guests
    n = sum(counts.values())
    assert counts.get("valid", 0) / n > 0.95
    assert 0.003 < counts.get("bad_check", 0) / n < 0.025
    assert 0.003 < counts.get("missing", 0) / n < 0.03
    assert counts.get("malformed", 0) / n < 0.005  # a wrong digit in the date


def test_dirty_spellings_are_present(bundle):
    folder, _ = bundle
    hotel = read(folder, "hotel_stays")
    ids = [r["id_number"] for r in hotel if r["id_number"]]
    assert any(" " in i for i in ids)
    assert any(re.search("[０-９]", i) for i in ids)
    assert any(i.endswith("x") for i in ids)
    assert any(len(i) == 15 for i in ids)
    times = [r["checkin_at"] for r in hotel]
    for pattern in (r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", r"T", "时", r"^\d{4}/\d{1,2}/\d{1,2} \d\d:\d\d$",
                    r"^\d{8} ", r"^\d{4}\.\d\d\.\d\d "):
        assert any(re.search(pattern, t) for t in times), pattern
    births = [r["birth_on"] for r in hotel if r["birth_on"]]
    for pattern in (r"^\d{4}-\d\d-\d\d$", r"^\d{4}/\d{1,2}/\d{1,2}$", r"^\d{4}\.\d\d\.\d\d$", r"^\d{8}$", "年"):
        assert any(re.search(pattern, b) for b in births), pattern
    names = [r["name"] for r in read(folder, "residents")] + [r["name"] for r in hotel]
    assert any("\u3000" in n for n in names)
    assert any(re.search("[張劉陳楊黃趙吳孫馬鄭韓鄧馮葉蘇盧錢]", n) for n in names)
    dots = {d for n in names for d in "·•・．" if d in n}
    assert len(dots) >= 2
    bools = {r["guardian_contact_recorded"] for r in hotel}
    assert {"true", "false", "1", "0", "是", "否", "Y", "N", ""} <= bools
    assert any(r["checkout_at"] == "" for r in hotel)
    xl = read(folder, "welfare_benefits")
    kinds = {type(r["start_on"]).__name__ for r in xl}
    assert {"date", "float"} <= kinds  # Excel dates, and bare serial numbers


def test_truth_keys_are_well_formed_and_name_existing_rows(bundle):
    folder, _ = bundle
    truth = [json.loads(line) for line in (folder / "truth.jsonl").read_text("utf-8").splitlines()]
    assert truth
    dataset_of = {"HS": "hotel_stays", "SR": "staff_rosters", "MV": "medical_visits", "R": "residents",
                  "PI": "police_incidents", "JP": "job_postings", "BC": "births", "SE": "school_enrollments",
                  "OR": "offense_records", "IP": "incident_parties"}
    ids = {name: {str(r["record_id"]) for r in read(folder, name)} for name in dataset_of.values()}
    codes = {r["org_code"].upper().replace(" ", "") for r in read(folder, "organisations")}
    patterns = {
        "hotel_minor_with_unrelated_adult": r"HS-\d{8}",
        "hotel_minor_checkin_without_inquiry": r"[0-9A-Z]{18}\|\d{4}-Q[1-4]",
        "venue_admits_minor": r"[0-9A-Z]{18}\|\d{4}-\d\d",
        "barred_person_in_child_contact_post": r"SR-\d{8}",
        "minor_pregnancy_not_reported": r"MV-\d{8}",
        "compulsory_education_out_of_school": r"R-\d{8}\|\d{4}-(spring|autumn)",
        "unsupported_child_without_benefit": r"R-\d{8}",
        "domestic_violence_without_warning": r"PI-\d{8}",
        "protection_order_violated": r"PI-\d{8}",
        "recruitment_gender_discrimination": r"JP-\d{8}",
        "birth_to_child_mother": r"BC-\d{8}",
        "child_injury_not_reported": r"MV-\d{8}",
        "hidden_dropout": r"SE-\d{8}",
        "child_witness_of_domestic_violence": r"PI-\d{8}",
        "child_labour": r"SR-\d{8}",
        "venue_near_school": r"[0-9A-Z]{18}",
        "juvenile_record_not_sealed": r"OR-\d{8}",
        "victim_eligible_for_judicial_aid": r"IP-\d{8}",
        "unregistered_child": r"BC-\d{8}",
        "child_with_multiple_signals": r"R-\d{8}",
    }
    assert {t["model_id"] for t in truth} == set(patterns)
    for t in truth:
        model, _, rest = t["clue_key"].partition(":")
        assert model == t["model_id"]
        assert re.fullmatch(patterns[model], rest), t
        first = rest.split("|")[0]
        prefix = first.split("-")[0]
        if prefix in dataset_of:
            assert first in ids[dataset_of[prefix]], t
        else:
            assert first in codes, t


def test_persons_truth_covers_every_person_group(bundle):
    import pyarrow.parquet as pq

    folder, _ = bundle
    pt = pq.read_table(folder / "persons_truth.parquet").to_pylist()
    groups = {(r["dataset"], r["prefix"]) for r in pt}
    for name, ds in datasets().items():
        for g in ds.persons:
            assert (name, g.prefix) in groups, (name, g.prefix)


def test_linkage_errors_are_planted(bundle):
    """Homophones and swapped birth dates, visible against the person truth."""
    import pyarrow.parquet as pq

    from rightswatch.contract.normalise import names

    folder, _ = bundle
    truth = {r["record_id"]: r["true_person_id"] for r in pq.read_table(folder / "persons_truth.parquet").to_pylist()
             if r["dataset"] == "hotel_stays"}
    by_person = {}
    swapped = 0
    for r in read(folder, "hotel_stays"):
        by_person.setdefault(truth[r["record_id"]], set()).add(names.normalise(r["name"]))
        p = idnumber.parse(r["id_number"] or None, code_list("id_type").normalise(r.get("id_type"))[0])
        m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", r["birth_on"])
        if p.status == "valid" and m and (int(m[2]), int(m[3])) == (p.birth_on.day, p.birth_on.month) \
                and p.birth_on.day != p.birth_on.month:
            swapped += 1
    assert any(len(v) > 1 for v in by_person.values()), "no homophone name"
    assert swapped > 0
