"""The import report: per file rows read, accepted, flagged and rejected; per problem the
row, column, value (identities masked) and reason. Written as JSON and CSV, shown in the terminal."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

EXAMPLES_SHOWN = 5


@dataclass
class FileReport:
    file: str
    dataset: str
    import_id: str | None
    format: str
    encoding: str | None
    rows_read: int = 0
    accepted: int = 0
    flagged: int = 0
    rejected: int = 0
    status: str = "imported"  # imported | unchanged (already imported) | skipped (not a dataset)
    notices: list[str] = field(default_factory=list)
    problem_counts: list[dict] = field(default_factory=list)  # column, reason, disposition, n
    examples: list[dict] = field(default_factory=list)  # the first problems, for the terminal and tests
    staged: dict = field(default_factory=dict)  # workspace-relative paths of the staged files
    seconds: float | None = None  # time spent reading and normalising the file

    def summary(self) -> dict:
        out = asdict(self)
        out.pop("examples")
        out.pop("staged")
        return out

    def write(self, folder: Path, con: duckdb.DuckDBPyConnection | None = None, problems_sql: str | None = None) -> None:
        """`<import>.json` (summary and every problem) and `<import>.csv` (every problem).

        Problems are written by DuckDB straight from the problems table: a city-scale file can
        have millions, which must not pass through Python one by one.
        """
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / (self.import_id or Path(self.file).stem)
        json_path, csv_path = base.with_suffix(".json"), base.with_suffix(".csv")
        if con is None or problems_sql is None:
            con, problems_sql = duckdb.connect(), "SELECT * FROM (VALUES ('', 0, '', '', '', '')) t(file, row, \"column\", value, reason, disposition) WHERE FALSE"
        con.execute(f"COPY ({problems_sql}) TO '{csv_path}' (FORMAT csv, HEADER)")
        array = base.with_suffix(".problems.tmp")
        con.execute(f"COPY ({problems_sql}) TO '{array}' (FORMAT json, ARRAY true)")
        head = json.dumps(self.summary(), ensure_ascii=False, indent=1, default=str)
        with json_path.open("w", encoding="utf-8") as out:
            out.write(head[:-2] + ',\n "problems": ')
            with array.open("r", encoding="utf-8") as problems:
                shutil.copyfileobj(problems, out, 1 << 20)
            out.write("\n}\n")
        array.unlink()


def render(reports: list[FileReport], console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title="Import summary", show_lines=False)
    for col in ("file", "dataset", "status", "read", "accepted", "flagged", "rejected"):
        table.add_column(col, justify="right" if col in ("read", "accepted", "flagged", "rejected") else "left")
    for r in reports:
        table.add_row(Path(r.file).name, r.dataset, r.status, f"{r.rows_read:,}", f"{r.accepted:,}",
                      f"{r.flagged:,}", f"{r.rejected:,}")
    console.print(table)
    for r in reports:
        if r.notices:
            for notice in r.notices:
                console.print(f"[yellow]{Path(r.file).name}[/]: {notice}")
        if not r.problem_counts:
            continue
        console.print(f"[bold]{Path(r.file).name}[/] problems:")
        for c in sorted(r.problem_counts, key=lambda c: -c["n"]):
            console.print(f"  {c['n']:>8,}  {c['disposition']:<8} {c['column']}: {c['reason']}")
        if r.examples:
            for p in r.examples[:EXAMPLES_SHOWN]:
                console.print(f"           e.g. row {p['row']}, {p['column']} = {p['value']!r}: {p['reason']}", style="dim")
