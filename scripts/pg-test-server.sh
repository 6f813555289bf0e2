#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: unix socket in a temp dir, no TCP, fsync off.
#   pg-test-server.sh start [DIR]   initialise and start; prints the connection URL
#   pg-test-server.sh stop  [DIR]   stop and delete the cluster
#   pg-test-server.sh url   [DIR]   print the URL of a running cluster
# DIR defaults to $PGSHIFT_PG_DIR or /tmp/pgshift-pg. initdb refuses root, so as root the cluster
# runs as the `postgres` user.
set -euo pipefail
cmd=${1:?usage: pg-test-server.sh start|stop|url [DIR]}
dir=${2:-${PGSHIFT_PG_DIR:-/tmp/pgshift-pg}}
bin=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || dirname "$(command -v pg_ctl)")
port=${PGSHIFT_PG_PORT:-55432}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
url() { echo "postgresql://postgres@/postgres?host=$dir/socket&port=$port"; }

case "$cmd" in
  start)
    if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then url; exit 0; fi
    rm -rf "$dir"
    mkdir -p "$dir/socket"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
      "-c listen_addresses='' -c unix_socket_directories='$dir/socket' -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    url
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  url) url ;;
  *) echo "usage: pg-test-server.sh start|stop|url [DIR]" >&2; exit 2 ;;
esac
