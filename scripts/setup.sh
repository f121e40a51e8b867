#!/usr/bin/env bash
# Creates .venv and installs RightsWatch with everything its demo and tests need.
# Idempotent: safe to run again. Debian packages are installed only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
.venv/bin/python -m pip install --quiet -e '.[dev]' 2>&1 | grep -v '^WARNING: Location' || true
.venv/bin/python -c 'import rightswatch, duckdb, pyarrow, opencc' \
  || { echo "setup: the Python install failed; see the pip output above" >&2; exit 1; }
