"""Package boundaries (docs/architecture.md): each layer imports only the layers before it,
and the core imports and runs without Django or PySpark."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "rightswatch"
# errors, terminal and location (workspace paths and URIs) are leaf modules any layer may use
ALLOWED = {
    "contract": set(),
    "identity": {"contract", "errors", "location"},
    "ingest": {"contract", "identity", "errors", "terminal", "location"},
    "synth": {"contract", "errors", "terminal"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "rightswatch" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_layer_imports_only_the_layers_before_it(package):
    for path in (ROOT / package).rglob("*.py"):
        extra = imported_packages(path) - ALLOWED[package] - {package}
        if package == "identity" and path.name == "person_index.py":
            extra -= {"engine", "ingest"}  # the person index reads the workspace through the engine
        if package == "identity" and path.name == "spark.py" and "linkage" in path.parts:
            extra -= {"engine"}  # the person index on Spark opens the engine's Spark session
        if package == "identity" and path.name == "synthetic.py" and "linkage" in path.parts:
            extra -= {"ingest", "synth"}  # the synthetic linkage benchmark builds a city to score against
        assert not extra, f"{path.relative_to(ROOT.parent)} imports rightswatch.{sorted(extra)}"


def test_nothing_outside_the_platform_imports_django():
    for path in ROOT.rglob("*.py"):
        if "platform" in path.relative_to(ROOT).parts:
            continue
        text = path.read_text("utf-8")
        assert "import django" not in text and "from django" not in text, path


def test_the_core_imports_and_ingests_without_django_or_pyspark(tmp_path):
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('django', 'pyspark', 'ninja'):\n"
        "            raise ImportError(f'{name} is blocked for this test')\n"
        "sys.meta_path.insert(0, Block())\n", "utf-8")
    code = ("import rightswatch, rightswatch.contract, rightswatch.ingest, rightswatch.cli\n"
            "from rightswatch.cli import main\n"
            "assert main(['--help']) == 0\n")
    env = {"PYTHONPATH": f"{tmp_path}:{ROOT.parent}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "RIGHTSWATCH_SECRET_FILE": str(tmp_path / "k")}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
