"""Readers for agency files: CSV (UTF-8, UTF-8 with BOM, GB18030), XLSX, Parquet, JSON Lines.

Every reader returns the file as text columns (no type guessing: an identity number
must never become a float) with each row's position in the file, and the rows it could
not read, so that nothing is dropped silently. A file that cannot be read at all raises
FatalImportError naming the file and the reason.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from rightswatch.errors import FatalImportError

SUFFIXES = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
SAMPLE_BYTES = 4 << 20

Progress = Callable[[int], None]  # called with bytes (or rows) newly consumed


@dataclass
class RawTable:
    """A file as read: text columns, each row's 1-based data-row number, unreadable rows."""

    path: Path
    format: str
    encoding: str | None
    table: pa.Table
    source_rows: np.ndarray
    unreadable: list[tuple[int, str]] = field(default_factory=list)  # (row, reason)
    numeric_cells: dict[str, np.ndarray] = field(default_factory=dict)  # xlsx: rows where a cell was a number


def file_format(path: Path) -> str:
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise FatalImportError(str(path), f"unsupported file type {path.suffix!r} (expected .csv, .xlsx, .parquet or .jsonl)")
    return fmt


def read_file(path: Path, progress: Progress | None = None) -> RawTable:
    fmt = file_format(path)
    if not path.exists():
        raise FatalImportError(str(path), "file not found")
    if path.stat().st_size == 0:
        raise FatalImportError(str(path), "empty file (0 bytes)")
    reader = {"csv": read_csv, "xlsx": read_xlsx, "parquet": read_parquet, "jsonl": read_jsonl}[fmt]
    raw = reader(path, progress)
    if raw.table.num_rows == 0 and not raw.unreadable:
        raise FatalImportError(str(path), "empty file: a header but no data rows")
    return raw


# --- CSV -------------------------------------------------------------------------------

def detect_encoding(path: Path) -> str:
    """BOM → utf-8-sig; valid UTF-8 sample → utf-8; else GB18030 (which decodes GBK and GB2312)."""
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FatalImportError(str(path), "UTF-16 text is not supported; export as UTF-8 or GB18030")
    if len(sample) == SAMPLE_BYTES:
        sample = sample[: sample.rfind(b"\n") + 1] or sample  # do not cut a character in half
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError as exc:
        raise FatalImportError(str(path), f"text is neither UTF-8 nor GB18030 (byte {exc.start})") from None


def _header(path: Path, encoding: str) -> list[str]:
    import csv
    import io

    with path.open("rb") as fh:
        first = fh.readline(1 << 20)
    text = first.decode(encoding if encoding != "utf-8-sig" else "utf-8-sig", errors="replace")
    names = next(csv.reader(io.StringIO(text)), [])
    names = [n.strip().lstrip("\ufeff") for n in names]
    if not any(names):
        raise FatalImportError(str(path), "empty file: no header row")
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise FatalImportError(str(path), f"duplicate column names in the header: {', '.join(sorted(dupes))}")
    return names


def _ends_truncated(path: Path, ncols: int, encoding: str) -> str | None:
    """A last line without a newline and with too few fields, or inside an open quote."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        fh.seek(max(0, size - 65536))
        tail = fh.read()
    if tail.endswith((b"\n", b"\r")):
        return None
    last = tail.rsplit(b"\n", 1)[-1].decode(encoding.replace("-sig", ""), errors="replace")
    import csv

    try:
        fields = next(csv.reader([last], strict=True), [])
    except csv.Error:
        return "the file ends inside a quoted value"
    if len(fields) < ncols:
        return f"the last row ends after {len(fields)} of {ncols} columns without a line break"
    return None


def read_csv(path: Path, progress: Progress | None = None) -> RawTable:
    encoding = detect_encoding(path)
    names = _header(path, encoding)
    truncated = _ends_truncated(path, len(names), encoding)
    if truncated:
        raise FatalImportError(str(path), f"truncated file: {truncated}")
    text_types = {n: pa.string() for n in names}
    bad: list[tuple[int | None, str]] = []

    def on_invalid(row) -> str:
        bad.append((row.number, f"{row.actual_columns} fields where the header has {row.expected_columns}"))
        return "skip"

    def read(threads: bool) -> pa.Table:
        return pacsv.read_csv(
            _Counting(path, progress) if progress and threads else path,
            read_options=pacsv.ReadOptions(encoding=encoding, use_threads=threads, block_size=16 << 20),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(
                column_types=text_types, strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        )

    try:
        table = read(True)
        if bad:  # row numbers are only known when parsing on one thread
            bad.clear()
            table = read(False)
    except (pa.ArrowInvalid, UnicodeDecodeError, OSError) as exc:
        raise FatalImportError(str(path), f"unreadable CSV ({encoding}): {_short(exc)}") from None
    unreadable = [(int(n) - 1, reason) for n, reason in bad]  # the header is line 1
    total = table.num_rows + len(unreadable)
    rows = np.setdiff1d(np.arange(1, total + 1, dtype=np.int64), np.array([r for r, _ in unreadable], dtype=np.int64))
    return RawTable(path, "csv", encoding, table, rows, unreadable)


class _Counting:
    """A binary file that reports how many bytes have been read, for the progress bar."""

    def __init__(self, path: Path, progress: Progress):
        self._fh = path.open("rb")
        self._progress = progress
        self.closed = False

    def read(self, n=-1):
        data = self._fh.read(n)
        self._progress(len(data))
        return data

    def readable(self):
        return True

    def seekable(self):
        return False

    def close(self):
        self._fh.close()
        self.closed = True


def _short(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0][:300]


# --- XLSX ------------------------------------------------------------------------------

def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_xlsx(path: Path, progress: Progress | None = None) -> RawTable:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types for broken zips and sheets
        raise FatalImportError(str(path), f"unreadable Excel file: {_short(exc)}") from None
    while rows and all(v in (None, "") for v in rows[-1]):
        rows.pop()
    if not rows:
        raise FatalImportError(str(path), "empty file: no header row")
    header = [_cell_text(v).strip() for v in rows[0]]
    body = rows[1:]
    width = len(header)
    columns = list(zip(*[(list(r) + [None] * width)[:width] for r in body])) if body else [()] * width
    arrays, numeric = {}, {}
    for name, values in zip(header, columns):
        if not name:
            continue
        arrays[name] = pa.array([_cell_text(v) for v in values], pa.string())
        # An identity number typed as a number in Excel has lost its last digits; say so.
        flags = np.fromiter((isinstance(v, float) for v in values), bool, len(values))
        if flags.any():
            numeric[name] = np.nonzero(flags)[0] + 1
    if progress:
        progress(path.stat().st_size)
    table = pa.table(arrays) if arrays else pa.table({})
    return RawTable(path, "xlsx", None, table, np.arange(1, len(body) + 1, dtype=np.int64), [], numeric)


# --- Parquet -----------------------------------------------------------------------------

def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return pc.fill_null(column.cast(pa.string()), "")
    if pa.types.is_timestamp(column.type):
        column = pc.strftime(column, format="%Y-%m-%d %H:%M:%S")
    elif pa.types.is_date(column.type):
        column = pc.strftime(column, format="%Y-%m-%d")
    elif pa.types.is_floating(column.type):
        # Integral floats print without ".0" so that 20240305.0 stays a date.
        as_int = pc.cast(column, pa.int64(), safe=False)
        whole = pc.equal(pc.cast(as_int, column.type), column)
        column = pc.if_else(whole, pc.cast(as_int, pa.string()), pc.cast(column, pa.string()))
    elif pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    return pc.fill_null(column.cast(pa.string()), "")


def read_parquet(path: Path, progress: Progress | None = None) -> RawTable:
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise FatalImportError(str(path), f"unreadable Parquet file (truncated or not Parquet): {_short(exc)}") from None
    if progress:
        progress(path.stat().st_size)
    text = pa.table({name: _as_text(table[name]) for name in table.column_names})
    return RawTable(path, "parquet", None, text, np.arange(1, text.num_rows + 1, dtype=np.int64))


# --- JSON Lines --------------------------------------------------------------------------

def read_jsonl(path: Path, progress: Progress | None = None) -> RawTable:
    data = path.read_bytes()
    if not data.endswith(b"\n"):
        tail = data.rsplit(b"\n", 1)[-1]
        try:
            json.loads(tail)
        except ValueError:
            raise FatalImportError(str(path), "truncated file: the last line is not complete JSON") from None
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        lines = data.decode(encoding).splitlines()
    except UnicodeDecodeError as exc:
        raise FatalImportError(str(path), f"JSON Lines must be UTF-8 (bad byte at {exc.start})") from None
    records, rows, unreadable = [], [], []
    for number, line in enumerate(lines, start=1):  # JSON Lines files are small exports
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            unreadable.append((number, f"not valid JSON: {exc.msg}"))
            continue
        if not isinstance(obj, dict):
            unreadable.append((number, "not a JSON object"))
            continue
        records.append(obj)
        rows.append(number)
    if progress:
        progress(len(data))
    names: dict[str, None] = {}
    for r in records:
        names.update(dict.fromkeys(r))
    table = pa.table({n: pa.array([_json_text(r.get(n)) for r in records], pa.string()) for n in names})
    return RawTable(path, "jsonl", encoding, table, np.array(rows, dtype=np.int64), unreadable)


def _json_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
