#!/usr/bin/env bash
# The first load on a slow phone (run on demand, never as a test): builds the release app with
# its precompressed files (unless --no-build), serves it from a fresh SQLite database with one
# user who has 50 dated, tagged tasks and a 200-message conversation, and loads `/login`,
# `/tasks` and `/chat/{id}` in Debian's chromium with the CPU slowed 4x, 1.6 Mbps down and a
# 150 ms round trip, cold cache (benches/page_load.mjs). Prints first contentful paint, the
# moment the page is hydrated and the bytes transferred, the median of --runs loads.
#
# Usage: benches/page_load.sh [--no-build] [--runs N]
#   (BIN=path to serve another build, with its site in ./target/site: say an older commit's,
#   built by `cargo leptos build --release --precompress [--split]` in a worktree and measured from there; give the
#   worktree its own CARGO_TARGET_DIR, or cargo may take one checkout's wasm for the other's)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=1 RUNS=3
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) BUILD=0 ;;
    --runs) RUNS=$2; shift ;;
    *) echo "usage: benches/page_load.sh [--no-build] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/taskpilot/target}"
scripts/setup.sh --with-tests >&2
if [ "$BUILD" = 1 ]; then
  echo "building the release app…" >&2
  env -u RUSTFLAGS cargo leptos build --release --precompress --split >&2
fi
BIN="${BIN:-$CARGO_TARGET_DIR/release/taskpilot}"
DIR=$(mktemp -d)
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT
source benches/lib.sh
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
export DATABASE_URL="sqlite://$DIR/load.db?mode=rwc" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn
export LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=taskpilot
# hashed file names when the build wrote them (cargo-leptos puts hash.txt beside the binary);
# the site must be that build's (a debug build, the tests', writes its own into target/site)
HASHES="$(dirname "$BIN")/hash.txt"
if [ -f "$HASHES" ]; then
  export LEPTOS_HASH_FILES=true
  ls target/site/pkg/taskpilot."$(awk '$1 == "wasm:" {print $2}' "$HASHES")".wasm >/dev/null 2>&1 || {
    echo "target/site does not hold the build of $BIN: run without --no-build" >&2
    exit 1
  }
fi
"$BIN" migrate up >/dev/null
"$BIN" serve >"$DIR/server.log" 2>&1 & PID=$!
wait_healthy "$BASE"
bench_user "$BASE" load@example.com "$DIR/jar"
dated_tasks "$BASE" "$TOKEN" 50
CONV=$(python3 benches/seed.py "$DATABASE_URL" messages "$USER_ID" 200)
echo "CPU 4x slower, 1.6 Mbps down, 750 kbps up, 150 ms round trip, cold cache; median of $RUNS" >&2
node benches/page_load.mjs "$BASE" "$COOKIE" /login /tasks "/chat/$CONV" --runs "$RUNS"
