"""Test-wide set-up: a throw-away deployment secret, so no test touches a real one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_SECRET_DIR = Path(tempfile.mkdtemp(prefix="rightswatch-test-secret-"))
os.environ["RIGHTSWATCH_SECRET_FILE"] = str(_SECRET_DIR / "deployment.key")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path / "workspace"
