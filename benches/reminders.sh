#!/usr/bin/env bash
# Reminders and live events under load (run on demand, never as a test). Builds the release
# server, starts it on loopback with a fresh database (SQLite; --postgres for a throwaway
# PostgreSQL), then:
#  1. 10 000 reminders due within the same 10 seconds, over 20 users: how long until every one
#     has fired, and how late each fired (its instant → its notification: p50, p99, max);
#  2. 1 000 open event streams (`GET /api/v1/events`, 50 users x 20): the server's RSS with them
#     open, the JSON list's req/s and p99 meanwhile (wrk, 50 connections), and how long one
#     change takes to reach all 1 000 streams.
# Usage: benches/reminders.sh [--postgres] [--reminders N] [--streams N]
set -euo pipefail
cd "$(dirname "$0")/.."
BACKEND=sqlite REMINDERS=10000 STREAMS=1000
while [ $# -gt 0 ]; do
  case $1 in
    --postgres) BACKEND=postgres ;;
    --reminders) REMINDERS=$2; shift ;;
    --streams) STREAMS=$2; shift ;;
    *) echo "usage: benches/reminders.sh [--postgres] [--reminders N] [--streams N]" >&2; exit 2 ;;
  esac
  shift
done
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/taskpilot/target}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
unset RUSTFLAGS
echo "building the release server…" >&2
cargo build -q --release --features ssr --bin taskpilot
BIN="$CARGO_TARGET_DIR/release/taskpilot"
DIR=$(mktemp -d)
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null || true
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
ulimit -n 65536 2>/dev/null || ulimit -n 8192
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_OUTPUT_NAME=taskpilot LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
export RATE_LIMIT_LOGIN_PER_EMAIL=0 RATE_LIMIT_LOGIN_PER_IP=0 RATE_LIMIT_SIGNUP_PER_IP=0
export QUOTA_WRITES_PER_MINUTE=0 QUOTA_TASKS=0 EVENTS_STREAMS_PER_USER=1000
taskset -c 0 "$BIN" serve >"$DIR/server.log" 2>&1 & PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done

taskset -c 1 python3 - "$BASE" "$PID" "$REMINDERS" "$STREAMS" <<'PY'
import asyncio, datetime, http.client, json, subprocess, sys, time
base, pid, reminders, streams = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
host, port = base.removeprefix("http://").split(":")
PASSWORD = "correct horse battery staple"

def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024

class Api:
    """One keep-alive connection, as one user."""
    def __init__(self, email):
        self.conn = http.client.HTTPConnection(host, int(port))
        body = json.dumps({"email": email, "password": PASSWORD})
        self.conn.request("POST", "/api/v1/auth/signup", body, {"content-type": "application/json"})
        r = self.conn.getresponse(); r.read()
        cookie = r.getheader("set-cookie").split(";")[0]
        self.conn.request("POST", "/api/v1/tokens", json.dumps({"name": "bench"}),
                          {"content-type": "application/json", "cookie": cookie, "origin": base})
        self.token = json.loads(self.conn.getresponse().read())["value"]
    def call(self, method, path, body=None):
        headers = {"authorization": f"Bearer {self.token}", "content-type": "application/json"}
        self.conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        r = self.conn.getresponse()
        data = r.read()
        assert r.status < 300, (r.status, data[:200])
        return json.loads(data) if data else None

def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).isoformat()

def parse(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()

# 1. reminders
users = [Api(f"remind{i}@example.com") for i in range(20)]
per_user = reminders // len(users)
start = time.time() + 5 + reminders / 800  # after the seeding is done
t0 = time.time()
for u in users:
    for i in range(per_user):
        u.call("POST", "/api/v1/tasks", {"title": f"task {i}", "reminders": [{"at": iso(start + (i % 100) / 10)}]})
print(f"seeded {per_user * len(users)} reminders in {time.time() - t0:.1f} s; they fall due over 10 s", flush=True)
late, fired_at = [], 0.0
while True:
    total = sum(u.call("GET", "/api/v1/notifications?limit=1")["unread"] for u in users)
    if total >= per_user * len(users):
        fired_at = time.time()
        break
    if time.time() > start + 120:
        print(f"only {total} fired after two minutes"); break
    time.sleep(0.5)
for u in users:
    cursor = None
    while True:
        page = u.call("GET", "/api/v1/notifications?limit=100" + (f"&cursor={cursor}" if cursor else ""))
        late += [parse(n["created_at"]) - parse(n["fire_at"]) for n in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
late.sort()
pct = lambda p: late[min(len(late) - 1, int(len(late) * p))] * 1000
print(f"reminders: {len(late)} notifications; the last due at +10.0 s, all fired by +{fired_at - start:.1f} s "
      f"(polled every 0.5 s); lateness p50 {pct(0.5):.0f} ms, p99 {pct(0.99):.0f} ms, max {late[-1] * 1000:.0f} ms; "
      f"server RSS {rss()} MB", flush=True)

# 2. streams
watchers = [Api(f"watch{i}@example.com") for i in range(max(1, streams // 20))]
async def open_stream(token, ready, heard):
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(f"GET /api/v1/events HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    buffer = b""
    seen_ready = False
    while True:
        chunk = await reader.read(65536)
        if not chunk:
            return
        buffer += chunk
        if not seen_ready and b"event: ready" in buffer:
            seen_ready = True
            ready.release()
        if b"event: task" in buffer:
            heard.append(time.time())
            buffer = b""
async def main():
    ready = asyncio.Semaphore(0)
    heard = []
    before = rss()
    tasks = [asyncio.create_task(open_stream(watchers[i % len(watchers)].token, ready, heard)) for i in range(streams)]
    for _ in range(streams):
        await asyncio.wait_for(ready.acquire(), 60)
    with_streams = rss()
    print(f"streams: {streams} open; server RSS {before} MB before, {with_streams} MB with them open", flush=True)
    wrk = await asyncio.create_subprocess_exec("taskset", "-c", "1", "wrk", "-t1", "-c50", "-d8s", "--latency",
        "-H", f"authorization: Bearer {users[0].token}", f"{base}/api/v1/tasks?limit=50",
        stdout=asyncio.subprocess.PIPE)
    out, _ = await wrk.communicate()
    lines = out.decode().splitlines()
    rps = next(l for l in lines if l.startswith("Requests/sec")).split()[-1]
    p99 = next(l for l in lines if l.strip().startswith("99%")).split()[-1]
    print(f"streams: GET /api/v1/tasks?limit=50 with {streams} streams open: {rps} req/s, p99 {p99}", flush=True)
    # one change per watcher user reaches that user's 20 streams: all of them, timed
    t = time.time()
    for w in watchers:
        await asyncio.to_thread(w.call, "POST", "/api/v1/tasks", {"title": "seen everywhere"})
    deadline = time.time() + 30
    while len(heard) < streams and time.time() < deadline:
        await asyncio.sleep(0.01)
    print(f"streams: {len(watchers)} changes (one per user) reached {len(heard)} of {streams} streams; "
          f"the last {(max(heard) - t) * 1000 if heard else float('nan'):.0f} ms after the first change was sent; "
          f"server peak RSS {rss()} MB", flush=True)
    for task in tasks:
        task.cancel()
asyncio.run(main())
PY
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status") MB"
