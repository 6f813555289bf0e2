#!/usr/bin/env bash
# CTest wrapper: scripts/corpus.sh MODE must report every corpus entry good (skips without a corpus).
#   usage: corpus_all.sh counts|parity|converge PGSHIFT
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
output=$("$root/scripts/corpus.sh" "$1" "$2" 2>&1 | grep -v NOTICE)
echo "$output"
last=$(echo "$output" | tail -1)
case "$last" in
  *skipped) exit 0 ;;
  *" entries "*|*" converged") read -r good total <<<"$(echo "$last" | sed 's#^\([0-9]*\)/\([0-9]*\).*#\1 \2#')"; [ "$good" = "$total" ] ;;
  *) exit 1 ;;
esac
