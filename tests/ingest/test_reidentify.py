"""Re-identification reads the vault back: the platform's hook, by person id."""

from __future__ import annotations

import pytest

from rightswatch.identity.tokens import person_token
from rightswatch.identity.vault import reidentify
from rightswatch.ingest import ingest_path

from .helpers import hotel_csv, hotel_rows


def test_a_token_person_id_gives_back_number_and_original_name(tmp_path):
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "hotel_stays.csv"), ws)
    number = hotel_rows()[0].split(",")[6]
    assert reidentify(f"T:{person_token(number)}", ws) == {"id_number": number, "name": "張小花"}


def test_an_unlinked_row_is_found_by_dataset_and_record_id(tmp_path):
    ws = tmp_path / "ws"
    rows = ["HS-9,91340200MA2N0XXXX1,h,340202,301,,,王某某,F,2012-03-07,2026-03-14 22:10,,1,1,0"]
    ingest_path(hotel_csv(tmp_path / "hotel_stays.csv", rows), ws)
    assert reidentify("U:hotel_stays/HS-9", ws)["name"] == "王某某"


def test_an_unknown_person_is_a_key_error(tmp_path):
    ws = tmp_path / "ws"
    ingest_path(hotel_csv(tmp_path / "hotel_stays.csv"), ws)
    with pytest.raises(KeyError):
        reidentify("T:" + "0" * 32, ws)
