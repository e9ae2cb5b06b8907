#!/usr/bin/env bash
# The pages people open, side by side (run on demand, never as a test): for each server binary
# given (default: a fresh release build), a fresh SQLite database with one user whose 50 tasks
# each have a due date, a priority and two tags, and a 10 000-message thread; wrk on
# loopback (server pinned to core 0, wrk to core 1) against the JSON list, `/tasks`, `/login`,
# `/settings`, `/chat/{id}` and an MCP `tools/call`, each page's size as sent, with and without
# `Accept-Encoding: br, gzip` (and `/tasks` at a new address each request, so it is rendered
# every time instead of sent as kept); then builtin assistant turns in that thread, one and eight in
# flight. Pass two binaries (say the previous commit's and this one's) to
# compare them in one run.
#
# Usage: benches/pages.sh [--seconds N] [--connections N] [BINARY…]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=8 CONNS=50 BINS=()
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) SECS=$2; shift ;;
    --connections) CONNS=$2; shift ;;
    -*) echo "usage: benches/pages.sh [--seconds N] [--connections N] [BINARY…]" >&2; exit 2 ;;
    *) BINS+=("$1") ;;
  esac
  shift
done
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/taskpilot/target}"
source benches/lib.sh
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ ${#BINS[@]} -eq 0 ]; then
  echo "building the release server…" >&2
  build_server
  BINS=("$CARGO_TARGET_DIR/release/taskpilot")
fi
DIR=$(mktemp -d)
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT
cat >"$DIR/bench.lua" <<'LUA'
local auth = os.getenv("B_AUTH")
if auth and auth ~= "" then wrk.headers["authorization"] = auth end
local cookie = os.getenv("B_COOKIE")
if cookie and cookie ~= "" then wrk.headers["cookie"] = cookie end
local enc = os.getenv("B_ENCODING")
if enc and enc ~= "" then wrk.headers["accept-encoding"] = enc end
local accept = os.getenv("B_ACCEPT")
if accept and accept ~= "" then wrk.headers["accept"] = accept end
-- B_UNIQUE: a new address each request (`&miss=N`), so nothing kept can answer it
if os.getenv("B_UNIQUE") == "1" then
  local n = 0
  local sep = wrk.path:find("?", 1, true) and "&" or "?"
  request = function()
    n = n + 1
    return wrk.format(nil, wrk.path .. sep .. "miss=" .. n)
  end
end
local body = os.getenv("B_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["content-type"] = "application/json"
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
LUA
export RUST_LOG=warn AI_PROVIDER=builtin LEPTOS_OUTPUT_NAME=taskpilot LEPTOS_SITE_ROOT=target/site
export RATE_LIMIT_LOGIN_PER_EMAIL=0 RATE_LIMIT_LOGIN_PER_IP=0 RATE_LIMIT_SIGNUP_PER_IP=0
export QUOTA_WRITES_PER_MINUTE=0 QUOTA_MESSAGES_PER_DAY=0 QUOTA_TASKS=0 QUOTA_TURNS_IN_FLIGHT=0
ROWS="$DIR/rows"
n=0
for BIN in "${BINS[@]}"; do
  n=$((n + 1))
  export DATABASE_URL="sqlite://$DIR/pages$n.db?mode=rwc"
  PORT=$(free_port)
  export LEPTOS_SITE_ADDR="127.0.0.1:$PORT"
  BASE="http://127.0.0.1:$PORT"
  "$BIN" migrate up >/dev/null
  taskset -c 0 "$BIN" serve >"$DIR/server$n.log" 2>&1 & PID=$!
  wait_healthy "$BASE"
  bench_user "$BASE" pages@example.com "$DIR/jar"
  dated_tasks "$BASE" "$TOKEN" 50
  CONV=$(python3 benches/seed.py "$DATABASE_URL" messages "$USER_ID" 10000)
  label=$(basename "$(dirname "$BIN")")/$(basename "$BIN")
  load() {
    local name=$1 url=$2 auth=${3:-} cookie=${4:-} enc=${5:-} body=${6:-} conns=${7:-$CONNS}
    echo "· $label: $name" >&2
    local out
    out=$(B_AUTH=$auth B_COOKIE=$cookie B_ENCODING=$enc B_BODY=$body taskset -c 1 wrk -t1 -c"$conns" -d"${SECS}s" -s "$DIR/bench.lua" "$url" | grep '^RESULT')
    local size=0
    [ -n "$body" ] || size=$(curl -s -o /dev/null -w '%{size_download}' -H "authorization: $auth" -H "cookie: $cookie" ${enc:+-H "accept-encoding: $enc"} "$url")
    echo "$label|$name|${out#RESULT }|$size" >>"$ROWS"
  }
  load "GET /api/v1/tasks?limit=50" "$BASE/api/v1/tasks?limit=50" "Bearer $TOKEN"
  load "GET /api/v1/tasks?limit=50, br/gzip accepted" "$BASE/api/v1/tasks?limit=50" "Bearer $TOKEN" "" "br, gzip"
  load "GET /tasks (50 tasks)" "$BASE/tasks" "" "$COOKIE"
  load "GET /tasks, br/gzip accepted" "$BASE/tasks" "" "$COOKIE" "br, gzip"
  B_UNIQUE=1 load "GET /tasks?miss=N (rendered every time)" "$BASE/tasks" "" "$COOKIE"
  load "GET /chat/{id} (10 000 messages)" "$BASE/chat/$CONV" "" "$COOKIE"
  load "GET /settings" "$BASE/settings" "" "$COOKIE"
  load "GET /login" "$BASE/login"
  # MCP: one stateless tools/call of list_tasks per request (the same 50 tasks as the list row)
  MCP_LIST='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_tasks","arguments":{"status":"all"}}}'
  B_ACCEPT="application/json, text/event-stream" load "POST /mcp tools/call list_tasks" "$BASE/mcp" "Bearer $TOKEN" "" "" "$MCP_LIST"
  # builtin assistant turns in the long thread: one at a time, and eight in flight at once
  TURN="{\"conversation_id\":\"$CONV\",\"message\":\"what's due this week?\"}"
  load "POST /api/v1/chat builtin, what's due this week? (1 in flight)" "$BASE/api/v1/chat" "Bearer $TOKEN" "" "" "$TURN" 1
  load "POST /api/v1/chat builtin, what's due this week? (8 in flight)" "$BASE/api/v1/chat" "Bearer $TOKEN" "" "" "$TURN" 8
  TURN="{\"conversation_id\":\"$CONV\",\"message\":\"add water plants tomorrow 5pm !high\"}"
  load "POST /api/v1/chat builtin, add … tomorrow 5pm (8 in flight)" "$BASE/api/v1/chat" "Bearer $TOKEN" "" "" "$TURN" 8
  echo "$label|peak RSS MB|$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status")" >>"$ROWS"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
done
python3 - "$ROWS" <<'PY'
import sys
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1])]
print("\n| server | route | req/s | p50 ms | p99 ms | errors | bytes sent | of the list |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
list_rps = {}
for row in rows:
    if len(row) == 3:
        print(f"| {row[0]} | {row[1]} | {row[2]} | | | | | |")
        continue
    label, name, result, size = row
    n, dur, p50, p99, errors = map(int, result.split())
    rps = n / (dur / 1e6)
    list_rps.setdefault(label, rps)
    print(f"| {label} | {name} | {rps:,.0f} | {p50 / 1000:.2f} | {p99 / 1000:.2f} | {errors} | {format(int(size), ',') if int(size) else '—'} | {rps / list_rps[label]:.1%} |")
PY
