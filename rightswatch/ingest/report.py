"""The import report: per file rows read, accepted, flagged and rejected; per problem the
row, column, value (identities masked) and reason. Written as JSON and CSV, shown in the terminal."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
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
    problems: pa.Table | None = None  # row, column, value, reason, disposition
    staged: dict = field(default_factory=dict)  # workspace-relative paths of the staged files

    def summary(self) -> dict:
        out = asdict(self)
        out.pop("problems")
        out.pop("staged")
        return out

    def write(self, folder: Path) -> tuple[Path, Path]:
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / (self.import_id or Path(self.file).stem)
        problems = self.problems if self.problems is not None else pa.table(
            {k: pa.array([], pa.string()) for k in ("row", "column", "value", "reason", "disposition")})
        json_path, csv_path = base.with_suffix(".json"), base.with_suffix(".csv")
        body = self.summary() | {"problems": problems.to_pylist()}
        json_path.write_text(json.dumps(body, ensure_ascii=False, indent=1, default=str), "utf-8")
        pacsv.write_csv(problems, csv_path)
        return json_path, csv_path


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
        if r.problems is not None and r.problems.num_rows:
            for p in r.problems.slice(0, EXAMPLES_SHOWN).to_pylist():
                console.print(f"           e.g. row {p['row']}, {p['column']} = {p['value']!r}: {p['reason']}", style="dim")
