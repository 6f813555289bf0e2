#!/usr/bin/env bash
# Times `pgshift check FOLDER DB` end to end and introspection alone (`pgshift dump DB`), with
# peak memory, on generated databases of 1,000 and 10,000 tables (columns, indexes, foreign keys,
# policies, triggers, views). Building the databases takes minutes; the timed runs do not.
#   bench/check_bench.sh [TABLES...]   (default: 1000 10000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build/pgshift"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
source "$root/tests/server.sh"
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
measure() {  # prints "seconds peak_kb" of one run of the command
  /usr/bin/time -f '%e %M' "$@" >/dev/null 2>"$work/time" || true
  tail -1 "$work/time"
}
work=$(mktemp -d)
for tables in "${sizes[@]}"; do
  history="$work/history_$tables"
  "$root/build/pgshift_bench" "$tables" "$history" >/dev/null
  url=$(fresh_database "bench_check_$tables")
  psql "$url" -X -q -c "do \$\$ begin if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated; end if;
    if not exists (select from pg_roles where rolname = 'anon') then create role anon; end if; end \$\$" >/dev/null
  build_start=$(date +%s)
  apply_migrations "$url" "$bin" "$history"
  psql "$url" -X -q -c "vacuum analyze"  # as a live database is: the build leaves dead catalog rows
  echo "== $tables tables ($(du -sh "$history" | cut -f1) of migrations; database built in $(( $(date +%s) - build_start )) s)"
  # The server's memory setup changes the figures by a quarter (docs/performance.md).
  echo "   server: shared_buffers $(psql "$url" -XAtc 'show shared_buffers'), huge_pages $(psql "$url" -XAtc 'show huge_pages')," \
       "$(awk '/HugePages_Total/ {print $2}' /proc/meminfo) huge pages reserved on this machine"
  "$bin" check "$history" "$url" >/dev/null || { echo "check found differences"; "$bin" check "$history" "$url" | tail -5; }
  for label in "check FOLDER DB" "introspection (dump DB)"; do
    runs=()
    for run in 1 2 3 4 5; do
      if [ "$label" = "check FOLDER DB" ]; then runs+=("$(measure "$bin" check "$history" "$url")"); else runs+=("$(measure "$bin" dump "$url" --format stats)"); fi
    done
    seconds=$(printf '%s\n' "${runs[@]}" | cut -d' ' -f1 | median)
    memory=$(printf '%s\n' "${runs[@]}" | cut -d' ' -f2 | sort -n | tail -1)
    printf '%-26s median %5.2f s over 5 runs, peak %d MB\n' "$label:" "$seconds" "$((memory / 1024))"
  done
done
rm -rf "$work"
