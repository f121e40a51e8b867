"""RightsWatch imports and runs on DuckDB without PySpark; asking for Spark then says what to install."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.models.cases import Person, ingest_case

ROOT = Path(__file__).resolve().parents[2]

BLOCKER = (
    "import sys\n"
    "class Block:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name.split('.')[0] in ('pyspark', 'py4j'):\n"
    "            raise ImportError(f'{name} is blocked for this test')\n"
    "sys.meta_path.insert(0, Block())\n"
)


def _run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "sitecustomize.py").write_text(BLOCKER, "utf-8")
    code = f"import sys\nfrom rightswatch.cli import main\nsys.exit(main({list(args)!r}))\n"
    env = {"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "RIGHTSWATCH_SECRET_FILE": str(tmp_path / "k"), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)


def test_models_run_on_duckdb_without_pyspark_and_spark_asks_for_the_extra(tmp_path):
    boy = Person("网吧少年", "2010-05-05", "M")
    visit = {"record_id": "VV-1", "venue_org_code": "91340200MA2N0NOSP1", "venue_name": "无星网吧",
             "venue_type": "internet_cafe", "id_number": boy.id, "name": boy.name, "entered_at": "2026-03-02 10:00"}
    ws = ingest_case(tmp_path, {"residents": [boy.resident("R-1")], "venue_visits": [visit]})

    duck = _run_cli(tmp_path, "run", "-w", str(ws.root), "--models", "venue_admits_minor", "--as-of", "2026-06-30")
    assert duck.returncode == 0, duck.stderr[-2000:]
    assert "venue_admits_minor" in duck.stdout

    spark = _run_cli(tmp_path, "run", "--engine", "spark", "-w", str(ws.root), "--as-of", "2026-06-30")
    assert spark.returncode != 0
    assert "pip install 'rightswatch[spark]'" in spark.stderr
    assert "Traceback" not in spark.stderr
