#!/usr/bin/env bash
# Times `pgshift check FOLDER DB` end to end, introspection alone (`pgshift dump DB`) and the
# folder alone, with peak memory, on generated databases of 1,000 and 10,000 tables (columns,
# indexes, foreign keys, policies, triggers, views); beside them, what bounds them from below
# (the server running the same catalog queries for psql, connecting) and pg_dump as a peer.
# Building the databases takes minutes; the timed runs do not.
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
queries="$root/src/introspect/queries"
{ echo "begin isolation level repeatable read read only;"
  cat "$queries/pin_session.sql"; echo ";"
  for query in "$queries"/*.sql; do
    case $(basename "$query") in pin_session.sql|expression_names.sql|expression_fallbacks.sql) continue ;; esac
    cat "$query"; echo ";"
  done
  echo "commit;"; } > "$work/catalog_queries.sql"
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
  for label in "check FOLDER DB" "introspection (dump DB)" "folder alone (dump FOLDER)"; do
    runs=()
    for run in 1 2 3 4 5; do
      case $label in
        check*) runs+=("$(measure "$bin" check "$history" "$url")") ;;
        introspection*) runs+=("$(measure "$bin" dump "$url" --format stats)") ;;
        *) runs+=("$(measure "$bin" dump "$history" --format stats)") ;;
      esac
    done
    seconds=$(printf '%s\n' "${runs[@]}" | cut -d' ' -f1 | median)
    memory=$(printf '%s\n' "${runs[@]}" | cut -d' ' -f2 | sort -n | tail -1)
    printf '%-28s median %5.2f s over 5 runs, peak %d MB\n' "$label:" "$seconds" "$((memory / 1024))"
  done
  # What no client can go below: the server running pgshift's own catalog queries in a fresh
  # session, results discarded (all but the two whose parameters come from the rows read), and
  # connecting alone. pg_dump --schema-only reads the same catalogs, as a peer.
  psql "$url" -X -q -A -t -o /dev/null -v ON_ERROR_STOP=1 -f "$work/catalog_queries.sql"  # they must run as written
  printf '%-28s median %5.2f s\n' "server's queries alone:" "$(for run in 1 2 3 4 5; do measure psql "$url" -X -q -A -t -o /dev/null -f "$work/catalog_queries.sql" | cut -d' ' -f1; done | median)"
  printf '%-28s median %5.2f s\n' "connecting alone:" "$(for run in 1 2 3 4 5; do measure psql "$url" -X -q -A -t -o /dev/null -c 'select 1' | cut -d' ' -f1; done | median)"
  # pg_dump locks every table it reads: past max_locks_per_transaction it stops.
  if pg_dump --schema-only -f /dev/null "$url" 2>"$work/pg_dump_error"; then
    printf '%-28s median %5.2f s\n' "pg_dump --schema-only:" "$(for run in 1 2 3; do measure pg_dump --schema-only -f /dev/null "$url" | cut -d' ' -f1; done | median)"
  else
    printf '%-28s %s\n' "pg_dump --schema-only:" "fails: $(grep -m1 error "$work/pg_dump_error")"
  fi
done
rm -rf "$work"
