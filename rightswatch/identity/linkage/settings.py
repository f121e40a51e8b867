"""Splink settings: the Chinese person model, the FEBRL model, and the thresholds.

Settings are plain dictionaries (Splink's serialised form) so that they can be stored
with each run and read back without this module. Every comparison level is written as
DuckDB SQL over the derived feature columns of `features.py`; no level reads a raw
name or number that is not in the in-memory feature table of the privileged build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from rightswatch.errors import RightsWatchError

# A pair of two anchored nodes (two valid numbers, or two documents) is never a
# candidate: two different valid numbers are two persons by the data contract.
NOT_TWO_ANCHORS = "(l.anchor IS NULL OR r.anchor IS NULL)"


@dataclass(frozen=True)
class Thresholds:
    """Match probabilities that decide what happens to a scored pair.

    Args:
        high: at or above, the pair is linked automatically.
        low: at or above (and below `high`), the pair waits in the review queue;
            below, it is dropped.
        unique: a row without a valid number also links, at or above this, to a valid
            person who agrees exactly on name and birth date (gender not contradicting)
            when that person is the row's only candidate above `low`: the
            deterministic rule of docs/architecture.md, with a probability floor.
    """

    high: float = 0.995
    low: float = 0.80
    unique: float = 0.95

    @classmethod
    def from_env(cls) -> Thresholds:
        high = _env_probability("RIGHTSWATCH_LINK_HIGH", cls.high)
        low = _env_probability("RIGHTSWATCH_LINK_LOW", cls.low)
        unique = _env_probability("RIGHTSWATCH_LINK_UNIQUE", cls.unique)
        if not low <= unique <= high:
            raise RightsWatchError(f"thresholds must satisfy RIGHTSWATCH_LINK_LOW ({low}) <= "
                                   f"RIGHTSWATCH_LINK_UNIQUE ({unique}) <= RIGHTSWATCH_LINK_HIGH ({high})")
        return cls(high=high, low=low, unique=unique)


def _env_probability(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise RightsWatchError(f"{name} must be a probability between 0 and 1, not {raw!r}") from None
    if not 0.0 < value <= 1.0:
        raise RightsWatchError(f"{name} must be a probability in (0, 1], not {raw!r}")
    return value


def _null(*cols: str) -> dict:
    cond = " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in cols)
    return {"sql_condition": cond, "label_for_charts": "null", "is_null_level": True}


def _level(sql: str, label: str, **extra) -> dict:
    return {"sql_condition": sql, "label_for_charts": label, **extra}


ELSE = {"sql_condition": "ELSE", "label_for_charts": "else"}


def else_(m: float) -> dict:
    return {**ELSE, "m_probability": m}


def chinese_name_comparison() -> dict:
    """Exact (term-frequency adjusted: 张伟 agrees far more often by chance than 欧阳翠),
    same toneless pinyin (homophones 张/章, 丽/莉), one character apart, same surname."""
    return {
        "output_column_name": "name",
        "comparison_levels": [
            _null("name"),
            _level("name_l = name_r", "exact", m_probability=0.93, tf_adjustment_column="name",
                   tf_adjustment_weight=1.0),
            _level("name_pinyin_l = name_pinyin_r", "same toneless pinyin", m_probability=0.03),
            _level("levenshtein(name_l, name_r) <= 1", "one character apart", m_probability=0.02),
            _level("surname_l = surname_r AND given_pinyin_l = given_pinyin_r", "same surname, given homophone",
                   m_probability=0.005),
            _level("surname_l = surname_r", "same surname", m_probability=0.01),
            else_(0.005),
        ],
    }


def birth_comparison() -> dict:
    """Exact, day and month swapped (2012-03-07 vs 2012-07-03), within a year."""
    return {
        "output_column_name": "birth_on",
        "comparison_levels": [
            _null("birth_on"),
            _level("birth_on_l = birth_on_r", "exact", m_probability=0.95),
            _level("year(birth_on_l) = year(birth_on_r) AND month(birth_on_l) = day(birth_on_r) "
                   "AND day(birth_on_l) = month(birth_on_r)", "day and month swapped", m_probability=0.01),
            _level("abs(date_diff('day', birth_on_l, birth_on_r)) <= 366", "within a year", m_probability=0.03),
            else_(0.01),
        ],
    }


def gender_comparison() -> dict:
    return {
        "output_column_name": "gender",
        "comparison_levels": [_null("gender"), _level("gender_l = gender_r", "exact", m_probability=0.99),
                              else_(0.01)],
    }


def region_comparison() -> dict:
    """The number's region code: the county (6 digits), else the prefecture (4)."""
    return {
        "output_column_name": "region",
        "comparison_levels": [
            _null("region"),
            _level("region_l = region_r", "same county", m_probability=0.9),
            _level("left(region_l, 4) = left(region_r, 4)", "same prefecture", m_probability=0.05),
            else_(0.05),
        ],
    }


def number_comparison() -> dict:
    """18-character numbers: Hamming distance, which is what one wrong digit (1) or two
    transposed digits (2) produce, and far cheaper than an edit distance."""
    return {
        "output_column_name": "id18",
        "comparison_levels": [
            _null("id18"),
            _level("id18_l = id18_r", "exact", m_probability=0.4),
            _level("hamming(id18_l, id18_r) <= 1", "one character differs", m_probability=0.4),
            _level("hamming(id18_l, id18_r) <= 2", "two characters differ", m_probability=0.15),
            else_(0.05),
        ],
    }


def chinese_blocking_keys() -> list[str]:
    """Candidate pairs: each rule survives a different error, so together they survive
    any single one (a homophone, a swapped date, a wrong digit, a missing number).
    Equalities between `l.` and `r.` only (build.build_candidates turns them into the
    anchors a row to link can reach)."""
    return [
        "l.name_pinyin = r.name_pinyin AND l.birth_on = r.birth_on",
        "l.name = r.name AND year(l.birth_on) = year(r.birth_on)",
        "l.surname = r.surname AND l.birth_on = r.birth_on AND l.gender = r.gender",
        # A number is region (1-6), birth date (7-14), sequence and check (15-18). One wrong
        # digit, or two transposed within a part, leaves two of the three parts intact;
        # each pair of parts is specific enough to keep blocks small (a bare prefix such
        # as region + decade would put tens of thousands of rows in one block) — except
        # region + sequence: a city's few counties times 10,000 sequences put up to 2,852
        # nodes in one block and 248 M pairs into the city's blocking, so it also asks for
        # the surname, which a slip in the number leaves intact (docs/linkage.md).
        "left(l.id18, 6) = left(r.id18, 6) AND substr(l.id18, 7, 8) = substr(r.id18, 7, 8)",
        "left(l.id18, 6) = left(r.id18, 6) AND right(l.id18, 4) = right(r.id18, 4) AND l.surname = r.surname",
        "substr(l.id18, 7, 8) = substr(r.id18, 7, 8) AND right(l.id18, 4) = right(r.id18, 4)",
    ]


def chinese_blocking_rules() -> list[str]:
    return [f"({rule}) AND {NOT_TWO_ANCHORS}" for rule in chinese_blocking_keys()]


def chinese_settings() -> dict:
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": [chinese_name_comparison(), birth_comparison(), gender_comparison(),
                        region_comparison(), number_comparison()],
        "blocking_rules_to_generate_predictions": [
            {"blocking_rule": r, "sql_dialect": "duckdb"} for r in chinese_blocking_rules()],
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "additional_columns_to_retain": ["anchor"],
        "probability_two_random_records_match": 1e-6,
    }


# The m probabilities above are set, not learned: expectation maximisation needs many
# true matches among the rows without a number, and a city with few such rows (or a
# test) would learn noise. They state how often each kind of error occurs among
# records of one person (docs/linkage.md); u comes from random pairs of the data itself,
# and name agreement is weighted by each name's own frequency.
CHINESE_EM_RULES: list[str] = []
CHINESE_PRIOR_RULES = ["l.name = r.name AND l.birth_on = r.birth_on AND l.gender = r.gender"]


def febrl_settings(link_type: str) -> dict:
    """The same linker configured for FEBRL's Australian records (English names,
    addresses, social-security ids)."""

    def text(col: str, tf: bool = False) -> dict:
        exact = _level(f"{col}_l = {col}_r", "exact")
        if tf:
            exact.update(tf_adjustment_column=col, tf_adjustment_weight=1.0)
        return {
            "output_column_name": col,
            "comparison_levels": [
                _null(col), exact,
                _level(f"damerau_levenshtein({col}_l, {col}_r) <= 1", "one edit"),
                _level(f"jaro_winkler_similarity({col}_l, {col}_r) >= 0.9", "jaro-winkler >= 0.9"),
                _level(f"jaro_winkler_similarity({col}_l, {col}_r) >= 0.8", "jaro-winkler >= 0.8"),
                ELSE,
            ],
        }

    def code(col: str) -> dict:
        return {
            "output_column_name": col,
            "comparison_levels": [
                _null(col), _level(f"{col}_l = {col}_r", "exact"),
                _level(f"damerau_levenshtein({col}_l, {col}_r) <= 1", "one edit"),
                _level(f"damerau_levenshtein({col}_l, {col}_r) <= 2", "two edits"), ELSE,
            ],
        }

    names_swapped = {
        "output_column_name": "name",
        "comparison_levels": [
            _null("given_name", "surname"),
            _level("given_name_l = given_name_r AND surname_l = surname_r", "exact"),
            _level("given_name_l = surname_r AND surname_l = given_name_r", "swapped"),
            _level("jaro_winkler_similarity(given_name_l, given_name_r) >= 0.9 "
                   "AND jaro_winkler_similarity(surname_l, surname_r) >= 0.9", "both close"),
            _level("jaro_winkler_similarity(given_name_l, given_name_r) >= 0.9 "
                   "OR jaro_winkler_similarity(surname_l, surname_r) >= 0.9", "one close"),
            ELSE,
        ],
    }
    rules = [
        "l.given_name = r.given_name AND l.surname = r.surname",
        "l.surname = r.surname AND l.date_of_birth = r.date_of_birth",
        "l.given_name = r.given_name AND l.date_of_birth = r.date_of_birth",
        "l.soc_sec_id = r.soc_sec_id",
        "l.postcode = r.postcode AND l.street_number = r.street_number",
        "l.date_of_birth = r.date_of_birth AND l.postcode = r.postcode",
        "l.given_name = r.surname AND l.surname = r.given_name",
        "l.address_1 = r.address_1 AND l.suburb = r.suburb",
        "l.surname = r.surname AND l.suburb = r.suburb",
        "l.surname = r.surname AND l.street_number = r.street_number",
    ]
    return {
        "link_type": link_type,
        "unique_id_column_name": "unique_id",
        "comparisons": [names_swapped, code("date_of_birth"), code("soc_sec_id"), text("address_1"),
                        text("suburb"), code("postcode"), code("street_number"),
                        {"output_column_name": "state", "comparison_levels": [
                            _null("state"), _level("state_l = state_r", "exact"), ELSE]}],
        "blocking_rules_to_generate_predictions": [{"blocking_rule": r, "sql_dialect": "duckdb"} for r in rules],
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "probability_two_random_records_match": 1e-4,
    }


FEBRL_EM_RULES = ["l.date_of_birth = r.date_of_birth", "l.postcode = r.postcode AND l.surname = r.surname",
                  "l.given_name = r.given_name AND l.surname = r.surname"]
FEBRL_PRIOR_RULES = ["l.given_name = r.given_name AND l.surname = r.surname AND l.date_of_birth = r.date_of_birth",
                     "l.soc_sec_id = r.soc_sec_id"]
