"""The workspace: normalised datasets as Parquet, one version per import, and their catalogue.

Layout (see docs/architecture.md):

    catalogue.duckdb                         imports, problem counts, settings
    datasets/<dataset>/<import_id>.parquet   analytic rows of one import
    vault/<import_id>.vault                  encrypted identities of one import
    reports/<import_id>.json|.csv            import reports

The catalogue is the source of truth: a file the catalogue does not list is not part of
the workspace. An import is committed in one catalogue transaction after its files are
in place, so a failed import leaves the workspace as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from rightswatch.errors import RightsWatchError
from rightswatch.location import workspace_path

CATALOGUE = "catalogue.duckdb"
SCHEMA = """
CREATE TABLE IF NOT EXISTS imports (
    import_id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    dataset VARCHAR NOT NULL,
    source_name VARCHAR NOT NULL,
    source_path VARCHAR NOT NULL,
    source_format VARCHAR,
    source_encoding VARCHAR,
    sha256 VARCHAR NOT NULL,
    mapping_sha256 VARCHAR NOT NULL,
    rows_read BIGINT, accepted BIGINT, flagged BIGINT, rejected BIGINT,
    imported_at TIMESTAMP NOT NULL,
    status VARCHAR NOT NULL,           -- active | withdrawn
    withdrawn_at TIMESTAMP,
    parquet_path VARCHAR NOT NULL, vault_path VARCHAR, report_path VARCHAR
);
CREATE TABLE IF NOT EXISTS import_problems (
    import_id VARCHAR, column_name VARCHAR, reason VARCHAR, disposition VARCHAR, n BIGINT
);
CREATE TABLE IF NOT EXISTS settings (key VARCHAR PRIMARY KEY, value VARCHAR);
"""


@dataclass(frozen=True)
class ImportRecord:
    import_id: str
    seq: int
    dataset: str
    source_name: str
    sha256: str
    rows_read: int
    accepted: int
    flagged: int
    rejected: int
    status: str
    parquet_path: str


class Workspace:
    """A workspace folder. Reading never changes it; `commit` is the only writer."""

    def __init__(self, root: Path | str):
        self.root = workspace_path(root)  # a path or a file:// URI

    @property
    def catalogue_path(self) -> Path:
        return self.root / CATALOGUE

    def exists(self) -> bool:
        return self.catalogue_path.exists()

    @contextlib.contextmanager
    def read(self):
        if not self.exists():
            con = duckdb.connect()
            con.execute(SCHEMA)
        else:
            con = duckdb.connect(str(self.catalogue_path), read_only=True)
        try:
            yield con
        finally:
            con.close()

    def imports(self, dataset: str | None = None, active_only: bool = True) -> list[ImportRecord]:
        where, params = [], []
        if active_only:
            where.append("status = 'active'")
        if dataset:
            where.append("dataset = ?")
            params.append(dataset)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        with self.read() as con:
            rows = con.execute(
                "SELECT import_id, seq, dataset, source_name, sha256, rows_read, accepted, flagged, rejected, "
                f"status, parquet_path FROM imports {clause} ORDER BY seq", params,
            ).fetchall()
        return [ImportRecord(*r) for r in rows]

    def datasets(self) -> list[str]:
        return sorted({r.dataset for r in self.imports()})

    def dataset_files(self, dataset: str) -> list[Path]:
        """The Parquet files of the dataset's active imports, oldest first."""
        return [self.root / r.parquet_path for r in self.imports(dataset)]

    def next_seq(self) -> int:
        with self.read() as con:
            return int(con.execute("SELECT coalesce(max(seq), 0) + 1 FROM imports").fetchone()[0])

    def already_imported(self, dataset: str, sha256: str, mapping_sha256: str) -> ImportRecord | None:
        for r in self.imports(dataset):
            if r.sha256 == sha256 and self._mapping_of(r.import_id) == mapping_sha256:
                return r
        return None

    def _mapping_of(self, import_id: str) -> str:
        with self.read() as con:
            return con.execute("SELECT mapping_sha256 FROM imports WHERE import_id = ?", [import_id]).fetchone()[0]

    def setting(self, key: str) -> str | None:
        with self.read() as con:
            row = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    # --- writing --------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self):
        """One writer at a time. The lock file is removed on exit, whatever happens."""
        created = not self.root.exists()
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / ".lock"
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            raise RightsWatchError(f"{self.root}: another import is running (remove {path} if it is stale)") from None
        os.close(fd)
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
            if created and not self.exists():
                shutil.rmtree(self.root, ignore_errors=True)  # a failed first import leaves nothing

    def commit(self, staged: list[dict], problem_counts: list[tuple], settings: dict[str, str], staging: Path) -> None:
        """Move every file under `staging` into place and record the imports, all or nothing.

        Each dict of `staged` is an imports row; files keep their path relative to `staging`.
        """
        moved: list[Path] = []
        made: list[Path] = []
        new_catalogue = not self.exists()
        con = duckdb.connect(str(self.catalogue_path))
        try:
            con.execute(SCHEMA)
            con.execute("BEGIN TRANSACTION")
            for row in staged:
                cols = ", ".join(row)
                con.execute(f"INSERT INTO imports ({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
            if problem_counts:
                con.executemany("INSERT INTO import_problems VALUES (?, ?, ?, ?, ?)", problem_counts)
            for key, value in settings.items():
                con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, value])
            for src in sorted(p for p in staging.rglob("*") if p.is_file()):
                dest = self.root / src.relative_to(staging)
                for parent in reversed(dest.relative_to(self.root).parents[:-1]):
                    if not (self.root / parent).exists():
                        (self.root / parent).mkdir()
                        made.append(self.root / parent)
                os.replace(src, dest)
                moved.append(dest)
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                con.execute("ROLLBACK")
            for path in moved:
                path.unlink(missing_ok=True)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            if new_catalogue:
                con.close()
                for leftover in (self.catalogue_path, self.catalogue_path.with_suffix(".duckdb.wal")):
                    leftover.unlink(missing_ok=True)
            raise
        finally:
            con.close()

    def withdraw(self, import_id: str) -> ImportRecord:
        """Withdraw one import as a whole; its rows leave the dataset, its files stay for audit."""
        with self.lock():
            con = duckdb.connect(str(self.catalogue_path))
            try:
                found = con.execute("SELECT status FROM imports WHERE import_id = ?", [import_id]).fetchone()
                if found is None:
                    raise RightsWatchError(f"no import {import_id!r} in {self.root}")
                if found[0] != "active":
                    raise RightsWatchError(f"import {import_id} is already withdrawn")
                con.execute("UPDATE imports SET status = 'withdrawn', withdrawn_at = now() WHERE import_id = ?", [import_id])
            finally:
                con.close()
        return next(r for r in self.imports(active_only=False) if r.import_id == import_id)
