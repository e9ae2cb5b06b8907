#!/usr/bin/env bash
# Benchmark of the task list (run on demand, not a test): builds the release server, seeds a
# fresh SQLite database with 10 000 users x 100 tasks, signs in one more user with 100 tasks,
# and loads GET /api/v1/tasks with wrk over loopback — server pinned to core 0, wrk to core 1.
# Usage: benches/list.sh [CONNECTIONS=50] [SECONDS=15]
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS=${1:-50}
SECS=${2:-15}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/taskpilot/target}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
unset RUSTFLAGS
cargo build -q --release --features ssr --bin taskpilot
BIN="$CARGO_TARGET_DIR/release/taskpilot"

DIR=$(mktemp -d)
trap 'kill "${PID:-0}" 2>/dev/null || true; rm -rf "$DIR"' EXIT
export DATABASE_URL="sqlite://$DIR/bench.db?mode=rwc" RUST_LOG=warn
export RATE_LIMIT_LOGIN_PER_EMAIL=0 RATE_LIMIT_LOGIN_PER_IP=0 RATE_LIMIT_SIGNUP_PER_IP=0
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_OUTPUT_NAME=taskpilot
"$BIN" migrate up >/dev/null
python3 benches/seed.py "$DIR/bench.db" 10000 100

taskset -c 0 "$BIN" serve & PID=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"
curl -fs -o /dev/null -H 'content-type: application/json' -d '{"email":"bench@example.com","password":"correct horse battery staple"}' "$BASE/api/v1/auth/signup"
TOKEN=$(curl -fs -c "$DIR/jar" -H 'content-type: application/json' -d '{"email":"bench@example.com","password":"correct horse battery staple"}' "$BASE/api/v1/auth/login" >/dev/null &&
  curl -fs -b "$DIR/jar" -H "origin: $BASE" -H 'content-type: application/json' -d '{"name":"bench"}' "$BASE/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])')
for i in $(seq 100); do
  curl -fs -o /dev/null -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"title\":\"bench task $i\",\"priority\":\"high\",\"tags\":[\"home\"]}" "$BASE/api/v1/tasks"
done

run() {
  local name=$1 path=$2
  echo "== $name: GET $path, $CONNS connections, ${SECS}s"
  taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECS}s" --latency -H "authorization: Bearer $TOKEN" "$BASE$path" |
    grep -E "Requests/sec|Non-2xx|Socket errors|^ +(50|75|90|99)%"
}
run "list, newest first" "/api/v1/tasks?limit=50"
run "list, open, sorted by due" "/api/v1/tasks?status=open&sort=due&limit=50"
run "list, tag + search" "/api/v1/tasks?tag=home&q=bench&limit=50"
echo "peak RSS of the server: $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
echo "database: $(du -h "$DIR/bench.db" | cut -f1) for $(python3 -c "import sqlite3; print(sqlite3.connect('$DIR/bench.db').execute('select count(*) from tasks').fetchone()[0])") tasks"
