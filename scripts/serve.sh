#!/usr/bin/env bash
# Installs what is missing, then builds and serves Taskpilot on http://127.0.0.1:3000 with the
# embedded defaults (SQLite under ./data, the builtin assistant). Pass --release for an
# optimised build. Configuration comes from the environment or .env (see .env.example).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/taskpilot/target}"
export RUST_BACKTRACE="${RUST_BACKTRACE:-0}"
# a release build also writes brotli and gzip twins of the static files, served as they are
for arg in "$@"; do [ "$arg" = --release ] && set -- "$@" --precompress && break; done
# --split: the pages loaded on demand (src/app.rs) go into their own wasm chunks; every build
# of the bundle needs it
exec cargo leptos serve --split "$@"
