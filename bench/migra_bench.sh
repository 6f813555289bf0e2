#!/usr/bin/env bash
# pgshift against @pgkit/migra (installed from npm into bench/.migra on first use) on the same
# pair of 1,000-table databases, about 5% of the tables changed in the second:
#   pgshift diff DB DB, pgshift db check (folder vs database) and migra DB DB,
# median of several runs each, printed with the ratio. Building the databases takes minutes.
#   bench/migra_bench.sh [TABLES] [RUNS]   (default: 1000 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build/pgshift"
tables=${1:-1000} runs=${2:-5}
source "$root/tests/server.sh"
migra_dir="$root/bench/.migra"
if [ ! -x "$migra_dir/node_modules/.bin/migra" ]; then
  mkdir -p "$migra_dir"
  echo '{"name": "pgshift-bench-migra", "private": true}' >"$migra_dir/package.json"
  (cd "$migra_dir" && npm install --no-audit --no-fund @pgkit/migra >/dev/null 2>&1)
fi
migra="$migra_dir/node_modules/.bin/migra"
work=$(mktemp -d)
trap 'rm -rf "$work"; stop_own_server' EXIT
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc; }
time_runs() { local i; for i in $(seq "$runs"); do seconds "$@"; done | median; }

"$root/build/pgshift_bench" "$tables" "$work/history" >/dev/null
before=$(fresh_database bench_migra_before)
psql "$before" -X -q -c "do \$\$ begin if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated; end if;
  if not exists (select from pg_roles where rolname = 'anon') then create role anon; end if; end \$\$" >/dev/null
apply_migrations "$before" "$bin" "$work/history"
psql "$PGSHIFT_TEST_URL" -X -q -c "drop database if exists bench_migra_after with (force)" -c "create database bench_migra_after template bench_migra_before" >/dev/null
after=$(database_url bench_migra_after)
# About 5% of the tables change: a column, a default, an index.
changed=$((tables / 20))
psql "$after" -X -q -v ON_ERROR_STOP=1 -At -c "select format('alter table %I.%I add column note_%s text default %L;', schemaname, tablename, n, 'x') ||
    format('create index on %I.%I (created_at);', schemaname, tablename)
  from (select schemaname, tablename, row_number() over (order by tablename) n from pg_tables where schemaname = 'public') t
  where n <= $changed" | psql "$after" -X -q -v ON_ERROR_STOP=1 >/dev/null
# A live database is vacuumed: freshly built catalogs full of dead rows would time the build, not the tools.
psql "$before" -X -q -c "vacuum analyze"; psql "$after" -X -q -c "vacuum analyze"
planned=$("$bin" diff "$before" "$after" --allow-hazards all | grep -c ';$')
echo "== $tables tables, $changed changed ($planned statements planned); median of $runs runs"
pgshift_diff=$(time_runs "$bin" diff "$before" "$after" --allow-hazards all)
pgshift_check=$(time_runs "$bin" check "$work/history" "$after")
migra_diff=$(time_runs "$migra" "$before" "$after" --unsafe)
printf '%-34s %6.2f s\n' "pgshift diff DB DB:" "$pgshift_diff" "pgshift db check (folder vs DB):" "$pgshift_check" "migra DB DB:" "$migra_diff"
printf 'migra / pgshift diff:  %.1fx\nmigra / pgshift check: %.1fx\n' "$(echo "$migra_diff / $pgshift_diff" | bc -l)" "$(echo "$migra_diff / $pgshift_check" | bc -l)"
