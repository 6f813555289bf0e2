#!/usr/bin/env bash
# Benchmark (not a test): `pgshift db push` of N small migration files (default 200), side by side
# with a peer runner, dbmate (installed from npm into bench/.dbmate on first use; each file in one
# transaction with its schema_migrations row, as pgshift does), and with the server's own work for
# the same statements and rows (one psql session running every file in its transaction with its
# tracking row), each as milliseconds and as a ratio to pgshift; then the analysis alone
# (--dry-run: splitting, the hazards' replay and plans). bench/push_bench.sh [PGSHIFT] [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/pgshift}
count=${2:-200}
source "$root/tests/server.sh"
dbmate_dir="$root/bench/.dbmate"
if [ ! -x "$dbmate_dir/node_modules/.bin/dbmate" ]; then
  mkdir -p "$dbmate_dir"
  echo '{"name": "pgshift-bench-dbmate", "private": true}' >"$dbmate_dir/package.json"
  (cd "$dbmate_dir" && npm install --no-audit --no-fund dbmate >/dev/null 2>&1)
fi
dbmate="$dbmate_dir/node_modules/.bin/dbmate"
# dbmate's form of a libpq URL: a socket folder is `socket=`, and no TLS is tried.
dbmate_url() { local url=${1/host=\//socket=/}; echo "${url/postgresql:/postgres:}&sslmode=disable"; }
work=$(mktemp -d /tmp/pgshift-push-bench.XXXXXX)
trap 'rm -rf "$work"; stop_own_server' EXIT
mkdir -p "$work/supabase/migrations"
for i in $(seq 1 "$count"); do
  version=$(printf '2024%010d' "$i")
  cat > "$work/supabase/migrations/${version}_step_$i.sql" <<SQL
-- step $i
create table public.t_$i (id bigint generated always as identity primary key, name text not null, created_at timestamptz default now());
create index t_${i}_name on public.t_$i (name);
comment on table public.t_$i is 'step $i';
SQL
  # The same file for dbmate, which wants its up and down sections marked.
  mkdir -p "$work/dbmate"
  { echo "-- migrate:up"; cat "$work/supabase/migrations/${version}_step_$i.sql"; echo "-- migrate:down"; } > "$work/dbmate/${version}_step_$i.sql"
done
now_ms() { date +%s%3N; }
runs=3
best_push=999999 best_psql=999999 best_dry=999999 best_dbmate=999999
for run in $(seq 1 $runs); do
  url=$(fresh_database push_bench)
  start=$(now_ms); "$bin" db push --db-url "$url" --migrations "$work" --platform none >/dev/null 2>&1; end=$(now_ms)
  [ "$(psql "$url" -X -A -t -c "select count(*) from supabase_migrations.schema_migrations")" = "$count" ] || { echo "pgshift did not apply every file" >&2; exit 1; }
  [ $((end - start)) -lt $best_push ] && best_push=$((end - start))
  url=$(fresh_database push_bench)
  start=$(now_ms)
  "$dbmate" --url "$(dbmate_url "$url")" --migrations-dir "$work/dbmate" --no-dump-schema up >/dev/null
  end=$(now_ms)
  [ $((end - start)) -lt $best_dbmate ] && best_dbmate=$((end - start))
  [ "$(psql "$url" -X -A -t -c "select count(*) from schema_migrations")" = "$count" ] || { echo "dbmate did not apply every file" >&2; exit 1; }
  url=$(fresh_database push_bench)
  start=$(now_ms)
  "$bin" db push --db-url "$url" --migrations "$work" --platform none --dry-run >/dev/null 2>&1
  end=$(now_ms)
  [ $((end - start)) -lt $best_dry ] && best_dry=$((end - start))
  # The server's own work: the same files and rows in one session, one transaction each.
  {
    echo "SET client_min_messages = warning;"
    echo "CREATE SCHEMA IF NOT EXISTS supabase_migrations; CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY, statements text[], name text);"
    for file in "$work"/supabase/migrations/*.sql; do
      name=$(basename "$file" .sql)
      echo "BEGIN;"; cat "$file"; echo "INSERT INTO supabase_migrations.schema_migrations (version, name) VALUES ('${name%%_*}', '${name#*_}');"; echo "COMMIT;"
    done
  } > "$work/all.sql"
  start=$(now_ms); psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$work/all.sql" >/dev/null; end=$(now_ms)
  [ $((end - start)) -lt $best_psql ] && best_psql=$((end - start))
done
ratio() { awk -v a="$1" -v b="$best_push" 'BEGIN { printf "%.2f", a / b }'; }
echo "files: $count (3 statements each), best of $runs runs"
printf '%-52s %8s %10s\n' "" "ms" "/ pgshift"
printf '%-52s %8d %10s\n' "pgshift db push" "$best_push" "1.00"
printf '%-52s %8d %10s\n' "dbmate up (peer: a transaction and a row per file)" "$best_dbmate" "$(ratio "$best_dbmate")"
printf '%-52s %8d %10s\n' "psql, the same work in one session (the server's)" "$best_psql" "$(ratio "$best_psql")"
echo "dbmate / pgshift: $(ratio "$best_dbmate")x; pgshift adds $((best_push - best_psql)) ms beyond the server's own work,"
echo "of which the analysis (--dry-run on an empty database: split, hazards' replay and plans) takes ${best_dry} ms"
