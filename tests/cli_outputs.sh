#!/usr/bin/env bash
# What the pgshift binary prints, against golden files (tests/golden.sh; PGSHIFT_UPDATE_GOLDEN=1
# rewrites them):
#   - every fixture app's model: `pgshift dump fixtures/apps/X` is fixtures/apps/X.model.json;
#   - every bad input: in each folder fixtures/errors/<case>/, `pgshift ARGS` (one argument a line
#     in `args`, run in that folder) prints its exit status, standard error and standard output
#     as `expected` holds them.
# Paths are given relative to the repository (or the case), so the output does not depend on
# where it is checked out. No server is needed.
#   usage: cli_outputs.sh PGSHIFT FIXTURES
set -uo pipefail
bin=$(realpath "${1:?usage: cli_outputs.sh PGSHIFT FIXTURES}")
fixtures=${2:?usage: cli_outputs.sh PGSHIFT FIXTURES}
source "$(dirname "$0")/golden.sh"
cd "$fixtures/.." || exit 2
fixtures=$(basename "$fixtures")
failed=0; total=0
for dir in "$fixtures"/apps/*/; do
  app=${dir%/}; total=$((total + 1))
  if "$bin" dump "$app" 2>/dev/null | golden "$app.model.json"; then echo "ok   $app"; else echo "FAIL $app: model JSON"; failed=$((failed + 1)); fi
done
for dir in "$fixtures"/errors/*/; do
  case=${dir%/}; total=$((total + 1))
  mapfile -t args <"$case/args"
  work=$(mktemp -d)
  (cd "$case" && "$bin" "${args[@]}" >"$work/stdout" 2>"$work/stderr"; echo "exit $?" >"$work/status")
  if { cat "$work/status"; echo "--- stderr"; cat "$work/stderr"; echo "--- stdout"; cat "$work/stdout"; } | golden "$case/expected"; then
    echo "ok   $case"
  else
    echo "FAIL $case: pgshift ${args[*]}"; failed=$((failed + 1))
  fi
  rm -rf "$work"
done
echo "$((total - failed)) passed, $failed failed"
[ "$failed" = 0 ]
