#!/usr/bin/env bash
# Memory held for one account (run on demand, never as a test): signs up one user on a fresh
# SQLite file (no tasks: each page is ~30 bytes), then sends N task-list requests that each carry a new junk query
# parameter of SIZE bytes, and prints the server's resident memory (VmRSS) before and after.
# A list cache keyed by the raw query string grows by about N x SIZE; one keyed on the parsed
# query (and refusing unknown parameters with a 422) does not grow at all.
#
# Usage: benches/junk_queries.sh [N=20000] [SIZE=32000]   (hyper answers 414 past ~64 KB of URI)   (BIN=path to use a built server)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
SIZE=${2:-32000}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/taskpilot/target}"
if [ -z "${BIN:-}" ]; then
  unset RUSTFLAGS
  cargo build -q --release --features ssr --bin taskpilot
  BIN="$CARGO_TARGET_DIR/release/taskpilot"
fi
DIR=$(mktemp -d)
trap '[ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; rm -rf "$DIR"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DATABASE_URL="sqlite://$DIR/junk.db?mode=rwc" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_OUTPUT_NAME=taskpilot \
  RUST_LOG=warn RATE_LIMIT_SIGNUP_PER_IP=0 QUOTA_WRITES_PER_MINUTE=0 "$BIN" serve >"$DIR/server.log" 2>&1 & PID=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
python3 - "$PORT" "$PID" "$N" "$SIZE" <<'PY'
import http.client, json, os, sys
port, pid, n, size = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
conn = http.client.HTTPConnection("127.0.0.1", port)
body = json.dumps({"email": "junk@example.com", "password": "correct horse battery staple"})
conn.request("POST", "/api/v1/auth/signup", body, {"content-type": "application/json"})
res = conn.getresponse(); res.read()
cookie = res.getheader("set-cookie").split(";")[0]
origin = f"http://127.0.0.1:{port}"
h = {"cookie": cookie, "content-type": "application/json", "origin": origin}
conn.request("GET", "/api/v1/tasks", headers=h); conn.getresponse().read()
before = rss()
statuses = {}
for i in range(n):
    junk = (str(i) * size)[:size]
    conn.request("GET", f"/api/v1/tasks?junk={junk}", headers=h)
    r = conn.getresponse(); r.read()
    statuses[r.status] = statuses.get(r.status, 0) + 1
after = rss()
print(f"{n} list requests with a new {size}-byte junk parameter each: answers {statuses}")
print(f"server RSS: {before} MB before, {after} MB after (+{after - before} MB)")
PY
