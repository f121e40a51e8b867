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


# Property tests judge behaviour, not speed: on a loaded two-core CI machine a slow
# example is no failure (speed lives in the benchmarks).
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("rightswatch", deadline=None, print_blob=True)
    _hypothesis_settings.load_profile("rightswatch")
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    pass
