#!/usr/bin/env bash
# Builds the libFuzzer target with clang and runs it over parse + replay, seeded with the fixture
# migrations (and ../shared/corpus when present).
#   fuzz/run.sh [SECONDS]   (default 600)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
command -v clang++ >/dev/null || { echo "needs clang (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
CC=clang CXX=clang++ cmake -S "$root" -B "$root/build-fuzz" -DPGSHIFT_FUZZ=ON -DPGSHIFT_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build-fuzz" -j"$(nproc)" --target pgshift_fuzz >/dev/null
seeds=$(mktemp -d)
find "$root/fixtures" "$root/../shared/corpus" -name '*.sql' -size -64k -exec cp {} "$seeds/" \; 2>/dev/null || true
cd "$(mktemp -d)"
LSAN_OPTIONS="suppressions=$root/fuzz/lsan.supp" "$root/build-fuzz/pgshift_fuzz" \
  -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "$seeds"
