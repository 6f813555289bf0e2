#!/usr/bin/env bash
# Benchmark (not a test): `pgshift db push` of N small migration files (default 200), against the
# server's own work for the same statements and rows (one psql session running every file in its
# transaction with its tracking row), and the analysis alone (--dry-run: splitting, the
# hazards' replay and plans). Prints milliseconds: bench/push_bench.sh [PGSHIFT] [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/pgshift}
count=${2:-200}
source "$root/tests/server.sh"
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
done
now_ms() { date +%s%3N; }
runs=3
best_push=999999 best_psql=999999 best_dry=999999
for run in $(seq 1 $runs); do
  url=$(fresh_database push_bench)
  start=$(now_ms); "$bin" db push --db-url "$url" --migrations "$work" --platform none >/dev/null 2>&1; end=$(now_ms)
  [ $((end - start)) -lt $best_push ] && best_push=$((end - start))
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
echo "files: $count (3 statements each), best of $runs runs"
echo "pgshift db push:                 ${best_push} ms"
echo "psql, same work in one session:  ${best_psql} ms   (the server's own work, and psql's)"
echo "pgshift adds:                    $((best_push - best_psql)) ms"
echo "of which the analysis (--dry-run on an empty database: split, hazards' replay and plans): ${best_dry} ms"
