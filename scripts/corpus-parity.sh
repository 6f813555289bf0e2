#!/usr/bin/env bash
# For each entry of ../shared/corpus: apply it to a fresh database (baseline first), then
# `pgshift check FLATTENED_FOLDER DATABASE` must report no difference. Prints each entry's result,
# the differences found, and `N/M entries identical`. Skips (exit 0) when the corpus is absent.
#   usage: corpus-parity.sh [PGSHIFT] [ENTRY...]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/pgshift}; shift || true
corpus=${PGSHIFT_CORPUS:-$root/../shared/corpus}
[ -x "$corpus/apply.sh" ] || { echo "corpus not found at $corpus: skipped"; exit 0; }
source "$root/tests/server.sh"
work=$(mktemp -d); trap 'rm -rf "$work"; [ -n "${PGSHIFT_PG_DIR:-}" ] && "$root/scripts/pg-test-server.sh" stop "$PGSHIFT_PG_DIR"' EXIT
entries=("$@")
[ ${#entries[@]} -gt 0 ] || for e in "$corpus"/*/; do case "$(basename "$e")" in _*) ;; *) entries+=("$(basename "$e")") ;; esac; done
identical=0
for entry in "${entries[@]}"; do
  url=$(fresh_database "parity_$(echo "$entry" | tr -c 'a-zA-Z0-9_\n' _)")
  if ! "$corpus/apply.sh" "$url" "$entry" >"$work/apply.log" 2>&1; then
    echo "FAIL $entry: the corpus does not apply here ($(tail -1 "$work/apply.log"))"; continue
  fi
  "$corpus/flatten.sh" "$entry" "$work/$entry" 2>/dev/null
  "$bin" check "$work/$entry" "$url" >"$work/report" 2>"$work/err"
  status=$?
  if [ $status = 0 ]; then
    echo "ok   $entry"; identical=$((identical + 1))
  else
    echo "FAIL $entry (exit $status)"; sed 's/^/     /' "$work/report" "$work/err" | grep -v "not modelled" | head -${PGSHIFT_PARITY_LINES:-40}
  fi
done
echo "${identical}/${#entries[@]} entries identical"
