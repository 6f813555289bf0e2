#!/usr/bin/env bash
# Every fixture app under FIXTURES/apps, applied with psql to a fresh database:
#   counts: `pgshift dump --format stats` must equal the catalog's counts kind by kind;
#   parity: `pgshift check APP DATABASE` must report no difference at all, also without asking
#     the database about expressions (--no-elaborate: the canonical forms alone agree), and where
#     $PGSHIFT_EXPRESSION_PRINTING names tests/expression_printing, the stored expressions pgshift
#     prints itself must equal the server's.
#   agree: `check` says equal exactly when `diff` plans nothing, folder to database and back, with
#     and without the database's help (tests/agree.sh).
#   usage: fixtures.sh counts|parity|agree PGSHIFT FIXTURES
set -uo pipefail
mode=${1:?usage: fixtures.sh counts|parity|agree PGSHIFT FIXTURES}
bin=${2:?usage: fixtures.sh counts|parity|agree PGSHIFT FIXTURES}
fixtures=${3:?usage: fixtures.sh counts|parity|agree PGSHIFT FIXTURES}
source "$(dirname "$0")/server.sh"
source "$(dirname "$0")/agree.sh"
failed=0; total=0
for dir in "$fixtures"/apps/*/; do
  name=$(basename "$dir"); total=$((total + 1))
  url=$(fresh_database "${mode}_$name")
  setup="$fixtures/apps/$name.setup.sql"
  [ -f "$setup" ] && psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$setup" >/dev/null
  apply_migrations "$url" "$bin" "$dir" || { echo "FAIL $name: psql could not apply it"; failed=$((failed + 1)); continue; }
  if [ "$mode" = counts ]; then
    path=$(psql "$url" -X -A -t -c "show search_path")
    # The catalog counts every object, the stand-in platform of supabase-app too: no platform, nothing left out.
    if report=$(compare_counts "$url" "$bin" "$dir" --search-path "$path" --platform none --include-managed); then status=0; else status=1; fi
  elif [ "$mode" = agree ]; then
    if report=$(agree_both_ways "$bin" "$dir" "$url"); then status=0; else status=1; fi
  else
    if report=$("$bin" check "$dir" "$url" 2>&1); then status=0; else status=1; fi
    if [ "$status" = 0 ]; then report=$("$bin" check "$dir" "$url" --no-elaborate 2>&1) || { status=1; report="without the database's help: $report"; }; fi
    if [ "$status" = 0 ] && [ -n "${PGSHIFT_EXPRESSION_PRINTING:-}" ]; then
      report=$("$PGSHIFT_EXPRESSION_PRINTING" "$url" 2>&1) || status=1
    fi
  fi
  if [ "$status" = 0 ]; then echo "ok   $name"; else echo "FAIL $name"; echo "$report" | sed 's/^/     /' | head -40; failed=$((failed + 1)); fi
done
echo "$((total - failed)) passed, $failed failed"
[ "$failed" = 0 ]
