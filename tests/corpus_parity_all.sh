#!/usr/bin/env bash
# CTest wrapper: scripts/corpus-parity.sh must report every corpus entry identical (skips without a corpus).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
output=$("$root/scripts/corpus-parity.sh" "$1" 2>&1 | grep -v NOTICE)
echo "$output"
last=$(echo "$output" | tail -1)
case "$last" in
  *skipped) exit 0 ;;
  *" entries identical") read -r matched total <<<"$(echo "$last" | sed 's#^\([0-9]*\)/\([0-9]*\).*#\1 \2#')"; [ "$matched" = "$total" ] ;;
  *) exit 1 ;;
esac
