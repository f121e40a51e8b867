"""Dates and local times in every spelling DATASETS.md accepts.

Dates: ISO 8601, 2024/3/5, 2024.03.05, 20240305, 2024年3月5日, Excel serials.
Times: any of those dates followed by HH:MM or HH:MM:SS (also 14时30分), ISO 8601 with
`T`, and Excel serials with a fraction. All times are local (Asia/Shanghai), naive.
The same format list drives the SQL importer (`contract.sql`), so both read alike.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0, with its 1900 leap-year bug absorbed
# An Excel serial has at most 5 digits before the point (day 99999 is in 2173),
# which keeps it apart from 20240305.
EXCEL_SERIAL = re.compile(r"^[0-9]{1,5}(\.[0-9]+)?$")

# Every accepted spelling is first rewritten to `YYYY-M-D[ H:M[:S]]` (the SQL importer does
# exactly the same, with the same constants), then read strictly:
#   1. a compact `20240305` date gets its dashes;
#   2. separators map one to one: 年 月 / . → `-`, 日 T → space, 时 分 → `:`, 秒 is dropped;
#   3. a double space becomes one; trailing `:` and spaces go.
COMPACT_DATE = re.compile(r"^[0-9]{8}( .*)?$")
SEPARATORS_FROM = "年月/.日T时分秒"
SEPARATORS_TO = "----  ::"
_SEPARATORS = str.maketrans({f: (SEPARATORS_TO[i] if i < len(SEPARATORS_TO) else None)
                             for i, f in enumerate(SEPARATORS_FROM)})
CANONICAL = re.compile(
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?: ([01]?[0-9]|2[0-3]):([0-5]?[0-9])(?::([0-5]?[0-9]))?)?$"
)


def clean(raw) -> str:
    return "" if raw is None else unicodedata.normalize("NFKC", str(raw)).strip()


def canonical_text(text: str) -> str:
    if COMPACT_DATE.match(text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text.translate(_SEPARATORS).replace("  ", " ").rstrip(": ")


def parse_datetime(raw, formats: tuple[str, ...] = ()) -> dt.datetime | None:
    """The local time, or None when empty. A bare date means its midnight.

    `formats` (strptime, from an import mapping) are tried first. Raises ValueError for a
    value no accepted spelling reads.
    """
    if isinstance(raw, dt.datetime):
        return raw.replace(tzinfo=None)
    if isinstance(raw, dt.date):
        return dt.datetime(raw.year, raw.month, raw.day)
    text = clean(raw)
    if not text:
        return None
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    if EXCEL_SERIAL.match(text):
        return EXCEL_EPOCH + dt.timedelta(seconds=round(float(text) * 86400))
    m = CANONICAL.match(canonical_text(text))
    if not m:
        raise ValueError(f"not a date or time: {text!r}")
    return dt.datetime(*(int(g) for g in m.groups(default="0")))


def parse_date(raw, formats: tuple[str, ...] = ()) -> dt.date | None:
    """The date, or None when empty; a time of day is ignored. Raises ValueError if unreadable."""
    value = parse_datetime(raw, formats)
    return None if value is None else value.date()
