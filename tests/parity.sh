#!/usr/bin/env bash
# Parity against a real server: every fixture app applied with psql to a fresh database must
# `pgshift check` equal to its folder: no difference at all.
set -uo pipefail
bin=${1:?usage: parity.sh PGSHIFT FIXTURES}
fixtures=${2:?usage: parity.sh PGSHIFT FIXTURES}
source "$(dirname "$0")/server.sh"
failed=0; total=0
for dir in "$fixtures"/apps/*/; do
  name=$(basename "$dir"); total=$((total + 1))
  url=$(fresh_database "parity_$name")
  setup="$fixtures/apps/$name.setup.sql"
  [ -f "$setup" ] && psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$setup" >/dev/null
  apply_migrations "$url" "$bin" "$dir" || { echo "FAIL $name: psql could not apply it"; failed=$((failed + 1)); continue; }
  if report=$("$bin" check "$dir" "$url" 2>&1); then
    echo "ok   $name"
  else
    echo "FAIL $name"; echo "$report" | sed 's/^/     /' | head -40; failed=$((failed + 1))
  fi
done
echo "$((total - failed)) passed, $failed failed"
[ "$failed" = 0 ]
