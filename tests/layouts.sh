#!/usr/bin/env bash
# Migration folders as their runners see them (docs/layouts.md). Each case fixtures/layouts/<case>/
# holds a project in `project/` and the schema its runner builds from it in `schema.sql`:
#   - `pgshift migration list project` prints what `expected` holds (exit status, the notes on
#     standard error, the files in order; golden, PGSHIFT_UPDATE_GOLDEN=1 rewrites it);
#   - `pgshift check project schema.sql` finds no difference, and neither does
#     `pgshift check project DATABASE` for a database that psql built from schema.sql (an order
#     the runner would not take, a file it would not run or a down section read fails here).
# The bad folders, with the messages users read, are in fixtures/errors/layout-*.
#   usage: layouts.sh PGSHIFT FIXTURES
set -uo pipefail
bin=$(realpath "${1:?usage: layouts.sh PGSHIFT FIXTURES}")
fixtures=$(realpath "${2:?usage: layouts.sh PGSHIFT FIXTURES}")
source "$(dirname "$0")/golden.sh"
source "$(dirname "$0")/server.sh"
failed=0; total=0
for dir in "$fixtures"/layouts/*/; do
  name=$(basename "$dir"); total=$((total + 1)); problem=""
  work=$(mktemp -d)
  (cd "$dir" && "$bin" migration list project >"$work/stdout" 2>"$work/stderr"; echo "exit $?" >"$work/status")
  if ! report=$({ cat "$work/status"; echo "--- stderr"; cat "$work/stderr"; echo "--- stdout"; cat "$work/stdout"; } | golden "$dir/expected"); then
    problem="migration list: $report"
  elif ! report=$(cd "$dir" && "$bin" check project schema.sql 2>&1); then
    problem="check project schema.sql: $report"
  else
    url=$(fresh_database "layouts_$name")
    if ! report=$(psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$dir/schema.sql" 2>&1); then
      problem="psql could not apply schema.sql: $report"
    elif ! report=$(cd "$dir" && "$bin" check project "$url" 2>&1); then
      problem="check project DATABASE: $report"
    fi
  fi
  rm -rf "$work"
  if [ -z "$problem" ]; then echo "ok   $name"; else echo "FAIL $name: $problem" | head -40; failed=$((failed + 1)); fi
done
echo "$((total - failed)) passed, $failed failed"
[ "$failed" = 0 ]
