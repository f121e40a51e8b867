import datetime as dt

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightswatch.contract import sql
from rightswatch.contract.normalise.dates import parse_date, parse_datetime

days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2040, 12, 31))
times = st.times().map(lambda t: t.replace(microsecond=0))


def date_spellings(d: dt.date) -> list[str]:
    return [d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d:%Y.%m.%d}", f"{d:%Y%m%d}",
            f"{d.year}年{d.month}月{d.day}日", str((d - dt.date(1899, 12, 30)).days)]


def time_spellings(d: dt.date, t: dt.time) -> list[str]:
    out = []
    for day in date_spellings(d)[:5]:
        out += [f"{day} {t:%H:%M:%S}", f"{day} {t.hour}:{t.minute:02d}:{t.second:02d}"]
    out += [f"{d.isoformat()}T{t:%H:%M:%S}", f"{d.year}年{d.month}月{d.day}日{t.hour}时{t.minute}分{t.second}秒"]
    return out


@given(days)
def test_every_date_spelling_reads_the_same_day(d):
    for spelled in date_spellings(d):
        assert parse_date(spelled) == d, spelled


@given(days, times)
def test_every_time_spelling_reads_the_same_moment(d, t):
    expected = dt.datetime.combine(d, t)
    for spelled in time_spellings(d, t):
        assert parse_datetime(spelled) == expected, spelled


def test_minutes_only_and_chinese_hours():
    assert parse_datetime("2024-03-05 14:30") == dt.datetime(2024, 3, 5, 14, 30)
    assert parse_datetime("2024年3月5日 14时30分") == dt.datetime(2024, 3, 5, 14, 30)
    assert parse_datetime("2024-03-05T14:30") == dt.datetime(2024, 3, 5, 14, 30)


def test_excel_serials_with_a_fraction_are_times():
    assert parse_datetime("45000.5") == dt.datetime(2023, 3, 15, 12, 0)
    assert parse_date("45000") == dt.date(2023, 3, 15)


@pytest.mark.parametrize("bad", ["2024-13-01", "2024/2/30", "yesterday", "2024-03-05 25:00", "3/5/2024"])
def test_unreadable_values_raise(bad):
    with pytest.raises(ValueError):
        parse_datetime(bad)


@pytest.fixture(scope="module")
def con():
    return duckdb.connect()


@settings(max_examples=40, deadline=None)
@given(days, times)
def test_sql_reads_what_python_reads(con, d, t):
    for spelled in date_spellings(d) + time_spellings(d, t):
        got = con.execute(f"SELECT {sql.datetime_value(sql.lit(spelled))}").fetchone()[0]
        assert got == parse_datetime(spelled), spelled


@pytest.mark.parametrize("bad", ["2024-13-01", "2024/2/30", "yesterday", "3/5/2024"])
def test_sql_gives_null_where_python_raises(con, bad):
    assert con.execute(f"SELECT {sql.datetime_value(sql.lit(bad))}").fetchone()[0] is None
