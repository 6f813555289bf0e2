# Sourced by test scripts: a server URL in $PGSHIFT_TEST_URL, starting a private server when none
# is given (stopped when the script exits), and helpers for a fresh database per case.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
own_server_dir=""
# stop_own_server: stops the server this script started, never one it was given.
stop_own_server() { if [ -n "$own_server_dir" ]; then "$root/scripts/pg-test-server.sh" stop "$own_server_dir"; fi; }
if [ -z "${PGSHIFT_TEST_URL:-}" ]; then
  own_server_dir=$(mktemp -d /tmp/pgshift-test.XXXXXX)
  PGSHIFT_TEST_URL=$(PGSHIFT_PG_PORT=$((56000 + RANDOM % 2000)) "$root/scripts/pg-test-server.sh" start "$own_server_dir")
  export PGSHIFT_TEST_URL
  trap stop_own_server EXIT
fi

# database_url NAME: the server URL pointing at database NAME.
database_url() { echo "${PGSHIFT_TEST_URL/\/postgres\?//$1?}"; }

# fresh_database NAME: drop and create NAME; prints its URL.
fresh_database() {
  psql "$PGSHIFT_TEST_URL" -X -q -v ON_ERROR_STOP=1 -c "set client_min_messages = warning" -c "drop database if exists \"$1\" with (force)" -c "create database \"$1\"" >/dev/null
  database_url "$1"
}

# apply_migrations URL PGSHIFT SOURCE: each file in its own session, in pgshift's order.
apply_migrations() {
  local url=$1 bin=$2 source=$3 file
  while IFS= read -r file; do
    psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$file" >/dev/null 2>"$file.psql-err.$$" || { cat "$file.psql-err.$$" >&2; rm -f "$file.psql-err.$$"; return 1; }
    rm -f "$file.psql-err.$$"
  done < <("$bin" migration list "$source")
}

# compare_counts URL PGSHIFT [pgshift dump options...]: the catalog's counts against pgshift's.
# Prints the differing kinds; returns 1 when any differs.
compare_counts() {
  local url=$1 bin=$2; shift 2
  local catalog ours
  catalog=$(psql "$url" -X -A -t -F': ' -f "$root/tests/catalog_counts.sql") || return 2
  ours=$("$bin" dump "$@" --format stats 2>/dev/null | grep -v '^unmodelled:') || return 2
  diff <(echo "$catalog" | sort) <(echo "$ours" | sort) | grep '^[<>]' | sed 's/^</catalog/; s/^>/pgshift/'
  [ "${PIPESTATUS[0]}" = 0 ]
}
