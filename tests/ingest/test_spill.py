"""An import too large for its memory share spills to its staging folder instead of failing."""

from __future__ import annotations

from rightswatch.ingest.pipeline import _connection


def test_an_import_that_must_spill_finds_its_spill_folder(tmp_path):
    staging = tmp_path / ".staging-test"
    staging.mkdir()
    con = _connection(staging, "000001-hotel_stays")
    try:
        con.execute("SET memory_limit = '48MB'; SET threads = 1")
        con.execute("CREATE TABLE sorted AS SELECT i, md5(i::VARCHAR) AS h FROM range(3000000) r(i) ORDER BY h")
        assert con.execute("SELECT count(*) FROM sorted").fetchall() == [(3000000,)]
    finally:
        con.close()
