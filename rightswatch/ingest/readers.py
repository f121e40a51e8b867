"""Readers for agency files: CSV (UTF-8, UTF-8 with BOM, GB18030), XLSX, Parquet, JSON Lines.

Every reader returns the file as text columns (no type guessing: an identity number
must never become a float) with each row's position in the file, and the rows it could
not read, so that nothing is dropped silently. A file that cannot be read at all raises
FatalImportError naming the file and the reason.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
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


CHUNK_ROWS = 1_000_000  # rows normalised at a time: a city's 20 million hotel stays in bounded memory


def iter_file(path: Path, progress: Progress | None = None, chunk_rows: int | None = None) -> Iterator[RawTable]:
    """The file in chunks of about `chunk_rows` rows, each with its rows' positions in the file.

    Fatal problems found before the first row raise at once; an empty file raises once the
    whole file has been read.
    """
    fmt = file_format(path)
    chunk_rows = chunk_rows or CHUNK_ROWS
    if not path.exists():
        raise FatalImportError(str(path), "file not found")
    if path.stat().st_size == 0:
        raise FatalImportError(str(path), "empty file (0 bytes)")
    if fmt == "csv":
        chunks = iter_csv(path, progress, chunk_rows)
    elif fmt == "parquet":
        chunks = iter_parquet(path, progress, chunk_rows)
    else:
        chunks = iter([{"xlsx": read_xlsx, "jsonl": read_jsonl}[fmt](path, progress)])
    seen = 0
    for chunk in chunks:
        seen += chunk.table.num_rows + len(chunk.unreadable)
        yield chunk
    if seen == 0:
        raise FatalImportError(str(path), "empty file: a header but no data rows")


def read_file(path: Path, progress: Progress | None = None) -> RawTable:
    """The whole file as one table (small files, tests)."""
    chunks = list(iter_file(path, progress))
    first = chunks[0]
    return RawTable(
        first.path, first.format, first.encoding,
        pa.concat_tables([c.table for c in chunks]) if len(chunks) > 1 else first.table,
        np.concatenate([c.source_rows for c in chunks]),
        [u for c in chunks for u in c.unreadable],
        first.numeric_cells,
    )


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


def iter_csv(path: Path, progress: Progress | None, chunk_rows: int) -> Iterator[RawTable]:
    """Stream the CSV. Parsing runs on one thread so that every unreadable row has its number."""
    encoding = detect_encoding(path)
    names = _header(path, encoding)
    truncated = _ends_truncated(path, len(names), encoding)
    if truncated:
        raise FatalImportError(str(path), f"truncated file: {truncated}")
    schema = pa.schema([(n, pa.string()) for n in names])
    bad: list[tuple[int, str]] = []

    def on_invalid(row) -> str:
        # row.number counts the header as row 1; data rows count from 1.
        bad.append((int(row.number) - 1, f"{row.actual_columns} fields where the header has {row.expected_columns}"))
        return "skip"

    try:
        reader = pacsv.open_csv(
            _Counting(path, progress) if progress else path,
            read_options=pacsv.ReadOptions(encoding=encoding, use_threads=False, block_size=8 << 20),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(
                column_types=dict(zip(names, [pa.string()] * len(names))), strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        next_row, pending, pending_rows = 1, [], 0
        for batch in reader:
            pending.append(batch)
            pending_rows += batch.num_rows
            if pending_rows >= chunk_rows:
                chunk, next_row = _csv_chunk(path, encoding, schema, pending, bad, next_row, last_chunk=False)
                pending, pending_rows = [], 0
                yield chunk
        chunk, _ = _csv_chunk(path, encoding, schema, pending, bad, next_row, last_chunk=True)
        yield chunk
    except (pa.ArrowInvalid, UnicodeDecodeError, OSError) as exc:
        raise FatalImportError(str(path), f"unreadable CSV ({encoding}): {_short(exc)}") from None


def _csv_chunk(path, encoding, schema, batches, bad, next_row, last_chunk) -> tuple[RawTable, int]:
    """The rows of `batches` numbered in file order, skipping the numbers of unreadable rows.

    An unreadable row belongs to the chunk whose rows surround it; the last chunk takes all
    that are left (unreadable rows at the end of the file)."""
    table = pa.Table.from_batches(batches, schema) if batches else schema.empty_table()
    n = table.num_rows
    unread = np.array(sorted(r for r, _ in bad if r >= next_row), dtype=np.int64)
    rows = np.arange(next_row, next_row + n + len(unread), dtype=np.int64)
    if len(unread):  # rare: only a file with unreadable rows pays for the set difference
        rows = rows[~np.isin(rows, unread)]
    rows = rows[:n]
    last = int(rows[-1]) if n else next_row - 1
    mine = [(r, reason) for r, reason in bad if r >= next_row and (last_chunk or r <= last)]
    return RawTable(path, "csv", encoding, table, rows, mine), last + 1


def iter_parquet(path: Path, progress: Progress | None, chunk_rows: int) -> Iterator[RawTable]:
    try:
        parquet = pq.ParquetFile(path)
        batches = parquet.iter_batches(batch_size=chunk_rows)
        first_row = 1
        for batch in batches:
            table = pa.Table.from_batches([batch])
            text = pa.table({name: _as_text(table[name]) for name in table.column_names})
            yield RawTable(path, "parquet", None, text,
                           np.arange(first_row, first_row + text.num_rows, dtype=np.int64))
            first_row += text.num_rows
            if progress:
                progress(path.stat().st_size * text.num_rows // max(parquet.metadata.num_rows, 1))
        if parquet.metadata.num_rows == 0:
            yield RawTable(path, "parquet", None, pa.table({n: pa.array([], pa.string()) for n in parquet.schema_arrow.names}),
                           np.array([], dtype=np.int64))
    except (pa.ArrowInvalid, OSError) as exc:
        raise FatalImportError(str(path), f"unreadable Parquet file (truncated or not Parquet): {_short(exc)}") from None


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
