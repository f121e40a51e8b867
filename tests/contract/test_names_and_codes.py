import pytest

from rightswatch.contract import datasets
from rightswatch.contract.codes import code_list
from rightswatch.contract.normalise import booleans, names, orgcode


@pytest.mark.parametrize(("raw", "expected"), [
    ("張偉", "张伟"), ("张 伟", "张伟"), ("张\u3000伟", "张伟"), ("歐陽娜娜", "欧阳娜娜"),
    ("买买提•艾力", "买买提·艾力"), ("买买提・艾力", "买买提·艾力"), ("买买提．艾力", "买买提·艾力"),
    ("ＡＢＣ", "ABC"),
])
def test_names_normalise_for_matching(raw, expected):
    assert names.normalise(raw) == expected


@pytest.mark.parametrize(("raw", "masked"), [("张伟", "张某"), ("歐陽娜娜", "欧阳某"), ("买买提·艾力", "买某"), ("", "")])
def test_names_mask_to_surname_and_mou(raw, masked):
    assert names.mask(raw) == masked


@pytest.mark.parametrize("raw", ["true", "1", "是", "Y", "y", "TRUE"])
def test_true_spellings(raw):
    assert booleans.parse_bool(raw) is True


@pytest.mark.parametrize("raw", ["false", "0", "否", "N", "n"])
def test_false_spellings(raw):
    assert booleans.parse_bool(raw) is False


def test_org_codes_normalise_like_identity_numbers():
    assert orgcode.normalise(" 91340200ma2n0xxxx1 ") == "91340200MA2N0XXXX1"
    assert orgcode.normalise("９１３４０２００") == "91340200"


def test_unknown_codes_become_other_and_are_reported_unknown():
    assert code_list("incident_category").normalise("domestic_violence") == ("domestic_violence", False)
    assert code_list("incident_category").normalise("街头斗殴") == ("other", True)
    assert code_list("gender").normalise("男") == ("M", False)


def test_every_dataset_of_the_contract_is_declared():
    assert set(datasets()) == {
        "residents", "family_relations", "hotel_stays", "venue_visits", "school_enrollments", "staff_rosters",
        "offense_records", "medical_visits", "births", "police_incidents", "incident_parties",
        "mandatory_reports", "protection_orders", "welfare_benefits", "custody_records", "job_postings",
        "disabilities", "organisations", "school_attendance_days",
    }


def test_analytic_columns_hold_no_identity_column():
    for ds in datasets().values():
        identity = {c.name for c in ds.columns if c.is_identity}
        assert not identity & set(ds.analytic_columns()), ds.name
