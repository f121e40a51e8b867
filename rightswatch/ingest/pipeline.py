"""`ingest_path`: read agency files, normalise and pseudonymise them, commit one version each.

A bundle is imported all or nothing: every file is read and normalised into a staging
folder first; only when all succeeded are the files moved into the workspace and recorded
in one catalogue transaction. A fatal problem in any file leaves the workspace unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import queue
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import duckdb
import psutil
import pyarrow.parquet as pq

from rightswatch.contract import dataset, datasets
from rightswatch.contract.sql import lit as sql_literal
from rightswatch.errors import FatalImportError, RightsWatchError
from rightswatch.identity.vault import VaultWriter
from rightswatch.ingest import normalise as nz
from rightswatch.ingest.mapping import EMPTY, FileMapping, Mapping
from rightswatch.ingest.readers import SUFFIXES, RawTable, iter_file
from rightswatch.ingest.report import FileReport
from rightswatch.ingest.workspace import Workspace

BUNDLE_EXTRAS = {"as_of.txt", "truth.jsonl", "persons_truth.parquet", "readme.md", "mapping.yml", "mapping.yaml"}

FILE_WORKERS = 2  # files normalised at once
EXAMPLES_KEPT = 1000  # problems kept in memory for the terminal; the report files hold them all


class FileProgress(Protocol):
    def advance(self, n: int) -> None: ...
    def done(self) -> None: ...


ProgressFactory = Callable[[str, int], FileProgress | None]  # (file name, bytes) → its progress, or None


@dataclass
class IngestResult:
    workspace: Path
    reports: list[FileReport]
    as_of: str | None

    @property
    def imported(self) -> list[FileReport]:
        return [r for r in self.reports if r.status == "imported"]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def plan_files(path: Path, mapping: Mapping) -> tuple[list[tuple[Path, str, FileMapping]], list[FileReport], str | None]:
    """(file, dataset, mapping) for each file to import; reports for files that are not datasets."""
    path = Path(path)
    if not path.exists():
        raise RightsWatchError(f"{path}: no such file or folder")
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    plan, skipped, as_of = [], [], None
    for f in files:
        if f.name.startswith("."):
            continue
        if f.name == "as_of.txt":
            as_of = _read_as_of(f)
            continue
        if f.name.lower() in BUNDLE_EXTRAS:
            continue
        block = mapping.for_file(f)
        name = block.dataset or f.name.split(".")[0]
        if name not in datasets() or f.suffix.lower() not in SUFFIXES:
            if path.is_dir():
                skipped.append(FileReport(str(f), "-", None, f.suffix.lstrip("."), None, status="skipped",
                                          notices=["not a dataset of the contract (file name must be <dataset>.<csv|xlsx|parquet|jsonl>); not imported"]))
                continue
            if name not in datasets():
                raise RightsWatchError(f"{f}: cannot tell which dataset this file feeds; name it <dataset>.<ext> "
                                       f"or give a mapping with `dataset:` (datasets: {', '.join(datasets())})")
        plan.append((f, name, block))
    if path.is_dir() and not plan and not skipped:
        raise RightsWatchError(f"{path}: the folder holds no dataset files")
    return plan, skipped, as_of


def _read_as_of(f: Path) -> str:
    text = f.read_text("utf-8").strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise FatalImportError(str(f), f"as_of.txt must hold one ISO date, found {text[:40]!r}") from None


def _connection(staging: Path, name: str, memory_share: float = 1.0) -> duckdb.DuckDBPyConnection:
    spill = staging / "duckdb_tmp" / name
    spill.mkdir(parents=True, exist_ok=True)  # DuckDB creates the last folder only, and only once it spills
    con = duckdb.connect(config={"temp_directory": str(spill)})
    memory = int(min(int(psutil.virtual_memory().total * 0.4), 8 << 30) * memory_share) >> 20
    con.execute(f"SET memory_limit = '{memory}MB'; SET enable_progress_bar = false; SET preserve_insertion_order = false")
    return con


def _check_columns(raw_file: RawTable, ds, block: FileMapping) -> None:
    rename = block.rename()
    present = {rename.get(c, c) for c in raw_file.table.column_names} | set(block.defaults)
    missing = [c for c in ds.required if c not in present]
    if missing:
        raise FatalImportError(str(raw_file.path), f"missing required column(s) {', '.join(missing)} for dataset {ds.name} "
                                                   f"(found: {', '.join(raw_file.table.column_names) or 'none'})")


PROBLEMS_SCHEMA = "row BIGINT, col VARCHAR, value VARCHAR, reason VARCHAR, disposition VARCHAR"


def normalise_file(path: Path, chunks: Iterator[RawTable], ds_name: str, block: FileMapping, import_id: str, seq: int,
                   staging: Path, memory_share: float = 1.0) -> FileReport:
    """Normalise one file, chunk by chunk, into staging: Parquet, vault and report.

    Each chunk is normalised on its own (memory stays bounded by the chunk); the checks
    that need the whole file — duplicate record ids — run at the end over the ids kept.
    """
    ds = dataset(ds_name)
    rename = block.rename()
    id_cols = {c.name for c in ds.columns if c.kind == "id_number"}
    parquet_rel = Path("datasets") / ds_name / f"{import_id}.parquet"
    vault_rel = Path("vault") / f"{import_id}.vault" if ds.persons else None
    (staging / parquet_rel).parent.mkdir(parents=True, exist_ok=True)
    if vault_rel:
        (staging / vault_rel).parent.mkdir(parents=True, exist_ok=True)
    con = _connection(staging, import_id, memory_share)
    writer = vault = prepared = first = writing = None
    total = 0
    # Reading the next chunk and writing the last one overlap with normalising this one.
    writer_thread = ThreadPoolExecutor(max_workers=1)

    def write_chunk(rows, secrets) -> None:
        nonlocal writer
        if writer is None:
            writer = pq.ParquetWriter(staging / parquet_rel, rows.schema, compression="zstd")
        writer.write_table(rows.cast(writer.schema))
        if secrets is not None:
            vault.write(secrets)

    try:
        con.execute(f"CREATE TEMP TABLE all_problems ({PROBLEMS_SCHEMA}); CREATE TEMP TABLE all_ids (record_id VARCHAR, row BIGINT)")
        for raw_file in read_ahead(chunks):
            if first is None:
                _check_columns(raw_file, ds, block)
                first = raw_file
                vault = VaultWriter(staging / vault_rel, import_id) if vault_rel else None
            total += len(raw_file.source_rows) + len(raw_file.unreadable)
            prepared = nz.prepare_source(con, ds, raw_file.table, raw_file.source_rows, block)
            nz.build_norm(con, ds, block)
            numeric = {rename.get(k, k): v.tolist() for k, v in raw_file.numeric_cells.items() if rename.get(k, k) in id_cols}
            nz.build_problems(con, ds, numeric, record_id_column=not prepared.record_id_derived)
            if raw_file.unreadable:
                con.execute("INSERT INTO problems SELECT unnest($rows), '', '', unnest($reasons), 'rejected'",
                            {"rows": [r for r, _ in raw_file.unreadable], "reasons": [m for _, m in raw_file.unreadable]})
            con.execute("""
                INSERT INTO all_problems SELECT * FROM problems;
                INSERT INTO all_ids SELECT "t__record_id", _source_row FROM norm;
                CREATE OR REPLACE TEMP VIEW kept AS SELECT * FROM norm
                WHERE _source_row NOT IN (SELECT row FROM problems WHERE disposition = 'rejected');
            """)
            rows = con.sql(f"SELECT {nz.analytic_select(ds, import_id, seq)} FROM kept").to_arrow_table()
            vault_sql = nz.vault_select(ds)
            secrets = con.sql(vault_sql).to_arrow_table() if vault is not None and vault_sql else None
            if writing is not None:
                writing.result()  # one chunk in flight: memory stays bounded, errors surface here
            writing = writer_thread.submit(write_chunk, rows, secrets)
            del rows, secrets
        if writing is not None:
            writing.result()
            writing = None
        if writer is not None:
            writer.close()
            writer = None
        con.execute(f"INSERT INTO all_problems {nz.duplicate_problems('all_ids')}")
        _drop_replaced_duplicates(con, staging / parquet_rel)
        rejected, flagged = con.execute(
            "SELECT count(DISTINCT row) FILTER (WHERE disposition = 'rejected'), "
            "count(DISTINCT row) FILTER (WHERE disposition <> 'rejected' AND row NOT IN "
            "(SELECT row FROM all_problems WHERE disposition = 'rejected')) FROM all_problems").fetchone()
        counts = con.execute("SELECT col, reason, disposition, count(*) AS n FROM all_problems GROUP BY ALL ORDER BY n DESC").fetchall()
        problems_sql = (f"SELECT {sql_literal(path.name)} AS file, row, col AS \"column\", value, reason, "
                        "disposition FROM all_problems ORDER BY row, col")
        examples = con.sql(f"{problems_sql} LIMIT {EXAMPLES_KEPT}").to_arrow_table().to_pylist()
        report = FileReport(
            file=str(path), dataset=ds_name, import_id=import_id, format=first.format, encoding=first.encoding,
            rows_read=total, accepted=total - rejected - flagged, flagged=flagged, rejected=rejected,
            problem_counts=[{"column": c, "reason": r, "disposition": d, "n": n} for c, r, d, n in counts],
            examples=examples, notices=_notices(ds, prepared, block),
            staged={"parquet_path": str(parquet_rel), "vault_path": str(vault_rel) if vault_rel else None},
        )
        report.write(staging / "reports", con, problems_sql)
    finally:
        writer_thread.shutdown(wait=True)
        if writer is not None:
            writer.close()
        if vault is not None:
            vault.close()
        con.close()
    return report


def read_ahead(chunks: Iterator[RawTable]) -> Iterator[RawTable]:
    """The chunks of `chunks`, the next one read on a background thread while this one is used."""
    done = object()
    ahead: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()

    def produce() -> None:
        try:
            for chunk in chunks:
                while not stop.is_set():
                    try:
                        ahead.put(chunk, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            ahead.put(done)
        except BaseException as exc:  # handed to the consumer, raised there with its message
            ahead.put(exc)

    thread = threading.Thread(target=produce, name="rightswatch-read-ahead", daemon=True)
    thread.start()
    try:
        while (item := ahead.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while thread.is_alive():
            try:
                ahead.get_nowait()
            except queue.Empty:
                thread.join(timeout=0.1)


def _drop_replaced_duplicates(con: duckdb.DuckDBPyConnection, parquet: Path) -> None:
    """Rewrite the file without rows a later row of the same file replaced (rare, so a rewrite is fine)."""
    replaced = con.execute("SELECT count(*) FROM all_problems WHERE reason LIKE 'duplicate record_id%'").fetchone()[0]
    if not replaced:
        return
    tmp = parquet.with_suffix(".dedup.parquet")
    con.execute(f"""
        COPY (SELECT * FROM read_parquet('{parquet}') WHERE _source_row NOT IN
              (SELECT row FROM all_problems WHERE reason LIKE 'duplicate record_id%'))
        TO '{tmp}' (FORMAT parquet, COMPRESSION zstd)
    """)
    tmp.replace(parquet)


def _notices(ds, prepared: nz.Prepared, block: FileMapping) -> list[str]:
    notices = []
    if prepared.columns_ignored:
        notices.append(f"columns not in the {ds.name} contract, not imported: {', '.join(prepared.columns_ignored)}")
    if prepared.record_id_derived:
        notices.append("the file has no record_id column: stable record ids were derived from each row's content")
    absent = [c for c in ds.column_names if c not in prepared.columns_present and c not in block.defaults and c != "record_id"]
    if absent:
        notices.append(f"optional columns absent (left empty): {', '.join(absent)}")
    return notices


def ingest_path(path: Path | str, workspace_dir: Path | str = "workspace", mapping: Mapping = EMPTY,
                progress: ProgressFactory | None = None) -> IngestResult:
    """Import a bundle folder or one agency file into a workspace, all or nothing."""
    ws = Workspace(workspace_dir)
    plan, reports, as_of = plan_files(Path(path), mapping)
    todo = []
    for f, name, block in plan:
        digest = sha256_of(f)
        earlier = ws.already_imported(name, digest, mapping.digest) if ws.exists() else None
        if earlier is not None:
            reports.append(FileReport(str(f), name, earlier.import_id, f.suffix.lstrip("."), None, status="unchanged",
                                      rows_read=earlier.rows_read, accepted=earlier.accepted, flagged=earlier.flagged,
                                      rejected=earlier.rejected, notices=[f"already imported as {earlier.import_id}; nothing changed"]))
        else:
            todo.append((f, name, block, digest))
    settings = {"as_of": as_of} if as_of and as_of != (ws.setting("as_of") if ws.exists() else None) else {}
    if not todo and not settings:
        return IngestResult(ws.root, reports, as_of)
    with ws.lock():
        staging = ws.root / f".staging-{uuid.uuid4().hex[:12]}"
        staging.mkdir()
        try:
            seq = ws.next_seq()
            jobs = [(f, name, block, f"{seq + k:06d}-{name}", seq + k) for k, (f, name, block, _) in enumerate(todo)]

            def run(job) -> FileReport:
                f, name, block, import_id, job_seq = job
                bar = progress(f.name, f.stat().st_size) if progress else None
                started = time.perf_counter()
                report = normalise_file(f, iter_file(f, bar.advance if bar else None), name, block, import_id, job_seq,
                                        staging, memory_share=1 / FILE_WORKERS)
                report.seconds = round(time.perf_counter() - started, 2)
                if bar:
                    bar.done()
                return report

            # Files are independent until the commit: two at a time, largest first, keep both cores busy.
            pool = ThreadPoolExecutor(max_workers=FILE_WORKERS, thread_name_prefix="rightswatch-file")
            try:
                running = {job[3]: pool.submit(run, job) for job in sorted(jobs, key=lambda j: -j[0].stat().st_size)}
                done = [running[job[3]].result() for job in jobs]
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            pool.shutdown(wait=True)
            rows, counts = [], []
            for (f, name, _, digest), (_, _, _, import_id, job_seq), report in zip(todo, jobs, done):
                report_rel = Path("reports") / f"{import_id}.json"
                rows.append({
                    "import_id": import_id, "seq": job_seq, "dataset": name, "source_name": f.name,
                    "source_path": str(f.resolve()), "source_format": report.format,
                    "source_encoding": report.encoding, "sha256": digest, "mapping_sha256": mapping.digest,
                    "rows_read": report.rows_read, "accepted": report.accepted, "flagged": report.flagged,
                    "rejected": report.rejected, "imported_at": dt.datetime.now(), "status": "active",
                    "parquet_path": report.staged["parquet_path"], "vault_path": report.staged["vault_path"],
                    "report_path": str(report_rel),
                })
                counts += [(import_id, c["column"], c["reason"], c["disposition"], c["n"]) for c in report.problem_counts]
                reports.append(report)
            shutil.rmtree(staging / "duckdb_tmp", ignore_errors=True)
            ws.commit(rows, counts, settings, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return IngestResult(ws.root, reports, as_of)

