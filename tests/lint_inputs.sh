#!/usr/bin/env bash
# `pgshift lint` on every input it should read without error: each fixture app, the Supabase
# fixture project, and each corpus entry as its team has it (scripts/corpus-projects.sh). Exit
# status 0 or 1 (findings), nothing on stderr but findings' absence of errors. Without the corpus
# the fixtures still run, then it exits 77 (skipped).
#   usage: lint_inputs.sh PGSHIFT FIXTURES
set -uo pipefail
bin=${1:?usage: lint_inputs.sh PGSHIFT FIXTURES}
fixtures=${2:?usage: lint_inputs.sh PGSHIFT FIXTURES}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
: >"$work/empty.toml"
mapfile -t corpus_projects < <("$root/scripts/corpus-projects.sh" "$work/corpus")
failed=0
for source in "$fixtures"/apps/*/ "$fixtures"/projects/*/ "${corpus_projects[@]}"; do
  "$bin" lint "$source" --config "$work/empty.toml" --format json >"$work/out.json" 2>"$work/err.txt"
  status=$?
  if [ "$status" -gt 1 ] || [ -s "$work/err.txt" ]; then
    echo "FAIL $source: exit $status"; sed 's/^/     /' "$work/err.txt" | head -10; failed=$((failed + 1)); continue
  fi
  echo "ok   $source ($(grep -c '"rule":' "$work/out.json") findings)"
done
[ "$failed" = 0 ] || exit 1
[ ${#corpus_projects[@]} -gt 0 ] || { echo "corpus not found: skipped"; exit 77; }
