#!/usr/bin/env bash
# Builds the libFuzzer target with clang (the `fuzz` preset, build-fuzz/) and runs it over
# parse + replay, seeded with the fixtures' SQL (and ../shared/corpus when present). Exits non-zero
# on a crash, a leak or a timeout; the input is written to the printed crash file.
#   fuzz/run.sh [SECONDS]   (default 600)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
command -v clang++ >/dev/null || { echo "needs clang (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
cd "$root"
cmake --preset fuzz >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target pgshift_fuzz >/dev/null
seeds=$(mktemp -d)
artifacts=$(mktemp -d /tmp/pgshift-fuzz.XXXXXX)
trap 'rm -rf "$seeds"; rmdir "$artifacts" 2>/dev/null' EXIT
source "$root/scripts/corpus-dir.sh"
# Named by content: the fixtures hold many a.sql, and equal files are one seed.
while IFS= read -r -d '' file; do
  cp "$file" "$seeds/$(md5sum <"$file" | cut -c1-16).sql"
done < <(find "$root/fixtures" "$corpus" -name '*.sql' -size -64k -print0 2>/dev/null)
echo "fuzzing for $seconds s from $(ls "$seeds" | wc -l) seeds; crash inputs go to $artifacts/"
LSAN_OPTIONS="suppressions=$root/fuzz/lsan.supp" "$root/build-fuzz/pgshift_fuzz" \
  -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "$seeds"
