#!/usr/bin/env bash
# pgshift lint against squawk on the shared corpus: every entry as its team has it
# (scripts/corpus-projects.sh), one `pgshift lint` per entry (replaying the whole history, then
# the statement and schema rules) against one `squawk` per entry on the same files (each file
# alone). Best of 3 runs each; prints both totals and the ratio. Not a test: it prints figures.
#   bench/lint_bench.sh [PGSHIFT]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/pgshift}
peers=$("$root/scripts/lint-peers.sh" "$(dirname "$bin")/lint-peers")
squawk=$peers/@squawk-cli/linux-x64/bin/squawk
work=$(mktemp -d /tmp/pgshift-lint-bench.XXXXXX); trap 'rm -rf "$work"' EXIT
: >"$work/empty.toml"
mapfile -t projects < <("$root/scripts/corpus-projects.sh" "$work/corpus")
[ ${#projects[@]} -gt 0 ] || { echo "corpus not found: nothing to measure"; exit 0; }
files=$(find "$work/corpus" -name '*.sql' | wc -l)
now() { date +%s%N; }
best() {  # best of 3 of the command given, in ms
  local best_ms="" start ms
  for _ in 1 2 3; do
    start=$(now); "$@"; ms=$(( ($(now) - start) / 1000000 ))
    if [ -z "$best_ms" ] || [ "$ms" -lt "$best_ms" ]; then best_ms=$ms; fi
  done
  echo "$best_ms"
}
run_pgshift() { for p in "${projects[@]}"; do "$bin" lint "$p" --config "$work/empty.toml" --format json >/dev/null 2>&1 || [ $? = 1 ]; done; }
run_squawk() {
  for p in "${projects[@]}"; do
    find "$p" -name '*.sql' -print0 | sort -z | xargs -0 env -u GITHUB_ACTIONS "$squawk" --reporter json -c "$work/empty.toml" -- </dev/null >/dev/null || true
  done
}
in_process=""
if [ -x "$(dirname "$bin")/pgshift_lint_bench" ]; then
  line=$("$(dirname "$bin")/pgshift_lint_bench" "${projects[@]}" 2>/dev/null); echo "$line"
  in_process=$(sed -n 's/.* \([0-9]*\) ms (best of 3)$/\1/p' <<<"$line")
fi
pgshift_ms=$(best run_pgshift)
squawk_ms=$(best run_squawk)
echo "corpus: ${#projects[@]} entries, $files files"
echo "pgshift lint, one process per entry (history replayed, statement + schema rules): ${pgshift_ms} ms"
echo "squawk 2.66.0, one process per entry (each file alone): ${squawk_ms} ms"
awk -v p="$pgshift_ms" -v s="$squawk_ms" 'BEGIN { printf "ratio pgshift / squawk, one process per entry each: %.2f\n", (s > 0 ? p / s : 0) }'
[ -z "$in_process" ] || awk -v p="$in_process" -v s="$squawk_ms" 'BEGIN { printf "ratio pgshift in one process / squawk: %.2f\n", (s > 0 ? p / s : 0) }'
