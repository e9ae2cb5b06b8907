#!/usr/bin/env bash
# The benchmark (run on demand, never as a test). Builds the release server and the ceiling
# binary, starts the server on loopback with a fresh database, seeds 10 000 users x 100 tasks plus
# a 10 000-message conversation, and loads each route with wrk over loopback — the server pinned
# to core 0, the load to core 1. Prints one table: req/s, p50, p99, errors, the server's peak
# RSS so far, and each route's throughput as a share of the ceiling (a minimal axum handler with
# a fixed small JSON body, benches/ceiling). Ends with the release wasm size.
#
# Usage: benches/run.sh [--postgres] [--seconds N] [--connections N] [--no-wasm]
set -euo pipefail
cd "$(dirname "$0")/.."
BACKEND=sqlite SECS=10 CONNS=50 WASM=1
while [ $# -gt 0 ]; do
  case $1 in
    --postgres) BACKEND=postgres ;;
    --seconds) SECS=$2; shift ;;
    --connections) CONNS=$2; shift ;;
    --no-wasm) WASM=0 ;;
    *) echo "usage: benches/run.sh [--postgres] [--seconds N] [--connections N] [--no-wasm]" >&2; exit 2 ;;
  esac
  shift
done
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/taskpilot/target}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
unset RUSTFLAGS
source benches/lib.sh
echo "building release binaries…" >&2
build_server
cargo build -q --release -p taskpilot-ceiling
BIN="$CARGO_TARGET_DIR/release/taskpilot"
CEILING="$CARGO_TARGET_DIR/release/taskpilot-ceiling"

DIR=$(mktemp -d)
ROWS="$DIR/rows"
cleanup() {
  for pid in ${PID:-} ${CPID:-}; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ "$BACKEND" = postgres ] && pg_stop
  rm -rf "$DIR"
}
trap cleanup EXIT
if [ "$BACKEND" = postgres ]; then
  . scripts/pg.sh
  pg_start >&2
  export DATABASE_URL="$PG_URL"
else
  export DATABASE_URL="sqlite://$DIR/bench.db?mode=rwc"
fi
export RUST_LOG=warn AI_PROVIDER=builtin
export RATE_LIMIT_LOGIN_PER_EMAIL=0 RATE_LIMIT_LOGIN_PER_IP=0 RATE_LIMIT_SIGNUP_PER_IP=0 RATE_LIMIT_CALENDAR_PER_IP=0
# the per-user quotas would turn the write rows into 429s after the first seconds
export QUOTA_WRITES_PER_MINUTE=0 QUOTA_MESSAGES_PER_DAY=0 QUOTA_TASKS=0
PORT=$(free_port)
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_OUTPUT_NAME=taskpilot LEPTOS_SITE_ROOT=target/site
"$BIN" migrate up >/dev/null
echo "seeding 10 000 users x 100 tasks ($BACKEND)…" >&2
python3 benches/seed.py "$DATABASE_URL" tasks 10000 100

taskset -c 0 "$BIN" serve >"$DIR/server.log" 2>&1 & PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
PASSWORD="correct horse battery staple"
curl -fs -o /dev/null -H 'content-type: application/json' -d "{\"email\":\"bench@example.com\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/signup"
curl -fs -o /dev/null -c "$DIR/jar" -H 'content-type: application/json' -d "{\"email\":\"bench@example.com\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login"
COOKIE=$(awk '$6 ~ /taskpilot/ {print $6 "=" $7}' "$DIR/jar")
TOKEN=$(curl -fs -b "$DIR/jar" -H "origin: $BASE" -H 'content-type: application/json' -d '{"name":"bench"}' "$BASE/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])')
USER_ID=$(curl -fs -H "authorization: Bearer $TOKEN" "$BASE/api/v1/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["id"])')
for i in $(seq 100); do
  curl -fs -o /dev/null -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"title\":\"bench task $i\",\"priority\":\"high\",\"tags\":[\"home\",\"errand\"],\"due_at\":\"2030-01-0$((i % 9 + 1))T10:00:00Z\"}" "$BASE/api/v1/tasks"
done
CONV=$(python3 benches/seed.py "$DATABASE_URL" messages "$USER_ID" 10000)
# a second user with 10 000 tasks in 20 projects, for the project list and the Today view
curl -fs -o /dev/null -H 'content-type: application/json' -d "{\"email\":\"projects@example.com\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/signup"
curl -fs -o /dev/null -c "$DIR/jar2" -H 'content-type: application/json' -d "{\"email\":\"projects@example.com\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login"
TOKEN2=$(curl -fs -b "$DIR/jar2" -H "origin: $BASE" -H 'content-type: application/json' -d '{"name":"bench"}' "$BASE/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])')
USER2=$(curl -fs -H "authorization: Bearer $TOKEN2" "$BASE/api/v1/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["id"])')
PROJECT=$(python3 benches/seed.py "$DATABASE_URL" projects "$USER2" 10000 20)
# that user's calendar feed (about 4 000 open, dated tasks), and its ETag for the polling row
CAL=$(curl -fs -b "$DIR/jar2" -H "origin: $BASE" -X POST "$BASE/api/v1/calendar" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
CAL_ETAG=$(curl -fs -D - -o /dev/null "$CAL" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
# 50 more users with real passwords for the sign-in burst
for i in $(seq 50); do
  curl -fs -o /dev/null -H 'content-type: application/json' -d "{\"email\":\"burst$i@example.com\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/signup"
done

CPORT=$(free_port)
taskset -c 0 "$CEILING" "127.0.0.1:$CPORT" & CPID=$!
CEILING_URL="http://127.0.0.1:$CPORT/"
for _ in $(seq 100); do curl -fs "$CEILING_URL" >/dev/null && break; sleep 0.1; done

# wrk reports through a Lua `done` hook: requests, duration (µs), p50 and p99 (µs), errors.
cat >"$DIR/bench.lua" <<'LUA'
wrk.method = os.getenv("B_METHOD") or "GET"
local body = os.getenv("B_BODY")
if body and body ~= "" then wrk.body = body; wrk.headers["content-type"] = "application/json" end
local auth = os.getenv("B_AUTH")
if auth and auth ~= "" then wrk.headers["authorization"] = auth end
local match = os.getenv("B_IF_NONE_MATCH")
if match and match ~= "" then wrk.headers["if-none-match"] = match end
local cookie = os.getenv("B_COOKIE")
if cookie and cookie ~= "" then wrk.headers["cookie"] = cookie end
wrk.headers["origin"] = os.getenv("B_ORIGIN")
local accept = os.getenv("B_ACCEPT")
if accept and accept ~= "" then wrk.headers["accept"] = accept end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
LUA
rss() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status"; }
# load NAME CONNS URL [METHOD BODY AUTH COOKIE]
load() {
  local name=$1 conns=$2 url=$3 method=${4:-GET} body=${5:-} auth=${6:-} cookie=${7:-}
  echo "· $name" >&2
  local out
  out=$(B_METHOD=$method B_BODY=$body B_AUTH=$auth B_COOKIE=$cookie B_ORIGIN=$BASE B_IF_NONE_MATCH=${B_IF_NONE_MATCH:-} \
    B_ACCEPT=${B_ACCEPT:-} taskset -c 1 wrk -t1 -c"$conns" -d"${SECS}s" -s "$DIR/bench.lua" "$url" | grep '^RESULT')
  echo "$name|$conns|${out#RESULT }|$(rss)" >>"$ROWS"
}
BEARER="Bearer $TOKEN"
load "ceiling: fixed JSON (benches/ceiling)" "$CONNS" "$CEILING_URL"
kill "$CPID"; wait "$CPID" 2>/dev/null || true; CPID=
load "GET /api/v1/tasks?limit=50" "$CONNS" "$BASE/api/v1/tasks?limit=50" GET "" "$BEARER"
load "GET /api/v1/tasks open, by due, tag+q" "$CONNS" "$BASE/api/v1/tasks?status=open&sort=due&tag=home&q=bench&limit=50" GET "" "$BEARER"
load "GET /api/v1/tasks?project= (10 000 tasks, 20 projects)" "$CONNS" "$BASE/api/v1/tasks?project=$PROJECT&limit=50" GET "" "Bearer $TOKEN2"
load "GET /api/v1/tasks Today (due today or overdue)" "$CONNS" "$BASE/api/v1/tasks?due=today_or_overdue&status=open&sort=due&limit=50" GET "" "Bearer $TOKEN2"
load "GET /cal/<secret>.ics (4 000 events)" 4 "$CAL"
B_IF_NONE_MATCH=$CAL_ETAG load "GET /cal/<secret>.ics, If-None-Match (304)" "$CONNS" "$CAL"
# MCP: one stateless tools/call of list_tasks per request, the same page as the JSON list row
MCP_LIST='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_tasks","arguments":{"status":"all"}}}'
B_ACCEPT="application/json, text/event-stream" load "POST /mcp tools/call list_tasks" "$CONNS" "$BASE/mcp" POST "$MCP_LIST" "$BEARER"
load "GET /tasks (server-rendered page)" "$CONNS" "$BASE/tasks" GET "" "" "$COOKIE"
load "GET 10 000-message thread, latest 50" "$CONNS" "$BASE/api/v1/conversations/$CONV/messages?limit=50" GET "" "$BEARER"
load "POST /api/v1/tasks (create)" "$CONNS" "$BASE/api/v1/tasks" POST '{"title":"wrk task","priority":"low","tags":["load"]}' "$BEARER"
load "builtin turn: what's due this week?" 8 "$BASE/api/v1/chat" POST "{\"conversation_id\":\"$CONV\",\"message\":\"what's due this week?\"}" "$BEARER"
load "builtin turn: what's due this week?" 1 "$BASE/api/v1/chat" POST "{\"conversation_id\":\"$CONV\",\"message\":\"what's due this week?\"}" "$BEARER"
load "builtin turn: add … tomorrow 5pm !high" 1 "$BASE/api/v1/chat" POST "{\"conversation_id\":\"$CONV\",\"message\":\"add water plants tomorrow 5pm !high\"}" "$BEARER"
load "builtin turn: add … tomorrow 5pm !high" 8 "$BASE/api/v1/chat" POST "{\"conversation_id\":\"$CONV\",\"message\":\"add water plants tomorrow 5pm !high\"}" "$BEARER"

# A 50-way sign-in burst while the list is under load.
echo "· sign-in burst under list load" >&2
(B_METHOD=GET B_AUTH=$BEARER B_ORIGIN=$BASE taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECS}s" -s "$DIR/bench.lua" \
  "$BASE/api/v1/tasks?limit=50" | grep '^RESULT' >"$DIR/under_burst") &
WRK=$!
sleep $((SECS / 3))
BURST=$(taskset -c 1 python3 - "$BASE" "$PASSWORD" <<'PY'
import json, sys, threading, time, urllib.request
base, password = sys.argv[1], sys.argv[2]
times, failures = [], []
def login(i):
    body = json.dumps({"email": f"burst{i}@example.com", "password": password}).encode()
    req = urllib.request.Request(base + "/api/v1/auth/login", data=body, headers={"content-type": "application/json"})
    t = time.perf_counter()
    try:
        urllib.request.urlopen(req, timeout=30).read()
        times.append(time.perf_counter() - t)
    except Exception as e:
        failures.append(str(e))
start = time.perf_counter()
threads = [threading.Thread(target=login, args=(i,)) for i in range(1, 51)]
for t in threads: t.start()
for t in threads: t.join()
times.sort()
print(f"{len(times)} {len(failures)} {time.perf_counter() - start:.2f} {times[len(times) // 2] * 1000:.0f} {times[-1] * 1000:.0f}" if times else f"0 {len(failures)} 0 0 0")
PY
)
wait $WRK
echo "GET /api/v1/tasks during a 50-way sign-in burst|$CONNS|$(sed 's/^RESULT //' "$DIR/under_burst")|$(rss)" >>"$ROWS"

python3 - "$ROWS" "$BURST" "$BACKEND" <<'PY'
import sys
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1])]
burst = sys.argv[2].split()
ceiling = None
print(f"\nTaskpilot benchmark, {sys.argv[3]} — server on core 0, wrk on core 1\n")
print("| route | conns | req/s | p50 ms | p99 ms | errors | peak RSS MB | of ceiling |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for name, conns, result, rss in rows:
    n, dur, p50, p99, errors = map(int, result.split())
    rps = n / (dur / 1e6)
    if ceiling is None:
        ceiling = rps
    print(f"| {name} | {conns} | {rps:,.0f} | {p50 / 1000:.2f} | {p99 / 1000:.2f} | {errors} | {rss} | {rps / ceiling:.0%} |")
ok, failed, wall, p50, worst = burst
print(f"\nsign-in burst: {ok} of 50 signed in ({failed} failed) in {wall} s; median {p50} ms, slowest {worst} ms")
PY
echo "server peak RSS: $(rss) MB"

if [ "$WASM" = 1 ]; then
  echo "building the release site for the wasm size…" >&2
  env -u RUSTFLAGS cargo leptos build --release --precompress --split >/dev/null 2>&1
  wasm_sizes target/site/pkg
fi
