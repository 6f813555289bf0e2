#!/usr/bin/env bash
# CTest wrapper: scripts/corpus-counts.sh must report every corpus entry matching (skips without a corpus).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
output=$("$root/scripts/corpus-counts.sh" "$1" 2>&1 | grep -v NOTICE)
echo "$output"
last=$(echo "$output" | tail -1)
case "$last" in
  *skipped) exit 0 ;;
  *" entries match") read -r matched total <<<"$(echo "$last" | sed 's#^\([0-9]*\)/\([0-9]*\).*#\1 \2#')"; [ "$matched" = "$total" ] ;;
  *) exit 1 ;;
esac
