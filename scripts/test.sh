#!/usr/bin/env bash
# Installs dependencies, builds, starts a throwaway PostgreSQL 15, and runs every test under CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
export PGSHIFT_PG_DIR=$(mktemp -d /tmp/pgshift-ci.XXXXXX)
export PGSHIFT_PG_PORT=${PGSHIFT_PG_PORT:-55433}
PGSHIFT_TEST_URL=$("$root/scripts/pg-test-server.sh" start "$PGSHIFT_PG_DIR")
export PGSHIFT_TEST_URL
trap '"$root/scripts/pg-test-server.sh" stop "$PGSHIFT_PG_DIR"' EXIT
ctest --test-dir "$root/build" --output-on-failure
