#!/usr/bin/env bash
# Benchmark of a builtin assistant turn (run on demand, not a test): release server on core 0,
# one user with 100 tasks, wrk on core 1 posting "what's due this week?" to /api/v1/chat in one
# conversation, then "add …" turns. Prints median and p99 turn time.
# Usage: benches/chat.sh [CONNECTIONS=8] [SECONDS=10]
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS=${1:-8}
SECS=${2:-10}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/taskpilot/target}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
unset RUSTFLAGS
cargo build -q --release --features ssr --bin taskpilot
BIN="$CARGO_TARGET_DIR/release/taskpilot"
DIR=$(mktemp -d)
trap 'kill "${PID:-0}" 2>/dev/null || true; rm -rf "$DIR"' EXIT
export DATABASE_URL="sqlite://$DIR/bench.db?mode=rwc" RUST_LOG=warn AI_PROVIDER=builtin
export RATE_LIMIT_LOGIN_PER_EMAIL=0 RATE_LIMIT_LOGIN_PER_IP=0 RATE_LIMIT_SIGNUP_PER_IP=0
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_OUTPUT_NAME=taskpilot
taskset -c 0 "$BIN" serve & PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
curl -fs -c "$DIR/jar" -o /dev/null -H 'content-type: application/json' -d '{"email":"bench@example.com","password":"correct horse battery staple"}' "$BASE/api/v1/auth/signup"
TOKEN=$(curl -fs -b "$DIR/jar" -H "origin: $BASE" -H 'content-type: application/json' -d '{"name":"bench"}' "$BASE/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])')
for i in $(seq 100); do
  curl -fs -o /dev/null -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"title\":\"bench task $i\",\"due_at\":\"2030-01-01T10:00:00Z\"}" "$BASE/api/v1/tasks"
done
CONV=$(curl -fs -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"message":"help"}' "$BASE/api/v1/chat" | python3 -c 'import json,sys; print(json.load(sys.stdin)["conversation_id"])')

run() {
  local name=$1 message=$2
  cat >"$DIR/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["authorization"] = "Bearer $TOKEN"
wrk.body = [[{"conversation_id":"$CONV","message":"$message"}]]
LUA
  echo "== builtin turn: $name, $CONNS connections, ${SECS}s"
  taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECS}s" --latency -s "$DIR/post.lua" "$BASE/api/v1/chat" |
    grep -E "Requests/sec|Non-2xx|Socket errors|^ +(50|99)%"
}
run "what's due this week? (lists 20 of 100)" "what's due this week?"
run "add a task with a date" "add water plants tomorrow 5pm !high"
echo "peak RSS of the server: $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
