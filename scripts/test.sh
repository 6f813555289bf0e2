#!/usr/bin/env bash
# Installs dependencies, builds, starts a throwaway PostgreSQL 15, and runs every test under CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
server_dir=$(mktemp -d /tmp/pgshift-ci.XXXXXX)
PGSHIFT_TEST_URL=$(PGSHIFT_PG_PORT=${PGSHIFT_PG_PORT:-55433} "$root/scripts/pg-test-server.sh" start "$server_dir")
export PGSHIFT_TEST_URL
trap '"$root/scripts/pg-test-server.sh" stop "$server_dir"' EXIT
ctest --test-dir "$root/build" --output-on-failure
