# Sourced by scripts: pg_start starts a throwaway PostgreSQL on a free loopback port in a temp
# dir and exports PG_URL; pg_stop stops it and removes the dir. initdb refuses root, so the
# server runs as the `postgres` user.
pg_bin() {
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; else ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1; fi
}

pg_start() {
  local bin; bin=$(pg_bin)
  PG_TMP=$(mktemp -d)
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local run=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres: "$PG_TMP"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$PG_TMP/data" -U app --auth=trust -E UTF8 --no-locale >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
    -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  export PG_URL="postgres://app@127.0.0.1:$PG_PORT/postgres"
  PG_RUN=("${run[@]}")
  echo "PostgreSQL on 127.0.0.1:$PG_PORT"
}

pg_stop() {
  [ -n "${PG_TMP:-}" ] || return 0
  "${PG_RUN[@]}" "$(pg_bin)/pg_ctl" -D "$PG_TMP/data" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
  PG_TMP=
}
