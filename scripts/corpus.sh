#!/usr/bin/env bash
# Runs pgshift over each entry of ../shared/corpus (real public migration histories). Each entry is
# applied to a fresh database (baseline first) and flattened into one migrations folder; then
#   counts: `pgshift dump --format stats` must equal the catalog's counts, kind by kind;
#   parity: `pgshift check FOLDER DATABASE` must report no difference (and where
#     $PGSHIFT_EXPRESSION_PRINTING names tests/expression_printing, the stored expressions
#     pgshift prints itself must equal the server's);
#   agree: `check` says equal exactly when `diff` plans nothing (tests/agree.sh), between the
#     folder and the database both ways, and between the first half of the folder and the database;
#   converge: a database holding the first half of the history, planned with `pgshift diff` to
#     the whole history and the plan applied, must then `check` equal to the folder.
# Prints one line per entry and `N/M entries match` (counts), `N/M entries identical` (parity)
# `N/M entries agree` (agree) or `N/M converged` (converge).
# Skips (exit 0, printing "...: skipped") when the corpus is absent.
#   usage: corpus.sh counts|parity|agree|converge [PGSHIFT] [ENTRY...]
set -uo pipefail
mode=${1:?usage: corpus.sh counts|parity|agree|converge [PGSHIFT] [ENTRY...]}; shift
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/pgshift}; shift || true
source "$root/scripts/corpus-dir.sh"
[ -x "$corpus/apply.sh" ] || { echo "corpus not found at $corpus: skipped"; exit 0; }
source "$root/tests/server.sh"
source "$root/tests/agree.sh"
work=$(mktemp -d); trap 'rm -rf "$work"; stop_own_server' EXIT
entries=("$@")
[ ${#entries[@]} -gt 0 ] || for e in "$corpus"/*/; do case "$(basename "$e")" in _*) ;; *) entries+=("$(basename "$e")") ;; esac; done
good=0
for entry in "${entries[@]}"; do
  url=$(fresh_database "corpus_$(echo "$entry" | tr -c 'a-zA-Z0-9_\n' _)")
  if [ "$mode" = converge ]; then
    "$corpus/flatten.sh" "$entry" "$work/$entry" 2>/dev/null
    mkdir -p "$work/$entry.half"
    mapfile -t files < <(ls "$work/$entry" | sort)
    for f in "${files[@]:0:$(( (${#files[@]} + 1) / 2 ))}"; do cp "$work/$entry/$f" "$work/$entry.half/"; done
    status=0
    [ -f "$work/$entry.setup.sql" ] && { psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$work/$entry.setup.sql" >/dev/null 2>&1 || status=1; }
    for f in "$work/$entry.half"/*.sql; do psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$f" >/dev/null 2>"$work/apply.log" || status=1; done
    if [ "$status" != 0 ]; then echo "FAIL $entry: the first half does not apply ($(tail -1 "$work/apply.log"))"; continue; fi
    if ! report=$("$bin" diff "$url" "$work/$entry" --allow-hazards all -o "$work/plan.sql" 2>&1); then
      echo "FAIL $entry: planning"; echo "$report" | sed 's/^/     /' | head -20; continue
    fi
    if ! report=$(psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$work/plan.sql" 2>&1 >/dev/null); then
      echo "FAIL $entry: applying the plan ($(grep -c ';$' "$work/plan.sql") statements)"; echo "$report" | sed 's/^/     /' | head -20; continue
    fi
    if report=$("$bin" check "$work/$entry" "$url" 2>&1); then
      echo "ok   $entry ($(grep -c ';$' "$work/plan.sql") statements)"; good=$((good + 1))
    else
      echo "FAIL $entry: not converged"; echo "$report" | grep -v "not modelled" | sed 's/^/     /' | head -"${PGSHIFT_REPORT_LINES:-40}"
    fi
    continue
  fi
  if ! "$corpus/apply.sh" "$url" "$entry" >"$work/apply.log" 2>&1; then
    echo "FAIL $entry: the corpus does not apply here ($(tail -1 "$work/apply.log"))"; continue
  fi
  "$corpus/flatten.sh" "$entry" "$work/$entry" 2>/dev/null
  if [ "$mode" = agree ]; then
    mkdir -p "$work/$entry.half"
    mapfile -t files < <(ls "$work/$entry" | sort)
    for f in "${files[@]:0:$(( (${#files[@]} + 1) / 2 ))}"; do cp "$work/$entry/$f" "$work/$entry.half/"; done
    report=$(failed=0
      agree_both_ways "$bin" "$work/$entry" "$url" || failed=1
      agree_both_ways "$bin" "$work/$entry.half" "$url" || failed=1
      exit $failed) && status=0 || status=1
  elif [ "$mode" = counts ]; then
    path=$(psql "$url" -X -A -t -c "show search_path")
    if report=$(compare_counts "$url" "$bin" "$work/$entry" --search-path "$path" 2>&1); then status=0; else status=1; fi
  else
    if report=$("$bin" check "$work/$entry" "$url" 2>&1); then status=0; else status=$?; fi
    if [ "$status" = 0 ] && [ -n "${PGSHIFT_EXPRESSION_PRINTING:-}" ]; then
      report=$("$PGSHIFT_EXPRESSION_PRINTING" "$url" 2>&1) || status=1
    fi
  fi
  if [ "$status" = 0 ]; then
    echo "ok   $entry"; good=$((good + 1))
  else
    echo "FAIL $entry"; echo "$report" | grep -v "not modelled" | sed 's/^/     /' | head -"${PGSHIFT_REPORT_LINES:-40}"
  fi
done
case "$mode" in
  counts) echo "${good}/${#entries[@]} entries match" ;;
  parity) echo "${good}/${#entries[@]} entries identical" ;;
  agree) echo "${good}/${#entries[@]} entries agree" ;;
  *) echo "${good}/${#entries[@]} converged" ;;
esac
