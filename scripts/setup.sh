#!/usr/bin/env bash
# Installs whatever the build and the tests need and is not on this machine yet.
# Idempotent: every step checks first, so a warm run takes a second or two.
# Usage: scripts/setup.sh [--with-tests]   (--with-tests adds chromium, PostgreSQL, Playwright)
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.11
with_tests=false
[ "${1:-}" = "--with-tests" ] && with_tests=true

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

apt_updated=false
apt_install() {
  if [ "$apt_updated" = false ]; then
    log "apt-get update"
    apt-get update -qq
    apt_updated=true
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- Rust: the wasm target ------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# --- cargo-leptos ---------------------------------------------------------------------------
# `cargo install --locked` of 0.3.11 wants a cargo-util-schemas that needs a newer rustc, and its
# default features download tailwind/sass/wasm-opt binaries from the web. So: build it from its
# registry source with one dependency pinned back and the `no_downloads` feature.
if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 8 minutes on 2 cores, once)"
  src=$(ls -d "$HOME"/.cargo/registry/src/*/cargo-leptos-"$CARGO_LEPTOS_VERSION" 2>/dev/null | head -n1 || true)
  if [ -z "$src" ]; then
    # A throwaway crate that depends on cargo-leptos makes cargo download and unpack its source.
    tmp=$(mktemp -d)
    mkdir -p "$tmp/src" && echo 'fn main() {}' >"$tmp/src/main.rs"
    printf '[package]\nname = "fetch-cargo-leptos"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ncargo-leptos = "=%s"\n' \
      "$CARGO_LEPTOS_VERSION" >"$tmp/Cargo.toml"
    (cd "$tmp" && cargo fetch -q) || true
    rm -rf "$tmp"
    src=$(ls -d "$HOME"/.cargo/registry/src/*/cargo-leptos-"$CARGO_LEPTOS_VERSION" 2>/dev/null | head -n1 || true)
  fi
  [ -n "$src" ] || { echo "could not fetch the cargo-leptos source from the crate registry" >&2; exit 1; }
  build=$(mktemp -d)
  cp -r "$src"/. "$build"
  # The tool's own release profile asks for fat LTO in one codegen unit, which is most of its
  # build time; a build tool does not need that: no LTO, parallel codegen, opt-level 1.
  (cd "$build" && cargo update -q -p cargo-util-schemas --precise 0.14.1 &&
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false \
      cargo install -q --path . --locked --features no_downloads)
  rm -rf "$build"
fi

# --- wasm-bindgen CLI, exactly the version in Cargo.lock ------------------------------------
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$wb_version"; then
  log "installing wasm-bindgen-cli $wb_version"
  cargo install -q wasm-bindgen-cli --version "$wb_version" --force
fi

# --- Node packages: wasm-opt (binaryen) for release builds -------------------------------------
if [ ! -x node_modules/.bin/wasm-opt ]; then
  log "npm ci (binaryen)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$with_tests" = true ]; then
  # --- Debian's chromium for Playwright (never `npx playwright install`) -----------------------
  command -v chromium >/dev/null || apt_install chromium
  # --- PostgreSQL server binaries -----------------------------------------------------------
  if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql
  fi
  # --- Playwright ----------------------------------------------------------------------------
  if [ ! -d end2end/node_modules/@playwright/test ]; then
    log "npm ci in end2end/"
    (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
log "ready"
