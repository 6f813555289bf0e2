#!/usr/bin/env bash
# For every fixture app under FIXTURES/apps: apply it to a fresh database with psql, then
# `pgshift dump --format stats` must equal the catalog's counts kind by kind.
set -uo pipefail
bin=${1:?usage: catalog_counts.sh PGSHIFT FIXTURES}
fixtures=${2:?usage: catalog_counts.sh PGSHIFT FIXTURES}
source "$(dirname "$0")/server.sh"
failed=0; total=0
for dir in "$fixtures"/apps/*/; do
  name=$(basename "$dir"); total=$((total + 1))
  url=$(fresh_database "counts_$name")
  setup="$fixtures/apps/$name.setup.sql"
  [ -f "$setup" ] && psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$setup" >/dev/null
  if ! apply_migrations "$url" "$bin" "$dir"; then echo "FAIL $name: psql could not apply it"; failed=$((failed + 1)); continue; fi
  path=$(psql "$url" -X -A -t -c "show search_path")
  if differences=$(compare_counts "$url" "$bin" "$dir" --search-path "$path"); then
    echo "ok   $name"
  else
    echo "FAIL $name"; echo "$differences" | sed 's/^/     /'; failed=$((failed + 1))
  fi
done
echo "$((total - failed)) passed, $failed failed"
[ "$failed" = 0 ]
