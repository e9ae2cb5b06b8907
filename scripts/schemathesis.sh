#!/usr/bin/env bash
# Property-based API testing: schemathesis (from PyPI, into a venv outside the clone) generates
# requests from /api/v1/openapi.json and runs them as a signed-in user (bearer token) against
# the real server on a fresh SQLite file. Passes when no response is a 5xx and every response
# matches the document (status codes, content types, headers, bodies).
# Usage: scripts/schemathesis.sh [MAX_EXAMPLES=40]
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES=${1:-40}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/taskpilot/target}"
export RUSTFLAGS="${RUSTFLAGS:---cfg erase_components}"
VENV="${TASKPILOT_VENV:-$HOME/.cache/taskpilot/venv}"
[ -x "$VENV/bin/schemathesis" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q 'schemathesis>=4,<5'; }
# The test command passes the server `cargo test` has just built for the API tests (building it
# again with `cargo build` is another profile, and recompiled the whole crate: 90 s of a warm run).
if [ -n "${TASKPILOT_BIN:-}" ]; then
  BIN="$TASKPILOT_BIN"
else
  cargo build -q --features ssr --bin taskpilot
  BIN="$CARGO_TARGET_DIR/debug/taskpilot"
fi
DIR=$(mktemp -d)
trap '[ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; rm -rf "$DIR"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
DATABASE_URL="sqlite://$DIR/st.db?mode=rwc" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_OUTPUT_NAME=taskpilot \
  RUST_LOG=warn RATE_LIMIT_LOGIN_PER_EMAIL=0 RATE_LIMIT_LOGIN_PER_IP=0 RATE_LIMIT_SIGNUP_PER_IP=0 \
  QUOTA_WRITES_PER_MINUTE=0 QUOTA_MESSAGES_PER_DAY=0 \
  "$BIN" serve >"$DIR/server.log" 2>&1 & PID=$!
for _ in $(seq 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
PASSWORD="correct horse battery staple"
curl -fs -o /dev/null -c "$DIR/jar" -H 'content-type: application/json' \
  -d "{\"email\":\"schema@example.com\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/signup"
TOKEN=$(curl -fs -b "$DIR/jar" -H "origin: $BASE" -H 'content-type: application/json' -d '{"name":"schemathesis"}' \
  "$BASE/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])')
# Sign-out, account deletion and token revocation would end the run's own authentication; the
# event stream never ends by design (tests/api/reminders.rs reads it).
status=0
"$VENV/bin/schemathesis" run "$BASE/api/v1/openapi.json" --url "$BASE" \
  -H "Authorization: Bearer $TOKEN" -H "Origin: $BASE" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --exclude-path /api/v1/auth/logout --exclude-path /api/v1/me --exclude-path /api/v1/events --exclude-method DELETE \
  --max-examples "$EXAMPLES" --generation-deterministic --no-color --request-timeout 10 || status=$?
if grep -q "panicked" "$DIR/server.log"; then echo "the server panicked:"; grep -A3 panicked "$DIR/server.log"; status=1; fi
exit $status
