#!/usr/bin/env bash
# The platform's part of `make demo`: load clue records, create demo accounts, serve on 127.0.0.1:8000.
#   usage: scripts/demo_platform.sh [CLUES.jsonl]
# Without a file (or when it does not exist) it loads 500 synthetic sample clues instead.
# Runs in the foreground: Ctrl+C stops the server. Data: $RIGHTSWATCH_PLATFORM_DATA (default demo/platform),
# reset at every run so that the demo always starts the same.
set -euo pipefail
cd "$(dirname "$0")/.."
RW=.venv/bin/rightswatch
export RIGHTSWATCH_PLATFORM_DATA=${RIGHTSWATCH_PLATFORM_DATA:-$PWD/demo/platform}
PORT=${RIGHTSWATCH_DEMO_PORT:-8000}
PASSWORD=${RIGHTSWATCH_DEMO_PASSWORD:-RightsWatch-Demo-2026}
CLUES=${1:-}

mkdir -p "$RIGHTSWATCH_PLATFORM_DATA"
rm -f "$RIGHTSWATCH_PLATFORM_DATA/platform.sqlite3"
if [ -z "$CLUES" ] || [ ! -s "$CLUES" ]; then
  CLUES="$RIGHTSWATCH_PLATFORM_DATA/sample-clues.jsonl"
  echo "platform: no clue export given; loading synthetic sample clues ($CLUES)"
  "$RW" platform sample-clues "$CLUES" --count 500
fi
"$RW" platform import-clues "$CLUES"
echo
echo "Demo accounts (one per role and partner agency):"
"$RW" platform demo-users --password "$PASSWORD"
echo
echo "RightsWatch platform: http://127.0.0.1:$PORT/   (sign in with an account above)"
echo "Stop the server with Ctrl+C."
exec "$RW" serve --host 127.0.0.1 --port "$PORT"
