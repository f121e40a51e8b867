import datetime as dt

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightswatch.contract import sql
from rightswatch.contract.normalise import idnumber

births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 12, 31))
regions = st.sampled_from(["340202", "340207", "340209", "110101", "440305", "652101"])
sequences = st.integers(min_value=0, max_value=999)


def make_number(region: str, born: dt.date, seq: int) -> str:
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + idnumber.check_character(first17)


@given(regions, births, sequences)
def test_it_accepts_every_number_it_builds(region, born, seq):
    parsed = idnumber.parse(make_number(region, born, seq))
    assert parsed.status == idnumber.VALID
    assert parsed.birth_on == born
    assert parsed.gender == ("M" if seq % 2 else "F")


@given(regions, births, sequences, st.sampled_from("0123456789X"))
def test_it_flags_every_wrong_check_character_and_keeps_the_number(region, born, seq, wrong):
    number = make_number(region, born, seq)
    if wrong == number[-1]:
        return
    tampered = number[:17] + wrong
    parsed = idnumber.parse(tampered)
    assert parsed.status == idnumber.BAD_CHECK
    assert parsed.number == tampered  # kept as given, never dropped
    assert parsed.birth_on == born and parsed.gender == ("M" if seq % 2 else "F")


@given(regions, st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(1999, 12, 31)), sequences)
def test_it_upgrades_the_fifteen_digit_form(region, born, seq):
    fifteen = f"{region}{born:%y%m%d}{seq:03d}"
    parsed = idnumber.parse(fifteen)
    assert parsed.status == idnumber.VALID
    assert parsed.number == make_number(region, born, seq)
    assert parsed.birth_on == born


def spellings(number: str) -> list[str]:
    fullwidth = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    return [number, number.lower(), f" {number[:6]} {number[6:14]} {number[14:]} ", fullwidth,
            number[:6] + "\u3000" + number[6:], "\t" + number + "\n"]


@given(regions, births, sequences)
def test_every_spelling_normalises_to_the_same_number(region, born, seq):
    number = make_number(region, born, seq)
    for spelled in spellings(number):
        assert idnumber.normalise(spelled) == number


def test_it_tells_missing_malformed_and_other_documents_apart():
    assert idnumber.parse("").status == idnumber.MISSING
    assert idnumber.parse(None).status == idnumber.MISSING
    assert idnumber.parse("34020219901301123X").status == idnumber.MALFORMED  # month 13
    assert idnumber.parse("3402021990").status == idnumber.MALFORMED
    assert idnumber.parse("E12345678", "passport").status == idnumber.OTHER_DOCUMENT


def test_masking_keeps_region_and_last_four_only():
    assert idnumber.mask("34020219900307123X") == "340202********123X"


@pytest.fixture(scope="module")
def con():
    return duckdb.connect()


def sql_parse(con, raw: str) -> tuple:
    c = sql.compact_upper(sql.lit(raw))
    f17 = f"({sql.id_first17(c)})"
    check = f"({sql.id_check(f17)})"
    birth = f"({sql.id_birth(f17)})"
    number = sql.id_number(c, f17, check, "TRUE")
    status = sql.id_status(c, f17, check, birth, "TRUE")
    return con.execute(f"SELECT {number}, {status}, {birth}, {sql.id_gender(f17)}").fetchone()


@settings(max_examples=60, deadline=None)
@given(regions, births, sequences, st.sampled_from([None, *"0123456789X"]), st.integers(0, 5))
def test_sql_normaliser_agrees_with_the_python_reference(con, region, born, seq, wrong, spelling):
    number = make_number(region, born, seq)
    if wrong is not None:
        number = number[:17] + wrong
    spelled = spellings(number)[spelling]
    expected = idnumber.parse(spelled)
    assert sql_parse(con, spelled) == (expected.number, expected.status, expected.birth_on, expected.gender)


@pytest.mark.parametrize("raw", ["", "340202900307123", "34020219901301123X", "abc", "３４０２０２９００３０７１２３"])
def test_sql_normaliser_agrees_on_edge_cases(con, raw):
    expected = idnumber.parse(raw)
    assert sql_parse(con, raw) == (expected.number, expected.status, expected.birth_on, expected.gender)
