"""The normalisers of `contract.normalise`, as DuckDB SQL expressions over whole columns.

The importer runs these set-at-a-time; `tests/contract/test_sql_matches_python.py`
holds them to the same answers as the scalar reference on generated input. Each
function takes a SQL expression (usually a quoted column name) and returns one.
"""

from __future__ import annotations

from rightswatch.contract.normalise import booleans, dates, idnumber, names

# NFKC's effect on the characters that matter in codes, numbers and dates:
# full-width ASCII (U+FF01–FF5E) and the ideographic / no-break spaces.
FULLWIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000\u00a0"
HALFWIDTH = "".join(chr(c) for c in range(0x21, 0x7F)) + "  "
_INVISIBLE = r"[\s\x{200B}-\x{200D}\x{FEFF}]"


EMPTY = "''"


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def is_ascii(expr: str) -> str:
    """Cheap test that lets pure-ASCII values (nearly all of them) skip Unicode work."""
    return f"strlen({expr}) = length({expr})"


def halfwidth(expr: str) -> str:
    return (f"CASE WHEN {is_ascii(expr)} THEN {expr} "
            f"ELSE regexp_replace(translate({expr}, {lit(FULLWIDTH)}, {lit(HALFWIDTH)}), '{_INVISIBLE}', ' ', 'g') END")


def compact_upper(expr: str) -> str:
    """Half-width, upper case, no white space: identity numbers and org codes."""
    return f"upper(regexp_replace({halfwidth(f'coalesce({expr}, {EMPTY})')}, '\\s', '', 'g'))"


def trimmed(expr: str) -> str:
    return f"trim({halfwidth(f'coalesce({expr}, {EMPTY})')})"


# --- identity numbers ---------------------------------------------------------------------

def id_first17(clean: str) -> str:
    """The 17 digits before the check character (15-digit numbers upgraded), else NULL."""
    return (
        f"CASE WHEN regexp_full_match({clean}, '[0-9]{{15}}') THEN substr({clean}, 1, 6) || '19' || substr({clean}, 7, 9) "
        f"WHEN regexp_full_match({clean}, '[0-9]{{17}}[0-9X]') THEN substr({clean}, 1, 17) END"
    )


def id_check(first17: str) -> str:
    terms = " + ".join(f"CAST(substr({first17}, {i + 1}, 1) AS INTEGER) * {w}" for i, w in enumerate(idnumber.WEIGHTS))
    return f"substr('{idnumber.CHECK_CHARS}', (({terms}) % 11) + 1, 1)"


def id_birth(first17: str) -> str:
    birth = f"CAST(try_strptime(substr({first17}, 7, 8), '%Y%m%d') AS DATE)"
    return f"CASE WHEN {birth} >= DATE '{idnumber.EARLIEST_BIRTH.isoformat()}' THEN {birth} END"


def id_gender(first17: str) -> str:
    return f"CASE WHEN {first17} IS NOT NULL THEN CASE WHEN CAST(substr({first17}, 17, 1) AS INTEGER) % 2 = 1 THEN 'M' ELSE 'F' END END"


def id_number(clean: str, first17: str, check: str, is_resident: str) -> str:
    return (
        f"CASE WHEN NOT ({is_resident}) THEN {clean} "
        f"WHEN length({clean}) = 15 AND {first17} IS NOT NULL THEN {first17} || {check} ELSE {clean} END"
    )


def id_status(clean: str, first17: str, check: str, birth: str, is_resident: str) -> str:
    return (
        f"CASE WHEN {clean} = '' THEN '{idnumber.MISSING}' "
        f"WHEN NOT ({is_resident}) THEN '{idnumber.OTHER_DOCUMENT}' "
        f"WHEN {first17} IS NULL OR {birth} IS NULL THEN '{idnumber.MALFORMED}' "
        f"WHEN length({clean}) = 15 OR substr({clean}, 18, 1) = {check} THEN '{idnumber.VALID}' "
        f"ELSE '{idnumber.BAD_CHECK}' END"
    )


def id_masked(number: str) -> str:
    return (
        f"CASE WHEN {number} = '' THEN '' WHEN length({number}) <= 10 THEN left({number}, 2) || repeat('*', greatest(length({number}) - 2, 0)) "
        f"ELSE left({number}, 6) || repeat('*', length({number}) - 10) || right({number}, 4) END"
    )


# --- names ----------------------------------------------------------------------------------

def name_surname(normalised: str) -> str:
    compound = ", ".join(lit(s) for s in sorted(names.COMPOUND_SURNAMES))
    return (
        f"CASE WHEN coalesce({normalised}, '') = '' THEN '' "
        f"WHEN contains({normalised}, '{names.MIDDLE_DOT}') THEN left(split_part({normalised}, '{names.MIDDLE_DOT}', 1), 1) "
        f"WHEN left({normalised}, 2) IN ({compound}) THEN left({normalised}, 2) ELSE left({normalised}, 1) END"
    )


def name_masked(normalised: str) -> str:
    s = name_surname(normalised)
    return f"CASE WHEN {s} = '' THEN '' ELSE {s} || '某' END"


# --- dates and times ------------------------------------------------------------------------

def _mapping_formats(text: str, extra: list[str] | None) -> str:
    if not extra:
        return "NULL"
    return f"CAST(try_strptime({text}, [{', '.join(lit(f) for f in extra)}]) AS TIMESTAMP)"


def canonical_text(text: str) -> str:
    compact = (f"CASE WHEN regexp_full_match({text}, {lit(dates.COMPACT_DATE.pattern.strip('^$'))}) "
               f"THEN substr({text}, 1, 4) || '-' || substr({text}, 5, 2) || '-' || substr({text}, 7) ELSE {text} END")
    separated = f"translate({compact}, {lit(dates.SEPARATORS_FROM)}, {lit(dates.SEPARATORS_TO)})"
    return f"rtrim(replace({separated}, '  ', ' '), ': ')"


def datetime_value(text: str, extra_formats: list[str] | None = None) -> str:
    """Mapping formats first, then Excel serials, then every spelling via its canonical form."""
    strict = lit(dates.CANONICAL.pattern)
    canon = canonical_text(text)
    mapped = _mapping_formats(text, extra_formats)
    return (
        f"CASE WHEN {text} = '' THEN NULL "
        + (f"WHEN {mapped} IS NOT NULL THEN {mapped} " if extra_formats else "")
        + f"WHEN {_iso_shape(text)} THEN TRY_CAST({text} AS TIMESTAMP) "
        f"WHEN {_serial(text)} THEN TIMESTAMP '{dates.EXCEL_EPOCH.isoformat(sep=' ')}' "
        f"+ to_seconds(CAST(round(CAST({text} AS DOUBLE) * 86400) AS BIGINT)) "
        f"WHEN regexp_full_match({canon}, {strict}) THEN TRY_CAST({canon} AS TIMESTAMP) END"
    )


def _iso_shape(text: str) -> str:
    """`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (or `T`): most values, read by a plain cast.

    Fixed-position checks cost far less than the canonical rewrite; the range checks keep
    the cast from rolling `24:00` over to the next day, which the strict reading refuses.
    """
    date = f"substr({text}, 5, 1) = '-' AND substr({text}, 8, 1) = '-'"
    time = (f"substr({text}, 11, 1) IN (' ', 'T') AND substr({text}, 14, 1) = ':' AND substr({text}, 17, 1) = ':' "
            f"AND substr({text}, 12, 2) < '24' AND substr({text}, 15, 2) < '60' AND substr({text}, 18, 2) < '60'")
    return f"((length({text}) = 10 AND {date}) OR (length({text}) = 19 AND {date} AND {time}))"


def date_value(text: str, extra_formats: list[str] | None = None) -> str:
    return f"CAST({datetime_value(text, extra_formats)} AS DATE)"


def _serial(text: str) -> str:
    return f"regexp_full_match({text}, '[0-9]{{1,5}}(\\.[0-9]+)?')"


def time_value(text: str) -> str:
    return f"CASE WHEN {text} = '' THEN NULL ELSE CAST(try_strptime({text}, ['%H:%M', '%H:%M:%S', '%H时%M分']) AS TIME) END"


# --- booleans, numbers, codes, terms, diagnosis codes --------------------------------------

def bool_value(text: str) -> str:
    t = ", ".join(lit(v) for v in sorted(booleans.TRUE))
    f = ", ".join(lit(v) for v in sorted(booleans.FALSE))
    return f"CASE WHEN lower({text}) IN ({t}) THEN TRUE WHEN lower({text}) IN ({f}) THEN FALSE END"


def int_value(text: str) -> str:
    number = f"TRY_CAST({text} AS DOUBLE)"
    return f"CASE WHEN {number} = floor({number}) THEN CAST({number} AS BIGINT) END"


def float_value(text: str) -> str:
    return f"TRY_CAST({text} AS DOUBLE)"


def code_value(text: str, table: dict[str, str], exact: dict[str, str], unknown: str | None, default: str | None) -> str:
    """`exact` (a mapping's value map) is tried on the trimmed text first, then `table` case-insensitively."""
    parts = [f"WHEN {text} = '' THEN {lit(default) if default else 'NULL'}"]
    parts += [f"WHEN {text} = {lit(k)} THEN {lit(v)}" for k, v in exact.items()]
    parts += [f"WHEN lower({text}) = {lit(k)} THEN {lit(v)}" for k, v in table.items()]
    return "CASE " + " ".join(parts) + f" ELSE {lit(unknown) if unknown else 'NULL'} END"


def term_value(text: str) -> str:
    pattern = r"([0-9]{4})\s*[-_ ]?\s*(spring|autumn|fall|春季|春|秋季|秋)(学期)?"
    year = f"regexp_extract(lower({text}), '^{pattern}$', 1)"
    season = f"regexp_extract(lower({text}), '^{pattern}$', 2)"
    return (
        f"CASE WHEN {year} = '' THEN NULL WHEN {season} IN ('spring', '春', '春季') THEN {year} || '-spring' "
        f"ELSE {year} || '-autumn' END"
    )


def icd10_list(text: str) -> str:
    """Codes separated by `;` (also ，、, and spaces), upper case, dot after the third character."""
    codes = f"string_split_regex(upper({text}), '[;；,，、\\s]+')"
    one = "CASE WHEN length(replace(c, '.', '')) > 3 THEN left(replace(c, '.', ''), 3) || '.' || substr(replace(c, '.', ''), 4) ELSE replace(c, '.', '') END"
    return f"array_to_string(list_transform(list_filter({codes}, lambda c: c <> ''), lambda c: {one}), ';')"


def region_ok(text: str) -> str:
    """Six digits, or the 2- or 4-digit prefix a calendar or a province-wide file may use."""
    return f"regexp_full_match({text}, '[0-9]{{2}}([0-9]{{2}}){{0,2}}')"
