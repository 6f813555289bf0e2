#!/usr/bin/env bash
# CTest wrapper: scripts/corpus.sh MODE must report every corpus entry good. Without a corpus it
# exits 77, which CTest reports as skipped (SKIP_RETURN_CODE in tests/CMakeLists.txt).
#   usage: corpus_all.sh counts|parity|converge PGSHIFT
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
output=$("$root/scripts/corpus.sh" "$1" "$2" 2>&1 | grep -v NOTICE)
echo "$output"
last=$(echo "$output" | tail -1)
case "$last" in
  *skipped) exit 77 ;;
  *" entries "*|*" converged") read -r good total <<<"$(echo "$last" | sed 's#^\([0-9]*\)/\([0-9]*\).*#\1 \2#')"; [ "$good" = "$total" ] ;;
  *) exit 1 ;;
esac
