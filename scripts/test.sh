#!/usr/bin/env bash
# Installs dependencies, builds with warnings as errors, starts a throwaway PostgreSQL 15, and runs
# every test under CTest: unit tests, the binary's outputs against golden files, the fixture apps
# and planner scenarios against the server, and the shared corpus when it is there (skipped, not
# passed, when it is not). Arguments go to ctest (e.g. -R diff_scenarios). .ci/run adds the
# sanitizer build and the fuzzer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" -DPGSHIFT_WERROR=ON
# The peer tools pgshift lint's tests run (squawk, ajv), from tests/lint-peers/package-lock.json.
"$root/scripts/lint-peers.sh" "$root/build/lint-peers" >/dev/null
server_dir=$(mktemp -d /tmp/pgshift-ci.XXXXXX)
PGSHIFT_TEST_URL=$(PGSHIFT_PG_PORT=${PGSHIFT_PG_PORT:-55433} "$root/scripts/pg-test-server.sh" start "$server_dir")
export PGSHIFT_TEST_URL
trap '"$root/scripts/pg-test-server.sh" stop "$server_dir"' EXIT
ctest --test-dir "$root/build" --output-on-failure "$@"
