#!/usr/bin/env bash
# Prints parse + replay throughput, and beside it the time PostgreSQL itself takes to apply the
# same history (psql into a throwaway server): the work pgshift saves a shadow-database tool.
#   bench/run.sh [TABLES]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tables=${1:-1000}
history=$(mktemp -d /tmp/pgshift-bench.XXXXXX)
"$root/build/pgshift_bench" "$tables" "$history"
for run in 2 3; do "$root/build/pgshift_bench" "$tables" "$history" | grep "parse + replay" | sed "s/^/run $run: /"; done
source "$root/tests/server.sh"
url=$(fresh_database bench_apply)
psql "$url" -X -q -c "do \$\$ begin if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated; end if;
  if not exists (select from pg_roles where rolname = 'anon') then create role anon; end if; end \$\$" >/dev/null
start=$(date +%s.%N)
apply_migrations "$url" "$root/build/pgshift" "$history"
end=$(date +%s.%N)
printf 'peer: PostgreSQL applying the same files with psql: %.2f s\n' "$(echo "$end - $start" | bc)"
rm -rf "$history"
