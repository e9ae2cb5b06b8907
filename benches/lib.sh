# Shared by the benchmarks (benches/run.sh, benches/pages.sh, benches/page_load.sh); sourced, never
# run.

# build_server: the release server as `cargo leptos build --release` builds it. This project
# erases component types in release builds too (`always-erase-components`, for the wasm's size),
# and an erased server writes different hydration markers, so the server must be built the same
# way as the wasm it serves — and a bench measures what users run.
build_server() {
  RUSTFLAGS="--cfg erase_components" cargo build -q --release --no-default-features --features ssr --bin taskpilot
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_healthy BASE: until the server at BASE answers /healthz (10 s at most)
wait_healthy() {
  for _ in $(seq 100); do curl -fs "$1/healthz" >/dev/null && break; sleep 0.1; done
}

# bench_user BASE EMAIL JAR: signs up and in, then sets COOKIE (the session), TOKEN (an API token)
# and USER_ID.
bench_user() {
  local base=$1 email=$2 jar=$3
  local account="{\"email\":\"$email\",\"password\":\"correct horse battery staple\"}"
  curl -fs -o /dev/null -H 'content-type: application/json' -d "$account" "$base/api/v1/auth/signup"
  rm -f "$jar"
  curl -fs -o /dev/null -c "$jar" -H 'content-type: application/json' -d "$account" "$base/api/v1/auth/login"
  COOKIE=$(awk '$6 ~ /taskpilot/ {print $6 "=" $7}' "$jar")
  TOKEN=$(curl -fs -b "$jar" -H "origin: $base" -H 'content-type: application/json' -d '{"name":"bench"}' "$base/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])')
  USER_ID=$(curl -fs -H "authorization: Bearer $TOKEN" "$base/api/v1/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["id"])')
}

# dated_tasks BASE TOKEN N: N tasks through the API, each with a due date, a priority and two tags
dated_tasks() {
  local base=$1 token=$2 n=$3 prios=(low medium high)
  for i in $(seq "$n"); do
    curl -fs -o /dev/null -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d "{\"title\":\"bench task number $i\",\"priority\":\"${prios[$((i % 3))]}\",\"tags\":[\"home\",\"errand\"],\"due_at\":\"2030-01-$(printf %02d $((i % 28 + 1)))T10:00:00Z\"}" "$base/api/v1/tasks"
  done
}

# wasm_sizes PKG_DIR: each wasm file of a release build — the main bundle first, then the chunks
# loaded on demand — raw, `gzip -9` and brotli (the precompressed twin the server sends, when the
# build wrote one), and the totals.
wasm_sizes() {
  python3 - "$1" <<'PY'
import gzip, os, re, sys
pkg = sys.argv[1]
files = sorted((f for f in os.listdir(pkg) if f.endswith(".wasm")),
               key=lambda f: (not f.startswith("taskpilot."), f))
rows, total = [], [0, 0, 0]
for f in files:
    raw = open(os.path.join(pkg, f), "rb").read()
    br = os.path.join(pkg, f + ".br")
    sizes = [len(raw), len(gzip.compress(raw, 9)), os.path.getsize(br) if os.path.exists(br) else 0]
    total = [a + b for a, b in zip(total, sizes)]
    name = re.sub(r"\.[A-Za-z0-9_-]{22}\.wasm$", ".wasm", f)
    rows.append((name, *sizes))
rows.append(("all files", *total))
print("| wasm file | raw | gzip -9 | brotli (as sent) |\n| --- | ---: | ---: | ---: |")
for name, raw, gz, br in rows:
    print(f"| {name} | {raw:,} | {gz:,} | {br:,} |".replace(",", " "))
PY
}
