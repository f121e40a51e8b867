import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from rightswatch.contract.normalise.age import full_years, is_child_under_14, is_minor


def test_on_the_14th_birthday_a_girl_is_still_under_14():
    born = dt.date(2012, 5, 1)
    assert is_child_under_14(born, dt.date(2026, 5, 1))
    assert not is_child_under_14(born, dt.date(2026, 5, 2))


def test_on_the_18th_birthday_a_person_is_still_a_minor():
    born = dt.date(2008, 7, 15)
    assert is_minor(born, dt.date(2026, 7, 15))
    assert not is_minor(born, dt.date(2026, 7, 16))


def test_born_on_29_february_reaches_full_years_on_1_march():
    born = dt.date(2012, 2, 29)
    assert full_years(born, dt.date(2026, 2, 28)) == 13
    assert full_years(born, dt.date(2026, 3, 1)) == 14
    assert full_years(born, dt.date(2028, 2, 29)) == 15  # the birthday itself, in a leap year
    assert full_years(born, dt.date(2028, 3, 1)) == 16


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(1, 90))
def test_the_day_after_the_nth_birthday_is_the_first_day_of_n_full_years(born, n):
    try:
        birthday = born.replace(year=born.year + n)
    except ValueError:  # 29 February in a common year: the birthday is 28 February
        birthday = dt.date(born.year + n, 2, 28)
    assert full_years(born, birthday) == n - 1
    assert full_years(born, birthday + dt.timedelta(days=1)) == n
