#!/usr/bin/env bash
# The floor of a Leptos bundle: `benches/floor`, the smallest app of the kind /tasks is, built as
# the app's bundle is (cargo-leptos --release: opt-level z, LTO, wasm-opt, type-erased views),
# without and with a router, and measured as `wasm_sizes` measures the app's (benches/lib.sh).
# What is left of issue 14's 250 KB for /tasks' own code is the target less this floor.
# On demand: about 6 minutes the first time (its own target dir), seconds after.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/lib.sh
# wasm-opt comes from the binaryen npm package scripts/setup.sh installs
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
command -v wasm-opt >/dev/null || { echo "wasm-opt missing: run scripts/setup.sh" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# outside the workspace, with its versions pinned by the app's lock file
cp -r benches/floor/. "$work/"
cp Cargo.lock "$work/"
target="${FLOOR_TARGET_DIR:-$HOME/.cache/taskpilot/floor-target}"
for variant in "" router; do
  features=()
  if [ -n "$variant" ]; then
    features=(--lib-features "hydrate,$variant" --bin-features "ssr,$variant")
  fi
  (cd "$work" && env -u RUSTFLAGS CARGO_TARGET_DIR="$target" \
    cargo leptos build --release --precompress "${features[@]}" >"$work/build.log" 2>&1) || { cat "$work/build.log" >&2; exit 1; }
  echo "### the floor ${variant:+with a }${variant:-without a router}"
  wasm_sizes "$work/target/site/pkg"
done
