#!/usr/bin/env bash
# Durability harness (on demand): SIGKILL under writes, ROUNDS times, then SIGTERM with requests
# and assistant streams in flight; every acknowledged task must exist exactly once.
# Usage: benches/durability.sh [--postgres] [ROUNDS]   (30 rounds on SQLite, 5 on PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
BACKEND=sqlite
[ "${1:-}" = --postgres ] && { BACKEND=postgres; shift; }
ROUNDS=${1:-$([ $BACKEND = postgres ] && echo 5 || echo 30)}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/taskpilot/target}"
unset RUSTFLAGS
cargo build -q --release --features ssr --bin taskpilot
BIN="$CARGO_TARGET_DIR/release/taskpilot"
DIR=$(mktemp -d)
trap '[ "$BACKEND" = postgres ] && pg_stop; rm -rf "$DIR"' EXIT
if [ "$BACKEND" = postgres ]; then
  command -v psql >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null; }
  . scripts/pg.sh
  pg_start
  URL="$PG_URL"
else
  URL="sqlite://$DIR/durable.db?mode=rwc"
fi
DATABASE_URL="$URL" "$BIN" migrate up >/dev/null
python3 benches/durability.py "$BIN" "$URL" "$ROUNDS"
