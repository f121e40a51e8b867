#!/usr/bin/env bash
# `make demo`: the main job on embedded defaults, from a synthetic city to clues to the platform.
#   1. generate a small synthetic city (about 20,000 residents) with planted ground truth;
#   2. ingest it into a pseudonymised workspace and print the import summary;
#   3. run every implemented supervision model, print the clue summary and the evaluation;
#   4. serve the collaboration platform on http://127.0.0.1:8000 with those clues loaded.
# Set DEMO_SERVE=0 to stop after step 3.
set -euo pipefail
cd "$(dirname "$0")/.."
RW=.venv/bin/rightswatch
DEMO=${DEMO:-demo}
SEED=${SEED:-7}
# The deployment secret lives outside the workspace, as in production.
export RIGHTSWATCH_SECRET_FILE=$PWD/$DEMO/secret/deployment.key
# The demo always works in its own folder, whatever the environment says.
export RIGHTSWATCH_WORKSPACE=$PWD/$DEMO/workspace

rm -rf "$DEMO/bundle" "$RIGHTSWATCH_WORKSPACE"
mkdir -p "$DEMO"
echo "== 1. synthetic city (seed $SEED)"
"$RW" synth --scale small --seed "$SEED" --out "$DEMO/bundle"
echo "== 2. ingest"
"$RW" ingest "$DEMO/bundle" --workspace "$RIGHTSWATCH_WORKSPACE"
echo "== 3. supervision models"
"$RW" run --workspace "$RIGHTSWATCH_WORKSPACE" --export "$DEMO/clues.jsonl"
"$RW" evaluate --bundle "$DEMO/bundle"
if [ "${DEMO_SERVE:-1}" = 1 ]; then
  echo "== 4. platform"
  exec bash scripts/demo_platform.sh "$DEMO/clues.jsonl"
fi
