#!/usr/bin/env bash
# For each entry of ../shared/corpus: apply it to a fresh database (baseline first), parse its
# flattened history with pgshift, and compare `dump --format stats` with the catalog's counts.
# Prints one line per entry and `N/M entries match`. Skips (exit 0) when the corpus is absent.
#   usage: corpus-counts.sh [PGSHIFT] [ENTRY...]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/pgshift}; shift || true
corpus=${PGSHIFT_CORPUS:-$root/../shared/corpus}
[ -x "$corpus/apply.sh" ] || { echo "corpus not found at $corpus: skipped"; exit 0; }
source "$root/tests/server.sh"
work=$(mktemp -d); trap 'rm -rf "$work"; [ -n "${PGSHIFT_PG_DIR:-}" ] && "$root/scripts/pg-test-server.sh" stop "$PGSHIFT_PG_DIR"' EXIT
entries=("$@")
[ ${#entries[@]} -gt 0 ] || for e in "$corpus"/*/; do case "$(basename "$e")" in _*) ;; *) entries+=("$(basename "$e")") ;; esac; done
match=0
for entry in "${entries[@]}"; do
  url=$(fresh_database "corpus_$(echo "$entry" | tr -c 'a-zA-Z0-9_\n' _)")
  if ! "$corpus/apply.sh" "$url" "$entry" >"$work/apply.log" 2>&1; then
    echo "FAIL $entry: the corpus does not apply here ($(tail -1 "$work/apply.log"))"; continue
  fi
  "$corpus/flatten.sh" "$entry" "$work/$entry" 2>/dev/null
  path=$(psql "$url" -X -A -t -c "show search_path")
  if ! "$bin" dump "$work/$entry" --search-path "$path" --format stats >/dev/null 2>"$work/err"; then
    echo "FAIL $entry: $(head -3 "$work/err" | tr '\n' ' ')"; continue
  fi
  if differences=$(compare_counts "$url" "$bin" "$work/$entry" --search-path "$path"); then
    echo "ok   $entry"; match=$((match + 1))
  else
    echo "FAIL $entry"; echo "$differences" | sed 's/^/     /'
  fi
done
echo "${match}/${#entries[@]} entries match"
