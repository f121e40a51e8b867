import datetime as dt
from collections import Counter

import numpy as np

from rightswatch.synth import generate_bundle, names
from rightswatch.synth.dates import age, full_years

from .synth_readers import read


def test_day_after_birthday_rule():
    assert age(dt.date(2008, 5, 15), dt.date(2026, 5, 15)) == 17
    assert age(dt.date(2008, 5, 15), dt.date(2026, 5, 16)) == 18
    assert age(dt.date(2008, 2, 29), dt.date(2026, 2, 28)) == 17
    assert age(dt.date(2008, 2, 29), dt.date(2026, 3, 1)) == 18
    assert age(dt.date(2012, 2, 29), dt.date(2024, 2, 29)) == 11
    b = np.array(["2012-05-15"], dtype="datetime64[D]")
    assert full_years(b, np.array(["2026-05-15"], dtype="datetime64[D]"))[0] == 13


def test_name_frequencies_are_concentrated():
    rng = np.random.default_rng(1)
    n = 50_000
    male = rng.integers(0, 2, n).astype(np.int8)
    r = names.render(np.zeros(n, np.int8), names.sample_surnames(n, rng), names.sample_given(male, rng.random(n) < .5, rng))
    counts = Counter(r["name"].to_pylist())
    assert counts.most_common(1)[0][1] >= 40
    assert {"张伟", "王伟", "李伟"} & {k for k, _ in counts.most_common(30)}
    assert len(counts) > 10_000  # and still many rare names


def test_same_seed_same_bundle(bundle, tmp_path):
    folder, _ = bundle
    generate_bundle(str(tmp_path), scale="tiny", seed=3)
    for f in ("truth.jsonl", "hotel_stays.csv", "residents.csv", "school_enrollments.csv"):
        assert (tmp_path / f).read_bytes() == (folder / f).read_bytes(), f


def test_every_compulsory_age_resident_in_the_background_is_at_school(bundle):
    """Model 8's background: only planted residents may be out of school."""
    from rightswatch.contract.normalise import idnumber

    folder, _ = bundle
    truth = (folder / "truth.jsonl").read_text("utf-8")
    enrolled = set()
    for r in read(folder, "school_enrollments"):
        if r["term"] == "2026-spring" and r["status"] in ("enrolled", "suspended", "deferred", "exempt") \
                and r["school_type"] != "kindergarten":
            enrolled.add(idnumber.parse(r["id_number"]).number[:17])
        if r["status"] == "graduated" and r["school_type"] == "junior_secondary":
            enrolled.add(idnumber.parse(r["id_number"]).number[:17])
    for r in read(folder, "residents"):
        p = idnumber.parse(r["id_number"])
        if r["status"] != "active" or not p.birth_on or not (dt.date(2009, 9, 1) <= p.birth_on <= dt.date(2019, 8, 31)):
            continue
        if p.number[:17] not in enrolled:
            assert f"compulsory_education_out_of_school:{r['record_id']}|2026-spring" in truth, r["record_id"]
